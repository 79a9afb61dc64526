//! The integration tests, as one binary: the CLI, the TUI in a pseudo-terminal, snapshots,
//! storage and reliability. One binary links the crate once instead of once per file.
// Tests print diagnostics of their own; the rule that output goes through cli::output is for Bearing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_macros)]

mod support;

mod calendar_corpus;
mod calendar_export_interop;
mod cli;
mod cli_agenda;
mod cli_calendar_export;
mod cli_daylight_saving;
mod cli_decisions;
mod cli_import_errors;
mod cli_import_ics;
mod cli_import_ics_rules;
mod cli_interop;
mod cli_json_docs;
mod cli_links;
mod cli_metric;
mod cli_missing_db;
mod cli_objects;
mod cli_one_on_one;
mod cli_org;
mod cli_output_files;
mod cli_plan;
mod cli_report;
mod cli_risks;
mod cli_rituals;
mod cli_shell;
mod cli_text_limits;
mod config_fixtures;
mod e2e_agenda;
mod e2e_connected;
mod e2e_day;
mod e2e_director_day;
mod e2e_idle;
mod e2e_objects;
mod e2e_one_on_one;
mod e2e_people;
mod e2e_plan;
mod e2e_risks;
mod e2e_ritual_schedule;
mod e2e_scorecard;
mod e2e_stale;
mod e2e_undo;
mod e2e_undo_writers;
mod hostile_journals;
mod layering;
mod reliability_backups;
mod reliability_cli_args;
mod reliability_clock;
mod reliability_concurrency;
mod reliability_crash;
mod reliability_files;
mod reliability_hostile_db;
mod reliability_hostile_ics;
mod reliability_hostile_text;
mod reliability_input;
mod reliability_privacy;
mod reliability_stale;
mod reliability_terminal;
mod reliability_unbounded_input;
mod reliability_unicode;
mod snapshots;
mod snapshots_agenda;
mod store;
