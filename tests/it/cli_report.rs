//! `bearing report week` and `bearing export --format md`: the weekly digest's JSON and Markdown,
//! the Markdown document and its sections, and bad input.

use crate::support;

use std::path::{Path, PathBuf};
use support::{bearing, fails, ok, stderr, stdout};

/// Friday evening of the week of FIXED_NOW (Mon 2026-11-23).
const FRIDAY: &str = "2026-11-27T18:00";

fn at(db: &Path, now: &str, args: &[&str]) -> String {
    let mut all = vec!["--now", now];
    all.extend_from_slice(args);
    ok(db, &all)
}

/// A week with a held, a skipped and a missed meeting, a risk raised and one reviewed without a
/// change, a goal checked in twice, and an action opened.
fn week() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    for (name, day, time) in [("Priya Raman", "TU", "10:00"), ("Sam Ortiz", "WE", "11:00")] {
        let rule = format!("FREQ=WEEKLY;BYDAY={day}");
        ok(
            &db,
            &[
                "person",
                "add",
                "--name",
                name,
                "--cadence",
                &rule,
                "--at",
                time,
            ],
        );
    }
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Staff meeting",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-23T10:00",
            "--duration",
            "60",
        ],
    );
    ok(&db, &["ritual", "held", "1", "2026-11-24"]);
    ok(&db, &["ritual", "skip", "3", "2026-11-23"]);
    let before = "2026-11-16T09:00";
    for title in [
        "If the vendor | slips, then launch moves",
        "If CI stays flaky",
    ] {
        at(
            &db,
            before,
            &[
                "risk",
                "add",
                "--title",
                title,
                "--likelihood",
                "3",
                "--impact",
                "3",
                "--owner",
                "Marcus",
            ],
        );
    }
    ok(
        &db,
        &[
            "risk",
            "update",
            "1",
            "--likelihood",
            "4",
            "--note",
            "Vendor missed a date",
        ],
    );
    ok(&db, &["risk", "update", "2", "--note", "No change"]);
    at(&db, "2026-11-02T09:00", &["plan", "start", "2026-11-02"]);
    at(
        &db,
        before,
        &[
            "goal",
            "add",
            "--phase",
            "30",
            "--title",
            "Baseline the dashboard",
        ],
    );
    at(&db, before, &["goal", "checkin", "1", "--progress", "20"]);
    ok(
        &db,
        &[
            "goal",
            "checkin",
            "1",
            "--progress",
            "50",
            "--confidence",
            "at_risk",
            "--note",
            "Data late",
        ],
    );
    ok(
        &db,
        &[
            "action",
            "add",
            "--person",
            "Sam",
            "--due",
            "fri",
            "--owner",
            "them",
            "Send the plan",
        ],
    );
    (dir, db)
}

#[test]
fn the_json_report_has_every_part_of_the_week() {
    let (_dir, db) = week();
    let out = at(&db, FRIDAY, &["report", "week", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["from"], "2026-11-23");
    assert_eq!(r["to"], "2026-11-29");
    let outcomes = |key: &str| -> Vec<(String, String)> {
        r[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let who = m["person"].as_str().or(m["title"].as_str()).unwrap();
                (who.to_string(), m["outcome"].as_str().unwrap().to_string())
            })
            .collect()
    };
    assert_eq!(
        outcomes("one_on_ones"),
        [
            ("Priya Raman".into(), "held".into()),
            ("Sam Ortiz".into(), "missed".into())
        ]
    );
    assert_eq!(
        outcomes("rituals"),
        [("Staff meeting".into(), "skipped".into())]
    );
    let risks = r["risks_changed"].as_array().unwrap();
    assert_eq!(
        risks.len(),
        1,
        "the review without a change is left out: {risks:?}"
    );
    assert_eq!(risks[0]["before"]["score"], 9);
    assert_eq!(risks[0]["after"]["score"], 12);
    assert_eq!(risks[0]["after"]["band"], "high");
    let goals = r["goals"].as_array().unwrap();
    assert_eq!(goals[0]["progress_before"], 20);
    assert_eq!(goals[0]["progress"], 50);
    assert_eq!(goals[0]["delta"], 30);
    assert_eq!(goals[0]["confidence"], "at_risk");
    assert_eq!(r["actions_opened"][0]["body"], "Send the plan");
    assert_eq!(r["actions_closed"].as_array().unwrap().len(), 0);
}

#[test]
fn the_markdown_report_reads_as_a_status_update() {
    let (_dir, db) = week();
    let md = at(&db, FRIDAY, &["report", "week"]);
    assert!(
        md.starts_with("# Week of Mon 23 Nov – Sun 29 Nov 2026\n"),
        "{md}"
    );
    for want in [
        "## 1:1s",
        "- **Held:** Priya Raman (Tue 10:00)",
        "- **Missed:** Sam Ortiz (Wed 11:00)",
        "- **Skipped:** Staff meeting (Mon 10:00)",
        "9 (medium) → 12 (high) — Vendor missed a date",
        "20% → 50% (+30), on track → at risk — Data late",
        "- Send the plan — Sam Ortiz owes it, due Fri 27 Nov",
    ] {
        assert!(md.contains(want), "missing {want:?} in:\n{md}");
    }
    assert!(
        !md.contains("If CI stays flaky"),
        "no change, no line:\n{md}"
    );
    // A week with nothing in it says so in a word per part.
    let empty = at(&db, FRIDAY, &["report", "week", "--from", "2026-10-07"]);
    assert!(empty.contains("No risks changed score."), "{empty}");
    assert!(empty.contains("No 1:1s this week."), "{empty}");
    assert!(empty.contains("No goal check-ins."), "{empty}");
}

