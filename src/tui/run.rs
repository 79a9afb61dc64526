//! The event loop. It sleeps until something happens (see `wakeups`): a key or the mouse, the
//! next minute (the clock moves on, reminders, midnight), another process changing the database
//! (its log is watched, not polled), a signal, or the daily backup finishing in the background.
//! It redraws only when something changed.

use chrono::NaiveDateTime;
use color_eyre::eyre::{Result, WrapErr, eyre};
use crossterm::event::{self, Event, MouseEventKind};
use std::collections::VecDeque;
use std::time::Duration;

use super::effects::Runner;
use super::keymap::Keymap;
use super::model::Model;
use super::msg::{Effect, Msg};
use super::theme::Theme;
use crate::clock::{Clock, minute};
use crate::ops::agenda::Start;

use super::pane::Tab;
use super::signals::{SignalWatch, wake_the_loop};
use super::terminal::{TerminalGuard, watch_for_hang_up};
use super::update::{reload_all, reload_all_but, reload_changed, run_later, update};
use super::view::view;
use super::wakeups::{self, DbWatch};
use crate::config::Config;
use crate::store::{AUTO_CHECKPOINT_PAGES, Store};

/// Runs effects and feeds their results back until nothing is left to do, what waits for a
/// redraw (the loads a change left for later, the agenda's prefetch) included.
pub fn settle(model: &mut Model, runner: &mut Runner, effects: Vec<Effect>) {
    settle_now(model, runner, effects);
    while model.has_later() {
        let rest = run_later(model);
        settle_now(model, runner, rest);
    }
}

/// Runs effects and feeds their results back, leaving what waits for a redraw
/// (`model.reload_later`, `model.later`) to the loop: it runs them once the screen is redrawn
/// and no key is waiting.
pub(crate) fn settle_now(model: &mut Model, runner: &mut Runner, effects: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let msg = runner.run(effect, model.now);
        queue.extend(update(model, msg));
    }
}

/// Runs what waited for the redraw one effect at a time; a key pressed meanwhile goes first,
/// the effects not yet run waiting again (`model.later`) for its redraw.
fn settle_until_a_key(model: &mut Model, runner: &mut Runner, effects: Vec<Effect>) -> Result<()> {
    let mut rest = effects.into_iter();
    while let Some(effect) = rest.next() {
        settle_now(model, runner, vec![effect]);
        if event::poll(Duration::ZERO)? {
            let waiting: Vec<Effect> = rest.filter(|e| !model.later.contains(e)).collect();
            model.later.splice(0..0, waiting);
            break;
        }
    }
    Ok(())
}

/// The model with every pane loaded from the store.
pub fn initial_model(runner: &mut Runner, config: &Config, now: NaiveDateTime) -> Result<Model> {
    let mut model = empty_model(runner, config, now)?;
    let loads = reload_all(&model);
    settle(&mut model, runner, loads);
    Ok(model)
}

/// The model before any pane's data is loaded.
fn empty_model(runner: &Runner, config: &Config, now: NaiveDateTime) -> Result<Model> {
    let keymap =
        Keymap::load(&config.keys).map_err(|e| eyre!("invalid key binding in the config: {e}"))?;
    let mut model = Model::new(keymap, minute(now), config.week_start);
    model.reminder_lead_min = config.reminder_lead_min;
    model.reminder_bell = config.reminder_bell;
    model.calendar_reminders = config.calendar_reminders;
    model.reminder_command = config.reminder_command.clone();
    model.working_hours = config.working_hours;
    model.theme = Theme::with_colors(&config.theme);
    // https://no-color.org: set and not empty. The terminal library drops the colours itself.
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        model.theme = model.theme.without_colour();
    }
    model.agenda.view_mode = config.agenda_view;
    model.read_only = runner.store.is_read_only();
    model.db_label = runner
        .store
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(model)
}

