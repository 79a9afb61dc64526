//! Undo beside other writers, in a real pseudo-terminal: two cockpit windows share one file, and
//! `u` only ever undoes a change made in its own window.

use crate::support;

use support::{Pty, json_array, ok};

const COLS: u16 = 160;

fn people(db: &std::path::Path) -> Vec<String> {
    json_array(db, &["person", "list", "--format", "json"])
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
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
    ok(&db, &["person", "list"]);
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
    a.wait_for("Undid: insert person 1.");
    assert_eq!(people(&db), ["Grace"]);
    a.send("u");
    a.wait_for("Nothing to undo.");
    assert_eq!(people(&db), ["Grace"]);

    b.send("u");
    b.wait_for("Undid: insert person 2.");
    assert!(people(&db).is_empty());
    // Each window redoes its own change only.
    a.send("\x12");
    a.wait_for("Redid: insert person 1.");
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
