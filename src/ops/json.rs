//! The lossless JSON dump: every row of every table, ids included, with a format version; and its
//! import into an empty database. Export → import → export gives byte-identical text.

use serde::Serialize;
use std::collections::BTreeMap;

use super::OpsError;
use crate::domain::calendar::{event_label, printable};
use crate::domain::text::BODY_MAX;
use crate::schedule::recurrence::{Recurrence, RecurrenceError};
use crate::store::dump::{self, LoadError};
use crate::store::{LATEST_VERSION, Store, StoreError, history, upgrade_rows};
use crate::store::{
    actions, calendar, decisions, links, metrics, notes, occurrences, people, plan, risks, rituals,
    topics,
};

/// Names the file's kind; anything else is not ours.
pub const FORMAT: &str = "bearing-export";
/// The envelope's own version: bump when its shape (not the schema) changes.
pub const FORMAT_VERSION: u32 = 1;
/// The largest export `bearing import` reads: 128 MiB, 8.7 times the 14.75 MB export of
/// `bearing demo --size large` (three years of a 60-person organisation: 10,000 notes, 10,000
/// talking points, 10,000 actions, 4,662 meetings). Reading and loading that export takes 123 MB
/// of memory; the limit keeps an import near a gigabyte.
pub const MAX_IMPORT_BYTES: u64 = 128 * 1024 * 1024;

#[derive(Debug, Serialize)]
struct Envelope {
    format: String,
    format_version: u32,
    /// The database schema (`PRAGMA user_version`) the rows were read from.
    schema_version: i64,
    /// Table → rows in id order; a row is column → value.
    tables: BTreeMap<String, Vec<BTreeMap<String, serde_json::Value>>>,
}

/// What an import brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub rows: usize,
    /// Table → rows, for the tables that had any.
    pub tables: BTreeMap<String, usize>,
}

/// The whole database as pretty-printed JSON (keys sorted, rows in id order, newline at the end),
/// written as the rows are read (see [`super::json_stream`]).
pub fn json_export(store: &Store) -> Result<String, OpsError> {
    let mut text = super::json_stream::export_text(store.conn(), store.schema_version()?)?;
    text.push('\n');
    Ok(text)
}

/// An export read and checked, ready to load.
#[derive(Debug)]
pub struct Export {
    source: String,
    tables: dump::Tables,
}

/// Reads an export's text; `source` names the file in messages. Nothing is opened or written.
pub fn read_export(text: &str, source: &str) -> Result<Export, OpsError> {
    let refuse = |why: String| OpsError::Refused(format!("{source}: {why}"));
    let envelope = parse(text).map_err(refuse)?;
    let mut tables = to_rows(&envelope).map_err(refuse)?;
    upgrade_rows(envelope.schema_version, &mut tables);
    check_journal(&tables).map_err(refuse)?;
    Ok(Export {
        source: source.to_string(),
        tables,
    })
}

/// Loads an export into `store`, which must be empty; all of it lands or none of it does.
pub fn json_import(store: &mut Store, export: &Export) -> Result<ImportSummary, OpsError> {
    json_import_as_of(store, export, None)
}

/// [`json_import`], refusing too a metric value for a period that has not begun on `today`.
pub fn json_import_as_of(
    store: &mut Store,
    export: &Export,
    today: Option<chrono::NaiveDate>,
) -> Result<ImportSummary, OpsError> {
    let Export { source, tables } = export;
    let refuse = |why: String| OpsError::Refused(format!("{source}: {why}"));
    let existing = dump::row_count(store.conn())?;
    if existing > 0 {
        return Err(OpsError::Refused(format!(
            "{} already holds data ({}); an import only fills an empty database. \
             Import into a new file with `bearing --db NEW.db import {source}` (merging into \
             existing data is not supported yet).",
            store.path().display(),
            super::markdown::plural(existing as usize, "row")
        )));
    }
    store.fill(|tx| {
        dump::load(tx, tables).map_err(|e| refuse(load_message(e)))?;
        rows_hold(tx, today).map_err(refuse)
    })?;
    let counts: BTreeMap<String, usize> = tables
        .iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(table, rows)| (table.clone(), rows.len()))
        .collect();
    Ok(ImportSummary {
        rows: counts.values().sum(),
        tables: counts,
    })
}

fn parse(text: &str) -> Result<Envelope, String> {
    // Checked in two steps so a foreign JSON file gets "not an export", not a field-level error.
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(format!(
            "not a Bearing export (expected \"format\": \"{FORMAT}\"; make one with \
             `bearing export --format json`)"
        ));
    }
    let envelope = envelope(value)?;
    if envelope.format_version > FORMAT_VERSION {
        return Err(format!(
            "written by a newer Bearing (export format {}; this version reads up to {FORMAT_VERSION}); \
             upgrade Bearing to import it",
            envelope.format_version
        ));
    }
    if envelope.schema_version > LATEST_VERSION || envelope.schema_version < 1 {
        return Err(format!(
            "written by a newer Bearing (schema {}; this version knows up to {LATEST_VERSION}); \
             upgrade Bearing to import it",
            envelope.schema_version
        ));
    }
    Ok(envelope)
}

