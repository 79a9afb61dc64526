//! Corrupt, foreign, newer, read-only and unreachable files, and a full disk, through the real
//! binary: each gets a clear message and a non-zero exit, and the file's bytes are the same
//! afterwards. (tests/store.rs covers the same refusals through the library.)

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::{bearing, command, integrity, names_in, ok, stderr};

const SECRET: &str = "confidential: Ana is thinking of leaving";

/// A healthy database holding Ana, closed cleanly (no -wal or -shm left).
fn healthy(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    ok(&db, &["person", "add", "--name", "Ana"]);
    ok(&db, &["note", "add", "Ana", "Quarterly budget approved"]);
    db
}

/// Searching a file Bearing may not write still works: the search splits what was typed with a
/// scratch index in SQLite's `temp` store, never in the file.
fn searched(wrap: &[String], db: &Path) {
    let found = run_wrapped(wrap, db, &["search", "budg appro"]);
    assert!(found.status.success(), "{}", stderr(&found));
    assert!(
        support::stdout(&found).contains("budget"),
        "{}",
        support::stdout(&found)
    );
}

/// Runs a write and a read on `db`; both must fail with code 2 and `expected`, never echo the
/// note's text, and leave the file and its directory exactly as they were.
fn refused(db: &Path, expected: &str) {
    let dir = db.parent().unwrap();
    let (bytes, names) = (std::fs::read(db).unwrap(), names_in(dir));
    for args in [&["note", "add", "Ana", SECRET][..], &["person", "list"]] {
        let out = bearing(db, args);
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}: {args:?}: {err}",
            db.display()
        );
        assert!(err.contains(expected), "{}: {err}", db.display());
        assert!(err.contains("left untouched"), "{err}");
        assert!(!err.contains(SECRET), "stderr echoed the note: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(std::fs::read(db).unwrap(), bytes, "{}", db.display());
    assert_eq!(names_in(dir), names, "no file was added beside it");
}

fn alone(dir: &Path, name: &str) -> PathBuf {
    let sub = dir.join(name);
    std::fs::create_dir(&sub).unwrap();
    sub.join("bearing.db")
}

#[test]
fn corrupt_foreign_and_newer_files_are_refused_and_keep_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(healthy(dir.path(), "good.db")).unwrap();

    let truncated = alone(dir.path(), "truncated");
    std::fs::write(&truncated, &good[..3000]).unwrap();
    refused(&truncated, "damaged");

    let random = alone(dir.path(), "random");
    let mut rng = fastrand::Rng::with_seed(10);
    std::fs::write(&random, (0..9000).map(|_| rng.u8(..)).collect::<Vec<u8>>()).unwrap();
    refused(&random, "not a Bearing database");

    let text = alone(dir.path(), "text");
    std::fs::write(&text, "# my notes\nnot a database at all\n").unwrap();
    refused(&text, "not a Bearing database");

    let foreign = alone(dir.path(), "foreign");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY); PRAGMA journal_mode=DELETE;",
        )
        .unwrap();
    refused(&foreign, "another program");

    let newer = alone(dir.path(), "newer");
    std::fs::write(&newer, &good).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", bearing::store::LATEST_VERSION + 1)
        .unwrap();
    refused(&newer, "newer Bearing");
}

/// A command that runs `bearing` without the power to write read-only files: as a normal user a
/// plain chmod is enough; root ignores permissions, so it drops that capability with setpriv.
/// `None` (the reason printed) where that cannot be done: the test is skipped.
fn without_write_override() -> Option<Vec<String>> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Some(Vec::new());
    }
    let wrap: Vec<String> = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
        .map(String::from)
        .into();
    let works = Command::new(&wrap[0])
        .args(&wrap[1..])
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        println!("skipped: running as root and setpriv cannot drop CAP_DAC_OVERRIDE here");
    }
    works.then_some(wrap)
}

/// Runs `bearing --db DB ARGS` through `wrap` (see [`without_write_override`]).
fn run_wrapped(wrap: &[String], db: &Path, args: &[&str]) -> std::process::Output {
    let plain = command(db, args);
    let mut cmd = match wrap.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(plain.get_program()).args(plain.get_args());
            c.envs(plain.get_envs().filter_map(|(k, v)| Some((k, v?))));
            c
        }
        None => plain,
    };
    cmd.output().unwrap()
}

