use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::{import_ics, remove_calendar};
use crate::ops::agenda::calendar_days_in;
use crate::ops::ics_read::tests::ics;
use crate::schedule::agenda::{calendar_items, sort};
use crate::store::Store;

const GOOGLE: &str = include_str!("../../tests/fixtures/google.ics");
const OUTLOOK: &str = include_str!("../../tests/fixtures/outlook.ics");

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn berlin() -> Tz {
    "Europe/Berlin".parse().unwrap()
}

/// The week of `now` as the agenda shows imported events, in Berlin.
fn week(store: &Store) -> Vec<String> {
    let monday = now().date();
    let sunday = monday + chrono::Duration::days(7);
    let events = calendar_days_in(store, monday, sunday, &berlin())
        .unwrap()
        .events;
    let mut items = calendar_items(&events, monday, sunday);
    sort(&mut items);
    items
        .into_iter()
        .map(|i| {
            let when = match (i.start, i.end) {
                (Some(s), Some(e)) => format!("{}-{}", s.format("%H:%M"), e.format("%H:%M")),
                _ => "all day".into(),
            };
            format!("{} {when} {}", i.date.format("%a"), i.title)
        })
        .collect()
}

#[test]
fn the_google_export_shows_on_the_agenda_in_local_time() {
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_ics(&mut store, "work", GOOGLE, now(), &berlin()).unwrap();
    assert_eq!(
        (summary.events, summary.recurring, summary.replaced),
        (7, 2, 0)
    );
    assert_eq!(
        week(&store),
        [
            "Mon 09:30-09:45 Standup",
            "Mon 17:00-18:00 Platform sync (moved)",
            "Tue 14:00-15:00 Vendor call, Acme",
            "Wed 09:30-09:45 Standup",
            "Thu all day Thanksgiving (US office closed)",
            "Thu 09:30-09:45 Standup",
            "Thu 14:00-15:30 Focus time",
            "Fri 08:00-09:00 Dentist",
            "Fri 09:30-09:45 Standup",
            "Fri 15:00-15:30 Platform sync",
            "Sat all day Leadership offsite",
            "Sun all day Leadership offsite",
        ]
    );
}

#[test]
fn reimport_replaces_its_own_source_only_and_bad_input_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    import_ics(&mut store, "work", GOOGLE, now(), &berlin()).unwrap();
    let outlook = import_ics(&mut store, "corp", OUTLOOK, now(), &berlin()).unwrap();
    assert_eq!((outlook.events, outlook.recurring), (4, 1));
    assert_eq!(
        outlook.unknown_zone_events, 0,
        "W. Europe Standard Time is Europe/Berlin"
    );
    let both = week(&store);
    assert_eq!(both.len(), 12 + 4);

    let again = import_ics(&mut store, "work", GOOGLE, now(), &berlin()).unwrap();
    assert_eq!(again.replaced, 7);
    assert_eq!(week(&store), both, "replaced, not duplicated");

    let broken = GOOGLE.replace("DTSTART:20261127T080000\r\n", "");
    let e = import_ics(&mut store, "work", &broken, now(), &berlin()).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("\"Dentist\""), "{e}");
    assert_eq!(week(&store), both, "a failed import changes nothing");

    let empty = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    let cleared = import_ics(&mut store, "work", empty, now(), &berlin()).unwrap();
    assert_eq!((cleared.events, cleared.replaced), (0, 7));
    assert_eq!(week(&store).len(), 4, "corp stays");

    assert_eq!(remove_calendar(&mut store, "corp").unwrap(), 4);
    assert!(week(&store).is_empty());
    let e = remove_calendar(&mut store, "corp").unwrap_err();
    assert!(
        e.to_string().contains("no calendar has been imported"),
        "{e}"
    );
}

#[test]
fn a_range_the_import_did_not_check_is_left_off_when_it_would_flood_the_agenda() {
    // 80 series of 4 a day that start in 2030, beyond the years an import checks.
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for n in 0..80 {
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:s{n}\r\nSUMMARY:Series {n}\r\nDTSTART:20300101T080000Z\r\n\
             DTEND:20300101T081500Z\r\nRRULE:FREQ=DAILY;BYHOUR=8,10,12,14\r\nEND:VEVENT\r\n"
        ));
    }
    text.push_str("END:VCALENDAR\r\n");
    let mut store = Store::open_in_memory().unwrap();
    import_ics(&mut store, "dense", &text, now(), &berlin()).unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let week = calendar_days_in(&store, day(2030, 6, 3), day(2030, 6, 10), &berlin()).unwrap();
    assert_eq!((week.events.len(), week.left_off), (80 * 4 * 7, None));
    let year = calendar_days_in(&store, day(2030, 1, 1), day(2031, 1, 1), &berlin()).unwrap();
    assert!(year.events.is_empty());
    let why = year.left_off.unwrap();
    assert!(why.contains("more than 100000 events"), "{why}");
}

