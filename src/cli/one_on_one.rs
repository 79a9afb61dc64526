//! Adding talking points, actions and notes (`bearing topic|action|note add`), `bearing prep`,
//! `bearing search`. The other verbs of those objects are in `topic.rs`, `action.rs`, `note.rs`.

use super::args::{ListFormat, PrepFormat};
use super::output::{document, print_json, print_table};
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::one_on_one::Owner;
use crate::domain::text::BODY_MAX;
use crate::limited_read::Limited;
use crate::ops::OpsError;
use crate::ops::markdown::prep::prep_markdown;
use crate::ops::one_on_ones;
use crate::ops::people::resolve_person;
use crate::store::Store;

/// The TEXT argument, or standard input when it is "-". Never echoed in errors: it may be a
/// confidential note. Standard input is read up to what the field (`what`: a long text) can
/// hold plus one character at most, so `yes |` or `</dev/zero` is refused, not read forever.
pub(super) fn text_arg(text: &str, what: &str) -> Result<String, CliError> {
    if text != "-" {
        return Ok(text.to_string());
    }
    // A character is at most 4 bytes: this many bytes hold more characters than the field does.
    let ceiling = u64::try_from(BODY_MAX.saturating_add(1).saturating_mul(4)).unwrap_or(u64::MAX);
    let read = super::stdio::read_stdin(ceiling)
        .map_err(|e| CliError::usage(format!("cannot read the text from standard input: {e}")))?;
    let Limited::Within(bytes) = read else {
        return Err(CliError::usage(format!(
            "TEXT: the {what} on standard input is too long: more than {BODY_MAX} characters, \
             at most {BODY_MAX}; nothing was saved"
        )));
    };
    String::from_utf8(bytes)
        .map_err(|_| CliError::usage("TEXT: standard input is not UTF-8 text; nothing was saved"))
}

pub(super) fn person(
    store: &Store,
    query: &str,
) -> Result<crate::domain::person::Person, CliError> {
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

pub fn add_topic(ctx: &Context, who: &str, text: &str) -> Result<(), CliError> {
    let text = text_arg(text, "topic")?;
    let mut store = ctx.open()?;
    let p = person(&store, who)?;
    let t = one_on_ones::add_topic(&mut store, p.id, &text, ctx.now()).map_err(text_flagged)?;
    say!("Queued for your next 1:1 with {} (topic {}).", p.name, t.id)?;
    Ok(())
}

pub fn add_action(
    ctx: &Context,
    who: Option<&str>,
    due: &str,
    owner: &str,
    text: &str,
    links: &super::link::LinkFlags,
) -> Result<(), CliError> {
    let due = ctx.date("--due", due)?;
    let owner =
        Owner::parse(owner).map_err(|e| CliError::usage(format!("--owner: {}", e.message)))?;
    let text = text_arg(text, "action")?;
    let mut store = ctx.open()?;
    let person = match who {
        Some(q) => {
            Some(resolve_person(&store, q).map_err(|e| CliError::usage(format!("--person: {e}")))?)
        }
        None => None,
    };
    let linked = super::link::flagged_links(&store, links)?;
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
    let added = crate::domain::link::ObjectRef::new(crate::domain::link::LinkKind::Action, id);
    super::link::link_added(ctx, &mut store, added, &linked)
}

pub fn add_note(ctx: &Context, who: &str, date: Option<&str>, text: &str) -> Result<(), CliError> {
    let date = match date {
        Some(d) => ctx.date("--date", d)?,
        None => ctx.today(),
    };
    let text = text_arg(text, "note")?;
    let mut store = ctx.open()?;
    let p = person(&store, who)?;
    let id =
        one_on_ones::add_note(&mut store, p.id, date, &text, ctx.now()).map_err(text_flagged)?;
    say!(
        "Note {id} saved for {} on {}.",
        p.name,
        date.format("%a %Y-%m-%d")
    )?;
    // Likely a slip of the year or month: it would head their notes until then.
    let ahead = (date - ctx.today()).num_days();
    if ahead > 0 {
        note!(
            "warning: the note is dated {ahead} days from now; until then it heads {}'s notes \
             (`bearing note edit {id} --date DATE` moves it)",
            p.name
        );
    }
    Ok(())
}

pub fn prep(
    ctx: &Context,
    who: &str,
    format: PrepFormat,
    include_private: bool,
) -> Result<(), CliError> {
    if include_private && format != PrepFormat::Md {
        return Err(CliError::usage(
            "--include-private works only with --format md (JSON always holds the health reads)",
        ));
    }
    let store = ctx.read()?;
    let p = person(&store, who)?;
    let prep = one_on_ones::prep(&store, p.id, ctx.now())?;
    match format {
        PrepFormat::Json => print_json(&prep),
        PrepFormat::Md => document(&prep_markdown(&prep, ctx.today(), include_private)),
    }
}

/// What a result's MATCH column shows: the snippet, after the title where the title says which
/// one it is (a meeting's series and day, a context entry's kind and date).
fn search_match(r: &one_on_ones::SearchResult) -> String {
    use crate::ops::search::SearchKind as K;
    let snippet = r.snippet.replace('\n', " ");
    match r.kind {
        K::Meeting | K::Context => format!("{}: {snippet}", r.title),
        K::Person
        | K::Ritual
        | K::Goal
        | K::Risk
        | K::Decision
        | K::Topic
        | K::Action
        | K::Note => snippet,
    }
}

pub fn search(ctx: &Context, query: &str, format: ListFormat) -> Result<(), CliError> {
    if query.trim().is_empty() {
        return Err(CliError::usage(
            "QUERY: give at least one word to search for (an empty query matches nothing)",
        ));
    }
    let store = ctx.read()?;
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
                        r.kind.to_string(),
                        r.id.to_string(),
                        r.person.clone().unwrap_or_default(),
                        search_match(r),
                    ]
                })
                .collect();
            print_table(&["KIND", "ID", "PERSON", "MATCH"], &rows)
        }
    }
}
