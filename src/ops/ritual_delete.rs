//! Deleting a series. Its meetings' records (held, skipped, moved, their notes and decisions) go
//! with it, so a delete asked in the cockpit compares them too: what another writer wrote while
//! the question was open was never in the question, and is not deleted unseen.

use super::OpsError;
use super::edit::ensure_as_opened;
use super::rituals::current;
use crate::domain::ritual::{OccurrenceRecord, Ritual};
use crate::store::{Store, occurrences, rituals};

/// A series as a delete's question showed it: the series and every meeting record it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesShown {
    pub ritual: Ritual,
    /// By original start, as the store keeps them.
    pub meetings: Vec<OccurrenceRecord>,
}

impl SeriesShown {
    /// The meetings something was written for: notes, decisions or agenda items ticked off.
    pub fn written_up(&self) -> usize {
        self.meetings
            .iter()
            .filter(|m| !(m.notes.is_empty() && m.decisions.is_empty() && m.agenda_done.is_empty()))
            .count()
    }
}

/// Series `id` with its meeting records, for the question a delete asks first.
pub fn series_shown(store: &Store, id: i64) -> Result<SeriesShown, OpsError> {
    shown_in(store.conn(), id)
}

fn shown_in(conn: &rusqlite::Connection, id: i64) -> Result<SeriesShown, OpsError> {
    Ok(SeriesShown {
        ritual: current(conn, id)?,
        meetings: occurrences::for_ritual(conn, id)?,
    })
}

/// Deletes a series and its meetings' records. With `opened` (the series and its meetings as the
/// question showed them) the delete is refused when any of it changed since: a note, a mark or
/// a move written elsewhere meanwhile, or the series itself.
pub fn delete_ritual(
    store: &mut Store,
    id: i64,
    opened: Option<&SeriesShown>,
) -> Result<Ritual, OpsError> {
    store.write(|tx| -> Result<Ritual, OpsError> {
        let now = shown_in(tx, id)?;
        ensure_as_opened(|| format!("ritual {id}"), &now, opened)?;
        rituals::delete(tx, id)?;
        Ok(now.ritual)
    })
}
