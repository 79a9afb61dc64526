//! Undo and redo over the change journal: put every row of an entry back to its before (or
//! after) image in one transaction, refusing when another process changed those rows since.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params_from_iter};
use serde::Deserialize;

use super::journal::{self, RowImage};
use super::{Store, StoreError, dump};

/// One journaled change, for the status bar and the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub id: i64,
    /// When it was made: `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    /// What it did, e.g. "update risk".
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    /// 0: in effect; 1: undone (redo can bring it back); 2: undone and past redo.
    pub undone: i64,
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Applied(Change),
    /// The journal holds nothing to undo (or redo).
    Nothing,
    /// The rows were changed since by another process; nothing was changed.
    Conflict(Change),
}

const CHANGE_COLUMNS: &str = "id, at, action, entity, entity_id, undone";

fn change(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    Ok(Change {
        id: r.get(0)?,
        at: r.get(1)?,
        action: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        undone: r.get(5)?,
    })
}

/// The latest changes, newest first.
pub fn recent(store: &Store, limit: u32) -> Result<Vec<Change>, StoreError> {
    let mut stmt = store.conn.prepare(&format!(
        "SELECT {CHANGE_COLUMNS} FROM change_log ORDER BY id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit], change)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Reverts the latest change still in effect.
pub fn undo(store: &mut Store) -> Result<Step, StoreError> {
    step(store, "WHERE undone = 0 ORDER BY id DESC", Direction::Back)
}

/// Re-applies the change undone last, unless a new change came after it.
pub fn redo(store: &mut Store) -> Result<Step, StoreError> {
    step(store, "WHERE undone = 1 ORDER BY id", Direction::Forward)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Back,
    Forward,
}

fn step(store: &mut Store, pick: &str, direction: Direction) -> Result<Step, StoreError> {
    if let Some(e) = store.read_only_error() {
        return Err(e);
    }
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = tx
        .query_row(
            &format!("SELECT {CHANGE_COLUMNS}, before, after FROM change_log {pick} LIMIT 1"),
            [],
            |r| Ok((change(r)?, r.get::<_, String>(6)?, r.get::<_, String>(7)?)),
        )
        .optional()?;
    let Some((entry, before, after)) = found else {
        return Ok(Step::Nothing);
    };
    let before: Vec<RowImage> = parse(&before)?;
    let after: Vec<RowImage> = parse(&after)?;
    let mut pairs: Vec<(&RowImage, &RowImage)> = match direction {
        Direction::Back => after.iter().zip(before.iter()).rev().collect(),
        Direction::Forward => before.iter().zip(after.iter()).collect(),
    };
    // Parents and children may come back in any order; the keys are checked at commit.
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    for (expected, target) in pairs.drain(..) {
        if !restore(&tx, expected, target)? {
            // Dropping the transaction rolls back what was already put back.
            return Ok(Step::Conflict(entry));
        }
    }
    let undone = if direction == Direction::Back { 1 } else { 0 };
    tx.execute(
        "UPDATE change_log SET undone = ?1 WHERE id = ?2",
        [undone, entry.id],
    )?;
    tx.commit()?;
    Ok(Step::Applied(Change { undone, ..entry }))
}

fn parse<T: for<'a> Deserialize<'a>>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

/// Sets the row to `target` if it is still as `expected` (or already as `target`); false when
/// someone else changed it.
fn restore(
    tx: &Transaction<'_>,
    expected: &RowImage,
    target: &RowImage,
) -> Result<bool, StoreError> {
    let now = journal::current(tx, &target.table, target.id)?;
    if now.row == target.row {
        return Ok(true);
    }
    if now.row != expected.row {
        return Ok(false);
    }
    let table = &target.table;
    match &target.row {
        None => {
            tx.execute(
                &format!("DELETE FROM main.\"{table}\" WHERE id = ?1"),
                [target.id],
            )?;
        }
        Some(row) => {
            let values = row
                .values()
                .map(|v| dump::from_json(v).ok_or_else(|| bad_value(table)))
                .collect::<Result<Vec<_>, _>>()?;
            let names: Vec<String> = row.keys().map(|k| format!("\"{k}\"")).collect();
            let sql = if now.row.is_some() {
                let sets: Vec<String> = names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| format!("{n} = ?{}", i + 1))
                    .collect();
                format!(
                    "UPDATE main.\"{table}\" SET {} WHERE id = ?{}",
                    sets.join(", "),
                    names.len() + 1
                )
            } else {
                let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
                format!(
                    "INSERT INTO main.\"{table}\" ({}) VALUES ({})",
                    names.join(", "),
                    marks.join(", ")
                )
            };
            let mut params = values;
            if now.row.is_some() {
                params.push(rusqlite::types::Value::Integer(target.id));
            }
            tx.execute(&sql, params_from_iter(params))?;
        }
    }
    Ok(true)
}

fn bad_value(table: &str) -> StoreError {
    StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(
        format!("the journal holds a value no column of {table} can take").into(),
    ))
}
