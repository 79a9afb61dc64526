//! `export --format ics` read by independent implementations (issue 17): two Rust parsers
//! (`ical`, `icalendar`), an RFC 5545 expansion written here over the `rrule` crate, and, where
//! installed, python-recurring-ical-events and calcurse. Expanding the file must give exactly the
//! agenda's meetings over two years.

use crate::support::{FIXED_NOW, stderr, stdout};
use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone};
use std::collections::BTreeMap;
use std::path::Path;

const FLOATING: &str = "%Y%m%dT%H%M%S";

fn run(db: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .arg("--db")
        .arg(db)
        .arg("--ignore-config")
        .args(args)
        .env("BEARING_NOW", FIXED_NOW)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The demo (16 rituals, moved and skipped meetings, a one-off) plus the cases: a Tuesday
/// series started on a Monday, one with COUNT, and a series split by an edit.
fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    run(&db, &["demo", "--no-tui"]);
    let add = |name: &str, rule: &str, start: &str| {
        run(
            &db,
            &[
                "ritual",
                "add",
                "--name",
                name,
                "--rrule",
                rule,
                "--start",
                start,
                "--duration",
                "30",
            ],
        );
    };
    add("Tuesday sync", "FREQ=WEEKLY;BYDAY=TU", "2026-11-30T10:00");
    add(
        "Five Thursdays",
        "FREQ=WEEKLY;BYDAY=TH;COUNT=5",
        "2026-11-23T16:00",
    );
    add(
        "Month end",
        "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231",
        "2026-11-02T08:30",
    );
    db
}

fn director(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("director.db");
    run(&db, &["init", "--template", "director"]);
    db
}

/// The agenda's meetings over two years from the fixed now: "start end title", skipped ones
/// left out (the export takes them away with EXDATE or CANCELLED).
fn agenda_meetings(db: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    for (from, days) in [("2026-11-23", "366"), ("2027-11-24", "364")] {
        let text = run(
            db,
            &["agenda", "--from", from, "--days", days, "--format", "json"],
        );
        let items: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        for i in items {
            let meeting = matches!(i["kind"].as_str(), Some("ritual" | "one_on_one"));
            if !meeting || i["status"] == "skipped" {
                continue;
            }
            let date = i["date"].as_str().unwrap();
            let (start, end) = (i["start"].as_str().unwrap(), i["end"].as_str().unwrap());
            let start = NaiveDateTime::parse_from_str(&format!("{date}T{start}"), "%Y-%m-%dT%H:%M")
                .unwrap();
            let mut end_at =
                NaiveDateTime::parse_from_str(&format!("{date}T{end}"), "%Y-%m-%dT%H:%M").unwrap();
            if end_at < start {
                end_at += Duration::days(1);
            }
            lines.push(format!(
                "{} {} {}",
                start.format("%Y-%m-%dT%H:%M:%S"),
                end_at.format("%Y-%m-%dT%H:%M:%S"),
                i["title"].as_str().unwrap()
            ));
        }
    }
    lines.sort();
    lines
}

fn window() -> (NaiveDateTime, NaiveDateTime) {
    let from = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    (from.into(), (from + Duration::days(730)).into())
}

/// RFC 5545 §3.1, §3.6, §3.6.1, §3.6.2, §3.8.7.2: CRLF lines of at most 75 octets, VERSION and
/// PRODID once, and every VEVENT and VTODO with one UID and one DTSTAMP in UTC.
fn check_strict(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(!line.contains(['\r', '\n']), "bare line break: {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "control character: {line:?}"
        );
    }
    let calendar = text
        .parse::<icalendar::Calendar>()
        .unwrap_or_else(|e| panic!("the icalendar crate refuses it: {e}"));
    assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
    assert!(calendar.property_value("PRODID").is_some());
    let mut parsed = ical::IcalParser::new(text.as_bytes());
    let ical = parsed.next().unwrap().unwrap();
    assert!(parsed.next().is_none(), "one VCALENDAR");
    let count = |props: &[ical::property::Property], name: &str| {
        props.iter().filter(|p| p.name == name).count()
    };
    assert_eq!(count(&ical.properties, "VERSION"), 1);
    assert_eq!(count(&ical.properties, "PRODID"), 1);
    let components = ical
        .events
        .iter()
        .map(|e| &e.properties)
        .chain(ical.todos.iter().map(|t| &t.properties));
    for props in components {
        assert_eq!(count(props, "UID"), 1, "{props:?}");
        assert_eq!(count(props, "DTSTAMP"), 1, "{props:?}");
        let stamp = props.iter().find(|p| p.name == "DTSTAMP").unwrap();
        let stamp = stamp.value.as_deref().unwrap();
        assert!(stamp.len() == 16 && stamp.ends_with('Z'), "DTSTAMP {stamp}");
    }
    for todo in &ical.todos {
        let due = todo.properties.iter().find(|p| p.name == "DUE").unwrap();
        let value_date = due
            .params
            .iter()
            .flatten()
            .any(|(k, v)| k == "VALUE" && v == &["DATE".to_string()]);
        assert!(value_date, "a date DUE says VALUE=DATE");
    }
}

