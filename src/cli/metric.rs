//! `bearing metric add|log|list|show|import|edit|delete`: the scorecard for scripts that feed
//! numbers from CI, incident tools and HR exports.

use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

use super::args::ListFormat;
use super::object::{self, DeleteArgs, ShowArgs, flagged, require_a_flag, retrying};
use super::one_on_one::person;
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::metric::{
    Cadence, Direction, MetricFields, MetricGroup, Unit, parse_number, parse_optional, parse_warn,
};
use crate::limited_read::{Limited, read_limited};
use crate::ops::metrics::{self, Entry};
use crate::ops::metrics_import::{MAX_CSV_BYTES, import_csv};
use crate::ops::objects::metric::{MetricFilter, MetricObject};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum MetricCommand {
    /// Add a metric (a KPI) to the scorecard
    Add(MetricAddArgs),
    /// Log a metric's number for the period containing --date (default today); logging again
    /// for the same period replaces it
    Log {
        #[arg(value_name = "ID|NAME")]
        metric: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// Any day of the period (default: today)
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        /// A note for the period (default: the note it has, if any)
        #[arg(long)]
        note: Option<String>,
    },
    /// List metrics with their latest number, status and trend
    List {
        /// Only this group: delivery, reliability, quality, people, cost or other
        #[arg(long)]
        group: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Show one metric with its history and the goals it measures
    Show(ShowArgs),
    /// Import numbers from a CSV file of date,metric,value[,note] rows (`-`: standard input);
    /// all rows or none, and importing the same rows again changes nothing
    Import {
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// Change a metric's settings; only the flags given change
    Edit(MetricEditArgs),
    /// Delete a metric with its values (goals it measures keep their progress)
    Delete(DeleteArgs),
}

/// The settings `add` and `edit` share.
#[derive(Debug, Args, Default)]
pub struct MetricSettings {
    /// count, percent, hours, days, currency or score
    #[arg(long)]
    pub unit: Option<String>,
    /// up (higher is better) or down (lower is better)
    #[arg(long)]
    pub direction: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub target: Option<String>,
    /// Where warning ends and off target begins (90), or a band around the target (±5)
    #[arg(long, allow_hyphen_values = true)]
    pub warn: Option<String>,
    /// weekly, monthly or quarterly
    #[arg(long)]
    pub cadence: Option<String>,
    /// The person who owns the number (id or name), or `me`
    #[arg(long)]
    pub owner: Option<String>,
    /// delivery, reliability, quality, people, cost or other
    #[arg(long)]
    pub group: Option<String>,
    /// Where the number comes from
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
}

#[derive(Debug, Args)]
pub struct MetricAddArgs {
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub settings: MetricSettings,
}

#[derive(Debug, Args)]
pub struct MetricEditArgs {
    #[arg(value_name = "ID|NAME")]
    pub metric: String,
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub settings: MetricSettings,
}

pub fn run(ctx: &Context, cmd: MetricCommand) -> Result<(), CliError> {
    match cmd {
        MetricCommand::Add(args) => add(ctx, &args),
        MetricCommand::Log {
            metric,
            value,
            date,
            note,
        } => log(ctx, &metric, &value, date.as_deref(), note),
        MetricCommand::List { group, format } => {
            let filter = MetricFilter {
                group: group.as_deref().map(word::<MetricGroup>).transpose()?,
            };
            let store = ctx.read()?;
            object::list::<MetricObject>(ctx, &store, &filter, filter.group.is_some(), format)
        }
        MetricCommand::Show(args) => object::show::<MetricObject>(ctx, &args),
        MetricCommand::Import { file } => import(ctx, &file),
        MetricCommand::Edit(args) => edit(ctx, &args),
        MetricCommand::Delete(args) => object::delete::<MetricObject>(ctx, &args),
    }
}

fn word<W: Word>(text: &str) -> Result<W, CliError> {
    W::parse(text).map_err(|e| flagged(e.into()))
}

/// The settings given applied to `f`; the owner is looked up in `store`.
fn apply(store: &Store, f: &mut MetricFields, s: &MetricSettings) -> Result<(), CliError> {
    let number = |e: crate::domain::Invalid| flagged(e.into());
    if let Some(u) = &s.unit {
        f.unit = word::<Unit>(u)?;
    }
    if let Some(d) = &s.direction {
        f.direction = word::<Direction>(d)?;
    }
    if let Some(t) = &s.target {
        f.target = parse_optional("target", t).map_err(number)?;
    }
    if let Some(w) = &s.warn {
        f.warn = parse_warn(w).map_err(number)?;
    }
    if let Some(c) = &s.cadence {
        f.cadence = word::<Cadence>(c)?;
    }
    if let Some(g) = &s.group {
        f.group = word::<MetricGroup>(g)?;
    }
    if let Some(o) = &s.owner {
        f.owner_id = if o.trim().eq_ignore_ascii_case("me") {
            None
        } else {
            Some(
                person(store, o)
                    .map_err(|e| CliError::usage(format!("--owner: {e}")))?
                    .id,
            )
        };
    }
    if let Some(source) = &s.source {
        f.source.clone_from(source);
    }
    if let Some(team) = &s.team {
        f.team.clone_from(team);
    }
    Ok(())
}

fn settings_line(f: &MetricFields) -> String {
    let target = f
        .target
        .map(|t| {
            let sign = match f.direction {
                Direction::Up => "≥",
                Direction::Down => "≤",
            };
            format!(", target {sign} {}", f.shown(t))
        })
        .unwrap_or_default();
    format!(
        "\"{}\" ({}, {}{target})",
        f.name,
        f.cadence.as_str(),
        f.unit.as_str()
    )
}

fn add(ctx: &Context, args: &MetricAddArgs) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let mut fields = MetricFields::new(&args.name, ctx.config.week_start);
    apply(&store, &mut fields, &args.settings)?;
    let m = metrics::add_metric(&mut store, fields, ctx.now()).map_err(flagged)?;
    say!("Added metric {}: {}.", m.id, settings_line(&m.fields))
}

fn edit(ctx: &Context, args: &MetricEditArgs) -> Result<(), CliError> {
    let s = &args.settings;
    require_a_flag(&[
        ("--name", args.name.is_some()),
        ("--unit", s.unit.is_some()),
        ("--direction", s.direction.is_some()),
        ("--target", s.target.is_some()),
        ("--warn", s.warn.is_some()),
        ("--cadence", s.cadence.is_some()),
        ("--owner", s.owner.is_some()),
        ("--group", s.group.is_some()),
        ("--source", s.source.is_some()),
        ("--team", s.team.is_some()),
    ])?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<MetricObject>(&store, &args.metric)?;
    let saved = retrying(|| {
        let before = metrics::resolve_metric(store.conn(), &id.to_string())?;
        let mut fields = before.fields.clone();
        if let Some(name) = &args.name {
            fields.name.clone_from(name);
        }
        apply(&store, &mut fields, s)?;
        Ok(metrics::update_metric(
            &mut store,
            id,
            fields,
            Some(&before.fields),
            ctx.now(),
        ))
    })?;
    let m = &saved.value;
    if saved.changed {
        say!("Updated metric {id}: {}.", settings_line(&m.fields))
    } else {
        say!(
            "Metric {id} \"{}\" already has these values: nothing changed.",
            m.fields.name
        )
    }
}

fn log(
    ctx: &Context,
    metric: &str,
    value: &str,
    date: Option<&str>,
    note: Option<String>,
) -> Result<(), CliError> {
    let value = parse_number("value", value)
        .map_err(|e| CliError::usage(format!("VALUE: {}", e.message)))?;
    let date = match date {
        Some(d) => ctx.date("--date", d)?,
        None => ctx.today(),
    };
    let mut store = ctx.open_existing()?;
    let id = object::find::<MetricObject>(&store, metric)?;
    let entry = Entry { date, value, note };
    let logged = metrics::log_value(&mut store, id, entry, None, ctx.now()).map_err(flagged)?;
    if logged.changed {
        say!("{}", logged.sentence())
    } else {
        let f = &logged.metric.fields;
        say!(
            "{}, {} holds {} already: nothing changed.",
            f.name,
            logged.period.label(),
            f.shown(logged.value)
        )
    }
}

fn import(ctx: &Context, file: &Path) -> Result<(), CliError> {
    let stdin = file == Path::new("-");
    let source = if stdin {
        "standard input".to_string()
    } else {
        file.display().to_string()
    };
    let read = if stdin {
        super::stdio::read_stdin(MAX_CSV_BYTES)
    } else {
        std::fs::File::open(file).and_then(|f| read_limited(f, MAX_CSV_BYTES))
    };
    let bytes = match read.map_err(|e| CliError::usage(format!("cannot read {source}: {e}")))? {
        Limited::Within(bytes) => bytes,
        Limited::Over => {
            return Err(CliError::usage(format!(
                "cannot import {source}: it is larger than {} MB, the most `metric import` \
                 reads; split it; nothing was imported",
                MAX_CSV_BYTES / (1024 * 1024)
            )));
        }
    };
    let mut store = ctx.open_existing()?;
    let s = import_csv(&mut store, &bytes, &source, ctx.now())?;
    say!(
        "Imported {source}: {} rows; {} added, {} replaced, {} unchanged.",
        s.rows,
        s.added,
        s.replaced,
        s.unchanged
    )
}
