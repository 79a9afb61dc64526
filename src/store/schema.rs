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

/// The latest version's schema as the migrations made it when this file was last written
/// (`schema_latest.json`; a test fails when the migrations make anything else, and
/// `BEARING_UPDATE_SCHEMA=1 cargo test --lib store::schema` rewrites it). It only lets a file that
/// is exactly Bearing's skip building the [`reference`]: anything else, a stale copy of this file
/// included, is judged against the reference, so it can make a check slower, never laxer.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Shipped {
    version: i64,
    objects: Vec<SchemaObject>,
    statistics: Vec<SchemaObject>,
}

const SHIPPED_JSON: &str = include_str!("schema_latest.json");

fn shipped() -> Option<&'static Shipped> {
    static SHIPPED: OnceLock<Option<Shipped>> = OnceLock::new();
    SHIPPED
        .get_or_init(|| serde_json::from_str(SHIPPED_JSON).ok())
        .as_ref()
}

/// Whether `found` is, object for object, the latest schema as shipped (the planner statistics
/// `ANALYZE` may add aside): the common case, answered without running the migrations.
fn is_shipped(found: &[SchemaObject], version: i64) -> bool {
    let Some(shipped) = shipped() else {
        return false;
    };
    if version != shipped.version || version != migrations::LATEST_VERSION {
        return false;
    }
    let mut own = found.iter().filter(|o| !shipped.statistics.contains(o));
    let mut expected = shipped.objects.iter();
    loop {
        match (own.next(), expected.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// How `found` (a file's schema at `version`, sorted as [`read`] sorts it) differs from what
/// Bearing makes, in words naming the first object that differs; `None` when it is exactly
/// Bearing's. A version the migrations do not know counts as differing.
pub(super) fn difference(found: &[SchemaObject], version: i64) -> rusqlite::Result<Option<String>> {
    // A new, empty file; and a file exactly Bearing's latest: the migrations need not run (they
    // cost most of a short command's CPU time).
    if (version == 0 && found.is_empty()) || is_shipped(found, version) {
        return Ok(None);
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
    let tolerated = |o: &SchemaObject| reference.statistics.contains(o);
    for object in found {
        match expected.iter().find(|e| e.name == object.name) {
            None if tolerated(object) => {}
            None => {
                let article = if object.kind == "index" { "an" } else { "a" };
                return Ok(Some(format!(
                    "it holds {article} {} that Bearing does not make",
                    describe(object)
                )));
            }
            Some(made) if made != object => {
                return Ok(Some(format!(
                    "its {} is not the one Bearing makes",
                    describe(object)
                )));
            }
            Some(_) => {}
        }
    }
    Ok(expected
        .iter()
        .find(|e| !found.iter().any(|o| o.name == e.name))
        .map(|missing| format!("Bearing's {} is missing", describe(missing))))
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
