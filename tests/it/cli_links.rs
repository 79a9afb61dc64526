//! Issue 22: links from the command line. `bearing link KIND:ID KIND:ID` and `unlink`, the
//! `--goal`/`--risk` flags of the add commands, `links: [{kind, id, title}]` in `show --format
//! json`; bad kinds or ids exit 2 and save nothing; deleting one end removes the link (and says
//! so), never the other object; links survive a JSON export and import byte for byte.

use crate::support;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use support::{fails, ok};

/// Ada; a plan with goal 1; risk 1 owned by Ada.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    for args in [
        &["person", "add", "--name", "Ada"][..],
        &["plan", "start", "2026-11-02"],
        &[
            "goal",
            "add",
            "--phase",
            "30",
            "--title",
            "Ship payments v2",
        ],
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
            "--goal",
            "1",
        ],
    ] {
        ok(&db, args);
    }
    (dir, db)
}

fn export(db: &Path) -> String {
    ok(db, &["export", "--format", "json"])
}

fn links(db: &Path, kind: &str, id: &str) -> Value {
    let shown: Value =
        serde_json::from_str(&ok(db, &[kind, "show", id, "--format", "json"])).unwrap();
    shown["links"].clone()
}

#[test]
fn link_and_unlink_join_two_objects_either_way_round() {
    let (_dir, db) = setup();
    assert_eq!(
        links(&db, "goal", "1"),
        json!([{"kind": "risk", "id": 1, "title": "If churn, then slip"}])
    );
    assert_eq!(
        ok(&db, &["link", "person:1", "goal:1"]),
        "Linked person:1 and goal:1.\n"
    );
    assert!(ok(&db, &["link", "Goal:1", "person:1"]).contains("linked already"));
    assert_eq!(
        links(&db, "person", "Ada"),
        json!([{"kind": "goal", "id": 1, "title": "Ship payments v2"}])
    );
    assert!(ok(&db, &["goal", "show", "1"]).contains("Links\n  risk:1 If churn, then slip\n"));
    ok(&db, &["unlink", "goal:1", "risk:1"]);
    assert_eq!(
        links(&db, "risk", "1"),
        json!([]),
        "unlinked, and both objects stay"
    );
    ok(&db, &["goal", "show", "1"]);
}

#[test]
fn unknown_kinds_ids_and_self_links_exit_2_and_save_nothing() {
    let (_dir, db) = setup();
    let before = export(&db);
    fails(
        &db,
        &["link", "widget:1", "goal:1"],
        "unknown kind \"widget\": use person, goal",
    );
    fails(
        &db,
        &["link", "goal", "risk:1"],
        "\"goal\" is not KIND:ID (e.g. goal:3)",
    );
    fails(&db, &["link", "goal:0", "risk:1"], "is not KIND:ID");
    fails(
        &db,
        &["link", "goal:9", "risk:1"],
        "there is no goal with id 9 (see `bearing goal list`); nothing was linked",
    );
    fails(&db, &["link", "goal:1", "goal:1"], "");
    fails(
        &db,
        &["unlink", "goal:1", "person:1"],
        "goal:1 and person:1 are not linked",
    );
    fails(
        &db,
        &[
            "action", "add", "--due", "fri", "Draft", "--goal", "1", "--risk", "7",
        ],
        "--risk: there is no risk with id 7 (see `bearing risk list`); nothing was saved",
    );
    fails(
        &db,
        &[
            "goal", "add", "--phase", "60", "--title", "Hire", "--risk", "3",
        ],
        "--risk: there is no risk with id 3",
    );
    assert_eq!(export(&db), before);
}

#[test]
fn add_commands_link_what_they_add() {
    let (_dir, db) = setup();
    let said = ok(
        &db,
        &[
            "action",
            "add",
            "--due",
            "fri",
            "Draft the plan",
            "--goal",
            "1",
            "--risk",
            "1",
            "--risk",
            "1",
        ],
    );
    // The risk named twice is one link, said once.
    assert!(
        said.ends_with("Linked action:1 and goal:1.\nLinked action:1 and risk:1.\n"),
        "{said}"
    );
    ok(
        &db,
        &[
            "goal", "add", "--phase", "60", "--title", "Hire two", "--risk", "1",
        ],
    );
    let titles: Vec<String> = links(&db, "risk", "1")
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{}:{}", l["kind"].as_str().unwrap(), l["id"]))
        .collect();
    assert_eq!(titles, ["goal:1", "action:1", "goal:2"]);
}

#[test]
fn deleting_one_end_removes_the_link_says_so_and_keeps_the_other() {
    let (_dir, db) = setup();
    ok(&db, &["link", "person:1", "goal:1"]);
    let said = ok(&db, &["goal", "delete", "1", "--yes"]);
    assert!(said.contains("2 links"), "{said}");
    assert_eq!(links(&db, "risk", "1"), json!([]));
    assert_eq!(links(&db, "person", "1"), json!([]));
    ok(&db, &["risk", "show", "1"]);
}

#[test]
fn links_survive_export_and_import_byte_for_byte() {
    let (dir, db) = setup();
    ok(&db, &["link", "person:1", "goal:1"]);
    let first = export(&db);
    let file = dir.path().join("x.json");
    std::fs::write(&file, &first).unwrap();
    let copy = dir.path().join("copy.db");
    ok(&copy, &["import", file.to_str().unwrap()]);
    assert_eq!(export(&copy), first);
    assert_eq!(links(&copy, "goal", "1"), links(&db, "goal", "1"));
}
