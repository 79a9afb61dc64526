//! What a series' meetings carry (skips, moves, held marks, notes and decisions) follows them
//! when the schedule changes: each record goes to the new schedule's meeting on the same day.
//! Keyed by its old start, a record the new rule does not produce would otherwise stay behind,
//! on a time nothing shows any more: a skip, a move or meeting notes silently gone.

use chrono::{Duration, NaiveDateTime};

use super::OpsError;
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus};
use crate::schedule::recurrence::Recurrence;
use crate::store::occurrences;

/// Where each record goes, and what could not go anywhere.
#[derive(Debug, Default)]
pub(super) struct Carry {
    /// Record id, its new start, and its move (cleared when the move lands on the new start).
    moves: Vec<(i64, NaiveDateTime, Option<NaiveDateTime>)>,
    /// Records holding something whose day the new schedule does not meet.
    stranded: Vec<OccurrenceRecord>,
}

/// Maps `records` onto the meetings of `new`: the meeting at the same start if there is one,
/// else the nearest one on the same day not already taken. A one-off meeting's record follows it
/// to its new day. No two records land on one meeting.
pub(super) fn plan(records: &[OccurrenceRecord], old_one_off: bool, new: &Recurrence) -> Carry {
    let day_of = |r: &OccurrenceRecord| {
        let day = r.original_start.date();
        new.between(day, day + Duration::days(1))
    };
    let single = (old_one_off && !new.is_repeating())
        .then(|| new.next_after(NaiveDateTime::MIN))
        .flatten();
    let mut taken: Vec<NaiveDateTime> = records
        .iter()
        .filter(|r| new.occurs_at(r.original_start))
        .map(|r| r.original_start)
        .collect();
    let mut carry = Carry::default();
    for record in records {
        let target = if new.occurs_at(record.original_start) {
            Some(record.original_start)
        } else {
            let candidates = match single {
                Some(only) => vec![only],
                None => day_of(record),
            };
            let nearest = candidates
                .into_iter()
                .filter(|t| !taken.contains(t))
                .min_by_key(|t| (*t - record.original_start).abs());
            if let Some(t) = nearest {
                taken.push(t);
            }
            nearest
        };
        match target {
            Some(start) => {
                let moved = record.moved_to.filter(|m| *m != start);
                carry.moves.push((record.id, start, moved));
            }
            None if holds_something(record) => carry.stranded.push(record.clone()),
            None => {}
        }
    }
    carry
}

/// A record worth keeping: not just a scheduled meeting with nothing said.
fn holds_something(r: &OccurrenceRecord) -> bool {
    r.status != OccurrenceStatus::Scheduled
        || r.moved_to.is_some()
        || !r.notes.is_empty()
        || !r.decisions.is_empty()
}

impl Carry {
    /// Refuses, before anything is written, when a record holding something would be left on a
    /// day the new schedule does not meet. Names the days and what they hold, never the notes.
    pub(super) fn ensure_nothing_stranded(&self, name: &str) -> Result<(), OpsError> {
        if self.stranded.is_empty() {
            return Ok(());
        }
        let days: Vec<String> = self
            .stranded
            .iter()
            .map(|r| {
                let what = match (r.status, r.moved_to) {
                    (OccurrenceStatus::Held, _) => "held",
                    (OccurrenceStatus::Skipped, _) => "skipped",
                    (_, Some(_)) => "moved",
                    _ => "notes",
                };
                format!("{} ({what})", r.original_start.format("%a %-d %b %Y"))
            })
            .collect();
        let n = self.stranded.len();
        Err(OpsError::Refused(format!(
            "\"{name}\": the new schedule has no meeting on {} day{} that {} marked, moved or \
             noted ({}); saving would drop {}, so nothing was saved. Keep those days in the \
             schedule, change it from a later date, or clear them first.",
            n,
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" },
            days.join(", "),
            if n == 1 { "it" } else { "them" },
        )))
    }

    /// Moves every carried record to series `ritual_id` at its new start.
    pub(super) fn apply(
        &self,
        conn: &rusqlite::Connection,
        ritual_id: i64,
    ) -> Result<(), OpsError> {
        for &(id, start, moved_to) in &self.moves {
            occurrences::rekey(conn, id, ritual_id, start, moved_to)?;
        }
        Ok(())
    }
}
