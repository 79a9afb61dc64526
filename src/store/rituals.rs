//! Rows of `ritual` <-> `domain::ritual::Ritual`.

use chrono::{NaiveDateTime, Weekday};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, codec};
use crate::domain::ritual::{Ritual, RitualFields, parse_weekday_code, weekday_code};

const COLUMNS: &str = "id, name, rrule, dtstart, duration_min, week_start, person_id, attendees, \
                       agenda, prep_min, location, previous_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Ritual> {
    let week_start: String = row.get(5)?;
    Ok(Ritual {
        id: row.get(0)?,
        fields: RitualFields {
            name: row.get(1)?,
            rrule: row.get(2)?,
            dtstart: codec::get_date_time(row, 3)?,
            duration_min: row.get(4)?,
            week_start: parse_weekday_code(&week_start).unwrap_or(Weekday::Mon),
            person_id: row.get(6)?,
            attendees: row.get(7)?,
            agenda: row.get(8)?,
            prep_min: row.get(9)?,
            location: row.get(10)?,
        },
        previous_id: row.get(11)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Ritual>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ritual ORDER BY time(substr(dtstart, 12)), name COLLATE NOCASE, id"
    ))?;
    let rituals = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rituals)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Ritual>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM ritual WHERE id = ?1"))?;
    Ok(stmt.query_row([id], from_row).optional()?)
}

/// The 1:1 series linked to people, newest series last for each person.
pub fn one_on_ones(conn: &Connection) -> Result<Vec<Ritual>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ritual WHERE person_id IS NOT NULL ORDER BY person_id, dtstart, id"
    ))?;
    let rituals = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rituals)
}

pub fn insert(
    conn: &Connection,
    f: &RitualFields,
    previous_id: Option<i64>,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    let id = super::ids::claim(conn, super::ids::Named::Ritual)?;
    conn.prepare_cached(
        "INSERT INTO ritual (name, rrule, dtstart, duration_min, week_start, person_id, attendees, \
         agenda, prep_min, location, previous_id, created_at, updated_at, id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
    )?
    .execute(params![
        f.name,
        f.rrule,
        codec::date_time(f.dtstart),
        f.duration_min,
        weekday_code(f.week_start),
        f.person_id,
        f.attendees,
        f.agenda,
        f.prep_min,
        f.location,
        previous_id,
        codec::stamp(now),
        id
    ])?;
    Ok(id)
}

pub fn update(
    conn: &Connection,
    id: i64,
    f: &RitualFields,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached(
            "UPDATE ritual SET name = ?2, rrule = ?3, dtstart = ?4, duration_min = ?5, \
             week_start = ?6, person_id = ?7, attendees = ?8, agenda = ?9, prep_min = ?10, \
             location = ?11, updated_at = ?12 WHERE id = ?1",
        )?
        .execute(params![
            id,
            f.name,
            f.rrule,
            codec::date_time(f.dtstart),
            f.duration_min,
            weekday_code(f.week_start),
            f.person_id,
            f.attendees,
            f.agenda,
            f.prep_min,
            f.location,
            codec::stamp(now)
        ])?;
    Ok(changed > 0)
}

pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM ritual WHERE id = ?1")?
        .execute([id])?
        > 0)
}

/// The series that can have an occurrence in `[from, to)`: repeating ones started before `to`,
/// one-offs in the range, and any series with an occurrence moved into the range.
pub fn for_range(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<Ritual>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM ritual WHERE (rrule IS NOT NULL AND dtstart < ?2) \
         OR (dtstart >= ?1 AND dtstart < ?2) \
         OR id IN (SELECT ritual_id FROM occurrence WHERE moved_to >= ?1 AND moved_to < ?2) \
         ORDER BY id"
    ))?;
    let rituals = stmt
        .query_map(
            params![codec::day_start(from), codec::day_start(to)],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rituals)
}
