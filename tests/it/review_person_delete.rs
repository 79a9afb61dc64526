//! Review of the delete in slices (issue 18): what another writer or a second window does
//! between the slices must never be silently reverted by the group's undo, nor make that undo
//! impossible.

use bearing::domain::person::PersonDraft;
use bearing::ops::one_on_ones;
use bearing::ops::people::{PersonInput, add_person, get_person, update_person};
use bearing::ops::person_delete::{Slice, begin, delete_person, slice};
use bearing::store::Store;
use bearing::store::history::{self, Step};
use chrono::{NaiveDate, NaiveDateTime, Weekday};

pub(crate) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn input(name: &str) -> PersonInput {
    PersonInput {
        draft: PersonDraft {
            name: name.into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    }
}

/// A cockpit-like store (journaled as a window) on a new file, with Ben and 30 notes of his.
pub(crate) fn setup() -> (tempfile::TempDir, std::path::PathBuf, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.db");
    let mut store = Store::open(&path).unwrap();
    let ben = add_person(&mut store, input("Ben"), Weekday::Mon, now())
        .unwrap()
        .id;
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    for i in 0..30 {
        one_on_ones::add_note(&mut store, ben, day, &format!("note {i}"), now()).unwrap();
    }
    store.journal(Some(now())).unwrap();
    (dir, path, store, ben)
}

/// Begins deleting `ben` and runs the first slice of 10 notes: the delete is under way.
fn first_slice(window: &mut Store, ben: i64) -> bearing::ops::person_delete::Deleting {
    let run = begin(window, ben, now()).unwrap();
    let Slice::More(run) = slice(window, &run, 10, now()).unwrap() else {
        panic!("30 notes take more than one slice of 10")
    };
    run
}

pub(crate) fn notes_of(store: &Store, id: i64) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM note WHERE person_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
}

/// The CLI renames Ben while the cockpit's delete of him is under way. The cockpit's one undo
/// must not silently put back the old name. The rename is refused (a person being deleted cannot
/// be edited), and a change made anyway (another program writing the file) makes the undo
/// refuse, saying so: the group's entries no longer chain.
#[test]
fn a_rename_between_slices_is_not_silently_reverted_by_the_undo() {
    let (_dir, path, mut window, ben) = setup();
    let mut run = first_slice(&mut window, ben);

    let mut cli = Store::open(&path).unwrap();
    cli.journal_as_command(now()).unwrap();
    let refused = update_person(&mut cli, ben, input("Benjamin"), None, Weekday::Mon, now());
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("is being deleted"),
    );
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute("UPDATE person SET name = 'Benjamin' WHERE id = ?1", [ben])
        .unwrap();

    while let Slice::More(next) = slice(&mut window, &run, 10, now()).unwrap() {
        run = next;
    }
    let step = history::undo(&mut window).unwrap();
    assert!(matches!(step, Step::Refused(_)), "{step:?}");
    assert_eq!(notes_of(&window, ben), 0, "a refused undo changes nothing");
}

/// Window A deletes Ben; window B starts meanwhile and (as `update_delete::resume_unfinished`
/// does at every start) resumes the delete it finds "unfinished", finishes it, and is closed.
/// A's undo must still bring Ben and his notes back. Found: it is refused (the person row is
/// gone, not as A's last entry left it), and B's session is closed: what A deleted is lost.
#[test]

fn a_second_window_started_mid_delete_does_not_take_the_undo_away_from_the_first() {
    let (_dir, path, mut window_a, ben) = setup();
    first_slice(&mut window_a, ben);

    {
        let mut window_b = Store::open(&path).unwrap();
        window_b.journal(Some(now())).unwrap();
        // What the cockpit did at its start with every person listed as being deleted: now
        // refused, the delete is under way (begun under two minutes ago).
        let marked = bearing::store::person_delete::marked(window_b.conn()).unwrap();
        for (id, _) in marked {
            assert!(delete_person(&mut window_b, id, now()).is_err());
        }
    } // window B is closed

    let step = history::undo(&mut window_a).unwrap();
    assert!(
        matches!(step, Step::Applied(..)),
        "window A cannot undo its delete any more: {step:?}"
    );
    assert_eq!(notes_of(&window_a, ben), 30);
}

