//! True idle (issue 18): with nothing happening the cockpit does not wake at all, and a change
//! made by another process still shows at once, without a key press.

use crate::support::{Pty, ok};
use std::time::Duration;

/// Context switches so far of each thread of `pid`, by thread id: each time one of them woke.
fn wake_ups(pid: u32) -> std::collections::BTreeMap<String, u64> {
    let mut threads = std::collections::BTreeMap::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let task = task.unwrap();
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        let total = status
            .lines()
            .filter_map(|line| {
                line.strip_prefix("voluntary_ctxt_switches:")
                    .or_else(|| line.strip_prefix("nonvoluntary_ctxt_switches:"))
            })
            .map(|n| n.trim().parse::<u64>().unwrap())
            .sum();
        threads.insert(task.file_name().to_string_lossy().into_owned(), total);
    }
    threads
}

/// Wake-ups between two samples, thread by thread (a thread started meanwhile counts whole).
fn woke_between(
    before: &std::collections::BTreeMap<String, u64>,
    after: &std::collections::BTreeMap<String, u64>,
) -> u64 {
    after
        .iter()
        .map(|(tid, n)| n - before.get(tid).copied().unwrap_or(0))
        .sum()
}

/// Waits (up to 20 s) until the start-up's daily backup thread has ended: at the lowest
/// priority it can outlast a fixed settling time on a busy machine, and a thread that ends
/// between two samples would take its count with it.
fn wait_for_the_backup(pid: u32) {
    let running = || {
        std::fs::read_dir(format!("/proc/{pid}/task"))
            .unwrap()
            .filter_map(Result::ok)
            .any(|t| {
                std::fs::read_to_string(t.path().join("comm"))
                    .is_ok_and(|c| c.trim() == "daily backup")
            })
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while running() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!running(), "the daily backup did not end within 20 s");
}

/// Waits (up to 15 s) until no thread of `pid` woke for half a second: on a machine busy with
/// other tests the start-up's last work (the other panes' first load) can outlast any fixed
/// wait. (This test once saw two wake-ups in a full run under load, and none in six runs alone;
/// the start-up's, most likely, though not proven.) A cockpit that polls never keeps still for
/// half a second in every window, or wakes in the 3.5 s measured: it still fails.
fn wait_until_still(pid: u32) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let before = wake_ups(pid);
        std::thread::sleep(Duration::from_millis(500));
        if woke_between(&before, &wake_ups(pid)) == 0 {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the cockpit kept waking for 15 s after its start"
        );
    }
}

#[test]
fn an_idle_cockpit_does_not_wake_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let tui = Pty::start(&db, &[], 120, 30);
    tui.wait_for("Week 48");
    // Let the rest of the start-up (other panes, the daily backup) finish.
    std::thread::sleep(Duration::from_millis(700));
    wait_for_the_backup(tui.pid());
    wait_until_still(tui.pid());
    let before = wake_ups(tui.pid());
    std::thread::sleep(Duration::from_millis(3500));
    let woke = woke_between(&before, &wake_ups(tui.pid()));
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
