//! The verbs every object shares, once: `list`, `show`, `delete`, and the read-modify-write
//! loop behind `edit`. An object plugs in by implementing `ops::objects::Object`; its own
//! module parses its flags and calls these.

use clap::{Args, ValueEnum};

use super::args::ListFormat;
use super::output::{document, print_json, print_table};
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::OpsError;
use crate::ops::links::{Linked, links_of};
use crate::ops::objects::{Object, reach_words};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ShowFormat {
    #[default]
    Text,
    Json,
    Md,
}

/// `show ID|NAME [--format text|json|md]`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The id (see `list`), or for people, rituals, goals and risks a name or title: ignoring
    /// case, a unique part works too
    #[arg(value_name = "ID|NAME")]
    pub query: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

/// `delete ID|NAME [--yes]`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The id (see `list`), or for people, rituals, goals and risks a name or title
    #[arg(value_name = "ID|NAME")]
    pub query: String,
    /// Delete without asking (needed when standard input is not a terminal)
    #[arg(long)]
    pub yes: bool,
}

/// The id an argument names; an unknown or ambiguous one is refused (exit 2) with candidates.
pub fn find<O: Object>(store: &Store, query: &str) -> Result<i64, CliError> {
    O::find(store, query).map_err(CliError::from)
}

/// `list`: a table with ids, or a JSON array of full objects.
pub fn list<O: Object>(
    ctx: &Context,
    store: &Store,
    filter: &O::Filter,
    filtered: bool,
    format: ListFormat,
) -> Result<(), CliError> {
    let now = ctx.now();
    let all = O::list(store, filter, now)?;
    match format {
        ListFormat::Json => {
            let kind = LinkKind::from_word(O::KIND);
            let shown = all
                .iter()
                .map(|view| {
                    let links = kind
                        .map(|k| links_of(store, ObjectRef::new(k, O::id(view))))
                        .transpose()?;
                    Ok(Shown { view, links })
                })
                .collect::<Result<Vec<_>, CliError>>()?;
            print_json(&shown)
        }
        ListFormat::Text if all.is_empty() => say!("{}", O::empty(filtered)),
        ListFormat::Text => {
            let rows: Vec<Vec<String>> = all.iter().map(|v| O::row(v, now)).collect();
            print_table(O::COLUMNS, &rows)
        }
    }
}

/// An object's JSON with its links (`links: [{kind, id, title}]`) for kinds that can have them.
#[derive(serde::Serialize)]
struct Shown<'a, V> {
    #[serde(flatten)]
    view: &'a V,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Vec<Linked>>,
}

/// `show`: the object as text, as the same JSON object `list` gives (with its links), or as
/// Markdown; text and Markdown end with a Links section when it has any.
pub fn show<O: Object>(ctx: &Context, args: &ShowArgs) -> Result<(), CliError> {
    let store = ctx.read()?;
    let id = find::<O>(&store, &args.query)?;
    let view = O::get(&store, id, ctx.now())?;
    let links = LinkKind::from_word(O::KIND)
        .map(|kind| links_of(&store, ObjectRef::new(kind, id)))
        .transpose()?;
    let card = || {
        let lines = links
            .iter()
            .flatten()
            .map(|l| format!("{}:{} {}", l.kind, l.id, l.title))
            .collect();
        O::card(&view, ctx.now()).section("Links", lines)
    };
    match args.format {
        ShowFormat::Json => print_json(&Shown { view: &view, links }),
        ShowFormat::Text => document(&card().text()),
        ShowFormat::Md => document(&card().markdown()),
    }
}

