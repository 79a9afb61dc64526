//! Rows of `decision` and `decision_person` <-> `domain::decision::Decision`.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

use super::{StoreError, codec};
use crate::domain::Word;
use crate::domain::decision::{Decision, DecisionFields, DecisionRole, DecisionStatus};

const COLUMNS: &str =
    "id, title, date, status, context, decision, consequences, occurrence_id, superseded_by";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Decision> {
    let date: String = row.get(2)?;
    let status: String = row.get(3)?;
    Ok(Decision {
        id: row.get(0)?,
        fields: DecisionFields {
            title: row.get(1)?,
            date: codec::parse_date(2, &date)?,
            // The table's CHECK keeps it to the known words.
            status: DecisionStatus::from_word(&status).unwrap_or(DecisionStatus::Proposed),
            context: row.get(4)?,
            decision: row.get(5)?,
            consequences: row.get(6)?,
            occurrence_id: row.get(7)?,
            superseded_by: row.get(8)?,
        },
        decided_by: Vec::new(),
        consulted: Vec::new(),
        supersedes: Vec::new(),
    })
}

/// Fills in the people and the records each one superseded, in two queries for all.
fn complete(conn: &Connection, decisions: &mut [Decision]) -> Result<(), StoreError> {
    let mut people: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT decision_id, person_id, role FROM decision_person ORDER BY decision_id, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (decision, person, role) = row?;
        people.entry(decision).or_default().push((person, role));
    }
    let mut replaced: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT superseded_by, id FROM decision WHERE superseded_by IS NOT NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (by, old) = row?;
        replaced.entry(by).or_default().push(old);
    }
    for d in decisions {
        for (person, role) in people.remove(&d.id).unwrap_or_default() {
            match DecisionRole::from_word(&role) {
                Some(DecisionRole::Decided) => d.decided_by.push(person),
                _ => d.consulted.push(person),
            }
        }
        d.supersedes = replaced.remove(&d.id).unwrap_or_default();
    }
    Ok(())
}

/// Every decision, newest first (by date, then number).
pub fn list(conn: &Connection) -> Result<Vec<Decision>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM decision ORDER BY date DESC, id DESC"
    ))?;
    let mut all = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    complete(conn, &mut all)?;
    Ok(all)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Decision>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM decision WHERE id = ?1"))?;
    let Some(d) = stmt.query_row([id], from_row).optional()? else {
        return Ok(None);
    };
    let mut one = [d];
    complete(conn, &mut one)?;
    let [d] = one;
    Ok(Some(d))
}

/// Decisions made in one meeting (an occurrence), oldest first.
pub fn of_occurrence(conn: &Connection, occurrence_id: i64) -> Result<Vec<Decision>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM decision WHERE occurrence_id = ?1 ORDER BY id"
    ))?;
    let mut all = stmt
        .query_map([occurrence_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    complete(conn, &mut all)?;
    Ok(all)
}

pub fn insert(
    conn: &Connection,
    f: &DecisionFields,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO decision (title, date, status, context, decision, consequences, \
         occurrence_id, superseded_by, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        f.title,
        codec::date(f.date),
        f.status.as_str(),
        f.context,
        f.decision,
        f.consequences,
        f.occurrence_id,
        f.superseded_by,
        codec::stamp(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes every field (status and successor included). False: no such decision.
pub fn update(
    conn: &Connection,
    id: i64,
    f: &DecisionFields,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE decision SET title = ?2, date = ?3, status = ?4, context = ?5, \
             decision = ?6, consequences = ?7, occurrence_id = ?8, superseded_by = ?9, \
             updated_at = ?10 WHERE id = ?1",
        )?
        .execute(params![
            id,
            f.title,
            codec::date(f.date),
            f.status.as_str(),
            f.context,
            f.decision,
            f.consequences,
            f.occurrence_id,
            f.superseded_by,
            codec::stamp(now)
        ])?
        > 0)
}

/// Replaces the people named on a decision in one role.
pub fn set_people(
    conn: &Connection,
    id: i64,
    role: DecisionRole,
    people: &[i64],
) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM decision_person WHERE decision_id = ?1 AND role = ?2")?
        .execute(params![id, role.as_str()])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO decision_person (decision_id, person_id, role) VALUES (?1, ?2, ?3) \
         ON CONFLICT (decision_id, person_id) DO UPDATE SET role = excluded.role",
    )?;
    for person in people {
        insert.execute(params![id, person, role.as_str()])?;
    }
    Ok(())
}

/// The records `id` superseded stand again (accepted), before `id` is deleted.
pub fn release_superseded(conn: &Connection, id: i64) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE decision SET superseded_by = NULL, status = CASE status \
             WHEN 'superseded' THEN 'accepted' ELSE status END WHERE superseded_by = ?1",
        )?
        .execute([id])?)
}

/// Deletes the decision and, by cascade, who was on it; records it superseded lose the link.
pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM decision WHERE id = ?1")?
        .execute([id])?
        > 0)
}
