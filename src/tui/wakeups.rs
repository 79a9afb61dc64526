//! What wakes the event loop, and nothing else, so an idle cockpit costs nothing measurable:
//! a key or the mouse (crossterm's poll), the next minute (the clock, reminders, midnight), a
//! change to the database by another process (its `-wal` or main file, watched with inotify
//! through `notify`), a signal and background work (both wake crossterm's poll, see
//! `signals::wake_the_loop`). Only where watching the folder fails does the loop look at the
//! database every [`FALLBACK_POLL`].

use chrono::{NaiveDateTime, Timelike};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::ffi::OsString;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the database is looked at when its folder cannot be watched.
pub const FALLBACK_POLL: Duration = Duration::from_secs(2);

/// The longest sleep (a fixed clock has no minutes to wait for).
pub const LONGEST_SLEEP: Duration = Duration::from_secs(3600);

/// How long the loop may sleep when nothing else wakes it: to just past the next minute of
/// `now` (none: a fixed clock, which never moves), or [`FALLBACK_POLL`] when the database is not
/// watched.
pub fn sleep_for(now: Option<NaiveDateTime>, watched: bool) -> Duration {
    let to_minute = now.map_or(LONGEST_SLEEP, |t| {
        // A leap second counts its nanoseconds past one second.
        let into = Duration::new(u64::from(t.second()), t.nanosecond().min(999_999_999));
        Duration::from_secs(60).saturating_sub(into) + Duration::from_millis(1)
    });
    if watched {
        to_minute
    } else {
        to_minute.min(FALLBACK_POLL)
    }
}

/// Whether a file event is about the database: its main file or its write-ahead log (SQLite
/// replaces neither; the `-shm` index changes through shared memory, which inotify never sees).
pub fn concerns(db_name: &OsString, file: Option<&std::ffi::OsStr>) -> bool {
    let Some(file) = file else { return false };
    let mut wal = db_name.clone();
    wal.push("-wal");
    file == db_name || file == wal
}

/// The database's folder, watched for changes to the file and its log.
pub struct DbWatch {
    watcher: Option<RecommendedWatcher>,
    changed: Arc<AtomicBool>,
}

impl DbWatch {
    /// Watches the folder of `db`; `wake` is called once per burst of changes (until
    /// [`DbWatch::take_changed`]). Without a watch (no inotify, the limit of watches reached) the
    /// loop falls back to looking every [`FALLBACK_POLL`].
    pub fn start(db: &Path, wake: fn()) -> DbWatch {
        let changed = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&changed);
        let name = db.file_name().map(OsString::from).unwrap_or_default();
        let folder = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            if event.paths.iter().any(|p| concerns(&name, p.file_name()))
                && !flag.swap(true, Ordering::SeqCst)
            {
                wake();
            }
        })
        .and_then(|mut w| w.watch(&folder, RecursiveMode::NonRecursive).map(|()| w))
        .ok();
        DbWatch { watcher, changed }
    }

    pub fn watching(&self) -> bool {
        self.watcher.is_some()
    }

    /// True when a change was seen and the loop has not looked yet ([`DbWatch::take_changed`]):
    /// the watch has sent its one wake-up for it.
    pub fn woke(&self) -> bool {
        self.changed.load(Ordering::SeqCst)
    }

    /// True when the database may have changed since the last call: a change was seen, or it is
    /// not watched (then the caller looks every time it wakes).
    pub fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::SeqCst) || !self.watching()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32, milli: u32) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_milli_opt(h, m, s, milli))
    }

    #[test]
    fn an_idle_loop_sleeps_to_just_past_the_next_minute() {
        assert_eq!(
            sleep_for(at(9, 41, 0, 0), true),
            Duration::from_millis(60_001)
        );
        assert_eq!(
            sleep_for(at(9, 41, 59, 500), true),
            Duration::from_millis(501)
        );
        assert_eq!(
            sleep_for(at(23, 59, 30, 0), true),
            Duration::from_millis(30_001)
        );
        // A leap second: chrono puts it at :59 with a second's worth of nanoseconds more.
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 1_500));
        assert!(sleep_for(leap, true) <= Duration::from_millis(2));
    }

    #[test]
    fn a_fixed_clock_sleeps_long_and_an_unwatched_database_is_looked_at_every_two_seconds() {
        assert_eq!(sleep_for(None, true), LONGEST_SLEEP);
        assert_eq!(sleep_for(None, false), FALLBACK_POLL);
        assert_eq!(
            sleep_for(at(9, 41, 59, 500), false),
            Duration::from_millis(501)
        );
        assert_eq!(sleep_for(at(9, 41, 10, 0), false), FALLBACK_POLL);
    }

    #[test]
    fn only_the_database_and_its_log_concern_the_loop() {
        let name = OsString::from("work.db");
        for (file, yes) in [
            ("work.db", true),
            ("work.db-wal", true),
            ("work.db-shm", false),
            ("work.db-journal", false),
            ("other.db-wal", false),
            ("backups", false),
        ] {
            assert_eq!(concerns(&name, Some(file.as_ref())), yes, "{file}");
        }
        assert!(!concerns(&name, None));
    }

    #[test]
    fn a_write_by_another_connection_wakes_the_watch_once_per_burst() {
        use std::sync::atomic::AtomicUsize;
        static WAKES: AtomicUsize = AtomicUsize::new(0);
        fn wake() {
            WAKES.fetch_add(1, Ordering::SeqCst);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.db");
        let _mine = crate::store::Store::open(&path).unwrap();
        let watch = DbWatch::start(&path, wake);
        assert!(watch.watching());
        assert!(!watch.take_changed(), "nothing happened yet");
        assert!(!watch.woke());
        let mut other = crate::store::Store::open(&path).unwrap();
        for n in 0..3 {
            let draft = crate::domain::person::PersonDraft {
                name: format!("P{n}"),
                ..Default::default()
            };
            let input = crate::ops::people::PersonInput {
                draft,
                one_on_one: None,
            };
            let now = at(9, 0, 0, 0).unwrap();
            crate::ops::people::add_person(&mut other, input, chrono::Weekday::Mon, now).unwrap();
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while WAKES.load(Ordering::SeqCst) == 0 {
            assert!(std::time::Instant::now() < deadline, "no wake-up");
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(
            WAKES.load(Ordering::SeqCst),
            1,
            "one wake until the loop looks"
        );
        assert!(
            watch.woke(),
            "the start looks whether its one wake-up went out"
        );
        assert!(watch.woke(), "looking does not take it");
        assert!(watch.take_changed());
        assert!(!watch.take_changed());
        assert!(!watch.woke());
    }
}
