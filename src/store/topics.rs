//! Rows of `topic`: talking points queued per person.

use chrono::NaiveDateTime;
use rusqlite::{Connection, Row, params};

use super::{StoreError, codec};
use crate::domain::one_on_one::Topic;

const COLUMNS: &str = "id, person_id, body, created_at, discussed_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Topic> {
    let discussed: Option<String> = row.get(4)?;
    Ok(Topic {
        id: row.get(0)?,
        person_id: row.get(1)?,
        body: row.get(2)?,
        created_at: codec::get_date_time(row, 3)?,
        discussed_at: discussed
            .map(|d| codec::parse_date_time(4, &d))
            .transpose()?,
    })
}

/// The queue: undiscussed topics, oldest first.
pub fn queued(conn: &Connection, person_id: i64) -> Result<Vec<Topic>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM topic WHERE person_id = ?1 AND discussed_at IS NULL ORDER BY created_at, id"
    ))?;
    let rows = stmt
        .query_map([person_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Topic>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM topic WHERE id = ?1"))?;
    let mut rows = stmt.query_map([id], from_row)?;
    Ok(rows.next().transpose()?)
}

/// Discussed topics, most recent first, at most `limit`.
pub fn discussed(conn: &Connection, person_id: i64, limit: u32) -> Result<Vec<Topic>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM topic WHERE person_id = ?1 AND discussed_at IS NOT NULL \
         ORDER BY discussed_at DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![person_id, limit], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn insert(
    conn: &Connection,
    person_id: i64,
    body: &str,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let id = super::ids::claim(conn, super::ids::Named::Topic)?;
    conn.prepare_cached(
        "INSERT INTO topic (id, person_id, body, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, person_id, body, codec::stamp(now)])?;
    Ok(id)
}

/// Marks a topic discussed at `at` (in the 1:1 that wrote `note_id`), or back in the queue.
pub fn set_discussed(
    conn: &Connection,
    id: i64,
    at: Option<NaiveDateTime>,
    note_id: Option<i64>,
) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("UPDATE topic SET discussed_at = ?2, note_id = ?3 WHERE id = ?1")?
        .execute(params![id, at.map(codec::stamp), note_id])?
        > 0)
}

pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM topic WHERE id = ?1")?
        .execute([id])?
        > 0)
}

/// Queued topics per person, for the people list.
pub fn queued_counts(conn: &Connection) -> Result<Vec<(i64, u32)>, StoreError> {
    // Per person, the queued range of (person_id, discussed_at): a `GROUP BY` would read the
    // index entry of every topic ever discussed. The people without any are left out here:
    // `WHERE queued > 0` around it made SQLite count every range twice.
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, (SELECT count(*) FROM topic \
         WHERE person_id = p.id AND discussed_at IS NULL) FROM person p",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .filter(|row| !matches!(row, Ok((_, 0))))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Talking points for `bearing topic list`: one person's or everyone's; `discussed` picks the
/// queued (false), the discussed (true) or all (None). Queued first, oldest first.
pub fn list(
    conn: &Connection,
    person_id: Option<i64>,
    discussed: Option<bool>,
) -> Result<Vec<Topic>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM topic WHERE (?1 IS NULL OR person_id = ?1) \
         AND (?2 IS NULL OR (discussed_at IS NOT NULL) = ?2) \
         ORDER BY discussed_at IS NOT NULL, created_at, id"
    ))?;
    let rows = stmt
        .query_map(params![person_id, discussed], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Changes a talking point's text and person. Returns false if there is no such topic.
pub fn update(conn: &Connection, id: i64, person_id: i64, body: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("UPDATE topic SET person_id = ?2, body = ?3 WHERE id = ?1")?
        .execute(params![id, person_id, body])?
        > 0)
}
