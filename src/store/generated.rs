//! Many rows at once, for generated data (`bearing demo --size large|huge`), a row to a statement:
//! they go in through [`super::Store::fill`], with the triggers off and each search index built
//! after, so there is no index segment per statement to spare (see [`super::batch`]), and one
//! prepared statement run for each row took the huge demo 0.8 s less to build than statements of
//! thousands of rows (and 17 MB less memory).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::{StoreError, codec};

pub struct GeneratedNote {
    pub person_id: i64,
    pub date: NaiveDate,
    pub body: String,
    pub created_at: NaiveDateTime,
}

pub struct GeneratedTopic {
    pub person_id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub discussed_at: Option<NaiveDateTime>,
}

pub struct GeneratedAction {
    pub person_id: i64,
    /// "me" or "them".
    pub owner: &'static str,
    pub body: String,
    pub due: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub done_at: Option<NaiveDateTime>,
}

/// Inserts `rows` in order (ids follow on from the table's largest): give them in the order they
/// were written, as a real database has them.
pub fn insert_notes(conn: &Connection, rows: &[GeneratedNote]) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO note (person_id, date, body, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?4)",
    )?;
    for n in rows {
        stmt.execute(params![
            n.person_id,
            codec::date(n.date),
            n.body,
            codec::stamp(n.created_at)
        ])?;
    }
    Ok(())
}

pub fn insert_topics(conn: &Connection, rows: &[GeneratedTopic]) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO topic (person_id, body, created_at, discussed_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for t in rows {
        stmt.execute(params![
            t.person_id,
            t.body,
            codec::stamp(t.created_at),
            t.discussed_at.map(codec::stamp)
        ])?;
    }
    Ok(())
}

pub fn insert_actions(conn: &Connection, rows: &[GeneratedAction]) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO action_item (person_id, owner, body, due, done_at, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in rows {
        stmt.execute(params![
            a.person_id,
            a.owner,
            a.body,
            a.due.map(codec::date),
            a.done_at.map(codec::stamp),
            codec::stamp(a.created_at)
        ])?;
    }
    Ok(())
}
