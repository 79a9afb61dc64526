//! `bearing import-ics`: outside calendars on the agenda, read-only, replaced on re-import.

use crate::support;

use serde_json::{Value, json};
use std::path::Path;
use support::{FIXED_NOW, stderr, stdout};

const GOOGLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/google.ics");
const OUTLOOK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/outlook.ics");

/// `bearing` with the local time zone pinned: imported times are converted to it.
fn bearing(db: &Path, args: &[&str]) -> std::process::Output {
    support::bearing_in("Europe/Berlin", db, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    support::ok_in("Europe/Berlin", db, args)
}

/// The week of 2026-11-23 as JSON, without the row ids (they change on every import).
fn week(db: &Path) -> Vec<Value> {
    let text = ok(db, &["agenda", "--format", "json"]);
    let Value::Array(items) = serde_json::from_str(&text).unwrap() else {
        panic!("not a JSON array: {text}");
    };
    items
        .into_iter()
        .map(|mut item| {
            assert!(item["id"].as_i64().unwrap() > 0);
            item.as_object_mut().unwrap().remove("id");
            item
        })
        .collect()
}

fn calendar(date: &str, start: Option<&str>, end: Option<&str>, title: &str) -> Value {
    json!({
        "date": date, "start": start, "end": end, "kind": "calendar", "title": title,
        "person": null, "person_id": null, "status": null,
        "occurrence": null, "moved": false, "done": false, "conflict": false,
    })
}

/// An instance of a series: `occurrence` is where the rule put it.
fn instance(date: &str, start: &str, end: &str, title: &str, occurrence: &str) -> Value {
    let mut item = calendar(date, Some(start), Some(end), title);
    item["occurrence"] = json!(occurrence);
    item["moved"] = json!(occurrence != format!("{date}T{start}"));
    item
}

fn google_week() -> Vec<Value> {
    vec![
        instance(
            "2026-11-23",
            "09:30",
            "09:45",
            "Standup",
            "2026-11-23T09:30",
        ),
        instance(
            "2026-11-23",
            "17:00",
            "18:00",
            "Platform sync (moved)",
            "2026-11-23T15:00",
        ),
        calendar(
            "2026-11-24",
            Some("14:00"),
            Some("15:00"),
            "Vendor call, Acme",
        ),
        instance(
            "2026-11-25",
            "09:30",
            "09:45",
            "Standup",
            "2026-11-25T09:30",
        ),
        calendar("2026-11-26", None, None, "Thanksgiving (US office closed)"),
        instance(
            "2026-11-26",
            "09:30",
            "09:45",
            "Standup",
            "2026-11-26T09:30",
        ),
        calendar("2026-11-26", Some("14:00"), Some("15:30"), "Focus time"),
        calendar("2026-11-27", Some("08:00"), Some("09:00"), "Dentist"),
        instance(
            "2026-11-27",
            "09:30",
            "09:45",
            "Standup",
            "2026-11-27T09:30",
        ),
        instance(
            "2026-11-27",
            "15:00",
            "15:30",
            "Platform sync",
            "2026-11-27T15:00",
        ),
        calendar("2026-11-28", None, None, "Leadership offsite"),
        calendar("2026-11-29", None, None, "Leadership offsite"),
    ]
}

#[test]
fn a_google_calendar_shows_on_the_agenda_in_local_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let out = ok(&db, &["import-ics", GOOGLE]);
    assert_eq!(
        out,
        format!("Imported 7 events (2 recurring) from {GOOGLE}; replaced 0.\n")
    );
    assert_eq!(week(&db), google_week());

    let text = ok(&db, &["agenda"]);
    assert!(
        text.contains("  all day      Thanksgiving (US office closed)  (calendar)"),
        "{text}"
    );
    assert!(
        text.contains("  17:00–18:00  Platform sync (moved)  (calendar, moved from Mon 15:00)"),
        "{text}"
    );
    let md = ok(&db, &["agenda", "--format", "md"]);
    assert!(
        md.contains("- **14:00–15:00** Vendor call, Acme (calendar)"),
        "{md}"
    );
}

