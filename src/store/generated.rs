//! Many rows at once, for generated data (`bearing demo --size large|huge`): hundreds of rows to
//! a statement (see [`super::batch`] for why).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use rusqlite::types::Value;

use super::batch::insert_rows;
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
    insert_rows(
        conn,
        "INSERT INTO note (person_id, date, body, created_at, updated_at) VALUES ",
        rows.iter().map(|n| {
            vec![
                Value::Integer(n.person_id),
                Value::Text(codec::date(n.date)),
                Value::Text(n.body.clone()),
                Value::Text(codec::stamp(n.created_at)),
                Value::Text(codec::stamp(n.created_at)),
            ]
        }),
    )
}

pub fn insert_topics(conn: &Connection, rows: &[GeneratedTopic]) -> Result<(), StoreError> {
    insert_rows(
        conn,
        "INSERT INTO topic (person_id, body, created_at, discussed_at) VALUES ",
        rows.iter().map(|t| {
            vec![
                Value::Integer(t.person_id),
                Value::Text(t.body.clone()),
                Value::Text(codec::stamp(t.created_at)),
                optional(t.discussed_at.map(codec::stamp)),
            ]
        }),
    )
}

pub fn insert_actions(conn: &Connection, rows: &[GeneratedAction]) -> Result<(), StoreError> {
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
                Value::Text(codec::stamp(a.created_at)),
            ]
        }),
    )
}

fn optional(text: Option<String>) -> Value {
    text.map_or(Value::Null, Value::Text)
}
