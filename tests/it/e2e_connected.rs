//! Issue 22 in a real pseudo-terminal, with the command line as a second writer beside it: from
//! a risk, jump to its owner's prep, check in a goal linked to them (linked by the CLI while the
//! cockpit is open), and come back to the risk.

use crate::support;

use support::{Pty, ok};

const CTRL_S: &str = "\x13";
const BACKSPACE: &str = "\x7f";

#[test]
fn from_a_risk_to_its_owners_prep_a_check_in_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    for args in [
        &[
            "person",
            "add",
            "--name",
            "Ada Lovelace",
            "--team",
            "Payments",
        ][..],
        &["plan", "start", "2026-11-02"],
        &[
            "goal",
            "add",
            "--phase",
            "60",
            "--title",
            "Ship payments v2",
        ],
        &[
            "risk",
            "add",
            "--title",
            "If churn, then launch slips",
            "--likelihood",
            "3",
            "--impact",
            "4",
            "--owner",
            "Ada Lovelace",
        ],
    ] {
        ok(&db, args);
    }
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    tui.send("5");
    tui.wait_for("If churn, then launch slips");
    tui.wait_for("Ada Lovelace (p: prep)");
    // The second writer links the goal to her while the cockpit is open.
    ok(&db, &["link", "goal:1", "person:1"]);
    tui.send("p");
    tui.wait_for("Prep  Ada Lovelace");
    tui.wait_for("Risks (1) — R reviews");
    tui.wait_for("Goals (1) — c checks in");
    tui.wait_for("0% Ship payments v2  (linked)");
    // The goal is the first row of her prep (no talking points or actions yet).
    tui.send("c");
    tui.wait_for("Check in: Ship payments v2");
    tui.send(BACKSPACE);
    tui.send("40");
    tui.send(CTRL_S);
    tui.wait_for("Checked in \"Ship payments v2\": 40%.");
    tui.wait_for(" 40% Ship payments v2  (linked)");
    tui.escape();
    tui.wait_for("1 of 1");
    tui.wait_for("Ada Lovelace (p: prep)");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let goal: serde_json::Value =
        serde_json::from_str(&ok(&db, &["goal", "show", "1", "--format", "json"])).unwrap();
    assert_eq!(goal["progress"], 40);
    assert_eq!(goal["links"][0]["title"], "Ada Lovelace");
}

/// A link made by the CLI shows in the risk's detail without a key press; `]` selects it, Enter
/// opens the goal in the plan, a check-in there, and Esc comes back to the risk.
#[test]
fn from_a_risk_enter_on_its_linked_goal_check_in_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    for args in [
        &["plan", "start", "2026-11-02"][..],
        &[
            "goal",
            "add",
            "--phase",
            "60",
            "--title",
            "Ship payments v2",
        ],
        &[
            "risk",
            "add",
            "--title",
            "If churn, then launch slips",
            "--likelihood",
            "3",
            "--impact",
            "4",
        ],
    ] {
        ok(&db, args);
    }
    let mut tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    tui.send("5");
    tui.wait_for("If churn, then launch slips");
    tui.wait_for("None (bearing link KIND:ID KIND:ID)");
    ok(&db, &["link", "risk:1", "goal:1"]);
    tui.wait_for("goal    Ship payments v2");
    tui.send("]");
    tui.wait_for("Enter opens it");
    tui.send("\r");
    tui.wait_for("30/60/90 from Mon 2 Nov 2026");
    tui.send("c");
    tui.wait_for("Check in: Ship payments v2");
    tui.send(BACKSPACE);
    tui.send("40");
    tui.send(CTRL_S);
    tui.wait_for("Checked in \"Ship payments v2\": 40%.");
    tui.escape();
    // Back on the risk, the link followed still selected, as a browser's Back leaves it.
    tui.wait_for("Risk register");
    tui.wait_for("Enter opens it · ] next · Esc unselects");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let goal: serde_json::Value =
        serde_json::from_str(&ok(&db, &["goal", "show", "1", "--format", "json"])).unwrap();
    assert_eq!(goal["progress"], 40);
    assert_eq!(goal["links"][0]["title"], "If churn, then launch slips");
}

const SHIFT_TAB: &str = "\x1b[Z";

/// A plan with one goal and two risks, and the cockpit on the plan tab showing the goal.
fn goal_and_two_risks() -> (tempfile::TempDir, std::path::PathBuf, Pty) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let risk = |title| {
        [
            "risk",
            "add",
            "--title",
            title,
            "--likelihood",
            "3",
            "--impact",
            "4",
        ]
    };
    ok(&db, &["plan", "start", "2026-11-02"]);
    ok(
        &db,
        &[
            "goal",
            "add",
            "--phase",
            "60",
            "--title",
            "Ship payments v2",
        ],
    );
    ok(&db, &risk("If churn, then launch slips"));
    ok(&db, &risk("If vendor fails, then outage"));
    let tui = Pty::start(&db, &[], 160, 40);
    tui.wait_for("Week 48");
    (dir, db, tui)
}

fn goal_links(db: &std::path::Path) -> Vec<String> {
    let goal: serde_json::Value =
        serde_json::from_str(&ok(db, &["goal", "show", "1", "--format", "json"])).unwrap();
    goal["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["title"].as_str().unwrap().to_string())
        .collect()
}

/// `bearing link goal:1 risk:2` from the shell while the goal detail is shown: the link
/// appears with no key pressed.
#[test]
fn a_link_made_by_the_cli_shows_in_the_open_goal_detail() {
    let (_dir, db, mut tui) = goal_and_two_risks();
    // The plan opens on today's phase (days 1–30); the goal is in the next.
    tui.send("2");
    tui.wait_for("30/60/90 from Mon 2 Nov 2026");
    tui.send("l");
    tui.wait_for("Ship payments v2 goal 1");
    ok(&db, &["link", "goal:1", "risk:2"]);
    tui.wait_for("Links risk If vendor fails, then outage");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// The goal form adds a link (risk 1) while the CLI links risk 2: Ctrl-S merges, so both
/// links are kept — the other writer's is never lost, and the form's is saved.
#[test]
fn a_goal_forms_link_saved_beside_a_cli_link_made_meanwhile_keeps_both() {
    let (_dir, db, mut tui) = goal_and_two_risks();
    // The plan opens on today's phase (days 1–30); the goal is in the next.
    tui.send("2");
    tui.wait_for("30/60/90 from Mon 2 Nov 2026");
    tui.send("l");
    tui.wait_for("Ship payments v2 goal 1");
    tui.send("e");
    tui.wait_for("Edit goal");
    tui.send(SHIFT_TAB);
    tui.send("churn");
    tui.wait_for("+ ‹ risk:1 If churn, then launch");
    tui.send("\r");
    tui.wait_for("risk:1 If churn, then launch slips  1/1 ⌫ removes");
    // The second writer, while the form is open.
    ok(&db, &["link", "goal:1", "risk:2"]);
    assert_eq!(goal_links(&db), ["If vendor fails, then outage"]);
    tui.send(CTRL_S);
    tui.wait_for("Saved goal \"Ship payments v2\".");
    tui.wait_for("risk If vendor fails, then outage");
    tui.wait_for("risk If churn, then launch slips");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let mut links = goal_links(&db);
    links.sort();
    assert_eq!(
        links,
        [
            "If churn, then launch slips",
            "If vendor fails, then outage"
        ]
    );
}
