//! Assembling meetings for a range of days: series expanded by their rules, with each
//! occurrence's skip, move and held state applied. Pure: everything comes in as arguments.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use std::collections::HashMap;

use super::recurrence::Recurrence;
use super::wall_clock::as_shown;
use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::calendar::{CalendarEvent, EventSpan};
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, Ritual};

/// A ritual with its parsed rule and the name of its 1:1 person, ready to expand.
#[derive(Debug, Clone)]
pub struct Series {
    pub ritual: Ritual,
    pub recurrence: Recurrence,
    pub person: Option<String>,
}

impl Series {
    /// None when the stored rule no longer parses (it was checked on the way in, so this only
    /// happens to a hand-edited database); such a series is left off rather than crashing.
    pub fn new(ritual: Ritual, person: Option<String>) -> Option<Series> {
        let recurrence = Recurrence::of(&ritual.fields).ok()?;
        Some(Series {
            ritual,
            recurrence,
            person,
        })
    }

    /// The occurrence the rule puts at `original`, held at `start` (its own or a moved one),
    /// shown as the clocks in `local` show it: a start the clocks skip moves forward with them.
    fn item<Z: TimeZone>(
        &self,
        original: NaiveDateTime,
        start: NaiveDateTime,
        record: Option<&OccurrenceRecord>,
        local: &Z,
    ) -> AgendaItem {
        let r = &self.ritual;
        let moved = start != original;
        let start = as_shown(local, start);
        let end = start + Duration::minutes(i64::from(r.fields.duration_min));
        AgendaItem {
            date: start.date(),
            start: Some(start.time()),
            end: Some(end.time()),
            kind: if r.fields.person_id.is_some() {
                ItemKind::OneOnOne
            } else {
                ItemKind::Ritual
            },
            title: r.fields.name.clone(),
            id: r.id,
            person: self.person.clone(),
            person_id: r.fields.person_id,
            status: Some(record.map_or(OccurrenceStatus::Scheduled, |rec| rec.status)),
            occurrence: Some(original),
            moved,
            done: false,
        }
    }
}

/// Every meeting in `[from, to)`: skipped ones included (marked), moved ones at their new time.
/// Meeting times are wall-clock times in `local`, the zone the agenda is shown in.
pub fn meetings<Z: TimeZone>(
    series: &[Series],
    records: &[OccurrenceRecord],
    from: NaiveDate,
    to: NaiveDate,
    local: &Z,
) -> Vec<AgendaItem> {
    let by_key: HashMap<(i64, NaiveDateTime), &OccurrenceRecord> = records
        .iter()
        .map(|r| ((r.ritual_id, r.original_start), r))
        .collect();
    let in_range = |t: NaiveDateTime| t.date() >= from && t.date() < to;
    let mut items = Vec::new();
    for s in series {
        for original in s.recurrence.between(from, to) {
            let record = by_key.get(&(s.ritual.id, original)).copied();
            let start = record.and_then(|r| r.moved_to).unwrap_or(original);
            if in_range(start) {
                items.push(s.item(original, start, record, local));
            }
        }
    }
    // Occurrences moved into the range from outside it.
    let by_id: HashMap<i64, &Series> = series.iter().map(|s| (s.ritual.id, s)).collect();
    for record in records {
        let (Some(moved), Some(s)) = (record.moved_to, by_id.get(&record.ritual_id)) else {
            continue;
        };
        if in_range(moved)
            && !in_range(record.original_start)
            && s.recurrence.occurs_at(record.original_start)
        {
            items.push(s.item(record.original_start, moved, Some(record), local));
        }
    }
    sort(&mut items);
    items
}

