//! calcurse's data directory (`-D DIR`) made from a Bearing demo: the JSON export turned into
//! an iCalendar file that calcurse imports itself (`calcurse -D DIR -i FILE`): every ritual as a
//! recurring appointment, every 1:1 note as an event on its day with the note attached, every
//! action and talking point as a todo. No calcurse code is involved but the program.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// A weekly rule's first meeting on or after `start`: calcurse refuses a rule whose start
/// day is not one of its days.
fn first_day(start: NaiveDateTime, rrule: &str) -> NaiveDateTime {
    let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let wanted = rrule
        .split(';')
        .find_map(|part| part.strip_prefix("BYDAY="))
        .and_then(|d| days.iter().position(|x| *x == d));
    match wanted {
        Some(day) if rrule.contains("FREQ=WEEKLY") => {
            let from = start.date().weekday().num_days_from_monday() as i64;
            start + chrono::Duration::days((day as i64 - from).rem_euclid(7))
        }
        _ => start,
    }
}

/// The calendar file for `export` (the text of `bearing export --format json`).
pub fn ics(export: &str) -> String {
    let export: serde_json::Value = serde_json::from_str(export).unwrap();
    let tables = &export["tables"];
    let rows = |t: &str| tables[t].as_array().cloned().unwrap_or_default();
    let people: std::collections::HashMap<i64, String> = rows("person")
        .iter()
        .map(|p| {
            (
                p["id"].as_i64().unwrap(),
                p["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bearing bench//EN\r\n");
    for r in rows("ritual") {
        let start = NaiveDateTime::parse_from_str(r["dtstart"].as_str().unwrap(), "%Y-%m-%dT%H:%M")
            .unwrap();
        let rule = r["rrule"].as_str().unwrap_or("");
        let start = first_day(start, rule);
        let _ = write!(
            out,
            "BEGIN:VEVENT\r\nUID:r{}\r\nDTSTART:{}\r\nDURATION:PT{}M\r\n",
            r["id"],
            start.format("%Y%m%dT%H%M%S"),
            r["duration_min"]
        );
        if !rule.is_empty() {
            let _ = write!(out, "RRULE:{rule}\r\n");
        }
        let _ = write!(
            out,
            "SUMMARY:{}\r\nEND:VEVENT\r\n",
            escape(r["name"].as_str().unwrap())
        );
    }
    for n in rows("note") {
        let date = NaiveDate::parse_from_str(n["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let who = &people[&n["person_id"].as_i64().unwrap()];
        let _ = write!(
            out,
            "BEGIN:VEVENT\r\nUID:n{}\r\nDTSTART;VALUE=DATE:{}\r\nSUMMARY:{}\r\nDESCRIPTION:{}\r\nEND:VEVENT\r\n",
            n["id"],
            date.format("%Y%m%d"),
            escape(&format!("1:1 note, {who}")),
            escape(n["body"].as_str().unwrap())
        );
    }
    for (table, prefix) in [("action_item", "a"), ("topic", "t")] {
        for t in rows(table) {
            let _ = write!(
                out,
                "BEGIN:VTODO\r\nUID:{prefix}{}\r\nSUMMARY:{}\r\nPRIORITY:{}\r\nEND:VTODO\r\n",
                t["id"],
                escape(t["body"].as_str().unwrap()),
                if table == "topic" { 3 } else { 1 }
            );
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// Fills `dir` (calcurse's data directory) from `export`; returns calcurse's import report.
/// calcurse exits with 1 when it skipped items (rules it cannot express, such as "the last
/// Friday of the month"); the report says how many.
pub fn import(export: &str, dir: &Path) -> String {
    let file = dir.join("demo.ics");
    std::fs::write(&file, ics(export)).unwrap();
    let out = Command::new("calcurse")
        .arg("-D")
        .arg(dir)
        .arg("-i")
        .arg(&file)
        .env("TMPDIR", dir)
        .output()
        .unwrap();
    let report: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("apps") || l.contains("lines read"))
        .map(str::to_string)
        .collect();
    assert!(report.len() == 2, "{out:?}");
    std::fs::remove_file(&file).unwrap();
    report.join("; ")
}

/// True when calcurse can be run here.
pub fn available() -> bool {
    Command::new("calcurse")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}
