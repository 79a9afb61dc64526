//! Crash safety: real `bearing` processes saving notes, risks and people are killed with SIGKILL
//! at random moments. Afterwards the file passes `PRAGMA integrity_check`, opens normally, and
//! holds every change whose command reported success, exactly once.
//!
//! The default run makes a handful of kills; the extended mode makes as many as asked:
//! `BEARING_RELIABILITY_KILLS=200 cargo test --test reliability_crash -- --nocapture`.

use crate::support;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::{command, integrity, ok};

const DEFAULT_KILLS: usize = 12;
const SEED: u64 = 0x5EED_0010;

/// One user action through the CLI, and the text that proves it landed.
#[derive(Debug, Clone)]
enum Save {
    Note(String),
    Risk(String),
    Person(String),
}

impl Save {
    fn pick(rng: &mut fastrand::Rng, i: usize) -> Save {
        match rng.u8(0..10) {
            // No trailing space: Bearing trims notes, and the check looks for the exact text.
            0..=5 => Save::Note(format!("note-{i}:{}", "x".repeat(rng.usize(0..2000)))),
            6..=8 => Save::Risk(format!("risk-{i}")),
            _ => Save::Person(format!("Person {i}")),
        }
    }

    fn args(&self) -> Vec<String> {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self {
            Save::Note(text) => v(&["note", "add", "Ana", text]),
            Save::Risk(title) => v(&[
                "risk",
                "add",
                "--title",
                title,
                "--likelihood",
                "3",
                "--impact",
                "4",
            ]),
            Save::Person(name) => v(&["person", "add", "--name", name]),
        }
    }

    /// How many rows hold this change's text.
    fn count(&self, conn: &rusqlite::Connection) -> i64 {
        let (sql, text) = match self {
            Save::Note(t) => ("SELECT count(*) FROM note WHERE body = ?1", t),
            Save::Risk(t) => ("SELECT count(*) FROM risk WHERE title = ?1", t),
            Save::Person(t) => ("SELECT count(*) FROM person WHERE name = ?1", t),
        };
        conn.query_row(sql, [text], |r| r.get(0)).unwrap()
    }
}

fn kills_wanted() -> usize {
    std::env::var("BEARING_RELIABILITY_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_KILLS)
}

/// How long one save takes here, so kills land across a command's whole life.
fn typical_save(db: &Path) -> Duration {
    let start = Instant::now();
    for i in 0..3 {
        ok(db, &["note", "add", "Ana", &format!("warm-up {i}")]);
    }
    start.elapsed() / 3
}

#[test]
fn sigkill_at_random_moments_never_loses_a_saved_change_or_corrupts_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    ok(&db, &["person", "add", "--name", "Ana"]);
    let span = typical_save(&db).as_micros() as u64 * 3 / 2;
    let mut rng = fastrand::Rng::with_seed(SEED);
    let wanted = kills_wanted();
    let (mut kills, mut saved, mut unsure) = (0, Vec::new(), Vec::new());
    let mut i = 0;
    while kills < wanted {
        i += 1;
        let save = Save::pick(&mut rng, i);
        let mut child = command(
            &db,
            &save.args().iter().map(String::as_str).collect::<Vec<_>>(),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        // Every third command runs to the end: the file must keep taking saves between crashes.
        let kill_it = i % 3 != 0;
        if kill_it {
            std::thread::sleep(Duration::from_micros(rng.u64(0..span)));
            if child.try_wait().unwrap().is_none() {
                child.kill().unwrap(); // SIGKILL
                kills += 1;
            }
        }
        let status = child.wait().unwrap();
        if status.success() {
            saved.push(save);
        } else if kill_it {
            unsure.push(save);
        } else {
            panic!("{save:?} failed after a crash: {status:?}");
        }
    }

    assert_eq!(integrity(&db), "ok");
    let conn = rusqlite::Connection::open(&db).unwrap();
    for save in &saved {
        assert_eq!(save.count(&conn), 1, "{save:?} was reported saved");
    }
    let mut landed_anyway = 0;
    for save in &unsure {
        let n = save.count(&conn);
        assert!(n <= 1, "{save:?} landed twice");
        landed_anyway += n;
    }
    drop(conn);
    // The real binary opens it normally and can still write.
    ok(&db, &["note", "add", "Ana", "after the storm"]);
    assert!(ok(&db, &["search", "storm"]).contains("Ana"));
    println!(
        "reliability_crash: {kills} SIGKILLs over {i} commands; {} saves reported and all \
         present; of {} killed commands {landed_anyway} had committed, the rest left nothing",
        saved.len(),
        unsure.len()
    );
}