/// The envelope read field by field. Messages name the field, table and row at fault and never
/// quote the file's content (serde's would: `invalid type: string "…"`), which may be a
/// confidential note.
fn envelope(value: serde_json::Value) -> Result<Envelope, String> {
    use serde_json::Value;
    let damaged = |what: String| format!("damaged export: {what}");
    let Value::Object(mut fields) = value else {
        return Err(damaged("not a JSON object".into()));
    };
    if let Some(unknown) = fields
        .keys()
        .find(|k| !["format", "format_version", "schema_version", "tables"].contains(&k.as_str()))
    {
        return Err(damaged(format!("unknown field {unknown:?}")));
    }
    let whole = |name: &str| {
        fields
            .get(name)
            .and_then(Value::as_i64)
            .ok_or_else(|| damaged(format!("\"{name}\" is missing or not a whole number")))
    };
    let format_version = u32::try_from(whole("format_version")?.max(0)).unwrap_or(u32::MAX);
    let schema_version = whole("schema_version")?;
    let Some(Value::Object(tables)) = fields.remove("tables") else {
        return Err(damaged(
            "\"tables\" is missing or not an object of tables".into(),
        ));
    };
    let mut read = BTreeMap::new();
    for (table, rows) in tables {
        let Value::Array(rows) = rows else {
            return Err(format!("table {table}: not a list of rows"));
        };
        let mut list = Vec::with_capacity(rows.len());
        for (index, row) in rows.into_iter().enumerate() {
            let Value::Object(row) = row else {
                return Err(format!(
                    "table {table}, row {}: not an object of columns",
                    index + 1
                ));
            };
            list.push(row.into_iter().collect());
        }
        read.insert(table, list);
    }
    Ok(Envelope {
        format: FORMAT.to_string(),
        format_version,
        schema_version,
        tables: read,
    })
}

/// What kind of JSON value a cell holds, for a message that must not quote it.
fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Null => "null",
    }
}

/// A text value longer than any field holds is refused: no Bearing wrote it. The change log is
/// exempt: its cells hold images of whole rows.
fn check_length(table: &str, value: &rusqlite::types::Value) -> Result<(), usize> {
    match value {
        rusqlite::types::Value::Text(text) if table != "change_log" => {
            let count = text.chars().count();
            if count > BODY_MAX { Err(count) } else { Ok(()) }
        }
        _ => Ok(()),
    }
}

/// A person's delete mark (`person.deleting`) is when their delete began: a time or nothing.
fn check_delete_mark(
    table: &str,
    column: &str,
    value: &rusqlite::types::Value,
) -> Result<(), String> {
    match value {
        rusqlite::types::Value::Text(text) if (table, column) == ("person", "deleting") => {
            super::person_delete::began(text).map(drop).ok_or_else(|| {
                "`deleting` (when the person's delete began) must be a time like \
                 2026-11-23T09:00:00, or null"
                    .to_string()
            })
        }
        _ => Ok(()),
    }
}

/// The columns holding a day (`YYYY-MM-DD`); the rows' stamps and the meetings' starts hold a
/// time (`YYYY-MM-DDTHH:MM`, or with seconds). An imported calendar's times are the file's.
const DAY_COLUMNS: &[(&str, &str)] = &[
    ("action_item", "due"),
    ("checkin", "date"),
    ("decision", "date"),
    ("goal", "due"),
    ("health_read", "date"),
    ("metric_value", "period"),
    ("note", "date"),
    ("person_context", "date"),
    ("plan", "start_date"),
    ("risk", "accept_expiry"),
    ("risk", "next_review"),
    ("risk_review", "date"),
];

/// What a column holds that has one written form: a day or a time. `None` for the rest (an
/// imported calendar's times are the file's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateForm {
    Day,
    Time,
}

fn date_form(table: &str, column: &str) -> Option<DateForm> {
    if DAY_COLUMNS.contains(&(table, column)) {
        return Some(DateForm::Day);
    }
    let time = table != "calendar_event"
        && (matches!(
            column,
            "created_at" | "updated_at" | "done_at" | "discussed_at"
        ) || matches!(
            (table, column),
            ("ritual", "dtstart") | ("occurrence", "original_start" | "moved_to")
        ));
    time.then_some(DateForm::Time)
}

/// Refuses a day or a time not written as Bearing writes them: "2026-6-1" or " 2026-06-01" was
/// read (leniently) and stored as it was, so it sorted out of place ("newest first" put it
/// first) and a metric's period held two values for one week.
fn check_date_form(
    table: &str,
    column: &str,
    value: &rusqlite::types::Value,
) -> Result<(), String> {
    use crate::store::codec;
    let rusqlite::types::Value::Text(text) = value else {
        return Ok(());
    };
    let Some(form) = date_form(table, column) else {
        return Ok(());
    };
    let written = match form {
        DateForm::Day => codec::parse_date(0, text).map(codec::date).ok(),
        DateForm::Time => codec::parse_date_time(0, text).ok().and_then(|t| {
            [codec::date_time(t), codec::stamp(t)]
                .into_iter()
                .find(|w| w == text)
        }),
    };
    match (written, form) {
        (Some(w), _) if w == *text => Ok(()),
        (_, DateForm::Day) => {
            Err("a day must be a real day written YYYY-MM-DD, e.g. 2026-06-01".to_string())
        }
        (_, DateForm::Time) => Err(
            "a time must be a real time written YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS"
                .to_string(),
        ),
    }
}

