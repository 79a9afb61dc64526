//! `bearing topic|action|note add`, `prep` and `search` as scripts drive them, and the rule that
//! note text never shows up in error messages.

use crate::support;

use std::io::Write;
use std::process::{Command, Stdio};
use support::{bearing, fails, json_array, ok, stderr};

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Priya Raman",
            "--role",
            "EM",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=TU",
            "--at",
            "10:00",
        ],
    );
    ok(&db, &["person", "add", "--name", "Priya Shah"]);
    (dir, db)
}

#[test]
fn topics_actions_and_notes_land_in_the_prep_view() {
    let (_dir, db) = setup();
    ok(&db, &["topic", "add", "priya raman", "Q1 planning doc"]);
    ok(
        &db,
        &[
            "action",
            "add",
            "--person",
            "1",
            "--due",
            "2026-11-20",
            "--owner",
            "them",
            "Share the cut-over plan",
        ],
    );
    ok(
        &db,
        &[
            "action",
            "add",
            "--person",
            "Priya Raman",
            "--due",
            "fri",
            "Intro to finance",
        ],
    );
    ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "--date",
            "2026-11-17",
            "Migration on track.",
        ],
    );

    let md = ok(&db, &["prep", "Priya Raman"]);
    assert!(md.starts_with("# 1:1 with Priya Raman"), "{md}");
    assert!(
        md.contains("**Next 1:1:** Tuesday 24 November 10:00 (30 min)"),
        "{md}"
    );
    assert!(md.contains("- [ ] Q1 planning doc"), "{md}");
    assert!(
        md.contains("- [ ] Share the cut-over plan — **overdue** since Fri 20 Nov"),
        "{md}"
    );
    assert!(
        md.contains("- [ ] Intro to finance — due Fri 27 Nov"),
        "{md}"
    );
    assert!(
        md.contains("### Tue 17 Nov 2026\n\nMigration on track."),
        "{md}"
    );
    assert!(md.contains("How are you doing, really?"), "{md}");

    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["prep", "1", "--format", "json"])).unwrap();
    assert_eq!(json["person"]["name"], "Priya Raman");
    assert_eq!(json["topics"][0]["body"], "Q1 planning doc");
    assert_eq!(json["theirs"][0]["body"], "Share the cut-over plan");
    assert_eq!(json["mine"][0]["due"], "2026-11-27");
    assert_eq!(json["last_notes"][0]["date"], "2026-11-17");
    assert_eq!(json["next"], "2026-11-24T10:00:00");

    let agenda: serde_json::Value =
        serde_json::from_str(&ok(&db, &["agenda", "--format", "json"])).unwrap();
    let due: Vec<&str> = agenda
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "action_due")
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        due,
        vec!["Intro to finance"],
        "actions due this week are on the agenda"
    );
}

#[test]
fn text_dash_reads_standard_input() {
    let (_dir, db) = setup();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--ignore-config",
            "note",
            "add",
            "Priya Raman",
            "-",
        ])
        .env("BEARING_NOW", "2026-11-23T09:00")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Line one\nLine two\n")
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["prep", "1", "--format", "json"])).unwrap();
    assert_eq!(json["last_notes"][0]["body"], "Line one\nLine two");
    assert_eq!(json["last_notes"][0]["date"], "2026-11-23");
}

#[test]
fn unknown_and_ambiguous_people_list_candidates_and_save_nothing() {
    let (_dir, db) = setup();
    fails(
        &db,
        &["topic", "add", "priya", "x"],
        "Priya Raman (id 1), Priya Shah (id 2)",
    );
    fails(
        &db,
        &["topic", "add", "nobody", "x"],
        "known people: Priya Raman, Priya Shah",
    );
    fails(&db, &["note", "add", "99", "x"], "no person with id 99");
    fails(&db, &["action", "add", "--due", "someday", "x"], "--due");
    fails(
        &db,
        &["action", "add", "--due", "fri", "--owner", "boss", "x"],
        "--owner",
    );
    // Owed by "them" with nobody named: it was said to be "yours" and stored as theirs.
    fails(
        &db,
        &["action", "add", "--due", "fri", "--owner", "them", "x"],
        "needs the person who owes it",
    );
    assert!(json_array(&db, &["action", "list", "--format", "json"]).is_empty());
    fails(&db, &["topic", "add", "1", "   "], "the topic is empty");
    fails(&db, &["prep", "zed"], "no person matches");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["prep", "1", "--format", "json"])).unwrap();
    assert!(json["topics"].as_array().unwrap().is_empty());
}

