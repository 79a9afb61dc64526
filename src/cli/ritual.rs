//! `bearing ritual add|list|show|edit|delete|end|skip|held|move`.

use clap::{Args, Subcommand};

use super::args::ListFormat;
use super::object::{self, DeleteArgs, ShowArgs, flagged, require_a_flag, retrying, set_or_clear};
use super::{CliError, Context};
use crate::domain::ritual::{HELD_AHEAD_DAYS, OccurrenceStatus, RitualFields, too_far_ahead};
use crate::ops::objects::ritual::{Ritual, RitualFilter};
use crate::ops::people::resolve_person;
use crate::ops::rituals;
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum RitualCommand {
    /// Add a ritual; without --rrule it is a one-off meeting
    Add(RitualAddArgs),
    /// List rituals: current series first, then ended ones
    List(RitualListArgs),
    /// Show one ritual: schedule, next and last meeting, attendees, agenda
    Show(ShowArgs),
    /// Change a ritual; only the flags given change. A new schedule applies from --from on
    /// (default: today): the meetings before keep the old one
    Edit(RitualEditArgs),
    /// Delete a ritual with the records of its meetings (to stop it but keep its history: end)
    Delete(DeleteArgs),
    /// Stop a series on DATE: no meetings after it, the ones before keep their history
    End {
        /// The ritual's id or name
        #[arg(value_name = "ID|NAME")]
        ritual: String,
        /// The last day it may meet (2026-12-31, fri, +2w ...)
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        on: String,
    },
    /// Skip the occurrence of ritual ID on DATE
    Skip {
        #[arg(value_name = "ID|NAME")]
        id: String,
        date: String,
    },
    /// Mark the occurrence of ritual ID on DATE as held (a day at most a week ahead)
    Held {
        #[arg(value_name = "ID|NAME")]
        id: String,
        date: String,
    },
    /// Write the notes or decisions of the meeting of ritual ID on DATE (TEXT "-" reads
    /// standard input); only the flags given change
    Notes {
        #[arg(value_name = "ID|NAME")]
        id: String,
        date: String,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long)]
        decisions: Option<String>,
    },
    /// Move the occurrence of ritual ID on DATE to another date and time
    Move {
        #[arg(value_name = "ID|NAME")]
        id: String,
        date: String,
        /// New start: YYYY-MM-DDTHH:MM (or e.g. "fri 14:00")
        #[arg(long)]
        to: String,
    },
}

#[derive(Debug, Args)]
pub struct RitualAddArgs {
    #[arg(long)]
    pub name: String,
    /// RFC 5545 rule, e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"; quarterly is "FREQ=MONTHLY;INTERVAL=3"
    #[arg(long)]
    pub rrule: Option<String>,
    /// First meeting: YYYY-MM-DDTHH:MM
    #[arg(long)]
    pub start: String,
    /// Length in minutes (1 to 240)
    #[arg(long)]
    pub duration: u32,
    /// Makes it a 1:1 with this person (id or name)
    #[arg(long)]
    pub person: Option<String>,
    /// Minutes of preparation before it (0 to 240)
    #[arg(long, default_value_t = 0)]
    pub prep: u32,
    #[arg(long, default_value = "")]
    pub attendees: String,
    /// Agenda checklist items, separated by ";"
    #[arg(long, default_value = "")]
    pub agenda: String,
    #[arg(long, default_value = "")]
    pub location: String,
}