fn to_rows(envelope: &Envelope) -> Result<dump::Tables, String> {
    let mut tables = dump::Tables::new();
    for (table, rows) in &envelope.tables {
        let mut converted = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let mut values = dump::Row::new();
            for (column, value) in row {
                let at = || format!("table {table}, row {}, column {column}", index + 1);
                let value = dump::from_json(value).ok_or_else(|| {
                    format!(
                        "{}: holds {}, which no column can hold (text, a number, null or \
                         {{\"hex\": …}})",
                        at(),
                        kind(value)
                    )
                })?;
                check_length(table, &value).map_err(|count| {
                    format!(
                        "{}: text of {count} characters, longer than any field holds \
                         (at most {BODY_MAX})",
                        at()
                    )
                })?;
                super::import_text::check(table, column, &value)
                    .map_err(|why| format!("{}: {why}", at()))?;
                check_delete_mark(table, column, &value)
                    .map_err(|why| format!("{}: {why}", at()))?;
                check_date_form(table, column, &value).map_err(|why| format!("{}: {why}", at()))?;
                values.insert(column.clone(), value);
            }
            converted.push(values);
        }
        tables.insert(table.clone(), converted);
    }
    Ok(tables)
}

/// Refuses a journal entry that undo could not read as Bearing writes it (a table or column
/// outside the journal's closed set, a malformed image): such a file was damaged or crafted.
/// The message names the row and column, never their content.
fn check_journal(tables: &dump::Tables) -> Result<(), String> {
    let rows = tables
        .get("change_log")
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (index, row) in rows.iter().enumerate() {
        history::check_entry(row).map_err(|(column, fault)| {
            format!(
                "table change_log, row {}, column {column}: {fault}; the file was damaged or \
                 not written by Bearing. Remove that row (or the whole change_log) and import again",
                index + 1
            )
        })?;
    }
    Ok(())
}

/// Whether every row is one Bearing can read and would follow (see each check below), at this
/// version's schema; else what is wrong, naming the table and row. An import refuses a file
/// that fails it: one bad date made every later export fail and left panes empty. With `today`,
/// a metric value for a period not begun is refused too.
fn rows_hold(conn: &rusqlite::Connection, today: Option<chrono::NaiveDate>) -> Result<(), String> {
    rows_readable(conn)?;
    rules_within_limits(conn)?;
    org_and_decisions_follow_rules(conn)?;
    metrics_follow_rules(conn, today)
}

/// The part of [`rows_hold`] a restore asks of a backup: every row readable, every link's ends
/// there and in order, no decision superseded by itself. Not the rules the commands enforce on
/// new input: a backup of a database an older version filled (a rule that repeats too often, a
/// metric named with digits) is the user's own data and restores as it was.
pub(crate) fn rows_readable(conn: &rusqlite::Connection) -> Result<(), String> {
    readable(conn)
        .map_err(|(table, e)| format!("table {table} holds a row Bearing cannot read ({e})"))?;
    links_and_decisions_hold(conn)
}

fn load_message(e: LoadError) -> String {
    match e {
        LoadError::UnknownTable(t) => format!("unknown table {t:?}"),
        LoadError::UnknownColumn { table, column } => {
            format!("unknown column {column:?} in table {table}")
        }
        LoadError::Rejected {
            table,
            row: 0,
            detail,
        } => format!("table {table}: {detail}"),
        LoadError::Rejected { table, row, detail } => format!("table {table}, row {row}: {detail}"),
        LoadError::Store(e) => e.to_string(),
    }
}