/// The same window cannot rename the person it is deleting, between two slices: the undo of
/// the delete would have to choose between the two.
#[test]
fn the_windows_own_rename_between_slices_is_refused() {
    let (_dir, _path, mut window, ben) = setup();
    let mut run = first_slice(&mut window, ben);
    let renamed = update_person(
        &mut window,
        ben,
        input("Benjamin"),
        None,
        Weekday::Mon,
        now(),
    );
    assert!(renamed.is_err());
    while let Slice::More(next) = slice(&mut window, &run, 10, now()).unwrap() {
        run = next;
    }
    assert!(matches!(
        history::undo(&mut window).unwrap(),
        Step::Applied(..)
    ));
    assert_eq!(get_person(&window, ben).unwrap().person.name, "Ben");
    assert_eq!(notes_of(&window, ben), 30);
}

/// The demo exported, every person marked "being deleted" in the file (as a file from
/// elsewhere may be), imported into a new database. Returns the new database.
fn import_marked(dir: &std::path::Path, mark: &str) -> std::path::PathBuf {
    let demo = dir.join("demo.db");
    crate::support::ok(&demo, &["demo", "--no-tui"]);
    let mut v: serde_json::Value =
        serde_json::from_str(&crate::support::ok(&demo, &["export", "--format", "json"])).unwrap();
    for p in v["tables"]["person"].as_array_mut().unwrap() {
        p["deleting"] = serde_json::Value::String(mark.into());
    }
    let file = dir.join("marked.json");
    std::fs::write(&file, serde_json::to_string(&v).unwrap()).unwrap();
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    dir.join("imported.db")
}

/// A mark that is not a time is bad input: the import says so (exit 2) and changes nothing.
/// Found: any text is accepted as the mark.
#[test]

fn an_import_refuses_a_delete_mark_that_is_not_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_marked(dir.path(), "\u{1b}]0;pwned\u{7}");
    let file = dir.path().join("marked.json");
    crate::support::fails(&db, &["import", file.to_str().unwrap()], "deleting");
}

/// Opening the cockpit on an imported file whose people are marked as being deleted must not
/// delete them without a word: nobody asked this cockpit to delete anyone. Found: the cockpit
/// resumes every marked person's delete at its start; all eight people, their notes and 1:1
/// history are gone by the time it is quit.
#[test]

fn the_cockpit_does_not_delete_people_an_imported_file_marks_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_marked(dir.path(), "2026-11-20T09:00:00");
    let file = dir.path().join("marked.json");
    crate::support::ok(&db, &["import", file.to_str().unwrap()]);
    let people = crate::support::json_array(&db, &["person", "list", "--format", "json"]).len();
    assert_eq!(people, 8);

    let mut tui = crate::support::Pty::start(&db, &[], 120, 35);
    tui.wait_for("Week 48");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let left = crate::support::json_array(&db, &["person", "list", "--format", "json"]).len();
    assert_eq!(left, people, "the cockpit deleted people at its start");
}

/// `bearing history` shows what the user did: one delete of a person is one change there, as
/// it is one step for undo. Found: each slice is listed as a change of its own, named by the
/// first row it deleted ("delete note 9289" for a slice of 150 notes), and the mark as
/// "update person": a delete of a busy person fills the default 20 lines alone.
#[test]

fn history_shows_a_delete_in_slices_as_one_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    crate::support::ok(&db, &["demo", "--no-tui"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
         INSERT INTO note (person_id, date, body, created_at, updated_at)
         SELECT 1, date('2020-01-06', '+' || (i * 7) || ' days'), 'notes ' || i,
                '2026-01-01T09:00', '2026-01-01T09:00' FROM n;",
    )
    .unwrap();
    drop(conn);
    crate::support::ok(&db, &["person", "delete", "1", "--yes"]);
    let text = crate::support::ok(&db, &["history"]);
    let first = text.lines().next().unwrap();
    assert!(first.ends_with("delete person 1 (in 5 steps)"), "{text}");
    assert!(!text.contains("update person 1"), "{text}");
    // JSON keeps each transaction, named by the group they share.
    let history = crate::support::json_array(&db, &["history", "--format", "json"]);
    let groups: Vec<&serde_json::Value> = history
        .iter()
        .take_while(|c| c["session"] == history[0]["session"])
        .map(|c| &c["group"])
        .collect();
    assert_eq!(groups.len(), 5);
    assert!(groups.iter().all(|g| g.is_string() && *g == groups[0]));
}

