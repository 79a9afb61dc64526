//! Hostile journals: exports whose `change_log` rows name crafted tables and columns are refused
//! by `bearing import` with exit code 2 (naming row and column, never the content) before any
//! database exists; and such rows planted in a database file are never run by `u`.

use crate::support;

use support::{Pty, json_array, ok};

const INJECTED_TABLE: &str = "person\" WHERE id = ?1 OR 1=1 --";
const INJECTED_COLUMN: &str = "name\" = ?1 WHERE 1=1 OR ?2 --";

fn zed() -> serde_json::Value {
    serde_json::json!({
        "career_goals": "", "context": "", "created_at": "2026-11-23T09:00:00", "id": 1,
        "name": "Zed", "prompts": "", "relation": "report", "role": "", "team": "",
        "updated_at": "2026-11-23T09:00:00"
    })
}

fn image(table: &str, row: serde_json::Value) -> String {
    serde_json::json!([{ "table": table, "id": 1, "row": row }]).to_string()
}

/// A journal entry as the cockpit writes it, with `before`, `after` and `entity` as given.
fn entry(before: &str, after: &str, entity: &str, session: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "id": 1, "at": "2026-11-23T09:00:00", "action": "insert person", "entity": entity,
        "entity_id": 1, "before": before, "after": after, "undone": 0, "session": session
    })
}

/// (what, before, after, entity, the column the refusal must name)
fn crafted() -> Vec<(&'static str, String, String, &'static str, &'static str)> {
    let absent = image("person", serde_json::Value::Null);
    let present = image("person", zed());
    let mut renamed = serde_json::Map::new();
    renamed.insert(INJECTED_COLUMN.into(), "Pwned".into());
    vec![
        (
            "quoted table name",
            image(INJECTED_TABLE, serde_json::Value::Null),
            image(INJECTED_TABLE, serde_json::json!({})),
            "person",
            "column before",
        ),
        (
            "injected column name",
            image("person", renamed.into()),
            present.clone(),
            "person",
            "column before",
        ),
        (
            "unknown column",
            absent.clone(),
            image("person", serde_json::json!({"id": 1, "shoe": 9})),
            "person",
            "column after",
        ),
        (
            "table outside the journal",
            image("sqlite_master", serde_json::Value::Null),
            image("sqlite_master", serde_json::json!({})),
            "person",
            "column before",
        ),
        (
            "crafted entity",
            absent.clone(),
            present.clone(),
            INJECTED_TABLE,
            "column entity",
        ),
        (
            "not JSON",
            absent.clone(),
            "DROP TABLE person".into(),
            "person",
            "column after",
        ),
        (
            "unpaired images",
            image("note", serde_json::Value::Null),
            present,
            "person",
            "column after",
        ),
    ]
}

#[test]
fn crafted_journals_are_refused_by_import_with_exit_2_and_nothing_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    for (what, before, after, entity, column) in crafted() {
        let export = serde_json::json!({
            "format": "bearing-export", "format_version": 1, "schema_version": 3,
            "tables": {
                "person": [zed()],
                "change_log": [entry(&before, &after, entity, "w0".into())]
            }
        });
        let path = dir.path().join("crafted.json");
        std::fs::write(&path, export.to_string()).unwrap();
        let out = support::bearing(&db, &["import", path.to_str().unwrap()]);
        let err = support::stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert!(
            err.contains(&format!("table change_log, row 1, {column}:")),
            "{what}: {err}"
        );
        for secret in ["1=1", "Pwned", "shoe", "DROP", "sqlite_master"] {
            assert!(
                !err.contains(secret),
                "{what}: the message echoes {secret}: {err}"
            );
        }
        assert!(!db.exists(), "{what}: no database may be left behind");
    }
}

#[test]
fn crafted_journal_rows_in_a_file_are_never_run_by_u() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    ok(&db, &["person", "add", "--name", "Ada"]);
    ok(&db, &["person", "add", "--name", "Zed"]);
    // Rows written straight into the file, as a hostile tool (or an old import) could.
    let conn = rusqlite::Connection::open(&db).unwrap();
    // The most dangerous last, so an undo taking the latest row would take it first.
    for (_, before, after, entity, _) in crafted().into_iter().rev() {
        // Undo puts `before` back over `after`; a row's session is anything but the window's.
        for session in [None, Some("w0")] {
            conn.execute(
                "INSERT INTO change_log (at, action, entity, entity_id, before, after, undone, session)
                 VALUES ('2026-11-23T09:00:00', 'insert person', ?1, 1, ?2, ?3, 0, ?4)",
                rusqlite::params![entity, before, after, session],
            )
            .unwrap();
        }
    }
    drop(conn);
    let before = ok(&db, &["export", "--format", "json"]);

    let mut tui = Pty::start(&db, &[], 160, 30);
    tui.wait_for("Week 48");
    tui.send("u");
    tui.wait_for("Nothing to undo.");
    tui.send("\x12");
    tui.wait_for("Nothing to redo.");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    assert_eq!(ok(&db, &["export", "--format", "json"]), before);
    let names: Vec<_> = json_array(&db, &["person", "list", "--format", "json"])
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Ada", "Zed"]);
}
