//! `bearing plan`, `plan start`, `goal add` and `goal checkin`.

use crate::support;

use support::{fails, ok};

#[test]
fn a_plan_with_goals_check_ins_and_the_behind_rule() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    crate::support::empty_db(&db);
    assert!(ok(&db, &["plan"]).contains("No plan yet"));
    fails(
        &db,
        &["goal", "add", "--phase", "30", "--title", "X"],
        "bearing plan start",
    );
    // The fixed clock is 2026-11-23: day 47 of a plan started on 8 October.
    ok(&db, &["plan", "start", "2026-10-08"]);
    ok(
        &db,
        &[
            "goal",
            "add",
            "--phase",
            "60",
            "--title",
            "One operating cadence",
            "--criteria",
            "Same format everywhere",
        ],
    );
    ok(
        &db,
        &[
            "goal",
            "add",
            "--phase",
            "90",
            "--title",
            "Strategy",
            "--due",
            "2026-12-20",
        ],
    );
    ok(
        &db,
        &[
            "goal",
            "checkin",
            "1",
            "--progress",
            "20",
            "--confidence",
            "at_risk",
            "--note",
            "slow",
        ],
    );

    let text = ok(&db, &["plan"]);
    assert!(text.contains("day 47 of 90"), "{text}");
    assert!(
        text.contains("Behind schedule: One operating cadence"),
        "{text}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["plan", "--format", "json"])).unwrap();
    assert_eq!(json["start"], "2026-10-08");
    assert_eq!(json["day"]["state"], "running");
    assert_eq!(json["day"]["day"], 47);
    let phase60 = &json["phases"][1];
    assert_eq!(phase60["phase"], 60);
    let goal = &phase60["goals"][0];
    assert_eq!(goal["title"], "One operating cadence");
    assert_eq!(goal["progress"], 20);
    assert_eq!(goal["confidence"], "at_risk");
    assert_eq!(goal["status"], "doing");
    assert_eq!(goal["behind"], true);
    assert_eq!(goal["due_on"], "2026-12-06");
    assert_eq!(goal["history"][0]["note"], "slow");

    // Goal due dates are on the agenda: the strategy on 20 Dec.
    let agenda: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["agenda", "--from", "2026-12-14", "--format", "json"],
    ))
    .unwrap();
    let goals: Vec<&str> = agenda
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "goal_due")
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(goals, vec!["Strategy"]);
}

#[test]
fn bad_goal_input_is_refused_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["plan", "start", "2026-10-08"]);
    fails(
        &db,
        &["goal", "add", "--phase", "45", "--title", "X"],
        "use 30, 60, 90, 180 or 365",
    );
    fails(
        &db,
        &[
            "goal",
            "add",
            "--phase",
            "30",
            "--title",
            "X",
            "--due",
            "2026-10-01",
        ],
        "before the plan starts",
    );
    fails(
        &db,
        &["goal", "add", "--phase", "30", "--title", "  "],
        "a title is required",
    );
    ok(
        &db,
        &["goal", "add", "--phase", "30", "--title", "Meet leaders"],
    );
    fails(
        &db,
        &["goal", "checkin", "1", "--progress", "101"],
        "0 to 100",
    );
    fails(
        &db,
        &[
            "goal",
            "checkin",
            "1",
            "--progress",
            "50",
            "--confidence",
            "meh",
        ],
        "--confidence",
    );
    fails(
        &db,
        &["goal", "checkin", "9", "--progress", "50"],
        "no goal with id 9",
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["plan", "--format", "json"])).unwrap();
    let goals = json["phases"][0]["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0]["progress"], 0);
    assert!(goals[0]["history"].as_array().unwrap().is_empty());
}

#[test]
fn init_loads_the_starter_plan_from_a_start_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let out = ok(
        &db,
        &["init", "--template", "director", "--start", "2026-11-02"],
    );
    assert!(
        out.contains("The 30/60/90-day plan starts on Mon 2026-11-02."),
        "{out}"
    );
    assert!(out.contains("Added 15 starter goals"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["plan", "--format", "json"])).unwrap();
    let counts: Vec<usize> = json["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["goals"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, vec![5, 5, 5, 0, 0]);
    assert!(ok(&db, &["init", "--template", "director"]).contains("Nothing to add"));
}
