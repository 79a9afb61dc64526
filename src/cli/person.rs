//! `bearing person add|list|show|edit|delete`.

use clap::{Args, Subcommand};

use super::args::ListFormat;
use super::object::{self, DeleteArgs, ShowArgs, flagged, require_a_flag, retrying};
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::dates::parse_time;
use crate::domain::person::{PersonDraft, Relation};
use crate::ops::objects::person::{Person, PersonFilter};
use crate::ops::people::{self, OneOnOnePlan, PersonInput, PersonRecord};
use crate::schedule::recurrence::Recurrence;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person, optionally with a regular 1:1
    Add(PersonAddArgs),
    /// List people
    List(PersonListArgs),
    /// Show one person: role, team, 1:1 cadence, last and next 1:1, open actions, context
    Show(ShowArgs),
    /// Change a person's fields or 1:1 cadence; only the flags given change
    Edit(PersonEditArgs),
    /// Delete a person with their notes, talking points, actions and 1:1 series
    Delete(DeleteArgs),
    /// Record a 1:1: the dated note, the talking points discussed, new actions; that day's 1:1
    /// is marked held
    Record(super::record::RecordArgs),
    /// Add dated private context: feedback given, a career conversation
    Context(super::record::ContextArgs),
    /// Private health read: record morale (1-5) and flight risk, or show the history
    Health(super::health::HealthArgs),
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
    /// Their manager: a person's id or name, or "me" (the default)
    #[arg(long, value_name = "PERSON|me")]
    pub reports_to: Option<String>,
    /// 1:1 cadence as an RRULE, e.g. "FREQ=WEEKLY;BYDAY=TU" (needs --at)
    #[arg(long, value_name = "RRULE", requires = "at")]
    pub cadence: Option<String>,
    /// 1:1 time of day, HH:MM
    #[arg(long, value_name = "HH:MM", requires = "cadence")]
    pub at: Option<String>,
    /// 1:1 length in minutes (5 to 240)
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(5..=240))]
    pub duration: u32,
}

