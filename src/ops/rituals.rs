//! Rituals: the series (add, edit with "from this occurrence on", delete) and single occurrences
//! (skip, move, held, notes and decisions).

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use super::ritual_carry;
use crate::domain::Invalid;
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, Ritual, RitualFields};
use crate::domain::text;
use crate::schedule::agenda::next_meeting_of;
use crate::schedule::recurrence::{Recurrence, RecurrenceError, describe};
use crate::store::{Store, occurrences, people, rituals};

pub use super::series_end::{end_series, last_meeting_by};

/// A series with what the list shows beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RitualOverview {
    #[serde(flatten)]
    pub ritual: Ritual,
    /// The rule in words with time and length: "every 2nd Tuesday at 10:00, 60 min".
    pub schedule: String,
    pub next: Option<NaiveDateTime>,
    pub last: Option<NaiveDateTime>,
    pub person: Option<String>,
    /// Replaced by a newer series and over: kept for its history.
    pub ended: bool,
}

pub fn schedule_words(fields: &RitualFields) -> String {
    format!(
        "{} at {}, {} min",
        describe(fields.rrule.as_deref(), fields.dtstart),
        fields.dtstart.format("%H:%M"),
        fields.duration_min
    )
}

pub(super) fn recurrence(fields: &RitualFields) -> Result<Recurrence, OpsError> {
    Recurrence::of(fields).map_err(|e| Invalid::field("rrule", e.to_string()).into())
}

/// A series with its schedule in words, next and last meetings as of `now`.
fn overview(
    r: Ritual,
    names: &std::collections::HashMap<i64, String>,
    records: &[OccurrenceRecord],
    now: NaiveDateTime,
) -> RitualOverview {
    let rec = recurrence(&r.fields).ok();
    let ended = rec
        .as_ref()
        .is_none_or(|rec| rec.next_after(now - chrono::Duration::seconds(1)).is_none());
    let next = rec
        .as_ref()
        .and_then(|rec| next_meeting_of(rec, r.id, records, now));
    let last = rec.as_ref().and_then(|rec| rec.last_at_or_before(now));
    RitualOverview {
        schedule: schedule_words(&r.fields),
        person: r.fields.person_id.and_then(|id| names.get(&id).cloned()),
        ended,
        next,
        last,
        ritual: r,
    }
}

/// The series' name as the agenda reads it: a 1:1 names its person ("1:1 Rosa Fischer").
pub fn title(store: &Store, ritual: &Ritual) -> Result<String, OpsError> {
    let person = match ritual.fields.person_id {
        Some(id) => people::get(store.conn(), id)?.map(|p| p.name),
        None => None,
    };
    Ok(crate::domain::agenda::meeting_title(
        &ritual.fields.name,
        person.as_deref(),
    ))
}

fn person_names(store: &Store) -> Result<std::collections::HashMap<i64, String>, OpsError> {
    Ok(people::names(store.conn())?)
}

/// Every series, current ones first (by time of day), then ended ones.
pub fn list_rituals(store: &Store, now: NaiveDateTime) -> Result<Vec<RitualOverview>, OpsError> {
    let names = person_names(store)?;
    let records = occurrences::upcoming(store.conn(), now)?;
    let mut list: Vec<RitualOverview> = rituals::list(store.conn())?
        .into_iter()
        .map(|r| overview(r, &names, &records, now))
        .collect();
    list.sort_by_key(|r| (r.ended, r.next, r.ritual.fields.name.to_lowercase()));
    Ok(list)
}

/// One series as the list shows it.
pub fn ritual_overview(
    store: &Store,
    id: i64,
    now: NaiveDateTime,
) -> Result<RitualOverview, OpsError> {
    let ritual = get_ritual(store, id)?;
    let records = occurrences::upcoming(store.conn(), now)?;
    Ok(overview(ritual, &person_names(store)?, &records, now))
}

/// Series whose stored rule repeats beyond what Bearing follows, or cannot be read at all
/// (saved by an older version, put in the file by hand, or imported), with why: the agenda
/// leaves them off, so commands name them.
pub fn refused_rules(store: &Store) -> Result<Vec<(Ritual, String)>, OpsError> {
    Ok(rituals::list(store.conn())?
        .into_iter()
        .filter_map(|r| match Recurrence::of(&r.fields) {
            Err(RecurrenceError::OverLimit { reason, .. }) => Some((r, reason)),
            // It quotes the rule: the command line shows it through `terminal_safe`.
            Err(RecurrenceError::Invalid(why)) => Some((r, why)),
            Ok(_) => None,
        })
        .collect())
}