/// Makes the day's backup (keeping `keep`) on its own connection and thread; a failure comes
/// back as a message and wakes the loop. None when there is nothing to do or no thread.
fn start_daily_backup(
    store: &Store,
    keep: u32,
    clock: Clock,
    done: std::sync::mpsc::Sender<Msg>,
) -> Option<std::thread::JoinHandle<()>> {
    // A read-only cockpit writes nothing, backups included.
    if keep == 0 || store.is_read_only() {
        return None;
    }
    // By SQLite alone (see `Beside::open`): never `Store::open` beside the cockpit's connection.
    let beside = store.beside();
    std::thread::Builder::new()
        .name("daily backup".into())
        .spawn(move || {
            yield_to_the_cockpit();
            let failed = match beside.open() {
                Ok(store) => super::effects::daily_backup(&store, keep, clock.now()),
                Err(e) => Some(Msg::Failed {
                    message: format!("The daily backup failed: {e}"),
                    field: None,
                }),
            };
            give_back_memory();
            if let Some(msg) = failed
                && done.send(msg).is_ok()
            {
                wake_the_loop();
            }
        })
        .ok()
}

/// Lowers the calling thread to the lowest CPU priority (nice 19) and idle disk priority: the
/// daily backup reads and checks the whole file (seconds with ten years of data), and on a
/// busy machine keys and redraws must not wait for it. Best effort: a system that refuses
/// leaves the thread as it was.
fn yield_to_the_cockpit() {
    // SAFETY: plain system calls on this thread's own id; nothing is read or written through
    // pointers.
    unsafe {
        let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, thread, 19);
        // ioprio_set(IOPRIO_WHO_PROCESS = 1, thread, IOPRIO_CLASS_IDLE = 3 << 13).
        libc::syscall(libc::SYS_ioprio_set, 1, thread, 3 << 13);
    }
}

/// Returns the memory the backup's connection and its check freed to the system: left in the
/// thread's own malloc arena it stayed resident all day (4–8 MB on ten years of data).
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it reads no pointer of ours.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Copies the cockpit's log into the file on a thread of its own once a save leaves it past
/// [`AUTO_CHECKPOINT_PAGES`] (see [`Store::copy_log_aside`]): within the save, SQLite's copy
/// made one save in sixty take 20–45 ms longer on ten years of data.
#[derive(Default)]
struct LogCopy {
    /// The copy under way; it says whether it copied.
    running: Option<std::thread::JoinHandle<bool>>,
}

impl LogCopy {
    fn start_if_due(&mut self, store: &Store) {
        if self
            .running
            .as_ref()
            .is_some_and(|copy| !copy.is_finished())
        {
            return;
        }
        // A copy that could not open its connection (the file moved or replaced since) is made
        // on the cockpit's, once the frame is drawn, rather than let the log grow. One that
        // failed otherwise (the disk full) is tried again after the next save.
        if let Some(done) = self.running.take()
            && !done.join().unwrap_or(true)
        {
            let _ = store.checkpoint();
        }
        if crate::store::log_pages() < AUTO_CHECKPOINT_PAGES {
            return;
        }
        crate::store::take_log_pages();
        // By SQLite alone, as the daily backup's (see `Beside::open`).
        let beside = store.beside();
        self.running = std::thread::Builder::new()
            .name("log copy".into())
            .spawn(move || {
                yield_to_the_cockpit();
                let Ok(store) = beside.open() else {
                    return false;
                };
                let _ = store.checkpoint();
                drop(store);
                give_back_memory();
                true
            })
            .ok();
    }
}

/// An effect that only reads ahead what is not on screen (the agenda's neighbouring weeks, the
/// names the search box will match).
fn reads_ahead(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::Agenda(super::effects::agenda::AgendaEffect::Prefetch { .. })
            | Effect::ReadSearchNames
    )
}

/// Free memory the allocator may keep for later before the loop gives it back.
const FREE_TO_KEEP: usize = 1 << 20;

