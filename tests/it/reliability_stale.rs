//! Lost updates under concurrent edits of one row. Form writers (the TUI's path: library calls
//! through `bearing::ops`, each thread with its own connection) read the risk, compute a change
//! from what they read, and save it carrying the values they read; a real `bearing risk update`
//! process changes another field of the same risk beside them. Every save either lands on the
//! row as its writer read it or is refused as stale and retried from a fresh read, so the
//! counter the form writers keep in the owner field ends equal to the number of saves that
//! succeeded (no increment lost), and the CLI's last value is never reverted.
//! `BEARING_RELIABILITY_EDITS=N` sets the increments per form writer (default 60).

use crate::support;

use bearing::domain::risk::RiskDraft;
use bearing::domain::risk_score::ReviewIntervals;
use bearing::ops::OpsError;
use bearing::ops::risks::{get_risk, update_risk};
use bearing::store::Store;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::thread;
use support::{bearing, integrity, json_array, ok, stderr};

const FORM_WRITERS: usize = 2;
const CLI_UPDATES: usize = 12;

fn edits() -> usize {
    std::env::var("BEARING_RELIABILITY_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60)
}

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// The owner field as a counter: "n=7".
fn counter(owner: &str) -> usize {
    owner
        .strip_prefix("n=")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("owner {owner:?} is not a counter"))
}

/// Increments the counter `edits()` times, each from a fresh read; returns how many saves were
/// refused as stale on the way.
fn form_writer(db: PathBuf) -> thread::JoinHandle<usize> {
    thread::spawn(move || {
        let mut store = Store::open(&db).unwrap();
        let intervals = ReviewIntervals::default();
        let mut refused = 0;
        for _ in 0..edits() {
            loop {
                let opened = get_risk(&store, 1).unwrap().fields;
                let mut draft = RiskDraft::from(&opened);
                draft.owner = format!("n={}", counter(&opened.owner) + 1);
                // The form is open for a moment, as a person's would be for seconds.
                thread::sleep(std::time::Duration::from_millis(1));
                match update_risk(&mut store, 1, draft, "", Some(&opened), &intervals, now()) {
                    Ok(saved) => {
                        assert!(saved.changed);
                        break;
                    }
                    Err(OpsError::Stale(_)) => refused += 1,
                    Err(e) => panic!("{e}"),
                }
            }
        }
        refused
    })
}

#[test]
fn concurrent_edits_of_one_risk_lose_no_update_and_revert_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    ok(
        &db,
        &[
            "risk",
            "add",
            "--title",
            "If CI stays flaky, then releases slip",
            "--likelihood",
            "1",
            "--impact",
            "3",
            "--owner",
            "n=0",
        ],
    );
    let started = std::time::Instant::now();
    let writers: Vec<_> = (0..FORM_WRITERS).map(|_| form_writer(db.clone())).collect();
    let cli_db = db.clone();
    let cli = thread::spawn(move || {
        let mut last = 0;
        for i in 0..CLI_UPDATES {
            last = 1 + i % 5;
            let likelihood = last.to_string();
            let out = bearing(
                &cli_db,
                &["risk", "update", "1", "--likelihood", &likelihood],
            );
            assert!(out.status.success(), "{}", stderr(&out));
        }
        last
    });
    let refused: usize = writers.into_iter().map(|w| w.join().unwrap()).sum();
    let last_likelihood = cli.join().unwrap();
    let elapsed = started.elapsed();

    let risk = json_array(&db, &["risk", "list", "--format", "json"])[0].clone();
    let saves = FORM_WRITERS * edits();
    assert_eq!(
        counter(risk["owner"].as_str().unwrap()),
        saves,
        "an increment was lost: {risk}"
    );
    assert_eq!(
        risk["likelihood"].as_u64(),
        Some(last_likelihood as u64),
        "a form save reverted the CLI's change: {risk}"
    );
    assert_eq!(integrity(&db), "ok");
    eprintln!(
        "{saves} form saves and {CLI_UPDATES} CLI updates of one risk in {elapsed:.1?}: \
         {refused} saves refused as stale and retried, none lost"
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(
        get_risk(&store, 1).unwrap().fields.owner,
        format!("n={saves}")
    );
}
