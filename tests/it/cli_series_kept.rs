//! What a user gave a series survives an edit of something else. Its end (`ritual end`, or an
//! UNTIL or COUNT in its rule) survives a new cadence, hour or length from `person edit` and a
//! new rule from `ritual edit`; a 1:1 series' agenda, prep, place, attendees and name survive a
//! new hour or cadence.

use crate::support;

use std::path::Path;
use support::{bearing, json_array, ok, stderr};

/// Wednesday 2 December 2026: every edit here is made then.
const WEDNESDAY: &str = "2026-12-02T09:00";

/// A database with Rosa's Thursday 10:00 1:1s, added at `added` with `rule`.
fn rosa(added: &str, rule: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(
        &db,
        &[
            "--now",
            added,
            "person",
            "add",
            "--name",
            "Rosa",
            "--cadence",
            rule,
            "--at",
            "10:00",
        ],
    );
    (dir, db)
}

/// `ritual end` of Rosa's series (ritual 1) on `day`, at `now`.
fn end_on(db: &Path, now: &str, day: &str) {
    ok(db, &["--now", now, "ritual", "end", "1", "--on", day]);
}

/// The meetings of the agenda from Monday 30 November for six weeks, as of Wednesday:
/// ("date start", minutes).
fn meetings(db: &Path) -> Vec<(String, i64)> {
    let args = [
        "--now",
        WEDNESDAY,
        "agenda",
        "--from",
        "2026-11-30",
        "--days",
        "42",
        "--format",
        "json",
    ];
    json_array(db, &args)
        .into_iter()
        .map(|i| {
            let (start, end) = (i["start"].as_str().unwrap(), i["end"].as_str().unwrap());
            let minutes = |t: &str| {
                let (h, m) = t.split_once(':').unwrap();
                h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
            };
            (
                format!("{} {start}", i["date"].as_str().unwrap()),
                minutes(end) - minutes(start),
            )
        })
        .collect()
}

fn at_ten(days: &[&str], minutes: i64) -> Vec<(String, i64)> {
    days.iter()
        .map(|d| (format!("{d} 10:00"), minutes))
        .collect()
}

/// Rosa's 1:1s ended on 17 December with `ritual end`, then given Fridays (or a new length):
/// the Fridays stop at the same end, whether the series had met or not. A new cadence ran on
/// forever, every Friday into next year.
#[test]
fn an_ended_one_on_one_keeps_its_end_through_a_new_cadence_or_length() {
    let fridays = at_ten(&["2026-12-04", "2026-12-11"], 30);
    let longer = at_ten(&["2026-12-03", "2026-12-10", "2026-12-17"], 45);
    // (added on, edit, meetings)
    for (added, edit, expected) in [
        (
            "2026-11-02T09:00",
            ["--cadence", "FREQ=WEEKLY;BYDAY=FR"],
            &fridays,
        ),
        (
            "2026-12-01T09:00",
            ["--cadence", "FREQ=WEEKLY;BYDAY=FR"],
            &fridays,
        ),
        ("2026-11-02T09:00", ["--duration", "45"], &longer),
    ] {
        let case = format!("added {added}, {edit:?}");
        let (_dir, db) = rosa(added, "FREQ=WEEKLY;BYDAY=TH");
        end_on(&db, added, "2026-12-17");
        let said = ok(
            &db,
            &[&["--now", WEDNESDAY, "person", "edit", "rosa"][..], &edit].concat(),
        );
        assert_eq!(&meetings(&db), expected, "{case}");
        if edit[0] == "--cadence" {
            assert!(
                said.contains("still end on Thu 2026-12-17"),
                "{case}: {said}"
            );
        }
    }
}

/// A 1:1 series of six meetings (5 Nov to 10 Dec) given a new hour: the meetings left are at
/// the new hour and it still ends on 10 December. The new series counted six again from the
/// change, to 7 January.
#[test]
fn a_counted_one_on_one_given_a_new_hour_ends_on_the_same_day() {
    let (_dir, db) = rosa("2026-11-02T09:00", "FREQ=WEEKLY;BYDAY=TH;COUNT=6");
    ok(
        &db,
        &[
            "--now", WEDNESDAY, "person", "edit", "rosa", "--at", "15:00",
        ],
    );
    let expected = [
        ("2026-12-03 15:00".to_string(), 30),
        ("2026-12-10 15:00".to_string(), 30),
    ];
    assert_eq!(meetings(&db), expected);
}

