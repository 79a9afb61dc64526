//! The risk register in a real pseudo-terminal: add a risk through the form, review it with a
//! new score, find the trend and the history again after a restart; pick a heat-map cell and
//! see the table narrowed to it.

use crate::support;

use support::{Pty, ok};

const CTRL_S: &str = "\x13";

#[test]
fn add_then_review_a_risk_and_see_trend_and_history_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    tui.send("5");
    tui.wait_for("No risks yet");
    tui.send("a");
    tui.wait_for("New risk");
    tui.wait_for("If <cause>, then <effect>");
    tui.send("If the payroll vendor folds, then nobody is paid");
    // Category: v is vendor; likelihood 2, impact 3.
    tui.send("\t");
    tui.send("v");
    tui.send("\t");
    tui.send("2");
    tui.send("\t");
    tui.send("3");
    tui.wait_for("3 moderate");
    tui.send("\r");
    tui.wait_for("Added risk 1: 6 medium");
    tui.wait_for("1 of 1");

    tui.send("R");
    tui.wait_for("Review risk 1 · now 6 medium");
    tui.send("4");
    tui.wait_for("4 likely");
    // Impact, next review (blank: by band), then the note.
    tui.send("\t");
    tui.send("\t");
    tui.send("\t");
    tui.send("Missed two payroll runs");
    tui.send(CTRL_S);
    tui.wait_for("Reviewed risk 1: 12 high ↑, next review Mon 7 Dec.");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let scores: Vec<(i64, i64, String)> = conn
        .prepare("SELECT likelihood, impact, note FROM risk_review ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        scores,
        [
            (2, 3, String::new()),
            (4, 3, "Missed two payroll runs".to_string())
        ]
    );
    drop(conn);

    let mut again = Pty::start(&db, &[], 160, 40);
    again.wait_for("Week 48");
    again.send("5");
    again.wait_for("Score history");
    let screen = again.contents();
    assert!(
        screen.contains("12 high     ↑ If the payroll vendor folds"),
        "{screen}"
    );
    assert!(screen.contains("↑ from 6"), "{screen}");
    assert!(
        screen.contains("23 Nov 2026  ↑ 12 high  L4×I3  Missed two payroll runs"),
        "{screen}"
    );
    assert!(
        screen.contains("23 Nov 2026  • 6 medium  L2×I3"),
        "{screen}"
    );
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn a_heat_map_cell_narrows_the_table_to_its_risks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    for (title, l, i) in [
        ("Flaky CI slows releases", "3", "3"),
        ("Key-person dependency on billing", "3", "4"),
        ("Cloud cost growth", "4", "3"),
    ] {
        ok(
            &db,
            &[
                "risk",
                "add",
                "--title",
                title,
                "--likelihood",
                l,
                "--impact",
                i,
            ],
        );
    }
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Week 48");
    tui.send("5");
    tui.wait_for("Risks 3 of 3");
    tui.send("v");
    tui.wait_for("Heat map 3 of 3");
    // The map opens on the selected risk's cell (L3×I4); up one and left one is L4×I3.
    tui.wait_for("L3 × I4 = 12 high · 1 risk");
    tui.send("k");
    tui.send("h");
    tui.wait_for("L4 × I3 = 12 high · 1 risk");
    tui.send("\r");
    tui.wait_for("Risks 1 of 3");
    tui.wait_for("cell L4×I3");
    let screen = tui.contents();
    assert!(screen.contains("Cloud cost growth"), "{screen}");
    assert!(!screen.contains("Flaky CI"), "{screen}");
    assert!(!screen.contains("Key-person"), "{screen}");
    tui.send("x");
    tui.wait_for("Risks 3 of 3");
    tui.wait_for("Flaky CI");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
