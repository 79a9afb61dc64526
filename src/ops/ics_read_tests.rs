use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use chrono_tz::Tz;

use super::{parse_duration, read_events};
use crate::domain::calendar::IcsTime;

const GOOGLE: &str = include_str!("../../tests/fixtures/google.ics");
const OUTLOOK: &str = include_str!("../../tests/fixtures/outlook.ics");

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

#[test]
fn google_export_reads_series_overrides_exdates_and_all_day_events() {
    let events = read_events(GOOGLE).unwrap();
    assert_eq!(events.len(), 10);
    let ny: Tz = "America/New_York".parse().unwrap();
    let sync = &events[0];
    assert_eq!(sync.title, "Platform sync");
    assert_eq!(sync.start, IcsTime::Zoned(at("2026-11-02T09:00"), ny));
    assert_eq!(
        sync.rrule.as_deref(),
        Some("FREQ=WEEKLY;WKST=SU;UNTIL=20261231T235959Z;BYDAY=FR,MO,WE")
    );
    // Two EXDATE lines, the second a comma list.
    let exdates: Vec<_> = ["2026-11-25T09:00", "2026-11-04T09:00", "2026-11-06T09:00"]
        .into_iter()
        .map(|t| IcsTime::Zoned(at(t), ny))
        .collect();
    assert_eq!(sync.exdates, exdates);
    let moved = &events[1];
    assert_eq!(moved.uid, sync.uid);
    assert_eq!(
        moved.recurrence_id,
        Some(IcsTime::Zoned(at("2026-11-23T09:00"), ny))
    );
    assert!(events[3].cancelled, "the cancelled standup instance");
    assert_eq!(events[4].title, "Vendor call, Acme", "TEXT is unescaped");
    assert_eq!(events[4].start, IcsTime::Utc(at("2026-11-24T13:00")));
    let day = |d| IcsTime::Date(NaiveDate::from_ymd_opt(2026, 11, d).unwrap());
    assert_eq!(
        (events[5].start.clone(), events[5].end.clone()),
        (day(26), Some(day(27)))
    );
    assert_eq!(events[7].duration, Some(TimeDelta::minutes(90)));
    assert_eq!(events[8].start, IcsTime::Floating(at("2026-11-27T08:00")));
}

#[test]
fn outlook_export_unfolds_lines_and_keeps_unknown_zone_names() {
    let events = read_events(OUTLOOK).unwrap();
    assert_eq!(events.len(), 4);
    assert_eq!(
        events[0].title,
        "Steering committee: quarterly roadmap and budget alignment with finance and product leadership"
    );
    assert_eq!(
        events[0].start,
        IcsTime::UnknownZone(at("2026-11-17T10:00"), "W. Europe Standard Time".into())
    );
    assert!(
        events[0].uid.ends_with("C1D2E3F4A5B6C7D8E9F0A1B2C3D4E5F6"),
        "{}",
        events[0].uid
    );
}

#[test]
fn what_is_not_icalendar_is_refused_with_a_reason() {
    for text in [
        "",
        "hello",
        "{\"kind\": \"json\"}",
        "BEGIN:VCARD\nEND:VCARD\n",
    ] {
        let e = read_events(text).unwrap_err();
        assert!(e.message.contains("not an iCalendar file"), "{text:?}: {e}");
    }
}

#[test]
fn an_event_without_dtstart_is_named_in_the_error() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x1\r\nSUMMARY:Lunch\r\n\
                END:VEVENT\r\nEND:VCALENDAR\r\n";
    let e = read_events(text).unwrap_err();
    assert_eq!(e.message, "event \"Lunch\" (UID x1) has no DTSTART");
}

#[test]
fn an_unreadable_date_is_named_in_the_error() {
    let text =
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x2\nDTSTART:tomorrow\nEND:VEVENT\nEND:VCALENDAR\n";
    let e = read_events(text).unwrap_err();
    assert!(
        e.message.contains("cannot read DTSTART \"tomorrow\""),
        "{e}"
    );
}

#[test]
fn durations() {
    let cases = [
        ("PT1H30M", Some(TimeDelta::minutes(90))),
        ("P1D", Some(TimeDelta::days(1))),
        ("P2W", Some(TimeDelta::days(14))),
        ("P1DT12H", Some(TimeDelta::hours(36))),
        ("PT45S", Some(TimeDelta::seconds(45))),
        ("+PT15M", Some(TimeDelta::minutes(15))),
        ("-PT15M", Some(TimeDelta::zero())),
        ("pt1h", Some(TimeDelta::hours(1))),
        ("P", None),
        ("PT", None),
        ("PT1X", None),
        ("1H", None),
        ("PT1H30", None),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_duration(text), expected, "{text}");
    }
}

#[test]
fn overlong_titles_are_cut_to_a_line_not_refused() {
    let summary = "Q".repeat(5_000);
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:long\r\nSUMMARY:{summary}\r\n\
         DTSTART:20261124T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let events = read_events(&text).unwrap();
    let max = crate::domain::text::LINE_MAX;
    assert_eq!(events[0].title.chars().count(), max);
    assert!(events[0].title.ends_with('…'));
}
