//! `bearing person add|list`.

use super::args::{ListFormat, PersonAddArgs, PersonCommand};
use super::output::{print_json, print_table};
use super::{CliError, Context};
use crate::domain::Invalid;
use crate::domain::dates::parse_time;
use crate::domain::person::{PersonDraft, Relation};
use crate::ops::people::{self, OneOnOnePlan, PersonInput};

pub fn run(ctx: &Context, cmd: PersonCommand) -> Result<(), CliError> {
    match cmd {
        PersonCommand::Add(args) => add(ctx, args),
        PersonCommand::List { format } => list(ctx, format),
    }
}

fn add(ctx: &Context, args: PersonAddArgs) -> Result<(), CliError> {
    let now = ctx.now();
    let relation = Relation::parse(&args.relation).map_err(|e| CliError::usage(e.message))?;
    let one_on_one = match (&args.cadence, &args.at) {
        (Some(rule), Some(at)) => {
            let at = parse_time(at).map_err(|e| CliError::usage(format!("--at: {e}")))?;
            Some(OneOnOnePlan {
                rrule: rule.clone(),
                start: people::first_meeting(now, at),
                duration_min: args.duration,
            })
        }
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
    let person =
        people::add_person(&mut store, input, ctx.config.week_start, now).map_err(|e| {
            // Say which flag to fix, not which form field.
            match e {
                crate::ops::OpsError::Invalid(Invalid {
                    field: Some(field),
                    message,
                }) => CliError::usage(format!("--{}: {message}", flag_for(field))),
                other => other.into(),
            }
        })?;
    say!("Added {} (id {}).", person.name, person.id)?;
    Ok(())
}

fn flag_for(field: &str) -> &str {
    match field {
        "cadence" => "cadence",
        "duration" => "duration",
        other => other,
    }
}

fn list(ctx: &Context, format: ListFormat) -> Result<(), CliError> {
    let store = ctx.open()?;
    let rows = people::list_people(&store, ctx.now())?;
    match format {
        ListFormat::Json => print_json(&rows),
        ListFormat::Text => {
            if rows.is_empty() {
                say!("No people yet. Add one with: bearing person add --name NAME")?;
                return Ok(());
            }
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|p| {
                    vec![
                        p.person.id.to_string(),
                        p.person.name.clone(),
                        p.person.role.clone(),
                        p.person.team.clone(),
                        p.person.relation.to_string(),
                        p.cadence.clone().unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect();
            print_table(&["ID", "NAME", "ROLE", "TEAM", "RELATION", "1:1"], &table)
        }
    }
}