/// A measurement, not a check: how long the undo of a delete made in slices holds the write
/// lock, against the longest slice. `BEARING_LARGE=/path/to/copy-of-large-demo.db cargo test
/// --test it undo_of_a_sliced_delete_measured -- --ignored --nocapture` (person 18 is the
/// busiest of the large demo).
#[test]
#[ignore = "measurement: needs BEARING_LARGE"]
fn undo_of_a_sliced_delete_measured() {
    let Some(path) = std::env::var_os("BEARING_LARGE") else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    store.journal(Some(now())).unwrap();
    let mut run = begin(&mut store, 18, now()).unwrap();
    let mut longest = std::time::Duration::ZERO;
    loop {
        let t = std::time::Instant::now();
        let step = slice(
            &mut store,
            &run,
            bearing::ops::person_delete::SLICE_ROWS,
            now(),
        )
        .unwrap();
        longest = longest.max(t.elapsed());
        match step {
            Slice::More(next) => run = next,
            _ => break,
        }
    }
    let t = std::time::Instant::now();
    let step = history::undo(&mut store).unwrap();
    let undo = t.elapsed();
    assert!(matches!(step, Step::Applied(..)));
    let t = std::time::Instant::now();
    history::redo(&mut store).unwrap();
    let redo = t.elapsed();
    println!(
        "rows {}: longest slice {longest:?}, undo {undo:?}, redo {redo:?}",
        run.total
    );
}

/// Through the real binary: cockpit A deletes Aisha Bello (8,000 notes, over fifty
/// slices); cockpit B is opened meanwhile (to look at something) and closed once the delete is
/// done. A's `u` must bring back everything A's `d` deleted. Found: B's start resumes the delete
/// it sees under way and deletes part of it in B's own session; closed, nothing undoes that
/// part: A's undo is refused, or (when A ran the last slice) puts Aisha back without B's share
/// of her notes.
#[test]

fn a_second_cockpit_opened_during_a_delete_does_not_keep_the_first_from_undoing_it() {
    use crate::support::{Pty, json_array, ok};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(&db, &["demo", "--no-tui"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000)
         INSERT INTO note (person_id, date, body, created_at, updated_at)
         SELECT person.id, date('2000-01-03', '+' || i || ' days'), 'Notes ' || i,
                '2026-01-01T09:00', '2026-01-01T09:00'
         FROM person, n WHERE person.name = 'Aisha Bello';",
    )
    .unwrap();
    let count = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM note JOIN person ON person.id = note.person_id \
                 WHERE person.name = 'Aisha Bello'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = count(&db);
    drop(conn);

    let mut a = Pty::start(&db, &[], 200, 40);
    a.wait_for("Week 48");
    a.send("4");
    a.wait_for("Aisha Bello");
    a.send("d");
    a.wait_for("Their notes");
    assert!(
        a.contents().contains("Delete Aisha Bello?"),
        "{}",
        a.contents()
    );
    a.send("y");
    a.wait_for("Deleting Aisha Bello");

    let mut b = Pty::start(&db, &[], 200, 40);
    b.wait_for("Week 48");
    a.wait_for("Deleted Aisha Bello");
    b.send("q");
    assert_eq!(b.wait_exit(), 0);

    a.send("u");
    a.wait_until("the undo's answer", |a| {
        a.contents().contains("Undid") || a.contents().contains("undo")
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    let people = json_array(&db, &["person", "list", "--format", "json"]);
    let back = people.iter().any(|p| p["name"] == "Aisha Bello");
    let notes = if back { count(&db) } else { 0 };
    let said = a.contents().lines().last().unwrap_or("").trim().to_string();
    a.send("q");
    assert_eq!(a.wait_exit(), 0);
    assert!(back, "A's undo did not bring Aisha Bello back: {said}");
    assert_eq!(
        notes, before,
        "A's undo brought back only part of her notes: {said}"
    );
}

/// The same at the storage level, deterministic: the CLI (`bearing person delete`, which the
/// card of a person being deleted recommends) deletes one slice of Ben's notes while the
/// window's delete is under way, then the window runs the last slice. The window's undo says it
/// applied, and puts Ben back without the notes the CLI's slice took.
#[test]

fn an_undo_after_the_cli_joined_the_delete_is_not_partial() {
    let (_dir, path, mut window, ben) = setup();
    let mut run = first_slice(&mut window, ben);
    {
        let mut cli = Store::open(&path).unwrap();
        cli.journal_as_command(now()).unwrap();
        // Refused: the window's delete began under two minutes ago and may be under way.
        assert!(begin(&mut cli, ben, now()).is_err());
    }
    while let Slice::More(next) = slice(&mut window, &run, 10, now()).unwrap() {
        run = next;
    }
    match history::undo(&mut window).unwrap() {
        Step::Applied(..) => assert_eq!(notes_of(&window, ben), 30, "a partial undo"),
        Step::Refused(_) => {}
        Step::Nothing => panic!("nothing to undo"),
    }
}