#[derive(Debug, Args)]
pub struct PersonListArgs {
    /// Only people with this relation: report, peer, manager or stakeholder
    #[arg(long)]
    pub relation: Option<String>,
    /// Only people in this team (ignoring case)
    #[arg(long)]
    pub team: Option<String>,
    /// The org tree: who reports to whom, under me, then everyone outside my org
    #[arg(long, conflicts_with_all = ["relation", "team"])]
    pub tree: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct PersonEditArgs {
    /// The person's id or name
    #[arg(value_name = "ID|NAME")]
    pub person: String,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    /// report, peer, manager or stakeholder
    #[arg(long)]
    pub relation: Option<String>,
    /// Their manager: a person's id or name, or "me"
    #[arg(long, value_name = "PERSON|me")]
    pub reports_to: Option<String>,
    /// A new 1:1 cadence as an RRULE, from today on (the old series ends, keeping its history)
    #[arg(long, value_name = "RRULE", conflicts_with = "no_cadence")]
    pub cadence: Option<String>,
    /// A new 1:1 time of day, HH:MM
    #[arg(long, value_name = "HH:MM", conflicts_with = "no_cadence")]
    pub at: Option<String>,
    /// A new 1:1 length in minutes (5 to 240)
    #[arg(long, value_parser = clap::value_parser!(u32).range(5..=240), conflicts_with = "no_cadence")]
    pub duration: Option<u32>,
    /// Stop the regular 1:1 (the series ends today, keeping its history)
    #[arg(long)]
    pub no_cadence: bool,
    /// Private: career goals
    #[arg(long)]
    pub career_goals: Option<String>,
    /// Private: anything to remember before a 1:1
    #[arg(long)]
    pub context: Option<String>,
    /// This person's 1:1 prompts, one per line (empty: the defaults for their relation)
    #[arg(long)]
    pub prompts: Option<String>,
}

pub fn run(ctx: &Context, cmd: PersonCommand) -> Result<(), CliError> {
    match cmd {
        PersonCommand::Add(args) => add(ctx, args),
        PersonCommand::List(args) => list(ctx, &args),
        PersonCommand::Show(args) => object::show::<Person>(ctx, &args),
        PersonCommand::Edit(args) => edit(ctx, &args),
        PersonCommand::Delete(args) => object::delete::<Person>(ctx, &args),
        PersonCommand::Record(args) => super::record::record(ctx, &args),
        PersonCommand::Context(args) => super::record::context(ctx, &args),
        PersonCommand::Health(args) => super::health::health(ctx, &args),
    }
}

fn relation(text: &str) -> Result<Relation, CliError> {
    Relation::parse(text).map_err(|e| CliError::usage(format!("--relation: {}", e.message)))
}

/// The manager `--reports-to` names: None for "me".
fn manager(store: &crate::store::Store, text: &str) -> Result<Option<i64>, CliError> {
    if text.trim().eq_ignore_ascii_case("me") {
        return Ok(None);
    }
    object::find::<Person>(store, text)
        .map(Some)
        .map_err(|e| CliError {
            message: format!("--reports-to: {}", e.message),
            code: e.code,
        })
}

fn time(text: &str) -> Result<chrono::NaiveTime, CliError> {
    parse_time(text).map_err(|e| CliError::usage(format!("--at: {e}")))
}

fn add(ctx: &Context, args: PersonAddArgs) -> Result<(), CliError> {
    let now = ctx.now();
    let relation = relation(&args.relation)?;
    let one_on_one = match (&args.cadence, &args.at) {
        (Some(rule), Some(at)) => Some(OneOnOnePlan {
            rrule: rule.clone(),
            start: people::first_meeting(now, time(at)?),
            duration_min: args.duration,
        }),
        _ => None,
    };
    let input = PersonInput {
        draft: PersonDraft {
            name: args.name,
            role: args.role,
            team: args.team,
            relation: Some(relation),
            ..PersonDraft::default()
        },
        one_on_one,
    };
    let mut store = ctx.open()?;
    let mut input = input;
    if let Some(text) = &args.reports_to {
        input.draft.reports_to = manager(&store, text)?;
    }
    let person =
        people::add_person(&mut store, input, ctx.config.week_start, now).map_err(flagged)?;
    say!("Added {} (id {}).", person.name, person.id)?;
    Ok(())
}

fn list(ctx: &Context, args: &PersonListArgs) -> Result<(), CliError> {
    if args.tree {
        return super::org::tree(ctx, args.format);
    }
    let filter = PersonFilter {
        relation: args.relation.as_deref().map(relation).transpose()?,
        team: args.team.clone(),
    };
    let store = ctx.read()?;
    let filtered = filter.relation.is_some() || filter.team.is_some();
    object::list::<Person>(ctx, &store, &filter, filtered, args.format)
}

fn edit(ctx: &Context, args: &PersonEditArgs) -> Result<(), CliError> {
    require_a_flag(&[
        ("--name", args.name.is_some()),
        ("--role", args.role.is_some()),
        ("--team", args.team.is_some()),
        ("--relation", args.relation.is_some()),
        ("--reports-to", args.reports_to.is_some()),
        ("--cadence", args.cadence.is_some()),
        ("--at", args.at.is_some()),
        ("--duration", args.duration.is_some()),
        ("--no-cadence", args.no_cadence),
        ("--career-goals", args.career_goals.is_some()),
        ("--context", args.context.is_some()),
        ("--prompts", args.prompts.is_some()),
    ])?;
    let relation = args.relation.as_deref().map(relation).transpose()?;
    let at = args.at.as_deref().map(time).transpose()?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Person>(&store, &args.person)?;
    let reports_to = match &args.reports_to {
        Some(text) => Some(manager(&store, text)?),
        None => None,
    };
    let now = ctx.now();
    let saved = retrying(|| {
        let opened = PersonRecord::from(&people::get_person(&store, id)?);
        let mut input = with_flags(args, &opened, relation, at, now)?;
        if let Some(manager) = reports_to {
            input.draft.reports_to = manager;
        }
        Ok(people::update_person(
            &mut store,
            id,
            input,
            Some(&opened),
            ctx.config.week_start,
            now,
        ))
    })?;
    if saved.changed {
        say!("Updated {} (person {id}).", saved.value.name)?;
        match args
            .cadence
            .as_deref()
            .and_then(|rule| kept_end(&store, id, rule))
        {
            Some(day) => say!(
                "Their 1:1s still end on {}, as before; give --cadence an UNTIL of its own to \
                 end them another day.",
                day.format("%a %Y-%m-%d")
            ),
            None => Ok(()),
        }
    } else {
        say!(
            "{} (person {id}) already has these values: nothing changed.",
            saved.value.name
        )
    }
}

/// The day the 1:1s end, when a new `--cadence` without an end of its own kept an earlier one.
fn kept_end(store: &crate::store::Store, id: i64, rule: &str) -> Option<chrono::NaiveDate> {
    let series = people::get_person(store, id).ok()?.one_on_one?.fields;
    let own = Recurrence::new(Some(rule), series.dtstart, series.week_start).ok()?;
    if own.end_day().is_some() {
        return None;
    }
    Recurrence::of(&series).ok()?.end_day()
}

/// The person as stored with the flags given applied.
fn with_flags(
    args: &PersonEditArgs,
    opened: &PersonRecord,
    relation: Option<Relation>,
    at: Option<chrono::NaiveTime>,
    now: chrono::NaiveDateTime,
) -> Result<PersonInput, CliError> {
    let mut draft = PersonDraft::from(&opened.person);
    for (flag, slot) in [
        (&args.name, &mut draft.name),
        (&args.role, &mut draft.role),
        (&args.team, &mut draft.team),
        (&args.career_goals, &mut draft.career_goals),
        (&args.context, &mut draft.context),
        (&args.prompts, &mut draft.prompts),
    ] {
        if let Some(value) = flag {
            slot.clone_from(value);
        }
    }
    if relation.is_some() {
        draft.relation = relation;
    }
    let current = opened.one_on_one.as_ref();
    let keep = current.map(|r| OneOnOnePlan {
        rrule: r.fields.rrule.clone().unwrap_or_default(),
        start: r.fields.dtstart,
        duration_min: r.fields.duration_min,
    });
    let reschedule = args.cadence.is_some() || at.is_some() || args.duration.is_some();
    let one_on_one = if args.no_cadence {
        None
    } else if reschedule {
        let rrule = match (&args.cadence, current) {
            (Some(rule), _) => rule.clone(),
            (None, Some(series)) => series.fields.rrule.clone().unwrap_or_default(),
            (None, None) => {
                return Err(CliError::usage(format!(
                    "--at, --duration: {} has no regular 1:1 yet; give --cadence RRULE too",
                    opened.person.name
                )));
            }
        };
        let at = at
            .or(current.map(|r| r.fields.dtstart.time()))
            .ok_or_else(|| CliError::usage("--cadence: give the 1:1's time with --at HH:MM"))?;
        let duration_min = args
            .duration
            .or(current.map(|r| r.fields.duration_min))
            .unwrap_or(people::DEFAULT_ONE_ON_ONE_MIN);
        let same = current.is_some_and(|r| {
            r.fields.rrule.as_deref() == Some(rrule.as_str())
                && r.fields.dtstart.time() == at
                && r.fields.duration_min == duration_min
        });
        if same {
            keep
        } else {
            Some(OneOnOnePlan {
                rrule,
                start: people::first_meeting(now, at),
                duration_min,
            })
        }
    } else {
        keep
    };
    Ok(PersonInput { draft, one_on_one })
}
