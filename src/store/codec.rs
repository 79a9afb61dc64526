//! Text forms of dates and times in the database. Fixed-width so that text order is time order.

use chrono::NaiveDateTime;
use rusqlite::types::{FromSqlError, Type};

const DATE_TIME: &str = "%Y-%m-%dT%H:%M";
const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

pub fn date_time(t: NaiveDateTime) -> String {
    t.format(DATE_TIME).to_string()
}

pub fn stamp(t: NaiveDateTime) -> String {
    t.format(STAMP).to_string()
}

/// The text is not quoted: the column may hold anything, a confidential note included.
fn bad(column: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        Type::Text,
        Box::new(FromSqlError::Other(
            "not a date or time in the form YYYY-MM-DD or YYYY-MM-DDTHH:MM".into(),
        )),
    )
}

pub fn parse_date_time(column: usize, text: &str) -> rusqlite::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, DATE_TIME)
        .or_else(|_| NaiveDateTime::parse_from_str(text, STAMP))
        .map_err(|_| bad(column))
}

/// Reads a date-time column.
pub fn get_date_time(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<NaiveDateTime> {
    let text: String = row.get(column)?;
    parse_date_time(column, &text)
}

/// Midnight of `d` in date-time text, for range bounds.
pub fn day_start(d: chrono::NaiveDate) -> String {
    date_time(d.and_time(chrono::NaiveTime::MIN))
}

pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn parse_date(column: usize, text: &str) -> rusqlite::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad(column))
}
