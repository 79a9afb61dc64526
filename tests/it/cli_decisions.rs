//! Issue 20: the decision log on the command line — every verb, JSON, ADR files read back, and
//! bad input refused with exit code 2 and the database unchanged.

use crate::cli_objects::{refused, setup};
use crate::support::{json_array, ok};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;

fn add_two(db: &std::path::Path) {
    ok(
        db,
        &[
            "decision",
            "add",
            "--title",
            "Deploy on Fridays",
            "--decided-by",
            "Priya",
            "--context",
            "Weekend support is staffed",
            "--ritual",
            "Staff meeting",
            "--on",
            "2026-11-16",
        ],
    );
    ok(
        db,
        &[
            "decision",
            "add",
            "--title",
            "No Friday deploys",
            "--supersedes",
            "1",
            "--status",
            "proposed",
            "--date",
            "2026-11-01",
            "--consulted",
            "Marcus",
        ],
    );
}

#[test]
fn decisions_are_added_listed_shown_edited_and_deleted() {
    let (_dir, db) = setup();
    add_two(&db);
    let all = json_array(&db, &["decision", "list", "--format", "json"]);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["title"], "Deploy on Fridays", "newest first");
    assert_eq!(all[0]["date"], "2026-11-16", "the meeting's day");
    assert_eq!(all[0]["status"], "superseded");
    assert_eq!(all[0]["meeting"]["ritual"], "Staff meeting");
    assert_eq!(all[1]["chain"], serde_json::json!([1, 2]));
    assert_eq!(all[1]["pending"], Value::Bool(true));

    let text = ok(&db, &["decision", "list"]);
    assert!(text.contains("proposed (pending)"), "{text}");
    let proposed = json_array(
        &db,
        &[
            "decision", "list", "--status", "proposed", "--format", "json",
        ],
    );
    assert_eq!(proposed.len(), 1);
    let by_text = json_array(
        &db,
        &["decision", "list", "--text", "weekend", "--format", "json"],
    );
    assert_eq!(by_text[0]["id"], 1);
    let by_person = json_array(
        &db,
        &["decision", "list", "--person", "Marcus", "--format", "json"],
    );
    assert_eq!(by_person[0]["id"], 2);

    let shown = ok(&db, &["decision", "show", "friday deploys"]);
    assert!(
        shown.starts_with("decision 2  No Friday deploys\n"),
        "{shown}"
    );
    let md = ok(&db, &["decision", "show", "1", "--format", "md"]);
    assert!(md.contains("## Context"), "{md}");

    assert!(ok(&db, &["decision", "status", "2", "accepted"]).contains("accepted now"));
    assert!(
        ok(
            &db,
            &[
                "decision",
                "edit",
                "2",
                "--consequences",
                "Quieter weekends"
            ]
        )
        .contains("Updated decision 2")
    );
    assert!(
        ok(
            &db,
            &[
                "decision",
                "edit",
                "2",
                "--consequences",
                "Quieter weekends"
            ]
        )
        .contains("nothing changed")
    );
    let d: Value =
        serde_json::from_str(&ok(&db, &["decision", "show", "2", "--format", "json"])).unwrap();
    assert_eq!(d["consequences"], "Quieter weekends");

    let out = ok(&db, &["decision", "delete", "2", "--yes"]);
    assert!(
        out.contains("unlinks 1 decision (they stay)") || out.contains("unlinked 1 decision"),
        "{out}"
    );
    let d: Value =
        serde_json::from_str(&ok(&db, &["decision", "show", "1", "--format", "json"])).unwrap();
    assert_eq!(d["status"], "accepted", "it stands again");
}

#[test]
fn bad_input_is_refused_with_exit_2_and_nothing_changes() {
    let (_dir, db) = setup();
    add_two(&db);
    refused(
        &db,
        &["decision", "add", "--title", "  "],
        "--title: a title is required",
    );
    refused(
        &db,
        &["decision", "add", "--title", "T", "--status", "done"],
        "--status: unknown status \"done\"",
    );
    refused(
        &db,
        &["decision", "add", "--title", "T", "--decided-by", "Nobody"],
        "--decided-by: no person matches \"Nobody\"",
    );
    refused(
        &db,
        &["decision", "add", "--title", "T", "--supersedes", "1"],
        "already superseded by decision 2",
    );
    refused(
        &db,
        &["decision", "add", "--title", "T", "--supersedes", "9"],
        "--supersedes: no decision with id 9",
    );
    refused(
        &db,
        &[
            "decision",
            "add",
            "--title",
            "T",
            "--ritual",
            "Staff meeting",
            "--on",
            "2026-11-17",
        ],
        "--on: \"Staff meeting\" does not meet on Tue 2026-11-17",
    );
    refused(
        &db,
        &["decision", "add", "--title", "T", "--date", "someday"],
        "--date:",
    );
    refused(
        &db,
        &["decision", "status", "2", "deprecated"],
        "STATUS: a proposed decision cannot become deprecated",
    );
    refused(
        &db,
        &["decision", "status", "2", "superseded"],
        "--supersedes",
    );
    refused(&db, &["decision", "edit", "2"], "nothing to change");
    refused(&db, &["decision", "show", "42"], "no decision with id 42");
    refused(&db, &["decision", "delete", "2"], "was not deleted");
    refused(&db, &["decision", "list", "--status", "maybe"], "--status:");
}

