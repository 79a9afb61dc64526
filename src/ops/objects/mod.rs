//! The objects the command line manages with the same verbs — `list`, `show`, `edit`,
//! `delete` — and the same output shapes. An object plugs in by implementing [`Object`]: how to
//! list and read it (its full JSON form), find it by id or name, describe it as a [`Card`]
//! (text and Markdown), count what its delete takes along, and delete it. The command line's
//! generic driver (`cli/object.rs`) does the rest: formats, the question before a delete,
//! `--yes`, exit codes.

pub mod action;
pub mod card;
pub mod decision;
pub mod goal;
pub mod metric;
pub mod note;
pub mod person;
pub mod resolve;
pub mod risk;
pub mod ritual;
pub mod topic;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::OpsError;
use crate::store::Store;
use crate::store::dependents::Reached;
pub use card::Card;

/// An object with an id, a name, JSON and text forms, and what goes with it when deleted.
pub trait Object {
    /// The word for one, in messages and on the command line: "person", "ritual", "action".
    const KIND: &'static str;
    /// The column titles of `list`'s text table; [`Object::row`] fills one row.
    const COLUMNS: &'static [&'static str];
    /// The full object: `show --format json` prints one, `list --format json` an array.
    type View: Serialize;
    /// What `list` can be narrowed to.
    type Filter;

    fn list(
        store: &Store,
        filter: &Self::Filter,
        now: NaiveDateTime,
    ) -> Result<Vec<Self::View>, OpsError>;

    /// One object by id; [`OpsError::NotFound`] names the list command that shows the ids.
    fn get(store: &Store, id: i64, now: NaiveDateTime) -> Result<Self::View, OpsError>;

    /// The id an argument means: an id, or (for objects with a name) a name, case-insensitive,
    /// a unique part of one too; ambiguous or unknown names are refused with the candidates.
    fn find(store: &Store, query: &str) -> Result<i64, OpsError>;

    fn id(view: &Self::View) -> i64;

    /// How a person knows it in one line: `Priya Raman`, `"Staff meeting"`.
    fn label(view: &Self::View) -> String;

    fn row(view: &Self::View, now: NaiveDateTime) -> Vec<String>;

    fn card(view: &Self::View, now: NaiveDateTime) -> Card;

    /// What deleting it takes along (cascades) or unlinks, counted now.
    fn reaches(store: &Store, id: i64) -> Result<Vec<Reached>, OpsError>;

    /// Deletes it and what cascades from it: in one transaction, or (a person) in slices that
    /// are one undo step (`ops::person_delete`).
    fn delete(store: &mut Store, id: i64, now: NaiveDateTime) -> Result<(), OpsError>;

    /// What `list` says when it finds nothing, with the command that adds one.
    fn empty(filtered: bool) -> String {
        if filtered {
            format!("No {} match these filters.", plural(Self::KIND))
        } else {
            format!(
                "No {} yet. Add one with `bearing {} add`.",
                plural(Self::KIND),
                Self::KIND
            )
        }
    }
}

/// "person" → "people": the plural of each object's word.
pub fn plural(kind: &str) -> String {
    match kind {
        "person" => "people".into(),
        "topic" => "talking points".into(),
        "action" => "actions".into(),
        other => format!("{other}s"),
    }
}

/// The user's words for what a delete reaches, by journaled table: (one, several).
fn noun(table: &str) -> (&'static str, &'static str) {
    match table {
        "note" => ("note", "notes"),
        "topic" => ("talking point", "talking points"),
        "action_item" => ("action", "actions"),
        "person_context" => ("context entry", "context entries"),
        "health_read" => ("health read", "health reads"),
        "person" => ("report", "reports"),
        "risk" => ("risk", "risks"),
        "ritual" => ("1:1 series", "1:1 series"),
        "occurrence" => ("meeting record", "meeting records"),
        "goal" => ("goal", "goals"),
        "checkin" => ("check-in", "check-ins"),
        "risk_review" => ("score history entry", "score history entries"),
        "decision" => ("decision", "decisions"),
        "decision_person" => ("name on a decision", "names on decisions"),
        "metric_value" => ("value", "values"),
        "metric" => ("metric", "metrics"),
        "link" => ("link", "links"),
        _ => ("row", "rows"),
    }
}

fn counted(rows: &[&Reached], kind: &str) -> String {
    let parts: Vec<String> = rows
        .iter()
        .map(|r| {
            let (one, many) = noun(r.table);
            // A ritual reached through another ritual is a later series, not a 1:1 series.
            let (one, many) = match (kind, r.table) {
                ("ritual", "ritual") => ("later series", "later series"),
                _ => (one, many),
            };
            if r.count == 1 {
                format!("1 {one}")
            } else {
                format!("{} {many}", r.count)
            }
        })
        .collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.concat(),
    }
}

/// "deletes 12 notes and 3 actions; unlinks 1 goal (they stay)" (with `past`: "deleted …;
/// unlinked …"), or None when it reaches nothing.
pub fn reach_words(kind: &str, reached: &[Reached], past: bool) -> Option<String> {
    let deleted: Vec<&Reached> = reached.iter().filter(|r| r.deleted).collect();
    // What a person's delete hands on rather than unlinks: their reports go to their manager
    // (one level up), the metrics they owned become mine.
    let handed = |r: &&Reached| kind == "person" && matches!(r.table, "person" | "metric");
    let unlinked: Vec<&Reached> = reached
        .iter()
        .filter(|r| !r.deleted && !handed(r))
        .collect();
    let (deletes, unlinks) = if past {
        ("deleted", "unlinked")
    } else {
        ("deletes", "unlinks")
    };
    let mut parts = Vec::new();
    if !deleted.is_empty() {
        parts.push(format!("{deletes} {}", counted(&deleted, kind)));
    }
    if !unlinked.is_empty() {
        parts.push(format!(
            "{unlinks} {} (they stay)",
            counted(&unlinked, kind)
        ));
    }
    for r in reached.iter().filter(|r| !r.deleted && handed(r)) {
        parts.push(match (r.table, past) {
            ("person", false) => format!("moves {} up to their manager", counted(&[r], kind)),
            ("person", true) => format!("moved {} up to their manager", counted(&[r], kind)),
            (_, false) => format!("makes {} yours", counted(&[r], kind)),
            (_, true) => format!("made {} yours", counted(&[r], kind)),
        });
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Ids given on the command line that are not numbers are refused with the list to look in.
pub fn parse_id(kind: &str, query: &str) -> Result<i64, OpsError> {
    query.trim().parse::<i64>().map_err(|_| {
        OpsError::Invalid(crate::domain::Invalid::new(format!(
            "a {kind} is named by its id, a number (see `bearing {kind} list`)"
        )))
    })
}

#[cfg(test)]
#[path = "objects_tests.rs"]
mod tests;
