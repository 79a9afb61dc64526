//! Issue 19: every object — person, ritual, topic, action, note, goal, risk — listed, shown,
//! edited, deleted and put through its state verbs from the command line. Bad input exits 2,
//! names the flag and what it accepts, and leaves the database as it was (its JSON export
//! byte-identical).

use crate::support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{bearing, fails, json_array, ok, stderr, stdout};

/// A database with one of everything: Priya (weekly 1:1) and Marcus, a staff meeting, a
/// talking point, an action and a note for Priya, a plan with a goal, and a risk.
pub fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    for args in [
        &[
            "person",
            "add",
            "--name",
            "Priya Raman",
            "--team",
            "Payments",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=TU",
            "--at",
            "10:00",
        ][..],
        &[
            "person",
            "add",
            "--name",
            "Marcus Oyelaran",
            "--relation",
            "peer",
        ],
        &[
            "ritual",
            "add",
            "--name",
            "Staff meeting",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-02T10:00",
            "--duration",
            "60",
        ],
        &["topic", "add", "Priya", "Hiring plan for Q1"],
        &[
            "action",
            "add",
            "--person",
            "Priya",
            "--due",
            "2026-11-25",
            "Send the budget",
        ],
        &[
            "note",
            "add",
            "Priya",
            "--date",
            "2026-11-17",
            "She covers two on-call shifts",
        ],
        &["plan", "start", "2026-11-01"],
        &[
            "goal",
            "add",
            "--phase",
            "30",
            "--title",
            "Meet the leaders",
        ],
        &[
            "risk",
            "add",
            "--title",
            "If CI stays flaky, then releases slip",
            "--likelihood",
            "4",
            "--impact",
            "3",
        ],
    ] {
        ok(&db, args);
    }
    (dir, db)
}

pub fn export(db: &Path) -> String {
    ok(db, &["export", "--format", "json"])
}

/// Runs a command that must fail with exit code 2 and `expected` in its message, and checks
/// that the database did not change.
pub fn refused(db: &Path, args: &[&str], expected: &str) {
    let before = export(db);
    fails(db, args, expected);
    assert_eq!(export(db), before, "{args:?} changed the database");
}