#[derive(Debug, Args)]
pub struct RitualListArgs {
    /// Only this person's 1:1 series (id or name)
    #[arg(long)]
    pub person: Option<String>,
    /// Leave out series that are over
    #[arg(long)]
    pub current: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct RitualEditArgs {
    /// The ritual's id or name
    #[arg(value_name = "ID|NAME")]
    pub ritual: String,
    #[arg(long)]
    pub name: Option<String>,
    /// A new RFC 5545 rule
    #[arg(long, conflicts_with = "once")]
    pub rrule: Option<String>,
    /// Make it a one-off meeting (no rule)
    #[arg(long)]
    pub once: bool,
    /// Take away the series' end (`ritual end`, or an UNTIL or COUNT in its rule): it goes on
    /// from --from on
    #[arg(long, conflicts_with = "once")]
    pub no_end: bool,
    /// A new first meeting, YYYY-MM-DDTHH:MM (its time is the series' time)
    #[arg(long)]
    pub start: Option<String>,
    /// Length in minutes (1 to 240)
    #[arg(long)]
    pub duration: Option<u32>,
    /// Make it a 1:1 with this person (id or name)
    #[arg(long, conflicts_with = "no_person")]
    pub person: Option<String>,
    /// No longer a 1:1
    #[arg(long)]
    pub no_person: bool,
    /// Minutes of preparation (0 to 240)
    #[arg(long)]
    pub prep: Option<u32>,
    #[arg(long)]
    pub attendees: Option<String>,
    /// Agenda checklist items, separated by ";"
    #[arg(long)]
    pub agenda: Option<String>,
    #[arg(long)]
    pub location: Option<String>,
    /// A schedule change applies from this day on (default: today); earlier meetings keep theirs
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub from: Option<String>,
}

pub fn run(ctx: &Context, cmd: RitualCommand) -> Result<(), CliError> {
    match cmd {
        RitualCommand::Add(args) => add(ctx, args),
        RitualCommand::List(args) => list(ctx, &args),
        RitualCommand::Show(args) => object::show::<Ritual>(ctx, &args),
        RitualCommand::Edit(args) => edit(ctx, &args),
        RitualCommand::Delete(args) => object::delete::<Ritual>(ctx, &args),
        RitualCommand::End { ritual, on } => end(ctx, &ritual, &on),
        RitualCommand::Skip { id, date } => status(ctx, &id, &date, OccurrenceStatus::Skipped),
        RitualCommand::Held { id, date } => status(ctx, &id, &date, OccurrenceStatus::Held),
        RitualCommand::Notes {
            id,
            date,
            notes,
            decisions,
        } => meeting_notes(ctx, &id, &date, notes.as_deref(), decisions.as_deref()),
        RitualCommand::Move { id, date, to } => {
            let day = ctx.date("DATE", &date)?;
            let to = ctx.date_time("--to", &to)?;
            let mut store = ctx.open_existing()?;
            let id = object::find::<Ritual>(&store, &id)?;
            let original = rituals::occurrence_on(&store, id, day).map_err(flagged)?;
            let r = rituals::move_occurrence(&mut store, id, original, to, None)
                .map_err(flagged)?
                .value;
            say!(
                "Moved \"{}\" of {} to {}.",
                r.fields.name,
                original.format("%a %Y-%m-%d %H:%M"),
                to.format("%a %Y-%m-%d %H:%M")
            )?;
            Ok(())
        }
    }
}

fn person_id(store: &Store, flag: &str, query: &str) -> Result<i64, CliError> {
    resolve_person(store, query)
        .map(|p| p.id)
        .map_err(|e| CliError::usage(format!("{flag}: {e}")))
}

fn agenda_lines(text: &str) -> String {
    text.split(';')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A warning on stderr for each other series meeting in the same slot.
fn warn_same_slot(
    store: &Store,
    fields: &RitualFields,
    own: i64,
    ctx: &Context,
) -> Result<(), CliError> {
    for other in rituals::same_slot(store, fields, Some(own), ctx.now())? {
        note!(
            "warning: \"{}\" (ritual {}) already meets in this slot; if it is the same meeting, delete one with `bearing ritual delete ID`",
            other.fields.name,
            other.id
        );
    }
    Ok(())
}

fn add(ctx: &Context, args: RitualAddArgs) -> Result<(), CliError> {
    let start = ctx.date_time("--start", &args.start)?;
    let mut store = ctx.open()?;
    let person_id = args
        .person
        .as_deref()
        .map(|p| person_id(&store, "--person", p))
        .transpose()?;
    let fields = RitualFields {
        name: args.name,
        rrule: args.rrule,
        dtstart: start,
        duration_min: args.duration,
        week_start: ctx.config.week_start,
        person_id,
        attendees: args.attendees,
        agenda: agenda_lines(&args.agenda),
        prep_min: args.prep,
        location: args.location,
    };
    let r = rituals::add_ritual(&mut store, fields, ctx.now()).map_err(flagged)?;
    say!(
        "Added \"{}\" (id {}): {}.",
        r.fields.name,
        r.id,
        rituals::schedule_words(&r.fields)
    )?;
    warn_same_slot(&store, &r.fields, r.id, ctx)
}

fn list(ctx: &Context, args: &RitualListArgs) -> Result<(), CliError> {
    let store = ctx.read()?;
    let filter = RitualFilter {
        person: args
            .person
            .as_deref()
            .map(|p| person_id(&store, "--person", p))
            .transpose()?,
        current: args.current,
    };
    super::agenda::note_refused_rules(&store)?;
    let filtered = filter.person.is_some() || filter.current;
    object::list::<Ritual>(ctx, &store, &filter, filtered, args.format)
}

fn edit(ctx: &Context, args: &RitualEditArgs) -> Result<(), CliError> {
    require_a_flag(&[
        ("--name", args.name.is_some()),
        ("--rrule", args.rrule.is_some()),
        ("--once", args.once),
        ("--no-end", args.no_end),
        ("--start", args.start.is_some()),
        ("--duration", args.duration.is_some()),
        ("--person", args.person.is_some()),
        ("--no-person", args.no_person),
        ("--prep", args.prep.is_some()),
        ("--attendees", args.attendees.is_some()),
        ("--agenda", args.agenda.is_some()),
        ("--location", args.location.is_some()),
    ])?;
    let start = args
        .start
        .as_deref()
        .map(|s| ctx.date_time("--start", s))
        .transpose()?;
    let from = match &args.from {
        Some(d) => ctx.date("--from", d)?,
        None => ctx.today(),
    }
    .and_time(chrono::NaiveTime::MIN);
    let mut store = ctx.open_existing()?;
    let id = object::find::<Ritual>(&store, &args.ritual)?;
    let person = set_or_clear(
        args.person
            .as_deref()
            .map(|p| person_id(&store, "--person", p))
            .transpose()?,
        args.no_person,
    );
    let now = ctx.now();
    let saved = retrying(|| {
        let opened = rituals::get_ritual(&store, id)?.fields;
        let mut fields = opened.clone();
        if let Some(name) = &args.name {
            fields.name.clone_from(name);
        }
        if let Some(rule) = &args.rrule {
            fields.rrule = Some(rule.clone());
        }
        if args.once {
            fields.rrule = None;
        }
        if args.no_end {
            let Some(rule) = &fields.rrule else {
                return Ok(Err(crate::ops::OpsError::from(
                    crate::domain::Invalid::field(
                        "no-end",
                        "a one-off meeting has no end to take away; give it a rule with --rrule",
                    ),
                )));
            };
            fields.rrule = Some(crate::schedule::recurrence::without_end(rule));
        }
        let ending = if args.no_end {
            rituals::Ending::AsGiven
        } else {
            rituals::Ending::Kept
        };
        if let Some(start) = start {
            fields.dtstart = start;
        }
        if let Some(d) = args.duration {
            fields.duration_min = d;
        }
        if let Some(p) = person {
            fields.person_id = p;
        }
        if let Some(p) = args.prep {
            fields.prep_min = p;
        }
        for (flag, slot) in [
            (&args.attendees, &mut fields.attendees),
            (&args.location, &mut fields.location),
        ] {
            if let Some(v) = flag {
                slot.clone_from(v);
            }
        }
        if let Some(a) = &args.agenda {
            fields.agenda = agenda_lines(a);
        }
        Ok(rituals::update_ritual_ending(
            &mut store,
            id,
            fields,
            Some(from),
            Some(&opened),
            ending,
            now,
        ))
    })?;
    let r = &saved.value;
    if !saved.changed {
        return say!(
            "\"{}\" (ritual {id}) already has these values: nothing changed.",
            r.fields.name
        );
    }
    if r.id == id {
        say!(
            "Updated \"{}\" (ritual {id}): {}.",
            r.fields.name,
            rituals::schedule_words(&r.fields)
        )?;
    } else {
        say!(
            "Updated \"{}\": from {} on it is ritual {}, {}; ritual {id} keeps the meetings before.",
            r.fields.name,
            from.format("%a %Y-%m-%d"),
            r.id,
            rituals::schedule_words(&r.fields)
        )?;
    }
    warn_same_slot(&store, &r.fields, r.id, ctx)
}

fn end(ctx: &Context, query: &str, on: &str) -> Result<(), CliError> {
    let on = ctx.date("--on", on)?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Ritual>(&store, query)?;
    let saved = rituals::end_series(&mut store, id, on, ctx.now()).map_err(flagged)?;
    let r = &saved.value;
    let last = rituals::last_meeting_by(r, on).map_or_else(String::new, |t| {
        format!("; its last meeting is {}", t.format("%a %Y-%m-%d %H:%M"))
    });
    if saved.changed {
        say!(
            "Ended \"{}\" (ritual {id}) on {}{last}.",
            r.fields.name,
            on.format("%a %Y-%m-%d")
        )
    } else {
        say!(
            "\"{}\" (ritual {id}) has no meetings after {}: nothing changed.",
            r.fields.name,
            on.format("%a %Y-%m-%d")
        )
    }
}

fn status(ctx: &Context, id: &str, date: &str, status: OccurrenceStatus) -> Result<(), CliError> {
    let day = ctx.date("DATE", date)?;
    let too_far = too_far_ahead(day, ctx.today()).filter(|_| status == OccurrenceStatus::Held);
    if let Some(ahead) = too_far {
        return Err(CliError::usage(format!(
            "DATE: {} is {ahead} days from now; a meeting is marked held once it has happened \
             (at most {HELD_AHEAD_DAYS} days ahead, for one held early; to drop it, use `bearing ritual skip`)",
            day.format("%a %Y-%m-%d")
        )));
    }
    let mut store = ctx.open_existing()?;
    let id = object::find::<Ritual>(&store, id)?;
    let original = rituals::occurrence_on(&store, id, day).map_err(flagged)?;
    let r = rituals::set_status(&mut store, id, original, status, None)
        .map_err(flagged)?
        .value;
    if status == OccurrenceStatus::Held && original > ctx.now() {
        note!(
            "warning: the meeting of {} has not happened yet; it is marked held all the same",
            original.format("%a %Y-%m-%d %H:%M")
        );
    }
    let verb = if status == OccurrenceStatus::Skipped {
        "Skipped"
    } else {
        "Marked held:"
    };
    say!(
        "{verb} \"{}\" on {}.",
        rituals::title(&store, &r)?,
        original.format("%a %Y-%m-%d %H:%M")
    )
}

/// `ritual notes`: what was said and decided at one meeting, as the agenda's meeting form.
fn meeting_notes(
    ctx: &Context,
    query: &str,
    date: &str,
    notes: Option<&str>,
    decisions: Option<&str>,
) -> Result<(), CliError> {
    require_a_flag(&[
        ("--notes", notes.is_some()),
        ("--decisions", decisions.is_some()),
    ])?;
    let day = ctx.date("DATE", date)?;
    let notes = notes
        .map(|t| super::one_on_one::text_arg(t, "notes"))
        .transpose()?;
    let decisions = decisions
        .map(|t| super::one_on_one::text_arg(t, "decisions"))
        .transpose()?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Ritual>(&store, query)?;
    let original = rituals::occurrence_on(&store, id, day).map_err(flagged)?;
    let saved = retrying(|| {
        let opened = rituals::occurrence(&store, id, original)?;
        Ok(rituals::save_write_up(
            &mut store,
            id,
            original,
            &rituals::WriteUp {
                status: opened.status,
                notes: notes.as_deref().unwrap_or(&opened.notes).to_owned(),
                decisions: decisions.as_deref().unwrap_or(&opened.decisions).to_owned(),
                agenda_done: opened.agenda_done.clone(),
            },
            Some(&opened),
            ctx.now(),
        ))
    })?;
    let when = original.format("%a %Y-%m-%d %H:%M");
    let (ritual, recorded) = &saved.value;
    if saved.changed {
        say!(
            "Saved the notes of \"{}\" on {when}{}.",
            ritual.fields.name,
            recorded.words()
        )
    } else {
        say!(
            "The meeting of \"{}\" on {when} already has these notes: nothing changed.",
            ritual.fields.name
        )
    }
}
