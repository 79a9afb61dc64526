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
    if let Some(t) = fixed_date_time(text) {
        return Ok(t);
    }
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
    if let Some(d) = fixed_date(text) {
        return Ok(d);
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad(column))
}

/// The number `text[range]` spells, if it is all ASCII digits.
fn digits(text: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    text.get(range)?.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD` read directly: every list's rows hold dates, and chrono's format-driven parser
/// was a tenth of loading the risk register. Anything else is left to chrono.
fn fixed_date(text: &str) -> Option<chrono::NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(b, 0..4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, digits(b, 5..7)?, digits(b, 8..10)?)
}

/// `YYYY-MM-DDTHH:MM` and `YYYY-MM-DDTHH:MM:SS` read directly (see [`fixed_date`]).
fn fixed_date_time(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let seconds = match b.len() {
        16 => 0,
        19 if b[16] == b':' => digits(b, 17..19)?,
        _ => return None,
    };
    if b[10] != b'T' || b[13] != b':' {
        return None;
    }
    fixed_date(text.get(..10)?)?.and_hms_opt(digits(b, 11..13)?, digits(b, 14..16)?, seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_direct_reading_agrees_with_chrono() {
        for text in [
            "2026-11-23",
            "0001-01-01",
            "9999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            "2026-01-5x",
            "20261105",
            " 2026-11-2",
            "2026-11-23T09:30",
            "2026-11-23T09:30:59",
            "2026-11-23T24:00",
            "2026-11-23T23:60",
            "2026-11-23T09:30:60",
            "2026-11-23 09:30",
            "2026-11-23T9:30",
            "2026-11-23T09:30:5",
            "2026-11-23T09:30Z",
            "",
            "é026-11-23",
        ] {
            let ours = parse_date(0, text).ok();
            let chrono = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(ours, chrono, "{text:?}");
            let ours = parse_date_time(0, text).ok();
            let chrono = NaiveDateTime::parse_from_str(text, DATE_TIME)
                .or_else(|_| NaiveDateTime::parse_from_str(text, STAMP))
                .ok();
            assert_eq!(ours, chrono, "{text:?}");
        }
    }
}
