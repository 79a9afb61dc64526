//! Forward-only, numbered migrations tracked in `PRAGMA user_version`. Append; never edit one that
//! has shipped.

use rusqlite::Connection;
use std::path::Path;

use super::StoreError;

pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_indexes.sql"),
    include_str!("migrations/003_journal_session.sql"),
    include_str!("migrations/004_calendar_rules.sql"),
    include_str!("migrations/005_links.sql"),
    include_str!("migrations/006_search_by_row.sql"),
    include_str!("migrations/007_metrics.sql"),
    include_str!("migrations/008_org.sql"),
    include_str!("migrations/009_decisions.sql"),
    include_str!("migrations/010_search_meetings.sql"),
    include_str!("migrations/011_sliced_delete.sql"),
    include_str!("migrations/012_first_screen_indexes.sql"),
    include_str!("migrations/013_search_terms.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the rows of a JSON export written at schema `version` to what the latest schema
/// means by them, as the migrations do for a database: a row's columns are loaded by name, so
/// only a change of meaning needs a step here.
pub fn upgrade_rows(version: i64, tables: &mut super::dump::Tables) {
    if version < 4 {
        // Migration 4: calendar rows were happenings; their rule was a note, not to expand.
        for row in tables.get_mut("calendar_event").into_iter().flatten() {
            row.insert("rrule".into(), rusqlite::types::Value::Null);
        }
    }
}

/// Whether the database holds no table, index, trigger or view.
fn is_empty(conn: &Connection) -> Result<bool, StoreError> {
    let count: i64 = conn.query_row("SELECT count(*) FROM main.sqlite_schema", [], |r| r.get(0))?;
    Ok(count == 0)
}

pub(super) fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

pub(super) fn too_new(path: &Path, found: i64) -> StoreError {
    StoreError::TooNew {
        path: path.to_path_buf(),
        found,
        supported: LATEST_VERSION,
    }
}

/// Applies the missing migrations one transaction each. The version is re-read under the write
/// lock, so two instances starting at once cannot both apply the same step. A file that holds
/// nothing yet (version 0, no object) is made at the latest version at once,
/// from the written-down schema ([`super::schema::latest_statements`]).
pub(super) fn migrate(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    // Up to date (every open but the first after an upgrade): no write lock to wait for, which
    // beside a delete in slices would be a second wait for a gap (RELIABILITY.md, "Deleting a
    // person"). A version read here cannot go back: migrations only ever move it forward.
    if user_version(conn)? == LATEST_VERSION {
        return Ok(());
    }
    loop {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let step = user_version(conn).and_then(|current| {
            if current > LATEST_VERSION {
                return Err(too_new(path, current));
            }
            if current == 0
                && is_empty(conn)?
                && let Some(statements) = super::schema::latest_statements()
            {
                for sql in statements {
                    conn.execute_batch(sql)?;
                }
                conn.pragma_update(None, "user_version", LATEST_VERSION)?;
                conn.pragma_update(None, "application_id", super::APPLICATION_ID)?;
                return Ok(true);
            }
            let Some(sql) = MIGRATIONS.get(current as usize) else {
                return Ok(false);
            };
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", current + 1)?;
            conn.pragma_update(None, "application_id", super::APPLICATION_ID)?;
            Ok(true)
        });
        match step {
            Ok(applied) => {
                conn.execute_batch("COMMIT")?;
                if !applied {
                    return Ok(());
                }
            }
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
    }
}

#[cfg(test)]
#[path = "migrations_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "migrations_org_tests.rs"]
mod org_tests;
