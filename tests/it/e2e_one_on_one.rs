//! The 1:1 loop in a real pseudo-terminal: a talking point queued from the CLI while the TUI is
//! open shows up; the 1:1 is prepared and recorded; after a restart the topic is discussed and
//! the new action is listed.

use crate::support;

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
    tui.wait_for("Record 1:1 with Ada Lovelace · Mon 23 Nov 15:00");
    // The cursor starts in the note; new actions follow it, then the tick boxes.
    tui.send("Talked about the promotion case.");
    tui.send("\t");
    tui.send("them: Draft the promotion packet due fri");
    tui.send("\t");
    tui.send(" ");
    tui.wait_for("[x] discussed: Promotion timeline");
    tui.send("\x13"); // Ctrl-S
    tui.wait_for("1:1 of Mon 23 Nov recorded (marked held): 1 topic discussed, 1 action added.");
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

#[test]
fn a_note_can_be_written_in_the_editor() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(&db, &["person", "add", "--name", "Ada Lovelace"]);
    // A stand-in editor: appends a line to the file it is given, and records its permissions.
    let editor = dir.path().join("editor.sh");
    let seen = dir.path().join("mode.txt");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstat -c %a \"$1\" > {}\necho 'Written in the editor.' >> \"$1\"\n",
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();

    let editor_path = editor.to_str().unwrap();
    let mut tui = Pty::start_with_env(
        &db,
        &[],
        110,
        32,
        &[("EDITOR", editor_path), ("VISUAL", "")],
    );
    tui.wait_for("Week 48");
    tui.send("4");
    tui.wait_for("Ada Lovelace");
    tui.send("\r");
    tui.wait_for("Notes (0)");
    tui.send("n");
    tui.wait_for("Note on Ada Lovelace");
    tui.send("\t");
    tui.send("Typed first.");
    tui.send("\x0f"); // Ctrl-O: open $EDITOR
    tui.wait_for("Written in the editor.");
    tui.send("\x13");
    tui.wait_for("Note saved.");
    tui.wait_for("Notes (1)");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap().trim(),
        "600",
        "the temporary file is private"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let body: String = conn
        .query_row("SELECT body FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(body, "Typed first.\nWritten in the editor.");
}