/// `delete`: says what goes with it, asks on a terminal, refuses without `--yes` otherwise.
pub fn delete<O: Object>(ctx: &Context, args: &DeleteArgs) -> Result<(), CliError> {
    let mut store = ctx.open_existing()?;
    let id = find::<O>(&store, &args.query)?;
    let view = O::get(&store, id, ctx.now())?;
    let what = format!("{} {id} ({})", O::KIND, O::label(&view));
    let reached = O::reaches(&store, id)?;
    let reaches = reach_words(O::KIND, &reached, false);
    if !args.yes {
        let also = reaches
            .as_ref()
            .map(|r| format!(" This {r}."))
            .unwrap_or_default();
        let question = format!("Delete {what}?{also} Type yes to delete: ");
        if !super::backup::confirm(&question)? {
            return Err(CliError::usage(format!(
                "{what} was not deleted{}. Pass --yes to delete without the question (for scripts).",
                reaches
                    .map(|r| format!(": deleting it {r}"))
                    .unwrap_or_default()
            )));
        }
    }
    O::delete(&mut store, id, ctx.now())?;
    match reach_words(O::KIND, &reached, true) {
        Some(r) => say!("Deleted {what}; it {r}."),
        None => say!("Deleted {what}."),
    }
}

/// Runs a read-apply-write step again when another writer saved the row in between (the
/// step's write, given the row as read, refuses with `Stale` then): the flags apply to the row
/// as it is when written. The step's outer error is the flags' (no retry), the inner the write's.
pub fn retrying<T>(
    mut step: impl FnMut() -> Result<Result<T, OpsError>, CliError>,
) -> Result<T, CliError> {
    let mut attempts = 0;
    loop {
        match step()? {
            Err(OpsError::Stale(_)) if attempts < 3 => attempts += 1,
            Err(e) => return Err(flagged(e)),
            Ok(value) => return Ok(value),
        }
    }
}

/// `edit` without a flag is refused, listing the flags: each flag, and whether it was given.
pub fn require_a_flag(flags: &[(&str, bool)]) -> Result<(), CliError> {
    if flags.iter().any(|(_, given)| *given) {
        return Ok(());
    }
    let names: Vec<&str> = flags.iter().map(|(flag, _)| *flag).collect();
    Err(CliError::usage(format!(
        "nothing to change: give at least one of {}",
        names.join(", ")
    )))
}

/// A flag that sets a value beside its `--no-…` that clears it: `Some(Some(v))`, `Some(None)`,
/// or `None` when neither was given.
pub fn set_or_clear<T>(value: Option<T>, clear: bool) -> Option<Option<T>> {
    match (value, clear) {
        (Some(v), _) => Some(Some(v)),
        (None, true) => Some(None),
        (None, false) => None,
    }
}

/// The words `done|reopen` says for an object with a tick (an action, a talking point).
pub struct Tick {
    pub noun: &'static str,
    pub changed: &'static str,
    pub already: &'static str,
}

/// `done|reopen ID…`: `set` changes those not yet in the new state, all in one transaction
/// (one id unknown: none changes), and returns the ids it changed.
pub fn tick<O: Object>(
    ctx: &Context,
    ids: &[String],
    words: &Tick,
    set: impl FnOnce(&mut Store, &[i64], chrono::NaiveDateTime) -> Result<Vec<i64>, OpsError>,
) -> Result<(), CliError> {
    let ids = ids
        .iter()
        .map(|id| crate::ops::objects::parse_id(O::KIND, id))
        .collect::<Result<Vec<i64>, _>>()?;
    let mut store = ctx.open_existing()?;
    let changed = set(&mut store, &ids, ctx.now())?;
    for id in &ids {
        if changed.contains(id) {
            say!("{}: {} {id}.", words.changed, words.noun)?;
        } else {
            say!(
                "{} {id} was {}: nothing changed.",
                capitalised(words.noun),
                words.already
            )?;
        }
    }
    Ok(())
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// An ops error on an object, its form field named as the flag that sets it.
pub fn flagged(e: OpsError) -> CliError {
    match e {
        OpsError::Invalid(i) => match i.field {
            Some(field) => CliError::usage(format!("--{}: {}", field.replace('_', "-"), i.message)),
            None => CliError::usage(i.message),
        },
        other => other.into(),
    }
}