#[test]
fn the_adr_export_reads_back_and_never_replaces_a_file_it_did_not_write() {
    let (dir, db) = setup();
    add_two(&db);
    let out = dir.path().join("docs").join("adr");
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    let said = ok(
        &db,
        &[
            "decision",
            "export",
            "--format",
            "adr",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(said.contains("Wrote 2 decision file(s)"), "{said}");
    let first = std::fs::read_to_string(out.join("0001-deploy-on-fridays.md")).unwrap();
    assert!(first.contains("# 1. Deploy on Fridays"), "{first}");
    assert!(first.contains("- Deciders: Priya Raman"), "{first}");
    assert!(
        first.contains("- Meeting: Staff meeting, Mon 2026-11-16 10:00"),
        "{first}"
    );
    assert!(first.contains("- Superseded by: [0002 No Friday deploys](0002-no-friday-deploys.md)"));
    let meta = std::fs::metadata(out.join("0002-no-friday-deploys.md")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);

    // Edited in Bearing: the file is updated in place.
    ok(
        &db,
        &[
            "decision",
            "edit",
            "1",
            "--consequences",
            "On-call is paged",
        ],
    );
    let said = ok(&db, &["decision", "export", "-o", out.to_str().unwrap()]);
    assert!(said.contains("Wrote 1 decision file(s)"), "{said}");
    assert!(
        std::fs::read_to_string(out.join("0001-deploy-on-fridays.md"))
            .unwrap()
            .contains("## Consequences\n\nOn-call is paged")
    );

    // A person's own file at a target name stops the export; nothing is written.
    std::fs::remove_file(out.join("0002-no-friday-deploys.md")).unwrap();
    std::fs::write(out.join("0002-no-friday-deploys.md"), "mine\n").unwrap();
    ok(
        &db,
        &["decision", "edit", "1", "--consequences", "Changed again"],
    );
    crate::support::fails(
        &db,
        &["decision", "export", "-o", out.to_str().unwrap()],
        "Bearing did not write it",
    );
    assert_eq!(
        std::fs::read_to_string(out.join("0002-no-friday-deploys.md")).unwrap(),
        "mine\n"
    );
    assert!(
        !std::fs::read_to_string(out.join("0001-deploy-on-fridays.md"))
            .unwrap()
            .contains("Changed again")
    );
    ok(
        &db,
        &["decision", "export", "-o", out.to_str().unwrap(), "--force"],
    );
    assert!(
        std::fs::read_to_string(out.join("0002-no-friday-deploys.md"))
            .unwrap()
            .starts_with("<!-- bearing:decision 2 ")
    );
}

#[test]
fn decisions_survive_the_json_round_trip_and_undo_sees_them() {
    let (dir, db) = setup();
    add_two(&db);
    let exported = ok(&db, &["export", "--format", "json"]);
    let file = dir.path().join("e.json");
    std::fs::write(&file, &exported).unwrap();
    let copy = dir.path().join("copy.db");
    ok(&copy, &["import", file.to_str().unwrap()]);
    assert_eq!(ok(&copy, &["export", "--format", "json"]), exported);
    let history = ok(&db, &["history", "--limit", "3"]);
    assert!(history.contains("decision"), "{history}");
    // The first was placed at the staff meeting, whose record was made for it: the entry is
    // still the decision's (it said "insert occurrence").
    assert!(history.contains("insert decision 1"), "{history}");
    assert!(!history.contains("occurrence"), "{history}");
    // Deleting a decision that superseded another releases that one first: the entry is still
    // named for the decision deleted (it said "update decision 1").
    let named = dir.path().join("named.db");
    ok(&named, &["decision", "add", "--title", "A"]);
    ok(
        &named,
        &["decision", "add", "--title", "B", "--supersedes", "1"],
    );
    ok(&named, &["decision", "delete", "2", "--yes"]);
    let history = ok(&named, &["history", "--limit", "1"]);
    assert!(history.contains("delete decision 2"), "{history}");
    // None at all is a mistake, not "No changes recorded yet".
    crate::support::fails(&db, &["history", "--limit", "0"], "--limit");
}

#[test]
fn decisions_link_to_goals_and_risks() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "decision",
            "add",
            "--title",
            "Quarantine flaky tests",
            "--goal",
            "Meet the leaders",
            "--risk",
            "1",
        ],
    );
    let d: Value =
        serde_json::from_str(&ok(&db, &["decision", "show", "1", "--format", "json"])).unwrap();
    let kinds: Vec<&str> = d["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 2, "{d}");
    assert!(kinds.contains(&"goal") && kinds.contains(&"risk"), "{d}");
    assert!(ok(&db, &["decision", "show", "1"]).contains("risk 1 \"If CI stays flaky"));
    refused(
        &db,
        &["decision", "edit", "1", "--risk", "Nope"],
        "--risk: no risk matches \"Nope\"",
    );
    ok(&db, &["decision", "edit", "1", "--risk", "1"]);
    let d: Value =
        serde_json::from_str(&ok(&db, &["decision", "show", "1", "--format", "json"])).unwrap();
    assert_eq!(
        d["links"].as_array().unwrap().len(),
        1,
        "the flags replace the links"
    );
    ok(&db, &["risk", "delete", "1", "--yes"]);
    let d: Value =
        serde_json::from_str(&ok(&db, &["decision", "show", "1", "--format", "json"])).unwrap();
    assert_eq!(
        d["links"],
        serde_json::json!([]),
        "the risk's links went with it"
    );
    assert_eq!(d["title"], "Quarantine flaky tests", "the decision stays");
}

