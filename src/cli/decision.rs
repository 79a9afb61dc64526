//! `bearing decision add|list|show|edit|status|delete|export`.

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

use super::args::ListFormat;
use super::object::{self, DeleteArgs, ShowArgs, flagged, require_a_flag, retrying};
use super::one_on_one::{person, text_arg};
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::decision::{DecisionDraft, DecisionStatus};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::decision_adr::export_adr;
use crate::ops::decisions::{self, DecisionInput, MeetingRef};
use crate::ops::objects::Object;
use crate::ops::objects::decision::{Decision, DecisionFilter};
use crate::ops::objects::goal::Goal;
use crate::ops::objects::risk::Risk;
use crate::ops::objects::ritual::Ritual;
use crate::ops::rituals;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum DecisionCommand {
    /// Record a decision (accepted unless --status says otherwise)
    Add(DecisionAddArgs),
    /// List decisions, newest first
    List(DecisionListArgs),
    /// Show one decision: its fields, people, meeting and supersede chain
    Show(ShowArgs),
    /// Change a decision; only the flags given change
    Edit(DecisionEditArgs),
    /// Move a decision to another status (proposed → accepted|rejected, accepted → deprecated …)
    Status {
        #[arg(value_name = "ID|TITLE")]
        decision: String,
        /// proposed, accepted, rejected or deprecated (superseded: add the new one with --supersedes)
        status: String,
    },
    /// Delete a decision (those it superseded stand again)
    Delete(DeleteArgs),
    /// Write every decision as a Markdown ADR file (0001-title.md) into a folder
    Export(DecisionExportArgs),
}

/// The fields `add` and `edit` share.
#[derive(Debug, Args, Default)]
pub struct DecisionDetails {
    /// proposed, accepted, rejected or deprecated
    #[arg(long)]
    pub status: Option<String>,
    /// The day it was decided (2026-12-01, fri, -3d ...; default today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Why: the forces and the problem ("-" reads standard input)
    #[arg(long)]
    pub context: Option<String>,
    /// What was decided ("-" reads standard input)
    #[arg(long)]
    pub decision: Option<String>,
    /// What follows from it ("-" reads standard input)
    #[arg(long)]
    pub consequences: Option<String>,
    /// The meeting it was made in: the ritual (id or name), with --on
    #[arg(long, value_name = "RITUAL", requires = "on")]
    pub ritual: Option<String>,
    /// The day of that ritual's meeting
    #[arg(
        long,
        value_name = "DATE",
        requires = "ritual",
        allow_hyphen_values = true
    )]
    pub on: Option<String>,
    /// Who decided (id or name; repeat the flag for several)
    #[arg(long, value_name = "PERSON")]
    pub decided_by: Vec<String>,
    /// Who was consulted (id or name; repeat the flag for several)
    #[arg(long, value_name = "PERSON")]
    pub consulted: Vec<String>,
    /// A goal it serves (id or title; repeat for several; replaces the goals and risks linked)
    #[arg(long, value_name = "GOAL")]
    pub goal: Vec<String>,
    /// A risk it answers (id or title; repeat for several; replaces the goals and risks linked)
    #[arg(long, value_name = "RISK")]
    pub risk: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DecisionAddArgs {
    #[arg(long)]
    pub title: String,
    #[command(flatten)]
    pub details: DecisionDetails,
    /// The decision this one replaces (it becomes superseded)
    #[arg(long, value_name = "ID")]
    pub supersedes: Option<String>,
}

#[derive(Debug, Args)]
pub struct DecisionEditArgs {
    #[arg(value_name = "ID|TITLE")]
    pub query: String,
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub details: DecisionDetails,
    /// Tie it to no meeting
    #[arg(long, conflicts_with = "ritual")]
    pub no_meeting: bool,
    /// Name nobody as deciding or consulted
    #[arg(long, conflicts_with_all = ["decided_by", "consulted"])]
    pub no_people: bool,
    /// Link it to no goal and no risk
    #[arg(long, conflicts_with_all = ["goal", "risk"])]
    pub no_links: bool,
}

#[derive(Debug, Args)]
pub struct DecisionListArgs {
    /// Only decisions in this status
    #[arg(long)]
    pub status: Option<String>,
    /// Only decisions whose text holds all these words
    #[arg(long)]
    pub text: Option<String>,
    /// Only decisions this person decided or was consulted on (id or name)
    #[arg(long)]
    pub person: Option<String>,
    /// Only decisions made on or after this day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecisionExportFormat {
    /// One Markdown file per decision, MADR headings
    Adr,
}

