//! `bearing risk add|update|list` as scripts drive them: the JSON contract, the score history,
//! the agenda, and bad input that changes nothing.

use crate::support;

use std::path::Path;
use support::{bearing, fails, json_array, ok, stderr};

fn list_json(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["risk", "list", "--format", "json"];
    all.extend_from_slice(args);
    json_array(db, &all)
}

fn add(db: &Path, title: &str, l: &str, i: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "risk",
        "add",
        "--title",
        title,
        "--likelihood",
        l,
        "--impact",
        i,
    ];
    args.extend_from_slice(extra);
    ok(db, &args)
}

#[test]
fn add_update_and_list_keep_the_score_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let out = add(
        &db,
        "If CI stays flaky, then releases slip",
        "3",
        "3",
        &[
            "--category",
            "delivery",
            "--owner",
            "Marcus Oyelaran",
            "--response",
            "mitigate",
            "--mitigation",
            "Quarantine flaky tests",
        ],
    );
    assert!(out.contains("Added risk 1"), "{out}");
    assert!(
        out.contains("score 9 (medium), next review Wed 23 Dec 2026"),
        "a month for medium: {out}"
    );
    let out = ok(
        &db,
        &[
            "risk",
            "update",
            "1",
            "--likelihood",
            "4",
            "--impact",
            "4",
            "--note",
            "two teams blocked this week",
            "--trigger",
            "main red for more than a day",
        ],
    );
    assert!(out.contains("score 16 (critical)"), "{out}");
    assert!(out.contains("was 9, worse"), "{out}");

    let risks = list_json(&db, &[]);
    assert_eq!(risks.len(), 1);
    let r = &risks[0];
    assert_eq!(r["id"], 1);
    assert_eq!(r["likelihood"], 4);
    assert_eq!(r["impact"], 4);
    assert_eq!(r["score"], 16);
    assert_eq!(r["band"], "critical");
    assert_eq!(r["trend"], "worse");
    assert_eq!(r["category"], "delivery");
    assert_eq!(r["owner"], "Marcus Oyelaran");
    assert_eq!(r["trigger"], "main red for more than a day");
    assert_eq!(r["mitigation"], "Quarantine flaky tests");
    assert_eq!(r["overdue"], false);
    let history = r["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["score"], 9);
    assert_eq!(history[0]["date"], "2026-11-23");
    assert_eq!(history[1]["score"], 16);
    assert_eq!(history[1]["note"], "two teams blocked this week");

    // A change that is not a score leaves the history alone.
    ok(&db, &["risk", "update", "1", "--status", "monitoring"]);
    let r = &list_json(&db, &[])[0];
    assert_eq!(r["status"], "monitoring");
    assert_eq!(r["history"].as_array().unwrap().len(), 2);

    let text = ok(&db, &["risk", "list"]);
    assert!(text.contains("critical"), "{text}");
    assert!(text.contains('↑'), "{text}");
}

#[test]
fn list_sorts_by_score_or_review_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    add(&db, "Low, soon", "1", "2", &["--review", "2026-11-25"]);
    add(&db, "High, later", "4", "4", &["--review", "2026-12-20"]);
    add(&db, "Medium, default", "2", "3", &[]);
    let titles = |args: &[&str]| -> Vec<String> {
        list_json(&db, args)
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles(&[]), ["High, later", "Medium, default", "Low, soon"]);
    assert_eq!(
        titles(&["--sort", "review"]),
        ["Low, soon", "High, later", "Medium, default"]
    );
    fails(&db, &["risk", "list", "--sort", "colour"], "colour");
}

#[test]
fn reviews_appear_on_the_agenda_and_overdue_ones_on_the_radar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    add(&db, "Vendor lock-in", "3", "4", &["--review", "wed"]);
    let out = bearing(
        &db,
        &[
            "risk",
            "add",
            "--title",
            "Key-person dependency",
            "--likelihood",
            "3",
            "--impact",
            "5",
            "--review",
            "2026-11-16",
        ],
    );
    assert!(out.status.success());
    let warning = stderr(&out);
    assert!(
        warning.contains("warning: the next review date, Mon 16 Nov 2026, is in the past"),
        "past dates are allowed but warned: {warning}"
    );
    let items: serde_json::Value =
        serde_json::from_str(&ok(&db, &["agenda", "--format", "json"])).unwrap();
    let reviews: Vec<&serde_json::Value> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "risk_review")
        .collect();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0]["title"], "Vendor lock-in");
    assert_eq!(reviews[0]["date"], "2026-11-25");
    assert_eq!(reviews[0]["id"], 1);
    let text = ok(&db, &["agenda"]);
    assert!(
        text.contains("! risk   Key-person dependency — review 7 days overdue"),
        "{text}"
    );
}

