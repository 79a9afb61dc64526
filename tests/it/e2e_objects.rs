//! Issue 19, end to end: every object made from the command line alone, then changed, ticked
//! and deleted by the CLI while the cockpit is open beside it; the cockpit shows each state
//! (within its refresh) and the ids the CLI needs.

use crate::cli_objects::setup;
use crate::support::{Pty, ok};

#[test]
fn the_cockpit_shows_each_state_the_cli_leaves_with_the_ids_it_needs() {
    let (_dir, db) = setup();
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");

    // Rituals: the id in the list and in the detail; a rename from the CLI shows.
    tui.send("3");
    tui.wait_for("ritual 2 · weekly on Monday at 10:00, 60 min");
    ok(&db, &["ritual", "edit", "2", "--name", "Staff sync"]);
    tui.wait_for("Staff sync");
    ok(&db, &["ritual", "end", "staff sync", "--on", "2026-11-30"]);
    tui.wait_for("weekly on Monday, until 2026-11-30");

    // The plan: the goal's id, its status and progress as the CLI set them.
    tui.send("2");
    tui.wait_for("goal 1 · todo · on track · 0%");
    ok(
        &db,
        &[
            "goal",
            "edit",
            "meet the leaders",
            "--progress",
            "40",
            "--confidence",
            "at_risk",
        ],
    );
    tui.wait_for("goal 1 · doing · at risk · 40%");

    // Risks: an edit, then the delete.
    tui.send("5");
    tui.wait_for("If CI stays flaky");
    ok(&db, &["risk", "edit", "1", "--owner", "Dana"]);
    tui.wait_for("Dana");

    // A person's page: id in the header, then the CLI's edits, ticks and deletes.
    tui.send("4");
    tui.wait_for("People 2");
    tui.send("j");
    tui.send("\r");
    tui.wait_for("person 1");
    tui.wait_for("□ Hiring plan for Q1");
    tui.wait_for("□ [me] Send the budget");
    ok(&db, &["person", "edit", "priya", "--role", "Director"]);
    tui.wait_for("Director · Payments · report · person 1");
    ok(&db, &["action", "done", "1"]);
    tui.wait_for("✓ [me] Send the budget");
    ok(&db, &["topic", "done", "1"]);
    tui.wait_until("the discussed topic leaves the queue", |t| {
        !t.contents().contains("Hiring plan for Q1")
    });
    ok(
        &db,
        &["note", "edit", "1", "--text", "Hands one shift to Lucas"],
    );
    tui.wait_for("Hands one shift to Lucas");
    ok(&db, &["note", "delete", "1", "--yes"]);
    tui.wait_until("the deleted note is gone", |t| {
        !t.contents().contains("Hands one shift to Lucas")
    });

    tui.escape();
    tui.wait_for("People 2");
    ok(&db, &["person", "delete", "marcus", "--yes"]);
    tui.wait_for("People 1");
    assert!(!tui.contents().contains("Marcus"));
    ok(&db, &["risk", "delete", "1", "--yes"]);
    tui.send("5");
    tui.wait_for("No risks yet");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn delete_asks_on_a_terminal_and_only_yes_deletes() {
    let (_dir, db) = setup();
    let mut no = Pty::start(&db, &["person", "delete", "marcus"], 120, 20);
    no.wait_for("Delete person 2 (Marcus Oyelaran)? Type yes to delete:");
    no.send("n\r");
    assert_eq!(no.wait_exit(), 2);
    let mut yes = Pty::start(&db, &["person", "delete", "priya"], 120, 20);
    yes.wait_for(
        "Delete person 1 (Priya Raman)? This deletes 1 note, 1 talking point, 1 action and 1 1:1 series.",
    );
    yes.send("yes\r");
    yes.wait_for("Deleted person 1 (Priya Raman); it deleted 1 note");
    assert_eq!(yes.wait_exit(), 0);
    let people = crate::support::json_array(&db, &["person", "list", "--format", "json"]);
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["name"], "Marcus Oyelaran");
}
