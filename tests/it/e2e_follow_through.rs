//! Issue 20 in the real binary: a staff meeting held from the agenda, its `decided:` and
//! `@Name:` lines found with `/`, the action in the all-actions list (`O`) and the decision in
//! `bearing report week`; and the decision form refusing to save over a CLI edit made while it
//! was open.

use crate::support;

use support::{Pty, json_array, ok};

const CTRL_S: &str = "\x13";
const STALE: &str = "Changed elsewhere since you opened it";

/// Aisha, and a weekly staff meeting that began at 08:00 on the fixed "today" (Mon 23 Nov, 09:00).
fn staff_and_aisha(db: &std::path::Path) {
    ok(db, &["person", "add", "--name", "Aisha Bello"]);
    ok(
        db,
        &[
            "ritual",
            "add",
            "--name",
            "Staff",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-23T08:00",
            "--duration",
            "30",
        ],
    );
}

#[test]
fn a_staff_meeting_held_from_the_agenda_is_found_listed_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    staff_and_aisha(&db);
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    tui.wait_for("Staff");

    // Enter on the meeting opens its dialog; Tab goes from Status to Notes.
    tui.send("\r");
    tui.wait_for("Staff · Mon 23 Nov 08:00");
    tui.send("\t");
    tui.send(
        "Quarterly planning\r@Aisha: send the runbook due fri\rdecided: Freeze hiring until Q2",
    );
    tui.wait_for("Freeze hiring until Q2");
    tui.send(CTRL_S);
    tui.wait_for("recorded 1 decision and 1 action");

    // `/` finds the action, the decision and the meeting's write-up.
    tui.send("/runbook");
    tui.wait_for("Actions (1)");
    tui.wait_for("send the «runbook»");
    tui.escape();
    tui.send("/freeze");
    tui.wait_for("Decisions (1)");
    tui.wait_for("Meetings (1)");
    tui.wait_for("Staff, Mon 23 Nov");
    tui.escape();

    // The all-actions list has it, as Aisha's.
    tui.send("O");
    tui.wait_for("Theirs · Aisha Bello");
    tui.wait_for("send the runbook");

    // The week's report, read by the CLI beside the cockpit, has the decision.
    let report = ok(&db, &["report", "week"]);
    assert!(report.contains("Freeze hiring until Q2"), "{report}");
    assert!(
        report.contains("send the runbook — Aisha Bello owes it (from Staff, Mon 23 Nov)"),
        "{report}"
    );
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn a_stale_decision_form_is_refused_and_the_cli_edit_stands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(&db, &["decision", "add", "--title", "Use Postgres"]);
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    tui.send("6");
    tui.wait_for("Use Postgres");
    tui.send("e");
    tui.wait_for("Edit decision 1");

    ok(&db, &["decision", "edit", "1", "--title", "Use SQLite"]);

    tui.send(CTRL_S);
    tui.wait_for(STALE);
    assert!(
        tui.contents().contains("Edit decision 1"),
        "the form stays open"
    );
    let title = |db: &std::path::Path| {
        let list = json_array(db, &["decision", "list", "--format", "json"]);
        assert_eq!(list.len(), 1, "{list:?}");
        list[0]["title"].as_str().map(str::to_string)
    };
    assert_eq!(title(&db).as_deref(), Some("Use SQLite"));
    // Again: still refused, still the CLI's title.
    tui.send(CTRL_S);
    tui.wait_for(STALE);
    assert_eq!(title(&db).as_deref(), Some("Use SQLite"));
    tui.escape();
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn a_decision_deleted_elsewhere_while_its_form_is_open_is_said_in_the_cockpits_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(&db, &["decision", "add", "--title", "Use Postgres"]);
    ok(&db, &["decision", "add", "--title", "Keep the monolith"]);
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    tui.send("6");
    tui.wait_for("Use Postgres");
    tui.send("G");
    tui.send("e");
    tui.wait_for("Edit decision 1");

    ok(&db, &["decision", "delete", "1", "--yes"]);

    tui.send(CTRL_S);
    tui.wait_for("No decision with id 1: it was deleted elsewhere.");
    assert!(
        !tui.contents().contains("bearing decision list"),
        "the command line's hint: {}",
        tui.contents()
    );
    tui.escape();
    tui.send("q");
    tui.wait_exit();
    let left = json_array(&db, &["decision", "list", "--format", "json"]);
    assert_eq!(left.len(), 1, "{left:?}");
}
