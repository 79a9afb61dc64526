//! The agenda reads the weeks beside the one shown ahead of the user; another writer's change to
//! such a week must show when the user moves onto it, never the week as it was read ahead.

use crate::support;

use std::time::Duration;
use support::Pty;

#[test]
fn next_week_read_ahead_shows_what_the_cli_added_to_it_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    support::empty_db(&db);
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Week 48");
    // The first frame is drawn; the weeks beside it are read once no key waits.
    std::thread::sleep(Duration::from_millis(500));
    // Monday 30 November is in week 49 (the fixed clock is Monday 23 November).
    support::ok(
        &db,
        &[
            "action",
            "add",
            "Send the board pack",
            "--due",
            "2026-12-01",
        ],
    );
    tui.send("]");
    tui.wait_for("Week 49");
    tui.wait_for("Send the board pack");
    // Week 48 is kept beside it now; the CLI changes it too.
    std::thread::sleep(Duration::from_millis(500));
    support::ok(
        &db,
        &["action", "add", "Call the auditors", "--due", "2026-11-25"],
    );
    tui.send("[");
    tui.wait_for("Week 48");
    tui.wait_for("Call the auditors");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