/// Checks a series before it is saved as `own` (None: a new one).
fn check(
    store: &Store,
    fields: RitualFields,
    own: Option<i64>,
    now: NaiveDateTime,
) -> Result<RitualFields, OpsError> {
    let fields = fields.check()?;
    recurrence(&fields)?;
    if let Some(id) = fields.person_id {
        let Some(person) = people::get(store.conn(), id)? else {
            return Err(Invalid::field("person", format!("no person with id {id}")).into());
        };
        // Only a new rhythm is checked: a series that already was this person's repeating 1:1
        // may be edited whatever else is stored.
        let was_theirs = match own {
            Some(own) => rituals::get(store.conn(), own)?
                .is_some_and(|r| r.fields.person_id == Some(id) && r.fields.rrule.is_some()),
            None => false,
        };
        if fields.rrule.is_some() && !was_theirs {
            one_rhythm(store, &person.name, id, own, now)?;
        }
    }
    Ok(fields)
}

/// A person has one 1:1 rhythm. A second repeating series beside a running one would book
/// them twice and leave the cadence the lists show to chance, so it is refused, saying how to
/// change the rhythm instead. (A one-off 1:1 beside it is fine.)
fn one_rhythm(
    store: &Store,
    name: &str,
    person: i64,
    own: Option<i64>,
    now: NaiveDateTime,
) -> Result<(), OpsError> {
    let series = rituals::one_on_ones(store.conn())?;
    let Some(running) = super::people::running_series(&series, person, own, now)
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    Err(Invalid::field(
        "person",
        format!(
            "{name} already has a 1:1 series, {} (ritual {}): change its cadence instead \
             (e on {name} in the 1:1s tab, or edit ritual {} in the Rituals tab), or delete it \
             first; a one-off 1:1 (no repeat) can sit beside it",
            schedule_words(&running.fields),
            running.id,
            running.id
        ),
    )
    .into())
}

pub fn add_ritual(
    store: &mut Store,
    fields: RitualFields,
    now: NaiveDateTime,
) -> Result<Ritual, OpsError> {
    let fields = check(store, fields, None, now)?;
    let id = store
        .write(|tx| -> Result<i64, OpsError> { Ok(rituals::insert(tx, &fields, None, now)?) })?;
    get_ritual(store, id)
}

/// The first meeting of a series as the agenda shows it (not DTSTART when the rule does not
/// meet then: a Tuesday series started on a Monday first meets on Tuesday).
pub fn first_meeting(ritual: &Ritual) -> NaiveDateTime {
    Recurrence::of(&ritual.fields).map_or(ritual.fields.dtstart, |rec| rec.first())
}

/// Whether a series has met by `now`: its first meeting, not DTSTART, is before it (a Thursday
/// series added on a Tuesday has not met on the Wednesday). A change to one that has not met
/// replaces it whole; one that has met keeps its past.
pub(super) fn has_met(ritual: &Ritual, now: NaiveDateTime) -> bool {
    first_meeting(ritual) < now
}

pub fn get_ritual(store: &Store, id: i64) -> Result<Ritual, OpsError> {
    current(store.conn(), id)
}

/// The series as it is now, read inside the caller's transaction.
pub(super) fn current(conn: &rusqlite::Connection, id: i64) -> Result<Ritual, OpsError> {
    rituals::get(conn, id)?.ok_or_else(|| {
        OpsError::NotFound(format!(
            "no ritual with id {id} (see `bearing ritual list`)"
        ))
    })
}

/// Saves edits to a series. With `from` after the series began and meetings before it, the change
/// applies from `from` on: the old series ends before it (keeping its history) and a new one
/// starts. What the meetings from `from` on carry (skips, moves, held marks, notes) goes to the
/// new schedule's meeting on the same day (see `ritual_carry`); when one of them holds something
/// on a day the new schedule does not meet, nothing is saved and the error names the days.
/// Without a split point (`from` None, or not after the first meeting) the whole series changes
/// and all its records are carried the same way; a repeating series whose first meeting is past
/// is then refused (stale, when `opened` is given): its past would be rewritten, and the form
/// that offered no "Changes from" was opened before it met. With `opened` (the fields the edit
/// form showed) it is refused when the series changed since; fields equal to the stored ones
/// write nothing. A new rule without an end of its own keeps the series' end (`series_end`).
pub fn update_ritual(
    store: &mut Store,
    id: i64,
    fields: RitualFields,
    from: Option<NaiveDateTime>,
    opened: Option<&RitualFields>,
    now: NaiveDateTime,
) -> Result<Edited<Ritual>, OpsError> {
    update_ritual_ending(store, id, fields, from, opened, Ending::Kept, now)
}

