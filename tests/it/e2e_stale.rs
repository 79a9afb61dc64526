//! Edit forms never save over newer data, with a real second writer: the TUI opens an edit form,
//! the CLI changes the same row beside it, and the form's save is refused with the draft kept;
//! Ctrl-L loads the current values, and saving then keeps what the CLI wrote. An untouched form
//! saves nothing at all.

use crate::support;

use support::{Pty, json_array, ok};

const CTRL_S: &str = "\x13";
const CTRL_L: &str = "\x0c";
const CTRL_U: &str = "\x15";
const STALE: &str = "Changed elsewhere since you opened it";

fn risk(db: &std::path::Path) -> serde_json::Value {
    let risks = json_array(db, &["risk", "list", "--format", "json"]);
    assert_eq!(risks.len(), 1, "{risks:?}");
    risks[0].clone()
}

/// The value a form shows after `label`: the first word after it on its line.
fn field(tui: &Pty, label: &str) -> Option<String> {
    let screen = tui.contents();
    // A form row starts at the popup's border, with the focus marker or a space.
    screen.lines().find_map(|line| {
        ["│ ", "│›"].iter().find_map(|marker| {
            let start = format!("{marker}{label}");
            let after = &line[line.find(&start)? + start.len()..];
            after.split_whitespace().next().map(str::to_string)
        })
    })
}

