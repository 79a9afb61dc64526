//! The change journal behind undo and the audit trail. While a store journals (the TUI's does),
//! every [`Store::write`] leaves one `change_log` row, in the same transaction, holding the
//! before and after image of each row it touched and the session (window) that made it.
//!
//! Rows are seen by temporary triggers: they belong to this connection alone, so writes by other
//! processes (the CLI) are not journaled, and they need no schema change. They also fire for rows
//! changed by foreign-key actions (a cascade), which is how undo learns what it would really
//! touch. (SQLite's session extension would do the same, but rusqlite only offers it with
//! bindgen, i.e. libclang at build.)

pub mod image;
pub mod tables;

use chrono::NaiveDateTime;
use rusqlite::{Connection, Transaction, params};

use super::{Store, StoreError, codec};
use image::Image;

/// The names of the tables whose rows undo can restore.
pub fn journaled_tables() -> impl Iterator<Item = &'static str> {
    tables::TABLES.iter().map(|t| t.name)
}

impl Store {
    /// Journals the writes that follow, stamped `now` (pass the time of each user action);
    /// `None` stops journaling. The triggers that see the writes are made at the first write:
    /// a cockpit that only reads, and a command that refuses its input, never parse them.
    pub fn journal(&mut self, now: Option<NaiveDateTime>) -> Result<(), StoreError> {
        self.journal_at = now;
        Ok(())
    }

    /// Journals the writes that follow as the command line's: stamped `now`, under a session of
    /// their own marked as the CLI's (`bearing history` says so). No window can undo them: undo
    /// takes only its own session's entries.
    pub fn journal_as_command(&mut self, now: NaiveDateTime) -> Result<(), StoreError> {
        self.session = format!("{CLI_SESSION}{}", &new_session()[1..]);
        self.journal(Some(now))
    }

    /// This store's session: its journal entries carry it, and only they are its to undo.
    pub fn session(&self) -> &str {
        &self.session
    }

    /// Makes sure the journal's triggers see this connection's writes.
    pub(super) fn watch(&mut self) -> Result<(), StoreError> {
        if !self.journal_ready {
            install(&self.conn)?;
            self.journal_ready = true;
        }
        Ok(())
    }
}

/// The first letter of a session id: `w` for a cockpit window, `c` for a command.
pub const CLI_SESSION: &str = "c";

/// A new group name for [`Store::write_in_group`]: as unique as a session id.
pub fn new_group() -> String {
    format!("g{}", &new_session()[1..])
}

/// A new session id: 128 random bits. `RandomState` is seeded from the operating system's
/// random source once per process, so ids are not reused across processes or restarts.
pub(super) fn new_session() -> String {
    use std::hash::{BuildHasher, Hasher};
    let half = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u32(std::process::id());
        h.finish()
    };
    format!("w{:016x}{:016x}", half(1), half(2))
}

