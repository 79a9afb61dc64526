//! The schema a Bearing database may hold: exactly what the migrations make for its version, object
//! by object (tables, columns and constraints, indexes, triggers, views: every row of
//! `sqlite_schema`, with the SQL that made it). A file is trusted with its schema: SQLite runs a
//! trigger on every write that matches it, and a dropped CHECK lets anything in. So a file whose
//! schema differs in any way — another program's trigger, Bearing's own trigger with another body,
//! a constraint removed — is refused before Bearing writes a byte to it, wherever a file comes in
//! whole: opening it (`--db`), restoring from it, and checking a backup.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use super::migrations;
use crate::domain::calendar::printable;

/// One row of `sqlite_schema`: what it is, its name, the table it belongs to, and the SQL that
/// made it (none for the indexes SQLite makes itself for UNIQUE and PRIMARY KEY constraints).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(super) struct SchemaObject {
    kind: String,
    name: String,
    table: String,
    sql: Option<String>,
}

/// The schema of every version the migrations make, and the statistics tables `ANALYZE` may add
/// (planner statistics: tolerated, since they only steer which index a query uses).
struct Reference {
    by_version: Vec<Vec<SchemaObject>>,
    statistics: Vec<SchemaObject>,
}

static REFERENCE: OnceLock<Reference> = OnceLock::new();

/// The schema of the latest version and the statistics tables, as the migrations make them,
/// written down (`schema_latest.json`) so that opening a file at the latest version — every
/// start but the first after an upgrade — compares it without running every migration on an
/// in-memory database first (14 ms, most of a start). A test proves it is exactly what the
/// migrations make, and rewrites it when asked (see `schema_tests.rs`).
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Latest {
    objects: Vec<SchemaObject>,
    statistics: Vec<SchemaObject>,
}

const LATEST_JSON: &str = include_str!("schema_latest.json");

static LATEST: OnceLock<Option<Latest>> = OnceLock::new();

/// The written-down latest schema; `None` if it cannot be read (the reference is built instead).
fn latest() -> Option<&'static Latest> {
    LATEST
        .get_or_init(|| serde_json::from_str(LATEST_JSON).ok())
        .as_ref()
}

/// Every object in the `main` schema of `conn`, sorted. Read in the caller's transaction.
pub(super) fn read(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_schema")?;
    let mut objects = stmt
        .query_map([], |row| {
            Ok(SchemaObject {
                kind: row.get(0)?,
                name: row.get(1)?,
                table: row.get(2)?,
                sql: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    objects.sort();
    Ok(objects)
}

/// Built once per process, by running the migrations on an empty in-memory database (a few
/// milliseconds), so the reference can never drift from what Bearing really makes.
fn reference() -> rusqlite::Result<&'static Reference> {
    if let Some(built) = REFERENCE.get() {
        return Ok(built);
    }
    let conn = Connection::open_in_memory()?;
    let mut by_version = vec![read(&conn)?];
    for sql in migrations::MIGRATIONS {
        conn.execute_batch(sql)?;
        by_version.push(read(&conn)?);
    }
    conn.execute_batch("ANALYZE")?;
    let statistics = read(&conn)?
        .into_iter()
        .filter(|o| o.kind == "table" && o.name.starts_with("sqlite_stat"))
        .collect();
    Ok(REFERENCE.get_or_init(|| Reference {
        by_version,
        statistics,
    }))
}

/// The statements that make the latest schema on an empty database, from the written-down
/// schema: the tables first (not those FTS5 makes for its virtual tables, nor SQLite's own),
/// then the indexes, views and triggers over them. A new file is made with them in one
/// transaction instead of running every migration in turn, which makes, fills and drops objects
/// on the way (about 11 ms instead of 25). What they make is checked like any file's schema.
pub(super) fn latest_statements() -> Option<Vec<&'static str>> {
    let objects = &latest()?.objects;
    let virtual_tables: Vec<&str> = objects
        .iter()
        .filter(|o| {
            o.sql
                .as_deref()
                .is_some_and(|s| s.starts_with("CREATE VIRTUAL TABLE"))
        })
        .map(|o| o.name.as_str())
        .collect();
    let made_by_fts5 = |name: &str| {
        virtual_tables.iter().any(|v| {
            name.strip_prefix(v)
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|part| ["data", "idx", "content", "docsize", "config"].contains(&part))
        })
    };
    let rank = |kind: &str| match kind {
        "table" => 0,
        "index" => 1,
        "view" => 2,
        _ => 3,
    };
    let mut made: Vec<&SchemaObject> = objects
        .iter()
        .filter(|o| o.sql.is_some() && !o.name.starts_with("sqlite_") && !made_by_fts5(&o.name))
        .collect();
    made.sort_by_key(|o| rank(&o.kind));
    Some(made.iter().filter_map(|o| o.sql.as_deref()).collect())
}

/// How `found` (a file's schema at `version`) differs from what Bearing makes, in words naming
/// the first object that differs; `None` when it is exactly Bearing's. A version the migrations
/// do not know counts as differing.
pub(super) fn difference(found: &[SchemaObject], version: i64) -> rusqlite::Result<Option<String>> {
    if let Some(latest) = latest() {
        if version == migrations::LATEST_VERSION {
            return Ok(compare(found, &latest.objects, &latest.statistics));
        }
        // A new file: the migrations make nothing at version 0. Building the reference would run
        // every migration on an in-memory database first, on every first start.
        if version == 0 {
            return Ok(compare(found, &[], &latest.statistics));
        }
    }
    let reference = reference()?;
    let Some(expected) = usize::try_from(version)
        .ok()
        .and_then(|v| reference.by_version.get(v))
    else {
        return Ok(Some(format!(
            "schema version {version} is not one Bearing made"
        )));
    };
    Ok(compare(found, expected, &reference.statistics))
}

/// How `found` differs from `expected` (tolerating `statistics`), in words; `None` when equal.
fn compare(
    found: &[SchemaObject],
    expected: &[SchemaObject],
    statistics: &[SchemaObject],
) -> Option<String> {
    let tolerated = |o: &SchemaObject| statistics.contains(o);
    for object in found {
        match expected.iter().find(|e| e.name == object.name) {
            None if tolerated(object) => {}
            None => {
                let article = if object.kind == "index" { "an" } else { "a" };
                return Some(format!(
                    "it holds {article} {} that Bearing does not make",
                    describe(object)
                ));
            }
            Some(made) if made != object => {
                return Some(format!(
                    "its {} is not the one Bearing makes",
                    describe(object)
                ));
            }
            Some(_) => {}
        }
    }
    expected
        .iter()
        .find(|e| !found.iter().any(|o| o.name == e.name))
        .map(|missing| format!("Bearing's {} is missing", describe(missing)))
}

/// The latest schema as the migrations make it, as `schema_latest.json` holds it.
#[cfg(test)]
fn latest_made() -> rusqlite::Result<String> {
    let reference = reference()?;
    let latest = Latest {
        objects: reference.by_version.last().cloned().unwrap_or_default(),
        statistics: reference.statistics.clone(),
    };
    Ok(serde_json::to_string_pretty(&latest).unwrap_or_default() + "\n")
}

/// `trigger "evil"`, with the name cut short and any control character shown escaped: it comes
/// from the file.
fn describe(object: &SchemaObject) -> String {
    let kind = match object.kind.as_str() {
        kind @ ("table" | "index" | "trigger" | "view") => kind,
        _ => "entry",
    };
    format!("{kind} \"{}\"", printable(&object.name))
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
