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
    #[command(flatten)]
    pub globals: Globals,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The options every command takes, before or after its name.
#[derive(Debug, Args)]
pub struct Globals {
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
}

/// The cockpit's command line: the global options and no command. Read first, it spares the
/// start building every command's arguments (clap's millisecond); any other line (a command,
/// `--help`, `--version`, a mistake) fails here and is read as a [`Cli`].
#[derive(Debug, Parser)]
#[command(
    name = "bearing",
    disable_help_flag = true,
    disable_version_flag = true
)]
struct CockpitLine {
    #[command(flatten)]
    globals: Globals,
}

impl Cli {
    /// Reads a command line (its first item is the program) as [`Cli::try_parse_from`] does,
    /// the cockpit's own line without building every command.
    pub fn read<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        match CockpitLine::try_parse_from(&args) {
            Ok(line) => Ok(Cli {
                globals: line.globals,
                command: None,
            }),
            Err(_) => Cli::try_parse_from(args),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill a database with realistic sample data and open the cockpit on it
    Demo(DemoArgs),
    /// People: direct reports, peers, managers, stakeholders (add, list, show, edit, delete, record a 1:1, context)
    #[command(subcommand)]
    Person(super::person::PersonCommand),
    /// Recurring meetings and one-off ones: add, list, show, edit, end, delete; skip, held, move or notes of one meeting
    #[command(subcommand)]
    Ritual(super::ritual::RitualCommand),
    /// Print the agenda: this week by default
    Agenda(AgendaArgs),
    /// Load starter content: the director template's standard rituals
    Init(InitArgs),
    /// Export data: JSON (everything, for `import`), Markdown (a readable document), ICS (calendars)
    Export(ExportArgs),
    /// Restore a JSON export into an empty database
    #[command(
        long_about = "Restore a JSON export (`bearing export --format json`) into an empty database. \
        All of it lands or none of it does. Importing into a database that already holds data is \
        refused: merging is not supported yet, so import into a new file (--db NEW.db)."
    )]
    Import {
        /// The export file, or - for standard input
        file: PathBuf,
    },
    /// Copy the database, consistently even while Bearing is open, to PATH (default: backups/ beside it)
    Backup {
        /// A new file, or a directory to put a dated copy in
        path: Option<PathBuf>,
        /// Replace PATH if it exists (never a symbolic link, never the database itself)
        #[arg(long)]
        force: bool,
    },
    /// Replace the database with a backup (the current contents are backed up first)
    Restore {
        /// A backup made by `bearing backup` or the daily automatic backup
        file: PathBuf,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
    /// Reports: the weekly or monthly digest for a status update
    #[command(subcommand)]
    Report(ReportCommand),
    /// Show an outside calendar (.ics from Google Calendar, Outlook...) on the agenda, read-only
    #[command(name = "import-ics")]
    ImportIcs(ImportIcsArgs),
    /// Talking points for someone's next 1:1: add, list, show, edit, done, reopen, delete
    #[command(subcommand)]
    Topic(super::topic::TopicCommand),
    /// Action items, mine or theirs: add, list, show, edit, done, reopen, delete
    #[command(subcommand)]
    Action(super::action::ActionCommand),
    /// Dated 1:1 notes: add, list, show, edit, delete
    #[command(subcommand)]
    Note(super::note::NoteCommand),
    /// The decision log: add, list, show, edit, status, delete, export as ADR files
    #[command(subcommand)]
    Decision(super::decision::DecisionCommand),
    /// The 1:1 prep view: next 1:1, last notes, open actions, talking points, prompts
    Prep {
        /// Id or name
        person: String,
        #[arg(long, value_enum, default_value = "md")]
        format: PrepFormat,
        /// Markdown: include their private health reads (left out otherwise)
        #[arg(long)]
        include_private: bool,
    },
    /// The audit trail: the latest changes, newest first, each marked cockpit or cli (a window's `u` undoes only its own)
    History {
        /// How many changes to show (at least 1)
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// The next meeting, for a tmux or shell prompt status line
    Next {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Print the completion script for a shell (bash, zsh, fish, elvish, powershell)
    #[command(
        after_help = "Install, e.g.: bearing completions bash > ~/.local/share/bash-completion/completions/bearing"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): bearing man > ~/.local/share/man/man1/bearing.1
    Man,
    /// What needs attention, as the cockpit's radar: late actions, reviews and acceptances,
    /// goals behind, lapsed 1:1s, and what comes due within `radar_lead_days`
    Radar {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Where the config file lives, or the commented defaults
    #[command(subcommand)]
    Config(ConfigCommand),
    /// 30/60/90-day plan goals: add, list, show, edit, delete, status, check in, roll over
    #[command(subcommand)]
    Goal(super::goal::GoalCommand),
    /// Show the 30/60/90-day plan, or start it
    Plan(PlanArgs),
    /// Link two objects: bearing link goal:3 risk:7 (a risk threatens a goal, an action
    /// advances it, a meeting reviewed it)
    Link(super::link::LinkArgs),
    /// Remove the link between two objects (both stay): bearing unlink goal:3 risk:7
    Unlink(super::link::LinkArgs),
    /// Full-text search over everything: people, rituals, goals, risks, decisions, meeting notes, talking points, actions, notes and private context
    Search {
        query: String,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// The risk register: add, list, show, edit (or update), review, delete
    #[command(subcommand)]
    Risk(RiskCommand),
    /// The scorecard's metrics: add, log, list, show, import (CSV), edit, delete
    #[command(subcommand)]
    Metric(super::metric::MetricCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path
    Path,
    /// Print the commented default config
    Default,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    pub command: Option<PlanCommand>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Start the plan on DATE (or move its start)
    Start { date: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrepFormat {
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Text,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// First day (2026-12-01, today, mon, next mon, +1w ...); default: the start of this week
    #[arg(long)]
    pub from: Option<String>,
    /// How many days (1 to 366); default 7
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: u32,
    #[arg(long, value_enum, default_value = "text")]
    pub format: DocFormat,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The week's digest: rituals and 1:1s held, skipped or missed; actions opened and closed;
    /// decisions made and pending; risks new, closed or changed in score; goals' progress
    /// risks that changed score; goals' progress; the scorecard's numbers
    Week(ReportWeekArgs),
    /// The month's digest: the same as the week's over a calendar month (--from: any day of it)
    Month(ReportWeekArgs),
}

#[derive(Debug, Args)]
pub struct ReportWeekArgs {
    /// Any day of the week to report (2026-12-01, today, fri, -1w ...); default: today
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: PrepFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Template {
    /// A new engineering director: the standard operating cadence
    Director,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(long, value_enum)]
    pub template: Template,
    /// The day the template's calendar starts from (default: today)
    #[arg(long)]
    pub start: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Everything, losslessly, for `bearing import`
    Json,
    /// A readable document: plan, rituals, people, risk register, this week
    Md,
    /// Rituals and 1:1s as recurring events, actions as to-dos
    Ics,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportSection {
    /// Phases and goals with status, progress, due date and success criteria
    Plan,
    /// Recurring meetings and their schedules
    Rituals,
    /// People with their notes, actions and open talking points
    People,
    /// The risk register, by score
    Risks,
    /// The decision log, newest first, with context and consequences
    Decisions,
    /// The scorecard: each metric's latest number against its target
    Scorecard,
    /// This week's agenda
    Week,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only this part of the Markdown document
    #[arg(long, value_enum)]
    pub section: Option<ExportSection>,
    /// Markdown: include private health reads (morale, flight risk), left out otherwise
    #[arg(long)]
    pub include_private: bool,
    /// Write to FILE instead of standard output (created private, 0600; an existing file is
    /// refused unless --force)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists (never a symbolic link, never the database itself)
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Importing the same calendar again replaces its events. Events are kept from a \
                  year back to two years ahead of the import; times are shown in this machine's \
                  time zone."
)]
pub struct ImportIcsArgs {
    /// The .ics file
    #[arg(required_unless_present = "remove", conflicts_with = "remove")]
    pub file: Option<PathBuf>,
    /// Name for this calendar (default: the file's full path); importing again under the same
    /// name replaces its events
    #[arg(long)]
    pub name: Option<String>,
    /// Remove the events imported under NAME (a --name, or the file's path)
    #[arg(long, value_name = "NAME", conflicts_with = "name")]
    pub remove: Option<String>,
    /// Import the rest of the calendar when some events repeat more often than Bearing follows
    /// (more than 4 times a day, or a COUNT over 10000); without it such a file is refused
    #[arg(long, conflicts_with = "remove")]
    pub skip_refused: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoSize {
    /// A director's org: a handful of teams and people
    Small,
    /// Three years of data at scale, generated from --seed: 60 people, 40 rituals, 10,000 notes,
    /// 20,000 talking points and actions, 300 goals, 1,000 risks (for benchmarks)
    Large,
    /// Ten years at scale, generated from --seed: 60 people, 40 rituals, 100,000 notes, 200,000
    /// talking points and actions, 1,000 goals, 3,000 risks (for benchmarks)
    Huge,
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
pub enum RiskCommand {
    /// Add a risk to the register
    Add(RiskAddArgs),
    /// Change a risk; a new likelihood or impact (or a --note) is kept in its score history
    #[command(alias = "update")]
    Edit(RiskUpdateArgs),
    /// List the register, closed risks included
    List(RiskListArgs),
    /// Show one risk with its score history
    Show(super::object::ShowArgs),
    /// Delete a risk with its score history (to keep the record, set --status closed instead)
    Delete(super::object::DeleteArgs),
    /// Review a risk: confirm or change its score, note what the review found, set the next review
    Review(RiskReviewArgs),
}

#[derive(Debug, Args)]
pub struct RiskListArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
    #[arg(long, value_enum, default_value = "score")]
    pub sort: RiskSortArg,
    /// Only this status: open, monitoring or closed
    #[arg(long)]
    pub status: Option<String>,
    /// Only this category
    #[arg(long)]
    pub category: Option<String>,
    /// Only risks whose review is overdue or whose acceptance expired
    #[arg(long)]
    pub overdue: bool,
}

#[derive(Debug, Args)]
pub struct RiskReviewArgs {
    /// The risk's id or title
    #[arg(value_name = "ID|TITLE")]
    pub risk: String,
    /// 1 (rare) to 5 (almost certain); default: as it is
    #[arg(long, value_name = "1-5", allow_negative_numbers = true)]
    pub likelihood: Option<i64>,
    /// 1 (minimal) to 5 (severe); default: as it is
    #[arg(long, value_name = "1-5", allow_negative_numbers = true)]
    pub impact: Option<i64>,
    /// What the review found
    #[arg(long, default_value = "")]
    pub note: String,
    /// Next review (default: by the band of the score)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub next: Option<String>,
    /// For an accepted risk: when the acceptance is reconsidered
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub accept_expiry: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RiskSortArg {
    /// Highest score first
    Score,
    /// Earliest next review first
    Review,
    Category,
    Owner,
}

#[derive(Debug, Args)]
pub struct RiskAddArgs {
    /// What could happen, best written "If <cause>, then <effect>"
    #[arg(long)]
    pub title: String,
    /// 1 (rare) to 5 (almost certain)
    #[arg(long, value_name = "1-5", allow_negative_numbers = true)]
    pub likelihood: i64,
    /// 1 (minimal) to 5 (severe)
    #[arg(long, value_name = "1-5", allow_negative_numbers = true)]
    pub impact: i64,
    #[command(flatten)]
    pub details: RiskDetails,
    #[command(flatten)]
    pub links: super::link::LinkFlags,
}

#[derive(Debug, Args)]
pub struct RiskUpdateArgs {
    /// The risk's id (see `bearing risk list`) or title
    #[arg(value_name = "ID|TITLE")]
    pub risk: String,
    #[arg(long)]
    pub title: Option<String>,
    /// 1 (rare) to 5 (almost certain)
    #[arg(long, value_name = "1-5", allow_negative_numbers = true)]
    pub likelihood: Option<i64>,
    /// 1 (minimal) to 5 (severe)
    #[arg(long, value_name = "1-5", allow_negative_numbers = true)]
    pub impact: Option<i64>,
    #[command(flatten)]
    pub details: RiskDetails,
    /// open, monitoring or closed
    #[arg(long)]
    pub status: Option<String>,
    /// A note for the score history: why the score changed, what the review found
    #[arg(long)]
    pub note: Option<String>,
}

/// The optional fields `risk add` and `risk update` share.
#[derive(Debug, Args)]
pub struct RiskDetails {
    /// delivery, reliability, security, people, compliance, vendor, cost or other
    #[arg(long)]
    pub category: Option<String>,
    /// Who watches the risk: a person's name links them; other text is kept as text
    #[arg(long)]
    pub owner: Option<String>,
    /// avoid, mitigate, transfer or accept
    #[arg(long)]
    pub response: Option<String>,
    /// Next review (default: by band: critical in a week, high 2 weeks, medium a month, low a quarter)
    #[arg(long, value_name = "DATE")]
    pub review: Option<String>,
    /// What reduces the likelihood or the impact
    #[arg(long)]
    pub mitigation: Option<String>,
    /// The early sign that the risk is happening
    #[arg(long)]
    pub trigger: Option<String>,
    /// Likelihood once the mitigation works, 1-5 (with --residual-impact)
    #[arg(long, value_name = "1-5", allow_negative_numbers = true)]
    pub residual_likelihood: Option<i64>,
    /// Impact once the mitigation works, 1-5 (with --residual-likelihood)
    #[arg(long, value_name = "1-5", allow_negative_numbers = true)]
    pub residual_impact: Option<i64>,
    /// Why an accepted risk is acceptable (with --response accept)
    #[arg(long)]
    pub accept_reason: Option<String>,
    /// When an acceptance is reconsidered; past it, the risk is overdue again
    #[arg(long, value_name = "DATE")]
    pub accept_expiry: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// How clap reads a line with every command built: the outcome the quick read must match.
    fn full(line: &[&str]) -> String {
        match Cli::try_parse_from(line) {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("{:?}: {}", e.kind(), e.render()),
        }
    }

    fn quick(line: &[&str]) -> String {
        match Cli::read(line) {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("{:?}: {}", e.kind(), e.render()),
        }
    }

    #[test]
    fn the_quick_read_reads_every_line_as_the_whole_grammar_does() {
        let lines: &[&[&str]] = &[
            &["bearing"],
            &["bearing", "--db", "x.db"],
            &["bearing", "--db=x.db", "--now", "2026-11-25T09:40"],
            &["bearing", "--ignore-config", "--config", "c.toml"],
            &["bearing", "--db", "agenda"],
            &["bearing", "--db", "--now"],
            &["bearing", "--db"],
            &["bearing", "--bogus"],
            &["bearing", "--help"],
            &["bearing", "-h"],
            &["bearing", "--version"],
            &["bearing", "-V"],
            &["bearing", "help"],
            &["bearing", "agenda"],
            &["bearing", "--db", "x.db", "risk", "list", "--json"],
            &["bearing", "risk", "list", "--db", "x.db"],
            &["bearing", "--", "agenda"],
            &["bearing", "x.db"],
        ];
        for line in lines {
            assert_eq!(quick(line), full(line), "{line:?}");
        }
    }

    #[test]
    fn the_cockpit_line_takes_no_command() {
        for command in Cli::command().get_subcommands() {
            let name = command.get_name();
            assert!(
                CockpitLine::try_parse_from(["bearing", name]).is_err(),
                "{name}"
            );
        }
        assert!(CockpitLine::try_parse_from(["bearing", "--help"]).is_err());
        assert!(CockpitLine::try_parse_from(["bearing", "--version"]).is_err());
    }
}
