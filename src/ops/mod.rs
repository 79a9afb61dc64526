//! Use-cases shared by the CLI and the TUI: validate, then store, each in one transaction.
//! Nothing here reads the clock; callers pass `now`.

pub mod actions;
pub mod agenda;
pub mod backups;
pub mod calendar;
pub mod decision_adr;
pub mod decisions;
pub mod demo;
mod demo_decisions;
pub mod demo_large;
mod demo_metrics;
mod demo_risks;
pub mod edit;
mod error;
pub mod export;
mod follow_through;
pub mod health;
pub mod history;
mod history_words;
mod ics;
pub mod ics_read;
mod import_text;
pub mod json;
mod json_stream;
pub mod json_text;
pub mod links;
pub mod markdown;
pub mod metrics;
pub mod metrics_import;
pub mod objects;
pub mod one_on_ones;
pub mod org;
pub mod people;
pub mod person_delete;
pub mod plan;
pub mod prep_picture;
mod recording;
pub mod report;
pub mod risks;
mod ritual_carry;
pub mod rituals;
pub mod scorecard;
pub mod search;
pub mod templates;
pub mod topics;

pub use error::OpsError;
