//! Issue 22: managers and their teams (reports to, loops refused, the org tree, skip-levels on
//! the radar), private health reads kept out of Markdown unless asked, and a risk's owner as a
//! person. Bad input exits 2 and leaves the database as it was (its JSON export identical).

use crate::support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{bearing, fails, ok, stdout};

/// Ada (EM, Payments) reports to me, Bo to Ada, Cy to Bo; Di is a peer with Ed below her.
fn org() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    for args in [
        &[
            "person", "add", "--name", "Ada", "--role", "EM", "--team", "Payments",
        ][..],
        &["person", "add", "--name", "Bo", "--reports-to", "Ada"],
        &["person", "add", "--name", "Cy", "--reports-to", "bo"],
        &["person", "add", "--name", "Di", "--relation", "peer"],
        &["person", "add", "--name", "Ed", "--reports-to", "4"],
    ] {
        ok(&db, args);
    }
    (dir, db)
}

fn export(db: &Path) -> String {
    ok(db, &["export", "--format", "json"])
}

fn person(db: &Path, name: &str) -> Value {
    serde_json::from_str(&ok(db, &["person", "show", name, "--format", "json"])).unwrap()
}

#[test]
fn a_manager_below_someone_is_refused_naming_the_loop_and_nothing_is_saved() {
    let (_dir, db) = org();
    let before = export(&db);
    fails(
        &db,
        &["person", "edit", "Ada", "--reports-to", "Cy"],
        "--reports-to: Ada cannot report to Cy: that makes a loop (Ada → Cy → Bo → Ada)",
    );
    fails(
        &db,
        &["person", "edit", "Ada", "--reports-to", "Ada"],
        "Ada cannot report to themselves",
    );
    fails(
        &db,
        &["person", "edit", "Ada", "--reports-to", "Zed"],
        "--reports-to: no person matches \"Zed\"",
    );
    fails(
        &db,
        &["person", "add", "--name", "Fay", "--reports-to", "99"],
        "--reports-to",
    );
    assert_eq!(export(&db), before);
    ok(&db, &["person", "edit", "Cy", "--reports-to", "me"]);
    assert_eq!(person(&db, "Cy")["reports_to"], Value::Null);
    assert_eq!(person(&db, "Bo")["manager"], "Ada");
}

#[test]
fn the_tree_shows_my_org_then_everyone_outside_it() {
    let (_dir, db) = org();
    let text = ok(&db, &["person", "list", "--tree"]);
    assert_eq!(
        text,
        "Me\n└─ Ada (1) — EM, Payments\n   └─ Bo (2)\n      └─ Cy (3)\n\n\
         Outside my org\n└─ Di (4)\n   └─ Ed (5)\n"
    );
    let json: Value =
        serde_json::from_str(&ok(&db, &["person", "list", "--tree", "--format", "json"])).unwrap();
    assert_eq!(json["me"][0]["reports"][0]["reports"][0]["name"], "Cy");
    assert_eq!(json["outside"][0]["reports"][0]["name"], "Ed");
    // Deleting a manager keeps their reports, who then report to that manager's manager (Cy
    // to Ada; they became my direct reports); the delete says so.
    let out = ok(&db, &["person", "delete", "Bo", "--yes"]);
    assert!(out.contains("moved 1 report up to their manager"), "{out}");
    assert_eq!(
        ok(&db, &["person", "list", "--tree"]),
        "Me\n└─ Ada (1) — EM, Payments\n   └─ Cy (3)\n\n\
         Outside my org\n└─ Di (4)\n   └─ Ed (5)\n"
    );
    // A manager who reported to me hands their reports to me.
    ok(&db, &["person", "delete", "Ada", "--yes"]);
    assert!(ok(&db, &["person", "list", "--tree"]).starts_with("Me\n└─ Cy (3)\n"));
}

#[test]
fn skip_levels_not_seen_for_a_quarter_are_on_the_radar() {
    let (_dir, db) = org();
    // Bo is my skip-level (Ada's report); Cy is three levels down, Ed outside my org.
    let radar = ok(&db, &["radar"]);
    assert!(
        radar.contains("! skip   Bo — skip-level via Ada, no 1:1 or note yet"),
        "{radar}"
    );
    assert!(
        !radar.contains("Cy —") && !radar.contains("Ed —"),
        "{radar}"
    );
    ok(&db, &["note", "add", "Bo", "Skip-level: roadmap worries"]);
    let radar = ok(&db, &["radar"]);
    assert!(!radar.contains("skip-level"), "{radar}");
}

#[test]
fn health_reads_are_history_kept_out_of_markdown_unless_asked() {
    let (_dir, db) = org();
    ok(
        &db,
        &[
            "person",
            "health",
            "Bo",
            "--morale",
            "2",
            "--flight-risk",
            "high",
            "--note",
            "interviewing elsewhere",
            "--date",
            "2026-11-20",
        ],
    );
    ok(
        &db,
        &[
            "person",
            "health",
            "Bo",
            "--morale",
            "3",
            "--flight-risk",
            "medium",
        ],
    );
    let before = export(&db);
    fails(
        &db,
        &[
            "person",
            "health",
            "Bo",
            "--morale",
            "6",
            "--flight-risk",
            "low",
        ],
        "--morale: morale is 1 (low) to 5 (high)",
    );
    fails(
        &db,
        &[
            "person",
            "health",
            "Bo",
            "--morale",
            "3",
            "--flight-risk",
            "huge",
        ],
        "--flight-risk: unknown flight risk \"huge\": use low, medium or high",
    );
    assert_eq!(export(&db), before);
    let reads: Value =
        serde_json::from_str(&ok(&db, &["person", "health", "Bo", "--format", "json"])).unwrap();
    assert_eq!(reads[0]["morale"], 3, "newest first");
    assert_eq!(reads[1]["flight_risk"], "high");
    let md = ok(&db, &["export", "--format", "md"]);
    assert!(
        !md.contains("interviewing elsewhere") && !md.contains("morale"),
        "{md}"
    );
    let md = ok(&db, &["export", "--format", "md", "--include-private"]);
    assert!(
        md.contains("- 2026-11-20: morale 2/5, flight risk high — interviewing elsewhere"),
        "{md}"
    );
    fails(
        &db,
        &["export", "--format", "json", "--include-private"],
        "--include-private works only with --format md",
    );
}

