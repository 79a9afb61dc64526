//! Use-cases shared by the CLI and the TUI: validate, then store, each in one transaction.
//! Nothing here reads the clock; callers pass `now`.

pub mod demo;
mod error;
pub mod people;

pub use error::OpsError;