#[test]
fn a_meetings_lines_become_decisions_and_actions_once() {
    let (_dir, db) = setup();
    let said = ok(
        &db,
        &[
            "ritual",
            "notes",
            "Staff meeting",
            "2026-11-16",
            "--notes",
            "Budget talk.\n@Priya: send the runbook due fri\ndecided: Freeze hiring until Q2",
        ],
    );
    assert!(said.contains("recorded 1 decision and 1 action"), "{said}");
    let d = json_array(&db, &["decision", "list", "--format", "json"]);
    assert_eq!(d[0]["title"], "Freeze hiring until Q2");
    assert_eq!(d[0]["meeting"]["ritual"], "Staff meeting");
    assert_eq!(d[0]["date"], "2026-11-16");
    let a = json_array(
        &db,
        &["action", "list", "--person", "Priya", "--format", "json"],
    );
    assert!(
        a.iter()
            .any(|a| a["body"] == "send the runbook" && a["due"] == "2026-11-20"),
        "{a:?}"
    );
    // Saving again records nothing twice: the lines are marked.
    let said = ok(
        &db,
        &[
            "ritual",
            "notes",
            "Staff meeting",
            "2026-11-16",
            "--decisions",
            "none",
        ],
    );
    assert!(!said.contains("recorded"), "{said}");
    assert_eq!(
        json_array(&db, &["decision", "list", "--format", "json"]).len(),
        1
    );
    // The same text sent again without its marks (a script, or pasted again) records nothing
    // twice either: each line is the decision or action the meeting already holds.
    let again = "Budget talk.\n@Priya: send the runbook due fri\ndecided: Freeze hiring until Q2\n\
                 me: write the memo";
    let said = ok(
        &db,
        &[
            "ritual",
            "notes",
            "Staff meeting",
            "2026-11-16",
            "--notes",
            again,
        ],
    );
    assert!(
        said.contains("recorded 1 action"),
        "only the new line: {said}"
    );
    assert_eq!(
        json_array(&db, &["decision", "list", "--format", "json"]).len(),
        1
    );
    let runbooks = json_array(&db, &["action", "list", "--format", "json"])
        .iter()
        .filter(|a| a["body"] == "send the runbook")
        .count();
    assert_eq!(runbooks, 1);
    // Sent once more with another due date: the action takes it (it kept the old one).
    let later = again.replace("due fri", "due mon");
    ok(
        &db,
        &[
            "ritual",
            "notes",
            "Staff meeting",
            "2026-11-16",
            "--notes",
            &later,
        ],
    );
    let dues: Vec<Value> = json_array(&db, &["action", "list", "--format", "json"])
        .iter()
        .filter(|a| a["body"] == "send the runbook")
        .map(|a| a["due"].clone())
        .collect();
    assert_eq!(
        dues,
        [Value::from("2026-11-16")],
        "mon, from the meeting on Monday 16 Nov"
    );
    // An unknown person: refused, naming the candidates; nothing saved.
    refused(
        &db,
        &[
            "ritual",
            "notes",
            "Staff meeting",
            "2026-11-16",
            "--notes",
            "decided: Something\n@Zed: call the vendor",
        ],
        "line 2: no person is called \"Zed\": did you mean Marcus Oyelaran or Priya Raman?",
    );
}

