//! Rows of `risk` and `risk_review` <-> `domain::risk::Risk` and its score history.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::{FromSqlError, Type, Value};
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use std::collections::HashMap;

use super::{StoreError, codec};
use crate::domain::risk::{Category, Response, Risk, RiskFields, RiskStatus};
use crate::domain::risk_score::{RiskScore, ScoreEntry};

const COLUMNS: &str = "id, title, category, likelihood, impact, owner, response, status, \
                       mitigation, trigger_text, next_review, residual_likelihood, \
                       residual_impact, accept_reason, accept_expiry, owner_id";

fn bad_score(column: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        Type::Integer,
        Box::new(FromSqlError::Other(
            "likelihood and impact must be 1 to 5".into(),
        )),
    )
}

fn score(row: &Row<'_>, l: usize, i: usize) -> rusqlite::Result<RiskScore> {
    RiskScore::new(row.get(l)?, row.get(i)?).map_err(|_| bad_score(l))
}

fn optional_date(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| codec::parse_date(column, &t)).transpose()
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Risk> {
    let category: String = row.get(2)?;
    let response: String = row.get(6)?;
    let status: String = row.get(7)?;
    let residual_l: Option<i64> = row.get(11)?;
    let residual_i: Option<i64> = row.get(12)?;
    let residual = match (residual_l, residual_i) {
        (Some(l), Some(i)) => Some(RiskScore::new(l, i).map_err(|_| bad_score(11))?),
        _ => None,
    };
    Ok(Risk {
        id: row.get(0)?,
        fields: RiskFields {
            title: row.get(1)?,
            // The table's CHECK constraints keep these to the known words.
            category: Category::parse(&category).unwrap_or(Category::Other),
            score: score(row, 3, 4)?,
            owner: row.get(5)?,
            response: Response::parse(&response).unwrap_or(Response::Mitigate),
            status: RiskStatus::parse(&status).unwrap_or(RiskStatus::Open),
            mitigation: row.get(8)?,
            trigger: row.get(9)?,
            next_review: optional_date(row, 10)?,
            residual,
            accept_reason: row.get(13)?,
            accept_expiry: optional_date(row, 14)?,
            owner_id: row.get(15)?,
        },
        history: Vec::new(),
    })
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<ScoreEntry> {
    let date: String = row.get(1)?;
    Ok(ScoreEntry {
        date: codec::parse_date(1, &date)?,
        score: score(row, 2, 3)?,
        note: row.get(4)?,
    })
}

/// Every risk with its history, by id.
pub fn list(conn: &Connection) -> Result<Vec<Risk>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM risk ORDER BY id"))?;
    let mut risks = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut history = all_history(conn)?;
    for risk in &mut risks {
        risk.history = history.remove(&risk.id).unwrap_or_default();
    }
    Ok(risks)
}

/// One risk with its history.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Risk>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM risk WHERE id = ?1"))?;
    let Some(mut risk) = stmt.query_row([id], from_row).optional()? else {
        return Ok(None);
    };
    risk.history = history(conn, id)?;
    Ok(Some(risk))
}

/// A risk's scores, oldest first.
pub fn history(conn: &Connection, id: i64) -> Result<Vec<ScoreEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT risk_id, date, likelihood, impact, note FROM risk_review \
         WHERE risk_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt
        .query_map([id], entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every risk's history in one query (one per risk would be a thousand for a large register).
fn all_history(conn: &Connection) -> Result<HashMap<i64, Vec<ScoreEntry>>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT risk_id, date, likelihood, impact, note FROM risk_review ORDER BY risk_id, date, id",
    )?;
    let mut by_risk: HashMap<i64, Vec<ScoreEntry>> = HashMap::new();
    let rows = stmt.query_map([], |row| Ok((row.get::<_, i64>(0)?, entry_from_row(row)?)))?;
    for row in rows {
        let (id, entry) = row?;
        by_risk.entry(id).or_default().push(entry);
    }
    Ok(by_risk)
}

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(codec::date)
}