#[test]
fn report_week_takes_any_day_of_the_week_and_refuses_bad_dates() {
    let (_dir, db) = week();
    let last = at(
        &db,
        FRIDAY,
        &["report", "week", "--from", "-1w", "--format", "json"],
    );
    let r: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(r["from"], "2026-11-16");
    fails(&db, &["report", "week", "--from", "someday"], "--from");
    fails(&db, &["report", "week", "--from", "2026-02-30"], "--from");
}

#[test]
fn export_md_sections_hold_only_their_part() {
    let (_dir, db) = week();
    ok(&db, &["note", "add", "Sam", "Talked about the roadmap"]);
    let risks = ok(&db, &["export", "--format", "md", "--section", "risks"]);
    assert!(risks.contains("## Risk register"), "{risks}");
    assert!(
        risks.contains("| 1 | If the vendor \\| slips, then launch moves | 12 high | ↑ | Marcus |"),
        "pipes escaped in cells:\n{risks}"
    );
    assert!(
        !risks.contains("## People") && !risks.contains("Sam Ortiz"),
        "{risks}"
    );

    let all = ok(&db, &["export", "--format", "md"]);
    for want in [
        "## Plan",
        "**Baseline the dashboard** — doing, 50%, at risk",
        "## Rituals",
        "- **Staff meeting** — weekly on Monday at 10:00, 60 min",
        "### Sam Ortiz",
        "Talked about the roadmap",
        "- [ ] Send the plan — due Fri 27 Nov",
        "## Risk register",
        "## Agenda from Monday 23 November 2026",
    ] {
        assert!(all.contains(want), "missing {want:?} in:\n{all}");
    }
    let week = ok(&db, &["export", "--format", "md", "--section", "week"]);
    assert!(week.contains("### Monday 23 November"), "{week}");
    assert!(!week.contains("## Plan"), "{week}");
}

#[test]
fn export_section_needs_markdown_and_o_writes_a_private_file() {
    let (dir, db) = week();
    fails(
        &db,
        &["export", "--format", "ics", "--section", "risks"],
        "--section works only with --format md",
    );
    let out = bearing(&db, &["export", "--format", "md", "--section", "nope"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let file = dir.path().join("org.md");
    let out = bearing(
        &db,
        &["export", "--format", "md", "-o", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("## People")
    );
}

#[test]
fn report_week_pairs_each_check_in_note_with_its_own_value() {
    let (_dir, db) = week();
    // A second check-in later in the week, with a note of its own: the first note ("Data
    // late") was written at 50%, not at the last value.
    at(
        &db,
        "2026-11-26T17:00",
        &[
            "goal",
            "checkin",
            "1",
            "--progress",
            "65",
            "--note",
            "Data arrived",
        ],
    );
    let md = at(&db, FRIDAY, &["report", "week"]);
    assert!(
        md.contains("20% → 65% (+45), on track → at risk — Mon 23 Nov at 50%: Data late; Thu 26 Nov at 65%: Data arrived"),
        "{md}"
    );
    assert!(!md.contains("at risk — Data late"), "{md}");
    let json = at(&db, FRIDAY, &["report", "week", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    let checkins = r["goals"][0]["checkins"].as_array().unwrap();
    assert_eq!(checkins.len(), 2, "{json}");
    assert_eq!(checkins[0]["progress"], 50);
    assert_eq!(checkins[0]["note"], "Data late");
    assert_eq!(checkins[1]["progress"], 65);
}

#[test]
fn report_week_marks_the_actions_and_decisions_of_a_staff_meeting() {
    let (_dir, db) = week();
    at(
        &db,
        FRIDAY,
        &[
            "ritual",
            "notes",
            "Staff meeting",
            "2026-11-23",
            "--notes",
            "decided: Freeze hiring until Q2\n@Priya: send the runbook due fri",
        ],
    );
    let md = at(&db, FRIDAY, &["report", "week"]);
    for want in [
        "send the runbook — Priya Raman owes it (from Staff meeting, Mon 23 Nov), due Fri 27 Nov",
        "(1 opened and 0 closed from meetings)",
        "Freeze hiring until Q2",
    ] {
        assert!(md.contains(want), "missing {want:?} in:\n{md}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&at(&db, FRIDAY, &["report", "week", "--format", "json"])).unwrap();
    let from_meeting: Vec<&str> = json["actions_opened"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["meeting"].as_str())
        .collect();
    assert_eq!(from_meeting, ["Staff meeting, Mon 23 Nov"], "{json}");
}