/// A temporary table of the rows touched by the current write, each with its image before the
/// first touch, and the triggers that fill it. Updates and deletes are seen BEFORE they happen,
/// so a row comes before the rows its delete cascades to. Every name in this SQL comes from
/// [`tables::TABLES`].
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
    for table in tables::TABLES {
        let name = table.name;
        let old = table.image_expr("old");
        conn.execute_batch(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS journal_{name}_ai AFTER INSERT ON main.\"{name}\" BEGIN
                 INSERT OR IGNORE INTO journal_touch (tbl, row_id, before) VALUES ('{name}', new.id, NULL);
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS journal_{name}_bu BEFORE UPDATE ON main.\"{name}\" BEGIN
                 INSERT OR IGNORE INTO journal_touch (tbl, row_id, before) VALUES ('{name}', old.id, {old});
             END;
             CREATE TEMP TRIGGER IF NOT EXISTS journal_{name}_bd BEFORE DELETE ON main.\"{name}\" BEGIN
                 INSERT OR IGNORE INTO journal_touch (tbl, row_id, before) VALUES ('{name}', old.id, {old});
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

/// Every row touched since [`begin`], in the order first touched: its image before and now.
/// One query per journaled table reads the images now of all its touched rows (a person deleted
/// with ten years of notes touches ~9,500), instead of one query per row.
pub(super) fn touched(tx: &Transaction<'_>) -> Result<Vec<(Image, Image)>, StoreError> {
    type Touched = (
        i64,
        &'static tables::Table,
        i64,
        Option<String>,
        Option<String>,
    );
    let mut rows: Vec<Touched> = Vec::new();
    for table in tables::TABLES {
        // The names come from the closed set; the triggers write no other.
        let sql = format!(
            "SELECT j.seq, j.row_id, j.before, CASE WHEN t.id IS NULL THEN NULL ELSE {} END
             FROM temp.journal_touch AS j LEFT JOIN main.\"{}\" AS t ON t.id = j.row_id
             WHERE j.tbl = ?1",
            table.image_expr("t"),
            table.name
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let found = stmt.query_map([table.name], |r| {
            Ok((r.get(0)?, table, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        for row in found {
            rows.push(row?);
        }
    }
    rows.sort_by_key(|row| row.0);
    rows.into_iter()
        .map(|(_, table, id, before, now)| {
            Ok((
                image::stored_row(table, id, before.as_deref())?,
                image::stored_row(table, id, now.as_deref())?,
            ))
        })
        .collect()
}

/// Writes the `change_log` row for what this transaction changed, if it changed anything; a new
/// change ends this session's redo chain (those entries stay as history, marked 2: undone for
/// good). Other sessions' entries are theirs and stay as they are.
pub(super) fn record(
    tx: &Transaction<'_>,
    now: NaiveDateTime,
    session: &str,
    group: Option<&str>,
) -> Result<(), StoreError> {
    let changed: Vec<(Image, Image)> = touched(tx)?
        .into_iter()
        .filter(|(old, new)| old != new)
        .collect();
    // The entry is named for the object the user saved: a form's links are written with it
    // (often first), and so is the record a meeting gets when a decision is placed at it; they
    // name the entry only when nothing else changed.
    let Some(first) = changed
        .iter()
        .find(|(old, new)| !written_along(old, new))
        .or_else(|| changed.first())
    else {
        return Ok(());
    };
    // A row of the same table deleted after the first was changed is what the user did:
    // deleting decision 4 first releases decision 3, which it had superseded. (A row added
    // after one changed is not: a ritual's new times end the old series, then add the new.)
    let (first_old, first_new) = match (&first.0.row, &first.1.row) {
        (Some(_), Some(_)) => changed
            .iter()
            .find(|(old, new)| {
                new.table.name == first.1.table.name && old.row.is_some() && new.row.is_none()
            })
            .unwrap_or(first),
        _ => first,
    };
    let verb = match (&first_old.row, &first_new.row) {
        (None, _) => "insert",
        (_, None) => "delete",
        _ => "update",
    };
    let entity = first_new.table.name;
    let before: Vec<&Image> = changed.iter().map(|(old, _)| old).collect();
    let after: Vec<&Image> = changed.iter().map(|(_, new)| new).collect();
    tx.execute(
        "UPDATE change_log SET undone = 2 WHERE undone = 1 AND session = ?1",
        [session],
    )?;
    // Numbered above every entry there has been: a window remembers by number the entries
    // whose undo it refused, and must not take a new one for one of them.
    let id = super::ids::claim(tx, super::ids::Named::Change)?;
    tx.execute(
        "INSERT INTO change_log (id, at, action, entity, entity_id, before, after, undone,
                                 session, step_group)
         VALUES (?9, ?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8)",
        params![
            codec::stamp(now),
            format!("{verb} {entity}"),
            entity,
            first_new.id,
            image::to_text(&before)?,
            image::to_text(&after)?,
            session,
            group,
            id
        ],
    )?;
    Ok(())
}

/// Whether a row is written along with the object the user saved rather than being it: a link,
/// or a meeting's record made only to be referred to (still scheduled, as `decision add --ritual
/// --on` makes one). A 1:1 written up makes its record held: that one is what the user saved.
fn written_along(old: &Image, new: &Image) -> bool {
    match new.table.name {
        "link" => true,
        "occurrence" => old.row.is_none() && new.value("status") == Some(&"scheduled".into()),
        _ => false,
    }
}

#[cfg(test)]
#[path = "journal_tests.rs"]
mod tests;
