//! Text forms of dates and times in the database. Fixed-width so that text order is time order.

use chrono::NaiveDateTime;
use chrono::format::{Item, Numeric, Pad};
use rusqlite::types::{FromSqlError, Type};

const DATE_TIME: &str = "%Y-%m-%dT%H:%M";
const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// `%Y-%m-%dT%H:%M:%S` as chrono reads it, written out once: a format string is parsed again at
/// every use (3% of building the huge demo). Its first five items are `%Y-%m-%d`, its first nine
/// `%Y-%m-%dT%H:%M`.
const STAMP_ITEMS: &[Item<'static>] = &[
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
    Item::Literal("T"),
    Item::Numeric(Numeric::Hour, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Minute, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Second, Pad::Zero),
];
const DATE_ITEMS: usize = 5;
const DATE_TIME_ITEMS: usize = 9;

pub fn date_time(t: NaiveDateTime) -> String {
    t.format_with_items(STAMP_ITEMS[..DATE_TIME_ITEMS].iter())
        .to_string()
}

pub fn stamp(t: NaiveDateTime) -> String {
    t.format_with_items(STAMP_ITEMS.iter()).to_string()
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
    d.format_with_items(STAMP_ITEMS[..DATE_ITEMS].iter())
        .to_string()
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
    fn the_written_forms_are_chronos_format_strings() {
        let days = [
            (1, 1, 1),
            (2024, 2, 29),
            (2026, 11, 30),
            (9999, 12, 31),
            (-5, 3, 7),
            (10_000, 1, 1),
        ];
        for (y, m, d) in days {
            let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(date(day), day.format("%Y-%m-%d").to_string());
            for (h, min, s) in [(0, 0, 0), (9, 5, 7), (23, 59, 59)] {
                let t = day.and_hms_opt(h, min, s).unwrap();
                assert_eq!(date_time(t), t.format(DATE_TIME).to_string());
                assert_eq!(stamp(t), t.format(STAMP).to_string());
            }
        }
    }

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
