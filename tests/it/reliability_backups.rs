//! Backups under SIGKILL: the cockpit killed during its start-of-day backup, `bearing backup` and
//! `bearing restore` killed at random moments (seeded). Afterwards no file carries a backup's name
//! unless it is a complete, sound Bearing database; the database is sound and holds either the
//! old or the new contents, never a mix; and the next start makes the missing daily copy and
//! removes the temporaries the killed runs left.
//!
//! The default run kills each a couple of dozen times; more with
//! `BEARING_RELIABILITY_BACKUP_KILLS=200 cargo test --test it reliability_backups -- --nocapture`.

use crate::support;

use bearing::store::summarize;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::{Pty, command, integrity, ok};

const DEFAULT_KILLS: usize = 8;
const SEED: u64 = 0x5EED_0014;
const TEMP_PREFIX: &str = ".bearing-tmp-";

fn kills_wanted() -> usize {
    std::env::var("BEARING_RELIABILITY_BACKUP_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_KILLS)
}

/// A database with `person` and enough notes (about 3 MB) that copying it takes a while, so kills
/// land inside the copy as well as before and after it.
fn filled(db: &Path, person: &str) {
    ok(db, &["person", "add", "--name", person]);
    let mut store = bearing::store::Store::open(db).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let now = day.and_hms_opt(9, 0, 0).unwrap();
    let mut rng = fastrand::Rng::with_seed(SEED);
    for i in 0..300 {
        let body: String = (0..5_000).map(|_| rng.alphanumeric()).collect();
        bearing::ops::one_on_ones::add_note(&mut store, 1, day, &format!("{i} {body}"), now)
            .unwrap();
    }
}

/// What the database holds, in a few numbers: its people and its notes' total length.
fn fingerprint(db: &Path) -> (String, i64, i64) {
    assert_eq!(integrity(db), "ok", "{}", db.display());
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT (SELECT group_concat(name) FROM person), count(*), sum(length(body)) FROM note",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

/// Files in `dir` (none if it does not exist), split into temporaries and the rest.
fn files_in(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    entries.map(|e| e.unwrap().path()).partition(|p| {
        p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(TEMP_PREFIX)
    })
}

/// Every file under a final name in `dir` is a complete, sound Bearing database.
fn assert_only_sound_copies(dir: &Path) -> usize {
    let (_, finals) = files_in(dir);
    for file in &finals {
        let summary = summarize(file);
        assert!(
            summary.is_ok(),
            "{} is not sound: {summary:?}",
            file.display()
        );
    }
    finals.len()
}

fn sigkill(pid: u32) {
    // SAFETY: kill has no memory-safety preconditions; the pid is our own child's.
    unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
}

fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn sigkill_during_the_daily_backup_never_leaves_a_half_copy_and_the_next_start_redoes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.db");
    filled(&db, "Ana");
    let before = fingerprint(&db);
    let backups = dir.path().join("backups");
    let daily = backups.join("work.db.daily-2026-11-23.db");

    // How long a start takes until the daily copy is in place: kills are spread across it.
    let start = Instant::now();
    let mut tui = Pty::start(&db, &[], 100, 30);
    wait_until("the daily backup", || daily.exists());
    let span = start.elapsed().as_micros() as u64 * 5 / 4;
    tui.send("q");
    tui.wait_exit();
    std::fs::remove_file(&daily).unwrap();

    let mut rng = fastrand::Rng::with_seed(SEED);
    let (mut complete, mut cut_short, mut early) = (0, 0, 0);
    for _ in 0..kills_wanted() {
        let mut tui = Pty::start(&db, &[], 100, 30);
        std::thread::sleep(Duration::from_micros(rng.u64(0..span)));
        sigkill(tui.pid());
        tui.wait_exit();
        assert_only_sound_copies(&backups);
        let temporaries = files_in(&backups).0.len();
        if daily.exists() {
            complete += 1;
            // Gone again, so the next run has a copy to make.
            std::fs::remove_file(&daily).unwrap();
        } else if temporaries > 0 {
            cut_short += 1;
        } else {
            early += 1;
        }
    }

    let mut tui = Pty::start(&db, &[], 100, 30);
    wait_until("the redone daily backup", || daily.exists());
    tui.send("q");
    tui.wait_exit();
    assert_eq!(fingerprint(&daily), before);
    assert_eq!(
        files_in(&backups).0,
        Vec::<PathBuf>::new(),
        "the killed runs' temporaries were removed"
    );
    assert_eq!(fingerprint(&db), before, "the database is as it was");
    println!(
        "reliability_backups daily: {} SIGKILLs: {complete} after the copy was complete, \
         {cut_short} during it (temporary left, no daily), {early} before it began",
        kills_wanted()
    );
}

/// Runs `bearing ARGS` on `db` at `now` and kills it after a random part of `span`; true if it
/// finished first (and succeeded).
fn run_and_kill(db: &Path, args: &[&str], now: &str, rng: &mut fastrand::Rng, span: u64) -> bool {
    let mut child = command(db, args)
        .env("BEARING_NOW", now)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_micros(rng.u64(0..span)));
    let _ = child.kill(); // SIGKILL
    child.wait().unwrap().success()
}

/// `bearing ARGS` run to the end, timed, for the span the kills are spread over.
fn timed(db: &Path, args: &[&str]) -> u64 {
    let start = Instant::now();
    ok(db, args);
    start.elapsed().as_micros() as u64 * 5 / 4
}

