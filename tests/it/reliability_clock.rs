//! A clock before 1970, or at the far ends of the calendar, never panics Bearing. chrono's
//! `Local::now()` panics when the system clock is before the Unix epoch; Bearing reads the system
//! clock itself and keeps every clock within the years 1–9999.

use crate::support;

use support::{Pty, bearing, stderr};

const LIBFAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

/// Walks every tab and quits; the cockpit must draw each and exit normally.
fn walk_and_quit(mut tui: Pty, status: &str) {
    tui.wait_for(status);
    for tab in ["2", "3", "4", "5", "1"] {
        tui.send(tab);
    }
    tui.send("]");
    tui.send("t");
    tui.wait_for(status);
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0, "{}", tui.contents());
}

#[test]
fn the_tui_starts_and_draws_with_the_clock_at_1969() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let env = [("BEARING_NOW", "1969-12-31T23:00")];
    assert!(
        support::command(&db, &["demo", "--no-tui"])
            .env("BEARING_NOW", "1969-12-31T23:00")
            .output()
            .unwrap()
            .status
            .success()
    );
    let tui = Pty::start_with_env(&db, &[], 100, 30, &env);
    walk_and_quit(tui, "Wed 31 Dec  23:00");
}

#[test]
fn a_system_clock_before_1970_does_not_panic_the_tui() {
    if !std::path::Path::new(LIBFAKETIME).exists() {
        eprintln!("skipped: libfaketime is not installed (apt-get install faketime)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    // No BEARING_NOW: the system clock, which libfaketime sets to an hour before the epoch.
    let env = [
        ("BEARING_NOW", ""),
        ("LD_PRELOAD", LIBFAKETIME),
        ("FAKETIME", "@1969-12-31 23:00:00"),
        ("TZ", "UTC"),
    ];
    let tui = Pty::start_with_env(&db, &[], 100, 30, &env);
    walk_and_quit(tui, "Wed 31 Dec  23:");
}

#[test]
fn a_clock_outside_the_years_1_to_9999_is_refused_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    crate::support::empty_db(&db);
    for now in ["+262142-12-31T23:00", "+10000-01-01T00:00"] {
        let out = bearing(&db, &["--now", now, "agenda"]);
        assert_eq!(out.status.code(), Some(2), "{now}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("year from 1 to 9999"),
            "{}",
            stderr(&out)
        );
    }
    for now in ["0001-01-01T00:00", "1969-12-31T23:00", "9999-12-31T23:00"] {
        let out = bearing(&db, &["--now", now, "agenda"]);
        assert!(out.status.success(), "{now}: {}", stderr(&out));
    }
}
