//! Rows of `calendar_event` <-> `domain::calendar::CalendarEntry`: the VEVENTs of imported
//! calendars, one row each with their rules, grouped by the `source` they came from. They are
//! expanded when shown (`schedule::calendar`), never stored as happenings.
//!
//! A time is stored as written: `2026-11-23` (a date), `2026-11-23T09:30:00` (floating),
//! `…Z` (UTC), `…@Europe/Berlin` (a zone chrono-tz knows: the TZID, or the IANA zone it was
//! resolved to), `…@UTC+05:00` (a zone with one fixed offset) or `…@W. Europe Standard Time`
//! (a TZID Bearing could not resolve when it was imported; such rows keep reading as local time).
//! Rows of imports before migration 4 hold happenings in local time as `2026-11-23T09:30`:
//! floating times, which read back as exactly what they showed.

use chrono::{FixedOffset, NaiveDate, TimeDelta};
use chrono_tz::Tz;
use rusqlite::types::{FromSqlError, Type};
use rusqlite::{Connection, Row, params};
use serde::{Deserialize, Serialize};

use super::{StoreError, codec};
use crate::domain::calendar::{CalendarEntry, IcsEvent, IcsTime, RDate};

const COLUMNS: &str = "id, source, uid, title, start, end_at, rrule, exdates, recurrence_id, \
                       rdates, duration, cancelled";

const TIME: &str = "%Y-%m-%dT%H:%M:%S";
/// What marks a fixed offset's zone (`UTC+05:00`), a name no IANA zone has.
const FIXED: &str = "UTC";

/// The stored text of a date or date-time with its zone.
fn time_text(t: &IcsTime) -> String {
    match t {
        IcsTime::Date(d) => codec::date(*d),
        IcsTime::Floating(t) => t.format(TIME).to_string(),
        IcsTime::Utc(t) => format!("{}Z", t.format(TIME)),
        IcsTime::Zoned(t, tz) => format!("{}@{}", t.format(TIME), tz.name()),
        IcsTime::Offset(t, offset) => format!("{}@{FIXED}{offset}", t.format(TIME)),
        IcsTime::UnknownZone(t, name) => format!("{}@{name}", t.format(TIME)),
    }
}

fn bad(column: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        Type::Text,
        Box::new(FromSqlError::Other(what.to_string().into())),
    )
}

fn parse_time(column: usize, text: &str) -> rusqlite::Result<IcsTime> {
    // The date-time is digits, '-', ':' and 'T'; what follows it names the zone.
    let cut = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | ':' | 'T')))
        .unwrap_or(text.len());
    let (when, zone) = text.split_at(cut);
    if when.len() == 10 && zone.is_empty() {
        return codec::parse_date(column, when).map(IcsTime::Date);
    }
    let t = codec::parse_date_time(column, when)?;
    Ok(match zone {
        "" => IcsTime::Floating(t),
        "Z" => IcsTime::Utc(t),
        _ => {
            let name = zone
                .strip_prefix('@')
                .ok_or_else(|| bad(column, "a date-time with an unknown suffix"))?;
            match (name.parse::<Tz>(), fixed_offset(name)) {
                (Ok(tz), _) => IcsTime::Zoned(t, tz),
                (Err(_), Some(offset)) => IcsTime::Offset(t, offset),
                (Err(_), None) => IcsTime::UnknownZone(t, name.to_string()),
            }
        }
    })
}