/// `week`, each item that overlaps another marked with "!", a time with no end shown alone.
fn week_marked(store: &Store) -> Vec<String> {
    let monday = now().date();
    let sunday = monday + chrono::Duration::days(7);
    let events = calendar_days_in(store, monday, sunday, &berlin())
        .unwrap()
        .events;
    let mut items = calendar_items(&events, monday, sunday);
    sort(&mut items);
    crate::schedule::agenda::mark_conflicts(&mut items);
    items
        .into_iter()
        .map(|i| {
            let when = match (i.start, i.end) {
                (Some(s), Some(e)) => format!("{}-{}", s.format("%H:%M"), e.format("%H:%M")),
                (Some(s), None) => s.format("%H:%M").to_string(),
                _ => "all day".into(),
            };
            let mark = if i.conflict { " !" } else { "" };
            format!("{} {when} {}{mark}", i.date.format("%a"), i.title)
        })
        .collect()
}

#[test]
fn a_timed_event_over_several_days_shows_on_each_day_and_overlaps_there() {
    let text = ics(
        "",
        &[
            "UID:oncall\nSUMMARY:Weekend on call\nDTSTART:20261121T080000Z\nDTEND:20261123T080000Z",
            "UID:offsite\nSUMMARY:Offsite\nDTSTART:20261123T090000Z\nDTEND:20261125T170000Z",
            "UID:sync\nSUMMARY:Sync\nDTSTART:20261124T100000Z\nDTEND:20261124T110000Z",
            "UID:night\nSUMMARY:Night shift\nDTSTART:20261126T200000Z\nDURATION:PT24H",
            "UID:late\nSUMMARY:Late\nDTSTART:20261127T190000Z\nDTEND:20261127T200000Z",
            "UID:evening\nSUMMARY:Evening\nDTSTART:20261128T180000Z\nDTEND:20261128T230000Z",
        ],
    );
    let mut store = Store::open_in_memory().unwrap();
    import_ics(&mut store, "work", &text, now(), &berlin()).unwrap();
    // Berlin is an hour ahead of UTC in November; midnight ends a day as "00:00".
    assert_eq!(
        week_marked(&store),
        [
            "Mon 00:00-09:00 Weekend on call",
            "Mon 10:00-00:00 Offsite",
            "Tue 00:00-00:00 Offsite !",
            "Tue 11:00-12:00 Sync !",
            "Wed 00:00-18:00 Offsite",
            "Thu 21:00-00:00 Night shift",
            "Fri 00:00-21:00 Night shift !",
            "Fri 20:00-21:00 Late !",
            "Sat 19:00-00:00 Evening",
        ]
    );
}

#[test]
fn an_event_with_no_end_takes_no_time_and_overlaps_nothing() {
    let text = ics(
        "",
        &[
            "UID:release\nSUMMARY:Release\nDTSTART;TZID=Europe/Berlin:20261124T100000",
            "UID:review\nSUMMARY:Review\nDTSTART;TZID=Europe/Berlin:20261124T140000\n\
             DTEND;TZID=Europe/Berlin:20261124T150000",
            "UID:midnight\nSUMMARY:Midnight\nDTSTART;TZID=Europe/Berlin:20261125T000000",
            "UID:standup\nSUMMARY:Standup\nDTSTART;TZID=Europe/Berlin:20261125T093000\n\
             DTEND;TZID=Europe/Berlin:20261125T094500",
        ],
    );
    let mut store = Store::open_in_memory().unwrap();
    import_ics(&mut store, "work", &text, now(), &berlin()).unwrap();
    assert_eq!(
        week_marked(&store),
        [
            "Tue 10:00 Release",
            "Tue 14:00-15:00 Review",
            "Wed 00:00 Midnight",
            "Wed 09:30-09:45 Standup",
        ]
    );
}

#[test]
fn a_change_of_every_later_meeting_is_named_in_the_summary() {
    let text = ics(
        "",
        &[
            "UID:s\nSUMMARY:Standup\nDTSTART:20261123T090000Z\nDTEND:20261123T091500Z\n\
             RRULE:FREQ=DAILY;COUNT=10",
            "UID:s\nRECURRENCE-ID;RANGE=THISANDFUTURE:20261125T090000Z\n\
             SUMMARY:Standup (later)\nDTSTART:20261125T100000Z\nDTEND:20261125T101500Z",
            "UID:s\nRECURRENCE-ID:20261126T090000Z\nSUMMARY:Standup (once)\n\
             DTSTART:20261126T100000Z\nDTEND:20261126T101500Z",
        ],
    );
    let mut store = Store::open_in_memory().unwrap();
    let summary = import_ics(&mut store, "work", &text, now(), &berlin()).unwrap();
    assert_eq!(summary.this_and_future, ["Standup (later)"]);
}