/// Refuses metric rows the commands would never write: settings `metric add` refuses (a name of
/// only digits, a warning on the far side of the target), a value dated on another day than the
/// first of its period (two such in a week were shown as two weeks, and the next log dropped
/// one), a period outside the years 1 to 9999 or not begun by `today`. Names the table, the row's id and the column.
fn metrics_follow_rules(
    conn: &rusqlite::Connection,
    today: Option<chrono::NaiveDate>,
) -> Result<(), String> {
    use crate::domain::metric_period::Period;
    let all = metrics::list(conn).map_err(|e| e.to_string())?;
    for m in &all {
        m.fields.clone().check().map_err(|e| {
            format!(
                "table metric, id {}, column {}: {}; fix it and import again",
                m.id,
                e.field.unwrap_or("name"),
                e.message
            )
        })?;
    }
    let by_id: std::collections::HashMap<i64, _> = all.iter().map(|m| (m.id, m)).collect();
    // With every value on the first day of its period, UNIQUE (metric_id, period) leaves one
    // per period.
    for v in metrics::all_values(conn).map_err(|e| e.to_string())? {
        let Some(m) = by_id.get(&v.metric_id) else {
            continue;
        };
        let f = &m.fields;
        let period = Period::containing(v.period, f.cadence, f.week_start);
        let noun = f.cadence.noun();
        let start = period.start.format("%Y-%m-%d");
        if period.start != v.period {
            return Err(format!(
                "table metric_value, id {}, column period: {} is not the first day of a {noun} \
                 of metric {} (that {noun} begins {start}); date it {start} and import again",
                v.id,
                v.period.format("%Y-%m-%d"),
                m.id
            ));
        }
        if let Err(e) = crate::domain::metric_period::check_year(period.start) {
            return Err(format!(
                "table metric_value, id {}, column period: {}",
                v.id, e.message
            ));
        }
        if today.is_some_and(|today| period.start > today) {
            return Err(format!(
                "table metric_value, id {}, column period: the {noun} of {start} has not begun; \
                 remove the row or import the file once it has",
                v.id
            ));
        }
    }
    Ok(())
}

/// Refuses a ritual or an imported event whose rule repeats beyond what Bearing follows
/// (`rule_limits`), as `ritual add` and `import-ics` would: expanding it would make the agenda
/// slow and huge.
fn rules_within_limits(conn: &rusqlite::Connection) -> Result<(), String> {
    for entry in calendar::all(conn).map_err(|e| e.to_string())? {
        for rule in &entry.event.rrules {
            let start = entry.event.start.naive();
            if let Err(RecurrenceError::OverLimit { reason, .. }) =
                Recurrence::new(Some(rule), start, chrono::Weekday::Mon)
            {
                return Err(format!(
                    "table calendar_event, id {} ({}): {reason}; remove it or import the calendar \
                     again with `bearing import-ics`",
                    entry.id,
                    event_label(&entry.event.title, &entry.event.uid)
                ));
            }
        }
    }
    for ritual in rituals::list(conn).map_err(|e| e.to_string())? {
        if let Err(RecurrenceError::OverLimit { reason, .. }) = Recurrence::of(&ritual.fields) {
            return Err(format!(
                "table ritual, id {} (\"{}\"): {reason}; change its rrule",
                ritual.id,
                printable(&ritual.fields.name)
            ));
        }
    }
    Ok(())
}

/// Reads every entity back through the store's decoders, so a row with, say, a malformed date is
/// refused at import instead of breaking a pane later. Names the table at fault.
fn readable(conn: &rusqlite::Connection) -> Result<(), (&'static str, StoreError)> {
    fn at<T>(
        table: &'static str,
        r: Result<T, StoreError>,
    ) -> Result<T, (&'static str, StoreError)> {
        r.map_err(|e| (table, e))
    }
    for person in at("person", people::list(conn))? {
        at("note", notes::for_person(conn, person.id, None))?;
        at("person_context", notes::context_for(conn, person.id))?;
        at(
            "health_read",
            crate::store::health::for_person(conn, person.id),
        )?;
        at("topic", topics::queued(conn, person.id))?;
        at("topic", topics::discussed(conn, person.id, u32::MAX))?;
        at(
            "action_item",
            actions::for_person(conn, person.id, u32::MAX),
        )?;
    }
    at("ritual", rituals::list(conn))?;
    at("occurrence", occurrences::all(conn))?;
    at("calendar_event", calendar::all(conn))?;
    at("metric", metrics::list(conn))?;
    at("metric_value", metrics::all_values(conn))?;
    at("plan", plan::get(conn))?;
    at("goal", plan::goals(conn))?;
    at("checkin", plan::checkins(conn))?;
    for risk in at("risk", risks::list(conn))? {
        at("risk_review", risks::history(conn, risk.id))?;
    }
    // Actions tied to nobody, too (the loop above read each person's).
    at("action_item", actions::list(conn, None, None))?;
    at("decision", decisions::list(conn))?;
    at("link", links::all(conn))?;
    Ok(())
}

/// Refuses links and decisions the commands would never write: a link between an object and
/// itself, to an object that does not exist, or with its ends in the other order than
/// `bearing link` stores them (it would repeat a link in reverse, and `unlink` could never
/// find it); a decision superseded by itself. Names the table, the row's id and what to fix.
fn links_and_decisions_hold(conn: &rusqlite::Connection) -> Result<(), String> {
    use crate::domain::link::ends;
    for link in links::all(conn).map_err(|e| e.to_string())? {
        let id = link.id;
        match ends(link.a, link.b) {
            Err(_) => {
                return Err(format!(
                    "table link, id {id}: it links {} with itself; remove the row",
                    link.a
                ));
            }
            Ok(ordered) if ordered != (link.a, link.b) => {
                return Err(format!(
                    "table link, id {id}: its ends are in reverse order (a {} and b {}); swap \
                     them, or remove the row if it repeats another link",
                    link.a, link.b
                ));
            }
            Ok(_) => {}
        }
        for end in [link.a, link.b] {
            if !links::exists(conn, end).map_err(|e| e.to_string())? {
                return Err(format!(
                    "table link, id {id}: {end} does not exist; remove the row or add the {}",
                    end.kind
                ));
            }
        }
    }
    let all = decisions::list(conn).map_err(|e| e.to_string())?;
    for d in &all {
        let Some(by) = d.fields.superseded_by else {
            continue;
        };
        if by == d.id {
            return Err(format!(
                "table decision, id {}, column superseded_by: a decision cannot supersede \
                 itself; set it to null or to the id of the decision that replaced it",
                d.id
            ));
        }
    }
    Ok(())
}

