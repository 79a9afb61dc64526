//! `bearing metric import FILE.csv`: numbers from scripts (CI, incident tools, HR exports) as
//! rows of `date,metric,value[,note]`. Every row is checked before any is stored: one bad row
//! (a date that is not one, an unknown metric, a value that is not a number, two rows for one
//! period) refuses the file, naming its line, and nothing is imported. Rows are logged as the
//! cockpit logs them (a period's value replaced; a row without a note, or with an empty one,
//! keeps the period's note), so importing the same file again changes nothing.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

use super::OpsError;
use super::metrics::{refresh_goals, store_value};
use crate::domain::Invalid;
use crate::domain::metric::{Metric, parse_number};
use crate::domain::metric_period::Period;
use crate::store::{Store, metrics};

/// The largest file `metric import` reads: 16 MiB, some 300,000 rows (ten years of weekly
/// values for 500 metrics).
pub const MAX_CSV_BYTES: u64 = 16 * 1024 * 1024;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CsvSummary {
    pub rows: usize,
    /// Values for periods that had none.
    pub added: usize,
    /// Values that replaced a period's different one.
    pub replaced: usize,
    /// Rows equal to what the period held already: nothing written.
    pub unchanged: usize,
}

/// One row, checked: the metric, the date and the number.
struct Row {
    line: u64,
    metric: Metric,
    date: NaiveDate,
    value: f64,
    note: String,
}

/// A short, escaped quote of a cell for a message (dates, names and values only: never the
/// note).
fn quoted(cell: &str) -> String {
    let mut shown: String = cell.chars().take(40).collect();
    if cell.chars().nth(40).is_some() {
        shown.push('…');
    }
    format!(
        "\"{}\"",
        crate::domain::terminal_safe::terminal_safe(&shown)
    )
}

fn at_line(source: &str, line: u64, why: impl std::fmt::Display) -> OpsError {
    Invalid::new(format!(
        "{source}, line {line}: {why}; nothing was imported"
    ))
    .into()
}

/// Refuses quoting the CSV reader would take loosely: a quote never closed (which swallowed every
/// row after it into one note), text after a closing quote (`"he said "hi` lost its quotes), a
/// quote inside an unquoted cell. Returns the line at fault and why.
fn check_quotes(text: &[u8]) -> Result<(), (u64, &'static str)> {
    #[derive(Clone, Copy)]
    enum At {
        CellStart,
        Unquoted,
        Quoted(u64),
        ClosingQuote(u64),
    }
    let mut state = At::CellStart;
    let mut line = 1;
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    for &byte in text {
        state = match (state, byte) {
            (At::Quoted(opened), b'\n') => {
                line += 1;
                At::Quoted(opened)
            }
            (_, b'\n') => {
                line += 1;
                At::CellStart
            }
            (At::CellStart | At::Unquoted | At::ClosingQuote(_), b',') => At::CellStart,
            (At::CellStart, b'"') => At::Quoted(line),
            (At::Unquoted, b'"') => {
                return Err((
                    line,
                    "a quote inside an unquoted cell (or after a space before it): quote the \
                     whole cell and write a quote in it twice (\"he said \"\"hi\"\"\")",
                ));
            }
            (At::CellStart | At::Unquoted, _) => At::Unquoted,
            (At::Quoted(opened), b'"') => At::ClosingQuote(opened),
            (At::Quoted(opened), _) => At::Quoted(opened),
            (At::ClosingQuote(opened), b'"') => At::Quoted(opened),
            (At::ClosingQuote(opened), b' ' | b'\t' | b'\r') => At::ClosingQuote(opened),
            (At::ClosingQuote(_), _) => {
                return Err((
                    line,
                    "text after a closing quote: a quote inside a quoted cell is written twice \
                     (\"he said \"\"hi\"\"\")",
                ));
            }
        };
    }
    match state {
        At::Quoted(opened) => Err((
            opened,
            "a quote opened here is never closed (the rows after it would become part of this \
             cell): close it, or write a quote inside a quoted cell twice",
        )),
        _ => Ok(()),
    }
}

