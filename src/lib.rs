//! Bearing: a terminal planning cockpit for engineering leaders.
//!
//! Layers, innermost first: `domain` (plain types and validation), `schedule` (pure recurrence and
//! agenda assembly), `store` (all SQL), `ops` (use-cases shared by the CLI and the TUI), then the
//! two front ends, `cli` and `tui`. Inner layers never import outer ones. Beside them, leaf
//! modules any layer may use: `paths` (default locations), `output_file` (writing a file the
//! user named without destroying anything) and `limited_read` (reading one with a ceiling).

// Tests may print their figures; the program itself writes through `cli::output` (clippy.toml).
#![cfg_attr(test, allow(clippy::disallowed_macros))]

pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod limited_read;
pub mod ops;
pub mod output_file;
pub mod paths;
pub mod schedule;
pub mod store;
pub mod tui;
