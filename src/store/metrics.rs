//! Rows of `metric` and `metric_value` <-> `domain::metric`.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, codec};
use crate::domain::metric::{
    Cadence, Direction, Metric, MetricFields, MetricGroup, MetricValue, Unit, Warn,
};
use crate::domain::ritual::{parse_weekday_code, weekday_code};

const COLUMNS: &str = "id, name, unit, direction, target, warn, warn_band, cadence, week_start, \
                       owner_id, source, team, metric_group, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Metric> {
    let word = |i: usize| row.get::<_, String>(i);
    let warn: Option<f64> = row.get(5)?;
    let band: bool = row.get(6)?;
    let created: String = row.get(13)?;
    Ok(Metric {
        id: row.get(0)?,
        fields: MetricFields {
            name: row.get(1)?,
            // The table's CHECK constraints keep these to the known words.
            unit: Unit::from_word(&word(2)?).unwrap_or(Unit::Count),
            direction: Direction::from_word(&word(3)?).unwrap_or(Direction::Up),
            target: row.get(4)?,
            warn: warn.map(|w| if band { Warn::Band(w) } else { Warn::At(w) }),
            cadence: Cadence::from_word(&word(7)?).unwrap_or(Cadence::Weekly),
            week_start: parse_weekday_code(&word(8)?).unwrap_or(chrono::Weekday::Mon),
            owner_id: row.get(9)?,
            source: row.get(10)?,
            team: row.get(11)?,
            group: MetricGroup::from_word(&word(12)?).unwrap_or(MetricGroup::Other),
        },
        created: codec::parse_date_time(13, &created)?.date(),
    })
}

/// Every metric, in the order they were added.
pub fn list(conn: &Connection) -> Result<Vec<Metric>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM metric ORDER BY position, id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Metric>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM metric WHERE id = ?1"))?;
    Ok(stmt.query_row([id], from_row).optional()?)
}

/// The metric called `name`, ignoring case.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Metric>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM metric WHERE name = ?1 COLLATE NOCASE"
    ))?;
    Ok(stmt.query_row([name], from_row).optional()?)
}

fn warn_columns(f: &MetricFields) -> (Option<f64>, bool) {
    match f.warn {
        None => (None, false),
        Some(Warn::At(at)) => (Some(at), false),
        Some(Warn::Band(band)) => (Some(band), true),
    }
}

pub fn insert(conn: &Connection, f: &MetricFields, now: NaiveDateTime) -> Result<i64, StoreError> {
    let (warn, band) = warn_columns(f);
    conn.prepare_cached(
        "INSERT INTO metric (name, unit, direction, target, warn, warn_band, cadence, week_start, \
         owner_id, source, team, metric_group, position, created_at, updated_at) VALUES \
         (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \
         (SELECT coalesce(max(position), 0) + 1 FROM metric), ?13, ?13)",
    )?
    .execute(params![
        f.name,
        f.unit.as_str(),
        f.direction.as_str(),
        f.target,
        warn,
        band,
        f.cadence.as_str(),
        weekday_code(f.week_start),
        f.owner_id,
        f.source,
        f.team,
        f.group.as_str(),
        codec::stamp(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(
    conn: &Connection,
    id: i64,
    f: &MetricFields,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let (warn, band) = warn_columns(f);
    Ok(conn
        .prepare_cached(
            "UPDATE metric SET name = ?2, unit = ?3, direction = ?4, target = ?5, warn = ?6, \
             warn_band = ?7, cadence = ?8, week_start = ?9, owner_id = ?10, source = ?11, \
             team = ?12, metric_group = ?13, updated_at = ?14 WHERE id = ?1",
        )?
        .execute(params![
            id,
            f.name,
            f.unit.as_str(),
            f.direction.as_str(),
            f.target,
            warn,
            band,
            f.cadence.as_str(),
            weekday_code(f.week_start),
            f.owner_id,
            f.source,
            f.team,
            f.group.as_str(),
            codec::stamp(now)
        ])?
        > 0)
}

pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM metric WHERE id = ?1")?
        .execute([id])?
        > 0)
}

const VALUE_COLUMNS: &str = "id, metric_id, period, value, note";

fn value_row(row: &Row<'_>) -> rusqlite::Result<MetricValue> {
    let period: String = row.get(2)?;
    Ok(MetricValue {
        id: row.get(0)?,
        metric_id: row.get(1)?,
        period: codec::parse_date(2, &period)?,
        value: row.get(3)?,
        note: row.get(4)?,
    })
}

fn value_rows(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<MetricValue>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(args, value_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every value of every metric, by metric and period.
pub fn all_values(conn: &Connection) -> Result<Vec<MetricValue>, StoreError> {
    value_rows(
        conn,
        &format!("SELECT {VALUE_COLUMNS} FROM metric_value ORDER BY metric_id, period, id"),
        [],
    )
}

/// The values of metric `id`, oldest first.
pub fn values(conn: &Connection, id: i64) -> Result<Vec<MetricValue>, StoreError> {
    value_rows(
        conn,
        &format!(
            "SELECT {VALUE_COLUMNS} FROM metric_value WHERE metric_id = ?1 ORDER BY period, id"
        ),
        [id],
    )
}

/// The values of metric `id` dated in `[from, to)`: those of one period (more than one only if
/// its weeks were read with another first day).
pub fn values_between(
    conn: &Connection,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MetricValue>, StoreError> {
    value_rows(
        conn,
        &format!(
            "SELECT {VALUE_COLUMNS} FROM metric_value WHERE metric_id = ?1 AND period >= ?2 \
             AND period < ?3 ORDER BY period, id"
        ),
        params![id, codec::date(from), codec::date(to)],
    )
}

pub fn insert_value(
    conn: &Connection,
    metric_id: i64,
    period: NaiveDate,
    value: f64,
    note: &str,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO metric_value (metric_id, period, value, note, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![
        metric_id,
        codec::date(period),
        value,
        note,
        codec::stamp(now)
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn update_value(
    conn: &Connection,
    id: i64,
    period: NaiveDate,
    value: f64,
    note: &str,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE metric_value SET period = ?2, value = ?3, note = ?4, updated_at = ?5 \
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            codec::date(period),
            value,
            note,
            codec::stamp(now)
        ])?
        > 0)
}

pub fn delete_value(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM metric_value WHERE id = ?1")?
        .execute([id])?
        > 0)
}

pub fn value(conn: &Connection, id: i64) -> Result<Option<MetricValue>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {VALUE_COLUMNS} FROM metric_value WHERE id = ?1"
    ))?;
    Ok(stmt.query_row([id], value_row).optional()?)
}
