//! The 1:1 loop in a real pseudo-terminal: a talking point queued from the CLI while the TUI is
//! open shows up; the 1:1 is prepared and recorded; after a restart the topic is discussed and
//! the new action is listed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{Pty, ok};

#[test]
fn queue_from_the_cli_prepare_record_and_find_it_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Ada Lovelace",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=MO",
            "--at",
            "15:00",
        ],
    );

    let mut tui = Pty::start(&db, &[], 110, 32);
    tui.wait_for("Week 48");
    tui.send("4");
    tui.wait_for("Ada Lovelace");
    tui.send("p");
    tui.wait_for("Talking points (0)");

    // Another process queues a topic; the open prep view picks it up by itself.
    ok(&db, &["topic", "add", "ada", "Promotion timeline"]);
    tui.wait_for("Talking points (1)");
    tui.wait_for("Promotion timeline");

    tui.send("r");
    tui.wait_for("Record 1:1 with Ada Lovelace");
    tui.send("\t");
    tui.send("Talked about the promotion case.");
    tui.send("\t");
    tui.send(" ");
    tui.wait_for("[x] discussed: Promotion timeline");
    tui.send("\t");
    tui.send("them: Draft the promotion packet due fri");
    tui.send("\x13"); // Ctrl-S
    tui.wait_for("1:1 recorded: 1 topics discussed, 1 actions added.");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let mut again = Pty::start(&db, &[], 110, 32);
    again.wait_for("Week 48");
    // Today's 1:1 (Monday 15:00) is marked held on the agenda.
    again.wait_for("✓ 1:1 Ada Lovelace");
    again.send("4");
    again.wait_for("Ada Lovelace");
    again.send("\r");
    again.wait_for("Talking points (0)");
    again.wait_for("Draft the promotion packet");
    again.wait_for("Talked about the promotion case.");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let discussed: Option<String> = conn
        .query_row("SELECT discussed_at FROM topic", [], |r| r.get(0))
        .unwrap();
    assert!(discussed.is_some());
    let (owner, due): (String, String) = conn
        .query_row("SELECT owner, due FROM action_item", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((owner.as_str(), due.as_str()), ("them", "2026-11-27"));
}
