//! Issue 21: `bearing metric …` through the real binary: add, log, list, show, import, edit,
//! delete; a bad CSV row refuses the file (exit 2, the line named, nothing imported) and
//! importing the same rows again changes nothing.

use crate::support::{bearing, fails, json_array, ok, stderr};
use std::io::Write;
use std::process::Stdio;

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let added = ok(
        &db,
        &[
            "metric", "add", "--name", "Deploys", "--target", "10", "--warn", "8", "--group",
            "delivery",
        ],
    );
    assert_eq!(
        added,
        "Added metric 1: \"Deploys\" (weekly, count, target ≥ 10).\n"
    );
    ok(
        &db,
        &[
            "metric",
            "add",
            "--name",
            "Lead time",
            "--unit",
            "hours",
            "--direction",
            "down",
            "--target",
            "24",
            "--warn",
            "±12",
            "--cadence",
            "weekly",
        ],
    );
    (dir, db)
}

/// Every value as (metric, period, value, note), in id order.
fn values(db: &std::path::Path) -> Vec<serde_json::Value> {
    json_array(db, &["metric", "list", "--format", "json"])
        .into_iter()
        .flat_map(|m| m["history"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn numbers_are_logged_listed_shown_and_replaced_by_period() {
    let (_dir, db) = setup();
    assert_eq!(
        ok(
            &db,
            &["metric", "log", "deploys", "12", "--date", "2026-11-09"]
        ),
        "Deploys, week of 9 Nov 2026: 12, on target.\n"
    );
    ok(
        &db,
        &["metric", "log", "Deploys", "5", "--date", "2026-11-16"],
    );
    ok(&db, &["metric", "log", "1", "7"]);
    assert_eq!(
        ok(&db, &["metric", "log", "1", "4", "--note", "freeze"]),
        "Deploys, week of 23 Nov 2026: 4, off target (was 7).\n"
    );
    assert_eq!(
        ok(&db, &["metric", "log", "1", "4", "--note", "freeze"]),
        "Deploys, week of 23 Nov 2026 holds 4 already: nothing changed.\n"
    );
    let list = ok(&db, &["metric", "list"]);
    assert!(
        list.contains("1   delivery  4       23 Nov  ≥ 10    off target 2 periods running"),
        "{list}"
    );
    let shown = ok(&db, &["metric", "show", "Deploys"]);
    assert!(
        shown.contains("  week of 23 Nov 2026  4: freeze\n"),
        "{shown}"
    );
    assert!(shown.contains("baseline:  12"), "{shown}");
    // A corrected number keeps the period's note unless a new one is given.
    ok(&db, &["metric", "log", "1", "5"]);
    let shown = ok(&db, &["metric", "show", "Deploys"]);
    assert!(
        shown.contains("  week of 23 Nov 2026  5: freeze\n"),
        "{shown}"
    );
    ok(&db, &["metric", "log", "1", "4", "--note", ""]);
    let shown = ok(&db, &["metric", "show", "Deploys"]);
    assert!(!shown.contains("freeze"), "{shown}");
    ok(&db, &["metric", "log", "1", "4", "--note", "freeze"]);
    let json = json_array(&db, &["metric", "list", "--format", "json"]);
    assert_eq!(json[0]["status"], "off_target");
    assert_eq!(json[0]["off_run"], 2);
    assert_eq!(json[0]["latest"]["value"], 4.0);
    assert_eq!(json[0]["history"].as_array().unwrap().len(), 3);
    // Periods not begun, values that are not numbers, unknown metrics: exit 2.
    fails(
        &db,
        &["metric", "log", "1", "3", "--date", "2026-12-07"],
        "has not begun",
    );
    fails(&db, &["metric", "log", "1", "many"], "VALUE:");
    fails(
        &db,
        &["metric", "log", "Velocity", "3"],
        "no metric matches",
    );
    fails(
        &db,
        &["metric", "add", "--name", "X", "--unit", "furlongs"],
        "--unit: unknown unit",
    );
    fails(
        &db,
        &["metric", "add", "--name", "deploys"],
        "--name: there is a metric called",
    );
    assert_eq!(values(&db).len(), 3);
}

#[test]
fn edit_and_delete_say_what_they_change() {
    let (_dir, db) = setup();
    ok(&db, &["metric", "log", "1", "12", "--date", "2026-11-16"]);
    assert_eq!(
        ok(&db, &["metric", "edit", "Deploys", "--target", "11"]),
        "Updated metric 1: \"Deploys\" (weekly, count, target ≥ 11).\n"
    );
    fails(
        &db,
        &["metric", "edit", "1"],
        "nothing to change: give at least one of --name",
    );
    fails(
        &db,
        &["metric", "edit", "1", "--cadence", "monthly"],
        "--cadence: Deploys has 1 value by week",
    );
    fails(
        &db,
        &["metric", "delete", "1"],
        "metric 1 (\"Deploys\") was not deleted: deleting it deletes 1 value",
    );
    assert_eq!(
        ok(&db, &["metric", "delete", "1", "--yes"]),
        "Deleted metric 1 (\"Deploys\"); it deleted 1 value.\n"
    );
    let history = ok(&db, &["history"]);
    assert!(history.contains("cli      delete metric 1"), "{history}");
}

fn import_stdin(db: &std::path::Path, text: &str) -> std::process::Output {
    let mut child = crate::support::command(db, &["metric", "import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_csv_import_is_all_or_nothing_names_the_bad_line_and_repeats_harmlessly() {
    let (dir, db) = setup();
    let file = dir.path().join("numbers.csv");
    std::fs::write(
        &file,
        "date,metric,value,note\n2026-11-09,Deploys,12\n2026-11-16,Lead time,30,\"slow, again\"\n\
         2026-11-16,deploys,9\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let first = ok(&db, &["metric", "import", path]);
    assert!(
        first.ends_with(": 3 rows; 3 added, 0 replaced, 0 unchanged.\n"),
        "{first}"
    );
    let stored = values(&db);
    let history = ok(&db, &["history"]);
    let again = ok(&db, &["metric", "import", path]);
    assert!(
        again.ends_with(": 3 rows; 0 added, 0 replaced, 3 unchanged.\n"),
        "{again}"
    );
    assert_eq!(values(&db), stored);
    assert_eq!(
        ok(&db, &["history"]),
        history,
        "importing again writes nothing"
    );

    for (text, expected) in [
        (
            "2026-11-16,Deploys,1\n2026-11-31,Deploys,3\n",
            "standard input, line 2: \"2026-11-31\" is not a date",
        ),
        (
            "2026-11-16,Velocity,3\n",
            "line 1: unknown metric \"Velocity\"",
        ),
        (
            "2026-11-16,Deploys,lots\n",
            "line 1: the value \"lots\" is not a number",
        ),
        (
            "2026-11-16,Deploys,1\n2026-11-17,Deploys,2\n",
            "line 2: a second value for Deploys in the week of 2026-11-16 (line 1 has one)",
        ),
    ] {
        let out = import_stdin(&db, text);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains(expected), "{text}: {err}");
        assert!(err.contains("nothing was imported"), "{err}");
        assert_eq!(values(&db), stored, "{text}");
    }
    assert_eq!(
        ok(&db, &["history"]),
        history,
        "a refused import writes nothing"
    );
    let missing = bearing(&db, &["metric", "import", "/nonexistent/n.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read /nonexistent/n.csv"));
}

#[test]
fn a_goal_can_be_measured_by_a_metric_from_the_day_it_is_added() {
    let (_dir, db) = setup();
    ok(&db, &["plan", "start", "2026-11-02"]);
    ok(&db, &["metric", "log", "Deploys", "4"]);
    let before = ok(&db, &["export", "--format", "json"]);
    fails(
        &db,
        &[
            "goal", "add", "--phase", "60", "--title", "Ship", "--metric", "Nope",
        ],
        "no metric matches \"Nope\"",
    );
    fails(
        &db,
        &[
            "goal",
            "add",
            "--phase",
            "60",
            "--title",
            "Ship",
            "--metric",
            "Deploys",
            "--metric-target",
            "lots",
        ],
        "--metric-target",
    );
    assert_eq!(ok(&db, &["export", "--format", "json"]), before);
    ok(
        &db,
        &[
            "goal",
            "add",
            "--phase",
            "60",
            "--title",
            "Ship",
            "--metric",
            "Deploys",
            "--metric-target",
            "12",
        ],
    );
    let goal: serde_json::Value =
        serde_json::from_str(&ok(&db, &["goal", "show", "Ship", "--format", "json"])).unwrap();
    assert_eq!(goal["measured_by"]["name"], "Deploys", "{goal}");
}