#[test]
fn reimport_replaces_instead_of_duplicating_and_other_calendars_stay() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["import-ics", GOOGLE]);
    let out = bearing(&db, &["import-ics", OUTLOOK, "--name", "corp"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        format!("Imported 4 events (1 recurring) from {OUTLOOK}; replaced 0.\n")
    );
    // "W. Europe Standard Time" is Europe/Berlin (CLDR): nothing to note.
    assert!(!stderr(&out).contains("does not know"), "{}", stderr(&out));
    let both = week(&db);
    assert_eq!(both.len(), 16);
    let steering = both
        .iter()
        .find(|i| i["date"] == "2026-11-24" && i["start"] == "10:00");
    assert_eq!(
        steering.unwrap()["title"],
        "Steering committee: quarterly roadmap and budget alignment with finance and product leadership"
    );

    let out = ok(&db, &["import-ics", GOOGLE]);
    assert!(out.ends_with("; replaced 7.\n"), "{out}");
    assert_eq!(week(&db), both);

    let out = ok(&db, &["import-ics", "--remove", "corp"]);
    assert_eq!(out, "Removed 4 events imported as corp.\n");
    assert_eq!(week(&db), google_week());
    let out = ok(&db, &["import-ics", "--remove", GOOGLE]);
    assert_eq!(out, format!("Removed 7 events imported as {GOOGLE}.\n"));
    assert!(week(&db).is_empty());
}

#[test]
fn bad_input_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["import-ics", GOOGLE]);
    let before = week(&db);

    let no_dtstart = dir.path().join("no-dtstart.ics");
    let text = std::fs::read_to_string(GOOGLE).unwrap();
    std::fs::write(&no_dtstart, text.replace("DTSTART:20261127T080000\r\n", "")).unwrap();
    let not_ics = dir.path().join("notes.txt");
    std::fs::write(&not_ics, "just some notes\n").unwrap();
    let missing = dir.path().join("missing.ics");
    let cases = [
        (
            no_dtstart.as_path(),
            "event \"Dentist\" (UID dentist-1127@google.com) has no DTSTART",
        ),
        (not_ics.as_path(), "not an iCalendar file"),
        (missing.as_path(), "cannot read"),
    ];
    for (file, expected) in cases {
        // Under the same name as the good import, so a partial replace would show.
        let out = bearing(
            &db,
            &["import-ics", file.to_str().unwrap(), "--name", GOOGLE],
        );
        assert_eq!(out.status.code(), Some(2), "{file:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{file:?}: {}",
            stderr(&out)
        );
        assert_eq!(week(&db), before, "{file:?} changed the database");
    }
    let out = bearing(&db, &["import-ics", "--remove", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("imported: {GOOGLE}")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn calendar_events_are_not_rituals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["import-ics", GOOGLE]);
    let rituals = ok(&db, &["ritual", "list", "--format", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&rituals).unwrap(), json!([]));
    let found = ok(&db, &["search", "Standup", "--format", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&found).unwrap(), json!([]));
    let ics = ok(&db, &["export", "--format", "ics"]);
    assert!(!ics.contains("Standup") && !ics.contains("VEVENT"), "{ics}");
}

#[test]
fn calendar_events_count_for_next_unless_the_config_says_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["import-ics", GOOGLE]);
    // Monday 09:00 in Berlin: the standup at 09:30 is next.
    let next: Value = serde_json::from_str(&ok(&db, &["next", "--format", "json"])).unwrap();
    assert_eq!(
        (&next["title"], &next["start"]),
        (&json!("Standup"), &json!("09:30"))
    );
    assert_eq!(ok(&db, &["next"]), "Standup in 30m\n");

    let config = dir.path().join("config.toml");
    std::fs::write(&config, "calendar_reminders = false\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .arg("--db")
        .arg(&db)
        .arg("--config")
        .arg(&config)
        .args(["next", "--format", "json"])
        .env("BEARING_NOW", FIXED_NOW)
        .env("TZ", "Europe/Berlin")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "null");
}
