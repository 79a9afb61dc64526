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
        sync.rrules,
        ["FREQ=WEEKLY;WKST=SU;UNTIL=20261231T235959Z;BYDAY=FR,MO,WE"]
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
    // Floating, in a calendar that names its zone (X-WR-TIMEZONE): read in that zone.
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    assert_eq!(
        events[8].start,
        IcsTime::Zoned(at("2026-11-27T08:00"), berlin)
    );
}

#[test]
fn outlook_export_unfolds_lines_and_reads_windows_zone_names_as_iana_zones() {
    let events = read_events(OUTLOOK).unwrap();
    assert_eq!(events.len(), 4);
    assert_eq!(
        events[0].title,
        "Steering committee: quarterly roadmap and budget alignment with finance and product leadership"
    );
    // "W. Europe Standard Time" is Europe/Berlin (CLDR), as its VTIMEZONE's +01:00 in winter says.
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    assert_eq!(
        events[0].start,
        IcsTime::Zoned(at("2026-11-17T10:00"), berlin)
    );
    assert_eq!(
        events[0].exdates,
        [IcsTime::Zoned(at("2026-12-01T10:00"), berlin)]
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

fn nested(levels: usize, begin: &str, end: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\n{}{}END:VCALENDAR\r\n",
        format!("{begin}\r\n").repeat(levels),
        format!("{end}\r\n").repeat(levels)
    )
}

#[test]
fn nesting_is_bounded_before_the_parser_recurses() {
    // Sixteen levels (the calendar and fifteen inside it) parse; seventeen do not.
    assert!(read_events(&nested(15, "BEGIN:X-A", "END:X-A")).is_ok());
    let e = read_events(&nested(16, "BEGIN:X-A", "END:X-A")).unwrap_err();
    assert!(
        e.message
            .starts_with("its components nest 17 deep (at most 16 are allowed"),
        "{e}"
    );
    // The parser matches BEGIN in any case, so the count does too; 10,000 levels no longer
    // overflow the stack.
    let e = read_events(&nested(10_000, "begin:vevent", "end:vevent")).unwrap_err();
    assert!(e.message.contains("nest 10001 deep"), "{e}");
    // An END that closes nothing stops the parser where it stands: counting it as a close
    // still bounds how deep the parser got, and 10,000 of them never overflow the stack.
    let mismatched = format!(
        "BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n",
        "BEGIN:X-A\r\nEND:X-B\r\n".repeat(10_000)
    );
    let e = read_events(&mismatched).unwrap_err();
    assert!(e.message.starts_with("it is not valid iCalendar"), "{e}");
}

#[test]
fn the_number_of_events_and_the_size_are_bounded() {
    // Each its own event: versions of one event (one UID) would count once.
    let calendar = |n: usize| {
        let events: String = (0..n)
            .map(|n| {
                format!("BEGIN:VEVENT\r\nUID:e{n}\r\nDTSTART:20261123T090000Z\r\nEND:VEVENT\r\n")
            })
            .collect();
        format!("BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n")
    };
    assert_eq!(
        read_events(&calendar(super::MAX_EVENTS)).unwrap().len(),
        50_000
    );
    let e = read_events(&calendar(super::MAX_EVENTS + 1)).unwrap_err();
    assert_eq!(
        e.message,
        "it holds 50001 events (Bearing reads at most 50000; export a shorter period)"
    );
    let huge = format!("{}{}", calendar(1), " ".repeat(super::MAX_FILE_BYTES));
    let e = read_events(&huge).unwrap_err();
    assert!(e.message.starts_with("it is larger than 64 MB"), "{e}");
}

#[test]
fn control_characters_from_the_file_are_escaped_in_messages() {
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\u{1b}]0;owned\u{7}\r\n\
                SUMMARY:\u{1b}[2Jboom\r\nDTSTART:\u{1b}[31mred\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let e = read_events(text).unwrap_err();
    assert!(!e.message.contains('\u{1b}'), "{e}");
    assert!(
        e.message
            .starts_with("event \"␛[2Jboom\" (UID x␛]0;owned␇): cannot read DTSTART \"␛[31mred\""),
        "{e}"
    );
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

#[test]
fn bare_carriage_returns_end_lines_and_long_lines_never_panic() {
    // Classic Mac OS line ends: read like CRLF ones.
    let event = "BEGIN:VEVENT\rUID:cr\rSUMMARY:Old Mac\rDTSTART:20261123T090000Z\rEND:VEVENT\r";
    let events = read_events(&format!(
        "BEGIN:VCALENDAR\rVERSION:2.0\r{event}END:VCALENDAR\r"
    ))
    .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].title, "Old Mac");
    // The tester's file: 12,000 properties and no event, all on bare CRs (the parser's error
    // formatting panicked on it, "Formatting argument out of range").
    let long = format!(
        "BEGIN:VCALENDAR\rVERSION:2.0\r{}END:VCALENDAR\r",
        "X-A:b\r".repeat(12_000)
    );
    assert!(read_events(&long).unwrap().is_empty());
    // An error 70,000 characters into a line is reported by its line.
    let far = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-{}\u{1}:b\r\nEND:VCALENDAR\r\n",
        "A".repeat(70_000)
    );
    let e = read_events(&far).unwrap_err();
    assert_eq!(
        e.message,
        "it is not valid iCalendar (content line 3 cannot be read)"
    );
}