#[test]
fn sigkill_during_backup_never_leaves_a_half_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.db");
    filled(&db, "Ana");
    let before = fingerprint(&db);
    let copies = dir.path().join("copies");
    std::fs::create_dir(&copies).unwrap();
    let span = timed(&db, &["backup", copies.join("timed.db").to_str().unwrap()]);

    let mut rng = fastrand::Rng::with_seed(SEED + 1);
    let (mut finished, mut cut_short) = (0, 0);
    for i in 0..kills_wanted() {
        let target = copies.join(format!("copy-{i}.db"));
        let args = ["backup", target.to_str().unwrap()];
        if run_and_kill(&db, &args, support::FIXED_NOW, &mut rng, span) {
            finished += 1;
            assert!(target.exists());
        } else if !target.exists() && !files_in(&copies).0.is_empty() {
            // Killed while copying: a temporary is left (the next run removes it), no copy.
            cut_short += 1;
        }
    }
    let sound = assert_only_sound_copies(&copies);
    for copy in files_in(&copies).1 {
        assert_eq!(fingerprint(&copy), before, "{}", copy.display());
    }
    assert_eq!(fingerprint(&db), before);
    println!(
        "reliability_backups backup: {} runs: {finished} finished, {} complete copies in all, \
         {cut_short} killed while copying (a temporary left, no file under the copy's name)",
        kills_wanted(),
        sound - 1,
    );
}

#[test]
fn sigkill_during_restore_leaves_the_old_or_the_new_contents_never_a_mix() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.db");
    filled(&template, "Old Contents");
    let old = fingerprint(&template);
    let incoming = dir.path().join("incoming.db");
    filled(&incoming, "New Contents");
    ok(&incoming, &["note", "add", "New Contents", "one note more"]);
    let new = fingerprint(&incoming);
    assert_ne!(old, new);

    let fresh = |i: usize| {
        let db = dir.path().join(format!("live-{i}.db"));
        std::fs::copy(&template, &db).unwrap();
        db
    };
    let restore = ["restore", incoming.to_str().unwrap(), "--yes"];
    let span = timed(&fresh(999), &restore);

    let backups = dir.path().join("backups");
    let mut rng = fastrand::Rng::with_seed(SEED + 2);
    let (mut restored, mut kept, mut cut_short) = (0, 0, 0);
    for i in 0..kills_wanted() {
        let db = fresh(i);
        // A new minute each run, so each run's safety copy has a name of its own.
        let now = format!("2026-11-23T{:02}:{:02}", 10 + i / 60, i % 60);
        let finished = run_and_kill(&db, &restore, &now, &mut rng, span);
        let now_holds = fingerprint(&db);
        if now_holds == new {
            restored += 1;
        } else {
            assert_eq!(
                now_holds, old,
                "run {i}: neither the old nor the new contents"
            );
            assert!(
                !finished,
                "run {i}: reported restored but holds the old contents"
            );
            kept += 1;
        }
        if !files_in(&backups).0.is_empty() {
            // Killed while making the safety copy (the next run removes the temporary).
            cut_short += 1;
        }
        std::fs::remove_file(&db).unwrap();
    }
    assert_only_sound_copies(&backups);
    for copy in files_in(&backups).1 {
        assert_eq!(
            fingerprint(&copy),
            old,
            "a safety copy holds what was replaced"
        );
    }
    println!(
        "reliability_backups restore: {} runs: {restored} hold the restored contents, {kept} the \
         old ones; {} safety copies complete, {cut_short} runs killed while making one",
        kills_wanted(),
        files_in(&backups).1.len(),
    );
}

/// The cockpit keeps its lock on the file after the daily backup ran, and so another program
/// ending beside it leaves the cockpit's log alone. The backup used to open the file through a
/// handle of its own to check it, and closing that handle dropped the cockpit's lock on the
/// file (POSIX locks belong to the process, not to the handle): `sqlite3` or a Python script
/// (SQLite 3.40 here) closing its connection then found itself the file's last user, copied
/// the log in and deleted `-wal` and `-shm` under the open cockpit, SQLite's documented way to
/// lose what is saved next.
#[test]
fn the_cockpit_keeps_its_lock_and_its_log_after_the_daily_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.db");
    ok(&db, &["person", "add", "--name", "Ana"]);
    let daily = dir
        .path()
        .join("backups")
        .join("work.db.daily-2026-11-23.db");
    let wal = dir.path().join("work.db-wal");
    let mut tui = Pty::start(&db, &[], 100, 30);
    wait_until("the daily backup", || daily.exists());
    tui.wait_for("Radar");
    assert!(
        bearing::tui::testing::holds_a_lock(tui.pid(), &db),
        "the cockpit holds no lock on the file"
    );
    ok(&db, &["person", "add", "--name", "Ben"]);
    assert!(
        wal.exists(),
        "a writer ending beside the cockpit deleted its log"
    );
    // Another program: Python's own SQLite (3.40 here) deleted the log on close once the lock was
    // gone (by hand, with the old code; Bearing's own command line, in process above, did not).
    let python = std::process::Command::new("python3")
        .arg("-c")
        .arg("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM person').fetchall(); c.close()")
        .arg(&db)
        .status();
    match python {
        Ok(status) => assert!(status.success()),
        Err(e) => eprintln!("skipped the reader from Python: {e}"),
    }
    assert!(
        wal.exists(),
        "another program ending beside the cockpit deleted its log"
    );
    tui.send("q");
    tui.wait_exit();
    ok(&db, &["person", "add", "--name", "Cleo"]);
    assert_eq!(integrity(&db), "ok");
    assert_eq!(
        ok(&db, &["person", "list", "--format", "json"])
            .matches("\"name\"")
            .count(),
        3
    );
}
