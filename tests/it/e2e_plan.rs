//! The plan in a real pseudo-terminal: start it, add a goal, check in twice, restart, and find
//! the history and its sparkline.

use crate::support;

use support::{Pty, ok};

#[test]
fn add_a_goal_check_in_twice_and_see_the_history_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 110, 32);
    tui.wait_for("Week 48");
    tui.send("2");
    tui.wait_for("No 30/60/90-day plan yet");
    tui.send("S");
    tui.wait_for("Start of the 30/60/90-day plan");
    // Day 1 was 8 October: 23 November is day 47, in days 31–60.
    tui.send("\x15"); // Ctrl-U clears the line
    tui.send("2026-10-08\r");
    tui.wait_for("day 47 of 90");
    tui.send("a");
    tui.wait_for("New goal");
    tui.send("Ship the CI fix\r");
    tui.wait_for("Added goal \"Ship the CI fix\"");
    tui.send("c");
    tui.wait_for("Check in: Ship the CI fix");
    tui.send("\x7f30\r"); // Backspace the 0, type 30
    tui.wait_for("Checked in \"Ship the CI fix\": 30%.");
    tui.send("c");
    tui.wait_for("Check in: Ship the CI fix");
    tui.send("\x7f\x7f80\r");
    tui.wait_for("Checked in \"Ship the CI fix\": 80%.");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let mut again = Pty::start(&db, &[], 110, 32);
    again.wait_for("Week 48");
    again.send("2");
    again.wait_for("80% ▃▇");
    again.wait_for("History ▃▇");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["plan", "--format", "json"])).unwrap();
    let goal = &json["phases"][1]["goals"][0];
    let history: Vec<u64> = goal["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["progress"].as_u64().unwrap())
        .collect();
    assert_eq!(history, vec![30, 80]);
}