#[test]
fn a_calendar_on_bare_line_feeds_reads_as_fast_as_one_on_crlf() {
    let events: String = (0..20_000)
        .map(|n| format!("BEGIN:VEVENT\nUID:e{n}\nDTSTART:20261123T090000Z\nEND:VEVENT\n"))
        .collect();
    let text = format!("BEGIN:VCALENDAR\n{events}END:VCALENDAR\n");
    let started = std::time::Instant::now();
    assert_eq!(read_events(&text).unwrap().len(), 20_000);
    // Over 10 s before (the parser searched the rest of the file for each line's CRLF).
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_line_folded_inside_a_character_is_joined_before_it_is_read_as_utf8() {
    // "Café réunion" folded after the first byte of each "é" (RFC 5545 folds at octets), once
    // with CRLF and a space, once with a bare LF and a tab.
    let mut bytes = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Caf\xc3\r\n \xa9 r\xc3\n\t\xa9union\r\n"
        .to_vec();
    bytes.extend_from_slice(b"DTSTART:20261124T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    let text = super::unfolded_text(&bytes);
    let events = read_events(&text).unwrap();
    assert_eq!(events[0].title, "Café réunion");
    // What is not UTF-8 still reads as U+FFFD, and a line that is not folded stays a line.
    assert_eq!(super::unfolded_text(b"A\xff\r\nB\n C"), "A\u{fffd}\r\nBC");
}

/// A calendar holding `events` (the lines of each VEVENT), with `head` at the calendar level.
pub(crate) fn ics(head: &str, events: &[&str]) -> String {
    let mut text = format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}");
    for body in events {
        text.push_str("BEGIN:VEVENT\r\n");
        for line in body.lines() {
            text.push_str(line.trim());
            text.push_str("\r\n");
        }
        text.push_str("END:VEVENT\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

#[test]
fn the_highest_sequence_wins_then_the_latest_stamp_then_the_last_in_the_file() {
    let text = ics(
        "",
        &[
            "UID:a\nSEQUENCE:2\nSUMMARY:Planning (new)\nDTSTART:20261124T100000Z",
            "UID:a\nSEQUENCE:1\nSUMMARY:Planning (old)\nDTSTART:20261124T090000Z",
            "UID:b\nRECURRENCE-ID:20261124T100000Z\nSEQUENCE:1\nDTSTAMP:20261110T000000Z\n\
             SUMMARY:Moved (late stamp)\nDTSTART:20261124T120000Z",
            "UID:b\nRECURRENCE-ID:20261124T100000Z\nSEQUENCE:1\nDTSTAMP:20261101T000000Z\n\
             SUMMARY:Moved (early stamp)\nDTSTART:20261124T130000Z",
            "UID:b\nRECURRENCE-ID:20261201T100000Z\nSUMMARY:Other instance\n\
             DTSTART:20261201T110000Z",
            "UID:c\nSUMMARY:C first\nDTSTART:20261124T100000Z",
            "UID:c\nSUMMARY:C second\nDTSTART:20261124T100000Z",
        ],
    );
    let titles: Vec<String> = read_events(&text)
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect();
    assert_eq!(
        titles,
        [
            "Planning (new)",
            "Moved (late stamp)",
            "Other instance",
            "C second"
        ]
    );
}

#[test]
fn floating_times_are_read_in_the_zone_the_calendar_names() {
    let text = ics(
        "X-WR-TIMEZONE:Europe/Berlin\r\n",
        &[
            "UID:a\nSUMMARY:Floating\nDTSTART:20261124T100000\nDTEND:20261124T110000\n\
             RRULE:FREQ=DAILY;COUNT=3\nEXDATE:20261125T100000",
            "UID:b\nSUMMARY:Utc\nDTSTART:20261124T100000Z",
            "UID:c\nSUMMARY:New York\nDTSTART;TZID=America/New_York:20261124T100000",
        ],
    );
    let events = read_events(&text).unwrap();
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let ny: Tz = "America/New_York".parse().unwrap();
    assert_eq!(
        events[0].start,
        IcsTime::Zoned(at("2026-11-24T10:00"), berlin)
    );
    assert_eq!(
        events[0].end,
        Some(IcsTime::Zoned(at("2026-11-24T11:00"), berlin))
    );
    assert_eq!(
        events[0].exdates,
        [IcsTime::Zoned(at("2026-11-25T10:00"), berlin)]
    );
    assert_eq!(events[1].start, IcsTime::Utc(at("2026-11-24T10:00")));
    assert_eq!(events[2].start, IcsTime::Zoned(at("2026-11-24T10:00"), ny));
    // A zone chrono-tz does not know leaves floating times as they are.
    let unknown = text.replace("Europe/Berlin", "Mars/Olympus");
    let events = read_events(&unknown).unwrap();
    assert_eq!(events[0].start, IcsTime::Floating(at("2026-11-24T10:00")));
}

const EXCHANGE: &str = include_str!("../../tests/fixtures/zones/exchange_eastern.ics");
const EVOLUTION: &str = include_str!("../../tests/fixtures/zones/evolution_london.ics");
const FIXED: &str = include_str!("../../tests/fixtures/zones/fixed_offset.ics");

#[test]
fn zones_are_resolved_with_the_files_own_vtimezones() {
    let zone = |name: &str| name.parse::<Tz>().unwrap();
    let exchange = read_events(EXCHANGE).unwrap();
    assert_eq!(
        exchange[0].start,
        IcsTime::Zoned(at("2026-11-24T09:00"), zone("America/New_York"))
    );
    let evolution = read_events(EVOLUTION).unwrap();
    assert_eq!(
        evolution[0].end,
        Some(IcsTime::Zoned(
            at("2026-10-15T15:00"),
            zone("Europe/London")
        ))
    );
    let fixed = read_events(FIXED).unwrap();
    let east = |seconds| chrono::FixedOffset::east_opt(seconds).unwrap();
    assert_eq!(
        fixed[0].start,
        IcsTime::Offset(at("2026-11-25T15:00"), east(5 * 3600))
    );
    assert_eq!(
        fixed[1].start,
        IcsTime::Offset(at("2026-11-19T09:30"), east(5 * 3600 + 1800))
    );
    // Without its VTIMEZONE the fixed zone is unknown, read as local time as before.
    let bare = FIXED.replace("TZID:+0500", "TZID:something else");
    assert_eq!(
        read_events(&bare).unwrap()[0].start,
        IcsTime::UnknownZone(at("2026-11-25T15:00"), "+0500".into())
    );
}

#[test]
fn an_rdate_period_ending_in_utc_after_a_fixed_offset_start_keeps_its_length() {
    let text = FIXED.replace(
        "SUMMARY:Tashkent office hours",
        "RDATE;TZID=+0500;VALUE=PERIOD:20261126T150000/20261126T113000Z\r\nSUMMARY:Tashkent office hours",
    );
    let events = read_events(&text).unwrap();
    assert_eq!(events[0].rdates[0].length, Some(TimeDelta::minutes(90)));
}
