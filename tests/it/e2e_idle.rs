//! True idle (issue 18): with nothing happening the cockpit does not wake at all, and a change
//! made by another process still shows at once, without a key press.

use crate::support::{Pty, ok};
use std::time::Duration;

/// Context switches of every thread of `pid` so far: each time one of them woke up.
fn wake_ups(pid: u32) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let status =
            std::fs::read_to_string(task.unwrap().path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if let Some(n) = line
                .strip_prefix("voluntary_ctxt_switches:")
                .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            {
                total += n.trim().parse::<u64>().unwrap();
            }
        }
    }
    total
}

#[test]
fn an_idle_cockpit_does_not_wake_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let tui = Pty::start(&db, &[], 120, 30);
    tui.wait_for("Week 48");
    // Let the rest of the start-up (other panes, the daily backup) finish.
    std::thread::sleep(Duration::from_millis(700));
    let before = wake_ups(tui.pid());
    std::thread::sleep(Duration::from_millis(3500));
    let woke = wake_ups(tui.pid()) - before;
    // The old loop woke once a second to poll the database, and the hang-up watcher once a
    // second to look at the terminal: 3 or more each here.
    assert!(woke <= 1, "woke {woke} times in 3.5 s of idle");
}

#[test]
fn a_cli_write_shows_in_an_idle_cockpit_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 120, 30);
    tui.wait_for("Week 48");
    tui.send("4");
    tui.wait_for("No people yet");
    ok(&db, &["person", "add", "--name", "Ana Lima"]);
    tui.wait_for("Ana Lima");
    ok(&db, &["person", "add", "--name", "Bo Chen"]);
    tui.wait_for("Bo Chen");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
