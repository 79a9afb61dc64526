//! Recording a 1:1: which meeting it was (the one the user came from, or the person's latest
//! one not yet written up), and the one transaction that writes it: the dated note, the topics
//! discussed, the actions ticked done and the new ones, and that meeting marked held.

use crate::domain::Word;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

use super::OpsError;
use super::people::get_person;
use crate::domain::Invalid;
use crate::domain::one_on_one::{ActionItem, ActionLine, Topic, check_text};
use crate::domain::ritual::{
    HELD_AHEAD_DAYS, OccurrenceRecord, OccurrenceStatus, Ritual, too_far_ahead,
};
use crate::schedule::recurrence::Recurrence;
use crate::store::{Store, actions, notes, occurrences, rituals, topics};

/// One meeting of a person's 1:1 series: which one (its series and original start, the
/// occurrence's identity) and when it takes place (moved or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct OneOnOneMeeting {
    pub ritual: i64,
    pub original: NaiveDateTime,
    pub start: NaiveDateTime,
}

/// How far back the latest meeting not yet written up is looked for.
const LOOK_BACK_DAYS: i64 = 92;

/// What a user enters when recording a 1:1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub date: NaiveDate,
    /// The meeting being written up; None: the person's meeting on `date`, if there is one.
    pub meeting: Option<OneOnOneMeeting>,
    pub note: String,
    /// Queued topics that were discussed, as the form listed them; the others carry forward.
    pub discussed: Vec<Topic>,
    /// Open actions ticked done, as the form listed them.
    pub done_actions: Vec<ActionItem>,
    pub actions: Vec<ActionLine>,
}

/// What recording a 1:1 did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub note_id: i64,
    /// The meeting marked held, if the person had one then.
    pub meeting: Option<OneOnOneMeeting>,
    /// Topics ticked and marked discussed in this 1:1.
    pub discussed: usize,
    /// Open actions ticked and marked done.
    pub actions_done: usize,
    /// Topics and actions ticked that another writer had already marked or deleted since the
    /// form opened: left as they are.
    pub gone: usize,
}

/// The person's 1:1 series, newest first (the current one, then those it replaced).
fn series_of(conn: &rusqlite::Connection, person_id: i64) -> Result<Vec<Ritual>, OpsError> {
    let mut series: Vec<Ritual> = rituals::one_on_ones(conn)?
        .into_iter()
        .filter(|r| r.fields.person_id == Some(person_id))
        .collect();
    series.reverse();
    Ok(series)
}