#[test]
fn a_risk_owned_by_a_persons_exact_name_is_theirs_and_follows_a_rename() {
    let (_dir, db) = org();
    for (title, owner) in [
        ("If Payments churns, then launch slips", "ada"),
        ("If the vendor folds, then we rebuild", "Vendor Co"),
    ] {
        ok(
            &db,
            &[
                "risk",
                "add",
                "--title",
                title,
                "--likelihood",
                "3",
                "--impact",
                "4",
                "--owner",
                owner,
            ],
        );
    }
    let risk = |id: &str| -> Value {
        serde_json::from_str(&ok(&db, &["risk", "show", id, "--format", "json"])).unwrap()
    };
    assert_eq!(risk("1")["owner_id"], 1);
    assert_eq!(risk("1")["owner"], "Ada");
    assert_eq!(risk("2")["owner_id"], Value::Null);
    assert_eq!(risk("2")["owner"], "Vendor Co");
    ok(&db, &["person", "edit", "Ada", "--name", "Ada Lovelace"]);
    assert_eq!(risk("1")["owner"], "Ada Lovelace");
    assert!(ok(&db, &["risk", "show", "1"]).contains("Ada Lovelace (person 1)"));
    let out = bearing(&db, &["person", "delete", "Ada Lovelace", "--yes"]);
    assert!(stdout(&out).contains("1 risk"), "{}", stdout(&out));
    // The person is gone; the risk and the name it was owned by stay.
    assert_eq!(risk("1")["owner_id"], Value::Null);
    assert_eq!(risk("1")["owner"], "Ada Lovelace");
}

#[test]
fn prep_knows_their_goals_risks_team_context_and_health() {
    let (_dir, db) = org();
    for args in [
        &["plan", "start", "2026-11-02"][..],
        &[
            "goal",
            "add",
            "--phase",
            "30",
            "--title",
            "Ship payments v2",
        ],
        &["goal", "edit", "1", "--person", "Ada"],
        &["goal", "add", "--phase", "60", "--title", "Hire two"],
        &["link", "goal:2", "person:1"],
        &[
            "risk",
            "add",
            "--title",
            "If churn, then slip",
            "--likelihood",
            "3",
            "--impact",
            "4",
            "--owner",
            "Ada",
        ],
        &[
            "person",
            "context",
            "Ada",
            "--kind",
            "career",
            "Wants a director track",
        ],
        &[
            "person",
            "context",
            "Ada",
            "--kind",
            "context",
            "Not for prep",
        ],
        &[
            "person",
            "health",
            "Ada",
            "--morale",
            "4",
            "--flight-risk",
            "low",
            "--note",
            "energised",
        ],
        &[
            "person",
            "health",
            "Bo",
            "--morale",
            "2",
            "--flight-risk",
            "high",
        ],
    ] {
        ok(&db, args);
    }
    let prep: Value = serde_json::from_str(&ok(&db, &["prep", "Ada", "--format", "json"])).unwrap();
    let goals: Vec<(i64, bool, bool)> = prep["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["id"].as_i64().unwrap(),
                g["owned"].as_bool().unwrap(),
                g["behind"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(goals, [(1, true, true), (2, false, false)]);
    assert_eq!(prep["risks"][0]["score"], 12);
    assert_eq!(prep["risks"][0]["band"], "high");
    assert_eq!(prep["risks"][0]["trend"], "new");
    assert_eq!(prep["risks"][0]["next_review"], "2026-12-07");
    assert_eq!(prep["context"].as_array().unwrap().len(), 1);
    assert_eq!(prep["context"][0]["kind"], "career");
    assert_eq!(prep["team"][0]["name"], "Bo");
    assert_eq!(prep["team"][0]["flight_risk"], "high");
    assert_eq!(prep["health"][0]["note"], "energised");
    let md = ok(&db, &["prep", "Ada"]);
    assert!(
        md.contains("- goal 1: Ship payments v2 — 0%, todo, **behind**\n"),
        "{md}"
    );
    assert!(
        md.contains("- goal 2: Hire two — 0%, todo (linked)\n"),
        "{md}"
    );
    assert!(
        md.contains("- risk 1: If churn, then slip — score 12 (high), new, review"),
        "{md}"
    );
    assert!(
        md.contains("## Their team (1 report, 0 needing attention)"),
        "{md}"
    );
    assert!(
        !md.contains("energised") && !md.contains("morale"),
        "private: {md}"
    );
    let md = ok(&db, &["prep", "Ada", "--include-private"]);
    assert!(
        md.contains("- 2026-11-23: morale 4/5, flight risk low — energised"),
        "{md}"
    );
    assert!(
        md.contains("## Their team (1 report, 1 needing attention)"),
        "{md}"
    );
}
