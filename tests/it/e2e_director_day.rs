//! The director's day, in keys (issue 16): from the cockpit just opened on the demo, each job
//! takes at most the keys the issue gives, and shows its result at once. These are the agenda's
//! and the radar's rows; the real binary in a pseudo-terminal, the fixed clock at Monday
//! 23 November 2026, 09:00, with the CLI writing beside it where a result is checked.

use crate::support::{Pty, json_array, ok};

fn demo(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("bearing.db");
    ok(&db, &["demo", "--no-tui"]);
    db
}

/// "See today and the next meeting": 0 keys. The home view shows today with its meetings, the
/// next one selected, and the status bar counts down to it; at 80×24 and at 180×50.
#[test]
fn see_today_and_the_next_meeting_takes_no_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for (cols, rows) in [(80, 24), (180, 50)] {
        let mut tui = Pty::start(&db, &[], cols, rows);
        tui.wait_for("Staff meeting in 1h 00m");
        let screen = tui.contents();
        let today = if cols < 140 {
            "Monday 23 November · today"
        } else {
            "Mon 23 · today"
        };
        assert!(
            screen.contains(today),
            "{cols}×{rows}: today is shown:\n{screen}"
        );
        assert!(
            screen.contains("10:00–11:00 · Staff meeting") || screen.contains("10:00–11:00 ·"),
            "{cols}×{rows}: the next meeting is on the agenda:\n{screen}"
        );
        assert!(
            screen.contains("1:1 Tomás Ferreira"),
            "{cols}×{rows}:\n{screen}"
        );
        tui.send("q");
        assert_eq!(tui.wait_exit(), 0);
    }
}

/// "Review a risk due this week": 3 keys. `G` takes the cursor to the week's last row (due
/// items come after the meetings of each day, reviews last: Friday's review of "If Tomás
/// leaves"), `Enter` opens its review form, `Enter` confirms the score (the next review then
/// follows its band). The CLI sees the review at once.
#[test]
fn review_a_risk_due_this_week_takes_three_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = json_array(&db, &["risk", "list", "--format", "json"]);
    let tomas = before
        .iter()
        .find(|r| r["title"].as_str().unwrap().starts_with("If Tomás leaves"))
        .unwrap();
    assert_eq!(
        tomas["next_review"], "2026-11-27",
        "due this week, on Friday"
    );
    let reviews = tomas["history"].as_array().unwrap().len();

    let mut tui = Pty::start(&db, &[], 80, 24);
    tui.wait_for("Staff meeting in 1h 00m");
    tui.send("G");
    tui.wait_for("▌ due         ▲ Risk review: If Tomás leaves");
    tui.send("\r");
    tui.wait_for("Review risk 3");
    tui.send("\r");
    tui.wait_for("Reviewed");

    let after = json_array(&db, &["risk", "list", "--format", "json"]);
    let tomas = after.iter().find(|r| r["id"] == tomas["id"]).unwrap();
    assert_eq!(tomas["history"].as_array().unwrap().len(), reviews + 1);
    assert_eq!(
        tomas["next_review"], "2026-12-07",
        "high band: two weeks from today"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// The radar, reached with `r`, opens each item where it is dealt with: the late review of the
/// on-call risk in its review form, the lapsed 1:1 with Tomás in his prep view.
#[test]
fn the_radar_is_a_list_to_work_through() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut tui = Pty::start(&db, &[], 80, 24);
    tui.wait_for("Radar");
    tui.send("r");
    tui.wait_for("j k choose");
    // Two late actions, the expired acceptance, then the late review.
    tui.send("jjj");
    tui.wait_for("▌! risk   If on-call stays on one rotation");
    tui.send("\r");
    tui.wait_for("Review risk 4");
    tui.escape();
    tui.send("1");
    tui.wait_for("j k choose");
    tui.send("v");
    tui.wait_for("1:1s lapsed");
    // Past the three goals behind and the demo's metric off target.
    tui.send("jjjjj");
    tui.wait_for("▌! 1:1    Tomás Ferreira");
    tui.send("\r");
    tui.wait_for("Prep");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// With `NO_COLOR` the cockpit writes no colour at all (the terminal library would write each
/// colour change as a bare reset), and what colour said is still there: the selected row is
/// reversed and marked "▌", late items say so and carry "!".
#[test]
fn with_no_color_nothing_is_coloured_and_everything_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut tui = Pty::start_with_env(&db, &[], 80, 24, &[("NO_COLOR", "1")]);
    tui.wait_for("Staff meeting in 1h 00m");
    tui.send("[");
    tui.wait_for("overdue     □ Action: Share the CI migration");
    let screen = tui.contents();
    assert!(screen.contains("▌"), "{screen}");
    assert!(screen.contains(" ! action"), "{screen}");
    // Each frame ends by resetting colours (empty under NO_COLOR) and then attributes; a bare
    // reset anywhere else would cancel the attributes that stand in for colour.
    let raw = String::from_utf8_lossy(&tui.raw()).replace("\x1b[m\x1b[m\x1b[m\x1b[0m", "");
    for colour in ["[38;", "[48;", ";38;", ";48;", "\x1b[m", "\x1b[;m"] {
        assert!(!raw.contains(colour), "wrote {colour:?} under NO_COLOR");
    }
    assert!(raw.contains("\x1b[7m"), "the selection is reversed");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
