//! `bearing ritual`, `agenda` and `init` as scripts drive them.

use crate::support;

use std::path::Path;
use support::{fails, json_array, ok};

fn agenda_json(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["agenda", "--format", "json"];
    all.extend_from_slice(args);
    json_array(db, &all)
}

#[test]
fn a_ritual_shows_on_the_agenda_and_can_be_skipped_and_moved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let out = ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Staff meeting",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-02T10:00",
            "--duration",
            "60",
        ],
    );
    assert!(out.contains("weekly on Monday at 10:00, 60 min"), "{out}");

    let items = agenda_json(&db, &[]);
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item["date"], "2026-11-23");
    assert_eq!(item["start"], "10:00");
    assert_eq!(item["end"], "11:00");
    assert_eq!(item["kind"], "ritual");
    assert_eq!(item["title"], "Staff meeting");
    assert_eq!(item["id"], 1);

    // Three weeks: three Mondays.
    assert_eq!(
        agenda_json(&db, &["--from", "2026-11-23", "--days", "21"]).len(),
        3
    );

    ok(&db, &["ritual", "skip", "1", "2026-11-30"]);
    let next = agenda_json(&db, &["--from", "2026-11-30"]);
    assert_eq!(next[0]["status"], "skipped");

    ok(
        &db,
        &[
            "ritual",
            "move",
            "1",
            "2026-12-07",
            "--to",
            "2026-12-09T15:30",
        ],
    );
    let moved = agenda_json(&db, &["--from", "2026-12-07"]);
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["date"], "2026-12-09");
    assert_eq!(moved[0]["start"], "15:30");
    assert_eq!(moved[0]["moved"], true);

    let list: serde_json::Value =
        serde_json::from_str(&ok(&db, &["ritual", "list", "--format", "json"])).unwrap();
    assert_eq!(list[0]["name"], "Staff meeting");
    assert_eq!(list[0]["rrule"], "FREQ=WEEKLY;BYDAY=MO");
    assert_eq!(list[0]["schedule"], "weekly on Monday at 10:00, 60 min");
}

#[test]
fn a_one_off_and_a_one_on_one_are_kinds_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["person", "add", "--name", "Ada Lovelace"]);
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "1:1 Ada",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=TU",
            "--start",
            "2026-11-24T09:00",
            "--duration",
            "30",
            "--person",
            "ada",
        ],
    );
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Offsite",
            "--start",
            "2026-11-26T13:00",
            "--duration",
            "240",
        ],
    );
    let items = agenda_json(&db, &[]);
    let kinds: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i["title"].as_str().unwrap(), i["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        vec![("1:1 Ada", "one_on_one"), ("Offsite", "ritual")]
    );
    assert_eq!(items[0]["person"], "Ada Lovelace");
    assert_eq!(items[1]["end"], "17:00");
    let md = ok(&db, &["agenda", "--format", "md"]);
    assert!(
        md.contains("## Thursday 26 November") && md.contains("**13:00–17:00** Offsite"),
        "{md}"
    );
}

#[test]
fn bad_ritual_input_is_refused_and_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let base = [
        "ritual",
        "add",
        "--name",
        "X",
        "--start",
        "2026-11-24T09:00",
    ];
    let with = |extra: &[&'static str]| {
        let mut v: Vec<&str> = base.to_vec();
        v.extend_from_slice(extra);
        v
    };
    fails(
        &db,
        &with(&["--duration", "30", "--rrule", "FREQ=SOMETIMES"]),
        "--rrule",
    );
    fails(&db, &with(&["--duration", "0"]), "at least 1 minute");
    fails(
        &db,
        &with(&["--duration", "30", "--rrule", "FREQ=WEEKLY;UNTIL=20261101"]),
        "before the first meeting",
    );
    fails(
        &db,
        &with(&["--duration", "30", "--person", "nobody"]),
        "--person",
    );
    fails(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "X",
            "--start",
            "someday",
            "--duration",
            "30",
        ],
        "--start",
    );
    fails(&db, &["agenda", "--from", "2026-02-30"], "--from");
    fails(&db, &["agenda", "--days", "0"], "days");
    assert!(!db.exists(), "nothing was saved, so no database was made");
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Staff",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-23T10:00",
            "--duration",
            "60",
        ],
    );
    fails(
        &db,
        &["ritual", "skip", "99", "2026-11-24"],
        "no ritual with id 99",
    );
    fails(
        &db,
        &["ritual", "skip", "1", "2026-11-24"],
        "next one is on Mon 2026-11-30",
    );
}

