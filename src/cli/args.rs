//! The command-line grammar (SPEC.md §2).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "bearing",
    version,
    about = "A terminal planning cockpit for engineering leaders: agenda, rituals, 1:1s, 30/60/90 plan, risks.",
    long_about = None,
    after_help = "Run without a command to open the cockpit. Data stays in one local SQLite file."
)]
pub struct Cli {
    /// Database file (default: the platform data directory's bearing.db)
    #[arg(long, global = true, env = "BEARING_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Config file (default: the platform config directory's config.toml)
    #[arg(long, global = true, env = "BEARING_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Start with the default settings, ignoring the config file
    #[arg(long, global = true)]
    pub ignore_config: bool,

    /// Pretend the time is YYYY-MM-DDTHH:MM (for scripts, tests and screenshots)
    #[arg(
        long,
        global = true,
        env = "BEARING_NOW",
        value_name = "TIME",
        hide = true
    )]
    pub now: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill a database with realistic sample data and open the cockpit on it
    Demo(DemoArgs),
    /// People: direct reports, peers, managers, stakeholders
    #[command(subcommand)]
    Person(PersonCommand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoSize {
    /// A director's org: a handful of teams and people
    Small,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, value_enum, default_value = "small")]
    pub size: DemoSize,
    /// Seed for generated sizes (the same seed gives the same database); the small demo is fixed
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Only fill the database; do not open the cockpit
    #[arg(long)]
    pub no_tui: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person, optionally with a regular 1:1
    Add(PersonAddArgs),
    /// List people
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
}

#[derive(Debug, Args)]
pub struct PersonAddArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long, default_value = "")]
    pub role: String,
    #[arg(long, default_value = "")]
    pub team: String,
    /// report, peer, manager or stakeholder
    #[arg(long, default_value = "report")]
    pub relation: String,
    /// 1:1 cadence as an RRULE, e.g. "FREQ=WEEKLY;BYDAY=TU" (needs --at)
    #[arg(long, value_name = "RRULE", requires = "at")]
    pub cadence: Option<String>,
    /// 1:1 time of day, HH:MM
    #[arg(long, value_name = "HH:MM", requires = "cadence")]
    pub at: Option<String>,
    /// 1:1 length in minutes
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(5..=240))]
    pub duration: u32,
}
