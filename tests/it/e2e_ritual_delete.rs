//! A series deleted in the cockpit takes its meetings' records with it: a note, a mark or a move
//! the CLI writes while the question is open was never in the question, so the delete is
//! refused and nothing is changed; asked again, the question counts it and the delete goes on.

use crate::support;

use support::{Pty, json_array, ok};

fn rituals(db: &std::path::Path) -> usize {
    json_array(db, &["ritual", "list", "--format", "json"]).len()
}

#[test]
fn a_note_the_cli_writes_while_the_delete_question_is_open_is_not_deleted_unseen() {
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
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Agenda");
    tui.send("3");
    tui.wait_for("Sync");
    tui.send("d");
    tui.wait_for("Delete \"Sync\"");

    // The CLI writes a meeting's notes while the question is open.
    ok(
        &db,
        &["ritual", "notes", "1", "2026-11-16", "--notes", "Kept"],
    );

    tui.send("y");
    tui.wait_for("Changed elsewhere since it was shown: nothing was changed.");
    assert_eq!(rituals(&db), 1, "the series and its note stay");

    // Asked again, the question counts the note, and the delete goes through.
    tui.send("d");
    tui.wait_for("Delete \"Sync\" and the notes of one of its meetings?");
    tui.send("y");
    tui.wait_for("Deleted \"Sync\".");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(rituals(&db), 0);
}