#[test]
fn init_director_adds_the_standard_rituals_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Priya Raman",
            "--relation",
            "report",
        ],
    );
    ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Jordan Kim",
            "--relation",
            "manager",
        ],
    );
    let out = ok(&db, &["init", "--template", "director"]);
    assert!(out.contains("Added 8 rituals"), "{out}");
    assert!(
        out.contains("Weekly 1:1s added with: Priya Raman."),
        "{out}"
    );
    let again = ok(&db, &["init", "--template", "director"]);
    assert!(again.contains("Nothing to add"), "{again}");
    let list: serde_json::Value =
        serde_json::from_str(&ok(&db, &["ritual", "list", "--format", "json"])).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    for expected in [
        "Staff meeting",
        "Incident and reliability review",
        "Architecture review",
        "Delivery review",
        "Security and compliance sync",
        "Roadmap checkpoint",
        "Monthly business review",
        "Quarterly planning",
        "1:1 Priya Raman",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    let quarterly = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Quarterly planning")
        .unwrap();
    assert_eq!(quarterly["rrule"], "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1WE");
}

#[test]
fn ics_export_is_parseable_stable_and_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Staff meeting",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-02T10:00",
            "--duration",
            "60",
        ],
    );
    ok(&db, &["ritual", "skip", "1", "2026-11-30"]);
    ok(
        &db,
        &[
            "ritual",
            "move",
            "1",
            "2026-12-07",
            "--to",
            "2026-12-09T15:30",
        ],
    );
    let file = dir.path().join("out.ics");
    ok(
        &db,
        &["export", "--format", "ics", "-o", file.to_str().unwrap()],
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text,
        ok(&db, &["export", "--format", "ics"]),
        "re-export is identical"
    );

    let reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendars: Vec<_> = reader.collect::<Result<_, _>>().unwrap();
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    assert_eq!(events.len(), 2, "the series and its moved occurrence");
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(prop(&events[0], "UID").as_deref(), Some("ritual-1@bearing"));
    assert_eq!(
        prop(&events[0], "RRULE").as_deref(),
        Some("FREQ=WEEKLY;BYDAY=MO;WKST=MO")
    );
    assert_eq!(
        prop(&events[0], "EXDATE").as_deref(),
        Some("20261130T100000")
    );
    assert_eq!(
        prop(&events[1], "RECURRENCE-ID").as_deref(),
        Some("20261207T100000")
    );
    assert_eq!(
        prop(&events[1], "DTSTART").as_deref(),
        Some("20261209T153000")
    );
}

#[test]
fn a_second_1on1_rhythm_for_a_person_is_refused_and_a_one_off_beside_it_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Priya Raman",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=TU",
            "--at",
            "10:00",
        ],
    );
    let before = ok(&db, &["export", "--format", "json"]);
    let biweekly = [
        "ritual",
        "add",
        "--name",
        "Priya fortnightly",
        "--rrule",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
        "--start",
        "2026-11-27T14:00",
        "--duration",
        "30",
        "--person",
        "Priya",
    ];
    fails(
        &db,
        &biweekly,
        "Priya Raman already has a 1:1 series, weekly on Tuesday at 10:00, 30 min (ritual 1): \
         change its cadence instead",
    );
    assert_eq!(
        ok(&db, &["export", "--format", "json"]),
        before,
        "nothing saved"
    );
    // The cadence shown is still the one she has.
    let people = json_array(&db, &["person", "list", "--format", "json"]);
    assert_eq!(people[0]["cadence"], "weekly on Tuesday at 10:00");
    // An extra one-off 1:1 is fine, and does not replace the cadence the list shows.
    ok(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Priya catch-up",
            "--start",
            "2026-11-26T16:00",
            "--duration",
            "30",
            "--person",
            "Priya",
        ],
    );
    let people = json_array(&db, &["person", "list", "--format", "json"]);
    assert_eq!(people[0]["cadence"], "weekly on Tuesday at 10:00");
    assert_eq!(people[0]["stats"]["next"], "2026-11-24T10:00:00");
}

#[test]
fn a_1on1_series_is_found_by_the_name_the_lists_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Rosa Fischer",
            "--relation",
            "report",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=TU",
            "--at",
            "10:00",
        ],
    );
    let list = ok(&db, &["ritual", "list"]);
    assert!(list.contains("1:1 Rosa Fischer"), "{list}");
    let out = ok(&db, &["ritual", "skip", "1:1 Rosa Fischer", "2026-11-24"]);
    assert!(
        out.starts_with("Skipped \"1:1 Rosa Fischer\" on Tue 2026-11-24"),
        "{out}"
    );
}
