//! Rows of `calendar_event` <-> `domain::calendar::CalendarEvent`: imported events, one row per
//! happening (series are expanded on import), grouped by the `source` they came from.
//!
//! A timed row has `start`/`end_at` as local date-times and `all_day` 0; an all-day row has
//! dates, `end_at` exclusive.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::{StoreError, codec};
use crate::domain::calendar::{CalendarEvent, CalendarEventFields, EventSpan};

fn from_row(row: &Row<'_>) -> rusqlite::Result<CalendarEvent> {
    let all_day: bool = row.get(6)?;
    let start: String = row.get(4)?;
    let end: Option<String> = row.get(5)?;
    let end = end.unwrap_or_else(|| start.clone());
    let span = if all_day {
        EventSpan::AllDay {
            first: codec::parse_date(4, &start)?,
            end: codec::parse_date(5, &end)?,
        }
    } else {
        EventSpan::Timed {
            start: codec::parse_date_time(4, &start)?,
            end: codec::parse_date_time(5, &end)?,
        }
    };
    let recurrence_id: Option<String> = row.get(8)?;
    Ok(CalendarEvent {
        id: row.get(0)?,
        source: row.get(1)?,
        fields: CalendarEventFields {
            uid: row.get(2)?,
            title: row.get(3)?,
            span,
            rrule: row.get(7)?,
            recurrence_id: recurrence_id
                .map(|r| codec::parse_date_time(8, &r))
                .transpose()?,
        },
    })
}

/// Events (a series counts once) imported from `source`.
pub fn count(conn: &Connection, source: &str) -> Result<usize, StoreError> {
    let n: i64 = conn
        .prepare_cached("SELECT COUNT(DISTINCT uid) FROM calendar_event WHERE source = ?1")?
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

pub fn insert(conn: &Connection, source: &str, f: &CalendarEventFields) -> Result<i64, StoreError> {
    let (start, end, all_day) = match f.span {
        EventSpan::Timed { start, end } => (codec::date_time(start), codec::date_time(end), false),
        EventSpan::AllDay { first, end } => (codec::date(first), codec::date(end), true),
    };
    conn.prepare_cached(
        "INSERT INTO calendar_event (source, uid, title, start, end_at, all_day, rrule, \
         recurrence_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        source,
        f.uid,
        f.title,
        start,
        end,
        all_day,
        f.rrule,
        f.recurrence_id.map(codec::date_time),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Events that touch the days `[from, to)`: timed ones starting in it, all-day ones covering
/// any of its days.
pub fn in_range(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CalendarEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, source, uid, title, start, end_at, all_day, rrule, recurrence_id \
         FROM calendar_event \
         WHERE (all_day = 0 AND start >= ?1 AND start < ?2) \
            OR (all_day = 1 AND start < ?2 AND end_at > ?1) \
         ORDER BY start, title, id",
    )?;
    let events = stmt
        .query_map(params![codec::date(from), codec::date(to)], from_row)?
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
