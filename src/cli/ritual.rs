//! `bearing ritual add|list|skip|held|move`.

use super::args::{ListFormat, RitualAddArgs, RitualCommand};
use super::output::{print_json, print_table};
use super::{CliError, Context};
use crate::domain::ritual::{OccurrenceStatus, RitualFields};
use crate::ops::OpsError;
use crate::ops::people::resolve_person;
use crate::ops::rituals;

pub fn run(ctx: &Context, cmd: RitualCommand) -> Result<(), CliError> {
    match cmd {
        RitualCommand::Add(args) => add(ctx, args),
        RitualCommand::List { format } => list(ctx, format),
        RitualCommand::Skip { id, date } => status(ctx, id, &date, OccurrenceStatus::Skipped),
        RitualCommand::Held { id, date } => status(ctx, id, &date, OccurrenceStatus::Held),
        RitualCommand::Move { id, date, to } => {
            let day = ctx.date("DATE", &date)?;
            let to = ctx.date_time("--to", &to)?;
            let mut store = ctx.open()?;
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

/// Names the flag at fault instead of the form field.
fn flagged(e: OpsError) -> CliError {
    match &e {
        OpsError::Invalid(i) => {
            let flag = match i.field {
                Some("rrule") => "--rrule: ",
                Some("duration") => "--duration: ",
                Some("name") => "--name: ",
                Some("prep") => "--prep: ",
                Some("person") => "--person: ",
                Some("attendees") => "--attendees: ",
                Some("agenda") => "--agenda: ",
                _ => "",
            };
            CliError::usage(format!("{flag}{}", i.message))
        }
        _ => e.into(),
    }
}

fn add(ctx: &Context, args: RitualAddArgs) -> Result<(), CliError> {
    let start = ctx.date_time("--start", &args.start)?;
    let mut store = ctx.open()?;
    let person_id = match &args.person {
        Some(p) => Some(
            resolve_person(&store, p)
                .map_err(|e| CliError::usage(format!("--person: {e}")))?
                .id,
        ),
        None => None,
    };
    let fields = RitualFields {
        name: args.name,
        rrule: args.rrule,
        dtstart: start,
        duration_min: args.duration,
        week_start: ctx.config.week_start,
        person_id,
        attendees: args.attendees,
        agenda: args
            .agenda
            .split(';')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        prep_min: args.prep,
        location: String::new(),
    };
    let r = rituals::add_ritual(&mut store, fields, ctx.now()).map_err(flagged)?;
    say!(
        "Added \"{}\" (id {}): {}.",
        r.fields.name,
        r.id,
        rituals::schedule_words(&r.fields)
    )?;
    Ok(())
}

fn list(ctx: &Context, format: ListFormat) -> Result<(), CliError> {
    let store = ctx.open()?;
    let list = rituals::list_rituals(&store, ctx.now())?;
    super::agenda::note_refused_rules(&store)?;
    match format {
        ListFormat::Json => print_json(&list),
        ListFormat::Text => {
            if list.is_empty() {
                say!(
                    "No rituals yet. Add one with `bearing ritual add`, or load the standard set with `bearing init --template director`."
                )?;
                return Ok(());
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    vec![
                        r.ritual.id.to_string(),
                        r.ritual.fields.name.clone(),
                        r.schedule.clone(),
                        r.next.map_or_else(
                            || "ended".into(),
                            |t| t.format("%a %Y-%m-%d %H:%M").to_string(),
                        ),
                    ]
                })
                .collect();
            print_table(&["ID", "NAME", "WHEN", "NEXT"], &rows)
        }
    }
}

fn status(ctx: &Context, id: i64, date: &str, status: OccurrenceStatus) -> Result<(), CliError> {
    let day = ctx.date("DATE", date)?;
    let mut store = ctx.open()?;
    let original = rituals::occurrence_on(&store, id, day).map_err(flagged)?;
    let r = rituals::set_status(&mut store, id, original, status, None)
        .map_err(flagged)?
        .value;
    let verb = if status == OccurrenceStatus::Skipped {
        "Skipped"
    } else {
        "Marked held:"
    };
    say!(
        "{verb} \"{}\" on {}.",
        r.fields.name,
        original.format("%a %Y-%m-%d %H:%M")
    )?;
    Ok(())
}
