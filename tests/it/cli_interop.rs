//! Export, import, backup and restore through the real binary, on real files.

use crate::support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use support::{bearing, fails, ok, stderr};

/// A database with every kind of entity and history (the demo) plus hard text.
fn populated(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("full.db");
    ok(&db, &["demo", "--no-tui"]);
    ok(&db, &["person", "add", "--name", "Zoë 李 عائشة"]);
    ok(
        &db,
        &[
            "note",
            "add",
            "Zoë",
            "e\u{301} combining, 🚀 emoji, שלום RTL, 全角 wide, \"quotes\" and\nnewlines",
        ],
    );
    db
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn json_export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let db = populated(dir.path());
    let first = dir.path().join("first.json");
    ok(
        &db,
        &["export", "--format", "json", "-o", first.to_str().unwrap()],
    );
    let mode = std::fs::metadata(&first).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "exports hold 1:1 notes: private");

    let copy = dir.path().join("copy.db");
    let said = ok(&copy, &["import", first.to_str().unwrap()]);
    assert!(said.starts_with("Imported "), "{said}");
    assert!(said.contains("9 person"), "{said}");
    let second = ok(&copy, &["export", "--format", "json"]);
    assert_eq!(second.as_bytes(), file_bytes(&first).as_slice());

    // The imported database works like the original: search, agenda, prep.
    assert_eq!(
        ok(&copy, &["agenda", "--format", "json"]),
        ok(&db, &["agenda", "--format", "json"])
    );
    assert!(ok(&copy, &["search", "combining"]).contains("Zoë"));
    assert!(ok(&copy, &["prep", "Zoë"]).contains("🚀 emoji"));

    // From standard input too.
    let piped = dir.path().join("piped.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args(["--ignore-config", "--db"])
        .arg(&piped)
        .args(["import", "-"])
        .stdin(std::fs::File::open(&first).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ok(&piped, &["export", "--format", "json"]), second);
}

#[test]
fn import_into_a_database_with_data_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = populated(dir.path());
    let export = dir.path().join("e.json");
    ok(
        &db,
        &["export", "--format", "json", "-o", export.to_str().unwrap()],
    );
    let before = ok(&db, &["export", "--format", "json"]);
    fails(
        &db,
        &["import", export.to_str().unwrap()],
        "already holds data",
    );
    fails(&db, &["import", export.to_str().unwrap()], "--db NEW.db");
    assert_eq!(ok(&db, &["export", "--format", "json"]), before);
}

#[test]
fn a_bad_import_file_is_refused_before_any_database_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let cases = [
        ("missing.json", None, "cannot read"),
        ("text.json", Some("hello"), "not valid JSON"),
        (
            "other.json",
            Some("{\"name\": \"x\"}"),
            "not a Bearing export",
        ),
        (
            "future.json",
            Some(
                "{\"format\": \"bearing-export\", \"format_version\": 7, \"schema_version\": 1, \"tables\": {}}",
            ),
            "newer Bearing",
        ),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        if let Some(text) = content {
            std::fs::write(&path, text).unwrap();
        }
        fails(&db, &["import", path.to_str().unwrap()], expected);
        assert!(!db.exists(), "{name}: no database may be left behind");
    }
}

#[test]
fn an_import_with_a_bad_row_lands_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = populated(dir.path());
    let text = ok(&db, &["export", "--format", "json"]);
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The last risk gets an unreadable review date: everything before it must roll back too.
    let risks = value["tables"]["risk"].as_array_mut().unwrap();
    let last = risks.last_mut().unwrap();
    last["next_review"] = "next tuesday-ish".into();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, serde_json::to_string(&value).unwrap()).unwrap();
    let fresh = dir.path().join("fresh.db");
    fails(
        &fresh,
        &["import", bad.to_str().unwrap()],
        "column next_review: a day must be a real day written YYYY-MM-DD",
    );
    // Nothing landed, so the file made for it went again (one with a row would have stayed).
    assert!(!fresh.exists(), "a refused import leaves no database");
}

