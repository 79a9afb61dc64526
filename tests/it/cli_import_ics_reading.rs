//! `bearing import-ics`: how a file's lines, versions and zones are read, and what the import
//! says about them.

use crate::support;

use std::path::Path;
use support::{ics, stderr, stdout};

/// `bearing` with the local time zone pinned: imported times are converted to it.
fn bearing(db: &Path, args: &[&str]) -> std::process::Output {
    support::bearing_in("Europe/Berlin", db, args)
}

/// Imports `bytes` as a calendar file into the database `db`: standard output and error.
fn import(dir: &Path, db: &Path, bytes: &[u8]) -> (String, String) {
    let file = dir.join("cal.ics");
    std::fs::write(&file, bytes).unwrap();
    let out = bearing(db, &["import-ics", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (stdout(&out), stderr(&out))
}

#[test]
fn a_line_folded_inside_a_character_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let folded = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n\
        SUMMARY:Caf\xc3\r\n \xa9 r\xc3\r\n \xa9union\r\nDTSTART:20261124T100000Z\r\n\
        DTEND:20261124T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    import(dir.path(), &db, folded);
    let out = bearing(&db, &["agenda"]);
    assert!(
        stdout(&out).contains("  11:00–12:00  Café réunion  (calendar)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_notes_agree_with_one_event_and_with_several() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let one = ics(
        "",
        &[
            "UID:a\nSUMMARY:Gym\nDTSTART:20261124T070000\nDTEND:20261124T080000",
            "UID:b\nSUMMARY:Steering\nDTSTART;TZID=Mars Standard Time:20261124T100000",
        ],
    );
    let (_, notes) = import(dir.path(), &db, one.as_bytes());
    assert!(
        notes.contains(
            "Note: 1 event uses a time zone Bearing does not know (\"Mars Standard Time\"); \
             its times were read as local time: \"Steering\"."
        ),
        "{notes}"
    );
    assert!(
        notes.contains("Note: 1 event has floating times (no time zone), shown at"),
        "{notes}"
    );
    let two = ics(
        "",
        &[
            "UID:a\nSUMMARY:Gym\nDTSTART:20261124T070000",
            "UID:c\nSUMMARY:Run\nDTSTART:20261125T070000",
            "UID:b\nSUMMARY:Steering\nDTSTART;TZID=Mars Standard Time:20261124T100000",
            "UID:d\nSUMMARY:Budget\nDTSTART;TZID=Venus Standard Time:20261124T100000",
        ],
    );
    let (_, notes) = import(dir.path(), &db, two.as_bytes());
    assert!(
        notes.contains("Note: 2 events use time zones Bearing does not know ("),
        "{notes}"
    );
    assert!(
        notes.contains("; their times were read as local time: "),
        "{notes}"
    );
    assert!(
        notes.contains("Note: 2 events have floating times (no time zone), shown at"),
        "{notes}"
    );
}

#[test]
fn a_change_of_every_later_meeting_is_named_as_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let text = ics(
        "",
        &[
            "UID:s\nSUMMARY:Standup\nDTSTART:20261123T090000Z\nDTEND:20261123T091500Z\n\
             RRULE:FREQ=DAILY;COUNT=10",
            "UID:s\nRECURRENCE-ID;RANGE=THISANDFUTURE:20261125T090000Z\n\
             SUMMARY:Standup (later)\nDTSTART:20261125T100000Z\nDTEND:20261125T101500Z",
        ],
    );
    let (_, notes) = import(dir.path(), &db, text.as_bytes());
    assert!(
        notes.contains(
            "Note: these change one meeting of a series and every later one \
             (RANGE=THISANDFUTURE), which Bearing does not follow; only that one meeting was \
             changed: \"Standup (later)\"."
        ),
        "{notes}"
    );
}

#[test]
fn of_two_versions_of_an_event_only_the_newest_shows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let text = ics(
        "",
        &[
            "UID:p\nSEQUENCE:3\nSUMMARY:Planning (updated)\nDTSTART:20261124T130000Z\n\
             DTEND:20261124T140000Z",
            "UID:p\nSEQUENCE:2\nSUMMARY:Planning\nDTSTART:20261124T090000Z\nDTEND:20261124T100000Z",
        ],
    );
    let (out, _) = import(dir.path(), &db, text.as_bytes());
    assert!(out.starts_with("Imported 1 event (0 recurring)"), "{out}");
    let agenda = stdout(&bearing(&db, &["agenda"]));
    assert!(
        agenda.contains("Tue 24 Nov\n  14:00–15:00  Planning (updated)  (calendar)\n\nWed"),
        "{agenda}"
    );
}

#[test]
fn a_floating_recurrence_id_names_a_meeting_by_the_clock_of_its_series() {
    // The series runs in New York (09:00 there is 15:00 in Berlin); its changes name their
    // meetings with no zone, as 09:00.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let text = ics(
        "",
        &[
            "UID:w\nSUMMARY:Weekly\nDTSTART;TZID=America/New_York:20261123T090000\n\
             DTEND;TZID=America/New_York:20261123T093000\nRRULE:FREQ=WEEKLY;COUNT=4",
            "UID:w\nRECURRENCE-ID:20261130T090000\nSUMMARY:Weekly (moved)\n\
             DTSTART;TZID=America/New_York:20261201T100000\n\
             DTEND;TZID=America/New_York:20261201T103000",
            "UID:w\nRECURRENCE-ID:20261207T090000\nSTATUS:CANCELLED\nSUMMARY:Weekly\n\
             DTSTART;TZID=America/New_York:20261207T090000",
        ],
    );
    import(dir.path(), &db, text.as_bytes());
    let agenda = stdout(&bearing(
        &db,
        &["agenda", "--from", "2026-11-30", "--days", "14"],
    ));
    let shown: Vec<&str> = agenda.lines().filter(|l| l.contains("Weekly")).collect();
    assert_eq!(
        shown,
        ["  16:00–16:30  Weekly (moved)  (calendar, moved from Mon 15:00)"],
        "{agenda}"
    );
}

#[test]
fn floating_times_are_read_in_the_zone_the_calendar_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let text = ics(
        "X-WR-TIMEZONE:America/New_York\r\n",
        &["UID:g\nSUMMARY:Gym\nDTSTART:20261124T090000\nDTEND:20261124T100000"],
    );
    let (_, notes) = import(dir.path(), &db, text.as_bytes());
    assert_eq!(
        notes,
        "Note: 1 event has no time zone of its own, read in the calendar's zone \
         America/New_York (X-WR-TIMEZONE): \"Gym\".\n"
    );
    let agenda = stdout(&bearing(&db, &["agenda"]));
    assert!(
        agenda.contains("Tue 24 Nov\n  15:00–16:00  Gym  (calendar)\n"),
        "{agenda}"
    );
}