/// The meetings of `series` that take place in `[from, to)`, moves applied; skipped ones are
/// left out.
fn meetings_of(
    conn: &rusqlite::Connection,
    series: &Ritual,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<OneOnOneMeeting>, OpsError> {
    let Ok(rec) = Recurrence::of(&series.fields) else {
        return Ok(Vec::new());
    };
    let records: HashMap<NaiveDateTime, OccurrenceRecord> =
        occurrences::for_ritual(conn, series.id)?
            .into_iter()
            .map(|r| (r.original_start, r))
            .collect();
    let mut originals = rec.between(from, to);
    // Meetings moved into the range from outside it.
    originals.extend(
        records
            .values()
            .filter(|r| {
                r.moved_to
                    .is_some_and(|m| m.date() >= from && m.date() < to)
            })
            .map(|r| r.original_start),
    );
    originals.sort();
    originals.dedup();
    Ok(originals
        .into_iter()
        .filter_map(|original| {
            let record = records.get(&original);
            if record.is_some_and(|r| r.status == OccurrenceStatus::Skipped) {
                return None;
            }
            let start = record.and_then(|r| r.moved_to).unwrap_or(original);
            (start.date() >= from && start.date() < to).then_some(OneOnOneMeeting {
                ritual: series.id,
                original,
                start,
            })
        })
        .collect())
}

/// The meetings of all the person's 1:1 series in `[from, to)`.
fn person_meetings(
    conn: &rusqlite::Connection,
    person_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<OneOnOneMeeting>, OpsError> {
    let mut all = Vec::new();
    for series in series_of(conn, person_id)? {
        all.extend(meetings_of(conn, &series, from, to)?);
    }
    Ok(all)
}

/// The person's latest 1:1 on or before today that has not been written up: no note of theirs
/// is dated on or after it. Skipped meetings do not count; a meeting marked held (`x` in the
/// agenda) without a note still wants recording.
pub fn latest_unrecorded(
    store: &Store,
    person_id: i64,
    now: NaiveDateTime,
) -> Result<Option<OneOnOneMeeting>, OpsError> {
    let conn = store.conn();
    let today = now.date();
    let last_note = notes::latest_dates(conn)?
        .into_iter()
        .find(|(p, _)| *p == person_id)
        .map(|(_, d)| d);
    let from = last_note
        .map(|d| d + Duration::days(1))
        .unwrap_or(today - Duration::days(LOOK_BACK_DAYS))
        .max(today - Duration::days(LOOK_BACK_DAYS));
    Ok(
        person_meetings(conn, person_id, from, today + Duration::days(1))?
            .into_iter()
            .max_by_key(|m| m.start),
    )
}

/// The person's 1:1 that takes place on `date` (the earliest, if several), moves applied.
pub fn meeting_on(
    store: &Store,
    person_id: i64,
    date: NaiveDate,
) -> Result<Option<OneOnOneMeeting>, OpsError> {
    Ok(
        person_meetings(store.conn(), person_id, date, date + Duration::days(1))?
            .into_iter()
            .min_by_key(|m| m.start),
    )
}

/// Checks that `meeting` is one of the person's 1:1s and still on the calendar.
fn checked_meeting(
    store: &Store,
    person_id: i64,
    meeting: OneOnOneMeeting,
) -> Result<OneOnOneMeeting, OpsError> {
    let conn = store.conn();
    let series = rituals::get(conn, meeting.ritual)?
        .filter(|r| r.fields.person_id == Some(person_id))
        .ok_or_else(|| Invalid::field("date", "that meeting is not one of this person's 1:1s"))?;
    let day = meeting.start.date();
    meetings_of(conn, &series, day, day + Duration::days(1))?
        .into_iter()
        .find(|m| m.original == meeting.original)
        .ok_or_else(|| {
            Invalid::field(
                "date",
                "that 1:1 is no longer on the calendar (moved, skipped or changed elsewhere)",
            )
            .into()
        })
}

/// Records a 1:1 in one transaction: the dated note, the discussed topics, the ticked actions
/// done, the new actions, and the meeting (the one given, or the person's on that date) marked
/// held. A ticked topic or action that was marked or deleted elsewhere meanwhile is left as it
/// is and counted in `gone`: the record neither fails over it nor brings it back. One only
/// reworded (or, an action, given another owner or due date) elsewhere is still ticked.
pub fn record(
    store: &mut Store,
    person_id: i64,
    input: Record,
    now: NaiveDateTime,
) -> Result<Recorded, OpsError> {
    let person = get_person(store, person_id)?;
    super::person_delete::refuse_if_deleting(store.conn(), person_id)?;
    let body = check_text("note", &input.note)?;
    if let Some(ahead) = too_far_ahead(input.date, now.date()) {
        return Err(Invalid::field(
            "date",
            format!(
                "{} is {ahead} days from now; a 1:1 is recorded once it has happened (at most \
                 {HELD_AHEAD_DAYS} days ahead, for one held early)",
                input.date.format("%a %Y-%m-%d")
            ),
        )
        .into());
    }
    let meeting = match input.meeting {
        Some(m) => Some(checked_meeting(store, person_id, m)?),
        None => meeting_on(store, person_id, input.date)?,
    };
    let name = person.person.name;
    store.write(|tx| -> Result<Recorded, OpsError> {
        // Again in the write: a delete begun since the check above must not lose the record.
        super::person_delete::refuse_if_deleting(tx, person_id)?;
        let occurrence_id = match meeting {
            Some(m) => {
                let mut record =
                    occurrences::get(tx, m.ritual, m.original)?.unwrap_or(OccurrenceRecord {
                        id: 0,
                        ritual_id: m.ritual,
                        original_start: m.original,
                        status: OccurrenceStatus::Held,
                        moved_to: None,
                        notes: String::new(),
                        decisions: String::new(),
                        agenda_done: String::new(),
                    });
                record.status = OccurrenceStatus::Held;
                Some(occurrences::upsert(tx, &record)?)
            }
            None => None,
        };
        let note_id = notes::insert(tx, person_id, occurrence_id, input.date, &body, now)?;
        let mut recorded = Recorded {
            note_id,
            meeting,
            discussed: 0,
            actions_done: 0,
            gone: 0,
        };
        for ticked in &input.discussed {
            if ticked.person_id != person_id {
                return Err(Invalid::new(format!(
                    "talking point {} is not one of {name}'s",
                    ticked.id
                ))
                .into());
            }
            // Still there and still queued; its words may have been edited elsewhere, which
            // does not make it another topic (ids are never given twice, store::ids).
            let still = topics::get(tx, ticked.id)?.is_some_and(|t| {
                t.person_id == person_id
                    && t.created_at == ticked.created_at
                    && t.discussed_at.is_none()
            });
            if still && ticked.discussed_at.is_none() {
                topics::set_discussed(tx, ticked.id, Some(now), Some(note_id))?;
                recorded.discussed += 1;
            } else {
                recorded.gone += 1;
            }
        }
        for ticked in &input.done_actions {
            if ticked.person_id != Some(person_id) {
                return Err(
                    Invalid::new(format!("action {} is not one of {name}'s", ticked.id)).into(),
                );
            }
            // Still there, still theirs and still open; its words, owner or due date may
            // have been edited elsewhere meanwhile.
            let still = actions::get(tx, ticked.id)?
                .is_some_and(|a| a.person_id == Some(person_id) && a.done_at.is_none());
            if still && ticked.done_at.is_none() {
                actions::set_done(tx, ticked.id, true, now)?;
                recorded.actions_done += 1;
            } else {
                recorded.gone += 1;
            }
        }
        for a in &input.actions {
            actions::insert(
                tx,
                &actions::NewAction {
                    person_id: Some(person_id),
                    occurrence_id,
                    owner: a.owner.as_str(),
                    body: &a.body,
                    due: a.due,
                },
                now,
            )?;
        }
        Ok(recorded)
    })
}

#[cfg(test)]
#[path = "recording_tests.rs"]
mod tests;