/// Waits until the form shows `value` after `label`.
fn wait_for_field(tui: &Pty, label: &str, value: &str) {
    for _ in 0..400 {
        if field(tui, label).as_deref() == Some(value) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!(
        "{label} never showed {value:?}; the screen shows:\n{}",
        tui.contents()
    );
}

/// Risk 1, low (2×2), owned by Priya.
fn add_priyas_risk(db: &std::path::Path) {
    ok(
        db,
        &[
            "risk",
            "add",
            "--title",
            "If CI stays flaky, then releases slip",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--owner",
            "Priya",
        ],
    );
}

/// The rows of the audit trail: what the cockpit wrote.
fn trail(db: &std::path::Path) -> usize {
    json_array(db, &["history", "--format", "json"]).len()
}

#[test]
fn a_stale_risk_form_is_refused_keeps_its_draft_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    add_priyas_risk(&db);
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    tui.send("5");
    tui.wait_for("If CI stays flaky");
    tui.send("e");
    tui.wait_for("Edit risk 1");

    // A script changes the risk while the form is open.
    ok(
        &db,
        &[
            "risk",
            "update",
            "1",
            "--owner",
            "Marcus",
            "--likelihood",
            "5",
            "--impact",
            "5",
        ],
    );

    // Saving the untouched form must not put the old values back.
    tui.send(CTRL_S);
    tui.wait_for(STALE);
    let screen = tui.contents();
    assert!(screen.contains("Edit risk 1"), "the form closed:\n{screen}");
    assert_eq!(field(&tui, "Owner").as_deref(), Some("Priya"), "{screen}");
    let r = risk(&db);
    assert_eq!(
        (
            r["owner"].as_str(),
            r["likelihood"].as_i64(),
            r["impact"].as_i64()
        ),
        (Some("Marcus"), Some(5), Some(5)),
        "{r}"
    );
    // Saving again is refused again: the form still holds what it opened.
    tui.send(CTRL_S);
    tui.wait_for(STALE);
    assert_eq!(risk(&db)["owner"], "Marcus");

    // Ctrl-L loads the current values; an edit then saves on top of the script's change.
    tui.send(CTRL_L);
    wait_for_field(&tui, "Owner", "Marcus");
    tui.send("\t\t\t\t");
    tui.send(CTRL_U);
    tui.send("Dana");
    tui.send(CTRL_S);
    tui.wait_for("Saved risk 1: 25 critical");
    let r = risk(&db);
    assert_eq!(
        (
            r["owner"].as_str(),
            r["likelihood"].as_i64(),
            r["impact"].as_i64()
        ),
        (Some("Dana"), Some(5), Some(5)),
        "{r}"
    );

    // An untouched form saves nothing: no write, no undo step, no history entry.
    let before = (trail(&db), r["history"].as_array().unwrap().len());
    tui.send("e");
    tui.wait_for("Edit risk 1");
    tui.send(CTRL_S);
    tui.wait_for("No changes to save.");
    let r = risk(&db);
    assert_eq!((trail(&db), r["history"].as_array().unwrap().len()), before);
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

fn goal(db: &std::path::Path) -> serde_json::Value {
    let plan: serde_json::Value =
        serde_json::from_str(&ok(db, &["plan", "--format", "json"])).unwrap();
    plan["phases"][1]["goals"][0].clone()
}

#[test]
fn a_stale_goal_form_is_refused_after_a_cli_checkin_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    // Day 1 was 8 October: 23 November is day 47, in days 31–60.
    ok(&db, &["plan", "start", "2026-10-08"]);
    ok(
        &db,
        &["goal", "add", "--phase", "60", "--title", "Ship the CI fix"],
    );
    let mut tui = Pty::start(&db, &[], 110, 32);
    tui.wait_for("Week 48");
    tui.send("2");
    tui.wait_for("Ship the CI fix");
    tui.send("e");
    tui.wait_for("Edit goal");

    ok(
        &db,
        &[
            "goal",
            "checkin",
            "1",
            "--progress",
            "60",
            "--confidence",
            "at_risk",
        ],
    );

    tui.send(CTRL_S);
    tui.wait_for(STALE);
    assert!(tui.contents().contains("Edit goal"), "{}", tui.contents());
    assert_eq!(field(&tui, "Progress %").as_deref(), Some("0"), "the draft");
    let g = goal(&db);
    assert_eq!(
        (g["progress"].as_i64(), g["confidence"].as_str()),
        (Some(60), Some("at_risk")),
        "{g}"
    );

    // Reload, rename the goal, save: the check-in's progress and confidence stay.
    tui.send(CTRL_L);
    wait_for_field(&tui, "Progress %", "60");
    tui.send(CTRL_U);
    tui.send("Ship the CI fix for good");
    tui.send(CTRL_S);
    tui.wait_for("Saved goal \"Ship the CI fix for good\".");
    let g = goal(&db);
    assert_eq!(
        (
            g["title"].as_str(),
            g["progress"].as_i64(),
            g["confidence"].as_str()
        ),
        (Some("Ship the CI fix for good"), Some(60), Some("at_risk")),
        "{g}"
    );

    // The check-in form is guarded the same way.
    tui.send("c");
    tui.wait_for("Check in: Ship the CI fix for good");
    ok(&db, &["goal", "checkin", "1", "--progress", "75"]);
    tui.send(CTRL_S);
    tui.wait_for(STALE);
    assert_eq!(goal(&db)["progress"], 75);
    tui.send(CTRL_L);
    wait_for_field(&tui, "Progress %", "75");
    tui.send("\t\t");
    tui.send("still blocked on the vendor");
    tui.send(CTRL_S);
    tui.wait_for("Checked in \"Ship the CI fix for good\": 75%.");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_cli_risk_update_to_the_values_it_has_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    add_priyas_risk(&db);
    let stamp = || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(
            "SELECT updated_at, (SELECT count(*) FROM risk_review) FROM risk",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
        )
        .unwrap()
    };
    let before = stamp();
    let out = support::command(&db, &["risk", "update", "1", "--owner", "Priya"])
        .env("BEARING_NOW", "2026-11-24T10:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", support::stderr(&out));
    let text = support::stdout(&out);
    assert!(
        text.contains("Risk 1 already has these values: nothing changed"),
        "{text}"
    );
    assert_eq!(stamp(), before, "no UPDATE, no history entry");
    // A real change still lands, a day later by its stamp.
    let out = support::command(&db, &["risk", "update", "1", "--owner", "Marcus"])
        .env("BEARING_NOW", "2026-11-24T10:00")
        .output()
        .unwrap();
    assert!(support::stdout(&out).contains("Updated risk 1"));
    assert_eq!(stamp().0, "2026-11-24T10:00:00");
}