fn prop<'a>(event: &'a ical::parser::ical::component::IcalEvent, name: &str) -> Option<&'a str> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

fn floating(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, FLOATING).unwrap()
}

/// The meetings of the file as RFC 5545 defines them, computed here from the parsed text: a
/// series is DTSTART and its RRULE's matches (with the `rrule` crate, floating times read as
/// UTC), less EXDATEs, with each RECURRENCE-ID override in its instance's place; a cancelled
/// one-off is none.
fn rfc_meetings(text: &str) -> Vec<String> {
    let utc = |t: NaiveDateTime| rrule::Tz::UTC.from_utc_datetime(&t);
    let ical = ical::IcalParser::new(text.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    let mut overrides: BTreeMap<(String, NaiveDateTime), (NaiveDateTime, NaiveDateTime, String)> =
        BTreeMap::new();
    for e in ical
        .events
        .iter()
        .filter(|e| prop(e, "RECURRENCE-ID").is_some())
    {
        let key = (
            prop(e, "UID").unwrap().to_string(),
            floating(prop(e, "RECURRENCE-ID").unwrap()),
        );
        let value = (
            floating(prop(e, "DTSTART").unwrap()),
            floating(prop(e, "DTEND").unwrap()),
            prop(e, "SUMMARY").unwrap().to_string(),
        );
        overrides.insert(key, value);
    }
    let (from, to) = window();
    let mut lines = Vec::new();
    for e in ical
        .events
        .iter()
        .filter(|e| prop(e, "RECURRENCE-ID").is_none())
    {
        if prop(e, "STATUS") == Some("CANCELLED") {
            continue;
        }
        let uid = prop(e, "UID").unwrap();
        let start = floating(prop(e, "DTSTART").unwrap());
        let length = floating(prop(e, "DTEND").unwrap()) - start;
        let mut starts = vec![start];
        if let Some(rule) = prop(e, "RRULE") {
            let rule: Vec<String> = rule
                .split(';')
                .map(|p| match p.strip_prefix("UNTIL=") {
                    Some(until) => format!("UNTIL={until}Z"),
                    None => p.to_string(),
                })
                .collect();
            let rule: rrule::RRule<rrule::Unvalidated> = rule.join(";").parse().unwrap();
            let set = rrule::RRuleSet::new(utc(start)).rrule(rule.validate(utc(start)).unwrap());
            let set = set.before(utc(to)).after(utc(from - Duration::days(1)));
            starts.extend(set.all(u16::MAX).dates.iter().map(|t| t.naive_utc()));
            starts.sort();
            starts.dedup();
        }
        let exdates: Vec<NaiveDateTime> = e
            .properties
            .iter()
            .filter(|p| p.name == "EXDATE")
            .flat_map(|p| p.value.as_deref().unwrap().split(','))
            .map(floating)
            .collect();
        for t in starts.into_iter().filter(|t| !exdates.contains(t)) {
            let title = prop(e, "SUMMARY").unwrap().to_string();
            let (s, end, title) =
                overrides
                    .get(&(uid.to_string(), t))
                    .cloned()
                    .unwrap_or((t, t + length, title));
            if s >= from && s < to {
                lines.push(format!(
                    "{} {} {}",
                    s.format("%Y-%m-%dT%H:%M:%S"),
                    end.format("%Y-%m-%dT%H:%M:%S"),
                    title
                        .replace("\\,", ",")
                        .replace("\\;", ";")
                        .replace("\\\\", "\\")
                ));
            }
        }
    }
    lines.sort();
    lines
}

#[test]
fn the_export_passes_strict_checks_and_expands_to_exactly_the_agendas_meetings() {
    let dir = tempfile::tempdir().unwrap();
    for db in [demo(dir.path()), director(dir.path())] {
        let text = run(&db, &["export", "--format", "ics"]);
        check_strict(&text);
        let agenda = agenda_meetings(&db);
        assert!(agenda.len() > 400, "{} meetings", agenda.len());
        let rfc = rfc_meetings(&text);
        let only_file: Vec<&String> = rfc.iter().filter(|l| !agenda.contains(l)).collect();
        let only_agenda: Vec<&String> = agenda.iter().filter(|l| !rfc.contains(l)).collect();
        assert!(
            only_file.is_empty() && only_agenda.is_empty(),
            "{}: only in the file {only_file:?}; only on the agenda {only_agenda:?}",
            db.display()
        );
    }
}

#[test]
fn recurring_ical_events_expands_the_export_to_the_agendas_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/expand_ics.py");
    for db in [demo(dir.path()), director(dir.path())] {
        let file = dir.path().join("export.ics");
        std::fs::write(&file, run(&db, &["export", "--format", "ics"])).unwrap();
        let (from, to) = window();
        let out = match std::process::Command::new("python3")
            .arg(&script)
            .arg(&file)
            .arg(from.date().to_string())
            .arg(to.date().to_string())
            .output()
        {
            Ok(out) if out.status.code() != Some(3) => out,
            Ok(out) => return skip("python-recurring-ical-events", &stderr(&out)),
            Err(e) => return skip("python3", &e.to_string()),
        };
        assert!(out.status.success(), "{}", stderr(&out));
        let mut theirs: Vec<String> = stdout(&out)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let s = |k: &str| v[k].as_str().unwrap().to_string();
                format!("{} {} {}", s("start"), s("end"), s("title"))
            })
            .collect();
        theirs.sort();
        let agenda = agenda_meetings(&db);
        let only_theirs: Vec<&String> = theirs.iter().filter(|l| !agenda.contains(l)).collect();
        let only_agenda: Vec<&String> = agenda.iter().filter(|l| !theirs.contains(l)).collect();
        assert!(
            only_theirs.is_empty() && only_agenda.is_empty(),
            "only recurring_ical_events: {only_theirs:?}; only the agenda: {only_agenda:?}"
        );
    }
}

