//! The director's day, in keys (issue 16): on the demo organisation, from the cockpit just
//! opened, each job takes at most the keys the issue gives, pressed here one by one, and shows
//! its result at once; the real CLI then reads the file and agrees. Text typed into a field
//! (a name, a note, a number) is counted apart from the keys.

use crate::support;

use std::path::{Path, PathBuf};
use support::{Pty, json_array, ok};

/// What a job presses: a key, or text typed into the focused field.
enum Press {
    Key(&'static str),
    Text(&'static str),
}

use Press::{Key, Text};

/// Presses `steps` in `tui`; returns how many of them were keys.
fn press(tui: &mut Pty, steps: &[Press]) -> usize {
    let mut keys = 0;
    for step in steps {
        match step {
            Key(k) => {
                keys += 1;
                tui.send(k);
            }
            Text(t) => tui.send(t),
        }
    }
    keys
}

const CTRL_S: &str = "\x13";

/// The demo organisation, written at the tests' fixed clock (Mon 23 Nov 2026, 09:00).
fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--no-tui"]);
    (dir, db)
}

fn opened(db: &Path, cols: u16, rows: u16) -> Pty {
    let tui = Pty::start(db, &[], cols, rows);
    tui.wait_for("Week 48");
    tui
}

/// The next 1:1 from the fixed clock, as the agenda's JSON has it: (person, start).
fn next_one_on_one(db: &Path) -> (String, String) {
    let items = json_array(db, &["agenda", "--days", "14", "--format", "json"]);
    let next = items
        .iter()
        .filter(|i| i["kind"] == "one_on_one")
        .find(|i| {
            let day = i["date"].as_str().unwrap();
            let start = i["start"].as_str().unwrap_or("00:00");
            (day, start) >= ("2026-11-23", "09:00")
        })
        .expect("a 1:1 coming up in the demo");
    (
        next["person"].as_str().unwrap().to_string(),
        format!(
            "{} {}",
            next["date"].as_str().unwrap(),
            next["start"].as_str().unwrap()
        ),
    )
}

#[test]
fn see_today_and_the_next_meeting_takes_no_key() {
    let (_dir, db) = demo();
    for (cols, rows) in [(80, 24), (180, 50)] {
        let mut tui = opened(&db, cols, rows);
        // Today's meetings, and the next one counted down in the status bar.
        tui.wait_for("1:1 Tomás Ferreira");
        tui.wait_for("▸ Staff meeting in 1h");
        tui.send("q");
        assert_eq!(tui.wait_exit(), 0);
    }
}

#[test]
fn open_the_next_1on1s_prep_in_at_most_two_keys() {
    let (_dir, db) = demo();
    let (person, _) = next_one_on_one(&db);
    let mut tui = opened(&db, 80, 24);
    let keys = press(&mut tui, &[Key("P")]);
    assert!(keys <= 2, "{keys} keys");
    tui.wait_for(&format!("Prep  {person}"));
    tui.wait_for("Talking points");
    // Esc goes back to the agenda it was opened from.
    tui.escape();
    tui.wait_for("Week 48");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn queue_a_talking_point_for_a_named_person_in_at_most_three_keys_and_text() {
    let (_dir, db) = demo();
    let mut tui = opened(&db, 80, 24);
    let keys = press(
        &mut tui,
        &[
            Key("T"),
            Text("tomas"),
            Key("\t"),
            Text("Event-bus ownership after the reorg"),
            Key("\r"),
        ],
    );
    assert!(keys <= 3, "{keys} keys");
    tui.wait_for("Talking point queued for Tomás Ferreira's next 1:1.");
    let prep = ok(&db, &["prep", "Tomás", "--format", "json"]);
    assert!(
        prep.contains("Event-bus ownership after the reorg"),
        "{prep}"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn record_that_1on1_with_a_note_and_an_action_in_at_most_three_keys_and_texts() {
    let (_dir, db) = demo();
    let (person, start) = next_one_on_one(&db);
    let mut tui = opened(&db, 80, 24);
    tui.send("P");
    tui.wait_for(&format!("Prep  {person}"));
    let keys = press(
        &mut tui,
        &[
            Key("r"),
            Text("Walked through the cut-over plan."),
            Key("\t"),
            Text("them: Send the runbook due fri"),
            Key(CTRL_S),
        ],
    );
    assert!(keys <= 3, "{keys} keys");
    let day = &start[..10];
    let shown = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .unwrap()
        .format("%a %-d %b")
        .to_string();
    tui.wait_for(&format!("1:1 of {shown} recorded (marked held)"));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    // The CLI reads the same: that meeting held, the note on its day, the action theirs.
    let report: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["report", "week", "--from", day, "--format", "json"],
    ))
    .unwrap();
    let held = report["one_on_ones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["person"] == person.as_str() && m["start"].as_str().unwrap().starts_with(day))
        .expect("the 1:1 in the report");
    assert_eq!(held["outcome"], "held");
    let prep: serde_json::Value =
        serde_json::from_str(&ok(&db, &["prep", &person, "--format", "json"])).unwrap();
    assert_eq!(prep["last_notes"][0]["date"], day);
    assert!(
        prep["theirs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["body"] == "Send the runbook"),
        "{prep}"
    );
}

#[test]
fn check_in_on_a_goal_with_a_new_number_in_at_most_three_keys_and_the_number() {
    let (_dir, db) = demo();
    let plan = |db: &Path| -> serde_json::Value {
        serde_json::from_str(&ok(db, &["plan", "--format", "json"])).unwrap()
    };
    // The cursor opens on the first goal of today's phase (days 31–60).
    let goal = plan(&db)["phases"][1]["goals"][0].clone();
    assert_ne!(goal["progress"], 70, "{goal}");
    let mut tui = opened(&db, 80, 24);
    let keys = press(&mut tui, &[Key("2"), Key("c"), Text("70"), Key("\r")]);
    assert!(keys <= 3, "{keys} keys");
    tui.wait_for("Checked in");
    // Typed on entering the field, 70 replaced the value (60 then 70 would be 6070, refused).
    let after = plan(&db)["phases"][1]["goals"][0].clone();
    assert_eq!(after["id"], goal["id"]);
    assert_eq!(after["progress"], 70, "{after}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