/// Whether a new rule keeps the end the series had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A new rule without an end of its own keeps the series' end: a cadence picked from the
    /// presets, a new hour, `--rrule` alone.
    Kept,
    /// The rule's end (or its lack of one) is what the user gave: `ritual edit --no-end`, or
    /// a custom rule typed in the form, which showed the UNTIL it had.
    AsGiven,
}

/// [`update_ritual`], saying whether the rule's end is as given (`Ending::AsGiven`: an end
/// taken out stays out) or the series' end is kept.
pub fn update_ritual_ending(
    store: &mut Store,
    id: i64,
    fields: RitualFields,
    from: Option<NaiveDateTime>,
    opened: Option<&RitualFields>,
    ending: Ending,
    now: NaiveDateTime,
) -> Result<Edited<Ritual>, OpsError> {
    let fields = check(store, fields, Some(id), now)?;
    let saved = store.write(|tx| -> Result<Option<i64>, OpsError> {
        let old = current(tx, id)?;
        ensure_as_opened(|| format!("ritual {id}"), &old.fields, opened)?;
        if fields == old.fields {
            return Ok(None);
        }
        // The same rule at a new hour: an UNTIL at the old hour would leave out its last day.
        let same_rule = fields.rrule == old.fields.rrule;
        let mut fields = fields.clone();
        if same_rule && fields.dtstart.time() != old.fields.dtstart.time() {
            fields.rrule = fields
                .rrule
                .as_deref()
                .map(crate::schedule::recurrence::until_at_end_of_day);
        }
        // A stored rule Bearing no longer accepts (one that repeats too often, saved by an older
        // version) cannot be split; the edit replaces it whole, which is how it gets fixed.
        let old_rec = Recurrence::of(&old.fields).ok();
        // Only a change of schedule splits the series; a new name or agenda applies to all of it.
        let schedule_changed = old.fields.rrule != fields.rrule
            || old.fields.dtstart != fields.dtstart
            || old.fields.duration_min != fields.duration_min
            || old.fields.person_id != fields.person_id;
        // A meeting held on or after the day of the change took place as it was: the change
        // starts the day after it (a 1:1 held this morning, or written up before its hour, took
        // the new hour, or the new hour met a second time today).
        // The day asked for, when the change was moved past a meeting held on it.
        let mut asked = None;
        let from = match (from, &old_rec) {
            (Some(f), Some(_)) if schedule_changed => {
                let held = last_held(tx, id, now.date())?.filter(|h| *h >= f);
                Some(held.map_or(f, |h| {
                    asked = Some(f);
                    (h.date() + chrono::Duration::days(1)).and_time(chrono::NaiveTime::MIN)
                }))
            }
            (from, _) => from,
        };
        // A new rule keeps the end the series had (`ritual end`), unless it gives its own.
        if !same_rule && schedule_changed && ending == Ending::Kept {
            super::series_end::keep_end(&old.fields, &mut fields, from.unwrap_or(now), "rrule")?;
        }
        // A series a change replaced is its successor's past: a new schedule for it ran beside
        // the successor, every meeting twice.
        if schedule_changed
            && let Some(next) = rituals::list(tx)?
                .into_iter()
                .find(|r| r.previous_id == Some(id))
        {
            return Err(OpsError::Refused(format!(
                "ritual {id} was replaced by ritual {} when its schedule last changed; change \
                 that one (`bearing ritual edit {}`); nothing was saved",
                next.id, next.id
            )));
        }
        let split = from
            .filter(|f| schedule_changed && *f > old.fields.dtstart)
            .and_then(|f| Some((f, old_rec.as_ref()?.rule_ending_before(f)?)));
        let old_one_off = old.fields.rrule.is_none();
        let Some((from, ended_rule)) = split else {
            if schedule_changed {
                if from.is_none() && !old_one_off && has_met(&old, now) {
                    return Err(met_since(id, opened.is_some()));
                }
                let carry = ritual_carry::plan(
                    &occurrences::for_ritual(tx, id)?,
                    old_one_off,
                    &recurrence(&fields)?,
                );
                carry.ensure_nothing_stranded(&fields.name)?;
                rituals::update(tx, id, &fields, now)?;
                carry.apply(tx, id)?;
            } else {
                rituals::update(tx, id, &fields, now)?;
            }
            return Ok(Some(id));
        };
        let mut new_fields = fields.clone();
        let same_schedule = same_rule && fields.dtstart.date() == old.fields.dtstart.date();
        if same_schedule {
            // A new length, hour or person: the meetings stay on their days. The new series
            // starts at the first of them from the change on (not on the day of the change,
            // which put a fortnightly series in the other weeks and a plain weekly one on
            // another weekday), and a COUNT counts only the meetings left.
            // From the start of that day: a new hour earlier than the old one meets that day too.
            let day = from.date().and_time(chrono::NaiveTime::MIN);
            let Some((first, rule)) = recurrence(&fields)?.continued_from(day) else {
                return Err(no_meeting_from(&old, from));
            };
            new_fields.dtstart = first;
            new_fields.rrule = Some(rule);
        } else if same_rule
            && old_rec
                .as_ref()
                .is_some_and(|r| r.continued_from(from).is_none())
        {
            // A new first date for a series that ended before the change: its UNTIL would end
            // the new series before it began.
            return Err(no_meeting_from(&old, from));
        } else if let Some(asked) = asked.filter(|_| new_fields.dtstart < from) {
            // Moved past a meeting held on the day asked: the new rule still counts its weeks
            // from that day (a fortnight from Monday put a Sunday series in the other weeks),
            // and takes its first meeting after the one held, its COUNT less what came before.
            let mut anchored = new_fields.clone();
            anchored.dtstart = asked.date().and_time(new_fields.dtstart.time());
            anchored.rrule = anchored
                .rrule
                .as_deref()
                .map(crate::schedule::recurrence::until_at_end_of_day);
            let Some((first, rule)) = recurrence(&anchored)?.continued_from(from) else {
                return Err(no_meeting_from(&old, from));
            };
            new_fields.dtstart = first;
            new_fields.rrule = Some(rule);
        } else if new_fields.dtstart < from {
            // A new rule starts on the first day of the change, at the new time.
            new_fields.dtstart = from.date().and_time(new_fields.dtstart.time());
        }

        let upcoming: Vec<_> = occurrences::for_ritual(tx, id)?
            .into_iter()
            .filter(|r| r.original_start >= from)
            .collect();
        let carry = ritual_carry::plan(&upcoming, old_one_off, &recurrence(&new_fields)?);
        carry.ensure_nothing_stranded(&fields.name)?;
        let mut ended = old.fields.clone();
        ended.rrule = Some(ended_rule);
        rituals::update(tx, id, &ended, now)?;
        let new_id = rituals::insert(tx, &new_fields, Some(id), now)?;
        carry.apply(tx, new_id)?;
        Ok(Some(new_id))
    })?;
    Ok(match saved {
        Some(saved_id) => Edited::changed(get_ritual(store, saved_id)?),
        None => Edited::unchanged(get_ritual(store, id)?),
    })
}

