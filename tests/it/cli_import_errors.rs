//! A JSON import that Bearing refuses says where the fault is (table, row, column) and never
//! quotes what it found: the file may hold confidential 1:1 notes. Exit code 2, nothing imported.

use crate::support;

use serde_json::{Value, json};
use support::{bearing, ok, stderr};

const SECRET: &str = "SECRET-the-reorg-is-not-announced-yet";

/// A real export holding one person, one note whose text is the secret, and one risk.
fn export_with_a_note(dir: &std::path::Path) -> Value {
    let db = dir.join("source.db");
    ok(&db, &["person", "add", "--name", "Ada"]);
    ok(&db, &["note", "add", "Ada", SECRET]);
    let risk = [
        "risk",
        "add",
        "--title",
        "If CI slips",
        "--likelihood",
        "3",
        "--impact",
        "3",
    ];
    ok(&db, &risk);
    serde_json::from_str(&ok(&db, &["export", "--format", "json"])).unwrap()
}

#[test]
fn import_errors_name_table_row_and_column_and_never_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let good = export_with_a_note(dir.path());
    type Break = fn(&mut Value);
    let cases: &[(&str, Break, &[&str])] = &[
        (
            "note text as a list",
            |v| v["tables"]["note"][0]["body"] = json!([SECRET]),
            &["table note", "row 1", "column body"],
        ),
        (
            "note text as an object",
            |v| v["tables"]["note"][0]["body"] = json!({ "text": SECRET }),
            &["table note", "row 1", "column body"],
        ),
        (
            "note text longer than any field holds",
            |v| v["tables"]["note"][0]["body"] = json!(SECRET.repeat(600)),
            &["table note", "row 1", "column body", "at most 20000"],
        ),
        (
            "note text missing",
            |v| v["tables"]["note"][0]["body"] = Value::Null,
            &["table note", "row 1", "note.body"],
        ),
        (
            "the note table is text",
            |v| v["tables"]["note"] = json!(SECRET),
            &["table note"],
        ),
        (
            "a note row is text",
            |v| v["tables"]["note"][0] = json!(SECRET),
            &["table note", "row 1"],
        ),
        (
            "the note text in the format version",
            |v| v["format_version"] = json!(SECRET),
            &["format_version"],
        ),
        (
            "the note text as a date",
            |v| v["tables"]["note"][0]["date"] = json!(SECRET),
            &["table note"],
        ),
    ];
    for (i, (what, break_it, names)) in cases.iter().enumerate() {
        let mut export = good.clone();
        break_it(&mut export);
        let file = dir.path().join(format!("broken-{i}.json"));
        std::fs::write(&file, serde_json::to_string_pretty(&export).unwrap()).unwrap();
        let db = dir.path().join(format!("target-{i}.db"));
        let out = bearing(&db, &["import", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert!(
            !err.contains("SECRET"),
            "{what}: the message quotes the note: {err}"
        );
        for name in *names {
            assert!(err.contains(name), "{what}: should name {name}: {err}");
        }
        // A refused import leaves no database behind (or an empty one).
        if !db.exists() {
            continue;
        }
        let rows = ok(&db, &["export", "--format", "json"]);
        let rows: Value = serde_json::from_str(&rows).unwrap();
        assert!(
            rows["tables"]
                .as_object()
                .unwrap()
                .values()
                .all(|t| t.as_array().unwrap().is_empty()),
            "{what}: something was imported"
        );
    }
}

#[test]
fn each_field_keeps_its_own_limit_and_required_fields_their_content_at_import() {
    // The tester's case: a 5,000-character name was imported, and then every edit of that
    // person in the TUI was refused ("the name is too long").
    let dir = tempfile::tempdir().unwrap();
    let good = export_with_a_note(dir.path());
    let long_name = SECRET.repeat(140);
    type Break = fn(&mut Value, &str);
    let cases: &[(Break, &str)] = &[
        (
            |v, long| v["tables"]["person"][0]["name"] = json!(long),
            "table person, row 1, column name: the name is too long: 5180 characters, at most 300",
        ),
        (
            |v, _| v["tables"]["person"][0]["name"] = json!(""),
            "table person, row 1, column name: a name is required",
        ),
        (
            |v, _| v["tables"]["note"][0]["body"] = json!(" \n "),
            "table note, row 1, column body: the note is empty",
        ),
        (
            |v, long| v["tables"]["risk"][0]["trigger_text"] = json!(&long[..301]),
            "table risk, row 1, column trigger_text: the trigger is too long: 301 characters, at \
             most 300",
        ),
        (
            |v, _| v["tables"]["risk"][0]["title"] = json!(" "),
            "table risk, row 1, column title: a title is required",
        ),
    ];
    for (n, (damage, expected)) in cases.iter().enumerate() {
        let mut export = good.clone();
        damage(&mut export, &long_name);
        let file = dir.path().join(format!("case{n}.json"));
        std::fs::write(&file, export.to_string()).unwrap();
        let fresh = dir.path().join(format!("fresh{n}.db"));
        let out = bearing(&fresh, &["import", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{expected}: {err}");
        assert!(err.contains(expected), "{expected}: {err}");
        assert!(!err.contains(SECRET), "{err}");
        assert!(
            !fresh.exists() || ok(&fresh, &["person", "list"]).contains("No people"),
            "{err}"
        );
    }
}
