//! End to end, as a user meets it: the real binary in a pseudo-terminal on the large demo
//! database. Measures the time from process start to the first complete frame, the time from a
//! key press to the first bytes of the redrawn frame (median and 95th percentile), and the resident
//! memory afterwards. Run with `cargo bench --bench startup` (not part of `cargo test`).
// It prints its own measurements; the rule that output goes through cli::output is for Bearing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_macros)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RUNS: usize = 15;
const COLS: u16 = 160;
const ROWS: u16 = 48;

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<AtomicU64>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(db: &Path) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_bearing"));
        cmd.args(["--ignore-config", "--db"]);
        cmd.arg(db);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(ROWS).unwrap(),
            std::num::NonZero::new(COLS).unwrap(),
            0,
        )));
        let bytes = Arc::new(AtomicU64::new(0));
        let (sink, count) = (Arc::clone(&screen), Arc::clone(&bytes));
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                count.fetch_add(n as u64, Ordering::SeqCst);
            }
        });
        Session {
            screen,
            bytes,
            writer: pair.master.take_writer().unwrap(),
            child,
            _master: pair.master,
        }
    }

    fn shows(&self, text: &str) -> bool {
        self.screen
            .lock()
            .unwrap()
            .screen()
            .contents()
            .contains(text)
    }

    fn wait_until(&self, what: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !what(self) {
            assert!(Instant::now() < deadline, "timed out");
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Sends `key` and waits for the first bytes of the answer, then for the output to settle.
    fn press(&mut self, key: &str) -> Duration {
        let before = self.bytes.load(Ordering::SeqCst);
        let sent = Instant::now();
        self.writer.write_all(key.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.wait_until(|s| s.bytes.load(Ordering::SeqCst) > before);
        let answered = sent.elapsed();
        let mut last = self.bytes.load(Ordering::SeqCst);
        loop {
            std::thread::sleep(Duration::from_millis(5));
            let now = self.bytes.load(Ordering::SeqCst);
            if now == last {
                break;
            }
            last = now;
        }
        answered
    }

    fn rss_kib(&self) -> (u64, u64) {
        let pid = self.child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    fn quit(mut self) {
        self.writer.write_all(b"q").unwrap();
        self.writer.flush().unwrap();
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` passes --bench; nothing to parse.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("large.db");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args(["--ignore-config", "--db"])
        .arg(&db)
        .args(["demo", "--size", "large", "--seed", "1", "--no-tui"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    println!("{}", String::from_utf8_lossy(&made.stdout).trim());

    let mut first_frames = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let session = Session::start(&db);
        // The first frame is complete when the agenda's radar strip and the status bar are drawn.
        session.wait_until(|s| s.shows("Radar") && s.shows("? keys"));
        first_frames.push(started.elapsed());
        session.quit();
    }
    first_frames.sort();

    let mut session = Session::start(&db);
    session.wait_until(|s| s.shows("Radar") && s.shows("? keys"));
    // Keys that always change the screen: tab switches, moving in lists, weeks on the agenda.
    let round = [
        "2", "j", "k", "3", "j", "k", "4", "j", "k", "5", "j", "k", "1", "]", "[",
    ];
    let mut keys = Vec::new();
    for _ in 0..10 {
        for key in round {
            keys.push(session.press(key));
        }
    }
    let (rss, peak) = session.rss_kib();
    session.quit();
    keys.sort();

    println!(
        "start to first frame ({RUNS} runs, {COLS}x{ROWS}): median {}, p95 {}, max {}",
        ms(percentile(&first_frames, 0.5)),
        ms(percentile(&first_frames, 0.95)),
        ms(*first_frames.last().unwrap())
    );
    println!(
        "key press to redraw ({} presses): median {}, p95 {}, max {}",
        keys.len(),
        ms(percentile(&keys, 0.5)),
        ms(percentile(&keys, 0.95)),
        ms(*keys.last().unwrap())
    );
    println!(
        "resident memory after the presses: {:.1} MB (peak {:.1} MB)",
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
}