/// The start of the series' latest meeting held by `today`. One marked held days ahead has not
/// taken place: a schedule change carries it to the new series like any mark.
pub(super) fn last_held(
    conn: &rusqlite::Connection,
    id: i64,
    today: NaiveDate,
) -> Result<Option<NaiveDateTime>, OpsError> {
    Ok(occurrences::for_ritual(conn, id)?
        .into_iter()
        .filter(|r| r.status == OccurrenceStatus::Held && r.original_start.date() <= today)
        .map(|r| r.original_start)
        .max())
}

/// A change of length, hour or person asked from a day after the series' last meeting.
fn no_meeting_from(old: &Ritual, from: NaiveDateTime) -> OpsError {
    OpsError::Refused(format!(
        "\"{}\" has no meeting from {} on, so a change from then would change nothing; give \
         an earlier date to change from (--from), or --rrule to give it new meetings; nothing \
         was saved",
        old.fields.name,
        from.format("%a %Y-%m-%d")
    ))
}

/// A whole-series schedule change asked for a series that has met: without a date to change
/// from, its past meetings would move too.
fn met_since(id: i64, from_a_form: bool) -> OpsError {
    if from_a_form {
        OpsError::Stale(format!("ritual {id}"))
    } else {
        OpsError::Refused(format!(
            "ritual {id} has already met: give the date its new schedule starts from, so the \
             meetings before it keep theirs; nothing was saved"
        ))
    }
}