#[test]
fn the_weekly_report_has_decisions_made_and_pending_and_new_risks() {
    let (_dir, db) = setup();
    add_two(&db);
    let md = ok(&db, &["report", "week", "--from", "2026-11-16"]);
    assert!(md.contains("## Decisions"), "{md}");
    assert!(
        md.contains(
            "- Decision 1: Deploy on Fridays (superseded) — in Staff meeting, Mon 16 Nov\n\n\
             **Pending (1):**"
        ),
        "{md}"
    );
    assert!(
        md.contains("**Pending (1):**\n\n- Decision 2: No Friday deploys — Sun 1 Nov"),
        "{md}"
    );
    let md = ok(&db, &["report", "week"]);
    assert!(
        md.contains("- **New:** If CI stays flaky, then releases slip"),
        "{md}"
    );
    let json: Value = serde_json::from_str(&ok(
        &db,
        &["report", "week", "--from", "2026-11-16", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["decisions_made"][0]["title"], "Deploy on Fridays");
}

#[test]
fn the_markdown_export_has_a_decisions_section() {
    let (_dir, db) = setup();
    add_two(&db);
    let md = ok(&db, &["export", "--format", "md"]);
    assert!(md.contains("## Decisions\n"), "{md}");
    assert!(md.contains("### 2. No Friday deploys"), "{md}");
    assert!(
        md.contains("**Context:** Weekend support is staffed"),
        "{md}"
    );
    let only = ok(&db, &["export", "--format", "md", "--section", "decisions"]);
    assert!(only.contains("### 1. Deploy on Fridays"), "{only}");
    assert!(!only.contains("## Risks"), "{only}");
}

#[test]
fn search_finds_decisions_by_any_field() {
    let (_dir, db) = setup();
    add_two(&db);
    let found = ok(&db, &["search", "weekend"]);
    assert!(found.contains("decision  1"), "{found}");
    assert!(found.contains("«Weekend» support is staffed"), "{found}");
    let json = json_array(&db, &["search", "friday", "--format", "json"]);
    assert!(
        json.iter().filter(|h| h["kind"] == "decision").count() == 2,
        "{json:?}"
    );
}

#[test]
fn action_list_takes_open_and_refuses_it_with_done() {
    let (_dir, db) = setup();
    let open = json_array(&db, &["action", "list", "--open", "--format", "json"]);
    assert_eq!(open.len(), 1);
    let out = crate::support::bearing(&db, &["action", "list", "--open", "--done"]);
    assert_eq!(out.status.code(), Some(2));
}

fn decision_ids(db: &std::path::Path) -> Vec<i64> {
    let mut ids: Vec<i64> = json_array(db, &["decision", "list", "--format", "json"])
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_deleted_decisions_number_is_never_given_to_another() {
    let (dir, db) = setup();
    add_two(&db);
    ok(&db, &["decision", "delete", "2", "--yes"]);
    ok(&db, &["decision", "add", "--title", "Brand new thing"]);
    assert_eq!(decision_ids(&db), [1, 3], "number 2 stays retired");

    let file = dir.path().join("e.json");
    std::fs::write(&file, ok(&db, &["export", "--format", "json"])).unwrap();
    let copy = dir.path().join("copy.db");
    ok(&copy, &["import", file.to_str().unwrap()]);
    assert_eq!(decision_ids(&copy), [1, 3], "an import keeps the numbers");
    ok(&copy, &["decision", "add", "--title", "After import"]);
    assert_eq!(decision_ids(&copy), [1, 3, 4]);
}

#[test]
fn deleting_a_person_names_the_decisions_their_one_on_ones_made() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "decision",
            "add",
            "--title",
            "Split the on-call rota",
            "--ritual",
            "1:1 Priya Raman",
            "--on",
            "2026-11-24",
        ],
    );
    let asked = crate::support::bearing(&db, &["person", "delete", "Priya"]);
    let asked = String::from_utf8_lossy(&asked.stderr).into_owned()
        + &String::from_utf8_lossy(&asked.stdout);
    assert!(asked.contains("unlinks 1 decision (they stay)"), "{asked}");
    let out = ok(&db, &["person", "delete", "Priya", "--yes"]);
    assert!(out.contains("unlinked 1 decision (they stay)"), "{out}");
    let left = json_array(&db, &["decision", "list", "--format", "json"]);
    assert_eq!(left.len(), 1, "the decision stays");
    assert!(left[0]["meeting"].is_null(), "{}", left[0]);
}