fn one(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

#[test]
fn people_are_listed_shown_edited_and_deleted() {
    let (_dir, db) = setup();
    let people = json_array(&db, &["person", "list", "--format", "json"]);
    assert_eq!(people.len(), 2);
    let peers = json_array(
        &db,
        &["person", "list", "--relation", "peer", "--format", "json"],
    );
    assert_eq!(peers.len(), 1);
    assert_eq!(peers[0]["name"], "Marcus Oyelaran");
    let text = ok(&db, &["person", "show", "PRIYA raman"]);
    assert!(text.starts_with("person 1  Priya Raman\n"), "{text}");
    assert!(text.contains("weekly on Tuesday at 10:00"), "{text}");
    let md = ok(&db, &["person", "show", "1", "--format", "md"]);
    assert!(md.starts_with("# Priya Raman\n\n*person 1*\n"), "{md}");
    let json = one(&db, &["person", "show", "priya", "--format", "json"]);
    assert_eq!(json, people.iter().find(|p| p["id"] == 1).unwrap().clone());

    assert!(
        ok(
            &db,
            &[
                "person", "edit", "priya", "--role", "Director", "--team", "Core"
            ]
        )
        .contains("Updated Priya Raman (person 1).")
    );
    let p = one(&db, &["person", "show", "1", "--format", "json"]);
    assert_eq!(
        (p["role"].as_str(), p["team"].as_str()),
        (Some("Director"), Some("Core"))
    );
    assert_eq!(
        p["cadence_rrule"], "FREQ=WEEKLY;BYDAY=TU",
        "the 1:1 is kept"
    );
    assert!(ok(&db, &["person", "edit", "1", "--role", "Director"]).contains("nothing changed"));
    ok(
        &db,
        &[
            "person",
            "edit",
            "1",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=TH",
            "--at",
            "15:00",
        ],
    );
    let p = one(&db, &["person", "show", "1", "--format", "json"]);
    assert_eq!(
        (p["cadence_rrule"].as_str(), p["at"].as_str()),
        (Some("FREQ=WEEKLY;BYDAY=TH"), Some("15:00"))
    );

    refused(
        &db,
        &["person", "edit", "1"],
        "nothing to change: give at least one of --name",
    );
    refused(
        &db,
        &["person", "edit", "1", "--relation", "boss"],
        "--relation: ",
    );
    refused(
        &db,
        &["person", "edit", "1", "--name", "Marcus Oyelaran"],
        "--name: Marcus Oyelaran is already",
    );
    refused(
        &db,
        &["person", "edit", "nobody", "--role", "x"],
        "no person matches \"nobody\"",
    );
    ok(&db, &["person", "add", "--name", "Priya Shah"]);
    refused(
        &db,
        &["person", "show", "priya"],
        "Priya Raman (id 1), Priya Shah (id 3)",
    );

    // Without a terminal, delete refuses without --yes and says what would go.
    refused(
        &db,
        &["person", "delete", "Priya Raman"],
        "person 1 (Priya Raman) was not deleted: deleting it deletes 1 note, 1 talking point, 1 action and 1 1:1 series",
    );
    let out = ok(&db, &["person", "delete", "Priya Raman", "--yes"]);
    assert!(
        out.starts_with("Deleted person 1 (Priya Raman); it deleted 1 note"),
        "{out}"
    );
    assert_eq!(
        json_array(&db, &["note", "list", "--format", "json"]).len(),
        0
    );
    refused(&db, &["person", "show", "1"], "no person with id 1");
}

#[test]
fn rituals_are_listed_shown_edited_ended_and_deleted() {
    let (_dir, db) = setup();
    let all = json_array(&db, &["ritual", "list", "--format", "json"]);
    assert_eq!(all.len(), 2);
    let mine = json_array(
        &db,
        &["ritual", "list", "--person", "priya", "--format", "json"],
    );
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["person"], "Priya Raman");
    let text = ok(&db, &["ritual", "show", "staff"]);
    assert!(text.starts_with("ritual 2  Staff meeting\n"), "{text}");
    assert!(text.contains("weekly on Monday at 10:00, 60 min"), "{text}");

    ok(
        &db,
        &[
            "ritual",
            "edit",
            "staff meeting",
            "--name",
            "Staff",
            "--prep",
            "15",
            "--agenda",
            "wins;risks",
        ],
    );
    let r = one(&db, &["ritual", "show", "2", "--format", "json"]);
    assert_eq!(
        (
            r["name"].as_str(),
            r["prep_min"].as_i64(),
            r["agenda"].as_str()
        ),
        (Some("Staff"), Some(15), Some("wins\nrisks"))
    );
    // A new schedule applies from today: the series splits, the old one keeps the past.
    let out = ok(
        &db,
        &["ritual", "edit", "2", "--rrule", "FREQ=WEEKLY;BYDAY=WE"],
    );
    assert!(
        out.contains("from Mon 2026-11-23 on it is ritual 3"),
        "{out}"
    );
    let r = one(&db, &["ritual", "show", "staff", "--format", "json"]);
    assert_eq!(
        (r["id"].as_i64(), r["previous_id"].as_i64()),
        (Some(3), Some(2)),
        "the current series wins the name"
    );

    refused(
        &db,
        &["ritual", "edit", "3", "--duration", "600"],
        "--duration: the duration must be at most 240 minutes",
    );
    refused(
        &db,
        &["ritual", "edit", "3", "--prep", "999"],
        "--prep: prep time must be at most 240 minutes",
    );
    refused(
        &db,
        &["ritual", "edit", "3", "--person", "nobody"],
        "--person: no person matches",
    );
    refused(&db, &["ritual", "edit", "3"], "nothing to change");

    let out = ok(&db, &["ritual", "end", "3", "--on", "2026-12-10"]);
    assert!(out.contains("Ended \"Staff\" (ritual 3) on Thu 2026-12-10; its last meeting is Wed 2026-12-09 10:00."), "{out}");
    let r = one(&db, &["ritual", "show", "3", "--format", "json"]);
    assert!(
        r["rrule"]
            .as_str()
            .unwrap()
            .contains("UNTIL=20261209T100000"),
        "{r}"
    );
    refused(
        &db,
        &["ritual", "end", "3", "--on", "2026-11-01"],
        "has no meeting on or before",
    );

    refused(
        &db,
        &["ritual", "delete", "3"],
        "ritual 3 (\"Staff\") was not deleted",
    );
    assert!(
        ok(&db, &["ritual", "delete", "3", "--yes"]).starts_with("Deleted ritual 3 (\"Staff\")")
    );
    assert_eq!(
        json_array(&db, &["ritual", "list", "--format", "json"]).len(),
        2
    );
}

