//! Undo and redo of the changes made in this TUI window, and the journal as an audit trail.

use super::OpsError;
use crate::store::Store;
use crate::store::history::{self, Change, Reason, Refusal, Step};

/// "update risk 3": what a change did, for the status bar.
pub fn describe(change: &Change) -> String {
    match change.entity_id {
        Some(id) => format!("{} {id}", change.action),
        None => change.action.clone(),
    }
}

/// Reverts this window's latest change; says what was undone, or that there was nothing to undo.
pub fn undo(store: &mut Store) -> Result<String, OpsError> {
    match history::undo(store)? {
        Step::Applied(change) => Ok(format!("Undid: {}.", describe(&change))),
        Step::Nothing => Ok("Nothing to undo.".into()),
        Step::Refused(refusal) => Err(OpsError::Refused(refused("undo", &refusal))),
    }
}

/// Re-applies the change this window undid last; says what was redone, or that there was
/// nothing to redo.
pub fn redo(store: &mut Store) -> Result<String, OpsError> {
    match history::redo(store)? {
        Step::Applied(change) => Ok(format!("Redid: {}.", describe(&change))),
        Step::Nothing => Ok("Nothing to redo.".into()),
        Step::Refused(refusal) => Err(OpsError::Refused(refused("redo", &refusal))),
    }
}

/// The latest journaled changes, newest first.
pub fn recent(store: &Store, limit: u32) -> Result<Vec<Change>, OpsError> {
    Ok(history::recent(store, limit)?)
}

const SINCE: &str = "since (by another window or the CLI); nothing was changed.";

/// "Cannot undo the change to Ada: it was changed since (…)".
fn refused(verb: &str, refusal: &Refusal) -> String {
    let change = &refusal.change;
    let what = subject(refusal);
    let doing = match change.action.split(' ').next() {
        Some("insert") => format!("adding {what}"),
        Some("delete") => format!("deleting {what}"),
        _ => format!("the change to {what}"),
    };
    let why = match &refusal.reason {
        // The entry's own words cannot be trusted: only its number is shown.
        Reason::Damaged(fault) => {
            return format!(
                "Cannot {verb} change {}: its journal entry is damaged or was not written by \
                 Bearing ({fault}); nothing was changed.",
                change.id
            );
        }
        Reason::ChangedSince {
            table,
            subject,
            deleted,
        } => format!(
            "{} was {} {SINCE}",
            if *subject { "it" } else { noun(table).0 },
            if *deleted { "deleted" } else { "changed" }
        ),
    };
    format!("Cannot {verb} {doing}: {why}")
}

/// How the user knows the entry's row: a person by name, a ritual by its quoted name, anything
/// else as "risk 3".
fn subject(refusal: &Refusal) -> String {
    let change = &refusal.change;
    let name = refusal.name.as_deref().map(|n| {
        n.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
    });
    match (change.entity.as_str(), name) {
        ("person", Some(name)) => name,
        (_, Some(name)) => format!("\"{name}\""),
        (table, None) => match change.entity_id {
            Some(id) => format!("{} {id}", noun(table).1),
            None => format!("the {}", noun(table).1),
        },
    }
}

/// A journaled table in the user's words: with its article, and the bare word.
fn noun(table: &str) -> (&'static str, &'static str) {
    match table {
        "person" => ("a person", "person"),
        "person_context" => ("a context entry", "context entry"),
        "ritual" => ("a ritual", "ritual"),
        "occurrence" => ("an occurrence", "occurrence"),
        "note" => ("a note", "note"),
        "topic" => ("a talking point", "talking point"),
        "action_item" => ("an action", "action"),
        "plan" => ("a plan", "plan"),
        "goal" => ("a goal", "goal"),
        "checkin" => ("a check-in", "check-in"),
        "risk" => ("a risk", "risk"),
        "risk_review" => ("a risk review", "risk review"),
        "calendar_event" => ("a calendar event", "calendar event"),
        _ => ("a row", "row"),
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "history_safety_tests.rs"]
mod safety_tests;
