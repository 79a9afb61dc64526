//! Row images: what a journal entry stores of each row it touched, before and after. Stored as
//! JSON (`[{"table": …, "id": …, "row": {column: value, …} | null}, …]`) and read back only
//! through [`parse_images`], which checks every name against the closed set in
//! [`super::tables`], so the SQL that puts a row back never holds a string from the file.

use rusqlite::Connection;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::tables::{self, Table};
use crate::store::{StoreError, dump};

/// One row as it was (or is); `row` is `None` when the row does not exist. Values are in the
/// table's column order, each one a JSON scalar a column can hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub table: &'static Table,
    pub id: i64,
    pub row: Option<Vec<serde_json::Value>>,
}

/// The stored shape of an image.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    table: String,
    id: i64,
    row: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Image {
    /// The value of `column`, when the row exists and the table has that column.
    pub fn value(&self, column: &str) -> Option<&serde_json::Value> {
        let at = self.table.columns.iter().position(|c| *c == column)?;
        self.row.as_ref()?.get(at)
    }
}

/// Why a stored image cannot be used. The words never repeat the offending text: it may be a
/// crafted identifier or a confidential value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Fault {
    /// Not JSON, or not a list of `{table, id, row}` objects.
    #[error("not a list of row images")]
    Shape,
    #[error("it names a table undo does not know")]
    UnknownTable,
    #[error("it names a column undo does not know")]
    UnknownColumn,
    #[error("a row image lacks a column")]
    MissingColumn,
    /// A value no column can hold (a list, an object).
    #[error("it holds a value no column can take")]
    BadValue,
    /// The row's `id` column is not the image's id.
    #[error("a row image's id is not its row's")]
    WrongId,
    /// The before and after lists do not name the same rows.
    #[error("its before and after images name different rows")]
    Unpaired,
}

/// Reads a stored list of images, checking every table, column and value.
pub fn parse_images(text: &str) -> Result<Vec<Image>, Fault> {
    let stored: Vec<Stored> = serde_json::from_str(text).map_err(|_| Fault::Shape)?;
    stored
        .into_iter()
        .map(|s| {
            let table = tables::table(&s.table).ok_or(Fault::UnknownTable)?;
            let row = s.row.map(|map| checked_row(table, s.id, map)).transpose()?;
            Ok(Image {
                table,
                id: s.id,
                row,
            })
        })
        .collect()
}

/// A stored entry's before and after images, paired row by row.
pub fn parse_entry(before: &str, after: &str) -> Result<Vec<(Image, Image)>, Fault> {
    let before = parse_images(before)?;
    let after = parse_images(after)?;
    if before.len() != after.len()
        || before
            .iter()
            .zip(&after)
            .any(|(b, a)| b.table.name != a.table.name || b.id != a.id)
    {
        return Err(Fault::Unpaired);
    }
    Ok(before.into_iter().zip(after).collect())
}

/// The values of `map` in `table`'s column order: every column present, no other.
fn checked_row(
    table: &'static Table,
    id: i64,
    mut map: serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<serde_json::Value>, Fault> {
    if map.keys().any(|k| table.column(k).is_none()) {
        return Err(Fault::UnknownColumn);
    }
    let values = table
        .columns
        .iter()
        .map(|c| {
            map.remove(*c)
                .or_else(|| table.added_later(c).then_some(serde_json::Value::Null))
                .ok_or(Fault::MissingColumn)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if values.iter().any(|v| dump::from_json(v).is_none()) {
        return Err(Fault::BadValue);
    }
    if values.first().and_then(serde_json::Value::as_i64) != Some(id) {
        return Err(Fault::WrongId);
    }
    Ok(values)
}

/// The stored JSON of a list of images, written straight from the images (columns in the
/// table's order) without building a map per row: a person deleted with ten years of notes
/// journals ~9,500 rows.
pub fn to_text(images: &[&Image]) -> Result<String, StoreError> {
    let written: Vec<Written<'_>> = images.iter().map(|i| Written(i)).collect();
    serde_json::to_string(&written).map_err(json_error)
}

/// An image as [`Stored`] reads it back: `{"table": …, "id": …, "row": {column: value, …}}`.
struct Written<'a>(&'a Image);

/// A row's values under its table's column names.
struct WrittenRow<'a>(&'static Table, &'a [serde_json::Value]);

impl Serialize for Written<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let image = self.0;
        let mut out = s.serialize_struct("Stored", 3)?;
        out.serialize_field("table", image.table.name)?;
        out.serialize_field("id", &image.id)?;
        let row = image.row.as_deref().map(|v| WrittenRow(image.table, v));
        out.serialize_field("row", &row)?;
        out.end()
    }
}

impl Serialize for WrittenRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut out = s.serialize_map(Some(self.1.len()))?;
        for (column, value) in self.0.columns.iter().zip(self.1) {
            out.serialize_entry(column, value)?;
        }
        out.end()
    }
}

/// The image of the row `table`.`id` as it is now, built by SQLite's `json_object` so it compares
/// equal to the images the triggers took.
pub fn current(conn: &Connection, table: &'static Table, id: i64) -> Result<Image, StoreError> {
    let sql = format!(
        "SELECT {} FROM main.\"{}\" AS t WHERE t.id = ?1",
        table.image_expr("t"),
        table.name
    );
    let text: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| r.get(0))
        .optional()?;
    stored_row(table, id, text.as_deref())
}

/// An image from the text of a `json_object` the journal itself built (a trigger's or
/// [`current`]'s): a failure here is a broken invariant, not a damaged file.
pub fn stored_row(table: &'static Table, id: i64, text: Option<&str>) -> Result<Image, StoreError> {
    let row = match text {
        None => None,
        Some(text) => {
            let map = serde_json::from_str(text).map_err(json_error)?;
            Some(checked_row(table, id, map).map_err(|f| json_error(f.to_string()))?)
        }
    };
    Ok(Image { table, id, row })
}

fn json_error(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> StoreError {
    StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_images_read_back_as_they_were() {
        let note = tables::table("note").unwrap();
        let row = |body: &str| {
            Some(vec![
                serde_json::json!(5),
                serde_json::json!(2),
                serde_json::Value::Null,
                serde_json::json!("2026-11-23"),
                serde_json::json!(body),
                serde_json::json!("2026-11-23 09:00:00"),
                serde_json::json!("2026-11-23 09:00:00"),
            ])
        };
        let images = [
            Image {
                table: note,
                id: 5,
                row: row("a \"quoted\" line\nand é"),
            },
            Image {
                table: note,
                id: 6,
                row: None,
            },
        ];
        let text = to_text(&images.iter().collect::<Vec<_>>()).unwrap();
        assert_eq!(parse_images(&text).unwrap(), images);
    }
}
