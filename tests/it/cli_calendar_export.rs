//! `export --format ics` as calendar programs read it: DTSTART is a real meeting, and every "first
//! on" and "next" Bearing shows is one too, moves and skips included (issue 17).

use crate::support::{self, Pty, json_array, ok};

/// The issue's repro: a Tuesday series started on a Monday.
fn tuesday_series(db: &std::path::Path) {
    ok(
        db,
        &[
            "ritual",
            "add",
            "--name",
            "X",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=TU",
            "--start",
            "2026-11-30T10:00",
            "--duration",
            "30",
        ],
    );
}

#[test]
fn a_tuesday_series_started_on_a_monday_is_exported_from_its_first_tuesday() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    tuesday_series(&db);
    let ics = ok(&db, &["export", "--format", "ics"]);
    assert!(ics.contains("\r\nDTSTART:20261201T100000\r\n"), "{ics}");
    assert!(ics.contains("\r\nDTEND:20261201T103000\r\n"), "{ics}");
    assert!(!ics.contains("20261130"), "no meeting on the Monday: {ics}");
    let list = json_array(&db, &["ritual", "list", "--format", "json"]);
    assert_eq!(list[0]["next"], "2026-12-01T10:00:00");
}

#[test]
fn next_follows_a_moved_or_skipped_meeting_in_ritual_and_person_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    tuesday_series(&db);
    ok(
        &db,
        &[
            "ritual",
            "move",
            "1",
            "2026-12-01",
            "--to",
            "2026-12-03T15:00",
        ],
    );
    let next = |db| json_array(db, &["ritual", "list", "--format", "json"])[0]["next"].clone();
    assert_eq!(next(&db), "2026-12-03T15:00:00");
    let text = ok(&db, &["ritual", "list"]);
    assert!(text.contains("Thu 2026-12-03 15:00"), "{text}");

    // Moved past the next one: the next one comes first.
    ok(
        &db,
        &[
            "ritual",
            "move",
            "1",
            "2026-12-01",
            "--to",
            "2026-12-10T15:00",
        ],
    );
    assert_eq!(next(&db), "2026-12-08T10:00:00");
    ok(&db, &["ritual", "skip", "1", "2026-12-08"]);
    assert_eq!(next(&db), "2026-12-10T15:00:00");

    // A 1:1's next meeting in the people list follows the same rule.
    ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Ada",
            "--relation",
            "report",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=WE",
            "--at",
            "11:00",
        ],
    );
    let person_next =
        |db| json_array(db, &["person", "list", "--format", "json"])[0]["stats"]["next"].clone();
    assert_eq!(person_next(&db), "2026-11-25T11:00:00");
    let one_on_one = json_array(&db, &["ritual", "list", "--format", "json"])
        .into_iter()
        .find(|r| r["person"] == "Ada")
        .unwrap();
    let id = one_on_one["id"].to_string();
    ok(
        &db,
        &[
            "ritual",
            "move",
            &id,
            "2026-11-25",
            "--to",
            "2026-11-24T16:00",
        ],
    );
    assert_eq!(person_next(&db), "2026-11-24T16:00:00");
}

#[test]
fn the_cockpit_says_first_on_the_first_real_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    support::empty_db(&db);
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.send("3");
    tui.wait_for("No rituals yet");
    tui.send("a");
    tui.wait_for("New meeting");
    tui.send("Sync");
    tui.send("\t");
    // Repeats: once → … → custom RRULE (the last choice).
    for _ in 0..6 {
        tui.send("\x1b[C");
    }
    tui.wait_for("custom RRULE");
    tui.send("\t");
    tui.send("FREQ=WEEKLY;BYDAY=TH");
    // The first meeting's date stays the form's default, Tuesday 24 November.
    tui.send("\r");
    tui.wait_for("Added \"Sync\", first on Thu 26 Nov");
    tui.send("q");
    tui.wait_exit();
}