/// How much the process must have grown since the last time, in pages: a key that only moves
/// the selection grows it by less, and trimming after each of those cost 10% of their CPU.
const GROWN_PAGES: usize = 256;

/// What the loop keeps to give freed memory back: the resident pages after the last time, and
/// `/proc/self/statm` held open (opening it each time the loop went idle cost 2–4% of a key).
struct Trim {
    floor: usize,
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    statm: Option<std::fs::File>,
}

impl Trim {
    fn new() -> Trim {
        Trim {
            floor: 0,
            #[cfg(all(target_os = "linux", target_env = "gnu"))]
            statm: std::fs::File::open("/proc/self/statm").ok(),
        }
    }

    /// Returns what the keys and loads freed, once the loop goes idle, when the process is
    /// [`GROWN_PAGES`] larger than after the last time (`floor`, resident pages) and the
    /// allocator holds more than [`FREE_TO_KEEP`] free. A save on ten years of data reloads
    /// thousands of rows per tab, and a search reads thousands of hits: the old rows are freed
    /// after the new ones are built, and glibc kept most of that resident (the huge demo's
    /// session ended at 30.6 MB). Resident pages, not glibc's free count, say when: glibc still
    /// counts what it gave back as free, and reuses it.
    fn give_back_freed_memory(&mut self) {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        {
            let Some(resident) = self.resident_pages() else {
                return;
            };
            // SAFETY: mallinfo2 only reads the allocator's counters; malloc_trim only releases
            // free memory. Neither reads a pointer of ours.
            let trim = || unsafe {
                libc::mallinfo2().fordblks > FREE_TO_KEEP && libc::malloc_trim(0) == 1
            };
            if resident > self.floor.saturating_add(GROWN_PAGES) && trim() {
                self.floor = self.resident_pages().unwrap_or(resident);
            } else {
                self.floor = self.floor.min(resident);
            }
        }
        #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
        let _ = self.floor;
    }

    /// The pages the process has resident (`/proc/self/statm`, read from its start each
    /// time), if the system says.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn resident_pages(&self) -> Option<usize> {
        use std::os::unix::fs::FileExt;
        let mut buf = [0u8; 128];
        let n = self.statm.as_ref()?.read_at(&mut buf, 0).ok()?;
        std::str::from_utf8(buf.get(..n)?)
            .ok()?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }
}

/// How the cockpit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal asked it to stop (its number); the terminal was restored.
    Signal(i32),
}

