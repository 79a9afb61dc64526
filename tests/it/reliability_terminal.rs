//! The terminal is always given back: after a panic inside the TUI and after SIGHUP (SIGTERM is
//! proved in e2e_people.rs), the pty is on the main screen again, in cooked mode, and a panic's
//! message is there to read.

use crate::support;

use support::Pty;

fn started(db: &std::path::Path, env: &[(&str, &str)]) -> Pty {
    let tui = Pty::start_with_env(db, &[], 100, 30, env);
    tui.wait_for("Bearing");
    tui
}

#[test]
fn a_panic_inside_the_tui_restores_the_terminal_and_shows_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    // A short report, as a user sees it without RUST_BACKTRACE set.
    let env = [("BEARING_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")];
    let mut tui = Pty::start_with_env(&db, &[], 100, 30, &env);
    assert_eq!(tui.wait_exit(), 101, "a panic exits with Rust's panic code");
    // The reader thread may still be draining the last bytes.
    tui.wait_for("deliberate panic");
    assert!(
        tui.on_main_screen(),
        "left the alternate screen after the panic"
    );
    assert!(tui.is_cooked(), "raw mode was switched off after the panic");
    let screen = tui.contents();
    assert!(screen.contains("panicked"), "{screen}");
    // The database is untouched by the panic: it opens and holds what it held.
    assert_eq!(support::integrity(&db), "ok");
}

#[test]
fn sighup_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = started(&db, &[]);
    assert!(!tui.on_main_screen());
    assert!(!tui.is_cooked(), "the TUI runs in raw mode");
    // SAFETY: kill(2) with a child's pid and a valid signal number.
    assert_eq!(unsafe { libc::kill(tui.pid() as i32, libc::SIGHUP) }, 0);
    tui.wait_exit();
    assert!(
        tui.on_main_screen(),
        "left the alternate screen after SIGHUP"
    );
    assert!(tui.is_cooked(), "raw mode was switched off after SIGHUP");
}

#[test]
fn sigterm_also_leaves_cooked_mode() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = started(&db, &[]);
    // SAFETY: as above.
    assert_eq!(unsafe { libc::kill(tui.pid() as i32, libc::SIGTERM) }, 0);
    tui.wait_exit();
    assert!(tui.is_cooked(), "raw mode was switched off after SIGTERM");
}
