//! Imported calendars keep their rules and are expanded when shown (issue 17): they reach as far
//! ahead as their rules, follow a change of the machine's zone, and earlier imports and exports
//! still show what they showed.

use crate::support::{FIXED_NOW, stderr, stdout};

use serde_json::Value;
use std::path::Path;

const GOOGLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/google.ics");

fn run(db: &Path, zone: &str, now: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .arg("--db")
        .arg(db)
        .arg("--ignore-config")
        .args(args)
        .env("BEARING_NOW", now)
        .env("TZ", zone)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// The calendar items of `days` days from `from`: "date start title".
fn shown(db: &Path, zone: &str, from: &str, days: &str) -> Vec<String> {
    let text = run(
        db,
        zone,
        FIXED_NOW,
        &["agenda", "--from", from, "--days", days, "--format", "json"],
    );
    let items: Vec<Value> = serde_json::from_str(&text).unwrap();
    items
        .iter()
        .filter(|i| i["kind"] == "calendar")
        .map(|i| {
            let start = i["start"].as_str().unwrap_or("all day");
            format!(
                "{} {start} {}",
                i["date"].as_str().unwrap(),
                i["title"].as_str().unwrap()
            )
        })
        .collect()
}

const WEEKLY: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n\
BEGIN:VEVENT\r\nUID:w@t\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Ops review\r\n\
DTSTART;TZID=America/New_York:20261102T090000\r\n\
DTEND;TZID=America/New_York:20261102T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn a_series_reaches_past_the_years_around_its_import_and_follows_the_machines_zone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let file = dir.path().join("w.ics");
    std::fs::write(&file, WEEKLY).unwrap();
    run(
        &db,
        "Europe/Berlin",
        FIXED_NOW,
        &["import-ics", file.to_str().unwrap()],
    );
    // Five years on, past the two years an import used to keep.
    assert_eq!(
        shown(&db, "Europe/Berlin", "2031-11-03", "7"),
        ["2031-11-03 15:00 Ops review"]
    );
    // The machine moves to New York, then to Tokyo: no re-import needed.
    assert_eq!(
        shown(&db, "America/New_York", "2026-11-23", "7"),
        ["2026-11-23 09:00 Ops review"]
    );
    assert_eq!(
        shown(&db, "Asia/Tokyo", "2026-11-23", "7"),
        ["2026-11-23 23:00 Ops review"]
    );
}