#[test]
fn a_read_only_file_is_read_but_never_written() {
    let Some(wrap) = without_write_override() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = healthy(dir.path(), "ro.db");
    std::fs::set_permissions(&db, std::os::unix::fs::PermissionsExt::from_mode(0o400)).unwrap();
    let bytes = std::fs::read(&db).unwrap();
    let list = run_wrapped(&wrap, &db, &["person", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(support::stdout(&list).contains("Ana"));
    searched(&wrap, &db);
    let add = run_wrapped(&wrap, &db, &["note", "add", "Ana", SECRET]);
    let err = stderr(&add);
    assert_eq!(add.status.code(), Some(2), "{err}");
    assert!(
        err.contains("read-only") && err.contains("nothing was changed"),
        "{err}"
    );
    assert!(!err.contains(SECRET), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}

/// A healthy database alone in a folder that [`LockedFolder::lock`] makes read-only (0500).
struct LockedFolder {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    db: PathBuf,
}

/// Gives the folder its write permission back when the test ends, so it can be removed.
struct Unlock(PathBuf);

impl LockedFolder {
    fn new() -> LockedFolder {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("locked");
        std::fs::create_dir(&folder).unwrap();
        let db = healthy(&folder, "work.db");
        LockedFolder {
            _dir: dir,
            folder,
            db,
        }
    }

    fn lock(&self) -> Unlock {
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o500);
        std::fs::set_permissions(&self.folder, mode).unwrap();
        Unlock(self.folder.clone())
    }
}

impl Drop for Unlock {
    fn drop(&mut self) {
        let _ =
            std::fs::set_permissions(&self.0, std::os::unix::fs::PermissionsExt::from_mode(0o700));
    }
}

#[test]
fn a_database_in_a_folder_you_cannot_write_is_read_and_the_refusal_says_why() {
    let Some(wrap) = without_write_override() else {
        return;
    };
    let locked = LockedFolder::new();
    let (folder, db) = (&locked.folder, &locked.db);
    let bytes = std::fs::read(db).unwrap();
    let _unlock = locked.lock();

    // The file itself may be written; its folder may not, and SQLite keeps -wal and -shm there.
    let list = run_wrapped(&wrap, db, &["person", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(support::stdout(&list).contains("Ana"));
    searched(&wrap, db);
    let add = run_wrapped(&wrap, db, &["note", "add", "Ana", SECRET]);
    let err = stderr(&add);
    assert_eq!(add.status.code(), Some(2), "{err}");
    assert!(
        err.contains("folder") && err.contains("cannot be written"),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(!err.contains("Check the file's permissions"), "{err}");
    assert!(!err.contains(SECRET), "{err}");
    assert_eq!(std::fs::read(db).unwrap(), bytes);
    assert_eq!(names_in(folder), ["work.db"]);
}

#[test]
fn a_pending_log_in_a_folder_you_cannot_write_is_explained_and_left_alone() {
    let Some(wrap) = without_write_override() else {
        return;
    };
    let locked = LockedFolder::new();
    let (folder, db) = (&locked.folder, &locked.db);
    leave_pending_log(
        db,
        "INSERT INTO topic (person_id, body, created_at) VALUES (1, 'x', 'x');",
    );
    std::fs::remove_file(folder.join("work.db-shm")).unwrap();
    let before = files_with_bytes(folder);
    let _unlock = locked.lock();
    for args in [&["person", "list"][..], &["note", "add", "Ana", SECRET]] {
        let out = run_wrapped(&wrap, db, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("cannot read") && err.contains("folder") && err.contains("-wal"),
            "{err}"
        );
        assert!(!err.contains(SECRET), "{err}");
    }
    assert_eq!(files_with_bytes(folder), before);
}

/// Leaves `sql`, committed, in `db`'s write-ahead log (no checkpoint when the connection closes),
/// as a program that was killed, or is still running, leaves it.
fn leave_pending_log(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .unwrap();
    conn.execute_batch(sql).unwrap();
}

/// Every file in `dir` with its bytes.
fn files_with_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    names_in(dir)
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

#[test]
fn a_foreign_or_newer_file_with_a_pending_log_keeps_all_three_files_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(healthy(dir.path(), "good.db")).unwrap();

    // Another program's file whose tables exist only in its log so far.
    let foreign = alone(dir.path(), "foreign");
    leave_pending_log(
        &foreign,
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total); INSERT INTO invoices VALUES (1, 9);",
    );
    // A Bearing database that a newer Bearing migrated; the new version is still in the log.
    let newer = alone(dir.path(), "newer");
    std::fs::write(&newer, &good).unwrap();
    leave_pending_log(
        &newer,
        &format!(
            "PRAGMA user_version = {};",
            bearing::store::LATEST_VERSION + 1
        ),
    );
    for (db, expected) in [(&foreign, "another program"), (&newer, "newer Bearing")] {
        let folder = db.parent().unwrap();
        let before = files_with_bytes(folder);
        let names: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["bearing.db", "bearing.db-shm", "bearing.db-wal"]);
        refused(db, expected);
        assert_eq!(
            files_with_bytes(folder),
            before,
            "{}: the file, its -wal and its -shm are byte for byte as they were",
            db.display()
        );
    }
}

#[test]
fn a_refused_command_on_a_new_path_leaves_no_file_and_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new/deeper/work.db");
    let bad_export = dir.path().join("bad.json");
    std::fs::write(&bad_export, "{\"format\": \"bearing-export\"}").unwrap();
    for args in [
        vec!["person", "add", "--name", ""],
        vec!["decision", "add", "--title", ""],
        vec!["metric", "add", "--name", "123"],
        vec!["topic", "add", "bob", "hi"],
        vec!["action", "add", "--due", "fri", "--goal", "4", "x"],
        vec!["import", bad_export.to_str().unwrap()],
    ] {
        let out = bearing(&db, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(names_in(dir.path()), ["bad.json"], "{args:?} left files");
    }
    // One that succeeds makes it; a refused one after that leaves it as it is.
    ok(&db, &["person", "add", "--name", "Ana"]);
    let out = bearing(&db, &["person", "add", "--name", ""]);
    assert_eq!(out.status.code(), Some(2));
    assert!(ok(&db, &["person", "list"]).contains("Ana"));
}

#[test]
fn a_missing_directory_is_created_private_and_an_impossible_one_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new").join("deeper").join("b.db");
    ok(&db, &["person", "add", "--name", "Ana"]);
    use std::os::unix::fs::PermissionsExt;
    for d in [db.parent().unwrap(), db.parent().unwrap().parent().unwrap()] {
        let mode = std::fs::metadata(d).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", d.display());
    }
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let out = bearing(
        &file.join("sub").join("b.db"),
        &["note", "add", "Ana", SECRET],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("plain-file/sub/b.db") && err.contains("Not a directory"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

/// A small tmpfs mounted for one test, unmounted when dropped.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk(dir))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

/// Fills the rest of `dir`'s filesystem, to the last byte; returns the filler to delete later.
/// Only "no space left" ends it. The write meant to fail once succeeded in a full run of the
/// suite (2026-11-30, not reproduced alone); a filling ended early by another error would
/// explain it, and a disk left with room now fails here instead.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    for size in [block.len(), 1] {
        let mut errors = 0;
        loop {
            match f.write(&block[..size]) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break,
                Err(e) => {
                    errors += 1;
                    assert!(errors < 1000, "filling {}: {e}", dir.display());
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            }
        }
    }
    assert_eq!(free_bytes(dir), 0, "{} is full", dir.display());
    filler
}

/// The bytes an unprivileged writer may still use on `dir`'s file system.
fn free_bytes(dir: &Path) -> u64 {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).unwrap();
    // SAFETY: an all-zero statvfs is a valid value of the plain C struct.
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: statvfs writes one struct through a valid pointer; the path is NUL-terminated.
    assert_eq!(unsafe { libc::statvfs(path.as_ptr(), &mut stat) }, 0);
    stat.f_bavail * stat.f_frsize
}

#[test]
fn a_full_disk_changes_nothing_and_says_so() {
    let Some(disk) = SmallDisk::mount() else {
        println!("skipped: cannot mount a small tmpfs here (needs root); see RELIABILITY.md");
        return;
    };
    let db = healthy(disk.0.path(), "full.db");
    let bytes = std::fs::read(&db).unwrap();
    let filler = fill(disk.0.path());
    let big = format!("{SECRET} {}", "y".repeat(19_000));
    // A process of its own, as the command runs for real: run inside the test's process, the
    // failed write left SQLite's shared state for the file such that the next connection the
    // test opens reads "disk I/O error" now and then, even with the disk freed (seen twice in
    // about ten runs of the suite).
    let out = command(&db, &["note", "add", "Ana", &big])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("disk") && err.contains("nothing was changed"),
        "{err}"
    );
    assert!(!err.contains(SECRET), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);

    std::fs::remove_file(filler).unwrap();
    assert_eq!(integrity(&db), "ok");
    assert!(!ok(&db, &["search", "confidential"]).contains("Ana"));
    ok(&db, &["note", "add", "Ana", "room again"]);
    assert!(ok(&db, &["search", "room"]).contains("Ana"));
}