pub fn run(store: Store, config: &Config, clock: Clock, start: Start) -> Result<Exit> {
    let mut runner = Runner::new(store, config);
    runner.store.copy_log_aside();
    // The first frame needs only the agenda; the other panes load right after it is drawn.
    let mut model = empty_model(&runner, config, start.now)?;
    let first = vec![model.agenda.reload_week(&model.ctx())];
    // Taken before the agenda is read: whatever another writer saves from now on is seen.
    let before = runner.store.data_version()?;
    runner.first_radar = Some(start.radar);
    let db = runner.store.path().to_path_buf();
    // The watchers are started and the terminal made ready on a second thread while the agenda
    // is read (the machine has a core to spare at start; this took a millisecond off the first
    // frame). The screen is taken here, after: a panic while the agenda is read prints its
    // report on the shell's screen, never into one being taken on the other thread.
    let (signals, watch, mut guard) = std::thread::scope(|scope| {
        let setup = scope.spawn(|| -> Result<_> {
            let signals = SignalWatch::start(wake_the_loop).wrap_err("cannot watch for signals")?;
            watch_for_hang_up().wrap_err("cannot watch the terminal")?;
            super::safe_backend::watch_resizes().wrap_err("cannot watch for resizes")?;
            let watch = DbWatch::start(&db, wake_the_loop);
            let guard = TerminalGuard::ready(config.mouse).wrap_err("cannot open the terminal")?;
            Ok((signals, watch, guard))
        });
        settle_now(&mut model, &mut runner, first);
        setup
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    // Or earlier: the version the first load says it read at, when its radar was read beside
    // the store before `before` (versions only grow).
    let mut seen_version = model.agenda.read_at.map_or(before, |at| at.min(before));
    // Test hook, deliberately undocumented (tests/it/reliability_terminal.rs): a panic before
    // the screen is taken must leave the shell's screen as it was.
    if std::env::var_os("BEARING_TEST_PANIC").is_some_and(|v| v == "before-screen") {
        panic!("BEARING_TEST_PANIC is set: a deliberate panic before the screen is taken");
    }
    guard.take_screen().wrap_err("cannot open the terminal")?;
    let mut rest_loaded = false;
    // The daily backup copies the whole file (169 MB with ten years): it runs beside the loop.
    let (backup_done, backup_result) = std::sync::mpsc::channel::<Msg>();
    let mut backup: Option<std::thread::JoinHandle<()>> = None;
    // Sets up crossterm's input and its SIGWINCH self-pipe, which `wake_the_loop` writes to.
    event::poll(Duration::ZERO)?;
    // A save another program made while the agenda was read woke nobody: the pipe did not exist
    // yet, and the watch wakes once until the loop looks. Wake the loop now, so it looks.
    if watch.woke() {
        wake_the_loop();
    }
    let size = guard.terminal.size()?;
    let effects = update(
        &mut model,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );
    // What waits for a redraw (the agenda's neighbouring weeks) waits for the first frame too.
    settle_now(&mut model, &mut runner, effects);
    let mut dirty = true;
    let mut trim = Trim::new();
    let mut log_copy = LogCopy::default();
    while !model.quit {
        if let Some(signal) = signals.stop_requested() {
            return Ok(Exit::Signal(signal));
        }
        if signals.take_suspend() {
            guard.suspend()?;
            dirty = true;
        }
        if signals.take_resumed() {
            guard.resumed()?;
            dirty = true;
        }
        if dirty {
            guard.terminal.draw(|frame| view(&model, frame))?;
            dirty = false;
            // Test hook, deliberately undocumented: the pty tests (tests/it/reliability_terminal.rs)
            // prove that a panic inside the TUI still restores the terminal.
            if std::env::var_os("BEARING_TEST_PANIC").is_some_and(|v| v != "before-screen") {
                panic!("BEARING_TEST_PANIC is set: a deliberate panic after the first frame");
            }
        }
        if !rest_loaded {
            rest_loaded = true;
            // The agenda was read for the first frame; reading it again cost 5–6 ms of the
            // first key's wait on ten years of data. Unless another program saved since the
            // version was taken: the watch may have started after that save, and woken nobody.
            let read = (runner.store.data_version()? == seen_version).then_some(Tab::Agenda);
            let loads = reload_all_but(&model, read);
            settle_now(&mut model, &mut runner, loads);
            backup = start_daily_backup(
                &runner.store,
                config.backups_kept,
                clock,
                backup_done.clone(),
            );
            dirty = true;
            continue;
        }
        // The other tabs' loads a change left for later and the agenda's neighbouring weeks,
        // once the screen is drawn and unless a key is already waiting (that key comes first;
        // they run after its redraw). Read ahead, the weeks change nothing on screen.
        if model.has_later() && !event::poll(Duration::ZERO)? {
            let status = model.status.clone();
            let rest = run_later(&mut model);
            // Loads put back by a key (a tab's reload) change the screen; reading ahead does not.
            let redraws = rest.iter().any(|e| !reads_ahead(e));
            settle_until_a_key(&mut model, &mut runner, rest)?;
            dirty |= redraws || model.status != status;
            continue;
        }
        // Going idle: what the keys and loads since the last time freed goes back to the system.
        if !event::poll(Duration::ZERO)? {
            trim.give_back_freed_memory();
            log_copy.start_if_due(&runner.store);
        }
        let precise = match clock {
            Clock::System => Some(clock.now()),
            Clock::Fixed(_) => None,
        };
        if event::poll(wakeups::sleep_for(precise, watch.watching()))? {
            match event::read()? {
                Event::Key(key) => {
                    let effects = update(&mut model, Msg::Key(key));
                    settle_now(&mut model, &mut runner, effects);
                    if std::mem::take(&mut runner.screen_lent) {
                        guard.forget_screen();
                    }
                    dirty = true;
                }
                Event::Resize(width, height) => {
                    // The size ratatui draws at was marked stale by the SIGWINCH itself.
                    // `wake_the_loop` arrives as a resize to the size the screen has.
                    let resized = (width, height) != (model.screen.width, model.screen.height);
                    let effects = update(&mut model, Msg::Resize { width, height });
                    settle_now(&mut model, &mut runner, effects);
                    dirty |= resized;
                }
                // Moves and drags would wake a redraw for nothing.
                Event::Mouse(mouse)
                    if matches!(
                        mouse.kind,
                        MouseEventKind::Down(_)
                            | MouseEventKind::ScrollDown
                            | MouseEventKind::ScrollUp
                    ) =>
                {
                    let effects = update(&mut model, Msg::Mouse(mouse));
                    settle_now(&mut model, &mut runner, effects);
                    dirty = true;
                }
                _ => {}
            }
        }
        let now = minute(clock.now());
        if now != model.now {
            let effects = update(&mut model, Msg::Tick(now));
            settle_now(&mut model, &mut runner, effects);
            dirty = true;
        }
        while let Ok(msg) = backup_result.try_recv() {
            let effects = update(&mut model, msg);
            settle_now(&mut model, &mut runner, effects);
            dirty = true;
        }
        if watch.take_changed() {
            let version = runner.store.data_version()?;
            if version != seen_version {
                seen_version = version;
                let loads = reload_changed(&mut model);
                settle_now(&mut model, &mut runner, loads);
                dirty = true;
            }
        }
    }
    // A backup still copying is let finish: quitting never leaves the day without one.
    if let Some(backup) = backup {
        let _ = backup.join();
    }
    // A copy under way is not waited for: cut short by the exit, it leaves the log as it was
    // (a checkpoint is safe to interrupt), and the next start reads it.
    Ok(Exit::Quit)
}

#[cfg(test)]
mod tests {
    /// The file is held open and read from its start each time: each read says what is
    /// resident now, not what was when it was opened.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn resident_pages_are_read_again_each_time_from_the_file_held_open() {
        let trim = super::Trim::new();
        let before = trim.resident_pages().unwrap();
        assert!(before > 0);
        let touched = vec![1u8; 128 << 20];
        let after = trim.resident_pages().unwrap();
        // SAFETY: sysconf reads a system constant.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap();
        assert!(
            after >= before + (64 << 20) / page,
            "{before} pages, then {after} with 128 MB more touched"
        );
        drop(std::hint::black_box(touched));
    }

    fn now() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, 40, 0)
            .unwrap()
    }

    /// Adds a person named `name` (no 1:1 series): one save.
    fn add(store: &mut super::Store, name: &str) -> i64 {
        use crate::domain::person::PersonDraft;
        use crate::ops::people::{PersonInput, add_person};
        let input = PersonInput {
            draft: PersonDraft {
                name: name.into(),
                ..PersonDraft::default()
            },
            one_on_one: None,
        };
        add_person(store, input, chrono::Weekday::Mon, now())
            .unwrap()
            .id
    }

    /// The cockpit's saves leave the log to the copy thread: no save copies it into the file
    /// (SQLite's own copy would have started the log again at 1,000 pages), not even after a
    /// slice of a person's delete, which turns the automatic copy off and on around it. The copy
    /// puts every save in the file itself, the next save starts the log again, and a command
    /// line writer saving while the copy runs loses nothing.
    #[test]
    fn the_log_is_copied_into_the_file_off_the_cockpits_thread() {
        use crate::ops::{people::list_people, person_delete};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bearing.db");
        let mut store = super::Store::open(&path).unwrap();
        store.copy_log_aside();
        let gone = add(&mut store, "Person 0");
        let run = person_delete::begin(&mut store, gone, now()).unwrap();
        person_delete::slice(&mut store, &run, person_delete::SLICE_ROWS, now()).unwrap();
        let mut saves = 0;
        while crate::store::log_pages() < super::AUTO_CHECKPOINT_PAGES {
            saves += 1;
            add(&mut store, &format!("Person {saves}"));
            assert!(saves < 2_000, "the log never passed 1,000 pages");
        }
        let mut copy = super::LogCopy::default();
        copy.start_if_due(&store);
        let db = path.to_str().unwrap();
        let line = [
            "bearing",
            "--db",
            db,
            "person",
            "add",
            "--name",
            "From the CLI",
        ];
        let (code, _) =
            crate::cli::run_in_process(line, Vec::new(), crate::tui::keymap::check_binding);
        assert_eq!(code, 0);
        let copied = copy.running.take().expect("no copy started").join();
        assert!(copied.unwrap(), "the copy could not open its connection");
        // A copy that ran beside the writer left its save in the log: the log cannot start
        // again, the next save leaves it past 1,000 pages again, and the loop copies it again.
        add(&mut store, "One more");
        copy.start_if_due(&store);
        if let Some(again) = copy.running.take() {
            assert!(again.join().unwrap());
        }
        add(&mut store, "The last");
        let pages = crate::store::log_pages();
        assert!(pages < 100, "the log was not started again: {pages} pages");
        // The file alone, without its log, holds every save the copies saw: the cockpit's, and
        // the command line's when a copy saw it (it may land after the first copy finished and
        // start the log again, then no copy is due), perhaps "One more".
        let alone = dir.path().join("alone.db");
        std::fs::copy(&path, &alone).unwrap();
        let people = list_people(&super::Store::open(&alone).unwrap(), now()).unwrap();
        assert!(
            (saves..=saves + 2).contains(&people.len()),
            "{} of {saves} and the command line's",
            people.len()
        );
        let everyone = list_people(&store, now()).unwrap();
        assert_eq!(
            everyone.len(),
            saves + 3,
            "the cockpit's saves and the CLI's"
        );
    }

    /// A connection opened beside the cockpit's, as the backup and the log copy open theirs,
    /// reads the same file and, closed, leaves the cockpit's lock on it in place.
    #[test]
    fn a_connection_beside_the_cockpits_leaves_its_lock() {
        use crate::tui::testing::holds_a_lock;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bearing.db");
        let mut store = super::Store::open(&path).unwrap();
        add(&mut store, "Ana");
        let me = std::process::id();
        assert!(holds_a_lock(me, &path));
        let beside = store.beside().open().unwrap();
        let people = crate::ops::people::list_people(&beside, now()).unwrap();
        assert_eq!(people.len(), 1);
        beside.checkpoint().unwrap();
        drop(beside);
        assert!(
            holds_a_lock(me, &path),
            "closing the connection beside dropped the cockpit's lock"
        );
    }

    #[test]
    fn the_backup_thread_runs_at_the_lowest_priority() {
        let nice = std::thread::spawn(|| {
            super::yield_to_the_cockpit();
            // SAFETY: a plain system call on this thread's own id.
            unsafe {
                let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
                libc::getpriority(libc::PRIO_PROCESS, thread)
            }
        })
        .join()
        .unwrap();
        assert_eq!(nice, 19);
        // SAFETY: as above, for the test's own thread, which stays as it was.
        let own = unsafe {
            libc::getpriority(
                libc::PRIO_PROCESS,
                libc::syscall(libc::SYS_gettid) as libc::id_t,
            )
        };
        assert!(own < 19);
    }
}
