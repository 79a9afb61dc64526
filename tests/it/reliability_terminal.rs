//! The terminal is always given back: after a panic inside the TUI and after each catchable
//! signal that ends it (SIGINT, SIGQUIT, SIGTERM, SIGHUP, and every other catchable signal whose
//! default action would end the process, from SIGUSR1 to the real-time ones), the pty is on the
//! main screen again,
//! in cooked mode (read with tcgetattr), with mouse reporting off and the cursor shown, and a
//! panic's message is there to read. SIGTSTP hands the terminal back while Bearing is stopped and
//! SIGCONT takes it again. A terminal resized under the cockpit, running or stopped, is drawn at
//! its new size.

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
fn a_panic_before_the_screen_is_taken_sends_the_shell_no_screen_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let env = [
        ("BEARING_TEST_PANIC", "before-screen"),
        ("RUST_BACKTRACE", "0"),
    ];
    let mut tui = Pty::start_with_env(&db, &[], 100, 30, &env);
    assert_eq!(tui.wait_exit(), 101, "a panic exits with Rust's panic code");
    tui.wait_for("deliberate panic before the screen");
    // Leaving a full screen never entered would make the terminal restore a cursor it never
    // saved: the shell's prompt would jump.
    let raw = String::from_utf8_lossy(&tui.raw()).into_owned();
    for code in ["\x1b[?1049", "\x1b[?1000", "\x1b[?25"] {
        assert!(!raw.contains(code), "{code:?} was sent: {raw:?}");
    }
    assert!(tui.is_cooked(), "raw mode was never switched on");
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

fn kill(tui: &Pty, signal: i32) {
    // SAFETY: kill(2) with a child's pid and a valid signal number.
    assert_eq!(unsafe { libc::kill(tui.pid() as i32, signal) }, 0);
}

/// The cockpit with mouse reporting on (the default), ready for a signal.
fn running(db: &std::path::Path) -> Pty {
    let tui = started(db, &[]);
    assert!(!tui.on_main_screen() && !tui.is_cooked());
    assert!(tui.mouse_reporting(), "the mouse is on by default");
    tui
}

#[test]
fn sigint_and_sigquit_restore_the_terminal_and_mouse() {
    let dir = tempfile::tempdir().unwrap();
    for (signal, name) in [(libc::SIGINT, "SIGINT"), (libc::SIGQUIT, "SIGQUIT")] {
        let db = dir.path().join(format!("{name}.db"));
        stops_and_restores(&db, signal, name);
        assert_eq!(support::integrity(&db), "ok");
    }
}

/// Sends `signal` to a running cockpit: it exits with 128 + the number, says which signal
/// stopped it, and leaves the terminal restored.
fn stops_and_restores(db: &std::path::Path, signal: i32, name: &str) {
    let mut tui = running(db);
    kill(&tui, signal);
    assert_eq!(
        tui.wait_exit(),
        128 + signal as u32,
        "{name}: the conventional exit status"
    );
    tui.wait_until(
        &format!("the terminal is restored after {name}"),
        Pty::is_restored,
    );
    tui.wait_for(&format!("stopped by {name}; everything saved is kept"));
}

#[test]
fn every_stop_signal_turns_mouse_reporting_off() {
    let dir = tempfile::tempdir().unwrap();
    for signal in [libc::SIGTERM, libc::SIGHUP] {
        let db = dir.path().join(format!("{signal}.db"));
        let mut tui = running(&db);
        kill(&tui, signal);
        tui.wait_exit();
        tui.wait_until("the terminal is restored", Pty::is_restored);
    }
}

#[test]
fn sigtstp_hands_the_terminal_back_and_sigcont_takes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = running(&db);
    kill(&tui, libc::SIGTSTP);
    tui.wait_until("the terminal is handed back on SIGTSTP", Pty::is_restored);
    kill(&tui, libc::SIGCONT);
    tui.wait_until("the cockpit takes the screen again", |t| {
        !t.on_main_screen() && !t.is_cooked() && t.mouse_reporting()
    });
    tui.wait_for("Bearing");
    // Still alive and answering keys.
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.wait_until("the terminal is restored after q", Pty::is_restored);
}

#[test]
fn every_other_catchable_terminating_signal_restores_the_terminal_too() {
    // Each of these ended the cockpit with the terminal raw, in the alternate screen and with
    // mouse reporting on (`kill -USR1`: exit 138, stty -isig -icanon -echo).
    let dir = tempfile::tempdir().unwrap();
    let rt_min = libc::SIGRTMIN();
    let rt_max = libc::SIGRTMAX();
    let rt_third = format!("SIGRTMIN+{}", 3);
    let rt_last = format!("SIGRTMIN+{}", rt_max - rt_min);
    let table: Vec<(i32, &str)> = vec![
        (libc::SIGUSR1, "SIGUSR1"),
        (libc::SIGUSR2, "SIGUSR2"),
        (libc::SIGALRM, "SIGALRM"),
        (libc::SIGVTALRM, "SIGVTALRM"),
        (libc::SIGPROF, "SIGPROF"),
        (libc::SIGPIPE, "SIGPIPE"),
        (libc::SIGXCPU, "SIGXCPU"),
        (libc::SIGXFSZ, "SIGXFSZ"),
        (libc::SIGIO, "SIGIO"),
        (libc::SIGABRT, "SIGABRT"),
        (libc::SIGTRAP, "SIGTRAP"),
        (libc::SIGSYS, "SIGSYS"),
        (libc::SIGSTKFLT, "SIGSTKFLT"),
        (libc::SIGPWR, "SIGPWR"),
        (rt_min, "SIGRTMIN+0"),
        (rt_min + 3, rt_third.as_str()),
        (rt_max, rt_last.as_str()),
    ];
    for (signal, name) in table {
        stops_and_restores(&dir.path().join(format!("{signal}.db")), signal, name);
    }
}

/// A terminal resized under a running cockpit (a window dragged, a tmux pane split): the next
/// frame is drawn at the new size, in the layout for it, with no key pressed; below the
/// smallest size the cockpit says so, and it comes back when there is room again. A key pressed
/// after a resize draws at the new size too.
#[test]
fn a_resized_terminal_is_redrawn_at_its_new_size() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    support::ok(&db, &["demo", "--no-tui"]);
    let mut tui = Pty::start(&db, &[], 80, 24);
    tui.wait_for("Week 48");
    assert!(
        !tui.contents().contains("Tue 24"),
        "80 columns show one day"
    );

    tui.resize(160, 48);
    // The week in columns, one a day, with the tab bar's title.
    tui.wait_for("Tue 24");
    tui.wait_for("◆ Bearing");

    tui.resize(30, 10);
    tui.wait_for("this terminal is 30×10");

    tui.resize(100, 30);
    tui.wait_for("Week 48");
    assert!(!tui.contents().contains("this terminal is"));
    tui.send("2");
    tui.wait_for("30/60/90");
    tui.resize(160, 48);
    tui.send("1");
    tui.wait_for("Tue 24");

    // Resized while stopped (Ctrl-Z, the window changed in the shell, then `fg`).
    kill(&tui, libc::SIGTSTP);
    tui.wait_until("the terminal is handed back on SIGTSTP", Pty::is_restored);
    tui.resize(80, 24);
    kill(&tui, libc::SIGCONT);
    tui.wait_until("the cockpit takes the screen again", |t| {
        !t.on_main_screen()
    });
    tui.wait_for("Week 48");
    tui.wait_until("one day at 80 columns", |t| {
        !t.contents().contains("Tue 24")
    });
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