#[test]
fn topics_are_ticked_reopened_edited_and_deleted() {
    let (_dir, db) = setup();
    let queue = json_array(&db, &["topic", "list", "--format", "json"]);
    assert_eq!(queue.len(), 1);
    assert_eq!(
        (queue[0]["person"].as_str(), queue[0]["discussed"].as_bool()),
        (Some("Priya Raman"), Some(false))
    );
    assert!(ok(&db, &["topic", "show", "1"]).contains("Hiring plan for Q1"));

    assert!(ok(&db, &["topic", "done", "1"]).contains("Marked discussed: talking point 1."));
    assert!(ok(&db, &["topic", "done", "1"]).contains("already discussed: nothing changed"));
    assert!(json_array(&db, &["topic", "list", "--format", "json"]).is_empty());
    assert_eq!(
        json_array(&db, &["topic", "list", "--discussed", "--format", "json"]).len(),
        1
    );
    ok(&db, &["topic", "reopen", "1"]);
    assert_eq!(
        json_array(
            &db,
            &["topic", "list", "--person", "priya", "--format", "json"]
        )
        .len(),
        1
    );

    ok(
        &db,
        &[
            "topic",
            "edit",
            "1",
            "--text",
            "Hiring plan",
            "--person",
            "Marcus",
        ],
    );
    let t = one(&db, &["topic", "show", "1", "--format", "json"]);
    assert_eq!(
        (t["body"].as_str(), t["person"].as_str()),
        (Some("Hiring plan"), Some("Marcus Oyelaran"))
    );

    refused(
        &db,
        &["topic", "done", "1", "99"],
        "no talking point with id 99",
    );
    refused(
        &db,
        &["topic", "done", "first"],
        "a topic is named by its id",
    );
    refused(&db, &["topic", "edit", "1", "--text", "  "], "--text: ");
    assert!(
        ok(&db, &["topic", "delete", "1", "--yes"])
            .starts_with("Deleted topic 1 (for Marcus Oyelaran")
    );
    assert!(json_array(&db, &["topic", "list", "--all", "--format", "json"]).is_empty());
}

