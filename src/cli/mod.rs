//! The command line: clap arguments, and one module per command group. Prints text, JSON or
//! Markdown; never touches the terminal UI.

// First, so its `say!` and `note!` are in scope in every command module.
#[macro_use]
mod output;

mod object;

mod action;
mod agenda;
mod args;
mod backup;
mod decision;
mod demo;
mod export;
mod goal;
mod health;
mod import_ics;
mod init;
mod link;
mod metric;
mod note;
mod one_on_one;
mod org;
mod person;
mod plan;
mod radar;
mod record;
mod report;
mod risk;
mod ritual;
mod shell;
pub mod stdio;
mod topic;

pub use args::Cli;
pub use output::{error as report, parse_args};

use chrono::NaiveDateTime;
use std::path::PathBuf;

use crate::clock::Clock;
use crate::config::{Config, KeyCheck};
use crate::ops::OpsError;
use crate::output_file::OutputError;
use crate::store::{Store, StoreError};
use args::Command;

/// A failed command: the message for stderr and the exit code (2: fix your input; 1: other).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
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

    /// The database for a command that adds something: created (privately) when missing. Its
    /// writes are journaled as the command line's, so `bearing history` shows them and no
    /// cockpit window undoes them.
    pub fn open(&self) -> Result<Store, CliError> {
        let mut store = Store::open(&self.db)?;
        if !store.is_read_only() {
            store.journal_as_command(self.now())?;
        }
        Ok(store)
    }

    /// The database for a command that reads it, or changes something already in it: a
    /// missing file is an error and nothing is created (a mistyped `--db` must not look like
    /// an empty database). Writes are journaled as with [`Context::open`].
    pub fn open_existing(&self) -> Result<Store, CliError> {
        self.require_database()?;
        self.open()
    }

    /// The database for a command that only reads: a missing file is an error, nothing is
    /// created.
    pub fn read(&self) -> Result<Store, CliError> {
        self.require_database()?;
        Ok(Store::open(&self.db)?)
    }

    /// The database for replacing or filling it whole (`import`, `restore`, `demo`,
    /// `import-ics`): created when missing, not journaled (the journal would copy everything,
    /// and an import must give back the export it read).
    pub fn open_unjournaled(&self) -> Result<Store, CliError> {
        Ok(Store::open(&self.db)?)
    }

    fn require_database(&self) -> Result<(), CliError> {
        match std::fs::metadata(&self.db) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(CliError::failure(format!(
                "no database at {} (create one with `bearing init` or any add command)",
                self.db.display()
            ))),
            // Anything else (a directory, no permission) is Store::open's to explain.
            _ => Ok(()),
        }
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

fn load_config(cli: &Cli, key_check: KeyCheck) -> Result<Config, CliError> {
    if cli.globals.ignore_config {
        return Ok(Config::default());
    }
    let path = match &cli.globals.config {
        Some(p) => Some(p.clone()),
        None => crate::paths::config_file(),
    };
    match path {
        Some(p) => Config::load(&p, key_check).map_err(|e| CliError::usage(e.to_string())),
        None => Ok(Config::default()),
    }
}

