//! `bearing import-ics`: when imported events take time on the agenda, and on which days.

use crate::support;
use serde_json::{Value, json};
use std::path::Path;

fn ok(db: &Path, args: &[&str]) -> String {
    support::ok_in("Europe/Berlin", db, args)
}

/// Imports a calendar holding `events` (the lines of each VEVENT) into a new database.
fn imported(dir: &Path, events: &[&str]) -> std::path::PathBuf {
    let file = dir.join("cal.ics");
    std::fs::write(&file, support::ics("", events)).unwrap();
    let db = dir.join("b.db");
    ok(&db, &["import-ics", file.to_str().unwrap()]);
    db
}

/// The agenda's JSON items as "DATE START-END TITLE", "!" after those that overlap another.
fn days(db: &Path) -> Vec<String> {
    let text = ok(db, &["agenda", "--format", "json"]);
    let items: Vec<Value> = serde_json::from_str(&text).unwrap();
    items
        .iter()
        .map(|i| {
            let time = |key: &str| i[key].as_str().unwrap_or("-").to_string();
            let mark = if i["conflict"] == json!(true) {
                " !"
            } else {
                ""
            };
            format!(
                "{} {}-{} {}{mark}",
                i["date"].as_str().unwrap(),
                time("start"),
                time("end"),
                i["title"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_timed_event_over_several_days_takes_each_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(
        dir.path(),
        &[
            "UID:offsite\nSUMMARY:Offsite\nDTSTART:20261123T090000Z\nDTEND:20261125T170000Z",
            "UID:sync\nSUMMARY:Sync\nDTSTART:20261124T100000Z\nDTEND:20261124T110000Z",
        ],
    );
    assert_eq!(
        days(&db),
        [
            "2026-11-23 10:00-00:00 Offsite",
            "2026-11-24 00:00-00:00 Offsite !",
            "2026-11-24 11:00-12:00 Sync !",
            "2026-11-25 00:00-18:00 Offsite",
        ]
    );
    // Each piece says when the whole event ends; the meeting beside it does not.
    let items: Vec<Value> =
        serde_json::from_str(&ok(&db, &["agenda", "--format", "json"])).unwrap();
    let until: Vec<(&str, Option<&str>)> = items
        .iter()
        .map(|i| (i["title"].as_str().unwrap(), i["lasts_until"].as_str()))
        .collect();
    assert_eq!(
        until,
        [
            ("Offsite", Some("2026-11-25T18:00")),
            ("Offsite", Some("2026-11-25T18:00")),
            ("Sync", None),
            ("Offsite", Some("2026-11-25T18:00")),
        ]
    );
    let text = ok(&db, &["agenda"]);
    for line in [
        "Mon 23 Nov\n  10:00–24:00  Offsite  (calendar)\n",
        "Tue 24 Nov\n  00:00–24:00  Offsite  (calendar, overlaps another meeting)\n",
        "Wed 25 Nov\n  00:00–18:00  Offsite  (calendar)\n",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // It starts once: `next` does not announce it again at midnight.
    let next: Value = serde_json::from_str(&ok(&db, &["next", "--format", "json"])).unwrap();
    assert_eq!(
        (&next["title"], &next["start"]),
        (&json!("Offsite"), &json!("10:00"))
    );
}

#[test]
fn an_event_with_no_end_is_an_instant_that_overlaps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(
        dir.path(),
        &[
            "UID:release\nSUMMARY:Release\nDTSTART:20261124T090000Z",
            "UID:review\nSUMMARY:Review\nDTSTART:20261124T130000Z\nDTEND:20261124T140000Z",
        ],
    );
    assert_eq!(
        days(&db),
        [
            "2026-11-24 10:00-- Release",
            "2026-11-24 14:00-15:00 Review"
        ]
    );
    let text = ok(&db, &["agenda"]);
    assert!(
        text.contains("Tue 24 Nov\n  10:00        Release  (calendar)\n"),
        "{text}"
    );
}
