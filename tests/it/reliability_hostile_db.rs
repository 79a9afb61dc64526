//! Database files changed by another program: a trigger added, Bearing's own trigger given another
//! body, a CHECK constraint removed, an index or view added or dropped. Opening such a file
//! (`--db`) and restoring from it are refused with exit code 2 and a message naming the object,
//! before anything is written: the file opened is byte for byte as it was, the trigger never
//! runs, and the database a restore was aimed at keeps its contents. A named pipe, a device and
//! a directory given as `--db` or as the file to restore are refused at once, without hanging.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use support::{bearing, ok, stderr};

/// A Bearing database holding Victim, then changed with `sql` through plain SQLite.
fn tampered(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let db = dir.join(name);
    ok(&db, &["person", "add", "--name", "Victim"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    db
}

/// Every file in `dir` with its bytes, sorted by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    support::names_in(dir)
        .into_iter()
        .filter(|n| dir.join(n).is_file())
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

fn refused(db: &Path, args: &[&str], expected: &str) -> String {
    let out = bearing(db, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(expected), "{args:?}: {err}");
    err
}

#[test]
fn restore_refuses_a_backup_with_a_trigger_and_the_trigger_never_runs() {
    // The tester's case: restore copied the trigger in, and the next note renamed everyone
    // PWNED and deleted every risk.
    let dir = tempfile::tempdir().unwrap();
    let evil_dir = dir.path().join("evil");
    std::fs::create_dir(&evil_dir).unwrap();
    let evil = tampered(
        &evil_dir,
        "evil.db",
        "CREATE TRIGGER evil AFTER INSERT ON note BEGIN DELETE FROM risk; \
         UPDATE person SET name = 'PWNED'; END;",
    );
    let real = dir.path().join("r.db");
    ok(&real, &["person", "add", "--name", "Real"]);
    ok(
        &real,
        &[
            "risk",
            "add",
            "--title",
            "keep",
            "--likelihood",
            "1",
            "--impact",
            "1",
        ],
    );
    let before = ok(&real, &["export", "--format", "json"]);
    let evil_before = files(&evil_dir);

    let err = refused(
        &real,
        &["restore", evil.to_str().unwrap(), "--yes"],
        "is not a Bearing backup as Bearing writes it: it holds a trigger \"evil\" that \
         Bearing does not make",
    );
    assert!(err.contains("nothing was restored"), "{err}");
    assert_eq!(ok(&real, &["export", "--format", "json"]), before);
    assert!(
        !dir.path().join("backups").exists(),
        "refused before the safety copy"
    );
    ok(&real, &["note", "add", "Real", "hi"]);
    let people = ok(&real, &["person", "list"]);
    assert!(
        people.contains("Real") && !people.contains("PWNED"),
        "{people}"
    );
    assert!(ok(&real, &["risk", "list"]).contains("keep"));

    // Opened directly, the file is refused too, and the trigger does not run.
    refused(
        &evil,
        &["note", "add", "Victim", "hi"],
        "is not a Bearing database as Bearing makes it: it holds a trigger \"evil\"",
    );
    assert_eq!(files(&evil_dir), evil_before, "the file is left untouched");
}

#[test]
fn every_kind_of_schema_change_is_refused_at_open_and_at_restore() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "DROP TRIGGER search_note_ai; CREATE TRIGGER search_note_ai AFTER INSERT ON note \
             BEGIN INSERT INTO search_note (rowid, date, body) VALUES (new.id, new.date, \
             new.body); DELETE FROM risk; END;",
            "its trigger \"search_note_ai\" is not the one Bearing makes",
        ),
        (
            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = \
             replace(sql, 'CHECK (likelihood BETWEEN 1 AND 5)', '') WHERE name = 'risk';",
            "its table \"risk\" is not the one Bearing makes",
        ),
        (
            "CREATE VIEW everyone AS SELECT name FROM person;",
            "it holds a view \"everyone\" that Bearing does not make",
        ),
        (
            "CREATE INDEX spy ON note (body);",
            "it holds an index \"spy\" that Bearing does not make",
        ),
        (
            "DROP TRIGGER search_person_ad;",
            "Bearing's trigger \"search_person_ad\" is missing",
        ),
        (
            "CREATE TABLE \"x\u{1b}]0;owned\u{7}\" (a);",
            "it holds a table \"x␛]0;owned␇\" that Bearing does not make",
        ),
    ];
    let target = dir.path().join("target.db");
    ok(&target, &["person", "add", "--name", "Real"]);
    let kept = ok(&target, &["export", "--format", "json"]);
    for (n, (sql, expected)) in cases.iter().enumerate() {
        let folder = dir.path().join(format!("case{n}"));
        std::fs::create_dir(&folder).unwrap();
        let db = tampered(&folder, "bearing.db", sql);
        let before = files(&folder);
        let err = refused(&db, &["person", "list"], expected);
        assert!(
            err.contains("it was left untouched") && !err.contains('\u{1b}'),
            "{err}"
        );
        refused(&db, &["person", "add", "--name", "Other"], expected);
        assert_eq!(files(&folder), before, "{sql}: the file is left untouched");
        refused(
            &target,
            &["restore", db.to_str().unwrap(), "--yes"],
            expected,
        );
        assert_eq!(ok(&target, &["export", "--format", "json"]), kept, "{sql}");
    }
}

#[test]
fn planner_statistics_are_no_reason_to_refuse_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = tampered(dir.path(), "bearing.db", "ANALYZE;");
    assert!(ok(&db, &["person", "list"]).contains("Victim"));
    let copy = dir.path().join("copy.db");
    ok(&db, &["backup", copy.to_str().unwrap()]);
    let other = dir.path().join("other.db");
    ok(&other, &["restore", copy.to_str().unwrap(), "--yes"]);
    assert!(ok(&other, &["person", "list"]).contains("Victim"));
}

#[test]
fn a_named_pipe_a_device_or_a_directory_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.db");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let real = dir.path().join("real.db");
    ok(&real, &["person", "add", "--name", "Real"]);
    let cases: [(&Path, Vec<&str>, &str); 5] = [
        (
            &fifo,
            vec!["person", "list"],
            "fifo.db is a named pipe, not a database file",
        ),
        (
            &fifo,
            vec!["person", "add", "--name", "A"],
            "is a named pipe",
        ),
        (
            Path::new("/dev/null"),
            vec!["person", "list"],
            "/dev/null is a device, not a database file",
        ),
        (
            dir.path(),
            vec!["person", "list"],
            "is a directory, not a database file",
        ),
        (
            &real,
            vec!["restore", fifo.to_str().unwrap(), "--yes"],
            "fifo.db is a named pipe, not a backup file; nothing was restored",
        ),
    ];
    for (db, args, expected) in cases {
        let started = Instant::now();
        let mut child = support::command(db, &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("{args:?} on {} still ran after 20 s", db.display());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert!(ok(&real, &["person", "list"]).contains("Real"));
}
