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
    let id = super::ids::claim(conn, super::ids::Named::Action)?;
    conn.prepare_cached(
        "INSERT INTO action_item (id, person_id, occurrence_id, owner, body, due, created_at) \
         VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        action.person_id,
        action.occurrence_id,
        action.owner,
        action.body,
        action.due.map(codec::date),
        codec::stamp(now),
        id
    ])?;
    Ok(id)
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

const COLUMNS: &str = "id, person_id, owner, body, due, done_at";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<crate::domain::one_on_one::ActionItem> {
    use crate::domain::one_on_one::{ActionItem, Owner};
    let owner: String = row.get(2)?;
    let due: Option<String> = row.get(4)?;
    let done: Option<String> = row.get(5)?;
    Ok(ActionItem {
        id: row.get(0)?,
        person_id: row.get(1)?,
        owner: if owner == "them" {
            Owner::Them
        } else {
            Owner::Me
        },
        body: row.get(3)?,
        due: due.map(|d| codec::parse_date(4, &d)).transpose()?,
        done_at: done.map(|d| codec::parse_date_time(5, &d)).transpose()?,
    })
}

/// A person's actions: open ones, then the `done_limit` most recently done.
pub fn for_person(
    conn: &Connection,
    person_id: i64,
    done_limit: u32,
) -> Result<Vec<crate::domain::one_on_one::ActionItem>, StoreError> {
    let mut open = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE person_id = ?1 AND done_at IS NULL \
         ORDER BY due IS NULL, due, id"
    ))?;
    let mut rows = open
        .query_map([person_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut done = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE person_id = ?1 AND done_at IS NOT NULL \
         ORDER BY done_at DESC, id DESC LIMIT ?2"
    ))?;
    rows.extend(
        done.query_map(params![person_id, done_limit], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    );
    Ok(rows)
}

/// The actions written in meeting `occurrence_id`.
pub fn of_occurrence(
    conn: &Connection,
    occurrence_id: i64,
) -> Result<Vec<crate::domain::one_on_one::ActionItem>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE occurrence_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt
        .query_map([occurrence_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(
    conn: &Connection,
    id: i64,
) -> Result<Option<crate::domain::one_on_one::ActionItem>, StoreError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM action_item WHERE id = ?1"))?;
    let mut rows = stmt.query_map([id], from_row)?;
    Ok(rows.next().transpose()?)
}

/// The meeting an action came from: its series (id and name), the series' person (a 1:1's),
/// and when it takes place (where it was moved to, else its slot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionMeeting {
    pub ritual_id: i64,
    pub name: String,
    pub person_id: Option<i64>,
    pub start: NaiveDateTime,
}

/// The meeting action `id` came from; None for an action from no meeting, or no such action.
pub fn meeting_of(conn: &Connection, id: i64) -> Result<Option<ActionMeeting>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.name, r.person_id, COALESCE(o.moved_to, o.original_start) \
         FROM action_item a JOIN occurrence o ON o.id = a.occurrence_id \
         JOIN ritual r ON r.id = o.ritual_id WHERE a.id = ?1",
    )?;
    let mut rows = stmt.query_map([id], |row| {
        Ok(ActionMeeting {
            ritual_id: row.get(0)?,
            name: row.get(1)?,
            person_id: row.get(2)?,
            start: codec::get_date_time(row, 3)?,
        })
    })?;
    Ok(rows.next().transpose()?)
}

/// The series name and time of the meeting action `id` came from, when that meeting is not a
/// 1:1 (a staff meeting, a review): None for a 1:1's action or one from no meeting.
pub fn group_meeting_of(
    conn: &Connection,
    id: i64,
) -> Result<Option<(String, NaiveDateTime)>, StoreError> {
    Ok(meeting_of(conn, id)?
        .filter(|m| m.person_id.is_none())
        .map(|m| (m.name, m.start)))
}

pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM action_item WHERE id = ?1")?
        .execute([id])?
        > 0)
}

/// Open actions per person and owner, for the people list: (person, mine, theirs).
pub fn open_counts(conn: &Connection) -> Result<Vec<(i64, u32, u32)>, StoreError> {
    let mut stmt = conn.prepare_cached(OPEN_COUNTS)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) const OPEN_COUNTS: &str = "SELECT person_id, sum(owner = 'me'), sum(owner = 'them') \
    FROM action_item WHERE done_at IS NULL AND person_id IS NOT NULL GROUP BY person_id";

/// Actions created in `[from, to)`, oldest first.
pub fn created_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<crate::domain::one_on_one::ActionItem>, StoreError> {
    stamped_between(conn, "created_at", from, to)
}

/// Actions marked done in `[from, to)`, in the order they were done.
pub fn done_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<crate::domain::one_on_one::ActionItem>, StoreError> {
    stamped_between(conn, "done_at", from, to)
}

/// Actions whose time-stamp `column` (one of this file's own names) falls in `[from, to)`.
fn stamped_between(
    conn: &Connection,
    column: &'static str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<crate::domain::one_on_one::ActionItem>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE {column} >= ?1 AND {column} < ?2 \
         ORDER BY {column}, id"
    ))?;
    let rows = stmt
        .query_map(
            params![codec::day_start(from), codec::day_start(to)],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every action not tied to a person: open ones by due date, then done ones, newest first.
pub fn without_person(
    conn: &Connection,
) -> Result<Vec<crate::domain::one_on_one::ActionItem>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE person_id IS NULL \
         ORDER BY done_at IS NOT NULL, done_at DESC, due IS NULL, due, id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Actions for `bearing action list`: one person's or everyone's (`Some(None)`: those tied to
/// nobody); `done` picks open (false), done (true) or all (None). Open ones by due date, then
/// done ones, newest first.
pub fn list(
    conn: &Connection,
    person_id: Option<Option<i64>>,
    done: Option<bool>,
) -> Result<Vec<crate::domain::one_on_one::ActionItem>, StoreError> {
    let (any_person, person) = match person_id {
        None => (true, None),
        Some(p) => (false, p),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM action_item WHERE (?1 OR person_id IS ?2) \
         AND (?3 IS NULL OR (done_at IS NOT NULL) = ?3) \
         ORDER BY done_at IS NOT NULL, done_at DESC, due IS NULL, due, id"
    ))?;
    let rows = stmt
        .query_map(params![any_person, person, done], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Changes an action's person, owner, text and due date. Returns false if there is none.
pub fn update(conn: &Connection, id: i64, action: &NewAction<'_>) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE action_item SET person_id = ?2, owner = ?3, body = ?4, due = ?5 WHERE id = ?1",
        )?
        .execute(params![
            id,
            action.person_id,
            action.owner,
            action.body,
            action.due.map(codec::date)
        ])?
        > 0)
}
