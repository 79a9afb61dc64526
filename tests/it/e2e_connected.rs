//! Issue 22 in a real pseudo-terminal, with the command line as a second writer beside it: from
//! a risk, jump to its owner's prep, check in a goal linked to them (linked by the CLI while the
//! cockpit is open), and come back to the risk.

use crate::support;

use support::{Pty, ok};

const CTRL_S: &str = "\x13";
const BACKSPACE: &str = "\x7f";
const ESC: &str = "\x1b";

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
    tui.send(ESC);
    tui.wait_for("1 of 1");
    tui.wait_for("Ada Lovelace (p: prep)");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let goal: serde_json::Value =
        serde_json::from_str(&ok(&db, &["goal", "show", "1", "--format", "json"])).unwrap();
    assert_eq!(goal["progress"], 40);
    assert_eq!(goal["links"][0]["title"], "Ada Lovelace");
}
