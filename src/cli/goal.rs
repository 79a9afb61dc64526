//! `bearing goal add|list|show|edit|delete|status|checkin|rollover`.

use clap::{Args, Subcommand};

use super::args::ListFormat;
use super::object::{self, DeleteArgs, ShowArgs, flagged, require_a_flag, retrying, set_or_clear};
use super::one_on_one::person;
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::metric::parse_number;
use crate::domain::plan::{
    Confidence, GoalFields, GoalMeasure, GoalStatus, parse_phase, phase_label,
};
use crate::ops::objects::goal::{Goal, GoalFilter};
use crate::ops::objects::metric::MetricObject;
use crate::ops::plan;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum GoalCommand {
    /// Add a goal to a phase
    Add(GoalAddArgs),
    /// List goals by phase
    List(GoalListArgs),
    /// Show one goal with its check-in history
    Show(ShowArgs),
    /// Change a goal; only the flags given change (a new progress or confidence joins its history)
    Edit(GoalEditArgs),
    /// Delete a goal with its check-ins
    Delete(DeleteArgs),
    /// Set a goal's status: todo, doing, done or dropped
    Status {
        #[arg(value_name = "ID|TITLE")]
        goal: String,
        /// todo, doing, done (progress becomes 100) or dropped
        status: String,
    },
    /// Record progress on a goal
    Checkin {
        #[arg(value_name = "ID|TITLE")]
        goal: String,
        /// 0 to 100
        #[arg(long)]
        progress: u32,
        /// on_track, at_risk or off_track
        #[arg(long)]
        confidence: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Move an unfinished goal into the next phase (its history records it)
    Rollover {
        #[arg(value_name = "ID|TITLE")]
        goal: String,
    },
}

#[derive(Debug, Args)]
pub struct GoalListArgs {
    /// Only this phase: 30, 60, 90, 180 or 365
    #[arg(long)]
    pub phase: Option<String>,
    /// Only this status: todo, doing, done or dropped
    #[arg(long)]
    pub status: Option<String>,
    /// Only goals behind schedule
    #[arg(long)]
    pub behind: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Args, Default)]
pub struct GoalEditArgs {
    #[arg(value_name = "ID|TITLE")]
    pub goal: String,
    #[arg(long)]
    pub title: Option<String>,
    /// 30, 60, 90, 180 or 365
    #[arg(long)]
    pub phase: Option<String>,
    /// todo, doing, done or dropped
    #[arg(long)]
    pub status: Option<String>,
    /// 0 to 100
    #[arg(long)]
    pub progress: Option<u32>,
    /// on_track, at_risk or off_track
    #[arg(long)]
    pub confidence: Option<String>,
    /// A due date of its own
    #[arg(
        long,
        value_name = "DATE",
        allow_hyphen_values = true,
        conflicts_with = "no_due"
    )]
    pub due: Option<String>,
    /// Due at the end of its phase
    #[arg(long)]
    pub no_due: bool,
    #[arg(long)]
    pub criteria: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    /// The person it is for (id or name)
    #[arg(long, conflicts_with = "no_person")]
    pub person: Option<String>,
    /// For nobody in particular
    #[arg(long)]
    pub no_person: bool,
    /// Measured by this metric (id or name): its progress runs from the metric's baseline to
    /// the target
    #[arg(long, conflicts_with = "no_metric")]
    pub metric: Option<String>,
    /// The metric's value that means done (default: the metric's own target)
    #[arg(long, allow_hyphen_values = true, requires = "metric")]
    pub metric_target: Option<String>,
    /// No longer measured by a metric (its progress stays)
    #[arg(long)]
    pub no_metric: bool,
}

#[derive(Debug, Args)]
pub struct GoalAddArgs {
    /// 30, 60, 90 (days), 180 (6 months) or 365 (12 months)
    #[arg(long)]
    pub phase: String,
    #[arg(long)]
    pub title: String,
    /// Due date (default: the end of the phase)
    #[arg(long, allow_hyphen_values = true)]
    pub due: Option<String>,
    /// Success criteria: how you will know it is done
    #[arg(long, default_value = "")]
    pub criteria: String,
    #[arg(long, default_value = "")]
    pub description: String,
    /// Measured by this metric (id or name): its progress runs from the metric's baseline to
    /// the target
    #[arg(long)]
    pub metric: Option<String>,
    /// The metric's value that means done (default: the metric's own target)
    #[arg(long, allow_hyphen_values = true, requires = "metric")]
    pub metric_target: Option<String>,
    #[command(flatten)]
    pub links: super::link::LinkFlags,
}

