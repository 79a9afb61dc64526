//! A program in a pseudo-terminal, driven like a user drives it: start it, wait for what it
//! draws, press keys and time the answer, read its memory and CPU time from /proc.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const COLS: u16 = 160;
pub const ROWS: u16 = 48;

pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<AtomicU64>,
    /// When the first output after a key press arrived (see [`Session::press`]).
    answer: Arc<Mutex<Answer>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// The arrival of the answer to a key press, taken by the reader thread as `read` returns:
/// the waiting thread only looks every 200 µs (a sleep that lasts about 310 µs here), which
/// would add up to that much to every figure.
#[derive(Default)]
struct Answer {
    awaited: bool,
    arrived: Option<Instant>,
}

impl Session {
    pub fn start(program: &OsStr, args: &[&OsStr]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
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
        let answer = Arc::new(Mutex::new(Answer::default()));
        let (sink, count, arrival) = (Arc::clone(&screen), Arc::clone(&bytes), Arc::clone(&answer));
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let at = Instant::now();
                {
                    let mut answer = arrival.lock().unwrap();
                    if std::mem::take(&mut answer.awaited) {
                        answer.arrived = Some(at);
                    }
                }
                sink.lock().unwrap().process(&buf[..n]);
                count.fetch_add(n as u64, Ordering::SeqCst);
            }
        });
        Session {
            screen,
            bytes,
            answer,
            writer: pair.master.take_writer().unwrap(),
            child,
            _master: pair.master,
        }
    }

    pub fn shows(&self, text: &str) -> bool {
        self.screen
            .lock()
            .unwrap()
            .screen()
            .contents()
            .contains(text)
    }

    pub fn wait_until(&self, what: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !what(self) {
            assert!(Instant::now() < deadline, "timed out");
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Waits until nothing more has been drawn for `quiet`.
    pub fn settle(&self, quiet: Duration) {
        let mut last = self.bytes.load(Ordering::SeqCst);
        loop {
            std::thread::sleep(quiet);
            let now = self.bytes.load(Ordering::SeqCst);
            if now == last {
                return;
            }
            last = now;
        }
    }

    /// Sends `key` and waits for the first bytes of the answer, then for the output to settle.
    /// The time is from the key's write to the first bytes' arrival, as the reader thread saw it.
    pub fn press(&mut self, key: &str) -> Duration {
        let before = self.bytes.load(Ordering::SeqCst);
        *self.answer.lock().unwrap() = Answer {
            awaited: true,
            arrived: None,
        };
        let sent = Instant::now();
        self.writer.write_all(key.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.wait_until(|s| s.bytes.load(Ordering::SeqCst) > before);
        let arrived = self.answer.lock().unwrap().arrived;
        let answered = arrived.map_or_else(|| sent.elapsed(), |at| at.duration_since(sent));
        self.settle(Duration::from_millis(5));
        answered
    }

    /// Sends `keys` without timing them.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.settle(Duration::from_millis(50));
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Resident memory now and at its peak, KiB.
    pub fn rss_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
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

    /// Waits (up to `limit`) until none of the process's threads is named one of `names`;
    /// how long that took.
    pub fn wait_for_threads_to_end(&self, names: &[&str], limit: Duration) -> Duration {
        let started = Instant::now();
        let running =
            || (self.cpu_ns_by_thread().iter()).any(|(_, name, _)| names.contains(&name.as_str()));
        while running() && started.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(20));
        }
        started.elapsed()
    }

    /// CPU time each thread now running has used so far, in nanoseconds, by thread id and
    /// name (`/proc/PID/task/*/schedstat`: finer than `/proc/PID/stat`'s 10 ms ticks).
    pub fn cpu_ns_by_thread(&self) -> Vec<(String, String, u64)> {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.pid())).unwrap();
        (tasks.flatten())
            .filter_map(|task| {
                let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
                let name = std::fs::read_to_string(task.path().join("comm")).ok()?;
                let ns = stat.split_whitespace().next()?.parse().ok()?;
                let id = task.file_name().to_string_lossy().into_owned();
                Some((id, name.trim_end().to_string(), ns))
            })
            .collect()
    }

    /// CPU time the process has used so far (user + system, threads that ended included), in
    /// clock ticks (1/100 s here).
    pub fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap();
        // The command name may hold spaces; the fields after its closing parenthesis do not.
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = after.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    }

    pub fn quit(mut self, key: &str) {
        let _ = self.writer.write_all(key.as_bytes());
        let _ = self.writer.flush();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