#[test]
fn actions_are_done_reopened_edited_filtered_and_deleted() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "action",
            "add",
            "--due",
            "2026-11-20",
            "--owner",
            "me",
            "Book the offsite",
        ],
    );
    let open = json_array(&db, &["action", "list", "--format", "json"]);
    assert_eq!(open.len(), 2);
    let overdue = json_array(&db, &["action", "list", "--overdue", "--format", "json"]);
    assert_eq!(overdue.len(), 1);
    assert_eq!(
        (overdue[0]["id"].as_i64(), overdue[0]["overdue"].as_bool()),
        (Some(2), Some(true))
    );
    assert_eq!(
        json_array(&db, &["action", "list", "--no-person", "--format", "json"]).len(),
        1
    );
    assert_eq!(
        json_array(
            &db,
            &["action", "list", "--person", "priya", "--format", "json"]
        )
        .len(),
        1
    );

    // The week's hygiene: close them in one go, all or nothing.
    refused(
        &db,
        &["action", "done", "1", "2", "77"],
        "no action with id 77",
    );
    assert!(ok(&db, &["action", "done", "1", "2"]).contains("Done: action 2."));
    assert!(json_array(&db, &["action", "list", "--format", "json"]).is_empty());
    // One change, and the audit trail names both (it said "update action_item 1").
    let trail = ok(&db, &["history", "--limit", "1"]);
    assert!(trail.contains("update action_item 1 and 2\n"), "{trail}");
    let done = json_array(&db, &["action", "list", "--done", "--format", "json"]);
    assert_eq!(done.len(), 2);
    assert_eq!(done[0]["done_at"], "2026-11-23T09:00:00");
    ok(&db, &["action", "reopen", "2"]);

    ok(
        &db,
        &[
            "action",
            "edit",
            "2",
            "--due",
            "2026-11-27",
            "--owner",
            "them",
            "--person",
            "Marcus",
            "--text",
            "Book the venue",
        ],
    );
    let a = one(&db, &["action", "show", "2", "--format", "json"]);
    assert_eq!(
        (
            a["due"].as_str(),
            a["owner"].as_str(),
            a["person"].as_str(),
            a["body"].as_str()
        ),
        (
            Some("2026-11-27"),
            Some("them"),
            Some("Marcus Oyelaran"),
            Some("Book the venue")
        )
    );
    // Theirs with nobody to owe it is refused; made yours, it has no person.
    refused(
        &db,
        &["action", "edit", "2", "--no-due", "--no-person"],
        "needs the person who owes it",
    );
    ok(
        &db,
        &[
            "action",
            "edit",
            "2",
            "--no-due",
            "--no-person",
            "--owner",
            "me",
        ],
    );
    let a = one(&db, &["action", "show", "2", "--format", "json"]);
    assert_eq!(
        (a["due"].clone(), a["person_id"].clone(), a["owner"].clone()),
        (Value::Null, Value::Null, Value::from("me"))
    );

    // One an earlier version stored as theirs with nobody named stays editable as it is.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "INSERT INTO action_item (id, person_id, owner, body, due, created_at)
             VALUES (90, NULL, 'them', 'Legacy', '2026-11-30', '2026-11-20T09:00:00')",
        )
        .unwrap();
    ok(&db, &["action", "edit", "90", "--due", "2026-12-04"]);
    let legacy = one(&db, &["action", "show", "90", "--format", "json"]);
    assert_eq!(
        (legacy["due"].as_str(), legacy["owner"].as_str()),
        (Some("2026-12-04"), Some("them"))
    );

    refused(
        &db,
        &["action", "edit", "2", "--owner", "boss"],
        "--owner: ",
    );
    refused(&db, &["action", "edit", "2", "--due", "someday"], "--due: ");
    refused(&db, &["action", "list", "--owner", "boss"], "--owner: ");
    assert!(ok(&db, &["action", "delete", "2", "--yes"]).starts_with("Deleted action 2"));
}

#[test]
fn notes_are_listed_edited_and_deleted_without_their_text_in_messages() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "note",
            "add",
            "Marcus",
            "--date",
            "2026-11-20",
            "Secret reorg plans",
        ],
    );
    let notes = json_array(&db, &["note", "list", "--format", "json"]);
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["person"], "Marcus Oyelaran", "newest first");
    assert_eq!(
        json_array(
            &db,
            &["note", "list", "--person", "priya", "--format", "json"]
        )
        .len(),
        1
    );
    assert_eq!(
        json_array(
            &db,
            &["note", "list", "--since", "2026-11-18", "--format", "json"]
        )
        .len(),
        1
    );
    assert!(ok(&db, &["note", "show", "2"]).contains("Secret reorg plans"));

    ok(
        &db,
        &[
            "note",
            "edit",
            "2",
            "--date",
            "2026-11-21",
            "--text",
            "Reorg: not yet",
        ],
    );
    let n = one(&db, &["note", "show", "2", "--format", "json"]);
    assert_eq!(
        (n["date"].as_str(), n["body"].as_str()),
        (Some("2026-11-21"), Some("Reorg: not yet"))
    );

    let out = bearing(&db, &["note", "delete", "2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("note 2 (Marcus Oyelaran, Sat 21 Nov 2026) was not deleted"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("Reorg"),
        "a note's text never shows in messages"
    );
    let out = ok(&db, &["note", "delete", "2", "--yes"]);
    assert!(!out.contains("Reorg"), "{out}");
    refused(
        &db,
        &["note", "edit", "2", "--text", "x"],
        "no note with id 2",
    );
}

