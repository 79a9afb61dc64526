//! Rows of `note` (1:1 notes) and `person_context`.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, Row, params};

use super::{StoreError, codec};
use crate::domain::one_on_one::{ContextEntry, ContextKind, Note};

fn note_row(row: &Row<'_>) -> rusqlite::Result<Note> {
    let date: String = row.get(2)?;
    Ok(Note {
        id: row.get(0)?,
        person_id: row.get(1)?,
        date: codec::parse_date(2, &date)?,
        body: row.get(3)?,
    })
}

/// A person's notes, newest first; `limit` None for all.
pub fn for_person(
    conn: &Connection,
    person_id: i64,
    limit: Option<u32>,
) -> Result<Vec<Note>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, date, body FROM note WHERE person_id = ?1 \
         ORDER BY date DESC, id DESC LIMIT ?2",
    )?;
    let limit = limit.map_or(-1, i64::from);
    let rows = stmt
        .query_map(params![person_id, limit], note_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How many notes a person has.
pub fn count_for(conn: &Connection, person_id: i64) -> Result<u32, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM note WHERE person_id = ?1")?
        .query_row([person_id], |r| r.get(0))?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Note>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id, person_id, date, body FROM note WHERE id = ?1")?;
    let mut rows = stmt.query_map([id], note_row)?;
    Ok(rows.next().transpose()?)
}

pub fn insert(
    conn: &Connection,
    person_id: i64,
    occurrence_id: Option<i64>,
    date: NaiveDate,
    body: &str,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO note (person_id, occurrence_id, date, body, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![
        person_id,
        occurrence_id,
        codec::date(date),
        body,
        codec::stamp(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(
    conn: &Connection,
    id: i64,
    date: NaiveDate,
    body: &str,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("UPDATE note SET date = ?2, body = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, codec::date(date), body, codec::stamp(now)])?
        > 0)
}

pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM note WHERE id = ?1")?
        .execute([id])?
        > 0)
}

pub fn context_for(conn: &Connection, person_id: i64) -> Result<Vec<ContextEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, date, kind, body FROM person_context WHERE person_id = ?1 \
         ORDER BY date DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([person_id], |row| {
            let date: String = row.get(2)?;
            let kind: String = row.get(3)?;
            Ok(ContextEntry {
                id: row.get(0)?,
                person_id: row.get(1)?,
                date: codec::parse_date(2, &date)?,
                kind: ContextKind::from_word(&kind).unwrap_or(ContextKind::Context),
                body: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn insert_context(
    conn: &Connection,
    person_id: i64,
    date: NaiveDate,
    kind: ContextKind,
    body: &str,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO person_context (person_id, date, kind, body) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![person_id, codec::date(date), kind.as_str(), body])?;
    Ok(conn.last_insert_rowid())
}

/// The date of each person's latest note: one index seek per person (a `GROUP BY` over the
/// notes would read every note ever written).
pub fn latest_dates(conn: &Connection) -> Result<Vec<(i64, NaiveDate)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, latest FROM (SELECT p.id, \
         (SELECT max(date) FROM note WHERE person_id = p.id) AS latest FROM person p) \
         WHERE latest IS NOT NULL",
    )?;
    let rows = stmt
        .query_map([], |row| {
            let date: String = row.get(1)?;
            Ok((row.get(0)?, codec::parse_date(1, &date)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Notes for `bearing note list`: one person's or everyone's, on or after `since`, newest first,
/// at most `limit` (None: all).
pub fn list(
    conn: &Connection,
    person_id: Option<i64>,
    since: Option<NaiveDate>,
    limit: Option<u32>,
) -> Result<Vec<Note>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, date, body FROM note WHERE (?1 IS NULL OR person_id = ?1) \
         AND (?2 IS NULL OR date >= ?2) ORDER BY date DESC, id DESC LIMIT ?3",
    )?;
    let rows = stmt
        .query_map(
            params![
                person_id,
                since.map(codec::date),
                limit.map_or(-1, i64::from)
            ],
            note_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
