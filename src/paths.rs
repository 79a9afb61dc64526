//! Where Bearing keeps its files by default (platform directories from `directories`).

use directories::ProjectDirs;
use std::path::PathBuf;

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "bearing")
}

/// The default database: `<data dir>/bearing.db`.
pub fn default_db() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("bearing.db"))
}

/// The database `bearing demo` fills when no `--db` is given, kept apart from real data.
pub fn demo_db() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("demo.db"))
}

/// The config file: `<config dir>/config.toml`.
pub fn config_file() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}
