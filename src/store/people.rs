//! Rows of `person` <-> `domain::person::Person`.

use crate::domain::Word;
use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, codec};
use crate::domain::person::{Person, PersonFields, Relation};

const COLUMNS: &str = "id, name, role, team, relation, career_goals, context, prompts, reports_to";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    let relation: String = row.get(4)?;
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        team: row.get(3)?,
        relation: Relation::parse(&relation).unwrap_or(Relation::Report),
        career_goals: row.get(5)?,
        context: row.get(6)?,
        prompts: row.get(7)?,
        reports_to: row.get(8)?,
    })
}

/// Everyone, by name.
pub fn list(conn: &Connection) -> Result<Vec<Person>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM person ORDER BY name COLLATE NOCASE, id"
    ))?;
    let people = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(people)
}

/// Everyone's name by id, to name the person a row belongs to (the agenda's meetings and
/// actions, the radar, the rituals): only the two columns, in no order.
pub fn names(conn: &Connection) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM person")?;
    let names = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Person>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM person WHERE id = ?1"))?;
    Ok(stmt.query_row([id], from_row).optional()?)
}

/// The person whose name equals `name` ignoring case, if any.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Person>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM person WHERE name = ?1 COLLATE NOCASE"
    ))?;
    Ok(stmt.query_row([name], from_row).optional()?)
}

pub fn insert(
    conn: &Connection,
    fields: &PersonFields,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let stamp = codec::stamp(now);
    let id = super::ids::claim(conn, super::ids::Named::Person)?;
    conn.prepare_cached(
        "INSERT INTO person (name, role, team, relation, career_goals, context, prompts, reports_to, \
         created_at, updated_at, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?8, ?8, ?10)",
    )?
    .execute(params![
        fields.name,
        fields.role,
        fields.team,
        fields.relation.as_str(),
        fields.career_goals,
        fields.context,
        fields.prompts,
        stamp,
        fields.reports_to,
        id
    ])?;
    Ok(id)
}

/// Returns false if there is no such person.
pub fn update(
    conn: &Connection,
    id: i64,
    fields: &PersonFields,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached(
            "UPDATE person SET name = ?2, role = ?3, team = ?4, relation = ?5, career_goals = ?6, \
             context = ?7, prompts = ?8, updated_at = ?9, reports_to = ?10 WHERE id = ?1",
        )?
        .execute(params![
            id,
            fields.name,
            fields.role,
            fields.team,
            fields.relation.as_str(),
            fields.career_goals,
            fields.context,
            fields.prompts,
            codec::stamp(now),
            fields.reports_to
        ])?;
    Ok(changed > 0)
}

/// The people who report to `id` report to `id`'s own manager instead (to me, when `id` had
/// none), as an org does when a manager leaves. Returns how many moved.
pub fn hand_reports_up(conn: &Connection, id: i64) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE person SET reports_to = (SELECT reports_to FROM person WHERE id = ?1) \
             WHERE reports_to = ?1",
        )?
        .execute([id])?)
}

/// Deletes the person and, by cascade, their notes, topics, actions and 1:1 series.
pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM person WHERE id = ?1")?
        .execute([id])?
        > 0)
}
