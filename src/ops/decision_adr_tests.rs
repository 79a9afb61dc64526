use super::*;
use crate::domain::decision::{DecisionDraft, DecisionStatus};
use crate::ops::decisions::{DecisionInput, add_decision};
use crate::ops::objects::Object;
use crate::ops::objects::decision::{Decision, DecisionFilter};
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use std::os::unix::fs::PermissionsExt;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn add(store: &mut Store, title: &str, supersedes: Option<i64>) -> i64 {
    let mut draft = DecisionDraft::new(title, now().date());
    draft.status = DecisionStatus::Accepted;
    draft.context = "Billing needs transactions.".into();
    draft.decision = "We use Postgres.".into();
    add_decision(store, DecisionInput::new(draft), supersedes, now())
        .unwrap()
        .id
}

fn views(store: &Store) -> Vec<DecisionView> {
    Decision::list(store, &DecisionFilter::default(), now()).unwrap()
}

#[test]
fn slugs_and_markers() {
    assert_eq!(
        slug("Use Postgres for billing!"),
        "use-postgres-for-billing"
    );
    assert_eq!(slug("  ½ ☃ "), "decision");
    assert!(slug(&"word ".repeat(40)).len() <= 50);
    assert_eq!(
        marker_of("<!-- bearing:decision 12 (written by Bearing) -->"),
        Some(12)
    );
    assert_eq!(marker_of("<!-- bearing:decision 12x -->"), None);
    assert_eq!(marker_of("# 12. Use Postgres"), None);
}

#[test]
fn the_export_reads_back_as_madr_and_updates_in_place() {
    let mut store = Store::open_in_memory().unwrap();
    let first = add(&mut store, "Deploy on Fridays", None);
    let second = add(&mut store, "No Friday deploys", Some(first));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("adr");
    let db = dir.path().join("bearing.db");
    let summary = export_adr(&views(&store), &out, false, &db).unwrap();
    assert_eq!(summary.written.len(), 2);
    assert_eq!(
        fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let old = fs::read_to_string(out.join("0001-deploy-on-fridays.md")).unwrap();
    assert!(old.starts_with("<!-- bearing:decision 1 "), "{old}");
    assert!(old.contains("# 1. Deploy on Fridays\n"), "{old}");
    assert!(old.contains("- Status: superseded\n"), "{old}");
    assert!(
        old.contains("- Superseded by: [0002 No Friday deploys](0002-no-friday-deploys.md)"),
        "{old}"
    );
    assert!(old.contains("## Context and Problem Statement\n\nBilling needs transactions."));
    assert!(old.contains("## Decision Outcome\n\nWe use Postgres."));
    let new = fs::read_to_string(out.join("0002-no-friday-deploys.md")).unwrap();
    assert!(new.contains("- Supersedes: [0001 Deploy on Fridays](0001-deploy-on-fridays.md)"));
    let mode = fs::metadata(out.join("0002-no-friday-deploys.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // Renamed: the file it wrote is updated under its old name, no second file appears.
    let mut d = crate::ops::decisions::get_decision(&store, second).unwrap();
    d.fields.title = "Never deploy on Fridays".into();
    store
        .write(|tx| crate::store::decisions::update(tx, second, &d.fields, now()))
        .unwrap();
    let summary = export_adr(&views(&store), &out, false, &db).unwrap();
    assert_eq!(
        summary.written.len(),
        2,
        "the new title, and the link to it"
    );
    let new = fs::read_to_string(out.join("0002-no-friday-deploys.md")).unwrap();
    assert!(new.contains("# 2. Never deploy on Fridays"), "{new}");
    let old = fs::read_to_string(out.join("0001-deploy-on-fridays.md")).unwrap();
    assert!(old.contains("[0002 Never deploy on Fridays](0002-no-friday-deploys.md)"));
    assert_eq!(fs::read_dir(&out).unwrap().count(), 2);
    // Nothing changed: nothing is written again.
    let summary = export_adr(&views(&store), &out, false, &db).unwrap();
    assert!(summary.written.is_empty());
    assert_eq!(summary.unchanged, 2);
}

#[test]
fn a_file_bearing_did_not_write_is_never_replaced() {
    let mut store = Store::open_in_memory().unwrap();
    add(&mut store, "Use Postgres", None);
    add(&mut store, "Use Kafka", None);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mine = dir.path().join("0001-use-postgres.md");
    fs::write(&mine, "# My own notes\n").unwrap();
    let e = export_adr(&views(&store), dir.path(), false, &db).unwrap_err();
    assert!(matches!(e, OpsError::Refused(_)), "{e:?}");
    assert!(e.to_string().contains("Bearing did not write it"), "{e}");
    assert_eq!(fs::read_to_string(&mine).unwrap(), "# My own notes\n");
    assert!(
        !dir.path().join("0002-use-kafka.md").exists(),
        "nothing is written when one file is refused"
    );
    // A symbolic link at a target is refused even with --force.
    fs::remove_file(&mine).unwrap();
    let elsewhere = dir.path().join("elsewhere.txt");
    fs::write(&elsewhere, "keep").unwrap();
    std::os::unix::fs::symlink(&elsewhere, &mine).unwrap();
    assert!(export_adr(&views(&store), dir.path(), true, &db).is_err());
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), "keep");
    // --force replaces a person's file.
    fs::remove_file(&mine).unwrap();
    fs::write(&mine, "# My own notes\n").unwrap();
    export_adr(&views(&store), dir.path(), true, &db).unwrap();
    assert!(fs::read_to_string(&mine).unwrap().starts_with(MARKER));
}