/// Reads and checks every row of `text` (from `source`, named in messages) against the metrics
/// in `store`, as of `today`.
fn read_rows(store: &Store, text: &[u8], source: &str) -> Result<Vec<Row>, OpsError> {
    let all = metrics::list(store.conn())?;
    let by_name: HashMap<String, &Metric> = all
        .iter()
        .map(|m| (m.fields.name.to_lowercase(), m))
        .collect();
    check_quotes(text).map_err(|(line, why)| at_line(source, line, why))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text);
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            let why = match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
                _ => "not a CSV row".to_string(),
            };
            at_line(source, line, why)
        })?;
        let line = record
            .position()
            .map_or(index as u64 + 1, csv::Position::line);
        let cells: Vec<&str> = record.iter().collect();
        if index == 0 && is_header(&cells) {
            continue;
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if !(3..=4).contains(&cells.len()) {
            return Err(at_line(
                source,
                line,
                format!(
                    "{} where date,metric,value[,note] has 3 or 4 (quote a note that holds \
                     commas)",
                    super::markdown::plural(cells.len(), "field")
                ),
            ));
        }
        let date = NaiveDate::parse_from_str(cells[0], "%Y-%m-%d")
            .ok()
            .filter(|d| crate::domain::metric_period::check_year(*d).is_ok())
            .ok_or_else(|| {
                at_line(
                    source,
                    line,
                    format!("{} is not a date: use YYYY-MM-DD", quoted(cells[0])),
                )
            })?;
        let metric = match cells[1].parse::<i64>() {
            Ok(id) => all.iter().find(|m| m.id == id),
            Err(_) => by_name.get(&cells[1].to_lowercase()).copied(),
        }
        .ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|m| m.fields.name.as_str()).collect();
            let known = if known.is_empty() {
                "there are none yet".to_string()
            } else {
                format!("known: {}", known.join(", "))
            };
            at_line(
                source,
                line,
                format!(
                    "unknown metric {} ({known}; add it with `bearing metric add`)",
                    quoted(cells[1])
                ),
            )
        })?;
        let value = parse_number("value", cells[2]).map_err(|e| {
            // The parser's message echoes the cell, escaped: "\"lots\" is not a number: …".
            let why = if cells[2].is_empty() {
                "the value is empty".to_string()
            } else if e.message.starts_with('"') {
                format!("the value {}", e.message)
            } else {
                e.message
            };
            at_line(source, line, why)
        })?;
        let note = crate::domain::text::body("note", cells.get(3).copied().unwrap_or(""))
            .map_err(|e| at_line(source, line, e.message))?;
        rows.push(Row {
            line,
            metric: metric.clone(),
            date,
            value,
            note,
        });
    }
    Ok(rows)
}

/// A first row naming the columns.
fn is_header(cells: &[&str]) -> bool {
    let names = ["date", "metric", "value", "note"];
    cells.len() >= 3
        && cells
            .iter()
            .zip(names)
            .all(|(c, n)| c.eq_ignore_ascii_case(n))
}

/// Refuses two rows for one metric and period: the file must say which number it means.
fn check_duplicates(rows: &[Row], source: &str) -> Result<(), OpsError> {
    let mut seen: HashMap<(i64, Period), u64> = HashMap::new();
    for row in rows {
        let f = &row.metric.fields;
        let period = Period::containing(row.date, f.cadence, f.week_start);
        if let Some(first) = seen.insert((row.metric.id, period), row.line) {
            return Err(at_line(
                source,
                row.line,
                format!(
                    "a second value for {} in the {} of {} (line {first} has one); keep one row \
                     per metric and period",
                    f.name,
                    f.cadence.noun(),
                    period.start.format("%Y-%m-%d")
                ),
            ));
        }
    }
    Ok(())
}

/// Imports the rows of `text`: all of them in one transaction, or none.
pub fn import_csv(
    store: &mut Store,
    text: &[u8],
    source: &str,
    now: NaiveDateTime,
) -> Result<CsvSummary, OpsError> {
    let rows = read_rows(store, text, source)?;
    check_duplicates(&rows, source)?;
    store.write(|tx| -> Result<CsvSummary, OpsError> {
        let mut summary = CsvSummary {
            rows: rows.len(),
            ..CsvSummary::default()
        };
        let mut touched = BTreeSet::new();
        for row in &rows {
            // A row without a note keeps the one the period has: a script's weekly numbers
            // never wipe out the reason the director wrote beside one.
            let kept;
            let note = if row.note.is_empty() {
                kept = super::metrics::period_value(tx, &row.metric, row.date)?
                    .map(|v| v.note)
                    .unwrap_or_default();
                &kept
            } else {
                &row.note
            };
            let logged = store_value(tx, &row.metric, row.date, row.value, note, now)
                .map_err(|e| at_line(source, row.line, e))?;
            match (logged.changed, logged.replaced) {
                (false, _) => summary.unchanged += 1,
                (true, None) => summary.added += 1,
                (true, Some(_)) => summary.replaced += 1,
            }
            if logged.changed {
                touched.insert(row.metric.id);
            }
        }
        for id in touched {
            refresh_goals(tx, Some(id), now)?;
        }
        Ok(summary)
    })
}

#[cfg(test)]
#[path = "metrics_import_tests.rs"]
mod tests;