#[test]
fn note_text_never_appears_in_errors() {
    let (_dir, db) = setup();
    let secret = "CONFIDENTIAL-performance-concern-about-bob";
    // Unknown person, ambiguous person, bad date: each must fail without echoing the note.
    for args in [
        vec!["note", "add", "nobody", secret],
        vec!["note", "add", "priya", secret],
        vec!["note", "add", "1", "--date", "2026-02-30", secret],
    ] {
        let out = bearing(&db, &args);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(!err.contains(secret), "error echoed the note: {err}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains(secret));
    }
    let long = "x".repeat(20_001);
    let out = bearing(&db, &["note", "add", "1", &long]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains("xxxxxxxxxx"));
}

#[test]
fn search_finds_notes_topics_and_people() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "note",
            "add",
            "1",
            "The on-call rotation is burning people out.",
        ],
    );
    ok(&db, &["topic", "add", "2", "On-call handover"]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["search", "on-call", "--format", "json"])).unwrap();
    let kinds: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["kind"].as_str().unwrap(), h["person"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("note", "Priya Raman")), "{kinds:?}");
    assert!(kinds.contains(&("topic", "Priya Shah")), "{kinds:?}");
    let text = ok(&db, &["search", "burn"]);
    assert!(text.contains("«burning»"), "prefix match: {text}");
    assert!(
        ok(&db, &["search", "\"unbalanced AND ("]).contains("Nothing matches"),
        "hostile query is safe"
    );
}

#[test]
fn search_forgives_typos_in_names_and_groups_results_by_kind() {
    let (_dir, db) = setup();
    ok(&db, &["topic", "add", "1", "Raman's promotion case"]);
    ok(
        &db,
        &[
            "risk",
            "add",
            "--title",
            "If Priya leaves, then payments stall",
            "--likelihood",
            "2",
            "--impact",
            "4",
        ],
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["search", "prya", "--format", "json"])).unwrap();
    let found: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["kind"].as_str().unwrap(), h["title"].as_str().unwrap()))
        .collect();
    assert_eq!(found.first(), Some(&("person", "Priya Raman")), "{found:?}");
    assert!(
        found.contains(&("risk", "If Priya leaves, then payments stall")),
        "{found:?}"
    );
    // Grouped: people, rituals, goals, risks, topics, actions, notes.
    let order = [
        "person", "ritual", "goal", "risk", "topic", "action", "note",
    ];
    let ranks: Vec<usize> = found
        .iter()
        .map(|(k, _)| order.iter().position(|o| o == k).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{found:?}");
    // Whole words still come from the full-text index, with the person they belong to.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["search", "raman promo", "--format", "json"])).unwrap();
    assert_eq!(json[0]["kind"], "topic", "{json}");
    // Letters scattered over a long title are not a typo.
    assert!(ok(&db, &["search", "ipl"]).contains("Nothing matches"));
}

#[test]
fn search_finds_meeting_notes_and_private_context_and_exports_keep_context_private() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Staff",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-02T10:00",
            "--duration",
            "30",
        ],
    );
    ok(
        &db,
        &[
            "ritual",
            "notes",
            "Staff",
            "2026-11-16",
            "--notes",
            "Budget is frozen",
            "--decisions",
            "Pause the hiring loop",
        ],
    );
    ok(
        &db,
        &[
            "person",
            "context",
            "Priya Raman",
            "--kind",
            "career",
            "--date",
            "2026-11-12",
            "Wants a staff-level scope next half",
        ],
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["search", "frozen", "--format", "json"])).unwrap();
    assert_eq!(json[0]["kind"], "meeting", "{json}");
    assert_eq!(json[0]["title"], "Staff, Mon 16 Nov");
    assert_eq!(json[0]["date"], "2026-11-16");
    let text = ok(&db, &["search", "hiring loop"]);
    assert!(
        text.contains("meeting") && text.contains("Staff, Mon 16 Nov"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["search", "scope", "--format", "json"])).unwrap();
    let context: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["kind"] == "context")
        .collect();
    assert_eq!(context.len(), 1, "{json}");
    assert_eq!(context[0]["title"], "Priya Raman — career, 12 Nov");
    assert_eq!(context[0]["person"], "Priya Raman");
    // Search shows the owner their own private context; the documents made to be shared do not.
    let md = ok(&db, &["export", "--format", "md"]);
    assert!(!md.contains("staff-level scope"), "{md}");
    let report = ok(&db, &["report", "week", "--from", "2026-11-09"]);
    assert!(!report.contains("staff-level scope"), "{report}");
}

/// A new 1:1 hour leaves the 1:1 held today as it was, and starts on the next one: it moved a
/// 1:1 written up before its hour to the new hour, or made a second 1:1 the same afternoon
/// (adversarial pass).
#[test]
fn a_new_hour_keeps_the_one_on_one_held_today_and_starts_next_time() {
    for now in ["2026-11-24T09:00", "2026-11-24T12:00"] {
        let (_dir, db) = setup();
        ok(
            &db,
            &["--now", now, "person", "record", "priya raman", "Went well"],
        );
        ok(
            &db,
            &[
                "--now",
                now,
                "person",
                "edit",
                "priya raman",
                "--at",
                "15:00",
            ],
        );
        let meetings = one_on_ones(&db, now, "8");
        assert_eq!(
            meetings,
            [
                ("2026-11-24".into(), "10:00".into(), "held".into()),
                ("2026-12-01".into(), "15:00".into(), "scheduled".into()),
            ],
            "{now}"
        );
        let shown = ok(&db, &["--now", now, "person", "show", "priya raman"]);
        assert!(!shown.contains("more series"), "{now}: {shown}");
    }
}

