//! Rows of `occurrence`: per-occurrence state of a ritual series.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, codec};
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus};

const COLUMNS: &str =
    "id, ritual_id, original_start, status, moved_to, notes, decisions, agenda_done";

fn from_row(row: &Row<'_>) -> rusqlite::Result<OccurrenceRecord> {
    let status: String = row.get(3)?;
    let moved: Option<String> = row.get(4)?;
    Ok(OccurrenceRecord {
        id: row.get(0)?,
        ritual_id: row.get(1)?,
        original_start: codec::get_date_time(row, 2)?,
        status: OccurrenceStatus::from_word(&status).unwrap_or(OccurrenceStatus::Scheduled),
        moved_to: moved.map(|m| codec::parse_date_time(4, &m)).transpose()?,
        notes: row.get(5)?,
        decisions: row.get(6)?,
        agenda_done: row.get(7)?,
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

/// Records of meetings still to come at `now`: their original or moved start is at or after it.
pub fn upcoming(
    conn: &Connection,
    now: NaiveDateTime,
) -> Result<Vec<OccurrenceRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM occurrence WHERE original_start >= ?1 OR moved_to >= ?1"
    ))?;
    let rows = stmt
        .query_map([codec::date_time(now)], from_row)?
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
        "INSERT INTO occurrence \
         (ritual_id, original_start, status, moved_to, notes, decisions, agenda_done) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (ritual_id, original_start) DO UPDATE SET \
         status = excluded.status, moved_to = excluded.moved_to, notes = excluded.notes, \
         decisions = excluded.decisions, agenda_done = excluded.agenda_done",
    )?
    .execute(params![
        record.ritual_id,
        codec::date_time(record.original_start),
        record.status.as_str(),
        record.moved_to.map(codec::date_time),
        record.notes,
        record.decisions,
        record.agenda_done
    ])?;
    let id: i64 = conn.query_row(
        "SELECT id FROM occurrence WHERE ritual_id = ?1 AND original_start = ?2",
        params![record.ritual_id, codec::date_time(record.original_start)],
        |r| r.get(0),
    )?;
    Ok(id)
}

/// Hands one record to series `ritual_id` at `original_start` (a schedule change carries it to
/// that day's new meeting), keeping its id, so notes and actions linked to it stay linked.
pub fn rekey(
    conn: &Connection,
    id: i64,
    ritual_id: i64,
    original_start: NaiveDateTime,
    moved_to: Option<NaiveDateTime>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE occurrence SET ritual_id = ?2, original_start = ?3, moved_to = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id,
        ritual_id,
        codec::date_time(original_start),
        moved_to.map(codec::date_time)
    ])?;
    Ok(())
}

/// For each person with a 1:1 series, the start of their latest held 1:1.
pub fn last_held_one_on_ones(conn: &Connection) -> Result<Vec<(i64, NaiveDateTime)>, StoreError> {
    // Per 1:1 series, two index seeks (the latest held meeting that kept its time, the latest
    // moved one) instead of reading every meeting ever held: years of history cost nothing.
    let mut stmt = conn.prepare_cached(
        "SELECT r.person_id, \
         (SELECT original_start FROM occurrence WHERE ritual_id = r.id AND status = 'held' \
          AND moved_to IS NULL ORDER BY original_start DESC LIMIT 1), \
         (SELECT moved_to FROM occurrence WHERE ritual_id = r.id AND status = 'held' \
          AND moved_to IS NOT NULL ORDER BY moved_to DESC LIMIT 1) \
         FROM ritual r WHERE r.person_id IS NOT NULL",
    )?;
    let mut latest: std::collections::BTreeMap<i64, NaiveDateTime> = Default::default();
    let rows = stmt.query_map([], |row| {
        let kept: Option<String> = row.get(1)?;
        let moved: Option<String> = row.get(2)?;
        let kept = kept.map(|t| codec::parse_date_time(1, &t)).transpose()?;
        let moved = moved.map(|t| codec::parse_date_time(2, &t)).transpose()?;
        Ok((row.get::<_, i64>(0)?, kept.max(moved)))
    })?;
    for row in rows {
        if let (person, Some(at)) = row? {
            let slot = latest.entry(person).or_insert(at);
            *slot = (*slot).max(at);
        }
    }
    Ok(latest.into_iter().collect())
}

/// The meeting an occurrence row is: its series' id and name, and when it was (or is) held
/// (the moved start if it moved). None when there is no such row.
pub fn meeting(
    conn: &Connection,
    occurrence_id: i64,
) -> Result<Option<(i64, String, NaiveDateTime)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.name, coalesce(o.moved_to, o.original_start) FROM occurrence o \
             JOIN ritual r ON r.id = o.ritual_id WHERE o.id = ?1",
        )?
        .query_row([occurrence_id], |row| {
            Ok((row.get(0)?, row.get(1)?, codec::get_date_time(row, 2)?))
        })
        .optional()?)
}

/// Rewrites the notes and decisions of occurrence row `id` (a plain UPDATE: a second upsert of a
/// row in one transaction would trip the journal's bookkeeping).
pub fn set_text(
    conn: &Connection,
    id: i64,
    notes: &str,
    decisions: &str,
) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("UPDATE occurrence SET notes = ?2, decisions = ?3 WHERE id = ?1")?
        .execute(params![id, notes, decisions])?
        > 0)
}
