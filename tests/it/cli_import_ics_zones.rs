//! `bearing import-ics`: TZIDs chrono-tz does not know, resolved with the file's VTIMEZONE
//! blocks (X-LIC-LOCATION, a path ending in an IANA name, a Windows name, one fixed offset).
//! Shown with TZ=UTC; every expected time is what python-recurring-ical-events 3.8 gives for
//! the same file (`tests/interop/expand_ics.py FILE 2026-10-01 2026-12-31`, in UTC).

use crate::support;

use serde_json::Value;
use std::path::Path;
use support::{stderr, stdout};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// `bearing` with the local time zone pinned: imported times are converted to it.
fn bearing(db: &Path, args: &[&str]) -> std::process::Output {
    support::bearing_in("UTC", db, args)
}

/// Imports `file`: what the import wrote to standard error (its notes).
fn import(db: &Path, file: &str) -> String {
    let out = bearing(db, &["import-ics", file]);
    assert!(out.status.success(), "{}", stderr(&out));
    stderr(&out)
}

/// The calendar items of `days` days from `from` (the week of FIXED_NOW when None), as
/// "DATE START-END TITLE".
fn shown(db: &Path, from: Option<&str>, days: &str) -> Vec<String> {
    let mut args = vec!["agenda", "--format", "json", "--days", days];
    if let Some(from) = from {
        args.extend(["--from", from]);
    }
    let out = bearing(db, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let Value::Array(items) = serde_json::from_str(&stdout(&out)).unwrap() else {
        panic!("not a JSON array");
    };
    let text = |v: &Value| v.as_str().unwrap_or("-").to_string();
    items
        .iter()
        .filter(|i| i["kind"] == "calendar")
        .map(|i| {
            format!(
                "{} {}-{} {}",
                text(&i["date"]),
                text(&i["start"]),
                text(&i["end"]),
                text(&i["title"])
            )
        })
        .collect()
}

fn no_zone_note(notes: &str) {
    assert!(!notes.contains("does not know"), "{notes}");
}

#[test]
fn outlook_windows_zone_names_are_read_as_their_iana_zones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    no_zone_note(&import(&db, &fixture("outlook.ics")));
    // "W. Europe Standard Time" is +01:00 in winter: 10:00 there is 09:00 UTC.
    assert_eq!(
        shown(&db, None, "7"),
        [
            "2026-11-24 09:00-10:00 Steering committee: quarterly roadmap and budget alignment \
             with finance and product leadership",
            "2026-11-25 08:00-09:00 Board prep",
            "2026-11-26 15:00-15:30 1:1 with Priya",
            "2026-11-27 --- Company holiday",
        ]
    );
}

#[test]
fn an_exchange_eastern_standard_time_series_follows_new_york_across_its_clock_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    no_zone_note(&import(&db, &fixture("zones/exchange_eastern.ics")));
    assert_eq!(
        shown(&db, None, "7"),
        [
            "2026-11-23 16:00-16:30 Platform sync",
            "2026-11-24 14:00-15:00 Quarterly business review",
        ]
    );
    // Before New York leaves summer time (1 November), 11:00 there is 15:00 UTC.
    assert_eq!(
        shown(&db, Some("2026-10-26"), "8"),
        [
            "2026-10-26 15:00-15:30 Platform sync",
            "2026-11-02 16:00-16:30 Platform sync",
        ]
    );
}

#[test]
fn an_evolution_path_tzid_is_read_in_the_zone_its_x_lic_location_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    no_zone_note(&import(&db, &fixture("zones/evolution_london.ics")));
    assert_eq!(
        shown(&db, None, "7"),
        ["2026-11-26 14:00-15:00 Design review"]
    );
    // London summer time (BST, +01:00) until 25 October.
    assert_eq!(
        shown(&db, Some("2026-10-22"), "8"),
        [
            "2026-10-22 13:00-14:00 Design review",
            "2026-10-29 14:00-15:00 Design review",
        ]
    );
}

#[test]
fn a_zone_with_one_fixed_offset_is_read_at_that_offset() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    no_zone_note(&import(&db, &fixture("zones/fixed_offset.ics")));
    assert_eq!(
        shown(&db, Some("2026-11-19"), "8"),
        [
            "2026-11-19 04:00-04:30 Bangalore standup",
            "2026-11-25 10:00-11:00 Tashkent office hours",
            "2026-11-26 04:00-04:30 Bangalore standup",
        ]
    );
}

#[test]
fn a_zone_nothing_resolves_is_still_read_as_local_time_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    // Rules Bearing does not evaluate, under a name that is neither IANA nor Windows.
    let text = std::fs::read_to_string(fixture("zones/exchange_eastern.ics"))
        .unwrap()
        .replace("Eastern Standard Time", "Mars Standard Time");
    let file = dir.path().join("mars.ics");
    std::fs::write(&file, text).unwrap();
    let notes = import(&db, file.to_str().unwrap());
    assert!(
        notes.contains(
            "Note: 2 events use time zones Bearing does not know (\"Mars Standard Time\"); \
             their times were read as local time: \"Quarterly business review\", \"Platform sync\"."
        ),
        "{notes}"
    );
    assert_eq!(
        shown(&db, None, "7"),
        [
            "2026-11-23 11:00-11:30 Platform sync",
            "2026-11-24 09:00-10:00 Quarterly business review",
        ]
    );
}
