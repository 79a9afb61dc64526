//! Many rows at once, for generated data (`bearing demo --size large|huge`). One statement
//! inserts hundreds of rows: the full-text index writes out what it gathered once per statement
//! (SQLite hands it a savepoint at each), not once per row, which made ten years of notes take
//! minutes instead of seconds.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use rusqlite::types::Value;

use super::{StoreError, codec};

/// Rows per statement: well under SQLite's limit of 32,766 parameters.
const CHUNK: usize = 500;

pub struct GeneratedNote {
    pub person_id: i64,
    pub date: NaiveDate,
    pub body: String,
}

pub struct GeneratedTopic {
    pub person_id: i64,
    pub body: String,
    pub discussed_at: Option<NaiveDateTime>,
}

pub struct GeneratedAction {
    pub person_id: i64,
    /// "me" or "them".
    pub owner: &'static str,
    pub body: String,
    pub due: Option<NaiveDate>,
    pub done_at: Option<NaiveDateTime>,
}

/// Inserts `rows` in order (ids follow on from the table's largest), created at `now`.
pub fn insert_notes(
    conn: &Connection,
    rows: &[GeneratedNote],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let stamp = Value::Text(codec::stamp(now));
    insert_rows(
        conn,
        "INSERT INTO note (person_id, date, body, created_at, updated_at) VALUES ",
        rows.iter().map(|n| {
            vec![
                Value::Integer(n.person_id),
                Value::Text(codec::date(n.date)),
                Value::Text(n.body.clone()),
                stamp.clone(),
                stamp.clone(),
            ]
        }),
    )
}

pub fn insert_topics(
    conn: &Connection,
    rows: &[GeneratedTopic],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let stamp = Value::Text(codec::stamp(now));
    insert_rows(
        conn,
        "INSERT INTO topic (person_id, body, created_at, discussed_at) VALUES ",
        rows.iter().map(|t| {
            vec![
                Value::Integer(t.person_id),
                Value::Text(t.body.clone()),
                stamp.clone(),
                optional(t.discussed_at.map(codec::stamp)),
            ]
        }),
    )
}

pub fn insert_actions(
    conn: &Connection,
    rows: &[GeneratedAction],
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let stamp = Value::Text(codec::stamp(now));
    insert_rows(
        conn,
        "INSERT INTO action_item (person_id, owner, body, due, done_at, created_at) VALUES ",
        rows.iter().map(|a| {
            vec![
                Value::Integer(a.person_id),
                Value::Text(a.owner.to_string()),
                Value::Text(a.body.clone()),
                optional(a.due.map(codec::date)),
                optional(a.done_at.map(codec::stamp)),
                stamp.clone(),
            ]
        }),
    )
}

fn optional(text: Option<String>) -> Value {
    text.map_or(Value::Null, Value::Text)
}

/// `head` followed by one `(?, …)` group per row, `CHUNK` rows a statement.
fn insert_rows(
    conn: &Connection,
    head: &'static str,
    rows: impl Iterator<Item = Vec<Value>>,
) -> Result<(), StoreError> {
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(CHUNK).collect();
        let width = chunk.first().map_or(0, Vec::len);
        let group = format!("({})", vec!["?"; width].join(", "));
        let sql = format!("{head}{}", vec![group; chunk.len()].join(", "));
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(chunk.iter().flatten()))?;
    }
    Ok(())
}