/// The offset of a stored fixed zone, `UTC+05:00` as `FixedOffset` writes it after `FIXED`.
fn fixed_offset(name: &str) -> Option<FixedOffset> {
    let offset = name.strip_prefix(FIXED)?;
    let (sign, hm) = match offset.as_bytes().first()? {
        b'+' => (1, offset.get(1..)?),
        b'-' => (-1, offset.get(1..)?),
        _ => return None,
    };
    let (h, m) = hm.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// One RDATE as stored: its time, and its own length in seconds when it was a PERIOD.
#[derive(Serialize, Deserialize)]
struct StoredRDate {
    at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seconds: Option<i64>,
}

fn list_text<T: Serialize>(list: &[T]) -> String {
    if list.is_empty() {
        return String::new();
    }
    serde_json::to_string(list).unwrap_or_default()
}

/// A JSON list column; empty text (rows before migration 4) is an empty list.
fn parse_list<T: for<'de> Deserialize<'de>>(column: usize, text: &str) -> rusqlite::Result<Vec<T>> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_str(text).map_err(|_| bad(column, "not a JSON list"))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<CalendarEntry> {
    let start: String = row.get(4)?;
    let end: Option<String> = row.get(5)?;
    let rrule: Option<String> = row.get(6)?;
    let exdates: String = row.get(7)?;
    let recurrence_id: Option<String> = row.get(8)?;
    let rdates: String = row.get(9)?;
    let duration: Option<i64> = row.get(10)?;
    let exdates: Vec<String> = parse_list(7, &exdates)?;
    let rdates: Vec<StoredRDate> = parse_list(9, &rdates)?;
    Ok(CalendarEntry {
        id: row.get(0)?,
        source: row.get(1)?,
        event: IcsEvent {
            uid: row.get(2)?,
            title: row.get(3)?,
            start: parse_time(4, &start)?,
            end: end.map(|e| parse_time(5, &e)).transpose()?,
            duration: duration.and_then(TimeDelta::try_seconds),
            rrules: rrule
                .iter()
                .flat_map(|r| r.lines())
                .map(str::to_string)
                .collect(),
            rdates: rdates
                .iter()
                .map(|r| {
                    Ok(RDate {
                        start: parse_time(9, &r.at)?,
                        length: r.seconds.and_then(TimeDelta::try_seconds),
                    })
                })
                .collect::<rusqlite::Result<_>>()?,
            exdates: exdates
                .iter()
                .map(|x| parse_time(7, x))
                .collect::<rusqlite::Result<_>>()?,
            recurrence_id: recurrence_id.map(|r| parse_time(8, &r)).transpose()?,
            cancelled: row.get(11)?,
        },
    })
}

/// Events (a series counts once) imported from `source`.
pub fn count(conn: &Connection, source: &str) -> Result<usize, StoreError> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT COUNT(DISTINCT uid) FROM calendar_event WHERE source = ?1 AND cancelled = 0",
        )?
        .query_row([source], |row| row.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Removes every event of `source`; returns how many events (series counting once) it had.
pub fn remove_source(conn: &Connection, source: &str) -> Result<usize, StoreError> {
    let before = count(conn, source)?;
    conn.prepare_cached("DELETE FROM calendar_event WHERE source = ?1")?
        .execute([source])?;
    Ok(before)
}

/// Stores one VEVENT of `source`; `days` are the first and last day it can touch
/// (`schedule::calendar::days_reached`).
pub fn insert(
    conn: &Connection,
    source: &str,
    event: &IcsEvent,
    days: (NaiveDate, Option<NaiveDate>),
) -> Result<i64, StoreError> {
    let rdates: Vec<StoredRDate> = event
        .rdates
        .iter()
        .map(|r| StoredRDate {
            at: time_text(&r.start),
            seconds: r.length.map(|l| l.num_seconds()),
        })
        .collect();
    let exdates: Vec<String> = event.exdates.iter().map(time_text).collect();
    let rrule = (!event.rrules.is_empty()).then(|| event.rrules.join("\n"));
    conn.prepare_cached(
        "INSERT INTO calendar_event (source, uid, title, start, end_at, all_day, rrule, \
         exdates, recurrence_id, rdates, duration, cancelled, first_day, last_day) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        source,
        event.uid,
        event.title,
        time_text(&event.start),
        event.end.as_ref().map(time_text),
        event.start.is_date(),
        rrule,
        list_text(&exdates),
        event.recurrence_id.as_ref().map(time_text),
        list_text(&rdates),
        event.duration.map(|d| d.num_seconds()),
        event.cancelled,
        codec::date(days.0),
        days.1.map(codec::date),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The events that can touch the days `[from, to)` of their own clocks (callers widen the range
/// by the clocks' differences): series still running, events and overrides in it.
pub fn in_range(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CalendarEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM calendar_event \
         WHERE (first_day IS NULL OR first_day < ?2) AND (last_day IS NULL OR last_day >= ?1) \
         ORDER BY id"
    ))?;
    let events = stmt
        .query_map(params![codec::date(from), codec::date(to)], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(events)
}

/// Every stored event, for checks of a whole database (an import of a JSON export).
pub fn all(conn: &Connection) -> Result<Vec<CalendarEntry>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM calendar_event ORDER BY id"))?;
    let events = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(events)
}

/// The sources events were imported from, in name order.
pub fn sources(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT source FROM calendar_event ORDER BY source")?;
    let sources = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(sources)
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
