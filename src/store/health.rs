//! Rows of `health_read` (private health reads of a person).

use rusqlite::{Connection, Row, params};

use super::{StoreError, codec};
use crate::domain::Word;
use crate::domain::health::{FlightRisk, HealthFields, HealthRead};

fn from_row(row: &Row<'_>) -> rusqlite::Result<HealthRead> {
    let date: String = row.get(2)?;
    let risk: String = row.get(4)?;
    Ok(HealthRead {
        id: row.get(0)?,
        person_id: row.get(1)?,
        date: codec::parse_date(2, &date)?,
        morale: row.get(3)?,
        flight_risk: FlightRisk::from_word(&risk).unwrap_or(FlightRisk::Medium),
        note: row.get(5)?,
    })
}

/// A person's reads, newest first.
pub fn for_person(conn: &Connection, person_id: i64) -> Result<Vec<HealthRead>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person_id, date, morale, flight_risk, note FROM health_read \
         WHERE person_id = ?1 ORDER BY date DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([person_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn insert(conn: &Connection, person_id: i64, fields: &HealthFields) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO health_read (person_id, date, morale, flight_risk, note) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        person_id,
        codec::date(fields.date),
        fields.morale,
        fields.flight_risk.as_str(),
        fields.note
    ])?;
    Ok(conn.last_insert_rowid())
}

/// A person's newest read, if any.
pub fn latest(conn: &Connection, person_id: i64) -> Result<Option<HealthRead>, StoreError> {
    Ok(for_person(conn, person_id)?.into_iter().next())
}
