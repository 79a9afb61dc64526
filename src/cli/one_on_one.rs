//! `bearing topic|action|note add`, `bearing prep`, `bearing search`.

use std::io::Read;

use super::args::{ActionCommand, ListFormat, NoteCommand, PrepFormat, TopicCommand};
use super::output::{document, print_json, print_table};
use super::{CliError, Context};
use crate::domain::one_on_one::Owner;
use crate::ops::OpsError;
use crate::ops::markdown::prep::prep_markdown;
use crate::ops::one_on_ones;
use crate::ops::people::resolve_person;
use crate::store::Store;

/// The TEXT argument, or standard input when it is "-". Never echoed in errors: it may be a
/// confidential note.
fn text_arg(text: &str) -> Result<String, CliError> {
    if text != "-" {
        return Ok(text.to_string());
    }
    let mut buf = String::new();
    std::io::stdin()
        .read_to_string(&mut buf)
        .map_err(|e| CliError::usage(format!("cannot read the text from standard input: {e}")))?;
    Ok(buf)
}

fn person(store: &Store, query: &str) -> Result<crate::domain::person::Person, CliError> {
    resolve_person(store, query).map_err(|e| match e {
        OpsError::Store(_) => e.into(),
        other => CliError::usage(format!("PERSON: {other}")),
    })
}

/// A problem with the TEXT argument (empty, too long) says so.
fn text_flagged(e: OpsError) -> CliError {
    match e {
        OpsError::Invalid(i) if matches!(i.field, Some("topic" | "action" | "note")) => {
            CliError::usage(format!("TEXT: {}", i.message))
        }
        other => other.into(),
    }
}

pub fn topic(ctx: &Context, cmd: TopicCommand) -> Result<(), CliError> {
    let TopicCommand::Add { person: who, text } = cmd;
    let text = text_arg(&text)?;
    let mut store = ctx.open()?;
    let p = person(&store, &who)?;
    let t = one_on_ones::add_topic(&mut store, p.id, &text, ctx.now()).map_err(text_flagged)?;
    say!("Queued for your next 1:1 with {} (topic {}).", p.name, t.id)?;
    Ok(())
}

pub fn action(ctx: &Context, cmd: ActionCommand) -> Result<(), CliError> {
    let ActionCommand::Add {
        person: who,
        due,
        owner,
        text,
    } = cmd;
    let due = ctx.date("--due", &due)?;
    let owner =
        Owner::parse(&owner).map_err(|e| CliError::usage(format!("--owner: {}", e.message)))?;
    let text = text_arg(&text)?;
    let mut store = ctx.open()?;
    let person = match &who {
        Some(q) => {
            Some(resolve_person(&store, q).map_err(|e| CliError::usage(format!("--person: {e}")))?)
        }
        None => None,
    };
    let id = one_on_ones::add_action(
        &mut store,
        person.as_ref().map(|p| p.id),
        owner,
        &text,
        Some(due),
        ctx.now(),
    )
    .map_err(text_flagged)?;
    let whose = match (owner, &person) {
        (Owner::Them, Some(p)) => format!("{} owes it", p.name),
        (Owner::Me, Some(p)) => format!("yours, for {}", p.name),
        _ => "yours".to_string(),
    };
    say!(
        "Action {id} added, due {} ({whose}).",
        due.format("%a %Y-%m-%d")
    )?;
    Ok(())
}

pub fn note(ctx: &Context, cmd: NoteCommand) -> Result<(), CliError> {
    let NoteCommand::Add {
        person: who,
        date,
        text,
    } = cmd;
    let date = match &date {
        Some(d) => ctx.date("--date", d)?,
        None => ctx.today(),
    };
    let text = text_arg(&text)?;
    let mut store = ctx.open()?;
    let p = person(&store, &who)?;
    let id =
        one_on_ones::add_note(&mut store, p.id, date, &text, ctx.now()).map_err(text_flagged)?;
    say!(
        "Note {id} saved for {} on {}.",
        p.name,
        date.format("%a %Y-%m-%d")
    )?;
    Ok(())
}

pub fn prep(ctx: &Context, who: &str, format: PrepFormat) -> Result<(), CliError> {
    let store = ctx.open()?;
    let p = person(&store, who)?;
    let prep = one_on_ones::prep(&store, p.id, ctx.now())?;
    match format {
        PrepFormat::Json => print_json(&prep),
        PrepFormat::Md => document(&prep_markdown(&prep, ctx.today())),
    }
}

pub fn search(ctx: &Context, query: &str, format: ListFormat) -> Result<(), CliError> {
    let store = ctx.open()?;
    let results = one_on_ones::search_all(&store, query, 50)?;
    match format {
        ListFormat::Json => print_json(&results),
        ListFormat::Text => {
            if results.is_empty() {
                say!("Nothing matches \"{query}\".")?;
                return Ok(());
            }
            let rows: Vec<Vec<String>> = results
                .iter()
                .map(|r| {
                    vec![
                        r.kind.clone(),
                        r.id.to_string(),
                        r.person.clone().unwrap_or_default(),
                        r.snippet.replace('\n', " "),
                    ]
                })
                .collect();
            print_table(&["KIND", "ID", "PERSON", "MATCH"], &rows)
        }
    }
}