/// Other current series that meet at the same time as one of the next meetings of `fields`
/// (from `now`): the same meeting added twice, or two meetings in one slot.
pub fn same_slot(
    store: &Store,
    fields: &RitualFields,
    except: Option<i64>,
    now: NaiveDateTime,
) -> Result<Vec<Ritual>, OpsError> {
    let Ok(rec) = Recurrence::of(fields) else {
        return Ok(Vec::new());
    };
    let mut upcoming = Vec::new();
    let mut after = now.max(rec.first()) - chrono::Duration::seconds(1);
    while upcoming.len() < 8 {
        match rec.next_after(after) {
            Some(t) => {
                upcoming.push(t);
                after = t;
            }
            None => break,
        }
    }
    Ok(rituals::list(store.conn())?
        .into_iter()
        .filter(|other| Some(other.id) != except)
        .filter(|other| {
            Recurrence::of(&other.fields)
                .is_ok_and(|theirs| upcoming.iter().any(|t| theirs.occurs_at(*t)))
        })
        .collect())
}

/// The occurrence of series `id` that falls on `date` (by its original or moved day).
pub fn occurrence_on(store: &Store, id: i64, date: NaiveDate) -> Result<NaiveDateTime, OpsError> {
    let ritual = get_ritual(store, id)?;
    let rec = recurrence(&ritual.fields)?;
    if let Some(t) = rec
        .between(date, date + chrono::Duration::days(1))
        .into_iter()
        .next()
    {
        return Ok(t);
    }
    let moved_here = occurrences::for_ritual(store.conn(), id)?
        .into_iter()
        .find(|r| r.moved_to.is_some_and(|m| m.date() == date));
    if let Some(r) = moved_here {
        return Ok(r.original_start);
    }
    let near = rec
        .next_after(date.and_time(chrono::NaiveTime::MIN))
        .map(|t| format!("; the next one is on {}", t.format("%a %Y-%m-%d")))
        .unwrap_or_default();
    Err(Invalid::field(
        "date",
        format!(
            "\"{}\" does not meet on {}{near}",
            ritual.fields.name,
            date.format("%a %Y-%m-%d")
        ),
    )
    .into())
}

/// Where and whether one meeting happens, as the agenda shows it: what the move form and the
/// held/skip keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: NaiveDateTime,
    pub status: OccurrenceStatus,
}

impl Slot {
    pub fn of(record: &OccurrenceRecord) -> Slot {
        Slot {
            start: record.moved_to.unwrap_or(record.original_start),
            status: record.status,
        }
    }
}

fn record_for(
    conn: &rusqlite::Connection,
    ritual: &Ritual,
    original: NaiveDateTime,
) -> Result<OccurrenceRecord, OpsError> {
    if !recurrence(&ritual.fields)?.occurs_at(original) {
        return Err(Invalid::new(format!(
            "\"{}\" has no meeting at {}",
            ritual.fields.name,
            original.format("%Y-%m-%d %H:%M")
        ))
        .into());
    }
    Ok(
        occurrences::get(conn, ritual.id, original)?.unwrap_or(OccurrenceRecord {
            id: 0,
            ritual_id: ritual.id,
            original_start: original,
            status: OccurrenceStatus::Scheduled,
            moved_to: None,
            notes: String::new(),
            decisions: String::new(),
            agenda_done: String::new(),
        }),
    )
}

/// Reads one occurrence inside the write transaction, refuses when `opened` no longer matches
/// it (as `version` sees it), lets `change` edit it, and stores it unless nothing changed.
fn edit_occurrence<V: PartialEq>(
    store: &mut Store,
    id: i64,
    original: NaiveDateTime,
    opened: Option<&V>,
    version: impl Fn(&OccurrenceRecord) -> V,
    change: impl FnOnce(&mut OccurrenceRecord),
) -> Result<Edited<Ritual>, OpsError> {
    store.write(|tx| -> Result<Edited<Ritual>, OpsError> {
        let ritual = current(tx, id)?;
        let before = record_for(tx, &ritual, original)?;
        ensure_as_opened(
            || format!("the meeting of {}", original.format("%a %-d %b %H:%M")),
            &version(&before),
            opened,
        )?;
        let mut record = before.clone();
        change(&mut record);
        if record == before {
            return Ok(Edited::unchanged(ritual));
        }
        occurrences::upsert(tx, &record)?;
        Ok(Edited::changed(ritual))
    })
}

