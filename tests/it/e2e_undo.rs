//! Undo and redo in a real pseudo-terminal: add a risk, `u` takes it away on screen and in the
//! file (as the CLI reads it), Ctrl-R brings it back.

use crate::support;

use support::{Pty, json_array};

const CTRL_R: &str = "\x12";

fn risk_titles(db: &std::path::Path) -> Vec<String> {
    json_array(db, &["risk", "list", "--format", "json"])
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn u_takes_back_a_new_risk_and_ctrl_r_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    tui.send("5");
    tui.wait_for("No risks yet");
    tui.send("a");
    tui.wait_for("New risk");
    tui.send("If the build farm dies, then nothing ships");
    tui.send("\r");
    tui.wait_for("Added risk 1");
    assert_eq!(
        risk_titles(&db),
        ["If the build farm dies, then nothing ships"]
    );

    tui.send("u");
    tui.wait_for("Undid: adding risk 1 “If the build farm dies, then nothing shi…”.");
    tui.wait_for("No risks yet");
    assert!(risk_titles(&db).is_empty());

    tui.send(CTRL_R);
    tui.wait_for("Redid: adding risk 1 “If the build farm dies, then nothing shi…”.");
    tui.wait_for("If the build farm dies");
    assert_eq!(
        risk_titles(&db),
        ["If the build farm dies, then nothing ships"]
    );

    tui.send("u");
    tui.wait_for("Undid: adding risk 1 “If the build farm dies, then nothing shi…”.");
    tui.send("u");
    tui.wait_for("Nothing to undo.");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    // The change log doubles as the audit trail.
    let trail = support::json_array(&db, &["history", "--format", "json"]);
    assert_eq!(trail.len(), 1, "{trail:?}");
    assert_eq!(trail[0]["action"], "insert risk");
    assert_eq!(trail[0]["entity_id"], 1);
    assert_eq!(trail[0]["undone"], 1);
    let text = support::ok(&db, &["history"]);
    assert!(
        text.contains("insert risk 1  (undone; Ctrl-R in its window redoes it)"),
        "{text}"
    );
}