#[test]
fn calcurse_imports_every_ritual() {
    let dir = tempfile::tempdir().unwrap();
    for db in [demo(dir.path()), director(dir.path())] {
        let file = dir.path().join("export.ics");
        let text = run(&db, &["export", "--format", "ics"]);
        std::fs::write(&file, &text).unwrap();
        let home = tempfile::tempdir().unwrap();
        let out = match std::process::Command::new("calcurse")
            .arg("-D")
            .arg(home.path())
            .arg("-i")
            .arg(&file)
            .output()
        {
            Ok(out) => out,
            Err(e) => return skip("calcurse", &e.to_string()),
        };
        let report = format!("{}{}", stdout(&out), stderr(&out));
        let events = text.matches("BEGIN:VEVENT").count();
        let todos = text.matches("BEGIN:VTODO").count();
        assert!(
            report.contains(&format!(
                "{events} apps / 0 events / {todos} todos / 0 skipped"
            )),
            "{}: {report}",
            db.display()
        );
    }
}

/// Optional tools are skipped on a developer's machine; CI (`.ci/run`) installs the Python
/// libraries and sets BEARING_REQUIRE_PYTHON=1, so a missing one fails there.
fn skip(tool: &str, why: &str) {
    let message = format!("skipped: {tool} is not available ({})", why.trim());
    let required = tool != "calcurse" && std::env::var_os("BEARING_REQUIRE_PYTHON").is_some();
    assert!(!required, "{message}");
    eprintln!("{message}");
}