#[test]
fn backup_makes_a_private_verified_copy_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let db = populated(dir.path());
    let said = ok(&db, &["backup"]);
    let made = dir.path().join("backups/full.db-2026-11-23-090000.db");
    assert!(
        said.contains("backups/full.db-2026-11-23-090000.db"),
        "{said}"
    );
    let dir_mode = std::fs::metadata(dir.path().join("backups"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(dir_mode & 0o777, 0o700);
    assert_eq!(
        std::fs::metadata(&made).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(!Path::new(&format!("{}-wal", made.display())).exists());
    assert_eq!(
        ok(&made, &["export", "--format", "json"]),
        ok(&db, &["export", "--format", "json"])
    );
    fails(&db, &["backup"], "already exists");
    let named = dir.path().join("named.db");
    ok(&db, &["backup", named.to_str().unwrap()]);
    assert!(named.exists());
    fails(
        &db,
        &["backup", named.to_str().unwrap()],
        "never overwrites",
    );
}

#[test]
fn backup_while_another_process_writes_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    ok(&db, &["person", "add", "--name", "Ana"]);
    let writer_db = db.clone();
    let writer = std::thread::spawn(move || {
        for i in 0..60 {
            ok(&writer_db, &["note", "add", "Ana", &format!("note {i}")]);
        }
    });
    let mut copies = Vec::new();
    for i in 0..8 {
        let target = dir.path().join(format!("copy{i}.db"));
        ok(&db, &["backup", target.to_str().unwrap()]);
        copies.push(target);
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    writer.join().unwrap();
    let mut counts = Vec::new();
    for copy in &copies {
        let conn = rusqlite::Connection::open(copy).unwrap();
        let verdict: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(verdict, "ok");
        let notes: i64 = conn
            .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
            .unwrap();
        // Every note up to the copy's moment, in order: a snapshot, never a torn one.
        let max: i64 = conn
            .query_row("SELECT coalesce(max(id), 0) FROM note", [], |r| r.get(0))
            .unwrap();
        assert_eq!(notes, max);
        counts.push(notes);
    }
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
}

/// `live.db` in `dir` holding one person, "Before Backup", and `b.db`, its backup.
fn backed_up(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let db = dir.join("live.db");
    ok(&db, &["person", "add", "--name", "Before Backup"]);
    let backup = dir.join("b.db");
    ok(&db, &["backup", backup.to_str().unwrap()]);
    (db, backup)
}

#[test]
fn restore_asks_first_keeps_a_safety_copy_and_replaces_the_contents() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = backed_up(dir.path());
    ok(&db, &["person", "add", "--name", "After Backup"]);
    let current = ok(&db, &["export", "--format", "json"]);

    // No terminal to ask on: refused, nothing changed.
    fails(&db, &["restore", backup.to_str().unwrap()], "--yes");
    assert_eq!(ok(&db, &["export", "--format", "json"]), current);

    let said = ok(&db, &["restore", backup.to_str().unwrap(), "--yes"]);
    assert!(said.contains("before-restore"), "{said}");
    let people = ok(&db, &["person", "list"]);
    assert!(people.contains("Before Backup") && !people.contains("After Backup"));
    let safety = dir
        .path()
        .join("backups/live.db-before-restore-2026-11-23-090000.db");
    assert_eq!(ok(&safety, &["export", "--format", "json"]), current);
}

/// The question says what the backup holds and that it is older than the database: what was
/// changed since goes with the restore. No is no.
#[test]
fn the_restore_question_says_the_backup_is_older_and_no_leaves_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = backed_up(dir.path());
    ok(
        &db,
        &[
            "--now",
            "2026-11-24T16:30",
            "person",
            "add",
            "--name",
            "After Backup",
        ],
    );
    let current = ok(&db, &["export", "--format", "json"]);
    let mut asked = support::Pty::start(&db, &["restore", backup.to_str().unwrap()], 160, 20);
    asked.wait_for("(1 person, 0 risks,");
    asked.wait_for(
        "The backup is older: its newest change was made Mon 23 Nov 2026 09:00, and the \
         database was changed after that, last Tue 24 Nov 2026 16:30.",
    );
    asked.send("n\r");
    assert_eq!(asked.wait_exit(), 2);
    assert_eq!(ok(&db, &["export", "--format", "json"]), current);
}

