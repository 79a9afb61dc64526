//! The scorecard in a real pseudo-terminal: add a metric, log three weeks of it, see the cells
//! turn and the radar alert, see a number logged by a script beside it, and find the numbers in
//! the weekly report.

use crate::support;

use support::{Pty, ok};

#[test]
fn log_three_weeks_see_the_cells_turn_the_radar_alert_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Week 48");
    // The scorecard is the last tab: Shift-Tab from the first.
    tui.send("\x1b[Z");
    tui.wait_for("No metrics yet");
    tui.send("a");
    tui.wait_for("New metric");
    // Name, then group, unit, direction as they are, target 10, warning at 8.
    tui.send("Deploys\t\t\t\t10\t8\x13");
    tui.wait_for("Added metric \"Deploys\"");
    tui.wait_for("1 metric · 0 on target");

    // Two weeks back: on target.
    tui.send("l");
    tui.wait_for("Log Deploys · week of 23 Nov 2026 (target ≥ 10)");
    tui.send("12\t\x152026-11-09\r");
    tui.wait_for("Deploys, week of 9 Nov 2026: 12, on target.");
    tui.wait_for("● ? ·");
    // Last week: off.
    tui.send("l");
    tui.wait_for("Log Deploys");
    tui.send("5\t\x152026-11-16\r");
    tui.wait_for("Deploys, week of 16 Nov 2026: 5, off target.");
    tui.wait_for("● ✗ ·");
    // This week: off again, so two weeks running.
    tui.send("l");
    tui.wait_for("Log Deploys");
    tui.send("4\r");
    tui.wait_for("Deploys, week of 23 Nov 2026: 4, off target.");
    tui.wait_for("● ✗ ✗");
    tui.wait_for("1 metric · 0 on target · 0 warning · 1 off target");

    tui.send("1");
    tui.wait_for("Deploys — off target 2 weeks running: 4 against 10");

    // A script logs this week's real number from outside while the cockpit is open: the grid
    // and the radar follow it.
    tui.send("7");
    tui.wait_for("● ✗ ✗");
    assert_eq!(
        ok(
            &db,
            &["metric", "log", "Deploys", "11", "--note", "from CI"]
        ),
        "Deploys, week of 23 Nov 2026: 11, on target (was 4).\n"
    );
    tui.wait_for("● ✗ ●");
    tui.wait_for("1 metric · 1 on target · 0 warning · 0 off target");
    tui.send("1");
    tui.wait_for("Week 48");
    tui.wait_until("the radar's alert is gone", |t| {
        !t.contents().contains("off target 2 weeks running")
    });
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let report = ok(&db, &["report", "week"]);
    assert!(report.contains("\n## Metrics\n"), "{report}");
    assert!(
        report.contains(
            "- **Deploys** (week of 23 Nov 2026): 11 (target ≥ 10), on target, +6 since last week"
        ),
        "{report}"
    );
}
