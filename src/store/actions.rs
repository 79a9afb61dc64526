//! Rows of `action_item`.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::{StoreError, codec};

/// A new action item; `owner` is "me" or "them".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAction<'a> {
    pub person_id: Option<i64>,
    pub occurrence_id: Option<i64>,
    pub owner: &'a str,
    pub body: &'a str,
    pub due: Option<NaiveDate>,
}

pub fn insert(
    conn: &Connection,
    action: &NewAction<'_>,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO action_item (person_id, occurrence_id, owner, body, due, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        action.person_id,
        action.occurrence_id,
        action.owner,
        action.body,
        action.due.map(codec::date),
        codec::stamp(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Marks an action done at `now`, or open again. Returns false if there is no such action.
pub fn set_done(
    conn: &Connection,
    id: i64,
    done: bool,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let stamp = done.then(|| codec::stamp(now));
    Ok(conn
        .prepare_cached("UPDATE action_item SET done_at = ?2 WHERE id = ?1")?
        .execute(params![id, stamp])?
        > 0)
}