/// A note dated ahead (a slip of the year) is saved as asked, with a warning that it heads the
/// person's notes until then (adversarial pass).
#[test]
fn a_note_dated_ahead_is_saved_with_a_warning() {
    let (_dir, db) = setup();
    let out = bearing(
        &db,
        &["note", "add", "priya raman", "x", "--date", "2027-11-23"],
    );
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("warning: the note is dated 365 days from now"),
        "{}",
        stderr(&out)
    );
    let today = bearing(&db, &["note", "add", "priya raman", "y"]);
    assert!(!stderr(&today).contains("warning"), "{}", stderr(&today));
}

/// A series ended with `ritual end`, given a later hour: its last day kept its meeting (the
/// UNTIL was at the old hour and left it out) (regression pass).
#[test]
fn a_later_hour_keeps_the_last_day_of_an_ended_one_on_one_series() {
    let (_dir, db) = setup();
    let now = "2026-11-24T09:00";
    ok(
        &db,
        &["--now", now, "ritual", "end", "1", "--on", "2026-12-08"],
    );
    ok(
        &db,
        &[
            "--now",
            now,
            "ritual",
            "edit",
            "1",
            "--start",
            "2026-11-24T18:00",
        ],
    );
    let days: Vec<String> = one_on_ones(&db, now, "21")
        .into_iter()
        .map(|(day, _, _)| day)
        .collect();
    assert_eq!(days, ["2026-11-24", "2026-12-01", "2026-12-08"]);
}

/// The 1:1s on the agenda from Tuesday 24 Nov for `days` days, as of `now`: (date, start,
/// status).
fn one_on_ones(db: &std::path::Path, now: &str, days: &str) -> Vec<(String, String, String)> {
    one_on_ones_from(db, now, "2026-11-24", days)
}

/// The 1:1s on the agenda from `from` for `days` days, as of `now`: (date, start, status).
fn one_on_ones_from(
    db: &std::path::Path,
    now: &str,
    from: &str,
    days: &str,
) -> Vec<(String, String, String)> {
    let items = json_array(
        db,
        &[
            "--now", now, "agenda", "--from", from, "--days", days, "--format", "json",
        ],
    );
    items
        .iter()
        .filter(|i| i["kind"] == "one_on_one")
        .map(|i| {
            let text = |k: &str| i[k].as_str().unwrap_or_default().to_string();
            (text("date"), text("start"), text("status"))
        })
        .collect()
}

/// A new hour for a 1:1 series that has not met yet, though its DTSTART is past (a Thursday
/// 1:1 added on a Tuesday starts on the Tuesday): the series is replaced, keeping the end
/// `ritual end` gave it, and the 1:1s meet once a week at the new hour. The old series stayed
/// beside the new one (its end found no meeting before the change to end on): two 1:1s every
/// Thursday. One that has met ends before the change, keeping its history.
#[test]
fn a_new_hour_before_the_first_one_on_one_replaces_the_series_and_keeps_its_end() {
    let wednesday = "2026-12-02T09:00";
    // (added on, ended with `ritual end`, series listed after the edit)
    for (added, ended, series) in [
        ("2026-12-01T09:00", true, 1),
        ("2026-12-01T09:00", false, 1),
        ("2026-11-02T09:00", true, 2),
    ] {
        let case = format!("added {added}, ended: {ended}");
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.db");
        let add = [
            "person",
            "add",
            "--name",
            "Rosa",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=TH",
            "--at",
            "10:00",
        ];
        ok(&db, &[&["--now", added][..], &add].concat());
        if ended {
            ok(
                &db,
                &["--now", added, "ritual", "end", "1", "--on", "2026-12-24"],
            );
        }
        ok(
            &db,
            &[
                "--now", wednesday, "person", "edit", "rosa", "--at", "15:00",
            ],
        );
        let meetings = one_on_ones_from(&db, wednesday, "2026-11-30", "35");
        let thursdays = if ended { 4 } else { 5 };
        let expected: Vec<_> = [
            "2026-12-03",
            "2026-12-10",
            "2026-12-17",
            "2026-12-24",
            "2026-12-31",
        ]
        .into_iter()
        .take(thursdays)
        .map(|day| {
            (
                day.to_string(),
                "15:00".to_string(),
                "scheduled".to_string(),
            )
        })
        .collect();
        assert_eq!(meetings, expected, "{case}");
        let listed = json_array(
            &db,
            &["--now", wednesday, "ritual", "list", "--format", "json"],
        );
        assert_eq!(listed.len(), series, "{case}: {listed:?}");
        let shown = ok(&db, &["--now", wednesday, "person", "show", "rosa"]);
        assert!(!shown.contains("more series"), "{case}: {shown}");
    }
}
