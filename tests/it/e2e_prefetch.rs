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

/// Saves another program makes while the cockpit is starting (before it can be woken) and after
/// show without a key: the watch wakes once until the loop looks, so a wake-up lost at the start
/// would leave every later save unseen (the clock is fixed: no minute wakes it either).
#[test]
fn saves_made_while_the_cockpit_starts_and_after_show_without_a_key() {
    for round in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bearing.db");
        support::empty_db(&db);
        let mut tui = Pty::start(&db, &[], 100, 30);
        // Saves 0–19 ms after the start: the debug cockpit is opening the file, reading the week
        // or drawing then (saves 2–10 ms in fell between its watch and its waker; without the
        // wake at start this failed in four runs of four).
        std::thread::sleep(Duration::from_millis(round));
        support::ok(
            &db,
            &["action", "add", "Call the auditors", "--due", "2026-11-25"],
        );
        tui.wait_for("Call the auditors");
        support::ok(
            &db,
            &[
                "action",
                "add",
                "Send the board pack",
                "--due",
                "2026-11-26",
            ],
        );
        tui.wait_for("Send the board pack");
        tui.send("q");
        assert_eq!(tui.wait_exit(), 0);
    }
}

/// The search box reads the names it matches typos against as soon as it is drawn; a person
/// another program adds while it is open, before anything is typed, is still found by a typo.
#[test]
fn a_person_another_program_adds_while_the_search_box_is_open_is_found_by_a_typo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    support::empty_db(&db);
    support::ok(&db, &["person", "add", "--name", "Priya Raman"]);
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Week 48");
    tui.send("/");
    tui.wait_for("Search everything");
    // The names are read once the box is drawn and no key waits.
    std::thread::sleep(Duration::from_millis(500));
    support::ok(&db, &["person", "add", "--name", "Marcus Oyelaran"]);
    std::thread::sleep(Duration::from_millis(300));
    // "marcs" and "prya" are typos: only the typo-tolerant match over the names finds them.
    tui.send("marcs");
    tui.wait_for("Marcus Oyelaran");
    assert!(
        !tui.contents().contains("Priya Raman"),
        "{}",
        tui.contents()
    );
    for _ in 0.."marcs".len() {
        tui.send("\x7f");
    }
    tui.send("prya");
    tui.wait_for("Priya Raman");
    tui.escape();
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
