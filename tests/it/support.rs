//! Test support: a real pseudo-terminal running the real binary, read through a VT100 parser.
#![allow(dead_code)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub const FIXED_NOW: &str = "2026-11-23T09:00";

/// Whether the exhaustive tests run in full (`BEARING_FULL_TESTS=1`, as `.ci/run --extended`
/// sets it): every size of the screen sweep, every fuzz case, every round of the races. By
/// default each runs a representative seeded sample, so `cargo test` stays quick.
pub fn full_tests() -> bool {
    std::env::var_os("BEARING_FULL_TESTS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// How many cases, rounds or inputs an exhaustive test runs: `quick` by default, `full` under
/// `BEARING_FULL_TESTS=1`.
pub fn sample(quick: usize, full: usize) -> usize {
    if full_tests() { full } else { quick }
}

/// `bearing --db DB --ignore-config ARGS` with the fixed clock, ready to run or spawn.
pub fn command(db: &Path, args: &[&str]) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"));
    cmd.arg("--db")
        .arg(db)
        .arg("--ignore-config")
        .args(args)
        .env("BEARING_NOW", FIXED_NOW);
    cmd
}

/// Creates an empty Bearing database at `db`: commands that read never create one.
pub fn empty_db(db: &Path) {
    bearing::store::Store::open(db).unwrap();
}

/// Runs `bearing --db DB --ignore-config ARGS` with the fixed clock and returns its output, as
/// the binary would, with nothing on standard input. It runs in this process
/// ([`bearing::cli::run_in_process`]): the same parsing and code without starting the binary,
/// which made most of the suite's time. What only a process shows (signals, the environment,
/// a terminal, standard input) is tested through [`command`].
pub fn bearing(db: &Path, args: &[&str]) -> std::process::Output {
    use std::os::unix::process::ExitStatusExt;
    let mut line: Vec<std::ffi::OsString> = vec!["bearing".into(), "--db".into(), db.into()];
    line.push("--ignore-config".into());
    if !args
        .iter()
        .any(|a| *a == "--now" || a.starts_with("--now="))
    {
        line.extend(["--now".into(), FIXED_NOW.into()]);
    }
    line.extend(args.iter().map(Into::into));
    let (code, out) =
        bearing::cli::run_in_process(line, Vec::new(), bearing::tui::keymap::check_binding);
    std::process::Output {
        status: std::process::ExitStatus::from_raw(i32::from(code) << 8),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// `PRAGMA integrity_check` of the file at `db`, through a plain SQLite connection.
/// Waits for a lock as Bearing's own connections do, and names the error when it fails.
pub fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("integrity_check of {}: {e}", db.display()))
}

/// The names of the files in `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `bearing` with the local time zone pinned to `zone`: imported calendar times are converted
/// to it.
pub fn bearing_in(zone: &str, db: &Path, args: &[&str]) -> std::process::Output {
    command(db, args).env("TZ", zone).output().unwrap()
}

/// [`ok`] with the local time zone pinned to `zone`.
pub fn ok_in(zone: &str, db: &Path, args: &[&str]) -> String {
    let out = bearing_in(zone, db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Runs a command that must succeed and returns its standard output.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = bearing(db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Runs a command that must succeed and prints a JSON array; returns its elements.
pub fn json_array(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = ok(db, args);
    match serde_json::from_str::<serde_json::Value>(&out) {
        Ok(serde_json::Value::Array(items)) => items,
        other => panic!("{args:?} did not print a JSON array: {other:?}"),
    }
}

/// Runs a command that must fail with exit code 2 and a message containing `expected`.
pub fn fails(db: &Path, args: &[&str], expected: &str) {
    let out = bearing(db, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(expected), "{args:?}: {err}");
}

/// In a cockpit with no rituals yet: opens the rituals tab and adds the weekly ritual `name`
/// through the form (Tuesdays at 10:00, the form's defaults), waiting until it is saved.
pub fn add_weekly_ritual(tui: &mut Pty, name: &str) {
    tui.send("3");
    tui.wait_for("No rituals yet");
    tui.send("a");
    tui.wait_for("New meeting");
    tui.send(name);
    tui.send("\t");
    // Repeats: once → weekly.
    tui.send("\x1b[C");
    tui.wait_for("weekly");
    tui.send("\r");
    tui.wait_for(&format!("Added \"{name}\""));
}

pub struct Pty {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as the terminal received it.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set once the reader has taken in everything the program wrote (EOF on the terminal).
    drained: Arc<std::sync::atomic::AtomicBool>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    /// Starts `bearing ARGS` on `db` in a `cols`×`rows` terminal with a fixed clock.
    pub fn start(db: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::start_with_env(db, args, cols, rows, &[])
    }

    /// Like `start`, with extra environment variables; an empty value removes one.
    pub fn start_with_env(
        db: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_bearing"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.arg("--ignore-config");
        for a in args {
            cmd.arg(a);
        }
        cmd.env("BEARING_NOW", FIXED_NOW);
        cmd.env("TERM", "xterm-256color");
        // An empty value removes the variable (e.g. BEARING_NOW, for the system clock).
        for (k, v) in env {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn bearing");
        // Without dropping our copy of the slave end the reader would never see EOF.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
            0,
        )));
        let sink = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let drained_flag = Arc::clone(&drained);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    // EIO at the end of output on Linux ends the loop like EOF.
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
                        sink.lock().unwrap().process(&buf[..n]);
                    }
                }
            }
            drained_flag.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Pty {
            screen,
            raw,
            drained,
            writer,
            child,
            master: pair.master,
        }
    }

    /// Resizes the terminal to `cols`×`rows`, as a user dragging the window does: the kernel
    /// tells the program (SIGWINCH), and this side's screen takes the new size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.screen.lock().unwrap().set_size(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
        );
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Every byte the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`, or fails with what the screen shows instead.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
        panic!(
            "timed out waiting for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    pub fn send(&mut self, keys: &str) {
        let before = self.contents();
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // The program reads these keys before the next are sent, so an Esc is never read
        // together with the key after it (as Alt and that key).
        self.wait_read(&before);
    }

    /// Presses Esc and waits until the program has read it and the screen changed. A key sent
    /// before the program has read the Esc can arrive in the same read, and a terminal reads Esc
    /// then `/` as Alt-/. A changed screen alone does not prove the Esc was read: keys typed
    /// just before it (`/runbook`, drawn letter by letter) still change it, and on a loaded
    /// machine the next key then joined the Esc (CI, `e2e_follow_through`).
    pub fn escape(&mut self) {
        let before = self.contents();
        self.send("\x1b");
        self.wait_until("Esc changed the screen", |t| t.contents() != before);
        self.wait_read(&before);
    }

    /// Waits until the program has read the keys just sent: the terminal's input queue, asked
    /// with `FIONREAD` on its device, empty twice 5 ms apart, once the keys are known to have
    /// reached it (seen waiting there, or the screen changed since `before`), or 40 ms on. The
    /// kernel hands written keys to the queue a moment later, so an empty queue right after the
    /// write proves nothing. Gives up after 2 s (a stopped program, an editor that has the
    /// terminal): the next `wait_for` then says what the screen shows.
    fn wait_read(&self, before: &str) {
        use std::os::unix::fs::OpenOptionsExt;
        use std::os::unix::io::AsRawFd;
        let Some(tty) = self.master.tty_name() else {
            thread::sleep(Duration::from_millis(40));
            return;
        };
        let queued = || -> Option<libc::c_int> {
            // Opened for the question alone and closed at once: a copy of the terminal kept
            // open would keep the reader from seeing its end when the program exits.
            let file = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
                .open(&tty)
                .ok()?;
            let mut n: libc::c_int = 0;
            // SAFETY: FIONREAD writes one int through the pointer, which lives across the call.
            let done = unsafe { libc::ioctl(file.as_raw_fd(), libc::FIONREAD, &mut n) };
            (done == 0).then_some(n)
        };
        let started = Instant::now();
        let mut arrived = false;
        let mut empty = 0;
        while empty < 2 && started.elapsed() < Duration::from_secs(2) {
            match queued() {
                Some(0) => {
                    arrived = arrived
                        || started.elapsed() >= Duration::from_millis(40)
                        || self.contents() != before;
                    if arrived {
                        empty += 1;
                    }
                }
                Some(_) => {
                    arrived = true;
                    empty = 0;
                }
                // The terminal is gone (the program exited): nothing is left to read.
                None => return,
            }
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the process to exit and returns its exit code, once the screen shows everything
    /// it wrote (on a loaded machine the reader thread can lag behind the exit).
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The terminal ends when no process holds it any more; a grandchild still
                // holding it leaves the wait to the deadline, then the screen is as it is.
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst)
                    && Instant::now() < deadline
                {
                    thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            thread::sleep(Duration::from_millis(25));
        }
        self.child.kill().ok();
        panic!(
            "bearing did not exit; the screen shows:\n{}",
            self.contents()
        );
    }

    /// Whether the terminal is in cooked mode: line editing and echo on, as a shell expects.
    pub fn is_cooked(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("pty master fd");
        // SAFETY: a zeroed termios is a valid out-parameter; tcgetattr only writes into it. On
        // Linux a pty master reports the settings of its slave, the terminal the program used.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// Whether the terminal is back on the main screen (the alternate screen was left).
    pub fn on_main_screen(&self) -> bool {
        !self.screen.lock().unwrap().screen().alternate_screen()
    }

    /// Whether the program asked the terminal to report mouse events.
    pub fn mouse_reporting(&self) -> bool {
        self.screen.lock().unwrap().screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }

    pub fn cursor_shown(&self) -> bool {
        !self.screen.lock().unwrap().screen().hide_cursor()
    }

    /// Waits until `holds` is true of the terminal, or fails saying `what` never happened.
    pub fn wait_until(&self, what: &str, holds: impl Fn(&Pty) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if holds(self) {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "timed out waiting until {what}; the screen shows:\n{}",
            self.contents()
        );
    }

    /// The terminal as a shell needs it: main screen, cooked mode, no mouse reporting, cursor
    /// shown.
    pub fn is_restored(&self) -> bool {
        self.on_main_screen() && self.is_cooked() && !self.mouse_reporting() && self.cursor_shown()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A calendar holding `events` (the lines of each VEVENT), with `head` at the calendar level.
pub fn ics(head: &str, events: &[&str]) -> String {
    let mut text = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}");
    for body in events {
        text.push_str("BEGIN:VEVENT\r\n");
        for line in body.lines() {
            text.push_str(line.trim());
            text.push_str("\r\n");
        }
        text.push_str("END:VEVENT\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}
