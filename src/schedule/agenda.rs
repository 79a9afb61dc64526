//! Assembling meetings for a range of days: series expanded by their rules, with each
//! occurrence's skip, move and held state applied. Pure: everything comes in as arguments.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use std::collections::HashMap;

use super::recurrence::Recurrence;
use super::wall_clock::as_shown;
use crate::domain::agenda::{AgendaItem, AgendaView, ItemKind};
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
            conflict: false,
            lasts_until: None,
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
    let ahead = |r: &OccurrenceRecord| r.status.is_to_come();
    let moved_here = own
        .values()
        .filter(|r| ahead(r))
        .filter_map(|r| Some((r.moved_to?, r.original_start)))
        .filter(|(to, original)| *to >= now && recurrence.occurs_at(*original))
        .map(|(to, _)| to)
        .min();
    // Each meeting passed over has a record, so this steps at most once per record.
    let mut candidate = recurrence.next_after(now - Duration::seconds(1));
    while let Some(t) = candidate {
        match own.get(&t) {
            Some(r) if !ahead(r) || r.moved_to.is_some() => {
                candidate = recurrence.next_after(t);
            }
            _ => break,
        }
    }
    candidate.into_iter().chain(moved_here).min()
}

/// Imported calendar events in `[from, to)`, each on every day it covers: an all-day one as
/// such, a timed one from its start on its first day, from midnight to midnight (00:00–00:00)
/// on the days between, and from midnight until its end on its last day.
pub fn calendar_items(events: &[CalendarEvent], from: NaiveDate, to: NaiveDate) -> Vec<AgendaItem> {
    calendar_pieces(events, from, to, EveryDay::Yes)
}

/// The imported events that start in `[from, to)`, on their first day only: what `next` and the
/// reminders announce (an event under way since an earlier day does not start again).
pub fn calendar_starts(
    events: &[CalendarEvent],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<AgendaItem> {
    calendar_pieces(events, from, to, EveryDay::No)
}

/// Whether a timed event that lasts several days shows on each of them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EveryDay {
    Yes,
    No,
}

fn calendar_pieces(
    events: &[CalendarEvent],
    from: NaiveDate,
    to: NaiveDate,
    every_day: EveryDay,
) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    for event in events {
        let f = &event.fields;
        // A timed event that goes on past its first day's midnight says when it ends on each
        // of its days' pieces.
        let lasts_until = match f.span {
            EventSpan::Timed { start, end } => {
                let first_midnight = start.date().succ_opt().map(|d| d.and_time(NaiveTime::MIN));
                first_midnight.is_some_and(|m| end > m).then_some(end)
            }
            EventSpan::AllDay { .. } => None,
        };
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
            conflict: false,
            lasts_until,
        };
        match f.span {
            EventSpan::Timed { start, end } => {
                for (date, start, end) in timed_days(start, end, from, to) {
                    if every_day == EveryDay::Yes || date == f.span.first_day() {
                        items.push(item(date, Some(start), end));
                    }
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

/// The part of a timed event on each day of `[from, to)` it covers: the day, the time it starts
/// there and the time it ends there (00:00 when it goes on past midnight; none when it takes no
/// time: an event with no DTEND or DURATION is an instant, RFC 5545 §3.6.1).
fn timed_days(
    start: NaiveDateTime,
    end: NaiveDateTime,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, NaiveTime, Option<NaiveTime>)> {
    if end <= start {
        let on = start.date();
        return if on >= from && on < to {
            vec![(on, start.time(), None)]
        } else {
            Vec::new()
        };
    }
    let mut days = Vec::new();
    let mut day = start.date().max(from);
    while day < to {
        let Some(next) = day.succ_opt() else { break };
        let (midnight, next_midnight) =
            (day.and_time(NaiveTime::MIN), next.and_time(NaiveTime::MIN));
        if end <= midnight {
            break;
        }
        let until = if end < next_midnight {
            end.time()
        } else {
            NaiveTime::MIN
        };
        days.push((day, start.max(midnight).time(), Some(until)));
        day = next;
    }
    days
}

/// Day by day; within a day, all-day events first, then meetings and timed events by start,
/// then what is due (goals, actions, risk reviews), each kind by title.
pub fn sort(items: &mut [AgendaItem]) {
    items.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
}

/// Where an item goes within its day: 0 all-day events, 1 timed items, 2 due items.
fn order_key(
    item: &AgendaItem,
) -> (
    chrono::NaiveDate,
    u8,
    Option<NaiveTime>,
    ItemKind,
    &str,
    i64,
) {
    let band = match (item.start, item.kind) {
        (Some(_), _) => 1,
        (None, ItemKind::Calendar) => 0,
        (None, _) => 2,
    };
    (item.date, band, item.start, item.kind, &item.title, item.id)
}

/// Marks each timed item that overlaps another on its day (both of them). Skipped meetings do
/// not take the time, so they neither conflict nor are conflicted with; items that only touch
/// (one ends at 10:00, the next starts at 10:00) do not overlap, and an instant (an event with
/// no end) overlaps nothing. An item ending after midnight counts to the end of its day.
pub fn mark_conflicts(items: &mut [AgendaItem]) {
    let span = |i: &AgendaItem| -> Option<(NaiveDateTime, NaiveDateTime)> {
        if i.status == Some(OccurrenceStatus::Skipped) {
            return None;
        }
        i.start?;
        let start = i.starts_at();
        let end = i
            .ends_at()?
            .min(i.date.and_time(NaiveTime::MIN) + Duration::days(1));
        (end > start).then_some((start, end))
    };
    let mut timed: Vec<(usize, NaiveDateTime, NaiveDateTime)> = items
        .iter()
        .enumerate()
        .filter_map(|(n, i)| span(i).map(|(s, e)| (n, s, e)))
        .collect();
    timed.sort_by_key(|&(n, s, _)| (s, n));
    let mut flagged = vec![false; items.len()];
    // Sorted by start: each item is compared with the later ones until they start after it ends.
    for (a, &(n, _, end)) in timed.iter().enumerate() {
        for &(m, start, _) in &timed[a + 1..] {
            if start >= end {
                break;
            }
            flagged[n] = true;
            flagged[m] = true;
        }
    }
    for (item, flag) in items.iter_mut().zip(flagged) {
        item.conflict = flag;
    }
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

#[cfg(test)]
#[path = "agenda_day_tests.rs"]
mod day_tests;

/// The first day of the week containing a date (kept here for the agenda's callers).
pub use crate::domain::dates::week_floor;

/// The first day of the agenda's home view on `today`. The week view shows the week holding
/// today, unless none of its working days (Monday to Friday) is left, today included: then
/// the coming week, so a weekend never opens on only the past. The rolling view starts today.
pub fn home_from(today: NaiveDate, week_start: chrono::Weekday, view: AgendaView) -> NaiveDate {
    use chrono::Datelike;
    match view {
        AgendaView::Rolling => today,
        AgendaView::Week => {
            let from = week_floor(today, week_start);
            let next = from + Duration::days(7);
            let working_day_left = today
                .iter_days()
                .take_while(|d| *d < next)
                .any(|d| d.weekday().number_from_monday() <= 5);
            if working_day_left { from } else { next }
        }
    }
}

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
        .filter_map(|i| {
            let (start, end) = (i.start?, i.end?);
            // An end at or before the start is past midnight: busy to the end of the day.
            let end = if end <= start { close } else { end.min(close) };
            Some((start.max(open), end))
        })
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
