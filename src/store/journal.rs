//! The change journal behind undo and the audit trail. While a store journals (the TUI's does),
//! every [`Store::write`] leaves one `change_log` row, in the same transaction, holding the
//! before and after image of each row it touched.
//!
//! Rows are seen by temporary triggers: they belong to this connection alone, so writes by other
//! processes (the CLI) are not journaled, and they need no schema change. They also fire for rows
//! changed by foreign-key actions (a cascade), which undo must put back too. (SQLite's session
//! extension would do the same, but rusqlite only offers it with bindgen, i.e. libclang at build.)

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError, codec, dump};

/// The tables whose rows undo can restore: all user data but the journal itself and `meta`.
/// The full-text index is not one of them: its triggers follow the rows undo puts back.
pub fn journaled_tables() -> impl Iterator<Item = &'static str> {
    dump::TABLES
        .iter()
        .copied()
        .filter(|t| !matches!(*t, "change_log" | "meta"))
}

/// One row as it was (or is): `row` is `None` when the row does not exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct RowImage {
    pub table: String,
    pub id: i64,
    pub row: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Store {
    /// Journals the writes that follow, stamped `now` (pass the time of each user action);
    /// `None` stops journaling.
    pub fn journal(&mut self, now: Option<NaiveDateTime>) -> Result<(), StoreError> {
        if now.is_some() && !self.journal_ready {
            install(&self.conn)?;
            self.journal_ready = true;
        }
        self.journal_at = now;
        Ok(())
    }
}

/// `json_object('id', p."id", …)` over every column of `table`, rows read through alias `p`.
pub(super) fn image_expr(conn: &Connection, table: &str, p: &str) -> Result<String, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let pairs = stmt
        .query_map([table], |r| r.get::<_, String>(0))?
        .map(|name| name.map(|n| format!("'{n}', {p}.\"{n}\"")))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(format!("json_object({})", pairs.join(", ")))
}

/// The row `id` of `table` as it is now.
pub(super) fn current(conn: &Connection, table: &str, id: i64) -> Result<RowImage, StoreError> {
    let expr = image_expr(conn, table, "t")?;
    let text: Option<String> = conn
        .query_row(
            &format!("SELECT {expr} FROM main.\"{table}\" AS t WHERE t.id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(RowImage {
        table: table.to_string(),
        id,
        row: text.map(|t| parse_row(&t)).transpose()?,
    })
}

fn parse_row(text: &str) -> Result<serde_json::Map<String, serde_json::Value>, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

/// A temporary table of the rows touched by the current write, each with its image before the
/// first touch, and the triggers that fill it.
fn install(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS journal_touch (
             seq     INTEGER PRIMARY KEY,
             tbl     TEXT NOT NULL,
             row_id  INTEGER NOT NULL,
             before  TEXT,
             UNIQUE (tbl, row_id)
         );",
    )?;
    for table in journaled_tables() {
        let old = image_expr(conn, table, "old")?;
        conn.execute_batch(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_ai AFTER INSERT ON main.{table} BEGIN
                 INSERT OR IGNORE INTO journal_touch (tbl, row_id, before) VALUES ('{table}', new.id, NULL);
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_au AFTER UPDATE ON main.{table} BEGIN
                 INSERT OR IGNORE INTO journal_touch (tbl, row_id, before) VALUES ('{table}', old.id, {old});
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS journal_{table}_ad AFTER DELETE ON main.{table} BEGIN
                 INSERT OR IGNORE INTO journal_touch (tbl, row_id, before) VALUES ('{table}', old.id, {old});
             END;"
        ))?;
    }
    Ok(())
}

/// Forgets what earlier transactions touched (undo's own changes land there too).
pub(super) fn begin(tx: &Transaction<'_>) -> Result<(), StoreError> {
    tx.execute("DELETE FROM temp.journal_touch", [])?;
    Ok(())
}

/// Writes the `change_log` row for what this transaction changed, if it changed anything; a new
/// change ends the redo chain (those entries stay as history, marked 2: undone for good).
pub(super) fn record(tx: &Transaction<'_>, now: NaiveDateTime) -> Result<(), StoreError> {
    let touched = {
        let mut stmt =
            tx.prepare("SELECT tbl, row_id, before FROM temp.journal_touch ORDER BY seq")?;
        stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut before = Vec::new();
    let mut after = Vec::new();
    for (table, id, old) in touched {
        let old = RowImage {
            table: table.clone(),
            id,
            row: old.as_deref().map(parse_row).transpose()?,
        };
        let new = current(tx, &table, id)?;
        if old != new {
            before.push(old);
            after.push(new);
        }
    }
    let (Some(first_old), Some(first_new)) = (before.first(), after.first()) else {
        return Ok(());
    };
    let verb = match (&first_old.row, &first_new.row) {
        (None, _) => "insert",
        (_, None) => "delete",
        _ => "update",
    };
    let entity = first_new.table.clone();
    let entity_id = first_new.id;
    let json = |images: &Vec<RowImage>| {
        serde_json::to_string(images)
            .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
    };
    tx.execute("UPDATE change_log SET undone = 2 WHERE undone = 1", [])?;
    tx.execute(
        "INSERT INTO change_log (at, action, entity, entity_id, before, after, undone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
        params![
            codec::stamp(now),
            format!("{verb} {entity}"),
            entity,
            entity_id,
            json(&before)?,
            json(&after)?
        ],
    )?;
    Ok(())
}