/// The stored columns of `f`, in the order `FIELD_COLUMNS` names them (for insert and update alike).
fn field_values(f: &RiskFields) -> [Value; 15] {
    [
        f.title.clone().into(),
        f.category.as_str().to_string().into(),
        i64::from(f.score.likelihood).into(),
        i64::from(f.score.impact).into(),
        f.owner.clone().into(),
        f.response.as_str().to_string().into(),
        f.status.as_str().to_string().into(),
        f.mitigation.clone().into(),
        f.trigger.clone().into(),
        date_text(f.next_review).into(),
        f.residual.map(|r| i64::from(r.likelihood)).into(),
        f.residual.map(|r| i64::from(r.impact)).into(),
        f.accept_reason.clone().into(),
        date_text(f.accept_expiry).into(),
        f.owner_id.into(),
    ]
}

const FIELD_COLUMNS: [&str; 15] = [
    "title",
    "category",
    "likelihood",
    "impact",
    "owner",
    "response",
    "status",
    "mitigation",
    "trigger_text",
    "next_review",
    "residual_likelihood",
    "residual_impact",
    "accept_reason",
    "accept_expiry",
    "owner_id",
];

pub fn insert(conn: &Connection, f: &RiskFields, now: NaiveDateTime) -> Result<i64, StoreError> {
    // ?1..?15 the fields, ?16 the time stamp, ?17 the id.
    let id = super::ids::claim(conn, super::ids::Named::Risk)?;
    let marks: Vec<String> = (1..=FIELD_COLUMNS.len()).map(|i| format!("?{i}")).collect();
    conn.prepare_cached(&format!(
        "INSERT INTO risk ({}, created_at, updated_at, id) VALUES ({}, ?16, ?16, ?17)",
        FIELD_COLUMNS.join(", "),
        marks.join(", ")
    ))?
    .execute(params_from_iter(
        field_values(f)
            .into_iter()
            .chain([Value::from(codec::stamp(now)), Value::from(id)]),
    ))?;
    Ok(id)
}

/// Returns false if there is no such risk.
pub fn update(
    conn: &Connection,
    id: i64,
    f: &RiskFields,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    // ?1..?15 the fields, ?16 the time stamp, ?17 the id.
    let sets: Vec<String> = FIELD_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let changed = conn
        .prepare_cached(&format!(
            "UPDATE risk SET {}, updated_at = ?16 WHERE id = ?17",
            sets.join(", ")
        ))?
        .execute(params_from_iter(
            field_values(f)
                .into_iter()
                .chain([Value::from(codec::stamp(now)), Value::from(id)]),
        ))?;
    Ok(changed > 0)
}

/// Adds one entry to a risk's score history.
pub fn insert_entry(conn: &Connection, id: i64, entry: &ScoreEntry) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO risk_review (risk_id, date, likelihood, impact, note) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id,
        codec::date(entry.date),
        entry.score.likelihood,
        entry.score.impact,
        entry.note
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The risks `person_id` owns, by id.
pub fn owned_by(conn: &Connection, person_id: i64) -> Result<Vec<Risk>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM risk WHERE owner_id = ?1 ORDER BY id"
    ))?;
    let mut risks = stmt
        .query_map([person_id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for risk in &mut risks {
        risk.history = history(conn, risk.id)?;
    }
    Ok(risks)
}

/// A renamed person's risks take their new name as the owner's text.
pub fn rename_owner(conn: &Connection, person_id: i64, name: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE risk SET owner = ?2 WHERE owner_id = ?1 AND owner <> ?2")?
        .execute(params![person_id, name])?;
    Ok(())
}

/// Deletes the risk and, by cascade, its history.
pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM risk WHERE id = ?1")?
        .execute([id])?
        > 0)
}

/// Ids of risks added in `[from, to)` and of closed risks last changed then (when they were
/// closed, unless edited again since).
pub fn opened_and_closed_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<i64>, Vec<i64>), StoreError> {
    let (from, to) = (codec::day_start(from), codec::day_start(to));
    let ids = |sql: &str| -> Result<Vec<i64>, StoreError> {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params![from, to], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(rows)
    };
    Ok((
        ids("SELECT id FROM risk WHERE created_at >= ?1 AND created_at < ?2 ORDER BY id")?,
        ids(
            "SELECT id FROM risk WHERE status = 'closed' AND updated_at >= ?1 \
             AND updated_at < ?2 ORDER BY id",
        )?,
    ))
}