#[derive(Debug, Args)]
pub struct DecisionExportArgs {
    #[arg(long, value_enum, default_value = "adr")]
    pub format: DecisionExportFormat,
    /// The folder to write into (created, private, if missing)
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Replace files at the target names that Bearing did not write
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Context, cmd: DecisionCommand) -> Result<(), CliError> {
    match cmd {
        DecisionCommand::Add(args) => add(ctx, args),
        DecisionCommand::List(args) => list(ctx, &args),
        DecisionCommand::Show(args) => object::show::<Decision>(ctx, &args),
        DecisionCommand::Edit(args) => edit(ctx, args),
        DecisionCommand::Status { decision, status } => set_status(ctx, &decision, &status),
        DecisionCommand::Delete(args) => object::delete::<Decision>(ctx, &args),
        DecisionCommand::Export(args) => export(ctx, &args),
    }
}

fn status(text: &str) -> Result<DecisionStatus, CliError> {
    DecisionStatus::parse(text).map_err(|e| CliError::usage(format!("--status: {}", e.message)))
}

/// A person named by a flag; an unknown or ambiguous name is refused under the flag's name.
fn one_person(store: &Store, flag: &str, name: &str) -> Result<i64, CliError> {
    person(store, name).map(|p| p.id).map_err(|e| match e.code {
        2 => CliError::usage(e.message.replacen("PERSON", flag, 1)),
        _ => e,
    })
}

fn people(store: &Store, flag: &str, names: &[String]) -> Result<Vec<i64>, CliError> {
    names.iter().map(|n| one_person(store, flag, n)).collect()
}

/// The flags given, read and checked before anything is written (standard input included).
struct Given {
    status: Option<DecisionStatus>,
    date: Option<chrono::NaiveDate>,
    context: Option<String>,
    decision: Option<String>,
    consequences: Option<String>,
    meeting: Option<MeetingRef>,
    decided_by: Option<Vec<i64>>,
    consulted: Option<Vec<i64>>,
    links: Option<Vec<ObjectRef>>,
}

fn given(ctx: &Context, store: &Store, d: &DecisionDetails) -> Result<Given, CliError> {
    let meeting = match (&d.ritual, &d.on) {
        (Some(r), Some(on)) => {
            let day = ctx.date("--on", on)?;
            let ritual_id = object::find::<Ritual>(store, r)?;
            let original = rituals::occurrence_on(store, ritual_id, day).map_err(|e| match e {
                crate::ops::OpsError::Invalid(i) => CliError::usage(format!("--on: {}", i.message)),
                other => other.into(),
            })?;
            Some(MeetingRef {
                ritual_id,
                original,
            })
        }
        _ => None,
    };
    let text = |value: &Option<String>, what: &str| {
        value.as_deref().map(|t| text_arg(t, what)).transpose()
    };
    Ok(Given {
        status: d.status.as_deref().map(status).transpose()?,
        date: d
            .date
            .as_deref()
            .map(|t| ctx.date("--date", t))
            .transpose()?,
        context: text(&d.context, "context")?,
        decision: text(&d.decision, "decision")?,
        consequences: text(&d.consequences, "consequences")?,
        meeting,
        decided_by: (!d.decided_by.is_empty())
            .then(|| people(store, "--decided-by", &d.decided_by))
            .transpose()?,
        consulted: (!d.consulted.is_empty())
            .then(|| people(store, "--consulted", &d.consulted))
            .transpose()?,
        links: linked(store, d)?,
    })
}

/// The goals and risks the flags name, or None when neither flag was given.
fn linked(store: &Store, d: &DecisionDetails) -> Result<Option<Vec<ObjectRef>>, CliError> {
    if d.goal.is_empty() && d.risk.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for g in &d.goal {
        let id = Goal::find(store, g).map_err(|e| flag_error("--goal", e))?;
        out.push(ObjectRef::new(LinkKind::Goal, id));
    }
    for r in &d.risk {
        let id = Risk::find(store, r).map_err(|e| flag_error("--risk", e))?;
        out.push(ObjectRef::new(LinkKind::Risk, id));
    }
    Ok(Some(out))
}

fn flag_error(flag: &str, e: crate::ops::OpsError) -> CliError {
    match e {
        crate::ops::OpsError::Store(_) => e.into(),
        other => CliError::usage(format!("{flag}: {other}")),
    }
}

fn apply(input: &mut DecisionInput, g: &Given) {
    if let Some(s) = g.status {
        input.draft.status = s;
    }
    if let Some(d) = g.date {
        input.draft.date = d;
    }
    for (value, slot) in [
        (&g.context, &mut input.draft.context),
        (&g.decision, &mut input.draft.decision),
        (&g.consequences, &mut input.draft.consequences),
    ] {
        if let Some(v) = value {
            slot.clone_from(v);
        }
    }
    if g.meeting.is_some() {
        input.meeting = g.meeting;
    }
    if let Some(p) = &g.decided_by {
        input.decided_by.clone_from(p);
    }
    if let Some(p) = &g.consulted {
        input.consulted.clone_from(p);
    }
    if g.links.is_some() {
        input.links.clone_from(&g.links);
    }
}