/// A cadence with an end of its own moves the end; one with no meeting before the kept end is
/// refused (exit 2) and saves nothing; after `--no-cadence` (over, nothing ahead) a new
/// cadence starts afresh and goes on.
#[test]
fn the_end_moves_only_by_a_rule_that_says_so() {
    let (_dir, db) = rosa("2026-11-02T09:00", "FREQ=WEEKLY;BYDAY=TH");
    end_on(&db, WEDNESDAY, "2026-12-03");
    let export = ["--now", WEDNESDAY, "export", "--format", "json"];
    let before = ok(&db, &export);
    let friday = [
        "--now",
        WEDNESDAY,
        "person",
        "edit",
        "rosa",
        "--cadence",
        "FREQ=WEEKLY;BYDAY=FR",
    ];
    let refused = bearing(&db, &friday);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("--cadence: \"1:1 Rosa\" ends on Thu 2026-12-03"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(ok(&db, &export), before, "nothing saved");

    let until = [&friday[..6], &["FREQ=WEEKLY;BYDAY=FR;UNTIL=20261218"]].concat();
    let said = ok(&db, &until);
    assert!(!said.contains("still end"), "{said}");
    let fridays = at_ten(&["2026-12-04", "2026-12-11", "2026-12-18"], 30);
    assert_eq!(meetings(&db), fridays);

    let (_dir, db) = rosa("2026-11-02T09:00", "FREQ=WEEKLY;BYDAY=TH");
    ok(
        &db,
        &["--now", WEDNESDAY, "person", "edit", "rosa", "--no-cadence"],
    );
    ok(&db, &friday);
    assert_eq!(meetings(&db).len(), 6, "every Friday from 4 Dec");
}

/// `ritual edit --rrule` on a series ended with `ritual end` keeps the end, whether the series
/// had met (it splits) or not (it changes whole). The new rule ran on forever.
#[test]
fn a_new_rule_for_an_ended_ritual_keeps_its_end() {
    for added in ["2026-11-02T09:00", "2026-12-01T09:00"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.db");
        let start = format!("{}T10:00", &added[..10]);
        ok(
            &db,
            &[
                "--now",
                added,
                "ritual",
                "add",
                "--name",
                "Sync",
                "--rrule",
                "FREQ=WEEKLY;BYDAY=TH",
                "--start",
                &start,
                "--duration",
                "30",
            ],
        );
        end_on(&db, added, "2026-12-17");
        ok(
            &db,
            &[
                "--now",
                WEDNESDAY,
                "ritual",
                "edit",
                "sync",
                "--rrule",
                "FREQ=WEEKLY;BYDAY=FR",
            ],
        );
        let fridays = at_ten(&["2026-12-04", "2026-12-11"], 30);
        assert_eq!(meetings(&db), fridays, "added {added}");
    }
}

/// A 1:1 series given an agenda, prep time, a place, attendees and a name of its own (`ritual
/// edit`), then a new hour or cadence (`person edit`): the new series has them all. It had the
/// defaults (no agenda, 5 min prep, "1:1 Rosa" with Rosa alone). A new name for the person
/// takes the old one's place in the series' name and attendees; Sam stays invited (the
/// attendees were reset to the person alone).
#[test]
fn a_new_one_on_one_hour_keeps_what_the_series_was_given() {
    for edit in [["--at", "11:00"], ["--cadence", "FREQ=WEEKLY;BYDAY=FR"]] {
        let (_dir, db) = rosa("2026-11-02T09:00", "FREQ=WEEKLY;BYDAY=TH");
        ok(
            &db,
            &[
                "--now",
                "2026-11-02T09:00",
                "ritual",
                "edit",
                "1",
                "--name",
                "Rosa weekly",
                "--agenda",
                "Wins\nBlockers",
                "--prep",
                "10",
                "--location",
                "Room 4",
                "--attendees",
                "Rosa, Sam",
            ],
        );
        ok(
            &db,
            &[&["--now", WEDNESDAY, "person", "edit", "rosa"][..], &edit].concat(),
        );
        let shown = ok(&db, &["--now", WEDNESDAY, "ritual", "show", "2"]);
        for kept in [
            "ritual 2  Rosa weekly",
            "prep:      10 min",
            "location:  Room 4",
            "attendees: Rosa, Sam",
            "  Wins\n  Blockers",
        ] {
            assert!(shown.contains(kept), "{edit:?}: {kept}: {shown}");
        }
        ok(
            &db,
            &[
                "--now", WEDNESDAY, "person", "edit", "rosa", "--name", "Rosie", "--at", "12:00",
            ],
        );
        let shown = ok(&db, &["--now", WEDNESDAY, "ritual", "show", "3"]);
        assert!(shown.contains("ritual 3  Rosie weekly"), "{shown}");
        assert!(shown.contains("attendees: Rosie, Sam"), "{shown}");
        assert!(shown.contains("location:  Room 4"), "{shown}");
        // A new name alone changes the series in place, and keeps Sam invited.
        ok(
            &db,
            &[
                "--now", WEDNESDAY, "person", "edit", "rosie", "--name", "Rosalind",
            ],
        );
        let shown = ok(&db, &["--now", WEDNESDAY, "ritual", "show", "3"]);
        assert!(shown.contains("ritual 3  Rosalind weekly"), "{shown}");
        assert!(shown.contains("attendees: Rosalind, Sam"), "{shown}");
    }
}

/// Rosa's 1:1s ended on 17 December, then `ritual edit --no-end`: they go on every Thursday
/// after it, and the meetings before are where they were. The end could not be taken away: a
/// rule typed without it got it back. On a one-off meeting it is refused, nothing changed.
#[test]
fn no_end_takes_a_series_end_away() {
    let (_dir, db) = rosa("2026-11-02T09:00", "FREQ=WEEKLY;BYDAY=TH");
    end_on(&db, WEDNESDAY, "2026-12-17");
    assert_eq!(
        meetings(&db),
        at_ten(&["2026-12-03", "2026-12-10", "2026-12-17"], 30)
    );
    let said = ok(
        &db,
        &["--now", WEDNESDAY, "ritual", "edit", "1", "--no-end"],
    );
    assert!(said.contains("weekly on Thursday at 10:00"), "{said}");
    assert_eq!(
        meetings(&db),
        at_ten(
            &[
                "2026-12-03",
                "2026-12-10",
                "2026-12-17",
                "2026-12-24",
                "2026-12-31",
                "2027-01-07"
            ],
            30
        )
    );
    ok(
        &db,
        &[
            "--now",
            WEDNESDAY,
            "ritual",
            "add",
            "--name",
            "Offsite",
            "--start",
            "2026-12-10T09:00",
            "--duration",
            "60",
        ],
    );
    let before = ok(&db, &["export", "--format", "json"]);
    let out = bearing(
        &db,
        &["--now", WEDNESDAY, "ritual", "edit", "offsite", "--no-end"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--no-end: a one-off meeting has no end to take away"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ok(&db, &["export", "--format", "json"]), before);
}
