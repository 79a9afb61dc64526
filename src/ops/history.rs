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

/// The audit trail's lines for `changes` (newest first): a change made in several transactions
/// (a person deleted in slices: the mark, the slices, the person row) is one line, where its
/// newest listed entry is, saying how many steps it took in all (read from the journal: the
/// list may hold only the last few); other entries are a line each.
pub fn lines<'a>(
    store: &Store,
    changes: &'a [Change],
) -> Result<Vec<(&'a Change, String)>, OpsError> {
    let mut shown: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    for c in changes {
        let Some(group) = c.group.as_deref() else {
            let others = history::alike(store, c)?;
            let words = match others.split_last() {
                None => describe(c),
                Some((last, [])) => format!("{} and {last}", describe(c)),
                Some((last, rest)) => {
                    let rest: Vec<String> = rest.iter().map(i64::to_string).collect();
                    format!("{}, {} and {last}", describe(c), rest.join(", "))
                }
            };
            lines.push((c, words));
            continue;
        };
        if shown.contains(&group) {
            continue;
        }
        shown.push(group);
        let steps = history::group(store, group)?;
        let n = steps.len();
        let deleted = steps.iter().find(|s| s.action == "delete person");
        let begun = steps.first().filter(|s| s.action == "update person");
        let words = match (deleted, begun) {
            (Some(done), _) => format!("{} (in {n} steps)", describe(done)),
            (None, Some(mark)) => format!(
                "delete {} begun, not finished ({n} steps so far)",
                describe(mark).trim_start_matches("update ")
            ),
            (None, None) => format!("{} ({n} steps of one change)", describe(c)),
        };
        lines.push((c, words));
    }
    Ok(lines)
}

/// Reverts this window's latest change; says what was undone ("Undid: the 1:1 with Marcus on
/// Mon 23 Nov."), or that there was nothing to undo. A change whose undo was refused stays as
/// it is, and the next undo goes on to the change before it.
pub fn undo(store: &mut Store) -> Result<String, OpsError> {
    match history::undo(store)? {
        Step::Applied(change, rows) => Ok(format!(
            "Undid: {}.",
            super::history_words::describe(store, &change, &rows)
        )),
        Step::Nothing => Ok("Nothing to undo.".into()),
        Step::Refused(refusal) => Err(OpsError::Refused(refused("undo", &refusal))),
    }
}

/// Re-applies the change this window undid last; says what was redone, or that there was
/// nothing to redo.
pub fn redo(store: &mut Store) -> Result<String, OpsError> {
    match history::redo(store)? {
        Step::Applied(change, rows) => Ok(format!(
            "Redid: {}.",
            super::history_words::describe(store, &change, &rows)
        )),
        Step::Nothing => Ok("Nothing to redo.".into()),
        Step::Refused(refusal) => Err(OpsError::Refused(refused("redo", &refusal))),
    }
}

/// The latest journaled changes, newest first.
pub fn recent(store: &Store, limit: u32) -> Result<Vec<Change>, OpsError> {
    Ok(history::recent(store, limit)?)
}

const SINCE: &str = "since (by another window or the CLI); nothing was changed.";

/// "Cannot undo adding Zed: a note and an action were added for Zed since (…)".
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
            later_here: true,
        } => format!(
            "{} was {} since by a later change made here, which stays; nothing was changed.",
            if *subject { "it" } else { noun(table).0 },
            if *deleted { "deleted" } else { "changed" }
        ),
        Reason::ChangedSince {
            table,
            subject,
            deleted,
            later_here: false,
        } => format!(
            "{} was {} {SINCE}",
            if *subject { "it" } else { noun(table).0 },
            if *deleted { "deleted" } else { "changed" }
        ),
        Reason::ParentGone { parent } => {
            format!("{} it refers to was deleted {SINCE}", noun(parent).0)
        }
        Reason::Clashes { table } => format!(
            "{} that would repeat it (the same name or the same key) was added {SINCE}",
            noun(table).0
        ),
        Reason::WouldTouch(rows) => {
            let how = match (
                rows.iter().all(|r| r.deleted),
                rows.iter().any(|r| r.deleted),
            ) {
                (true, _) => "added for",
                (_, false) => "linked to",
                _ => "added for or linked to",
            };
            let verb = if rows.len() == 1 { "was" } else { "were" };
            format!("{} {verb} {how} {what} {SINCE}", counted(rows))
        }
    };
    // A delete that cannot be undone leaves the user without what it took: say where it is.
    let back = if verb == "undo" && doing.starts_with("deleting") {
        " A backup from before it (backups/ beside the database) still has it: `bearing \
         restore FILE`, or `bearing --db FILE` to copy from it."
    } else {
        ""
    };
    format!("Cannot {verb} {doing}: {why}{back}")
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
            Some(id) => format!("{} {id}", noun(table).2),
            None => format!("the {}", noun(table).2),
        },
    }
}

/// "a note and 2 actions", tables in schema order.
fn counted(rows: &[history::Touched]) -> String {
    let parts: Vec<String> = crate::store::journaled_tables()
        .map(|table| (table, rows.iter().filter(|r| r.table == table).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(table, n)| match n {
            1 => noun(table).0.to_string(),
            n => format!("{n} {}", noun(table).1),
        })
        .collect();
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.concat(),
    }
}

/// A journaled table in the user's words: one with its article, several, and the bare word.
fn noun(table: &str) -> (&'static str, &'static str, &'static str) {
    match table {
        "person" => ("a person", "people", "person"),
        "person_context" => ("a context entry", "context entries", "context entry"),
        "health_read" => ("a health read", "health reads", "health read"),
        "ritual" => ("a ritual", "rituals", "ritual"),
        "occurrence" => ("a meeting", "meetings", "meeting"),
        "note" => ("a note", "notes", "note"),
        "topic" => ("a talking point", "talking points", "talking point"),
        "action_item" => ("an action", "actions", "action"),
        "plan" => ("a plan", "plans", "plan"),
        "goal" => ("a goal", "goals", "goal"),
        "checkin" => ("a check-in", "check-ins", "check-in"),
        "risk" => ("a risk", "risks", "risk"),
        "risk_review" => ("a risk review", "risk reviews", "risk review"),
        "calendar_event" => ("a calendar event", "calendar events", "calendar event"),
        "link" => ("a link", "links", "link"),
        "metric" => ("a metric", "metrics", "metric"),
        "metric_value" => ("a metric's value", "metric values", "metric value"),
        "decision" => ("a decision", "decisions", "decision"),
        "decision_person" => (
            "a person named on a decision",
            "people named on decisions",
            "person named on a decision",
        ),
        _ => ("a row", "rows", "row"),
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "history_safety_tests.rs"]
mod safety_tests;

#[cfg(test)]
#[path = "history_property_tests.rs"]
mod property_tests;