#[test]
fn goals_get_a_status_progress_history_a_roll_over_and_a_delete() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "goal",
            "add",
            "--phase",
            "60",
            "--title",
            "Run one operating cadence",
        ],
    );
    assert_eq!(
        json_array(&db, &["goal", "list", "--phase", "30", "--format", "json"]).len(),
        1
    );
    ok(
        &db,
        &[
            "goal",
            "checkin",
            "meet the leaders",
            "--progress",
            "40",
            "--note",
            "half",
        ],
    );
    ok(
        &db,
        &[
            "goal",
            "edit",
            "1",
            "--progress",
            "60",
            "--confidence",
            "at_risk",
            "--criteria",
            "met 5 of 5",
        ],
    );
    let g = one(&db, &["goal", "show", "meet", "--format", "json"]);
    assert_eq!(
        (
            g["progress"].as_i64(),
            g["confidence"].as_str(),
            g["status"].as_str()
        ),
        (Some(60), Some("at_risk"), Some("doing"))
    );
    let history: Vec<(i64, &str)> = g["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["progress"].as_i64().unwrap(), c["note"].as_str().unwrap()))
        .collect();
    assert_eq!(
        history,
        [(40, "half"), (60, "edited")],
        "an edited progress joins the history"
    );
    assert!(ok(&db, &["goal", "show", "1"]).contains("History\n"));

    ok(&db, &["goal", "status", "1", "done"]);
    let g = one(&db, &["goal", "show", "1", "--format", "json"]);
    assert_eq!(
        (g["status"].as_str(), g["progress"].as_i64()),
        (Some("done"), Some(100))
    );
    assert_eq!(
        json_array(
            &db,
            &["goal", "list", "--status", "done", "--format", "json"]
        )
        .len(),
        1
    );
    refused(&db, &["goal", "rollover", "1"], "only open goals roll over");
    ok(&db, &["goal", "rollover", "run one"]);
    assert_eq!(
        one(&db, &["goal", "show", "2", "--format", "json"])["phase"],
        90
    );

    refused(&db, &["goal", "status", "1", "finished"], "STATUS: ");
    refused(
        &db,
        &["goal", "edit", "1", "--progress", "140"],
        "--progress: ",
    );
    refused(&db, &["goal", "edit", "1", "--phase", "45"], "--phase: ");
    refused(
        &db,
        &["goal", "edit", "1", "--due", "2020-01-01"],
        "--due: ",
    );
    refused(&db, &["goal", "show", "nothing like it"], "no goal matches");
    assert!(ok(&db, &["goal", "delete", "1", "--yes"]).contains("it deleted 3 check-ins"));
    assert_eq!(
        json_array(&db, &["goal", "list", "--format", "json"]).len(),
        1
    );
}

