//! The command line: clap arguments, and one module per command group. Prints text, JSON or
//! Markdown; never touches the terminal UI.

// First, so its `say!` and `note!` are in scope in every command module.
#[macro_use]
mod output;

mod agenda;
mod args;
mod backup;
mod demo;
mod export;
mod import_ics;
mod init;
mod one_on_one;
mod person;
mod plan;
mod report;
mod risk;
mod ritual;

pub use args::Cli;
pub use output::{error as report, parse_args};

use chrono::NaiveDateTime;
use std::fmt;
use std::path::PathBuf;

use crate::config::Config;
use crate::ops::OpsError;
use crate::output_file::OutputError;
use crate::store::{Store, StoreError};
use crate::tui::Clock;
use args::Command;

/// A failed command: the message for stderr and the exit code (2: fix your input; 1: other).
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            code: 2,
        }
    }

    pub fn failure(message: impl Into<String>) -> CliError {
        CliError {
            message: message.into(),
            code: 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<OpsError> for CliError {
    fn from(e: OpsError) -> Self {
        CliError {
            message: e.to_string(),
            code: e.exit_code() as u8,
        }
    }
}

impl From<OutputError> for CliError {
    fn from(e: OutputError) -> Self {
        CliError {
            code: if e.is_bad_input() { 2 } else { 1 },
            message: e.to_string(),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError {
            code: if e.is_bad_input() { 2 } else { 1 },
            message: e.to_string(),
        }
    }
}

/// Everything a command needs besides its own arguments.
pub struct Context {
    pub db: PathBuf,
    pub config: Config,
    pub clock: Clock,
}

impl Context {
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    pub fn open(&self) -> Result<Store, CliError> {
        Ok(Store::open(&self.db)?)
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.now().date()
    }

    /// A date argument in any form the forms accept; `flag` names it in the error.
    pub fn date(&self, flag: &str, text: &str) -> Result<chrono::NaiveDate, CliError> {
        crate::domain::dates::parse_date(text, self.today())
            .map_err(|e| CliError::usage(format!("{flag}: {e}")))
    }

    pub fn date_time(&self, flag: &str, text: &str) -> Result<NaiveDateTime, CliError> {
        crate::domain::dates::parse_datetime(text, self.today())
            .map_err(|e| CliError::usage(format!("{flag}: {e}")))
    }
}

fn load_config(cli: &Cli) -> Result<Config, CliError> {
    if cli.ignore_config {
        return Ok(Config::default());
    }
    let path = match &cli.config {
        Some(p) => Some(p.clone()),
        None => crate::paths::config_file(),
    };
    match path {
        Some(p) => Config::load(&p, crate::tui::keymap::check_binding)
            .map_err(|e| CliError::usage(e.to_string())),
        None => Ok(Config::default()),
    }
}

fn clock(cli: &Cli) -> Result<Clock, CliError> {
    match &cli.now {
        None => Ok(Clock::System),
        Some(text) => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .map_err(|_| "use YYYY-MM-DDTHH:MM".to_string())
            .and_then(Clock::fixed)
            .map_err(|why| CliError::usage(format!("--now {text:?}: {why}"))),
    }
}

fn default_db(demo: bool) -> Result<PathBuf, CliError> {
    let path = if demo {
        crate::paths::demo_db()
    } else {
        crate::paths::default_db()
    };
    path.ok_or_else(|| {
        CliError::failure(
            "cannot find a home directory for the database; pass --db PATH or set BEARING_DB",
        )
    })
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    // Works even when the config file is broken: that is when people look for it.
    if let Some(Command::Config(cmd)) = &cli.command {
        return config(&cli.config, cmd);
    }
    let is_demo = matches!(cli.command, Some(Command::Demo(_)));
    let db = match &cli.db {
        Some(p) => p.clone(),
        None => default_db(is_demo)?,
    };
    let ctx = Context {
        db,
        config: load_config(&cli)?,
        clock: clock(&cli)?,
    };
    match cli.command {
        None => open_tui(&ctx, ctx.open()?),
        Some(Command::Demo(args)) => demo::run(&ctx, &args, cli.db.is_some()),
        Some(Command::Person(cmd)) => person::run(&ctx, cmd),
        Some(Command::Ritual(cmd)) => ritual::run(&ctx, cmd),
        Some(Command::Agenda(args)) => agenda::run(&ctx, &args),
        Some(Command::Init(args)) => init::run(&ctx, &args),
        Some(Command::Export(args)) => export::run(&ctx, &args),
        Some(Command::Import { file }) => export::import(&ctx, &file),
        Some(Command::Backup { path, force }) => backup::backup(&ctx, path.as_deref(), force),
        Some(Command::Restore { file, yes }) => backup::restore(&ctx, &file, yes),
        Some(Command::ImportIcs(args)) => import_ics::run(&ctx, &args),
        Some(Command::Topic(cmd)) => one_on_one::topic(&ctx, cmd),
        Some(Command::Action(cmd)) => one_on_one::action(&ctx, cmd),
        Some(Command::Note(cmd)) => one_on_one::note(&ctx, cmd),
        Some(Command::Prep { person, format }) => one_on_one::prep(&ctx, &person, format),
        Some(Command::Search { query, format }) => one_on_one::search(&ctx, &query, format),
        Some(Command::Goal(cmd)) => plan::goal(&ctx, cmd),
        Some(Command::Next { format }) => next(&ctx, format),
        Some(Command::History { limit, format }) => history(&ctx, limit, format),
        Some(Command::Config(cmd)) => config(&cli.config, &cmd),
        Some(Command::Plan(args)) => plan::plan(&ctx, &args),
        Some(Command::Risk(cmd)) => risk::run(&ctx, cmd),
        Some(Command::Report(cmd)) => report::run(&ctx, cmd),
    }
}

/// `bearing next`: one short line for a status bar, or JSON.
fn next(ctx: &Context, format: args::ListFormat) -> Result<(), CliError> {
    let store = ctx.open()?;
    let now = ctx.now();
    let item = crate::ops::agenda::next_meeting(&store, now, ctx.config.calendar_reminders)?;
    match format {
        args::ListFormat::Json => output::print_json(&item),
        args::ListFormat::Text => {
            match item {
                Some(i) => {
                    let minutes = (i.starts_at() - now).num_minutes();
                    let when = match minutes {
                        m if m < 60 => format!("in {m}m"),
                        m if m < 24 * 60 => format!("in {}h{:02}m", m / 60, m % 60),
                        _ => i.starts_at().format("%a %H:%M").to_string(),
                    };
                    say!("{} {when}", i.title)?;
                }
                None => say!("no meetings in the next two weeks")?,
            }
            Ok(())
        }
    }
}

/// `bearing history`: who changed what when, as journaled by the cockpit.
fn history(ctx: &Context, limit: u32, format: args::ListFormat) -> Result<(), CliError> {
    let store = ctx.open()?;
    let changes = crate::ops::history::recent(&store, limit)?;
    match format {
        args::ListFormat::Json => output::print_json(&changes),
        args::ListFormat::Text => {
            if changes.is_empty() {
                say!("No changes recorded yet (the cockpit records what you change in it).")?;
            }
            for c in &changes {
                let state = match c.undone {
                    0 => "",
                    1 => "  (undone; Ctrl-R in its window redoes it)",
                    _ => "  (undone)",
                };
                say!(
                    "{}  {}{state}",
                    c.at.replace('T', " "),
                    crate::ops::history::describe(c)
                )?;
            }
            Ok(())
        }
    }
}

/// `bearing config path|default`.
fn config(explicit: &Option<PathBuf>, cmd: &args::ConfigCommand) -> Result<(), CliError> {
    match cmd {
        args::ConfigCommand::Path => {
            let path = explicit
                .clone()
                .or_else(crate::paths::config_file)
                .ok_or_else(|| {
                    CliError::failure(
                        "cannot find a home directory for the config; pass --config PATH",
                    )
                })?;
            say!("{}", path.display())?;
        }
        args::ConfigCommand::Default => output::document(crate::config::DEFAULT_CONFIG)?,
    }
    Ok(())
}

pub(crate) fn open_tui(ctx: &Context, store: Store) -> Result<(), CliError> {
    match crate::tui::run(store, &ctx.config, ctx.clock) {
        Ok(crate::tui::Exit::Quit) => Ok(()),
        // The conventional status of a program ended by a signal: 128 + its number.
        Ok(crate::tui::Exit::Signal(signal)) => Err(CliError {
            message: format!(
                "stopped by {}; everything saved is kept",
                crate::tui::signal_name(signal)
            ),
            code: u8::try_from(128 + signal).unwrap_or(1),
        }),
        Err(e) => Err(CliError::failure(format!("{e:#}"))),
    }
}