/// Marks one occurrence held, skipped, or back to scheduled. With `shown` (the meeting as the
/// agenda showed it when the key was pressed) it is refused when it changed since.
pub fn set_status(
    store: &mut Store,
    id: i64,
    original: NaiveDateTime,
    status: OccurrenceStatus,
    shown: Option<&Slot>,
) -> Result<Edited<Ritual>, OpsError> {
    edit_occurrence(store, id, original, shown, Slot::of, |r| r.status = status)
}

/// Moves one occurrence to another start; moving it back to its own start clears the move.
/// With `opened` (the meeting as the move form showed it) it is refused when it changed since.
pub fn move_occurrence(
    store: &mut Store,
    id: i64,
    original: NaiveDateTime,
    to: NaiveDateTime,
    opened: Option<&Slot>,
) -> Result<Edited<Ritual>, OpsError> {
    edit_occurrence(store, id, original, opened, Slot::of, |record| {
        if to == Slot::of(record).start {
            // Where it already is: not a move (and a skipped meeting stays skipped).
            return;
        }
        record.moved_to = (to != original).then_some(to);
        if record.status == OccurrenceStatus::Skipped {
            // Moving a skipped meeting means it is happening after all.
            record.status = OccurrenceStatus::Scheduled;
        }
    })
}

/// The stored state of one occurrence (a fresh, scheduled one if it was never touched).
pub fn occurrence(
    store: &Store,
    id: i64,
    original: NaiveDateTime,
) -> Result<OccurrenceRecord, OpsError> {
    let ritual = get_ritual(store, id)?;
    record_for(store.conn(), &ritual, original)
}

/// The row id of one occurrence of series `id`, creating its record (scheduled, empty) when
/// it has none yet, inside the caller's transaction: what is decided or owed in a meeting
/// points at it.
pub(super) fn occurrence_row(
    conn: &rusqlite::Connection,
    id: i64,
    original: NaiveDateTime,
) -> Result<i64, OpsError> {
    let ritual = current(conn, id)?;
    let record = record_for(conn, &ritual, original)?;
    if record.id != 0 {
        return Ok(record.id);
    }
    Ok(occurrences::upsert(conn, &record)?)
}

/// Saves what was said at one occurrence, and whether it was held. With `opened` (the record the
/// notes form showed) it is refused when the occurrence changed since.
/// What the meeting dialog saves of one occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteUp {
    pub status: OccurrenceStatus,
    pub notes: String,
    pub decisions: String,
    /// The series' agenda items ticked off, one per line.
    pub agenda_done: String,
}

/// Saves what was said at one occurrence, the agenda items ticked off, and whether it was held.
/// With `opened` (the record the notes form showed) it is refused when the occurrence changed
/// since.
pub fn save_occurrence(
    store: &mut Store,
    id: i64,
    original: NaiveDateTime,
    write_up: &WriteUp,
    opened: Option<&OccurrenceRecord>,
) -> Result<Edited<Ritual>, OpsError> {
    let notes = text::body("notes", &write_up.notes)?;
    let decisions = text::body("decisions", &write_up.decisions)?;
    let agenda_done = text::body("agenda", &write_up.agenda_done)?;
    let status = write_up.status;
    edit_occurrence(store, id, original, opened, Clone::clone, |record| {
        record.notes = notes;
        record.decisions = decisions;
        record.agenda_done = agenda_done;
        record.status = status;
    })
}

/// What a meeting's save recorded from its lines (see `domain::meeting_lines`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    pub decisions: Vec<i64>,
    pub actions: Vec<i64>,
}

