//! Undo beside other writers, in a real pseudo-terminal: the real CLI writes while the cockpit
//! is open, and two cockpit windows share one file. `u` never takes another writer's rows with
//! it and only ever undoes a change made in its own window.

use crate::support;

use support::{Pty, json_array, ok};

/// Wide enough that the status bar shows a whole refusal.
const COLS: u16 = 220;

fn export(db: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["export", "--format", "json"])).unwrap()
}

fn rows(db: &std::path::Path, table: &str) -> usize {
    export(db)["tables"][table].as_array().unwrap().len()
}

fn people(db: &std::path::Path) -> Vec<String> {
    json_array(db, &["person", "list", "--format", "json"])
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn u_refuses_to_take_the_note_and_action_the_cli_added_for_a_new_person() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], COLS, 30);
    tui.wait_for("Week 48");
    tui.send("4");
    tui.wait_for("No people yet");
    tui.send("a");
    tui.wait_for("New person");
    tui.send("Zed\r");
    tui.wait_for("Added Zed.");

    ok(&db, &["note", "add", "Zed", "Wants the platform team"]);
    ok(
        &db,
        &[
            "action",
            "add",
            "--person",
            "Zed",
            "--due",
            "+2d",
            "Send the org chart",
        ],
    );
    let before = export(&db);

    tui.send("u");
    tui.wait_for(
        "Cannot undo adding Zed: a note and an action were added for Zed since \
         (by another window or the CLI); nothing was changed.",
    );
    assert_eq!(export(&db), before, "the refused undo changed nothing");
    assert_eq!((rows(&db, "note"), rows(&db, "action_item")), (1, 1));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn u_refuses_to_take_the_occurrence_the_cli_marked_held_for_a_new_ritual() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], COLS, 30);
    tui.wait_for("Week 48");
    support::add_weekly_ritual(&mut tui, "Design review");

    ok(&db, &["ritual", "held", "1", "2026-11-24"]);
    let before = export(&db);

    tui.send("u");
    tui.wait_for(
        "Cannot undo adding \"Design review\": a meeting was added for \"Design review\" \
         since (by another window or the CLI); nothing was changed.",
    );
    assert_eq!(export(&db), before);
    let held = &export(&db)["tables"]["occurrence"][0]["status"];
    assert_eq!(held, "held");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

fn add_person(tui: &mut Pty, name: &str) {
    tui.send("a");
    tui.wait_for("New person");
    tui.send(name);
    tui.send("\r");
    tui.wait_for(&format!("Added {name}."));
}

#[test]
fn u_in_one_window_leaves_the_other_windows_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    crate::support::empty_db(&db);
    let mut a = Pty::start(&db, &[], COLS, 30);
    let mut b = Pty::start(&db, &[], COLS, 30);
    for window in [&mut a, &mut b] {
        window.wait_for("Week 48");
        window.send("4");
        window.wait_for("No people yet");
    }
    add_person(&mut a, "Ada");
    add_person(&mut b, "Grace");

    a.send("u");
    a.wait_for("Undid: adding Ada.");
    assert_eq!(people(&db), ["Grace"]);
    a.send("u");
    a.wait_for("Nothing to undo.");
    assert_eq!(people(&db), ["Grace"]);

    b.send("u");
    b.wait_for("Undid: adding Grace.");
    assert!(people(&db).is_empty());
    // Each window redoes its own change only.
    a.send("\x12");
    a.wait_for("Redid: adding Ada.");
    assert_eq!(people(&db), ["Ada"]);

    for window in [&mut a, &mut b] {
        window.send("q");
        assert_eq!(window.wait_exit(), 0);
    }
    // Both windows' changes stay in the audit trail, each with its own session.
    let trail = json_array(&db, &["history", "--format", "json"]);
    assert_eq!(trail.len(), 2, "{trail:?}");
    assert_ne!(trail[0]["session"], trail[1]["session"]);
}

#[test]
fn a_refused_u_does_not_block_older_changes_and_stays_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], COLS, 30);
    tui.wait_for("Week 48");
    tui.send("5");
    tui.wait_for("No risks yet");
    tui.send("a");
    tui.wait_for("New risk");
    tui.send("If the vendor slips, then launch moves\r");
    tui.wait_for("Added risk 1");
    tui.send("4");
    tui.wait_for("No people yet");
    add_person(&mut tui, "Zed");
    ok(&db, &["note", "add", "Zed", "Wants the platform team"]);

    tui.send("u");
    tui.wait_for(
        "Cannot undo adding Zed: a note was added for Zed since (by another window or the \
         CLI); nothing was changed. Undo again goes on to the change before it.",
    );
    let before = export(&db);
    tui.send("u");
    tui.wait_for("Undid: adding risk 1 “If the vendor slips, then launch moves”.");
    let after = export(&db);
    assert_eq!(after["tables"]["risk"], serde_json::json!([]));
    for kept in ["person", "note"] {
        assert_eq!(after["tables"][kept], before["tables"][kept], "{kept}");
    }
    // Zed's change stays refused: u does not come back to it.
    tui.send("u");
    tui.wait_for("Nothing to undo.");
    assert_eq!(people(&db), ["Zed"]);
    assert_eq!(rows(&db, "note"), 1);
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
