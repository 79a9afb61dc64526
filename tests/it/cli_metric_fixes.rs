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

/// An edit of an export's tables.
type Change = fn(&mut serde_json::Value);

#[test]
fn a_json_import_refuses_metric_rows_the_commands_would_refuse() {
    let (dir, db) = setup();
    ok(
        &db,
        &["metric", "log", "Alpha", "3", "--date", "2026-11-02"],
    );
    let good: serde_json::Value = serde_json::from_str(&export(&db)).unwrap();
    let cases: [(&str, Change, &str); 5] = [
        (
            "future",
            |t| t["metric_value"][0]["period"] = "2026-11-30".into(),
            "table metric_value, id 1, column period: the week of 2026-11-30 has not begun",
        ),
        (
            "wednesday",
            |t| t["metric_value"][0]["period"] = "2026-10-28".into(),
            "table metric_value, id 1, column period: 2026-10-28 is not the first day of a week",
        ),
        (
            "two",
            |t| {
                let mut second = t["metric_value"][0].clone();
                second["id"] = 2.into();
                second["period"] = "2026-11-02".into();
                t["metric_value"][0]["period"] = "2026-10-26".into();
                t["metric_value"]
                    .as_array_mut()
                    .unwrap()
                    .push(second.clone());
                second["id"] = 3.into();
                second["period"] = "2026-11-03".into();
                t["metric_value"].as_array_mut().unwrap().push(second);
            },
            "column period: 2026-11-03 is not the first day",
        ),
        (
            "warn",
            |t| t["metric"][0]["warn"] = 20.into(),
            "table metric, id 1, column warn: when higher is better",
        ),
        (
            "digits",
            |t| t["metric"][0]["name"] = "3".into(),
            "table metric, id 1, column name: a name cannot be only digits",
        ),
    ];
    for (name, change, expected) in cases {
        let mut export = good.clone();
        change(&mut export["tables"]);
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, export.to_string()).unwrap();
        let fresh = dir.path().join(format!("{name}.db"));
        let out = crate::support::bearing(&fresh, &["import", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(expected), "{name}: {err}");
    }
}

#[test]
fn a_date_outside_the_years_1_to_9999_is_refused_as_a_date() {
    let (dir, db) = setup();
    let before = export(&db);
    fails(
        &db,
        &["metric", "log", "Alpha", "3", "--date", "0000-01-01"],
        "outside the years 1 to 9999",
    );
    for cell in ["+10000-01-01", "0000-06-05", "-0001-01-01"] {
        let out = import(&dir, &db, &format!("{cell},Alpha,3\n"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{cell}: {err}");
        assert!(
            err.contains("is not a date: use YYYY-MM-DD"),
            "{cell}: {err}"
        );
    }
    let out = import(&dir, &db, "2026-11-16,Alpha,1e308\n");
    assert!(
        stderr(&out).contains("between -10¹² and 10¹²"),
        "{}",
        stderr(&out)
    );
    assert_eq!(export(&db), before);
}

#[test]
fn list_and_import_messages_read_as_words() {
    let (dir, db) = setup();
    let list = ok(&db, &["metric", "list"]);
    let row = list.lines().nth(1).unwrap_or_default();
    assert!(row.contains(" me ") && row.ends_with("Alpha"), "{list}");
    let out = import(&dir, &db, "2026-11-16\n");
    assert!(
        stderr(&out).contains("line 1: 1 field where date,metric,value[,note] has 3 or 4"),
        "{}",
        stderr(&out)
    );
}
