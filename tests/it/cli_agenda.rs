//! `bearing agenda` and `bearing radar` with real volume's needs (issue 16): meetings first,
//! 1:1s named with their person, overlapping meetings flagged, the radar's words and warnings
//! ahead, and `bearing radar` printing the cockpit's list. The fixed clock is Mon 23 Nov 09:00.

use crate::support::{bearing, fails, json_array, ok, stderr, stdout};
use std::path::Path;

fn ritual(db: &Path, name: &str, start: &str, minutes: &str, extra: &[&str]) {
    let mut args = vec![
        "ritual",
        "add",
        "--name",
        name,
        "--start",
        start,
        "--duration",
        minutes,
    ];
    args.extend_from_slice(extra);
    ok(db, &args);
}

/// Marcus with a weekly 1:1 named just "1:1" on Wednesdays at 11:00, a quarterly planning
/// that overlaps it, a standalone meeting, an action and a risk review due Wednesday.
fn week(db: &Path) {
    ok(
        db,
        &[
            "person",
            "add",
            "--name",
            "Marcus Oyelaran",
            "--relation",
            "report",
        ],
    );
    ritual(
        db,
        "1:1",
        "2026-11-25T11:00",
        "30",
        &["--rrule", "FREQ=WEEKLY;BYDAY=WE", "--person", "Marcus"],
    );
    ritual(db, "Quarterly planning", "2026-11-25T09:30", "180", &[]);
    ritual(db, "Architecture review", "2026-11-25T15:00", "60", &[]);
    ok(
        db,
        &[
            "action",
            "add",
            "--person",
            "Marcus",
            "--due",
            "2026-11-25",
            "Send the CI plan",
        ],
    );
    ok(
        db,
        &[
            "risk",
            "add",
            "--title",
            "If CI stays flaky, then releases slip",
            "--likelihood",
            "3",
            "--impact",
            "3",
            "--review",
            "2026-11-25",
        ],
    );
}

#[test]
fn overlapping_meetings_are_flagged_in_json_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    week(&db);
    let items = json_array(&db, &["agenda", "--format", "json"]);
    let wednesday: Vec<(String, bool)> = items
        .iter()
        .filter(|i| i["date"] == "2026-11-25")
        .map(|i| {
            (
                i["title"].as_str().unwrap().to_string(),
                i["conflict"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        wednesday,
        [
            ("Quarterly planning".to_string(), true),
            ("1:1".to_string(), true),
            ("Architecture review".to_string(), false),
            ("Send the CI plan".to_string(), false),
            ("If CI stays flaky, then releases slip".to_string(), false),
        ],
        "meetings first in time order, then what is due; the two that overlap are flagged"
    );
    let text = ok(&db, &["agenda"]);
    assert!(
        text.contains("09:30–12:30  Quarterly planning  (overlaps another meeting)"),
        "{text}"
    );
    let md = ok(&db, &["agenda", "--format", "md"]);
    assert!(md.contains("(overlaps another meeting)"), "{md}");
}

#[test]
fn one_on_ones_name_their_person_in_agenda_text_markdown_and_ritual_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    week(&db);
    let text = ok(&db, &["agenda"]);
    assert!(text.contains("11:00–11:30  1:1 Marcus Oyelaran"), "{text}");
    let md = ok(&db, &["agenda", "--format", "md"]);
    assert!(md.contains("**11:00–11:30** 1:1 Marcus Oyelaran"), "{md}");
    let list = ok(&db, &["ritual", "list"]);
    assert!(list.contains("1:1 Marcus Oyelaran"), "{list}");
    // JSON keeps the stored name; the person is a field of its own.
    let rituals = json_array(&db, &["ritual", "list", "--format", "json"]);
    assert!(
        rituals
            .iter()
            .any(|r| r["name"] == "1:1" && r["person"] == "Marcus Oyelaran")
    );
    // The status line too.
    let out = bearing(&db, &["next"]);
    assert_eq!(stdout(&out).trim(), "Quarterly planning Wed 09:30");
}

#[test]
fn the_radar_prints_what_the_cockpit_lists_with_warnings_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    week(&db);
    ok(
        db.as_path(),
        &["action", "add", "--due", "2026-11-20", "Book the offsite"],
    );
    ok(
        &db,
        &[
            "risk",
            "add",
            "--title",
            "If the queue vendor folds",
            "--likelihood",
            "2",
            "--impact",
            "4",
            "--response",
            "accept",
            "--accept-reason",
            "cheaper to live with",
            "--accept-expiry",
            "2019-12-27",
            "--review",
            "2027-01-04",
        ],
    );
    let text = ok(&db, &["radar"]);
    assert_eq!(
        text,
        "Radar: 4 items, 2 late, 2 coming due within 3 days\n\
         \x20 ! action Book the offsite — yours, 3 days overdue\n\
         \x20 ! risk   If the queue vendor folds — acceptance expired on Fri 27 Dec 2019, decide again\n\
         \x20 · action Send the CI plan — yours, for Marcus Oyelaran, due Wed 25 Nov\n\
         \x20 · risk   If CI stays flaky, then releases slip — review due Wed 25 Nov\n"
    );
    let items = json_array(&db, &["radar", "--format", "json"]);
    assert_eq!(items.len(), 4);
    assert_eq!(items[1]["kind"], "acceptance_expired");
    assert_eq!(items[1]["date"], "2019-12-27");
    assert_eq!(items[1]["overdue"], true);
    assert_eq!(items[2]["kind"], "action_due_soon");
    assert_eq!(items[2]["days"], -2);
    assert_eq!(items[2]["person_id"], 1);
    assert_eq!(
        items[3]["text"],
        "If CI stays flaky, then releases slip — review due Wed 25 Nov"
    );
    // The agenda's radar is the same list.
    let agenda = ok(&db, &["agenda"]);
    assert!(
        agenda.contains("! risk   If the queue vendor folds — acceptance expired"),
        "{agenda}"
    );
}

#[test]
fn the_radar_lead_days_come_from_the_config_and_bad_values_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    week(&db);
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "radar_lead_days = 1\n").unwrap();
    let with = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
            .arg("--db")
            .arg(&db)
            .arg("--config")
            .arg(&config)
            .args(args)
            .env("BEARING_NOW", crate::support::FIXED_NOW)
            .output()
            .unwrap()
    };
    // Wednesday is two days ahead: outside one lead day.
    assert_eq!(
        stdout(&with(&["radar"])),
        "Nothing needs attention: no action or risk review late or coming due, every goal on \
         schedule, every 1:1 kept.\n"
    );
    std::fs::write(&config, "\n\nradar_lead_days = 61\n").unwrap();
    let out = with(&["radar"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 3: radar_lead_days = 61 is too far ahead"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_radar_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fails(
        &dir.path().join("x.db"),
        &["radar", "--format", "yaml"],
        "yaml",
    );
}

#[test]
fn one_imported_event_is_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let ics = dir.path().join("one.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1@t\r\n\
         DTSTAMP:20261101T000000Z\r\nDTSTART:20261124T100000\r\nDTEND:20261124T103000\r\n\
         SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let out = ok(
        &db,
        &["import-ics", ics.to_str().unwrap(), "--name", "home"],
    );
    assert!(out.starts_with("Imported 1 event (0 recurring)"), "{out}");
    let out = ok(&db, &["import-ics", "--remove", "home"]);
    assert_eq!(out, "Removed 1 event imported as home.\n");
}
