//! The JSON export written straight from the rows: each table is read one row at a time and
//! serialized as it is read, with no copy of the database in memory first (ten years of data
//! make a quarter of a gigabyte of JSON). The text is the same as serializing the envelope
//! [`super::json`] reads back: tables and columns in name order, rows in id order.

use rusqlite::Connection;
use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};
use std::cell::RefCell;

use super::json::{FORMAT, FORMAT_VERSION};
use super::{OpsError, json_text};
use crate::store::StoreError;
use crate::store::dump::{self, Cell};

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    format_version: u32,
    schema_version: i64,
    tables: Tables<'a>,
}

/// Every table of [`dump::TABLES`], by name. A failure to read is kept aside, so the caller gets
/// the store's error rather than a serializer's message.
struct Tables<'a> {
    conn: &'a Connection,
    failure: RefCell<Option<StoreError>>,
}

struct Rows<'a> {
    tables: &'a Tables<'a>,
    table: &'static str,
}

/// One row: its columns by name.
struct Row<'a> {
    names: &'a [String],
    order: &'a [usize],
    values: &'a [rusqlite::types::ValueRef<'a>],
}

pub(super) fn export_text(conn: &Connection, schema_version: i64) -> Result<String, OpsError> {
    let envelope = Envelope {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        schema_version,
        tables: Tables {
            conn,
            failure: RefCell::new(None),
        },
    };
    json_text::to_string_pretty(&envelope).map_err(|e| match envelope.tables.failure.take() {
        Some(failure) => OpsError::from(failure),
        None => OpsError::Refused(format!("cannot write JSON: {e}")),
    })
}

impl Serialize for Tables<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut names = dump::TABLES.to_vec();
        names.sort_unstable();
        let mut map = serializer.serialize_map(Some(names.len()))?;
        for table in names {
            map.serialize_entry(
                table,
                &Rows {
                    tables: self,
                    table,
                },
            )?;
        }
        map.end()
    }
}

/// Why writing a table stopped: the store, or the serializer.
enum Stop<E> {
    Store(StoreError),
    Write(E),
}

impl<E> From<StoreError> for Stop<E> {
    fn from(e: StoreError) -> Self {
        Stop::Store(e)
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut order: Vec<usize> = Vec::new();
        let written = dump::each_row(self.tables.conn, self.table, |names, values| {
            if order.len() != names.len() {
                order = (0..names.len()).collect();
                order.sort_by(|&a, &b| names[a].cmp(&names[b]));
            }
            let row = Row {
                names,
                order: &order,
                values,
            };
            seq.serialize_element(&row).map_err(Stop::Write)
        });
        match written {
            Ok(()) => seq.end(),
            Err(Stop::Write(e)) => Err(e),
            Err(Stop::Store(e)) => {
                let message = e.to_string();
                *self.tables.failure.borrow_mut() = Some(e);
                Err(S::Error::custom(message))
            }
        }
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.order.len()))?;
        for &i in self.order {
            map.serialize_entry(&self.names[i], &Cell(self.values[i]))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use std::collections::BTreeMap;

    /// The export as it was built before it was streamed: every table read into maps first.
    fn from_maps(store: &Store) -> String {
        let mut tables: BTreeMap<String, Vec<BTreeMap<String, serde_json::Value>>> =
            BTreeMap::new();
        for &table in dump::TABLES {
            let mut rows = Vec::new();
            dump::each_row(
                store.conn(),
                table,
                |names, values| -> Result<(), StoreError> {
                    let row = names
                        .iter()
                        .zip(values)
                        .map(|(n, v)| {
                            (
                                n.clone(),
                                dump::to_json(&rusqlite::types::Value::try_from(*v).unwrap()),
                            )
                        })
                        .collect();
                    rows.push(row);
                    Ok(())
                },
            )
            .unwrap();
            tables.insert(table.to_string(), rows);
        }
        let envelope = serde_json::json!({
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": store.schema_version().unwrap(),
            "tables": tables,
        });
        json_text::to_string_pretty(&envelope).unwrap()
    }

    #[test]
    fn the_streamed_export_is_the_export_built_in_memory() {
        let mut store = Store::open_in_memory().unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        crate::ops::demo::load_demo(&mut store, chrono::Weekday::Mon, now).unwrap();
        // Values of every kind: a blob, a real, text a terminal must not see raw.
        use rusqlite::types::Value;
        let meta = |key: &str, value: Value| -> dump::Row {
            [
                ("key".to_string(), Value::Text(key.into())),
                ("value".into(), value),
            ]
            .into()
        };
        let odd: dump::Tables = [(
            "meta".to_string(),
            vec![
                meta("blob", Value::Blob(vec![0, 255, 16])),
                meta("real", Value::Real(2.5)),
                meta("int", Value::Integer(-7)),
                meta("ctl", Value::Text("a\u{1b}[31m\u{9b}b".into())),
            ],
        )]
        .into();
        store
            .write(|tx| {
                dump::load(tx, &odd).map_err(|_| StoreError::Sqlite(rusqlite::Error::InvalidQuery))
            })
            .unwrap();
        let streamed = export_text(store.conn(), store.schema_version().unwrap()).unwrap();
        assert_eq!(streamed, from_maps(&store));
        assert!(streamed.contains("\"hex\": \"00ff10\""));
        assert!(streamed.contains("a\\u001b[31m\\u009bb"));
    }
}