fn add(ctx: &Context, args: DecisionAddArgs) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let g = given(ctx, &store, &args.details)?;
    let supersedes = args
        .supersedes
        .as_deref()
        .map(|s| {
            object::find::<Decision>(&store, s)
                .map_err(|e| CliError::usage(format!("--supersedes: {e}")))
        })
        .transpose()?;
    // Made in a meeting: that is the day it was decided, unless --date says otherwise.
    let day = g.meeting.map_or_else(|| ctx.today(), |m| m.original.date());
    let mut draft = DecisionDraft::new(args.title, day);
    draft.status = DecisionStatus::Accepted;
    let mut input = DecisionInput::new(draft);
    apply(&mut input, &g);
    let saved =
        decisions::add_decision(&mut store, input, supersedes, ctx.now()).map_err(flagged)?;
    let replaced = supersedes
        .map(|old| format!("; decision {old} is superseded by it"))
        .unwrap_or_default();
    say!(
        "Added decision {} ({}): \"{}\"{replaced}.",
        saved.id,
        saved.fields.status,
        saved.fields.title
    )
}

fn edit(ctx: &Context, args: DecisionEditArgs) -> Result<(), CliError> {
    let d = &args.details;
    require_a_flag(&[
        ("--title", args.title.is_some()),
        ("--status", d.status.is_some()),
        ("--date", d.date.is_some()),
        ("--context", d.context.is_some()),
        ("--decision", d.decision.is_some()),
        ("--consequences", d.consequences.is_some()),
        ("--ritual/--on", d.ritual.is_some()),
        ("--no-meeting", args.no_meeting),
        ("--decided-by", !d.decided_by.is_empty()),
        ("--consulted", !d.consulted.is_empty()),
        ("--no-people", args.no_people),
        ("--goal", !d.goal.is_empty()),
        ("--risk", !d.risk.is_empty()),
        ("--no-links", args.no_links),
    ])?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Decision>(&store, &args.query)?;
    let g = given(ctx, &store, d)?;
    let saved = retrying(|| {
        let before = decisions::get_decision(&store, id)?;
        let mut input = DecisionInput::of(&before);
        if let Some(t) = &args.title {
            input.draft.title.clone_from(t);
        }
        apply(&mut input, &g);
        if args.no_meeting {
            input.draft.occurrence_id = None;
        }
        if args.no_people {
            input.decided_by.clear();
            input.consulted.clear();
        }
        if args.no_links {
            input.links = Some(Vec::new());
        }
        Ok(decisions::update_decision(
            &mut store,
            id,
            input,
            Some(&before),
            ctx.now(),
        ))
    })?;
    let f = &saved.value.fields;
    if saved.changed {
        say!("Updated decision {id} ({}): \"{}\".", f.status, f.title)
    } else {
        say!("Decision {id} already has these values: nothing changed.")
    }
}

fn set_status(ctx: &Context, query: &str, text: &str) -> Result<(), CliError> {
    let to = DecisionStatus::parse(text)
        .map_err(|e| CliError::usage(format!("STATUS: {}", e.message)))?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Decision>(&store, query)?;
    let saved = retrying(|| {
        let before = decisions::get_decision(&store, id)?;
        Ok(decisions::set_status(
            &mut store,
            id,
            to,
            Some(&before),
            ctx.now(),
        ))
    })
    .map_err(|e| match e.code {
        2 => CliError::usage(e.message.replacen("--status: ", "STATUS: ", 1)),
        _ => e,
    })?;
    if saved.changed {
        say!("Decision {id} is {} now.", saved.value.fields.status)
    } else {
        say!("Decision {id} was {to} already: nothing changed.")
    }
}

fn list(ctx: &Context, args: &DecisionListArgs) -> Result<(), CliError> {
    let store = ctx.read()?;
    let filter = DecisionFilter {
        status: args.status.as_deref().map(status).transpose()?,
        text: args.text.clone().filter(|t| !t.trim().is_empty()),
        person: args
            .person
            .as_deref()
            .map(|p| one_person(&store, "--person", p))
            .transpose()?,
        since: args
            .since
            .as_deref()
            .map(|d| ctx.date("--since", d))
            .transpose()?,
    };
    object::list::<Decision>(ctx, &store, &filter, filter.is_set(), args.format)
}

fn export(ctx: &Context, args: &DecisionExportArgs) -> Result<(), CliError> {
    let store = ctx.read()?;
    let all = Decision::list(&store, &DecisionFilter::default(), ctx.now())?;
    if all.is_empty() {
        return Err(CliError::usage(
            "there are no decisions to export yet: add one with `bearing decision add`",
        ));
    }
    let summary = export_adr(&all, &args.output, args.force, store.path())?;
    say!(
        "Wrote {} decision file(s) to {} ({} already up to date).",
        summary.written.len(),
        args.output.display(),
        summary.unchanged
    )
}
