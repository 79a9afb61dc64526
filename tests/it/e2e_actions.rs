//! The list of every open action (`O`, issue 20) in the real binary, with the CLI writing beside
//! it: an action added from the command line shows without a key press, and `x` in the list is
//! what the command line then reads.

use crate::support;

use support::{Pty, json_array, ok};

#[test]
fn the_all_actions_list_follows_the_cli_and_x_marks_done() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(&db, &["person", "add", "--name", "Aisha"]);
    ok(
        &db,
        &[
            "action",
            "add",
            "--person",
            "Aisha",
            "--owner",
            "them",
            "--due",
            "2026-01-05",
            "Send the runbook",
        ],
    );
    let mut tui = Pty::start(&db, &[], 120, 30);
    tui.wait_for("Week");
    tui.send("O");
    tui.wait_for("Theirs · Aisha");
    tui.wait_for("Send the runbook");

    // Another writer adds an action of mine: it appears with no key pressed.
    ok(
        &db,
        &["action", "add", "--due", "2026-01-06", "Book the offsite"],
    );
    tui.wait_for("Book the offsite");
    tui.wait_until("the title counts both", |t| {
        t.contents().contains("Open actions 2")
    });

    // The cursor stayed on Aisha's action; mine come first, so `g` goes to "Book the offsite"
    // and x marks it done.
    tui.send("gx");
    tui.wait_until("the done action leaves the list", |t| {
        !t.contents().contains("Book the offsite")
    });
    let done = json_array(&db, &["action", "list", "--done", "--format", "json"]);
    assert_eq!(done.len(), 1, "{done:?}");
    assert_eq!(done[0]["body"].as_str(), Some("Book the offsite"));
    tui.send("q");
    tui.wait_exit();
}