#[test]
fn risks_are_shown_edited_reviewed_filtered_and_deleted() {
    let (_dir, db) = setup();
    let text = ok(&db, &["risk", "show", "ci stays flaky"]);
    assert!(
        text.starts_with("risk 1  If CI stays flaky, then releases slip\n"),
        "{text}"
    );
    assert!(text.contains("12 (high): likelihood 4, impact 3"), "{text}");
    ok(
        &db,
        &[
            "risk",
            "edit",
            "1",
            "--owner",
            "Marcus",
            "--likelihood",
            "5",
        ],
    );
    ok(&db, &["risk", "update", "1", "--status", "monitoring"]);
    ok(
        &db,
        &[
            "risk",
            "review",
            "flaky",
            "--impact",
            "2",
            "--note",
            "retries added",
            "--next",
            "2026-12-01",
        ],
    );
    let r = one(&db, &["risk", "show", "1", "--format", "json"]);
    assert_eq!(
        (
            r["owner"].as_str(),
            r["score"].as_i64(),
            r["status"].as_str(),
            r["next_review"].as_str()
        ),
        (
            Some("Marcus"),
            Some(10),
            Some("monitoring"),
            Some("2026-12-01")
        )
    );
    assert_eq!(r["history"].as_array().unwrap().len(), 3);
    assert_eq!(
        json_array(
            &db,
            &["risk", "list", "--status", "open", "--format", "json"]
        )
        .len(),
        0
    );
    assert_eq!(
        json_array(
            &db,
            &["risk", "list", "--status", "monitoring", "--format", "json"]
        )
        .len(),
        1
    );

    refused(
        &db,
        &["risk", "review", "1", "--likelihood", "9"],
        "likelihood",
    );
    refused(&db, &["risk", "list", "--status", "gone"], "--status: ");
    refused(
        &db,
        &["risk", "delete", "1"],
        "deleting it deletes 3 score history entries",
    );
    ok(&db, &["risk", "delete", "1", "--yes"]);
    assert!(json_array(&db, &["risk", "list", "--format", "json"]).is_empty());
}

#[test]
fn every_cli_write_is_in_the_audit_trail_marked_as_the_cli() {
    let (_dir, db) = setup();
    ok(&db, &["action", "done", "1"]);
    ok(&db, &["goal", "delete", "1", "--yes"]);
    let trail = json_array(&db, &["history", "--limit", "100", "--format", "json"]);
    let actions: Vec<&str> = trail
        .iter()
        .map(|c| c["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "delete goal",
            "update action_item",
            "insert risk",
            "insert goal",
            "insert plan",
            "insert note",
            "insert action_item",
            "insert topic",
            "insert ritual",
            "insert person",
            "insert person"
        ]
    );
    assert!(trail.iter().all(|c| c["by"] == "cli"), "{trail:?}");
    let text = ok(&db, &["history"]);
    assert!(
        text.contains("2026-11-23 09:00:00  cli      update action_item 1"),
        "{text}"
    );
    // Each command is a session of its own: no window's undo can take them.
    let sessions: std::collections::HashSet<&str> = trail
        .iter()
        .map(|c| c["session"].as_str().unwrap())
        .collect();
    assert_eq!(sessions.len(), trail.len());
    assert!(sessions.iter().all(|s| s.starts_with('c')));
}

