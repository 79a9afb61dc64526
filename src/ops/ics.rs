//! `bearing export --format ics`: rituals as recurring VEVENTs, dated actions as VTODOs.
//!
//! Meeting times are floating wall-clock times (no `Z`, no `TZID`), so a 10:00 meeting stays at
//! 10:00 in whatever zone the calendar program is in. UIDs are derived from ids, and `stamp` is the
//! only time that goes in, so re-exporting the same data gives the same bytes and calendar
//! programs update events instead of duplicating them.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta, Weekday};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property, Todo, TodoStatus};

use super::rituals::first_meeting;
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, Ritual, weekday_code};
use crate::domain::terminal_safe::terminal_safe;

const PRODID: &str = "-//Bearing//Bearing//EN";
const CALENDAR_NAME: &str = "Bearing";
/// RFC 5545 §3.1: content lines are at most 75 octets, excluding the line break.
const LINE_OCTETS: usize = 75;
const FLOATING_FORMAT: &str = "%Y%m%dT%H%M%S";
const ONE_ON_ONE_CATEGORY: &str = "1:1";

/// Action items with due dates, exported as VTODOs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsTodo {
    pub id: i64,
    pub title: String,
    pub due: NaiveDate,
    pub done: bool,
}

/// One VCALENDAR holding every ritual (with its skipped and moved occurrences) and every todo.
/// Rituals are ordered by id, their records by original start, todos by id. `stamp` is the
/// export's time in UTC (DTSTAMP).
pub fn to_ics(
    rituals: &[Ritual],
    records: &[OccurrenceRecord],
    todos: &[IcsTodo],
    stamp: NaiveDateTime,
) -> String {
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", PRODID),
        ("CALSCALE", "GREGORIAN"),
        ("X-WR-CALNAME", CALENDAR_NAME),
    ] {
        calendar.append_property(Property::new(key, value));
    }

    let mut rituals: Vec<&Ritual> = rituals.iter().collect();
    rituals.sort_by_key(|ritual| ritual.id);
    for ritual in rituals {
        let mut own: Vec<&OccurrenceRecord> = records
            .iter()
            .filter(|record| record.ritual_id == ritual.id)
            .collect();
        own.sort_by_key(|record| (record.original_start, record.id));
        // One record per occurrence; two overrides with one RECURRENCE-ID would be invalid.
        own.dedup_by_key(|record| record.original_start);
        for event in ritual_events(ritual, &own, stamp) {
            calendar.push(event);
        }
    }

    let mut todos: Vec<&IcsTodo> = todos.iter().collect();
    todos.sort_by_key(|todo| todo.id);
    for todo in todos {
        calendar.push(todo_component(todo, stamp));
    }

    refold(&calendar.to_string())
}

/// The UID shared by a ritual's series and all its overrides.
pub fn ritual_uid(ritual_id: i64) -> String {
    format!("ritual-{ritual_id}@bearing")
}

pub fn action_uid(action_id: i64) -> String {
    format!("action-{action_id}@bearing")
}

fn is_skipped(record: &OccurrenceRecord) -> bool {
    record.status == OccurrenceStatus::Skipped
}

/// The series event first, then one override per moved occurrence.
fn ritual_events(
    ritual: &Ritual,
    records: &[&OccurrenceRecord],
    stamp: NaiveDateTime,
) -> Vec<Event> {
    let fields = &ritual.fields;
    let rule = fields
        .rrule
        .as_deref()
        .map(str::trim)
        .filter(|rule| !rule.is_empty());
    let Some(rule) = rule else {
        // A one-off has a single occurrence: moving it moves the event itself, and skipping it
        // cancels it (an EXDATE would leave an event with no instance at all).
        let record = records
            .iter()
            .find(|record| record.original_start == fields.dtstart);
        let skipped = record.is_some_and(|record| is_skipped(record));
        let start = record
            .filter(|_| !skipped)
            .and_then(|record| record.moved_to)
            .unwrap_or(fields.dtstart);
        let mut event = meeting(ritual, start, stamp);
        if skipped {
            event.status(EventStatus::Cancelled);
        }
        return vec![event];
    };

    // RFC 5545 counts DTSTART as the first meeting, so it must be one: Bearing's rules meet
    // first on their first match (a Tuesday series started on a Monday meets on Tuesday), and
    // a COUNT counts from there, so moving DTSTART to it keeps every meeting and the COUNT.
    let mut series = meeting(ritual, first_meeting(ritual), stamp);
    series.add_property("RRULE", export_rule(rule, fields.week_start));
    let mut events = Vec::new();
    for record in records {
        if is_skipped(record) {
            series.exdate(record.original_start);
        } else if let Some(moved_to) = record.moved_to {
            let mut moved = meeting(ritual, moved_to, stamp);
            moved.recurrence_id(record.original_start);
            events.push(moved);
        }
    }
    events.insert(0, series);
    events
}