impl Recorded {
    /// "; recorded 1 decision and 2 actions", or nothing.
    pub fn words(&self) -> String {
        let count = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let parts: Vec<String> = [
            count(self.decisions.len(), "decision", "decisions"),
            count(self.actions.len(), "action", "actions"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("; recorded {}", parts.join(" and "))
        }
    }
}

/// Saves a meeting's write-up as [`save_occurrence`] does, and in the same transaction records
/// its `decided:` lines as decisions and its `@Name:`, `them:` and `me:` lines as actions, tied
/// to the meeting; each such line is marked with what it became. A bad line (an unknown person)
/// is refused on its field, naming the candidates, and nothing is saved.
pub fn save_write_up(
    store: &mut Store,
    id: i64,
    original: NaiveDateTime,
    write_up: &WriteUp,
    opened: Option<&OccurrenceRecord>,
    now: NaiveDateTime,
) -> Result<Edited<(Ritual, Recorded)>, OpsError> {
    let none = super::links::LinkChanges::default();
    save_write_up_linked(store, id, original, write_up, opened, &none, now)
}

/// Saves a meeting's write-up as [`save_write_up`] does, with the link changes its dialog's
/// Links field made (`links`), in the same transaction (one undo step). The occurrence's row
/// may not exist before its first save: the links are applied after it is upserted, on the id
/// that returns.
pub fn save_write_up_linked(
    store: &mut Store,
    id: i64,
    original: NaiveDateTime,
    write_up: &WriteUp,
    opened: Option<&OccurrenceRecord>,
    links: &super::links::LinkChanges,
    now: NaiveDateTime,
) -> Result<Edited<(Ritual, Recorded)>, OpsError> {
    use crate::domain::meeting_lines::{Reading, follow_lines};
    let notes = text::body("notes", &write_up.notes)?;
    let decisions = text::body("decisions", &write_up.decisions)?;
    let agenda_done = text::body("agenda", &write_up.agenda_done)?;
    store.write(|tx| -> Result<Edited<(Ritual, Recorded)>, OpsError> {
        let ritual = current(tx, id)?;
        let before = record_for(tx, &ritual, original)?;
        ensure_as_opened(
            || format!("the meeting of {}", original.format("%a %-d %b %H:%M")),
            &before,
            opened,
        )?;
        let mut record = before.clone();
        record.notes = notes;
        record.decisions = decisions;
        record.agenda_done = agenda_done;
        record.status = write_up.status;
        if record == before {
            if links.is_empty() {
                return Ok(Edited::unchanged((ritual, Recorded::default())));
            }
            let occurrence_id = match before.id {
                0 => occurrences::upsert(tx, &record)?,
                known => known,
            };
            let linked = super::links::apply(tx, meeting_ref(occurrence_id), links, now)?;
            let result = (ritual, Recorded::default());
            return Ok(if linked {
                Edited::changed(result)
            } else {
                Edited::unchanged(result)
            });
        }
        let people: Vec<(i64, String)> = people::list(tx)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        let reading = Reading {
            people: &people,
            one_on_one: ritual.fields.person_id,
            today: record.moved_to.unwrap_or(original).date(),
        };
        let from_notes = follow_lines("notes", &record.notes, &reading)?;
        let from_decisions = follow_lines("decisions", &record.decisions, &reading)?;
        let occurrence_id = occurrences::upsert(tx, &record)?;
        super::links::apply(tx, meeting_ref(occurrence_id), links, now)?;
        if from_notes.is_empty() && from_decisions.is_empty() {
            return Ok(Edited::changed((ritual, Recorded::default())));
        }
        let mut recorded = Recorded::default();
        let day = reading.today;
        let mut marks = [Vec::new(), Vec::new()];
        for (i, lines) in [from_notes, from_decisions].into_iter().enumerate() {
            for l in lines {
                let mark = super::follow_through::record(
                    tx,
                    &l.follow,
                    occurrence_id,
                    day,
                    now,
                    &mut recorded,
                )?;
                if let Some(m) = marks.get_mut(i) {
                    m.push((l.line, mark));
                }
            }
        }
        let [notes_marks, decision_marks] = marks;
        record.notes = crate::domain::meeting_lines::marked(&record.notes, &notes_marks);
        record.decisions = crate::domain::meeting_lines::marked(&record.decisions, &decision_marks);
        occurrences::set_text(tx, occurrence_id, &record.notes, &record.decisions)?;
        Ok(Edited::changed((ritual, recorded)))
    })
}

/// The object a meeting's links hang on: its occurrence row.
pub fn meeting_ref(occurrence_id: i64) -> crate::domain::link::ObjectRef {
    crate::domain::link::ObjectRef::new(crate::domain::link::LinkKind::Meeting, occurrence_id)
}

/// The series' agenda as a checklist: one item per non-empty line.
pub fn checklist(fields: &RitualFields) -> Vec<String> {
    fields
        .agenda
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
#[path = "rituals_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "rituals_links_tests.rs"]
mod links_tests;
