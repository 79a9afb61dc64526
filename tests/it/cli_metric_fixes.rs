//! Issue 21, defects an independent tester found in `bearing metric …`, through the real binary:
//! every refusal is exit 2 with a message saying what is wrong and how to fix it, and the
//! database unchanged.

use crate::support::{fails, ok, stderr};

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["metric", "add", "--name", "Alpha", "--target", "5"]);
    (dir, db)
}

fn export(db: &std::path::Path) -> String {
    ok(db, &["export", "--format", "json"])
}

/// `metric import FILE` of `text`: its output, and the database untouched when it fails.
fn import(dir: &tempfile::TempDir, db: &std::path::Path, text: &str) -> std::process::Output {
    let file = dir.path().join("numbers.csv");
    std::fs::write(&file, text).unwrap();
    crate::support::bearing(db, &["metric", "import", file.to_str().unwrap()])
}

#[test]
fn an_unclosed_or_stray_quote_in_a_csv_refuses_the_file_naming_its_line() {
    let (dir, db) = setup();
    let before = export(&db);
    for (text, expected) in [
        (
            "2026-10-05,Alpha,1,\"x\n2026-09-28,Alpha,2,ok\n",
            "line 1: a quote opened here is never closed",
        ),
        (
            "2026-10-05,Alpha,1,ok\n2026-09-28,Alpha,2,\"he said \"hi\n",
            "line 2: text after a closing quote",
        ),
        (
            "2026-10-05,Alpha,1,he said \"hi\"\n",
            "line 1: a quote inside an unquoted cell",
        ),
    ] {
        let out = import(&dir, &db, text);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{text:?}: {err}");
        assert!(err.contains(expected), "{text:?}: {err}");
        assert!(err.contains("nothing was imported"), "{err}");
        assert_eq!(export(&db), before, "{text:?}");
    }
    // Quoting done right still reads: a doubled quote, a comma and a line break in a note.
    let out = import(
        &dir,
        &db,
        "2026-10-05,Alpha,1,\"he said \"\"hi\"\", then\nleft\"\n2026-09-28,Alpha,2,ok\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = ok(&db, &["metric", "show", "Alpha", "--format", "json"]);
    assert!(shown.contains(r#"he said \"hi\", then\nleft"#), "{shown}");
}

#[test]
fn a_decimal_comma_is_refused_never_read_as_a_larger_number() {
    let (dir, db) = setup();
    let before = export(&db);
    for value in ["1,5", "12,34,5", "1,,5", ",5"] {
        fails(&db, &["metric", "log", "Alpha", value], "use a point");
        let out = import(&dir, &db, &format!("2026-11-16,Alpha,\"{value}\"\n"));
        assert_eq!(out.status.code(), Some(2), "{value}");
        assert!(stderr(&out).contains("use a point"), "{}", stderr(&out));
    }
    assert_eq!(export(&db), before);
    let logged = ok(&db, &["metric", "log", "Alpha", "1,234,567"]);
    assert!(logged.contains(": 1234567, on target"), "{logged}");
}

#[test]
fn a_metric_name_of_only_digits_is_refused_so_delete_3_means_metric_3() {
    let (_dir, db) = setup();
    ok(&db, &["metric", "add", "--name", "Big"]);
    let before = export(&db);
    fails(
        &db,
        &["metric", "add", "--name", "3"],
        "a name cannot be only digits",
    );
    fails(
        &db,
        &["metric", "edit", "Big", "--name", "2"],
        "a name cannot be only digits",
    );
    assert_eq!(export(&db), before);
}