pub fn run(ctx: &Context, cmd: GoalCommand) -> Result<(), CliError> {
    match cmd {
        GoalCommand::Add(args) => add(ctx, args),
        GoalCommand::List(args) => list(ctx, &args),
        GoalCommand::Show(args) => object::show::<Goal>(ctx, &args),
        GoalCommand::Edit(args) => edit(ctx, &args),
        GoalCommand::Delete(args) => object::delete::<Goal>(ctx, &args),
        GoalCommand::Status { goal, status } => {
            let status = goal_status("STATUS", &status)?;
            let args = GoalEditArgs {
                goal,
                ..GoalEditArgs::default()
            };
            change(ctx, &args, Some(status))
        }
        GoalCommand::Checkin {
            goal,
            progress,
            confidence,
            note,
        } => checkin(ctx, &goal, progress, confidence.as_deref(), &note),
        GoalCommand::Rollover { goal } => {
            let mut store = ctx.open_existing()?;
            let id = object::find::<Goal>(&store, &goal)?;
            let g = plan::roll_over(&mut store, id, ctx.now()).map_err(flagged)?;
            say!(
                "Rolled goal {id} \"{}\" over into {}.",
                g.fields.title,
                phase_label(g.fields.phase)
            )
        }
    }
}

fn goal_status(flag: &str, text: &str) -> Result<GoalStatus, CliError> {
    GoalStatus::parse(text).map_err(|e| CliError::usage(format!("{flag}: {}", e.message)))
}

fn confidence(text: &str) -> Result<Confidence, CliError> {
    Confidence::parse(text).map_err(|e| CliError::usage(format!("--confidence: {}", e.message)))
}

fn phase(text: &str) -> Result<u32, CliError> {
    parse_phase(text).map_err(|e| CliError::usage(format!("--phase: {}", e.message)))
}

fn add(ctx: &Context, args: GoalAddArgs) -> Result<(), CliError> {
    let phase = phase(&args.phase)?;
    let due = args.due.map(|d| ctx.date("--due", &d)).transpose()?;
    let mut store = ctx.open()?;
    let measure = goal_measure(
        &store,
        args.metric.as_deref(),
        args.metric_target.as_deref(),
    )?;
    let linked = super::link::flagged_links(&store, &args.links)?;
    let fields = GoalFields {
        phase,
        title: args.title,
        description: args.description,
        criteria: args.criteria,
        status: GoalStatus::Todo,
        progress: 0,
        confidence: Confidence::OnTrack,
        due,
        person_id: None,
        measure,
    };
    let g = plan::add_goal(&mut store, fields, ctx.now()).map_err(flagged)?;
    say!(
        "Added goal {} to {}: {}.",
        g.id,
        phase_label(g.fields.phase),
        g.fields.title
    )?;
    let added = crate::domain::link::ObjectRef::new(crate::domain::link::LinkKind::Goal, g.id);
    super::link::link_added(ctx, &mut store, added, &linked)
}

fn list(ctx: &Context, args: &GoalListArgs) -> Result<(), CliError> {
    let filter = GoalFilter {
        phase: args.phase.as_deref().map(phase).transpose()?,
        status: args
            .status
            .as_deref()
            .map(|s| goal_status("--status", s))
            .transpose()?,
        behind: args.behind,
    };
    let store = ctx.read()?;
    let filtered = filter.phase.is_some() || filter.status.is_some() || filter.behind;
    object::list::<Goal>(ctx, &store, &filter, filtered, args.format)
}

fn edit(ctx: &Context, args: &GoalEditArgs) -> Result<(), CliError> {
    require_a_flag(&[
        ("--title", args.title.is_some()),
        ("--phase", args.phase.is_some()),
        ("--status", args.status.is_some()),
        ("--progress", args.progress.is_some()),
        ("--confidence", args.confidence.is_some()),
        ("--due", args.due.is_some()),
        ("--no-due", args.no_due),
        ("--criteria", args.criteria.is_some()),
        ("--description", args.description.is_some()),
        ("--person", args.person.is_some()),
        ("--no-person", args.no_person),
        ("--metric", args.metric.is_some()),
        ("--no-metric", args.no_metric),
    ])?;
    let status = args
        .status
        .as_deref()
        .map(|s| goal_status("--status", s))
        .transpose()?;
    change(ctx, args, status)
}

