//! Edit forms never save over newer data. A form keeps the values of the row it opened; its
//! use-case reads the row again inside the write transaction and refuses ([`OpsError::Stale`])
//! when they differ, because another writer (the CLI, another window) saved since. A save whose
//! values equal the row's writes nothing: no UPDATE, no undo step, no history entry.
//!
//! The version is the values themselves rather than a revision counter or `updated_at`: it covers
//! every table the forms edit (occurrences have no timestamp, a meeting or a plan may have no row
//! yet), needs no migration, and stays exact under undo, which puts whole row images back: a
//! counter restored by undo could match again after different values were saved
//! (edit → undo → another edit), while equal values always mean nothing newer would be lost.

use super::OpsError;

/// What a save did: `changed` is false when the values were already stored and nothing was
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited<T> {
    pub value: T,
    pub changed: bool,
}

impl<T> Edited<T> {
    pub fn changed(value: T) -> Self {
        Edited {
            value,
            changed: true,
        }
    }

    pub fn unchanged(value: T) -> Self {
        Edited {
            value,
            changed: false,
        }
    }
}

/// Refuses when the row's values read now differ from those the form opened with. `opened` is
/// `None` for an explicit command (the CLI's `goal checkin`), which applies to the row as it
/// is. Call it inside the write transaction, on values read there.
pub(super) fn ensure_as_opened<T: PartialEq + ?Sized>(
    what: impl FnOnce() -> String,
    now: &T,
    opened: Option<&T>,
) -> Result<(), OpsError> {
    match opened {
        Some(opened) if opened != now => Err(OpsError::Stale(what())),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "edit_meeting_tests.rs"]
mod meeting_tests;
