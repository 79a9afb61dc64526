//! Second review of the delete in slices (commit 6fd824c): the two-minute `UNDER_WAY` guard,
//! the delete mark from an import, and redo after an undo made half-way. The one `#[ignore]`d
//! test is a finding accepted as it is (its reason says why).

use bearing::ops::people::get_person;
use bearing::ops::person_delete::{Slice, UNDER_WAY, begin, delete_person, slice};
use bearing::store::Store;
use bearing::store::history::{self, Step};

use crate::support::{fails, ok};

use crate::review_person_delete::{notes_of, now, setup};

/// The window's delete pauses for longer than `UNDER_WAY` between two slices — the laptop's lid
/// closed, the terminal suspended (Ctrl-Z), keys held so `model.later` never runs — while it is
/// still alive. The mark is written once, at `begin`, and never refreshed by a slice, so the CLI
/// (or a second window's `d`) "finishes" a delete that is not cut short at all. The window then
/// runs its next slice (it finds the person gone: "Deleted Ben"), and its one undo must still
/// bring Ben and all 30 notes back. Found: it is refused (the person row is gone, not as the
/// window's last entry left it); the 10 notes of the window's first slice can be had back by no
/// one. Suggested fix: refresh the mark in every slice's transaction (a heartbeat, so only a
/// delete that stopped is older than `UNDER_WAY`), store the group in the mark and have a slice
/// that finds another group's mark stop and say so; better, let a resumption take over the same
/// journal group instead of a new one, so one undo (from whichever window) takes it all.
#[test]
#[ignore = "accepted: a delete whose window ran no slice for two minutes counts as cut short (RELIABILITY.md, Deleting a person)"]
fn a_delete_paused_past_two_minutes_is_not_taken_from_the_window_making_it() {
    let (_dir, path, mut window, ben) = setup();
    let run = begin(&mut window, ben, now()).unwrap();
    let Slice::More(run) = slice(&mut window, &run, 10, now()).unwrap() else {
        panic!("30 notes take more than one slice of 10")
    };

    let later = now() + UNDER_WAY + chrono::Duration::seconds(30);
    {
        let mut cli = Store::open(&path).unwrap();
        cli.journal_as_command(later).unwrap();
        let _ = delete_person(&mut cli, ben, later);
    }

    let step = slice(&mut window, &run, 10, now()).unwrap();
    assert!(matches!(step, Slice::Done(_) | Slice::More(_)), "{step:?}");
    let undo = history::undo(&mut window).unwrap();
    assert!(
        matches!(undo, Step::Applied(..)),
        "the window's undo of its delete: {undo:?}"
    );
    assert_eq!(get_person(&window, ben).unwrap().person.name, "Ben");
    assert_eq!(notes_of(&window, ben), 30, "the undo put back only part");
}

// The redo of a delete undone half-way: the cockpit goes on with it after the redo
// (`tui::update_delete::tests::a_redo_of_a_delete_undone_half_way_goes_on_to_the_end`).

/// The demo exported with Priya's mark set to `mark`, imported into a new file.
fn imported_with_mark(dir: &std::path::Path, mark: &str) -> (std::path::PathBuf, String) {
    let demo = dir.join("demo.db");
    ok(&demo, &["demo", "--no-tui"]);
    let mut v: serde_json::Value =
        serde_json::from_str(&ok(&demo, &["export", "--format", "json"])).unwrap();
    let priya = v["tables"]["person"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["name"] == "Priya Raman")
        .unwrap();
    priya["deleting"] = mark.into();
    let file = dir.join("marked.json");
    std::fs::write(&file, v.to_string()).unwrap();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    (dir.join("imported.db"), file.to_str().unwrap().to_string())
}

/// The CHECK is a GLOB on digits: "2026-02-30T09:00:00" (or "2026-19-39T29:59:59") passes it
/// and does not parse as a time. `begin` reads a mark that does not parse as "under way"
/// (`is_none_or`), so the person can never be deleted — nor edited, nor given a note (both
/// refused while marked) — and the refusal says "finish it two minutes after that". Found: the
/// import accepts the mark (exit 0). Suggested fix: the import parses the mark with the same
/// format `begin` uses and refuses (exit 2, naming the table, row and field) what does not
/// parse; `begin` treats a mark that does not parse as cut short, not as under way.
#[test]
fn an_import_refuses_a_mark_that_is_no_real_time() {
    let dir = tempfile::tempdir().unwrap();
    let (db, file) = imported_with_mark(dir.path(), "2026-02-30T09:00:00");
    let out = crate::support::bearing(&db, &["import", &file]);
    if out.status.code() == Some(2) {
        assert!(
            !db.exists()
                || crate::support::json_array(&db, &["person", "list", "--format", "json"])
                    .is_empty(),
            "a refused import changes nothing"
        );
        return;
    }
    // Accepted: then it must at least be possible to finish the delete, some day.
    let far = crate::support::command(&db, &["person", "delete", "Priya Raman", "--yes"])
        .env("BEARING_NOW", "2030-01-01T00:00")
        .output()
        .unwrap();
    assert!(
        far.status.success(),
        "imported (exit 0), and still undeletable in 2030: {}",
        crate::support::stderr(&far)
    );
}

