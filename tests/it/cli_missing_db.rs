//! Issue 19: a mistyped `--db` on a command that reads (or changes something that must already
//! be there) used to create an empty database and print "No people yet", which looks like data
//! loss. Each such command now exits 1 naming the path, and creates nothing, not even its
//! folder.

use crate::support::{bearing, stderr};

const READS: &[&[&str]] = &[
    &["person", "list"],
    &["person", "show", "1"],
    &["ritual", "list", "--format", "json"],
    &["ritual", "show", "1"],
    &["topic", "list"],
    &["topic", "show", "1"],
    &["action", "list"],
    &["action", "show", "1"],
    &["note", "list"],
    &["note", "show", "1"],
    &["goal", "list"],
    &["goal", "show", "1"],
    &["risk", "list"],
    &["risk", "show", "1"],
    &["agenda"],
    &["prep", "Priya"],
    &["search", "hiring"],
    &["next"],
    &["history"],
    &["plan"],
    &["report", "week"],
    &["export", "--format", "json"],
    &["export", "--format", "md"],
    &["export", "--format", "ics"],
    &["backup"],
    // Changes to something that must already be there.
    &["person", "edit", "1", "--role", "x"],
    &["person", "delete", "1", "--yes"],
    &["ritual", "edit", "1", "--name", "x"],
    &["ritual", "delete", "1", "--yes"],
    &["ritual", "end", "1", "--on", "2026-12-01"],
    &["ritual", "skip", "1", "2026-11-23"],
    &["ritual", "held", "1", "2026-11-23"],
    &[
        "ritual",
        "move",
        "1",
        "2026-11-23",
        "--to",
        "2026-11-24T10:00",
    ],
    &["topic", "edit", "1", "--text", "x"],
    &["topic", "done", "1"],
    &["topic", "reopen", "1"],
    &["topic", "delete", "1", "--yes"],
    &["action", "edit", "1", "--text", "x"],
    &["action", "done", "1"],
    &["action", "reopen", "1"],
    &["action", "delete", "1", "--yes"],
    &["note", "edit", "1", "--text", "x"],
    &["note", "delete", "1", "--yes"],
    &["goal", "edit", "1", "--title", "x"],
    &["goal", "status", "1", "done"],
    &["goal", "checkin", "1", "--progress", "5"],
    &["goal", "rollover", "1"],
    &["goal", "delete", "1", "--yes"],
    &["risk", "edit", "1", "--owner", "x"],
    &["risk", "update", "1", "--owner", "x"],
    &["risk", "review", "1"],
    &["risk", "delete", "1", "--yes"],
    &["import-ics", "--remove", "work"],
];

#[test]
fn reading_a_database_that_is_not_there_creates_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("typo");
    let db = folder.join("bearnig.db");
    for args in READS {
        let out = bearing(&db, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&format!(
                "no database at {} (create one with `bearing init` or any add command)",
                db.display()
            )),
            "{args:?}: {err}"
        );
        assert!(!folder.exists(), "{args:?} created {}", folder.display());
    }
    // An add creates it, as before.
    let out = bearing(&db, &["person", "add", "--name", "Priya"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists());
}