/// The next meeting of a series that starts at or after `now`, as the agenda shows it: a moved
/// meeting at its new time, a skipped one left out. `records` may hold any records; those of
/// other series and of meetings the rule does not have are ignored.
pub fn next_meeting_of(
    recurrence: &Recurrence,
    ritual_id: i64,
    records: &[OccurrenceRecord],
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let own: HashMap<NaiveDateTime, &OccurrenceRecord> = records
        .iter()
        .filter(|r| r.ritual_id == ritual_id)
        .map(|r| (r.original_start, r))
        .collect();
    let moved_here = own
        .values()
        .filter(|r| r.status != OccurrenceStatus::Skipped)
        .filter_map(|r| Some((r.moved_to?, r.original_start)))
        .filter(|(to, original)| *to >= now && recurrence.occurs_at(*original))
        .map(|(to, _)| to)
        .min();
    // Each meeting passed over has a record, so this steps at most once per record.
    let mut candidate = recurrence.next_after(now - Duration::seconds(1));
    while let Some(t) = candidate {
        match own.get(&t) {
            Some(r) if r.status == OccurrenceStatus::Skipped || r.moved_to.is_some() => {
                candidate = recurrence.next_after(t);
            }
            _ => break,
        }
    }
    candidate.into_iter().chain(moved_here).min()
}

/// Imported calendar events in `[from, to)`; an all-day event shows on each day it covers.
pub fn calendar_items(events: &[CalendarEvent], from: NaiveDate, to: NaiveDate) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    for event in events {
        let f = &event.fields;
        let item = |date, start, end| AgendaItem {
            date,
            start,
            end,
            kind: ItemKind::Calendar,
            title: f.title.clone(),
            id: event.id,
            person: None,
            person_id: None,
            status: None,
            occurrence: f.recurrence_id,
            moved: match f.span {
                EventSpan::Timed { start, .. } => f.recurrence_id.is_some_and(|o| o != start),
                EventSpan::AllDay { .. } => false,
            },
            done: false,
        };
        match f.span {
            EventSpan::Timed { start, end } => {
                if start.date() >= from && start.date() < to {
                    items.push(item(start.date(), Some(start.time()), Some(end.time())));
                }
            }
            EventSpan::AllDay { first, end } => {
                let mut day = first.max(from);
                while day < end.min(to) {
                    items.push(item(day, None, None));
                    day += Duration::days(1);
                }
            }
        }
    }
    items
}

/// Day by day; within a day, untimed items (due dates) first, then by start time and title.
pub fn sort(items: &mut [AgendaItem]) {
    items.sort_by(|a, b| {
        (a.date, a.start, a.kind, &a.title, a.id).cmp(&(b.date, b.start, b.kind, &b.title, b.id))
    });
}

/// The usual gap between meetings of a series around `now`, for "older than twice the cadence".
pub fn typical_gap(recurrence: &Recurrence, now: NaiveDateTime) -> Option<Duration> {
    let next = recurrence.next_after(now)?;
    let after = recurrence.next_after(next)?;
    Some(after - next)
}

/// Days since the last 1:1 when that is more than twice the cadence; None when on track.
/// With no 1:1 ever held, the series' first meeting counts as the last one.
pub fn one_on_one_overdue(
    recurrence: &Recurrence,
    series_start: NaiveDateTime,
    last_held: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Option<i64> {
    let gap = typical_gap(recurrence, now)?;
    let since = last_held.unwrap_or(series_start);
    if since > now {
        return None;
    }
    let elapsed = now - since;
    (elapsed > gap * 2).then_some(elapsed.num_days())
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;

/// The first day of the week containing a date (kept here for the agenda's callers).
pub use crate::domain::dates::week_floor;

/// Minutes of the working day `hours` on which no meeting is booked. Skipped meetings free their
/// time; overlapping meetings count once; untimed items (due dates) take none.
pub fn free_minutes<'a>(
    items: impl IntoIterator<Item = &'a AgendaItem>,
    hours: (NaiveTime, NaiveTime),
) -> i64 {
    let (open, close) = hours;
    let mut busy: Vec<(NaiveTime, NaiveTime)> = items
        .into_iter()
        .filter(|i| i.status != Some(OccurrenceStatus::Skipped))
        .filter_map(|i| Some((i.start?.max(open), i.end?.min(close))))
        .filter(|(s, e)| s < e)
        .collect();
    busy.sort();
    let mut taken = 0;
    let mut reached = open;
    for (start, end) in busy {
        let start = start.max(reached);
        if end > start {
            taken += (end - start).num_minutes();
            reached = end;
        }
    }
    (close - open).num_minutes() - taken
}