/// A VEVENT with everything a ritual's instances share, starting at `start`.
fn meeting(ritual: &Ritual, start: NaiveDateTime, stamp: NaiveDateTime) -> Event {
    let fields = &ritual.fields;
    let end = start
        .checked_add_signed(TimeDelta::minutes(i64::from(fields.duration_min)))
        .unwrap_or(start);
    let mut event = Event::new();
    event
        .uid(&ritual_uid(ritual.id))
        .timestamp(stamp.and_utc())
        .summary(&clean_text(&fields.name))
        .starts(start)
        .ends(end);
    let description = description(&fields.agenda, &fields.attendees);
    if !description.is_empty() {
        event.description(&description);
    }
    let location = clean_text(fields.location.trim());
    if !location.is_empty() {
        event.location(&location);
    }
    if fields.person_id.is_some() {
        event.categories([ONE_ON_ONE_CATEGORY]);
    }
    event
}

/// The agenda checklist, one item per line, then the attendees.
fn description(agenda: &str, attendees: &str) -> String {
    let agenda = clean_text(agenda);
    let mut lines: Vec<&str> = agenda
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .collect();
    let attendees = clean_text(attendees.trim());
    let attendees_line = format!("Attendees: {attendees}");
    if !attendees.is_empty() {
        if !lines.is_empty() {
            lines.push("");
        }
        lines.push(&attendees_line);
    }
    lines.join("\n")
}

fn todo_component(todo: &IcsTodo, stamp: NaiveDateTime) -> Todo {
    let status = if todo.done {
        TodoStatus::Completed
    } else {
        TodoStatus::NeedsAction
    };
    // The crate writes a NaiveDate as `DUE:20261124`; RFC 5545 wants VALUE=DATE for a date.
    let due = Property::new("DUE", todo.due.format("%Y%m%d").to_string())
        .add_parameter("VALUE", "DATE")
        .done();
    Todo::new()
        .uid(&action_uid(todo.id))
        .timestamp(stamp.and_utc())
        .summary(&clean_text(&todo.title))
        .append_property(due)
        .status(status)
        .done()
}

/// The stored rule as an RRULE value for a floating DTSTART: upper case, WKST made explicit
/// (it changes which weeks an every-2-weeks rule hits), and UNTIL floating too, as RFC 5545
/// requires when DTSTART is a local time. A date-only UNTIL covers that whole day; a trailing
/// `Z` is dropped, as the scheduler also ignores it.
fn export_rule(rule: &str, week_start: Weekday) -> String {
    let upper = rule
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_uppercase();
    let body = upper.strip_prefix("RRULE:").unwrap_or(&upper);
    let mut parts: Vec<String> = body
        .split(';')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some(("UNTIL", value)) => format!("UNTIL={}", floating_until(value)),
            _ => part.to_string(),
        })
        .collect();
    if !parts.iter().any(|part| part.starts_with("WKST=")) {
        parts.push(format!("WKST={}", weekday_code(week_start)));
    }
    parts.join(";")
}

fn floating_until(value: &str) -> String {
    let value = value.strip_suffix('Z').unwrap_or(value);
    if let Ok(at) = NaiveDateTime::parse_from_str(value, FLOATING_FORMAT) {
        return at.format(FLOATING_FORMAT).to_string();
    }
    match NaiveDate::parse_from_str(value, "%Y%m%d") {
        Ok(date) => format!("{}T235959", date.format("%Y%m%d")),
        // Rules are validated before they are stored; pass anything else through untouched.
        Err(_) => value.to_string(),
    }
}

/// TEXT may not hold control characters other than tab; a bare CR would also break the CRLF
/// line structure (the crate escapes only LF). Line breaks become LF, which the crate escapes;
/// other controls (and bidi controls) are shown as `terminal_safe` shows them everywhere.
fn clean_text(text: &str) -> String {
    terminal_safe(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned()
}

/// Folds every content line at 75 octets again. The crate folds too, but it checks for
/// whitespace at a char index taken from a byte index, and may end a segment with a space,
/// which readers that trim lines lose. Its output has no other "CRLF space" than its own folds,
/// since every text value went through `clean_text`.
fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len());
    for line in unfolded.split_terminator("\r\n") {
        let mut rest = line;
        // Continuation lines start with a space, which counts towards their 75 octets.
        let mut limit = LINE_OCTETS;
        while rest.len() > limit {
            let cut = fold_point(rest, limit);
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = LINE_OCTETS - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

/// The last char boundary at or before `limit` with no whitespace on either side and not inside
/// an escape such as `\,`, else the last char boundary: never inside a UTF-8 sequence.
fn fold_point(line: &str, limit: usize) -> usize {
    let mut last_boundary = 0;
    let mut preferred = 0;
    let mut previous = ' ';
    for (index, c) in line.char_indices() {
        if index > limit {
            break;
        }
        if index > 0 {
            last_boundary = index;
            if !previous.is_whitespace() && previous != '\\' && !c.is_whitespace() {
                preferred = index;
            }
        }
        previous = c;
    }
    if preferred > 0 {
        preferred
    } else {
        last_boundary
    }
}

#[cfg(test)]
#[path = "ics_tests.rs"]
mod tests;