/// Refuses what the commands refuse and an earlier version's import took (so a restore of your
/// own backup still takes it): people reporting to each other in a loop, a decision superseded
/// while it is still in force, decisions superseding each other in a loop. Names the row.
fn org_and_decisions_follow_rules(conn: &rusqlite::Connection) -> Result<(), String> {
    let everyone = people::list(conn).map_err(|e| e.to_string())?;
    for p in &everyone {
        if let Some(chain) = crate::domain::org::loop_through(&everyone, p.id, p.reports_to) {
            let ids: Vec<String> = chain.iter().map(i64::to_string).collect();
            return Err(format!(
                "table person, id {}, column reports_to: people {} report to each other in a \
                 loop (`person edit` refuses it); set reports_to to null on one of them",
                p.id,
                ids.join(" → ")
            ));
        }
    }
    let all = decisions::list(conn).map_err(|e| e.to_string())?;
    let replaced_by: std::collections::HashMap<i64, i64> = all
        .iter()
        .filter_map(|d| Some((d.id, d.fields.superseded_by?)))
        .collect();
    for d in &all {
        let Some(by) = d.fields.superseded_by else {
            continue;
        };
        if d.fields.status != crate::domain::decision::DecisionStatus::Superseded {
            return Err(format!(
                "table decision, id {}, column status: it is {} but superseded by decision \
                 {by}; set its status to superseded, or superseded_by to null",
                d.id, d.fields.status
            ));
        }
        // Replaced by a decision that is (in the end) replaced by it: a loop with nothing in
        // force, which the commands never write.
        let mut seen = vec![d.id];
        let mut next = Some(by);
        while let Some(at) = next {
            if seen.contains(&at) {
                return Err(format!(
                    "table decision, id {}, column superseded_by: decisions {} supersede each \
                     other in a loop; set superseded_by to null on one of them",
                    d.id,
                    seen.iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            seen.push(at);
            next = replaced_by.get(&at).copied();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> Store {
        Store::open_in_memory().unwrap()
    }

    /// The segments a full-text index is in, as (level, pages), from FTS5's structure record: a
    /// 4-byte cookie, then varints: the levels, the segments, a write counter, and for each
    /// level the segments being merged and its segments, each an id and its first and last page
    /// (a `contentless_delete` table, which Bearing has none of, would put a 4-byte marker first).
    fn segments(store: &Store, table: &str) -> Vec<(u64, u64)> {
        let block: Vec<u8> = store
            .conn()
            .query_row(
                &format!("SELECT block FROM {table}_data WHERE id = 10"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mut values = block[4..]
            .iter()
            .scan(0u64, |value, byte| {
                *value = (*value << 7) | u64::from(byte & 0x7f);
                Some(if byte & 0x80 == 0 {
                    Some(std::mem::take(value))
                } else {
                    None
                })
            })
            .flatten();
        let mut next = || values.next().unwrap();
        let levels = next();
        let _segments = next();
        let _writes = next();
        let mut found = Vec::new();
        for level in 0..levels {
            let _merging = next();
            for _ in 0..next() {
                let (_id, first, last) = (next(), next(), next());
                found.push((level, last - first + 1));
            }
        }
        found
    }

    /// Every column the demos fill with days only is checked as a day on import, every one
    /// they fill with times only as a time, and no other: a new date column left out of
    /// `DAY_COLUMNS` (or `date_form`) fails here, not silently on a crafted file.
    #[test]
    fn every_column_holding_days_or_times_is_checked_as_one() {
        let shape = |text: &str| {
            let b = text.as_bytes();
            let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
            let day = b.len() >= 10
                && digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10);
            match b.len() {
                10 if day => Some(DateForm::Day),
                16 | 19
                    if day
                        && b[10] == b'T'
                        && digits(11..13)
                        && b[13] == b':'
                        && digits(14..16) =>
                {
                    Some(DateForm::Time)
                }
                _ => None,
            }
        };
        let mut small = fresh();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        crate::ops::demo::load_demo(&mut small, chrono::Weekday::Mon, now).unwrap();
        // Neither demo records a health read.
        let flight = crate::domain::health::FlightRisk::Low;
        crate::ops::health::add_health_read(&mut small, 1, now.date(), 4, flight, "").unwrap();
        let mut large = fresh();
        let size = crate::ops::demo_large::Size {
            people: 10,
            team_rituals: 3,
            one_on_ones: 4,
            notes: 100,
            topics: 100,
            actions: 100,
            goals: 10,
            risks: 20,
            years: 1,
        };
        crate::ops::demo_large::load_large(&mut large, size, 3, chrono::Weekday::Mon, now).unwrap();
        let mut seen: BTreeMap<(String, String), Option<Option<DateForm>>> = BTreeMap::new();
        for store in [&small, &large] {
            for &table in dump::TABLES.iter().filter(|t| **t != "calendar_event") {
                dump::each_row(
                    store.conn(),
                    table,
                    |names, values| -> Result<(), StoreError> {
                        for (name, value) in names.iter().zip(values) {
                            let form = match value {
                                rusqlite::types::ValueRef::Text(t) => {
                                    shape(&String::from_utf8_lossy(t))
                                }
                                rusqlite::types::ValueRef::Null => continue,
                                _ => None,
                            };
                            let slot = seen
                                .entry((table.to_string(), name.clone()))
                                .or_insert(Some(form));
                            if *slot != Some(form) {
                                *slot = Some(None);
                            }
                        }
                        Ok(())
                    },
                )
                .unwrap();
            }
        }
        let mut wrong = Vec::new();
        for ((table, column), form) in &seen {
            let form = form.flatten();
            if form != date_form(table, column) {
                wrong.push(format!(
                    "{table}.{column}: holds {form:?}, checked as {:?}",
                    date_form(table, column)
                ));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
        for (table, column) in DAY_COLUMNS {
            assert!(
                seen.contains_key(&(table.to_string(), column.to_string())),
                "{table}.{column} is listed but no demo fills it"
            );
        }
    }

    #[test]
    fn the_demo_and_an_import_leave_each_search_index_in_one_segment() {
        let mut demo = fresh();
        let size = crate::ops::demo_large::Size {
            people: 10,
            team_rituals: 3,
            one_on_ones: 4,
            notes: 400,
            topics: 300,
            actions: 300,
            goals: 10,
            risks: 20,
            years: 1,
        };
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        crate::ops::demo_large::load_large(&mut demo, size, 3, chrono::Weekday::Mon, now).unwrap();
        let text = json_export(&demo).unwrap();
        let mut imported = fresh();
        json_import(&mut imported, &read_export(&text, "x.json").unwrap()).unwrap();
        for store in [&demo, &imported] {
            for table in [
                "search_note",
                "search_topic",
                "search_action",
                "search_person",
            ] {
                assert_eq!(segments(store, table).len(), 1, "{table}");
            }
            // The indexes of hundreds of rows: above the level each later save writes its
            // segment to, so FTS5 does not merge the whole index into those a few saves later
            // (a few dozen rows make too few pages for FTS5 to merge as it builds, and cost
            // nothing to merge later).
            for table in ["search_note", "search_topic", "search_action"] {
                let level = segments(store, table)[0].0;
                assert!(level >= 2, "{table} on level {level}");
            }
            crate::store::search::verify_index(store.conn()).unwrap();
        }
        // Found as before.
        let found = crate::store::search::search(imported.conn(), "budget", 5).unwrap();
        assert!(!found.is_empty());
    }

    #[test]
    fn empty_database_round_trips() {
        let store = fresh();
        let text = json_export(&store).unwrap();
        assert!(text.contains("\"format\": \"bearing-export\""));
        let mut other = fresh();
        let summary = json_import(&mut other, &read_export(&text, "x.json").unwrap()).unwrap();
        assert_eq!(summary.rows, 0);
        assert_eq!(json_export(&other).unwrap(), text);
    }

    #[test]
    fn foreign_and_damaged_files_are_refused() {
        let mut store = fresh();
        for (text, expect) in [
            ("not json", "not valid JSON"),
            ("{\"a\": 1}", "not a Bearing export"),
            ("[1, 2]", "not a Bearing export"),
            (
                "{\"format\": \"bearing-export\", \"format_version\": 9, \"schema_version\": 1, \"tables\": {}}",
                "newer Bearing",
            ),
            (
                "{\"format\": \"bearing-export\", \"format_version\": 1, \"schema_version\": 99, \"tables\": {}}",
                "newer Bearing",
            ),
            (
                "{\"format\": \"bearing-export\", \"format_version\": 1, \"schema_version\": 1, \"tables\": {\"nope\": []}}",
                "unknown table",
            ),
            (
                "{\"format\": \"bearing-export\", \"format_version\": 1, \"schema_version\": 1, \"tables\": {\"person\": [{\"id\": 1, \"shoe\": 3}]}}",
                "unknown column \"shoe\"",
            ),
            (
                "{\"format\": \"bearing-export\", \"format_version\": 1, \"schema_version\": 1, \"tables\": {\"person\": [{\"id\": [1]}]}}",
                "row 1, column id",
            ),
            (
                "{\"format\": \"bearing-export\", \"format_version\": 1, \"schema_version\": 1, \"tables\": {\"person\": [{\"id\": 1, \"name\": true}]}}",
                "row 1, column name: holds true or false",
            ),
            (
                "{\"format\": \"bearing-export\", \"format_version\": 1, \"schema_version\": 1, \"tables\": {\"note\": [{\"id\": 1, \"person_id\": 5, \"date\": \"2026-01-01\", \"body\": \"x\", \"created_at\": \"2026-01-01T00:00:00\", \"updated_at\": \"2026-01-01T00:00:00\"}]}}",
                "refers to a row",
            ),
        ] {
            let err = read_export(text, "f.json")
                .and_then(|export| json_import(&mut store, &export))
                .unwrap_err()
                .to_string();
            assert!(err.contains(expect), "{text}: {err}");
            assert!(err.starts_with("f.json: "), "{err}");
            assert_eq!(dump::row_count(store.conn()).unwrap(), 0);
        }
    }
    /// The demo's export with `change` made to its first row of `table`.
    fn demo_export_with(
        table: &str,
        change: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>),
    ) -> String {
        demo_export_rows(table, |rows| change(rows[0].as_object_mut().unwrap()))
    }

    /// The demo's export with `change` made to its rows of `table`.
    fn demo_export_rows(table: &str, change: impl FnOnce(&mut Vec<serde_json::Value>)) -> String {
        let mut demo = fresh();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        crate::ops::demo::load_demo(&mut demo, chrono::Weekday::Mon, now).unwrap();
        let mut doc: serde_json::Value =
            serde_json::from_str(&json_export(&demo).unwrap()).unwrap();
        let rows = doc["tables"][table].as_array_mut().unwrap();
        assert!(!rows.is_empty(), "the demo has a {table}");
        change(rows);
        doc.to_string()
    }

    /// Found by the adversarial pass: these were imported (exit 0) and then sorted out of place,
    /// held two values for one week, or left nothing in force.
    #[test]
    fn days_and_times_written_otherwise_and_decisions_replaced_in_a_loop_are_refused() {
        use serde_json::json;
        let supersede = |rows: &mut Vec<serde_json::Value>, from: usize, to: usize| {
            let by = rows[to]["id"].clone();
            rows[from]["superseded_by"] = by;
        };
        let cases: Vec<(String, &str)> = vec![
            (
                demo_export_with("decision", |d| {
                    d.insert("date".into(), json!("2026-6-1"));
                }),
                "table decision, row 1, column date: a day must be a real day written YYYY-MM-DD",
            ),
            (
                demo_export_with("metric_value", |v| {
                    v.insert("period".into(), json!(" 2026-06-01"));
                }),
                "table metric_value, row 1, column period: a day must be a real day",
            ),
            (
                demo_export_with("person", |p| {
                    p.insert("created_at".into(), json!("2026-11-01 09:00:00"));
                }),
                "table person, row 1, column created_at: a time must be a real time",
            ),
            (
                demo_export_rows("decision", |rows| {
                    rows[0]["status"] = json!("accepted");
                    supersede(rows, 0, 1);
                }),
                "column status: it is accepted but superseded by decision",
            ),
            (
                demo_export_rows("decision", |rows| {
                    for (from, to) in [(0, 1), (1, 0)] {
                        rows[from]["status"] = json!("superseded");
                        supersede(rows, from, to);
                    }
                }),
                "supersede each other in a loop",
            ),
            (
                demo_export_rows("person", |rows| {
                    let (a, b) = (rows[0]["id"].clone(), rows[1]["id"].clone());
                    rows[0]["reports_to"] = b;
                    rows[1]["reports_to"] = a;
                }),
                "report to each other in a loop",
            ),
            (
                demo_export_with("person", |p| {
                    let me = p["id"].clone();
                    p.insert("reports_to".into(), me);
                }),
                "report to each other in a loop",
            ),
        ];
        each_is_refused(cases);
    }

    /// Each export is refused, naming the file and saying `expected`, and imports nothing.
    fn each_is_refused(cases: Vec<(String, &str)>) {
        for (text, expected) in cases {
            let mut store = fresh();
            let err = read_export(&text, "f.json")
                .and_then(|export| json_import(&mut store, &export))
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with("f.json: ") && err.contains(expected),
                "{expected}: {err}"
            );
            assert_eq!(dump::row_count(store.conn()).unwrap(), 0, "{expected}");
        }
    }

    #[test]
    fn decisions_and_links_the_commands_would_refuse_are_refused_naming_the_row() {
        use serde_json::json;
        let first_link = |export: &str| {
            let doc: serde_json::Value = serde_json::from_str(export).unwrap();
            doc["tables"]["link"][0].clone()
        };
        let untouched = demo_export_with("link", |_| {});
        let link = first_link(&untouched);
        let cases: Vec<(String, &str)> = vec![
            (
                demo_export_with("decision", |d| {
                    d.insert("date".into(), json!("2026-02-30"));
                }),
                "table decision, row 1, column date: a day must be a real day",
            ),
            (
                demo_export_with("link", |l| {
                    l.insert("created_at".into(), json!("garbage"));
                }),
                "table link, row 1, column created_at: a time must be a real time",
            ),
            (
                demo_export_with("link", |l| {
                    l.insert("a_kind".into(), json!("goal"));
                    l.insert("a_id".into(), json!(999));
                    l.insert("b_kind".into(), json!("risk"));
                    l.insert("b_id".into(), json!(1));
                }),
                "goal:999 does not exist",
            ),
            (
                demo_export_with("link", |l| {
                    let (a_kind, a_id) = (link["a_kind"].clone(), link["a_id"].clone());
                    l.insert("a_kind".into(), link["b_kind"].clone());
                    l.insert("a_id".into(), link["b_id"].clone());
                    l.insert("b_kind".into(), a_kind);
                    l.insert("b_id".into(), a_id);
                }),
                "its ends are in reverse order",
            ),
            (
                demo_export_with("link", |l| {
                    l.insert("b_kind".into(), link["a_kind"].clone());
                    l.insert("b_id".into(), link["a_id"].clone());
                }),
                // The schema's own CHECK refuses it first.
                "table link, row 1: CHECK constraint failed",
            ),
            (
                demo_export_with("decision", |d| {
                    let id = d["id"].clone();
                    d.insert("superseded_by".into(), id);
                }),
                "cannot supersede itself",
            ),
        ];
        each_is_refused(cases);
        // The demo's own links and decisions pass.
        let mut store = fresh();
        json_import(&mut store, &read_export(&untouched, "f.json").unwrap()).unwrap();
    }

    fn with_journal(before: &str, after: &str, entity: &str) -> String {
        let row = serde_json::json!({
            "id": 1, "at": "2026-11-23T09:00:00", "action": "insert person",
            "entity": entity, "entity_id": 1, "before": before, "after": after,
            "undone": 0, "session": "w1"
        });
        serde_json::json!({
            "format": "bearing-export", "format_version": 1, "schema_version": 3,
            "tables": {"change_log": [row]}
        })
        .to_string()
    }

    #[test]
    fn crafted_journal_entries_are_refused_naming_row_and_column_not_content() {
        let person = r#"{"career_goals":"","context":"","created_at":"2026-11-23T09:00:00",
            "id":1,"name":"Zed","prompts":"","relation":"report","role":"","team":"",
            "updated_at":"2026-11-23T09:00:00"}"#;
        let good_after = format!(r#"[{{"table":"person","id":1,"row":{person}}}]"#);
        let good_before = r#"[{"table":"person","id":1,"row":null}]"#;
        let injected = r#"[{"table":"person\" WHERE id = ?1 OR 1=1 --","id":1,"row":null}]"#;
        let column = r#"[{"table":"person","id":1,"row":{"name\" = ?1 WHERE 1=1 --":"x"}}]"#;
        let cases = [
            (
                with_journal(injected, &good_after, "person"),
                "column before: it names a table",
            ),
            (
                with_journal(good_before, injected, "person"),
                "column after: it names a table",
            ),
            (
                with_journal(column, &good_after, "person"),
                "column before: it names a column",
            ),
            (
                with_journal(good_before, "not json", "person"),
                "column after: not a list",
            ),
            (
                with_journal(good_before, &good_after, "person\" OR 1=1"),
                "column entity: it names a table",
            ),
            (
                with_journal(
                    r#"[{"table":"meta","id":1,"row":null}]"#,
                    &good_after,
                    "person",
                ),
                "column before: it names a table",
            ),
            (
                with_journal(
                    r#"[{"table":"note","id":1,"row":null}]"#,
                    &good_after,
                    "person",
                ),
                "column after: its before and after images name different rows",
            ),
            (
                with_journal(good_before, &good_after.replace("\"Zed\"", "[1]"), "person"),
                "column after: it holds a value no column can take",
            ),
        ];
        for (text, expected) in cases {
            let err = read_export(&text, "f.json").unwrap_err().to_string();
            assert!(
                err.starts_with("f.json: table change_log, row 1, ") && err.contains(expected),
                "{expected}: {err}"
            );
            assert!(!err.contains("1=1") && !err.contains("not json"), "{err}");
        }
        read_export(&with_journal(good_before, &good_after, "person"), "f.json").unwrap();
    }

    #[test]
    fn a_journal_round_trips_byte_for_byte() {
        use crate::domain::person::PersonDraft;
        use crate::ops::people::{self, PersonInput};
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut store = fresh();
        store.journal(Some(now)).unwrap();
        for name in ["Ada", "Grace"] {
            let draft = PersonDraft {
                name: name.into(),
                ..PersonDraft::default()
            };
            let input = PersonInput {
                draft,
                one_on_one: None,
            };
            people::add_person(&mut store, input, chrono::Weekday::Mon, now).unwrap();
        }
        crate::ops::history::undo(&mut store).unwrap();
        let text = json_export(&store).unwrap();
        assert!(text.contains("\"session\": \"w"), "{text}");
        let mut other = fresh();
        json_import(&mut other, &read_export(&text, "x.json").unwrap()).unwrap();
        assert_eq!(json_export(&other).unwrap(), text);
    }
}