#[test]
fn restore_refuses_what_is_not_a_sound_backup_and_leaves_both_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    ok(&db, &["person", "add", "--name", "Keep Me"]);
    ok(&db, &["decision", "add", "--title", "Use SQLite"]);
    let before = ok(&db, &["export", "--format", "json"]);
    // A sound backup whose row another program changed into one Bearing cannot read: restored,
    // it made every later export fail and left the decisions and the agenda empty.
    let tampered = dir.path().join("tampered.db");
    ok(&db, &["backup", tampered.to_str().unwrap()]);
    rusqlite::Connection::open(&tampered)
        .unwrap()
        .execute_batch("UPDATE decision SET date = '2026-02-30'")
        .unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just text, not a database\n").unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let truncated = dir.path().join("truncated.db");
    let good = std::fs::read(&db).unwrap();
    std::fs::write(&truncated, &good[..good.len().min(1000)]).unwrap();
    // The database under another name: a hard link and a symbolic link to it.
    let hard = dir.path().join("hard.db");
    std::fs::hard_link(&db, &hard).unwrap();
    let soft = dir.path().join("soft.db");
    std::os::unix::fs::symlink(&db, &soft).unwrap();
    for (file, expected) in [
        (&text, "not a Bearing backup"),
        (&foreign, "not a Bearing backup"),
        (&truncated, "nothing was restored"),
        (&dir.path().join("missing.db"), "cannot read"),
        (&db, "the database itself"),
        (&hard, "the database itself"),
        (&soft, "the database itself"),
        (
            &tampered,
            "holds a row Bearing cannot read: table decision holds a row Bearing cannot read",
        ),
    ] {
        let bytes = std::fs::read(file).ok();
        fails(&db, &["restore", file.to_str().unwrap(), "--yes"], expected);
        assert_eq!(std::fs::read(file).ok(), bytes, "{}", file.display());
    }
    // Refused before anything was copied, a restore leaves no safety copy behind.
    let backups = dir.path().join("backups");
    let left = if backups.exists() {
        support::names_in(&backups)
    } else {
        Vec::new()
    };
    assert!(
        left.iter().all(|n| !n.contains("before-restore")),
        "{left:?}"
    );
    assert_eq!(ok(&db, &["export", "--format", "json"]), before);
    let out = bearing(&db, &["restore", "--help"]);
    assert!(support::stdout(&out).contains("--yes"));
}

#[test]
fn the_first_cockpit_start_of_a_day_makes_a_daily_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.db");
    ok(&db, &["person", "add", "--name", "Ana"]);
    for _ in 0..2 {
        let mut tui = support::Pty::start(&db, &[], 100, 30);
        tui.wait_for("Agenda");
        tui.send("q");
        tui.wait_exit();
    }
    let daily = dir.path().join("backups/work.db.daily-2026-11-23.db");
    assert!(ok(&daily, &["person", "list"]).contains("Ana"));
    assert_eq!(
        std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn databases_that_differ_only_in_extension_each_get_their_daily_backup() {
    let dir = tempfile::tempdir().unwrap();
    for (name, person) in [("team.db", "Ana"), ("team.sqlite", "Bo")] {
        let db = dir.path().join(name);
        ok(&db, &["person", "add", "--name", person]);
        let mut tui = support::Pty::start(&db, &[], 100, 30);
        tui.wait_for("Agenda");
        tui.send("q");
        tui.wait_exit();
    }
    for (name, person) in [("team.db", "Ana"), ("team.sqlite", "Bo")] {
        let daily = dir
            .path()
            .join(format!("backups/{name}.daily-2026-11-23.db"));
        assert!(daily.exists(), "{} has no daily backup", name);
        assert!(ok(&daily, &["person", "list"]).contains(person), "{name}");
    }
}

/// `import` writes its rows with its own connection's triggers off and builds the search
/// indexes after. A cockpit open on the file meanwhile (another connection, another writer)
/// finds what was imported, and what the cockpit and the CLI write after it is indexed as any
/// write is.
#[test]
fn an_import_beside_the_open_cockpit_is_found_there_and_later_writes_are_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("e.json");
    ok(
        &populated(dir.path()),
        &["export", "--format", "json", "-o", export.to_str().unwrap()],
    );
    let db = dir.path().join("b.db");
    support::empty_db(&db);
    let mut tui = support::Pty::start(&db, &[], 100, 30);
    tui.wait_for("Agenda");
    ok(&db, &["import", export.to_str().unwrap()]);
    tui.send("/");
    tui.send("Priya");
    tui.wait_for("«Priya» Raman");
    tui.escape();
    // The cockpit writes: the first talking point on the first person's page, discussed.
    tui.send("4");
    tui.send("\r");
    tui.wait_for("Talking points");
    tui.send("x");
    tui.wait_for("Marked discussed");
    tui.escape();
    // The CLI writes beside it.
    ok(
        &db,
        &["note", "add", "Priya Raman", "zebrafish migration plan"],
    );
    assert!(ok(&db, &["search", "zebrafish"]).contains("«zebrafish»"));
    tui.send("/");
    tui.send("zebraf");
    tui.wait_for("«zebrafish» migration plan");
    tui.escape();
    tui.send("q");
    tui.wait_exit();
    let store = bearing::store::Store::open(&db).unwrap();
    bearing::store::search::verify_index(store.conn()).unwrap();
    assert_eq!(support::integrity(&db), "ok");
}
