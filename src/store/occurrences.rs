//! Rows of `occurrence`: per-occurrence state of a ritual series.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, codec};
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus};

const COLUMNS: &str = "id, ritual_id, original_start, status, moved_to, notes, decisions";

fn from_row(row: &Row<'_>) -> rusqlite::Result<OccurrenceRecord> {
    let status: String = row.get(3)?;
    let moved: Option<String> = row.get(4)?;
    Ok(OccurrenceRecord {
        id: row.get(0)?,
        ritual_id: row.get(1)?,
        original_start: codec::get_date_time(row, 2)?,
        status: OccurrenceStatus::parse(&status).unwrap_or(OccurrenceStatus::Scheduled),
        moved_to: moved.map(|m| codec::parse_date_time(4, &m)).transpose()?,
        notes: row.get(5)?,
        decisions: row.get(6)?,
    })
}

/// Records whose original or moved start falls in `[from, to)`.
pub fn in_range(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<OccurrenceRecord>, StoreError> {
    let (from, to) = (codec::day_start(from), codec::day_start(to));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM occurrence \
         WHERE (original_start >= ?1 AND original_start < ?2) OR (moved_to >= ?1 AND moved_to < ?2)"
    ))?;
    let rows = stmt
        .query_map(params![from, to], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn for_ritual(conn: &Connection, ritual_id: i64) -> Result<Vec<OccurrenceRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM occurrence WHERE ritual_id = ?1 ORDER BY original_start"
    ))?;
    let rows = stmt
        .query_map([ritual_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn all(conn: &Connection) -> Result<Vec<OccurrenceRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM occurrence ORDER BY ritual_id, original_start"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(
    conn: &Connection,
    ritual_id: i64,
    original_start: NaiveDateTime,
) -> Result<Option<OccurrenceRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM occurrence WHERE ritual_id = ?1 AND original_start = ?2"
    ))?;
    Ok(stmt
        .query_row(
            params![ritual_id, codec::date_time(original_start)],
            from_row,
        )
        .optional()?)
}

/// Creates or replaces the record of one occurrence; returns its id.
pub fn upsert(conn: &Connection, record: &OccurrenceRecord) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO occurrence (ritual_id, original_start, status, moved_to, notes, decisions) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT (ritual_id, original_start) DO UPDATE SET \
         status = excluded.status, moved_to = excluded.moved_to, notes = excluded.notes, \
         decisions = excluded.decisions",
    )?
    .execute(params![
        record.ritual_id,
        codec::date_time(record.original_start),
        record.status.as_str(),
        record.moved_to.map(codec::date_time),
        record.notes,
        record.decisions
    ])?;
    let id: i64 = conn.query_row(
        "SELECT id FROM occurrence WHERE ritual_id = ?1 AND original_start = ?2",
        params![record.ritual_id, codec::date_time(record.original_start)],
        |r| r.get(0),
    )?;
    Ok(id)
}

/// Hands the records at or after `from` over to another series (a split "from this one on").
pub fn reassign(conn: &Connection, ids: &[i64], new_ritual: i64) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached("UPDATE occurrence SET ritual_id = ?2 WHERE id = ?1")?;
    for id in ids {
        stmt.execute(params![id, new_ritual])?;
    }
    Ok(())
}

/// For each person with a 1:1 series, the start of their latest held 1:1.
pub fn last_held_one_on_ones(conn: &Connection) -> Result<Vec<(i64, NaiveDateTime)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.person_id, max(coalesce(o.moved_to, o.original_start)) FROM occurrence o \
         JOIN ritual r ON r.id = o.ritual_id \
         WHERE o.status = 'held' AND r.person_id IS NOT NULL GROUP BY r.person_id",
    )?;
    let rows = stmt
        .query_map([], |row| Ok((row.get(0)?, codec::get_date_time(row, 1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
