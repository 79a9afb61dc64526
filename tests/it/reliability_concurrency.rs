//! Several writers on one file at once, as when a TUI is open and CLI captures run beside it: the
//! TUI's path (library calls through `bearing::ops`, each thread with its own connection) and real
//! `bearing` processes. No "database is locked" reaches the user and every change lands exactly
//! once.

use crate::support;

use bearing::ops::one_on_ones::add_note;
use bearing::ops::people::resolve_person;
use bearing::store::Store;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::thread;
use support::{bearing, integrity, ok, stderr};

const LIBRARY_WRITERS: usize = 2;
const CLI_WRITERS: usize = 2;

/// Notes each library writer saves: enough to overlap the processes many times over.
fn notes_per_library_writer() -> usize {
    support::sample(60, 150)
}

/// Notes each `bearing note add` writer saves, one process each.
fn notes_per_cli_writer() -> usize {
    support::sample(12, 30)
}

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn library_writer(db: PathBuf, w: usize) -> thread::JoinHandle<Vec<String>> {
    thread::spawn(move || {
        let mut store = Store::open(&db).unwrap();
        let ana = resolve_person(&store, "Ana").unwrap().id;
        (0..notes_per_library_writer())
            .map(|i| {
                let text = format!("tui-{w}-{i}");
                if let Err(e) = add_note(&mut store, ana, now().date(), &text, now()) {
                    panic!("{text}: {e}");
                }
                text
            })
            .collect()
    })
}

fn cli_writer(db: PathBuf, w: usize) -> thread::JoinHandle<Vec<String>> {
    thread::spawn(move || {
        (0..notes_per_cli_writer())
            .map(|i| {
                let text = format!("cli-{w}-{i}");
                let out = bearing(&db, &["note", "add", "Ana", &text]);
                assert!(out.status.success(), "{text}: {}", stderr(&out));
                text
            })
            .collect()
    })
}

/// Every text once, and nothing else.
fn assert_exactly_once(db: &Path, texts: &[String]) {
    let conn = rusqlite::Connection::open(db).unwrap();
    for text in texts {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM note WHERE body = ?1", [text], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 1, "{text}");
    }
    let total: i64 = conn
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total as usize, texts.len());
}

#[test]
fn tui_path_and_cli_writers_together_lose_nothing_and_never_see_a_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    ok(&db, &["person", "add", "--name", "Ana"]);
    let started = std::time::Instant::now();
    let mut writers: Vec<_> = (0..LIBRARY_WRITERS)
        .map(|w| library_writer(db.clone(), w))
        .collect();
    writers.extend((0..CLI_WRITERS).map(|w| cli_writer(db.clone(), w)));
    // A reader beside them, as the TUI's refresh and `bearing prep` would be.
    let reader_db = db.clone();
    let reader = thread::spawn(move || {
        for _ in 0..support::sample(4, 10) {
            ok(&reader_db, &["prep", "Ana"]);
        }
    });
    let texts: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    reader.join().unwrap();
    assert_exactly_once(&db, &texts);
    assert_eq!(integrity(&db), "ok");
    println!(
        "reliability_concurrency: {} saves from {} writers in {:?}, each exactly once",
        texts.len(),
        LIBRARY_WRITERS + CLI_WRITERS,
        started.elapsed()
    );
}

/// Before the fix, one of several first starts could fail with "File exists", "database is
/// locked" (SQLite does not wait while switching a file to WAL) or even call the new file
/// another program's. Rounds of eight at once: four by default, ten with `BEARING_FULL_TESTS=1`.
#[test]
fn many_first_starts_at_once_create_one_sound_database() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..support::sample(4, 10) {
        let db = dir.path().join(format!("new{round}.db"));
        let starters: Vec<_> = (0..8)
            .map(|i| {
                let db = db.clone();
                thread::spawn(move || {
                    let out = bearing(&db, &["person", "add", "--name", &format!("P{i}")]);
                    assert!(out.status.success(), "P{i}: {}", stderr(&out));
                })
            })
            .collect();
        for s in starters {
            s.join().unwrap();
        }
        assert_eq!(integrity(&db), "ok");
        let people = ok(&db, &["person", "list"]);
        for i in 0..8 {
            assert!(people.contains(&format!("P{i}")), "{people}");
        }
    }
}