fn clock(cli: &Cli) -> Result<Clock, CliError> {
    match &cli.globals.now {
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

/// What is left to do once the command line has run: nothing, or the cockpit on a database
/// (the binary starts it: the command line never imports the TUI).
pub enum Next {
    Done,
    Cockpit(Box<Cockpit>),
}

/// The cockpit's database, config and clock, ready to start.
pub struct Cockpit {
    pub store: Store,
    pub config: Config,
    pub clock: Clock,
    pub start: crate::ops::agenda::Start,
}

impl Context {
    pub(crate) fn cockpit(&self, store: Store) -> Next {
        self.cockpit_from(store, crate::ops::agenda::Start::at(self.now()))
    }

    fn cockpit_from(&self, store: Store, start: crate::ops::agenda::Start) -> Next {
        Next::Cockpit(Box::new(Cockpit {
            store,
            config: self.config.clone(),
            clock: self.clock,
            start,
        }))
    }

    /// The cockpit on the database, its radar read beside the store while it opens.
    fn open_cockpit(&self) -> Result<Next, CliError> {
        let (store, start) = crate::ops::agenda::Start::open(
            &self.db,
            self.now(),
            self.config.radar_lead_days,
            self.config.skip_level_weeks,
        )?;
        Ok(self.cockpit_from(store, start))
    }
}

/// Runs the parsed command line. `key_check` validates the config's key bindings (the keymap
/// belongs to the TUI; the binary passes its checker in).
pub fn run(cli: Cli, key_check: KeyCheck) -> Result<Next, CliError> {
    // Works even when the config file is broken: that is when people look for it.
    match &cli.command {
        Some(Command::Config(cmd)) => return config(&cli.globals.config, cmd).map(|()| Next::Done),
        // Generated from the grammar: no database, no config.
        Some(Command::Completions { shell }) => {
            return shell::completions(*shell).map(|()| Next::Done);
        }
        Some(Command::Man) => return shell::man().map(|()| Next::Done),
        _ => {}
    }
    let is_demo = matches!(cli.command, Some(Command::Demo(_)));
    let db = match &cli.globals.db {
        Some(p) => p.clone(),
        None => default_db(is_demo)?,
    };
    let ctx = Context {
        db,
        config: load_config(&cli, key_check)?,
        clock: clock(&cli)?,
    };
    // A command refused makes no database: one it created for itself goes again.
    let fresh = cli
        .command
        .is_some()
        .then(|| crate::store::fresh::Fresh::note(&ctx.db))
        .flatten();
    let done = match cli.command {
        None => ctx.open_cockpit(),
        Some(Command::Demo(args)) => demo::run(&ctx, &args, cli.globals.db.is_some()),
        Some(command) => run_command(&ctx, command, &cli.globals.config).map(|()| Next::Done),
    };
    if let (Err(_), Some(fresh)) = (&done, fresh) {
        fresh.discard_if_empty();
    }
    done
}

/// Runs a command line as the binary does, in this process, with this thread's standard
/// streams on buffers (standard input holds `stdin`): the exit status, and what it wrote. A
/// command that would start the cockpit fails instead (it needs a terminal). Tests run thousands
/// of commands this way without starting a process for each.
pub fn run_in_process<I, T>(args: I, stdin: Vec<u8>, key_check: KeyCheck) -> (u8, stdio::Captured)
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    stdio::capture(stdin, || {
        let cli = match Cli::read(args) {
            Ok(cli) => cli,
            Err(e) => return u8::try_from(output::parse_error(&e)).unwrap_or(1),
        };
        let failed = match run(cli, key_check) {
            Ok(Next::Done) => return 0,
            Ok(Next::Cockpit(_)) => CliError::failure("the cockpit needs a terminal"),
            Err(e) => e,
        };
        report(&failed);
        failed.code
    })
}

/// A command that does its work and ends.
fn run_command(
    ctx: &Context,
    command: Command,
    config_path: &Option<PathBuf>,
) -> Result<(), CliError> {
    match command {
        // Handled by `run`: they can end in the cockpit.
        Command::Demo(_) => Ok(()),
        Command::Person(cmd) => person::run(ctx, cmd),
        Command::Ritual(cmd) => ritual::run(ctx, cmd),
        Command::Agenda(args) => agenda::run(ctx, &args),
        Command::Init(args) => init::run(ctx, &args),
        Command::Export(args) => export::run(ctx, &args),
        Command::Import { file } => export::import(ctx, &file),
        Command::Backup { path, force } => backup::backup(ctx, path.as_deref(), force),
        Command::Restore { file, yes } => backup::restore(ctx, &file, yes),
        Command::ImportIcs(args) => import_ics::run(ctx, &args),
        Command::Topic(cmd) => topic::run(ctx, cmd),
        Command::Action(cmd) => action::run(ctx, cmd),
        Command::Note(cmd) => note::run(ctx, cmd),
        Command::Decision(cmd) => decision::run(ctx, cmd),
        Command::Prep {
            person,
            format,
            include_private,
        } => one_on_one::prep(ctx, &person, format, include_private),
        Command::Search { query, format } => one_on_one::search(ctx, &query, format),
        Command::Goal(cmd) => goal::run(ctx, cmd),
        Command::Link(args) => link::link(ctx, &args),
        Command::Unlink(args) => link::unlink(ctx, &args),
        Command::Next { format } => next(ctx, format),
        Command::Radar { format } => radar::run(ctx, format),
        Command::History { limit, format } => history(ctx, limit, format),
        Command::Config(cmd) => config(config_path, &cmd),
        Command::Completions { shell } => shell::completions(shell),
        Command::Man => shell::man(),
        Command::Plan(args) => plan::plan(ctx, &args),
        Command::Risk(cmd) => risk::run(ctx, cmd),
        Command::Metric(cmd) => metric::run(ctx, cmd),
        Command::Report(cmd) => report::run(ctx, cmd),
    }
}

/// `bearing next`: one short line for a status bar, or JSON.
fn next(ctx: &Context, format: args::ListFormat) -> Result<(), CliError> {
    let store = ctx.read()?;
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
                    say!("{} {when}", i.display_title())?;
                }
                None => say!("no meetings in the next two weeks")?,
            }
            Ok(())
        }
    }
}

/// `bearing history`: who changed what when: each cockpit window's changes and each command's.
fn history(ctx: &Context, limit: u32, format: args::ListFormat) -> Result<(), CliError> {
    let store = ctx.read()?;
    let changes = crate::ops::history::recent(&store, limit)?;
    match format {
        args::ListFormat::Json => output::print_json(&changes),
        args::ListFormat::Text => {
            if changes.is_empty() {
                say!("No changes recorded yet.")?;
            }
            for (c, words) in crate::ops::history::lines(&store, &changes)? {
                let state = match c.undone {
                    0 => "",
                    1 => "  (undone; Ctrl-R in its window redoes it)",
                    _ => "  (undone)",
                };
                say!(
                    "{}  {:<7}  {}{state}",
                    c.at.replace('T', " "),
                    c.by.unwrap_or("-"),
                    words
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
