//! Where Bearing keeps its files by default (platform directories from `directories`).

use directories::ProjectDirs;
use std::path::{Path, PathBuf};

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

/// A file's device and inode, read without opening it (opening and closing a handle on the
/// database would drop this process's locks on it): the same pair is the same file, whatever
/// path, symbolic or hard link names it.
pub fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The files SQLite keeps beside a database while a connection has it open: its write-ahead
/// log, its shared memory and a rollback journal.
pub const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `db` with `suffix` added to its name: `bearing.db-wal` for `-wal`.
pub fn companion(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}