/// Applies the flags (and a status) to the goal as it is when written.
fn change(ctx: &Context, args: &GoalEditArgs, status: Option<GoalStatus>) -> Result<(), CliError> {
    let new_phase = args.phase.as_deref().map(phase).transpose()?;
    let new_confidence = args.confidence.as_deref().map(confidence).transpose()?;
    let due = set_or_clear(
        args.due
            .as_deref()
            .map(|d| ctx.date("--due", d))
            .transpose()?,
        args.no_due,
    );
    let mut store = ctx.open_existing()?;
    let id = object::find::<Goal>(&store, &args.goal)?;
    let person_id = set_or_clear(
        args.person
            .as_deref()
            .map(|p| person(&store, p))
            .transpose()?,
        args.no_person,
    )
    .map(|p| p.map(|p| p.id));
    let measure = measure(&store, args)?;
    let saved = retrying(|| {
        let opened = plan::get_goal(&store, id)?.fields;
        let mut f = opened.clone();
        if let Some(t) = &args.title {
            f.title.clone_from(t);
        }
        if let Some(p) = new_phase {
            f.phase = p;
        }
        if let Some(s) = status {
            f.status = s;
            // Reopening a done goal keeps its progress below done.
            if s.is_open() && f.progress == 100 {
                f.progress = 99;
            }
        }
        if let Some(p) = args.progress {
            f.progress = p;
            // Less than all of it is not done (as a check-in says).
            if p < 100 && status.is_none() && f.status == GoalStatus::Done {
                f.status = GoalStatus::Doing;
            }
        }
        if let Some(c) = new_confidence {
            f.confidence = c;
        }
        if let Some(d) = due {
            f.due = d;
        }
        if let Some(c) = &args.criteria {
            f.criteria.clone_from(c);
        }
        if let Some(d) = &args.description {
            f.description.clone_from(d);
        }
        if let Some(p) = person_id {
            f.person_id = p;
        }
        if let Some(m) = measure {
            f.measure = m;
        }
        Ok(plan::update_goal(
            &mut store,
            id,
            f,
            Some(&opened),
            ctx.now(),
        ))
    })?;
    let g = &saved.value;
    if saved.changed {
        say!(
            "Updated goal {id} \"{}\": {}, {}%, {}.",
            g.fields.title,
            g.fields.status.as_str(),
            g.fields.progress,
            g.fields.confidence.label()
        )
    } else {
        say!(
            "Goal {id} \"{}\" already has these values: nothing changed.",
            g.fields.title
        )
    }
}

/// `--metric M [--metric-target T]` or `--no-metric`: the goal's new measure, if either is given.
fn measure(store: &Store, args: &GoalEditArgs) -> Result<Option<Option<GoalMeasure>>, CliError> {
    let measure = goal_measure(store, args.metric.as_deref(), args.metric_target.as_deref())?;
    Ok(set_or_clear(measure, args.no_metric))
}

/// `--metric M [--metric-target T]`: the metric (id or name) and the value that means done.
fn goal_measure(
    store: &Store,
    metric: Option<&str>,
    target: Option<&str>,
) -> Result<Option<GoalMeasure>, CliError> {
    let target = target
        .map(|t| parse_number("metric_target", t))
        .transpose()
        .map_err(|e| flagged(e.into()))?;
    let metric = metric
        .map(|m| object::find::<MetricObject>(store, m))
        .transpose()?;
    Ok(metric.map(|metric_id| GoalMeasure { metric_id, target }))
}

fn checkin(
    ctx: &Context,
    goal: &str,
    progress: u32,
    confidence_text: Option<&str>,
    note: &str,
) -> Result<(), CliError> {
    let confidence = confidence_text.map(confidence).transpose()?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Goal>(&store, goal)?;
    let g = plan::checkin(&mut store, id, progress, confidence, note, None, ctx.now())
        .map_err(flagged)?;
    say!(
        "Checked in \"{}\": {}% ({}).",
        g.fields.title,
        g.fields.progress,
        g.fields.confidence.label()
    )
}
