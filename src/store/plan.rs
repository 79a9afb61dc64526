//! Rows of `plan`, `goal` and `checkin`.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, codec};
use crate::domain::plan::{Checkin, Confidence, Goal, GoalFields, GoalMeasure, GoalStatus};

/// The plan's id and start date, if a plan was started.
pub fn get(conn: &Connection) -> Result<Option<(i64, NaiveDate)>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, start_date FROM plan ORDER BY id LIMIT 1")?;
    Ok(stmt
        .query_row([], |r| {
            let start: String = r.get(1)?;
            Ok((r.get(0)?, codec::parse_date(1, &start)?))
        })
        .optional()?)
}

/// Sets the start of the plan, creating it if needed; returns its id.
pub fn set_start(
    conn: &Connection,
    start: NaiveDate,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    if let Some((id, _)) = get(conn)? {
        conn.prepare_cached("UPDATE plan SET start_date = ?2 WHERE id = ?1")?
            .execute(params![id, codec::date(start)])?;
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO plan (start_date, created_at) VALUES (?1, ?2)")?
        .execute(params![codec::date(start), codec::stamp(now)])?;
    Ok(conn.last_insert_rowid())
}

const COLUMNS: &str = "id, phase, title, description, criteria, status, progress, confidence, due, \
     person_id, metric_id, metric_target";

fn goal_row(row: &Row<'_>) -> rusqlite::Result<Goal> {
    let status: String = row.get(5)?;
    let confidence: String = row.get(7)?;
    let due: Option<String> = row.get(8)?;
    Ok(Goal {
        id: row.get(0)?,
        fields: GoalFields {
            phase: row.get(1)?,
            title: row.get(2)?,
            description: row.get(3)?,
            criteria: row.get(4)?,
            status: GoalStatus::from_word(&status).unwrap_or(GoalStatus::Todo),
            progress: row.get(6)?,
            confidence: Confidence::parse(&confidence).unwrap_or(Confidence::OnTrack),
            due: due.map(|d| codec::parse_date(8, &d)).transpose()?,
            person_id: row.get(9)?,
            measure: row
                .get::<_, Option<i64>>(10)?
                .map(|metric_id| -> rusqlite::Result<GoalMeasure> {
                    Ok(GoalMeasure {
                        metric_id,
                        target: row.get(11)?,
                    })
                })
                .transpose()?,
        },
    })
}

/// Every goal, by phase and position.
pub fn goals(conn: &Connection) -> Result<Vec<Goal>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM goal ORDER BY phase, position, id"
    ))?;
    let rows = stmt
        .query_map([], goal_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Goals that may fall due in `[from, to)`: a due date inside it, or no due date and a phase in
/// `phases` (the phases ending inside it). Reads only those rows, whatever the plan's size.
pub fn goals_due_between(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    phases: &[u32],
) -> Result<Vec<Goal>, StoreError> {
    let phase_list = phases
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM goal WHERE (due >= ?1 AND due < ?2) \
         OR (due IS NULL AND phase IN ({phase_list})) ORDER BY phase, position, id"
    ))?;
    let rows = stmt
        .query_map(params![codec::date(from), codec::date(to)], goal_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn goal(conn: &Connection, id: i64) -> Result<Option<Goal>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM goal WHERE id = ?1"))?;
    Ok(stmt.query_row([id], goal_row).optional()?)
}

pub fn insert_goal(
    conn: &Connection,
    plan_id: i64,
    g: &GoalFields,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let id = super::ids::claim(conn, super::ids::Named::Goal)?;
    conn.prepare_cached(
        "INSERT INTO goal (plan_id, phase, title, description, criteria, status, progress, confidence, due, \
         person_id, position, created_at, updated_at, metric_id, metric_target, id) VALUES (?1, ?2, ?3, ?4, \
         ?5, ?6, ?7, ?8, ?9, ?10, (SELECT coalesce(max(position), 0) + 1 FROM goal WHERE phase = ?2), \
         ?11, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        plan_id,
        g.phase,
        g.title,
        g.description,
        g.criteria,
        g.status.as_str(),
        g.progress,
        g.confidence.as_str(),
        g.due.map(codec::date),
        g.person_id,
        codec::stamp(now),
        g.measure.map(|m| m.metric_id),
        g.measure.and_then(|m| m.target),
        id
    ])?;
    Ok(id)
}

pub fn update_goal(
    conn: &Connection,
    id: i64,
    g: &GoalFields,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE goal SET phase = ?2, title = ?3, description = ?4, criteria = ?5, status = ?6, \
             progress = ?7, confidence = ?8, due = ?9, person_id = ?10, updated_at = ?11, \
             metric_id = ?12, metric_target = ?13 WHERE id = ?1",
        )?
        .execute(params![
            id,
            g.phase,
            g.title,
            g.description,
            g.criteria,
            g.status.as_str(),
            g.progress,
            g.confidence.as_str(),
            g.due.map(codec::date),
            g.person_id,
            codec::stamp(now),
            g.measure.map(|m| m.metric_id),
            g.measure.and_then(|m| m.target)
        ])?
        > 0)
}

pub fn delete_goal(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM goal WHERE id = ?1")?
        .execute([id])?
        > 0)
}

pub fn insert_checkin(conn: &Connection, c: &Checkin) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO checkin (goal_id, date, kind, progress, confidence, note, metric_value) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        c.goal_id,
        codec::date(c.date),
        c.kind,
        c.progress,
        c.confidence.as_str(),
        c.note,
        c.metric_value
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Every check-in and roll-over, oldest first.
pub fn checkins(conn: &Connection) -> Result<Vec<Checkin>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, goal_id, date, kind, progress, confidence, note, metric_value FROM checkin \
         ORDER BY goal_id, date, id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let date: String = r.get(2)?;
            let confidence: String = r.get(5)?;
            Ok(Checkin {
                id: r.get(0)?,
                goal_id: r.get(1)?,
                date: codec::parse_date(2, &date)?,
                kind: r.get(3)?,
                progress: r.get(4)?,
                confidence: Confidence::parse(&confidence).unwrap_or(Confidence::OnTrack),
                note: r.get(6)?,
                metric_value: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