#[test]
fn accepted_risks_need_a_reason_and_an_expiry_and_come_back_when_it_passes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    fails(
        &db,
        &[
            "risk",
            "add",
            "--title",
            "t",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--response",
            "accept",
        ],
        "--accept-reason: an accepted risk needs a reason",
    );
    fails(
        &db,
        &[
            "risk",
            "add",
            "--title",
            "t",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--accept-reason",
            "cheap",
        ],
        "--accept-reason: only accepted risks have one",
    );
    add(
        &db,
        "Single cloud region",
        "2",
        "4",
        &[
            "--response",
            "accept",
            "--accept-reason",
            "multi-region costs more than the outage",
            "--accept-expiry",
            "2026-12-31",
        ],
    );
    let r = &list_json(&db, &[])[0];
    assert_eq!(r["response"], "accept");
    assert_eq!(r["accept_expiry"], "2026-12-31");
    assert_eq!(r["overdue"], false);
    ok(
        &db,
        &["risk", "update", "1", "--accept-expiry", "2026-11-20"],
    );
    let r = &list_json(&db, &[])[0];
    assert_eq!(r["overdue"], true, "past its expiry it is overdue again");
    let text = ok(&db, &["risk", "list"]);
    assert!(text.contains("acceptance expired 2026-11-20"), "{text}");
}

#[test]
fn bad_input_exits_2_names_the_flag_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec!["risk", "add", "--title", "t"];
        v.extend_from_slice(extra);
        v
    }
    fails(
        &db,
        &with(&["--likelihood", "0", "--impact", "3"]),
        "--likelihood: likelihood 0 is out of range: use 1 (rare) to 5 (almost certain)",
    );
    fails(
        &db,
        &with(&["--likelihood", "6", "--impact", "3"]),
        "--likelihood: likelihood 6 is out of range",
    );
    fails(
        &db,
        &with(&["--likelihood", "3", "--impact", "6"]),
        "--impact: impact 6 is out of range: use 1 (minimal) to 5 (severe)",
    );
    fails(
        &db,
        &with(&[
            "--likelihood",
            "3",
            "--impact",
            "3",
            "--category",
            "weather",
        ]),
        "--category: unknown category \"weather\": use delivery, reliability",
    );
    fails(
        &db,
        &with(&["--likelihood", "3", "--impact", "3", "--response", "ignore"]),
        "--response: unknown response \"ignore\": use avoid, mitigate, transfer or accept",
    );
    fails(
        &db,
        &with(&["--likelihood", "3", "--impact", "3", "--review", "someday"]),
        "--review: \"someday\" is not a date",
    );
    fails(
        &db,
        &with(&[
            "--likelihood",
            "3",
            "--impact",
            "3",
            "--residual-likelihood",
            "2",
        ]),
        "--residual-impact: give the residual impact too",
    );
    fails(
        &db,
        &[
            "risk",
            "add",
            "--title",
            " ",
            "--likelihood",
            "3",
            "--impact",
            "3",
        ],
        "--title: a title is required",
    );
    assert!(!db.exists(), "nothing was saved, so no database was made");

    add(&db, "t", "3", "3", &[]);
    fails(&db, &["risk", "update", "1"], "nothing to change");
    fails(
        &db,
        &["risk", "update", "7", "--owner", "x"],
        "no risk with id 7",
    );
    fails(
        &db,
        &["risk", "update", "1", "--impact", "9", "--note", "n"],
        "--impact: impact 9 is out of range",
    );
    fails(
        &db,
        &["risk", "update", "1", "--status", "done"],
        "--status: unknown status \"done\": use open, monitoring or closed",
    );
    let r = &list_json(&db, &[])[0];
    assert_eq!(r["score"], 9, "a refused update changed nothing");
    assert_eq!(r["history"].as_array().unwrap().len(), 1);
}

/// Issue 22: a closed risk is no longer on its owner's prep (`bearing prep` and the cockpit's
/// `p` read the same picture); an open one is.
#[test]
fn prep_leaves_out_closed_risks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--no-tui"]);
    let owner = ["--owner", "aisha bello"];
    add(&db, "If Y then V", "2", "2", &owner);
    add(&db, "If Z then W", "2", "2", &owner);
    let closed = list_json(&db, &[])
        .into_iter()
        .find(|r| r["title"] == "If Z then W")
        .unwrap()["id"]
        .to_string();
    ok(&db, &["risk", "edit", &closed, "--status", "closed"]);
    let prep = ok(&db, &["prep", "Aisha"]);
    assert!(prep.contains("If Y then V"), "{prep}");
    assert!(!prep.contains("If Z then W"), "{prep}");
}
