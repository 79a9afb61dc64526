//! Deleting a person without holding the database (issue 18): their bulky rows go in slices of
//! [`SLICE_ROWS`], each its own short transaction, and the person row last. Between slices
//! another writer (the CLI beside the cockpit) waits for one slice at most. The person is marked
//! before the first slice (`person.deleting`), so a delete cut short can be finished: by
//! `bearing person delete` naming them again, or `d` in the cockpit, once [`UNDER_WAY`] has
//! passed (never by itself). All the slices of one delete are one journal group: one undo takes
//! them all back.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::OpsError;
use crate::domain::person::Person;
use crate::store::{Store, people, person_delete};

/// Rows one slice deletes. Chosen by measurement on the huge demo (RELIABILITY.md, "Deleting a
/// person"): a slice of this size, FTS5 deletes and the undo journal included, takes well under
/// the 50 ms any single write may hold the database.
pub const SLICE_ROWS: usize = 150;

/// The pause between two slices when one call runs them all (the CLI): a writer waiting for the
/// lock tries again every millisecond (`store::open`), so it gets in here.
const BETWEEN_SLICES: std::time::Duration = std::time::Duration::from_millis(2);

/// A delete under way: who, the journal group its slices share, and how far it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleting {
    pub id: i64,
    pub name: String,
    pub group: String,
    /// Rows deleted so far, of `total` (the person row not counted).
    pub done: u64,
    pub total: u64,
}

/// What one slice left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slice {
    /// More slices to go.
    More(Deleting),
    /// The person is gone, the last of their rows with them.
    Done(Deleting),
    /// The person is no longer marked (an undo took the delete back) or no longer there:
    /// nothing more to do.
    Stopped(Deleting),
}

/// When a delete mark (`person.deleting`, `YYYY-MM-DDTHH:MM:SS`) says the delete began (or
/// last ran a slice); `None` for a mark that is no time.
pub fn began(mark: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(mark, "%Y-%m-%dT%H:%M:%S").ok()
}

/// Why a person's rows cannot get a new note, talking point or action: they are being deleted.
pub fn refuse_if_deleting(conn: &Connection, person_id: i64) -> Result<(), OpsError> {
    if let Some(Some(_)) = person_delete::deleting_since(conn, person_id)? {
        return Err(OpsError::Refused(format!(
            "person {person_id} is being deleted: nothing can be added for them or changed. \
             Undo the delete in the cockpit that began it, or, if it was cut short, finish it \
             with `bearing person delete {person_id} --yes` (or `d` in the cockpit)"
        )));
    }
    Ok(())
}

/// How long after a delete's last slice (or its start) another window or command leaves it alone:
/// it may still be under way there, and finishing it here would leave that window's undo with
/// only part of it. A delete of ten years' history takes a few seconds at most.
pub const UNDER_WAY: chrono::Duration = chrono::Duration::minutes(2);

/// Marks the person as being deleted (the first slice, alone): from here on they show as being
/// deleted and nothing can be added for them. A person already marked (a delete cut short) is
/// resumed under a new group, unless the mark is under [`UNDER_WAY`] old: that delete may be
/// running in another window, and is refused.
pub fn begin(store: &mut Store, id: i64, now: NaiveDateTime) -> Result<Deleting, OpsError> {
    let person = people::get(store.conn(), id)?
        .ok_or_else(|| OpsError::NotFound(format!("no person with id {id}")))?;
    if let Some(Some(since)) = person_delete::deleting_since(store.conn(), id)? {
        let began = began(&since);
        // A mark in the future (a file from elsewhere, another clock) or one that is no time
        // is no delete under way here: else the person could be neither finished nor edited
        // until that time, or ever.
        if began.is_some_and(|began| began <= now && now - began < UNDER_WAY) {
            return Err(OpsError::Refused(format!(
                "person {id} ({}) is being deleted, since {}: another window or command may \
                 still be at it. If it was cut short (a crash, a window closed), finish it two \
                 minutes after that",
                person.name,
                since.replace('T', " ")
            )));
        }
    }
    let group = crate::store::new_group();
    // Counted before the mark's transaction, not in it: on ten years of a cold file the count
    // read for up to 90 ms with the write lock held. It is only the progress shown.
    let total = person_delete::left(store.conn(), id)?;
    store.write_in_group(&group, |tx| -> Result<(), OpsError> {
        person_delete::mark(tx, id, now)?;
        Ok(())
    })?;
    Ok(Deleting {
        id,
        name: person.name,
        group,
        done: 0,
        total,
    })
}

