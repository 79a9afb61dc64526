//! Every stored row as plain values, and back: the basis of the lossless JSON export and import.
//! Generic over the schema, so a migration that adds a column is exported without new code; a
//! migration that adds a table must add it to [`TABLES`] (a test compares it with the schema).

use rusqlite::Connection;
use rusqlite::types::{Value, ValueRef};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

use super::StoreError;

/// The tables holding user data, parents before children (the order rows are loaded in).
pub const TABLES: &[&str] = &[
    "person",
    "person_context",
    "health_read",
    "ritual",
    "occurrence",
    "note",
    "topic",
    "action_item",
    "metric",
    "metric_value",
    "plan",
    "goal",
    "checkin",
    "risk",
    "risk_review",
    "calendar_event",
    "decision",
    "decision_person",
    "link",
    "change_log",
    "meta",
];

/// One row: column name → value.
pub type Row = BTreeMap<String, Value>;

/// Table name → its rows in primary-key order.
pub type Tables = BTreeMap<String, Vec<Row>>;

/// Calls `each` with every row of `table` (one of [`TABLES`]) in primary-key order: the column
/// names, then the row's values. Rows are read one at a time, so a table of any size is never
/// held in memory whole.
pub fn each_row<E: From<StoreError>>(
    conn: &Connection,
    table: &'static str,
    mut each: impl FnMut(&[String], &[ValueRef<'_>]) -> Result<(), E>,
) -> Result<(), E> {
    let mut stmt = conn
        .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
        .map_err(StoreError::from)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let mut rows = stmt.query([]).map_err(StoreError::from)?;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        let values = (0..names.len())
            .map(|i| row.get_ref(i))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(StoreError::from)?;
        each(&names, &values)?;
    }
    Ok(())
}

/// How many rows the user tables hold in all (zero: a fresh database).
pub fn row_count(conn: &Connection) -> Result<i64, StoreError> {
    let mut total = 0;
    for &table in TABLES {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        total += n;
    }
    Ok(total)
}

/// Why rows could not be loaded: names the table, row and column at fault.
#[derive(Debug)]
pub enum LoadError {
    UnknownTable(String),
    UnknownColumn {
        table: String,
        column: String,
    },
    Rejected {
        table: String,
        row: usize,
        detail: String,
    },
    Store(StoreError),
}

impl From<StoreError> for LoadError {
    fn from(e: StoreError) -> Self {
        LoadError::Store(e)
    }
}

impl From<rusqlite::Error> for LoadError {
    fn from(e: rusqlite::Error) -> Self {
        LoadError::Store(StoreError::Sqlite(e))
    }
}

/// Inserts `tables` as they are (ids included). Runs inside the caller's transaction; foreign keys
/// are checked at commit, so rows may refer forward within a table.
pub fn load(conn: &Connection, tables: &Tables) -> Result<(), LoadError> {
    if let Some(unknown) = tables.keys().find(|t| !TABLES.contains(&t.as_str())) {
        return Err(LoadError::UnknownTable(unknown.clone()));
    }
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    for &table in TABLES {
        let Some(rows) = tables.get(table) else {
            continue;
        };
        let known = columns(conn, table)?;
        for (index, row) in rows.iter().enumerate() {
            if let Some(column) = row.keys().find(|c| !known.contains(*c)) {
                return Err(LoadError::UnknownColumn {
                    table: table.to_string(),
                    column: column.clone(),
                });
            }
            let names: Vec<&str> = row.keys().map(String::as_str).collect();
            let marks = vec!["?"; names.len()].join(", ");
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES ({marks})",
                names.join(", ")
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            stmt.execute(rusqlite::params_from_iter(row.values()))
                .map_err(|e| LoadError::Rejected {
                    table: table.to_string(),
                    row: index + 1,
                    detail: e.to_string(),
                })?;
        }
    }
    let broken: Option<String> = conn
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    if let Some(table) = broken {
        return Err(LoadError::Rejected {
            table,
            row: 0,
            detail: "a row refers to a row that is not in the file".into(),
        });
    }
    Ok(())
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// One stored value as JSON: integers, reals, text and null as themselves (a real that is not
/// finite as null); bytes as `{"hex": "…"}`.
pub struct Cell<'a>(pub ValueRef<'a>);

impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            ValueRef::Null => serializer.serialize_unit(),
            ValueRef::Integer(i) => serializer.serialize_i64(i),
            ValueRef::Real(f) if f.is_finite() => serializer.serialize_f64(f),
            ValueRef::Real(_) => serializer.serialize_unit(),
            ValueRef::Text(bytes) => serializer.serialize_str(&String::from_utf8_lossy(bytes)),
            ValueRef::Blob(bytes) => {
                let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("hex", &hex)?;
                map.end()
            }
        }
    }
}

/// A value as JSON, as [`Cell`] writes it.
pub fn to_json(value: &Value) -> serde_json::Value {
    serde_json::to_value(Cell(value.into())).unwrap_or(serde_json::Value::Null)
}

/// The inverse of [`to_json`]; `None` for a JSON value no column can hold (arrays, other objects).
pub fn from_json(value: &serde_json::Value) -> Option<Value> {
    Some(match value {
        serde_json::Value::Null => Value::Null,
        // SQLite has no booleans and no export writes one: `true` for a likelihood was stored
        // as 1 without a word.
        serde_json::Value::Bool(_) => return None,
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64()?),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Object(map) if map.len() == 1 => {
            let hex = map.get("hex")?.as_str()?;
            if hex.len() % 2 != 0 {
                return None;
            }
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
                .collect::<Option<Vec<u8>>>()?;
            Value::Blob(bytes)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn tables_list_every_user_table_of_the_schema() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search\\_%' ESCAPE '\\' ORDER BY name",
            )
            .unwrap();
        let mut schema: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut listed: Vec<String> = TABLES.iter().map(|s| s.to_string()).collect();
        schema.sort();
        listed.sort();
        assert_eq!(listed, schema);
    }

    #[test]
    fn json_values_round_trip() {
        for value in [
            Value::Null,
            Value::Integer(-7),
            Value::Integer(i64::MAX),
            Value::Real(0.1),
            Value::Real(5.0),
            Value::Text("naïve 日本 🚀".into()),
            Value::Text("123".into()),
            Value::Blob(vec![0, 1, 254, 255]),
        ] {
            let json = to_json(&value);
            let text = serde_json::to_string(&json).unwrap();
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(from_json(&back), Some(value));
        }
        assert_eq!(from_json(&serde_json::json!([1])), None);
        assert_eq!(from_json(&serde_json::json!(true)), None);
        assert_eq!(from_json(&serde_json::json!({"hex": "abc"})), None);
        assert_eq!(from_json(&serde_json::json!({"x": "ab"})), None);
    }
}
