//! Changing a ritual's time in the cockpit keeps what its meetings carry: skips, moves and held
//! marks made with the CLI, before the edit form opened and while it was open, follow their
//! meetings to the new time on the same day (they stayed on the ended series, out of sight).

use crate::support;

use serde_json::Value;
use support::{Pty, json_array, ok};

/// The agenda items of "Sync" from 16 Nov for five weeks: (date, start, status, moved).
fn sync_meetings(db: &std::path::Path) -> Vec<(String, String, String, bool)> {
    json_array(
        db,
        &[
            "agenda",
            "--from",
            "2026-11-16",
            "--days",
            "35",
            "--format",
            "json",
        ],
    )
    .into_iter()
    .filter(|i| i["title"] == "Sync")
    .map(|i: Value| {
        (
            i["date"].as_str().unwrap().to_string(),
            i["start"].as_str().unwrap().to_string(),
            i["status"].as_str().unwrap().to_string(),
            i["moved"].as_bool().unwrap(),
        )
    })
    .collect()
}

#[test]
fn a_new_time_keeps_the_cli_s_skips_moves_and_marks_even_those_made_while_the_form_was_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Sync",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-16T10:00",
            "--duration",
            "30",
        ],
    );
    ok(&db, &["ritual", "held", "1", "2026-11-16"]);
    ok(&db, &["ritual", "skip", "1", "2026-11-30"]);
    ok(
        &db,
        &[
            "ritual",
            "move",
            "1",
            "2026-12-07",
            "--to",
            "2026-12-08T15:00",
        ],
    );

    let mut tui = Pty::start(&db, &[], 120, 40);
    tui.wait_for("Agenda");
    tui.send("3");
    tui.wait_for("Sync");
    tui.send("e");
    tui.wait_for("Edit Sync");
    // The CLI writes while the form is open: a skip the form never saw.
    ok(&db, &["ritual", "skip", "1", "2026-12-14"]);
    // Name, Repeats, RRULE, First meeting, then Time.
    tui.send("\t\t\t\t");
    tui.send("\x15");
    tui.send("11:00");
    tui.send("\x13");
    tui.wait_for("Saved \"Sync\"");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let meetings = sync_meetings(&db);
    let expect = |d: &str, t: &str, s: &str, m: bool| (d.into(), t.into(), s.into(), m);
    assert_eq!(
        meetings,
        [
            expect("2026-11-16", "10:00", "held", false),
            expect("2026-11-23", "11:00", "scheduled", false),
            expect("2026-11-30", "11:00", "skipped", false),
            expect("2026-12-08", "15:00", "scheduled", true),
            expect("2026-12-14", "11:00", "skipped", false),
        ],
        "the skips, the move and the held mark are where they were"
    );
}