/// A database at schema 3 with happenings as the import before migration 4 stored them.
fn version_3_database(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    for sql in [
        include_str!("../../src/store/migrations/001_initial.sql"),
        include_str!("../../src/store/migrations/002_indexes.sql"),
        include_str!("../../src/store/migrations/003_journal_session.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 3).unwrap();
    conn.pragma_update(None, "application_id", 0x4252_4E47)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO calendar_event (source, uid, title, start, end_at, all_day, rrule, exdates, \
         recurrence_id) VALUES \
         ('work', 's@g', 'Standup', '2026-11-23T09:30', '2026-11-23T09:45', 0, \
          'FREQ=DAILY;COUNT=5', '', '2026-11-23T09:30'), \
         ('work', 's@g', 'Standup', '2026-11-24T09:30', '2026-11-24T09:45', 0, \
          'FREQ=DAILY;COUNT=5', '', '2026-11-24T09:30'), \
         ('work', 'p@g', 'Platform sync (moved)', '2026-11-23T17:00', '2026-11-23T18:00', 0, \
          'FREQ=WEEKLY', '', '2026-11-23T15:00'), \
         ('work', 'h@g', 'Offsite', '2026-11-28', '2026-11-29', 1, 'FREQ=YEARLY', '', NULL), \
         ('work', 'h@g', 'Offsite', '2027-11-28', '2027-11-29', 1, 'FREQ=YEARLY', '', NULL)",
    )
    .unwrap();
}

#[test]
fn happenings_stored_by_an_earlier_import_show_as_they_did_after_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    version_3_database(&db);
    let expected = [
        "2026-11-23 09:30 Standup",
        "2026-11-23 17:00 Platform sync (moved)",
        "2026-11-24 09:30 Standup",
        "2026-11-28 all day Offsite",
    ];
    for zone in ["Europe/Berlin", "America/New_York"] {
        assert_eq!(shown(&db, zone, "2026-11-23", "7"), expected, "{zone}");
    }
    assert_eq!(
        shown(&db, "UTC", "2027-11-22", "7"),
        ["2027-11-28 all day Offsite"]
    );
    assert!(
        shown(&db, "UTC", "2028-11-20", "14").is_empty(),
        "nothing expanded"
    );
    let text = run(&db, "UTC", FIXED_NOW, &["agenda", "--format", "json"]);
    let moved: Vec<Value> = serde_json::from_str(&text).unwrap();
    let sync = moved
        .iter()
        .find(|i| i["title"] == "Platform sync (moved)")
        .unwrap();
    assert_eq!(
        (&sync["occurrence"], &sync["moved"]),
        (&"2026-11-23T15:00".into(), &true.into())
    );

    // Their JSON export, written before schema 4, imports to the same agenda.
    let export = run(&db, "UTC", FIXED_NOW, &["export", "--format", "json"]);
    let mut old: Value = serde_json::from_str(&export).unwrap();
    old["schema_version"] = 3.into();
    for row in old["tables"]["calendar_event"].as_array_mut().unwrap() {
        let row = row.as_object_mut().unwrap();
        for column in ["rdates", "duration", "cancelled", "first_day", "last_day"] {
            row.remove(column);
        }
        row.insert("rrule".into(), "FREQ=DAILY".into());
    }
    let file = dir.path().join("old.json");
    std::fs::write(&file, old.to_string()).unwrap();
    let other = dir.path().join("other.db");
    run(
        &other,
        "UTC",
        FIXED_NOW,
        &["import", file.to_str().unwrap()],
    );
    assert_eq!(shown(&other, "UTC", "2026-11-23", "7"), expected);
}

#[test]
fn an_import_round_trips_through_json_and_reimport_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    run(&db, "Europe/Berlin", FIXED_NOW, &["import-ics", GOOGLE]);
    let export = run(
        &db,
        "Europe/Berlin",
        FIXED_NOW,
        &["export", "--format", "json"],
    );
    let file = dir.path().join("e.json");
    std::fs::write(&file, &export).unwrap();
    let other = dir.path().join("other.db");
    run(
        &other,
        "Europe/Berlin",
        FIXED_NOW,
        &["import", file.to_str().unwrap()],
    );
    assert_eq!(
        run(
            &other,
            "Europe/Berlin",
            FIXED_NOW,
            &["export", "--format", "json"]
        ),
        export,
        "export → import → export is byte-identical"
    );
    assert_eq!(
        shown(&other, "Europe/Berlin", "2026-11-23", "7"),
        shown(&db, "Europe/Berlin", "2026-11-23", "7")
    );
}

#[test]
fn a_calendar_imported_beside_the_open_cockpit_is_announced_like_a_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    crate::support::ok(&db, &["person", "add", "--name", "Ada"]);
    let mut tui = crate::support::Pty::start_with_env(&db, &[], 100, 30, &[("TZ", "UTC")]);
    tui.wait_for("Agenda");
    let file = dir.path().join("call.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n\
         UID:call@t\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Vendor call\r\n\
         DTSTART:20261123T090300Z\r\nDTEND:20261123T093000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    // The CLI, as a second writer beside the cockpit.
    run(
        &db,
        "UTC",
        FIXED_NOW,
        &["import-ics", file.to_str().unwrap()],
    );
    tui.wait_for("Vendor call in 3 min");
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn floating_times_are_named_once_per_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let khal = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/calendars/khal/event_dt_multi_recuid_no_master.ics"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .arg("--db")
        .arg(&db)
        .arg("--ignore-config")
        .args(["import-ics", khal])
        .env("BEARING_NOW", FIXED_NOW)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "Note: 2 events have floating times (no time zone), shown at those times in this \
         machine's zone: \"Arbeit\", \"Arbeit\".\n"
    );
}