/// A mark in the future — a file from a machine whose clock was ahead, or this machine's clock
/// set back after the delete began — makes `now - began` negative, always under `UNDER_WAY`:
/// the person can be neither deleted nor edited until that day comes (here seven months). A
/// delete cannot have begun in the future; past a small allowance for skew, such a mark is not
/// "under way". Suggested fix: compare `(now - began).abs()`, or refuse a future mark at import
/// and treat one met at `begin` as cut short.
#[test]
fn a_mark_in_the_future_does_not_lock_the_person_until_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let (db, file) = imported_with_mark(dir.path(), "2027-06-01T09:00:00");
    let out = crate::support::bearing(&db, &["import", &file]);
    if out.status.code() == Some(2) {
        return; // refused as bad input: fine
    }
    let deleted = crate::support::bearing(&db, &["person", "delete", "Priya Raman", "--yes"]);
    assert!(
        deleted.status.success(),
        "{}",
        crate::support::stderr(&deleted)
    );
}

/// What the refusal says for an edit of a person being deleted: it is an edit, not an
/// addition, and nothing is lost (the database is unchanged, exit 2). Passes, but the wording
/// was "nothing can be added for them"; it now says "… or changed".
#[test]
fn an_edit_of_a_person_being_deleted_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, file) = imported_with_mark(dir.path(), "2026-11-23T08:00:00");
    ok(&db, &["import", &file]);
    let before = ok(&db, &["export", "--format", "json"]);
    fails(
        &db,
        &["person", "edit", "Priya Raman", "--role", "Staff"],
        "is being deleted",
    );
    assert_eq!(ok(&db, &["export", "--format", "json"]), before);
}

/// A file made by the build before 6fd824c, at version 11 (`person.deleting` without the
/// CHECK; 011 was edited in place, not followed by a 012). The schema check compares the
/// table's text, so the file is refused as "not a Bearing database as Bearing makes it …
/// Another program changed it", which is false, and the advice (restore a backup) does not help:
/// the backups are at version 11 too. Main has not shipped 011, so only files made by builds of
/// main since 5c1ecc9 (developers', testers', the lead's own) are hit. Suggested fix: put the
/// CHECK in a new migration 012 (a table rebuild, or BEFORE INSERT/UPDATE triggers that RAISE),
/// or accept the pre-CHECK text of 011 as an earlier shape of version 11 and upgrade it.
#[test]
fn a_version_11_file_made_before_the_check_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(&db, &["demo", "--no-tui"]);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'person'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let at = sql.find(", deleting TEXT").unwrap();
        let old = format!("{}, deleting TEXT)", &sql[..at]);
        let version: i64 = conn
            .query_row("PRAGMA schema_version", [], |r| r.get(0))
            .unwrap();
        conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
        conn.execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE name = 'person'",
            [&old],
        )
        .unwrap();
        conn.execute_batch(&format!("PRAGMA schema_version = {}", version + 1))
            .unwrap();
    }
    assert_eq!(crate::support::integrity(&db), "ok");
    let out = crate::support::bearing(&db, &["person", "list"]);
    assert!(out.status.success(), "{}", crate::support::stderr(&out));
}

/// A mark that is not a time is refused (exit 2, nothing imported), but the message is
/// SQLite's: "table person, row 1: CHECK constraint failed: deleting IS NULL OR deleting GLOB
/// '[0-9][0-9]…'" over two lines — SQL, not what is wrong and how to fix it. Suggested fix:
/// the import checks the field itself ("person row 1: `deleting` must be a time like
/// 2026-11-23T09:00:00, or null") before the insert, as it does other fields.
#[test]
fn an_import_of_a_bad_mark_says_what_is_wrong_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (db, file) = imported_with_mark(dir.path(), "soon");
    let out = crate::support::bearing(&db, &["import", &file]);
    let err = crate::support::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("deleting"), "{err}");
    assert!(
        !err.contains("CHECK constraint") && !err.contains("GLOB"),
        "SQL in the message: {err}"
    );
}

/// Through the real binary: `q` while the cockpit is deleting Aisha Bello (5,000 notes, the
/// status counting). She must not be left half deleted and marked, with the window
/// that could undo the part done gone. Passes: the quit goes through and the delete is finished
/// (she is gone when the cockpit has exited).
#[test]
fn quitting_during_a_delete_does_not_leave_the_person_half_deleted() {
    use crate::support::{Pty, json_array};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(&db, &["demo", "--no-tui"]);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
             INSERT INTO note (person_id, date, body, created_at, updated_at)
             SELECT person.id, date('2000-01-03', '+' || i || ' days'), 'Notes ' || i,
                    '2026-01-01T09:00', '2026-01-01T09:00'
             FROM person, n WHERE person.name = 'Aisha Bello';",
        )
        .unwrap();
    let mut a = Pty::start(&db, &[], 200, 40);
    a.wait_for("Week 48");
    a.send("4");
    a.wait_for("Aisha Bello");
    a.send("d");
    a.wait_for("Delete Aisha Bello?");
    a.send("y");
    a.wait_for("Deleting Aisha Bello");
    a.send("q");
    assert_eq!(a.wait_exit(), 0);
    let people = json_array(&db, &["person", "list", "--format", "json"]);
    let aisha = people.iter().find(|p| p["name"] == "Aisha Bello");
    assert!(
        aisha.is_none_or(|p| p["deleting"].is_null()),
        "left half deleted: {aisha:?}"
    );
}
