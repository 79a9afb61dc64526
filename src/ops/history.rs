//! Undo and redo of the changes made in the TUI, and the journal as an audit trail.

use super::OpsError;
use crate::store::Store;
use crate::store::history::{self, Change, Step};

/// "update risk 3": what a change did, for the status bar.
pub fn describe(change: &Change) -> String {
    match change.entity_id {
        Some(id) => format!("{} {id}", change.action),
        None => change.action.clone(),
    }
}

/// Reverts the latest change; says what was undone, or that there was nothing to undo.
pub fn undo(store: &mut Store) -> Result<String, OpsError> {
    match history::undo(store)? {
        Step::Applied(change) => Ok(format!("Undid: {}.", describe(&change))),
        Step::Nothing => Ok("Nothing to undo.".into()),
        Step::Conflict(change) => Err(OpsError::Refused(format!(
            "Cannot undo {}: changed since by another process; nothing was changed.",
            describe(&change)
        ))),
    }
}

/// Re-applies the change undone last; says what was redone, or that there was nothing to redo.
pub fn redo(store: &mut Store) -> Result<String, OpsError> {
    match history::redo(store)? {
        Step::Applied(change) => Ok(format!("Redid: {}.", describe(&change))),
        Step::Nothing => Ok("Nothing to redo.".into()),
        Step::Conflict(change) => Err(OpsError::Refused(format!(
            "Cannot redo {}: changed since by another process; nothing was changed.",
            describe(&change)
        ))),
    }
}

/// The latest journaled changes, newest first.
pub fn recent(store: &Store, limit: u32) -> Result<Vec<Change>, OpsError> {
    Ok(history::recent(store, limit)?)
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