/// Deletes the next slice of the person's rows, in one transaction; once none is left, the last
/// slice deletes the person row (their series, links and cleared references by cascade).
/// The log the slice before wrote is copied into the file first, as part of this slice, and
/// not by SQLite after a commit it picks: that copy (20–30 ms on ten years of data, when the log
/// passed 1,000 pages) came on top of a slice, and one step of the delete took 55–64 ms.
///
/// Each slice marks the person anew at `now`: a delete under way is never older than its last
/// slice, so only one that stopped (a crash, a window closed or paused) passes [`UNDER_WAY`].
pub fn slice(
    store: &mut Store,
    run: &Deleting,
    rows: usize,
    now: NaiveDateTime,
) -> Result<Slice, OpsError> {
    store.checkpoint()?;
    store.auto_checkpoint(false)?;
    let step = slice_rows(store, run, rows, now);
    store.auto_checkpoint(true)?;
    step
}

fn slice_rows(
    store: &mut Store,
    run: &Deleting,
    rows: usize,
    now: NaiveDateTime,
) -> Result<Slice, OpsError> {
    let (id, group) = (run.id, run.group.clone());
    let step = store.write_in_group(&group, |tx| -> Result<Option<(usize, bool)>, OpsError> {
        match person_delete::deleting_since(tx, id)? {
            // Another writer (a second window, the CLI resuming it) deleted them meanwhile.
            None => return Ok(Some((0, true))),
            // No longer marked: an undo took the delete back.
            Some(None) => return Ok(None),
            Some(Some(_)) => {}
        }
        let deleted = person_delete::delete_some(tx, id, rows)?;
        person_delete::mark(tx, id, now)?;
        // The person row goes alone, once nothing bulky is left: its journal entry is the
        // delete's own ("delete person"), and what it cascades to is small.
        let last = deleted == 0;
        if last {
            // Their reports go to their manager, not to me: the org keeps its shape.
            people::hand_reports_up(tx, id)?;
            people::delete(tx, id)?;
        }
        Ok(Some((deleted, last)))
    })?;
    Ok(match step {
        None => Slice::Stopped(run.clone()),
        Some((deleted, last)) => {
            let next = Deleting {
                done: run.done + deleted as u64,
                ..run.clone()
            };
            if last {
                Slice::Done(next)
            } else {
                Slice::More(next)
            }
        }
    })
}

/// Deletes the person and everything of theirs, slice after slice (resuming a delete cut
/// short). Each slice is its own transaction; the whole is one undo step.
pub fn delete_person(store: &mut Store, id: i64, now: NaiveDateTime) -> Result<Person, OpsError> {
    let person = people::get(store.conn(), id)?
        .ok_or_else(|| OpsError::NotFound(format!("no person with id {id}")))?;
    let mut run = begin(store, id, now)?;
    loop {
        match slice(store, &run, SLICE_ROWS, now)? {
            Slice::More(next) => {
                run = next;
                std::thread::sleep(BETWEEN_SLICES);
            }
            Slice::Done(_) => return Ok(person),
            Slice::Stopped(_) => {
                return Err(OpsError::Refused(format!(
                    "person {id} was put back while being deleted: run the delete again"
                )));
            }
        }
    }
}

#[cfg(test)]
#[path = "person_delete_tests.rs"]
mod tests;