#[test]
fn slips_are_refused_or_warned_about() {
    let (_dir, db) = setup();
    let staff = [
        "ritual",
        "add",
        "--name",
        "Staff meeting (again)",
        "--rrule",
        "FREQ=WEEKLY;BYDAY=MO",
        "--start",
        "2026-11-30T10:00",
        "--duration",
        "60",
    ];
    let out = bearing(&db, &staff);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("warning: \"Staff meeting\" (ritual 2) already meets in this slot"),
        "{}",
        stderr(&out)
    );
    let mut long = staff.to_vec();
    long[9] = "600";
    refused(
        &db,
        &long,
        "--duration: the duration must be at most 240 minutes (4 hours)",
    );
    let mut prep = staff.to_vec();
    prep.extend(["--prep", "999"]);
    refused(&db, &prep, "--prep: prep time must be at most 240 minutes");
    refused(
        &db,
        &["ritual", "held", "staff meeting", "2027-03-01"],
        "DATE: Mon 2027-03-01 is 98 days from now; a meeting is marked held once it has happened",
    );
    refused(
        &db,
        &["ritual", "held", "2", "2026-12-07"],
        "is 14 days from now",
    );
    ok(&db, &["ritual", "held", "2", "2026-11-16"]);
    // A 1:1 is named with its person, as the agenda names it.
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "1:1",
            "--person",
            "marcus",
            "--rrule",
            "FREQ=WEEKLY",
            "--start",
            "2026-11-02T15:00",
            "--duration",
            "30",
        ],
    );
    let said = ok(&db, &["ritual", "held", "1:1 marcus", "2026-11-16"]);
    assert!(
        said.contains("Marked held: \"1:1 Marcus Oyelaran\" on Mon 2026-11-16 15:00."),
        "{said}"
    );
    let early = bearing(&db, &["ritual", "held", "2", "2026-11-30"]);
    assert!(early.status.success());
    assert!(
        stderr(&early)
            .contains("warning: the meeting of Mon 2026-11-30 10:00 has not happened yet"),
        "{}",
        stderr(&early)
    );
    refused(&db, &["search", ""], "QUERY: give at least one word");
    refused(&db, &["search", "   "], "QUERY: give at least one word");
    let out = bearing(&db, &["search", "hiring"]);
    assert!(stdout(&out).contains("plan for Q1"), "{}", stdout(&out));
}

#[test]
fn a_one_on_one_is_recorded_context_kept_and_meeting_notes_written_as_in_the_cockpit() {
    let (_dir, db) = setup();
    refused(
        &db,
        &["person", "record", "priya", "--discussed", "9", "Good talk"],
        "--discussed: talking point 9 is not in Priya Raman's queue",
    );
    refused(
        &db,
        &[
            "person",
            "record",
            "priya",
            "--action",
            "them: x due someday",
            "Good talk",
        ],
        "--action: ",
    );
    refused(
        &db,
        &[
            "person",
            "record",
            "priya",
            "--date",
            "2027-06-01",
            "Good talk",
        ],
        "Tue 2027-06-01 is 190 days from now; a 1:1 is recorded once it has happened",
    );
    let out = ok(
        &db,
        &[
            "person",
            "record",
            "priya",
            "--date",
            "2026-11-17",
            "--discussed",
            "1",
            "--action",
            "them: send the doc due fri",
            "Good talk",
        ],
    );
    assert!(
        out.contains("1 talking point discussed, 1 action added."),
        "{out}"
    );
    assert!(json_array(&db, &["topic", "list", "--format", "json"]).is_empty());
    let theirs = json_array(
        &db,
        &["action", "list", "--owner", "them", "--format", "json"],
    );
    assert_eq!(
        (theirs.len(), theirs[0]["due"].as_str()),
        (1, Some("2026-11-27"))
    );

    refused(
        &db,
        &["person", "context", "priya", "--kind", "praise", "x"],
        "--kind: ",
    );
    ok(
        &db,
        &[
            "person",
            "context",
            "priya",
            "--kind",
            "feedback",
            "Great planning doc",
        ],
    );
    assert!(export(&db).contains("Great planning doc"));
    let plain = ok(
        &db,
        &["person", "context", "priya", "Moving teams in March"],
    );
    assert!(
        plain.starts_with("Saved context for Priya Raman on "),
        "{plain}"
    );

    refused(
        &db,
        &["ritual", "notes", "staff", "2026-11-16"],
        "nothing to change",
    );
    refused(
        &db,
        &["ritual", "notes", "staff", "2026-11-17", "--notes", "x"],
        "does not meet on",
    );
    ok(
        &db,
        &[
            "ritual",
            "notes",
            "staff",
            "2026-11-16",
            "--notes",
            "Went well",
            "--decisions",
            "Ship",
        ],
    );
    ok(
        &db,
        &[
            "ritual",
            "notes",
            "staff",
            "2026-11-16",
            "--decisions",
            "Ship on Friday",
        ],
    );
    let dump = export(&db);
    assert!(
        dump.contains("Went well") && dump.contains("Ship on Friday"),
        "notes kept, decisions changed"
    );
}
