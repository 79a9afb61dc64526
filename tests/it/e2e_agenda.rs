//! The agenda and rituals in a real pseudo-terminal: add a meeting through the form, see it on
//! the agenda, mark it held, and find it all again after a restart.

use crate::support;

use support::Pty;

#[test]
fn add_a_weekly_ritual_in_the_rituals_tab_and_see_it_on_the_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Week 48");
    support::add_weekly_ritual(&mut tui, "Design review");
    tui.wait_for("weekly on Tuesday at 10:00, 30 min");
    tui.send("1");
    tui.wait_for("Design review");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let mut again = Pty::start(&db, &[], 100, 30);
    again.wait_for("Design review");
    // Next week has it too.
    again.send("]");
    again.wait_for("Week 49");
    again.wait_for("Design review");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_one_off_meeting_from_the_agenda_marked_held_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Week 48");
    tui.send("a");
    tui.wait_for("New meeting");
    tui.send("Budget call\r");
    tui.wait_for("Added \"Budget call\"");
    // Today (Mon 23) at the next hour: 10:00, selected as the first item.
    tui.wait_for("10:00–10:30 · Budget call");
    tui.send("x");
    tui.wait_for("held");
    tui.wait_for("10:00–10:30 ✓ Budget call");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let status: String = conn
        .query_row("SELECT status FROM occurrence o JOIN ritual r ON r.id = o.ritual_id WHERE r.name = 'Budget call'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "held");
    drop(conn);

    let mut again = Pty::start(&db, &[], 100, 30);
    again.wait_for("10:00–10:30 ✓ Budget call");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}
