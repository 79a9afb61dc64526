//! The export is read back with the independent `ical` crate, so these tests do not trust the
//! writer's own idea of the format.

use super::*;
use crate::domain::ritual::RitualFields;
use chrono::NaiveDate;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property as IcalProperty;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn stamp() -> NaiveDateTime {
    at(2026, 11, 20, 8, 0)
}

fn ritual(id: i64, name: &str, rrule: Option<&str>) -> Ritual {
    Ritual {
        id,
        fields: RitualFields::new(name, rrule.map(String::from), at(2026, 11, 24, 10, 0), 60),
        previous_id: None,
    }
}

fn record(
    id: i64,
    ritual_id: i64,
    original_start: NaiveDateTime,
    status: OccurrenceStatus,
    moved_to: Option<NaiveDateTime>,
) -> OccurrenceRecord {
    OccurrenceRecord {
        id,
        ritual_id,
        original_start,
        status,
        moved_to,
        notes: "private notes".into(),
        decisions: String::new(),
        agenda_done: String::new(),
    }
}

fn todo(id: i64, title: &str, done: bool) -> IcsTodo {
    IcsTodo {
        id,
        title: title.into(),
        due: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        done,
    }
}

fn parse(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(calendars.len(), 1, "exactly one VCALENDAR");
    calendars.remove(0)
}

fn values<'a>(props: &'a [IcalProperty], name: &str) -> Vec<&'a str> {
    props
        .iter()
        .filter(|p| p.name == name)
        .map(|p| p.value.as_deref().unwrap_or(""))
        .collect()
}

fn value<'a>(props: &'a [IcalProperty], name: &str) -> Option<&'a str> {
    let found = values(props, name);
    assert!(found.len() <= 1, "{name} appears {} times", found.len());
    found.first().copied()
}

fn params(props: &[IcalProperty], name: &str) -> Vec<(String, Vec<String>)> {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.params.clone())
        .unwrap_or_default()
}

/// RFC 5545 §3.3.11 TEXT unescaping, written here rather than borrowed from the writer's crate.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// RFC 5545 §3.1 unfolding: a line break followed by one space or tab is removed.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

fn events_with_uid<'a>(calendar: &'a IcalCalendar, uid: &str) -> Vec<&'a IcalEvent> {
    calendar
        .events
        .iter()
        .filter(|e| value(&e.properties, "UID") == Some(uid))
        .collect()
}

fn series<'a>(calendar: &'a IcalCalendar, uid: &str) -> &'a IcalEvent {
    let found: Vec<_> = events_with_uid(calendar, uid)
        .into_iter()
        .filter(|e| value(&e.properties, "RECURRENCE-ID").is_none())
        .collect();
    assert_eq!(found.len(), 1, "one series event for {uid}");
    found[0]
}

#[test]
fn calendar_header_and_crlf_lines() {
    let text = to_ics(&[], &[], &[], stamp());
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let body = text.strip_suffix("\r\n").unwrap();
    for line in body.split("\r\n") {
        assert!(!line.contains(['\r', '\n']), "bare line break in {line:?}");
    }
    let calendar = parse(&text);
    let props = &calendar.properties;
    assert_eq!(value(props, "VERSION"), Some("2.0"));
    assert_eq!(value(props, "PRODID"), Some("-//Bearing//Bearing//EN"));
    assert_eq!(value(props, "CALSCALE"), Some("GREGORIAN"));
    assert_eq!(value(props, "X-WR-CALNAME"), Some("Bearing"));
    assert!(calendar.events.is_empty());
    assert!(calendar.todos.is_empty());
}

#[test]
fn recurring_ritual_is_a_floating_weekly_event() {
    let mut staff = ritual(7, "Staff meeting", Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"));
    staff.fields.agenda = "Metrics\nHiring\n".into();
    staff.fields.attendees = "Ana, Bo".into();
    staff.fields.location = "Room 4".into();
    let text = to_ics(&[staff], &[], &[], stamp());
    let calendar = parse(&text);
    assert_eq!(calendar.events.len(), 1);
    let props = &calendar.events[0].properties;
    assert_eq!(value(props, "UID"), Some("ritual-7@bearing"));
    assert_eq!(value(props, "SUMMARY"), Some("Staff meeting"));
    assert_eq!(value(props, "DTSTAMP"), Some("20261120T080000Z"));
    assert_eq!(value(props, "DTSTART"), Some("20261124T100000"));
    assert_eq!(value(props, "DTEND"), Some("20261124T110000"));
    assert!(
        params(props, "DTSTART").is_empty(),
        "no TZID on a floating time"
    );
    assert!(params(props, "DTEND").is_empty());
    assert_eq!(
        value(props, "RRULE"),
        Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=MO")
    );
    assert_eq!(value(props, "LOCATION"), Some("Room 4"));
    assert_eq!(
        value(props, "DESCRIPTION").map(unescape).as_deref(),
        Some("Metrics\nHiring\n\nAttendees: Ana, Bo")
    );
    assert_eq!(value(props, "CATEGORIES"), None);
    assert!(values(props, "EXDATE").is_empty());
    assert!(text.contains("\r\nDTSTART:20261124T100000\r\n"));
}

#[test]
fn week_start_fills_in_a_missing_wkst_only() {
    let mut sunday = ritual(1, "A", Some("freq=weekly;byday=mo "));
    sunday.fields.week_start = Weekday::Sun;
    let explicit = ritual(2, "B", Some("FREQ=WEEKLY;WKST=TU;BYDAY=MO"));
    let calendar = parse(&to_ics(&[sunday, explicit], &[], &[], stamp()));
    let rule = |uid| value(&series(&calendar, uid).properties, "RRULE");
    assert_eq!(
        rule("ritual-1@bearing"),
        Some("FREQ=WEEKLY;BYDAY=MO;WKST=SU")
    );
    assert_eq!(
        rule("ritual-2@bearing"),
        Some("FREQ=WEEKLY;WKST=TU;BYDAY=MO")
    );
}

#[test]
fn date_only_until_becomes_a_floating_date_time() {
    let rituals = [
        ritual(1, "A", Some("FREQ=WEEKLY;UNTIL=20270301")),
        ritual(2, "B", Some("FREQ=WEEKLY;UNTIL=20270301T100000")),
        ritual(3, "C", Some("FREQ=WEEKLY;UNTIL=20270301T100000Z")),
    ];
    let calendar = parse(&to_ics(&rituals, &[], &[], stamp()));
    let rule = |uid| value(&series(&calendar, uid).properties, "RRULE");
    assert_eq!(
        rule("ritual-1@bearing"),
        Some("FREQ=WEEKLY;UNTIL=20270301T235959;WKST=MO")
    );
    assert_eq!(
        rule("ritual-2@bearing"),
        Some("FREQ=WEEKLY;UNTIL=20270301T100000;WKST=MO")
    );
    assert_eq!(
        rule("ritual-3@bearing"),
        Some("FREQ=WEEKLY;UNTIL=20270301T100000;WKST=MO")
    );
}

#[test]
fn one_on_ones_are_categorised() {
    let mut one_on_one = ritual(3, "1:1 Ana", Some("FREQ=WEEKLY"));
    one_on_one.fields.person_id = Some(12);
    let text = to_ics(&[one_on_one], &[], &[], stamp());
    assert!(text.contains("\r\nCATEGORIES:1:1\r\n"));
    let calendar = parse(&text);
    assert_eq!(
        value(&calendar.events[0].properties, "CATEGORIES"),
        Some("1:1")
    );
}

#[test]
fn skipped_occurrences_become_exdates_and_moves_become_overrides() {
    let weekly = ritual(5, "Standup", Some("FREQ=WEEKLY;BYDAY=TU"));
    let records = [
        record(
            1,
            5,
            at(2026, 12, 8, 10, 0),
            OccurrenceStatus::Skipped,
            None,
        ),
        record(
            2,
            5,
            at(2026, 12, 1, 10, 0),
            OccurrenceStatus::Skipped,
            None,
        ),
        record(
            3,
            5,
            at(2026, 12, 15, 10, 0),
            OccurrenceStatus::Scheduled,
            Some(at(2026, 12, 16, 14, 30)),
        ),
        // Moved, then skipped: it does not happen at all.
        record(
            4,
            5,
            at(2026, 12, 22, 10, 0),
            OccurrenceStatus::Skipped,
            Some(at(2026, 12, 23, 9, 0)),
        ),
        record(5, 5, at(2026, 11, 24, 10, 0), OccurrenceStatus::Held, None),
        record(
            6,
            5,
            at(2026, 12, 29, 10, 0),
            OccurrenceStatus::Held,
            Some(at(2026, 12, 29, 11, 0)),
        ),
    ];
    let calendar = parse(&to_ics(&[weekly], &records, &[], stamp()));
    let uid = "ritual-5@bearing";
    assert_eq!(calendar.events.len(), 3);
    assert_eq!(events_with_uid(&calendar, uid).len(), 3);

    let main = &series(&calendar, uid).properties;
    assert_eq!(
        values(main, "EXDATE"),
        ["20261201T100000", "20261208T100000", "20261222T100000"]
    );
    assert!(params(main, "EXDATE").is_empty(), "floating EXDATE");
    assert_eq!(value(main, "DTSTART"), Some("20261124T100000"));

    let overrides: Vec<_> = calendar
        .events
        .iter()
        .filter(|e| value(&e.properties, "RECURRENCE-ID").is_some())
        .collect();
    assert_eq!(overrides.len(), 2);
    let first = &overrides[0].properties;
    assert_eq!(value(first, "UID"), Some(uid));
    assert_eq!(value(first, "RECURRENCE-ID"), Some("20261215T100000"));
    assert!(params(first, "RECURRENCE-ID").is_empty());
    assert_eq!(value(first, "DTSTART"), Some("20261216T143000"));
    assert_eq!(value(first, "DTEND"), Some("20261216T153000"));
    assert_eq!(value(first, "SUMMARY"), Some("Standup"));
    assert_eq!(value(first, "RRULE"), None);
    assert!(values(first, "EXDATE").is_empty());
    let second = &overrides[1].properties;
    assert_eq!(value(second, "RECURRENCE-ID"), Some("20261229T100000"));
    assert_eq!(value(second, "DTSTART"), Some("20261229T110000"));
}

#[test]
fn a_moved_one_off_just_moves() {
    let one_off = ritual(9, "Offsite", None);
    let moved = record(
        1,
        9,
        at(2026, 11, 24, 10, 0),
        OccurrenceStatus::Scheduled,
        Some(at(2026, 11, 26, 13, 0)),
    );
    let calendar = parse(&to_ics(&[one_off], &[moved], &[], stamp()));
    assert_eq!(calendar.events.len(), 1);
    let props = &calendar.events[0].properties;
    assert_eq!(value(props, "UID"), Some("ritual-9@bearing"));
    assert_eq!(value(props, "DTSTART"), Some("20261126T130000"));
    assert_eq!(value(props, "DTEND"), Some("20261126T140000"));
    assert_eq!(value(props, "RECURRENCE-ID"), None);
    assert_eq!(value(props, "RRULE"), None);
    assert_eq!(value(props, "STATUS"), None);
}

#[test]
fn a_skipped_one_off_is_cancelled() {
    let one_off = ritual(9, "Offsite", None);
    // Moved first, then skipped: cancelled where it was.
    let skipped = record(
        1,
        9,
        at(2026, 11, 24, 10, 0),
        OccurrenceStatus::Skipped,
        Some(at(2026, 11, 25, 10, 0)),
    );
    let calendar = parse(&to_ics(&[one_off], &[skipped], &[], stamp()));
    let props = &calendar.events[0].properties;
    assert_eq!(value(props, "DTSTART"), Some("20261124T100000"));
    assert_eq!(value(props, "STATUS"), Some("CANCELLED"));
    assert!(values(props, "EXDATE").is_empty());
}

#[test]
fn records_of_unknown_rituals_are_ignored() {
    let weekly = ritual(1, "Standup", Some("FREQ=DAILY"));
    let records = [
        record(
            1,
            99,
            at(2026, 12, 1, 10, 0),
            OccurrenceStatus::Skipped,
            None,
        ),
        record(
            2,
            98,
            at(2026, 12, 2, 10, 0),
            OccurrenceStatus::Scheduled,
            Some(at(2026, 12, 2, 12, 0)),
        ),
    ];
    let with = to_ics(std::slice::from_ref(&weekly), &records, &[], stamp());
    assert_eq!(with, to_ics(&[weekly], &[], &[], stamp()));
    let calendar = parse(&with);
    assert_eq!(calendar.events.len(), 1);
    assert!(values(&calendar.events[0].properties, "EXDATE").is_empty());
}

#[test]
fn todos_are_dated_vtodos() {
    let todos = [todo(4, "Send offer", true), todo(2, "Review; plan", false)];
    let text = to_ics(&[], &[], &todos, stamp());
    assert!(text.contains("\r\nDUE;VALUE=DATE:20261201\r\n"));
    let calendar = parse(&text);
    assert_eq!(calendar.todos.len(), 2);
    let first = &calendar.todos[0].properties;
    assert_eq!(value(first, "UID"), Some("action-2@bearing"));
    assert_eq!(
        value(first, "SUMMARY").map(unescape).as_deref(),
        Some("Review; plan")
    );
    assert_eq!(value(first, "DUE"), Some("20261201"));
    assert_eq!(
        params(first, "DUE"),
        [("VALUE".to_string(), vec!["DATE".to_string()])]
    );
    assert_eq!(value(first, "STATUS"), Some("NEEDS-ACTION"));
    assert_eq!(value(first, "DTSTAMP"), Some("20261120T080000Z"));
    let second = &calendar.todos[1].properties;
    assert_eq!(value(second, "UID"), Some("action-4@bearing"));
    assert_eq!(value(second, "STATUS"), Some("COMPLETED"));
}

fn reversed<T: Clone>(items: &[T]) -> Vec<T> {
    items.iter().rev().cloned().collect()
}

fn sample() -> (Vec<Ritual>, Vec<OccurrenceRecord>, Vec<IcsTodo>) {
    let mut one_on_one = ritual(2, "1:1 Bo", Some("FREQ=WEEKLY;BYDAY=TH"));
    one_on_one.fields.person_id = Some(1);
    let rituals = vec![
        ritual(3, "Retro", Some("FREQ=MONTHLY;BYDAY=1FR")),
        one_on_one,
        ritual(1, "Kickoff", None),
    ];
    let records = vec![
        record(
            1,
            2,
            at(2026, 12, 10, 10, 0),
            OccurrenceStatus::Skipped,
            None,
        ),
        record(
            2,
            3,
            at(2026, 12, 4, 10, 0),
            OccurrenceStatus::Held,
            Some(at(2026, 12, 4, 15, 0)),
        ),
        record(
            3,
            2,
            at(2026, 12, 3, 10, 0),
            OccurrenceStatus::Skipped,
            None,
        ),
    ];
    let todos = vec![todo(2, "B", false), todo(1, "A", true)];
    (rituals, records, todos)
}

#[test]
fn output_is_deterministic_and_ordered() {
    let (rituals, records, todos) = sample();
    let text = to_ics(&rituals, &records, &todos, stamp());
    assert_eq!(text, to_ics(&rituals, &records, &todos, stamp()));

    let shuffled = to_ics(
        &reversed(&rituals),
        &reversed(&records),
        &reversed(&todos),
        stamp(),
    );
    assert_eq!(text, shuffled);

    let calendar = parse(&text);
    let uids: Vec<_> = calendar
        .events
        .iter()
        .map(|e| value(&e.properties, "UID").unwrap())
        .collect();
    assert_eq!(
        uids,
        [
            "ritual-1@bearing",
            "ritual-2@bearing",
            "ritual-3@bearing",
            "ritual-3@bearing"
        ]
    );
    assert_eq!(
        values(&series(&calendar, "ritual-2@bearing").properties, "EXDATE"),
        ["20261203T100000", "20261210T100000"]
    );
}

#[test]
fn a_new_stamp_changes_only_dtstamp_lines() {
    let (rituals, records, todos) = sample();
    let before = to_ics(&rituals, &records, &todos, stamp());
    let after = to_ics(&rituals, &records, &todos, at(2027, 1, 2, 3, 4));
    assert_ne!(before, after);
    let before: Vec<_> = before.split("\r\n").collect();
    let after: Vec<_> = after.split("\r\n").collect();
    assert_eq!(before.len(), after.len());
    let mut changed = 0;
    for (old, new) in before.iter().zip(&after) {
        if old != new {
            assert_eq!(*old, "DTSTAMP:20261120T080000Z");
            assert_eq!(*new, "DTSTAMP:20270102T030400Z");
            changed += 1;
        }
    }
    // Three rituals, one override, two todos.
    assert_eq!(changed, 6);
}

#[test]
fn text_is_escaped() {
    let name = "Staff, sync; \"Q1\"\nnotes \\ done";
    let mut staff = ritual(1, name, Some("FREQ=WEEKLY"));
    staff.fields.location = "Room 1; east, 2nd".into();
    let text = to_ics(&[staff], &[], &[], stamp());
    assert!(text.contains("\r\nSUMMARY:Staff\\, sync\\; \"Q1\"\\nnotes \\\\ done\r\n"));
    let calendar = parse(&text);
    let props = &calendar.events[0].properties;
    assert_eq!(value(props, "SUMMARY").map(unescape).as_deref(), Some(name));
    assert_eq!(
        value(props, "LOCATION").map(unescape).as_deref(),
        Some("Room 1; east, 2nd")
    );
}

#[test]
fn carriage_returns_do_not_break_lines() {
    let mut staff = ritual(1, "Sync\r\nweekly", Some("FREQ=WEEKLY"));
    staff.fields.agenda = "one\r\ntwo\rthree\u{7}\u{9b}\u{202e}".into();
    let text = to_ics(&[staff], &[], &[], stamp());
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
    let calendar = parse(&text);
    let props = &calendar.events[0].properties;
    assert_eq!(value(props, "SUMMARY"), Some("Sync\\nweekly"));
    assert_eq!(
        value(props, "DESCRIPTION"),
        Some("one\\ntwo\\nthree␇\u{fffd}\u{fffd}"),
        "controls are shown, not passed on"
    );
}

fn assert_folded(text: &str) {
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.ends_with([' ', '\t']),
            "a line ending in a space loses it in trimming readers: {line:?}"
        );
    }
}

#[test]
fn long_agenda_is_folded_at_75_octets() {
    let agenda = format!(
        "{}!",
        &"Review hiring, budget; roadmap and risks. ".repeat(5)[..199]
    );
    assert_eq!(agenda.len(), 200);
    let mut staff = ritual(1, "Staff", Some("FREQ=WEEKLY"));
    staff.fields.agenda = agenda.clone();
    let text = to_ics(&[staff], &[], &[], stamp());
    assert_folded(&text);
    assert!(text.contains("\r\n "), "something was folded");
    assert!(
        text.split("\r\n").all(|line| !line.ends_with('\\')),
        "escapes such as \\, stay on one line"
    );
    let escaped = agenda.replace(',', "\\,").replace(';', "\\;");
    assert!(unfold(&text).contains(&format!("\r\nDESCRIPTION:{escaped}\r\n")));
    let calendar = parse(&text);
    assert_eq!(
        value(&calendar.events[0].properties, "DESCRIPTION").map(unescape),
        Some(agenda)
    );
}

#[test]
fn folding_never_splits_multibyte_characters() {
    let name = "Réunion 日本 🚀 ".repeat(12).trim_end().to_string();
    let mut staff = ritual(1, &name, Some("FREQ=WEEKLY"));
    staff.fields.agenda = "é".repeat(100);
    let text = to_ics(&[staff], &[], &[], stamp());
    assert_folded(&text);
    let calendar = parse(&text);
    let props = &calendar.events[0].properties;
    assert_eq!(value(props, "SUMMARY"), Some(name.as_str()));
    assert_eq!(value(props, "DESCRIPTION"), Some("é".repeat(100).as_str()));
}

#[test]
fn unicode_names_survive() {
    let rituals = [
        ritual(1, "Café review", Some("FREQ=WEEKLY")),
        ritual(2, "日本チーム 1:1", Some("FREQ=WEEKLY")),
        ritual(3, "Launch 🚀🎉", None),
    ];
    let todos = [todo(1, "Écrire le plan 📝", false)];
    let calendar = parse(&to_ics(&rituals, &[], &todos, stamp()));
    let summaries: Vec<_> = calendar
        .events
        .iter()
        .map(|e| value(&e.properties, "SUMMARY").unwrap())
        .collect();
    assert_eq!(summaries, ["Café review", "日本チーム 1:1", "Launch 🚀🎉"]);
    assert_eq!(
        value(&calendar.todos[0].properties, "SUMMARY"),
        Some("Écrire le plan 📝")
    );
}

#[test]
fn spaces_next_to_a_fold_survive_trimming_readers() {
    // Shift the text so that every fold position meets a space at some offset.
    for offset in 0..80 {
        let agenda = format!("{}{}", "x".repeat(offset), " word ab".repeat(30));
        let mut staff = ritual(1, "Staff", Some("FREQ=WEEKLY"));
        staff.fields.agenda = agenda.clone();
        let text = to_ics(&[staff], &[], &[], stamp());
        assert_folded(&text);
        let calendar = parse(&text);
        assert_eq!(
            value(&calendar.events[0].properties, "DESCRIPTION"),
            Some(agenda.as_str()),
            "offset {offset}"
        );
    }
}

/// The instances an RFC 5545 reader sees: DTSTART, then the rule's matches, expanded here with
/// the `rrule` crate from the exported text alone (floating times read as UTC, so no day has 23
/// or 25 hours).
fn rfc_instances(event: &IcalEvent, count: u16) -> Vec<NaiveDateTime> {
    use chrono::TimeZone;
    let props = &event.properties;
    let start =
        NaiveDateTime::parse_from_str(value(props, "DTSTART").unwrap(), FLOATING_FORMAT).unwrap();
    let utc = |t: NaiveDateTime| rrule::Tz::UTC.from_utc_datetime(&t);
    let mut set = rrule::RRuleSet::new(utc(start)).rdate(utc(start));
    if let Some(rule) = value(props, "RRULE") {
        // UNTIL is floating like DTSTART; the crate wants it in DTSTART's zone, here UTC.
        let rule: Vec<String> = rule
            .split(';')
            .map(|p| match p.strip_prefix("UNTIL=") {
                Some(until) => format!("UNTIL={until}Z"),
                None => p.to_string(),
            })
            .collect();
        let rule: rrule::RRule<rrule::Unvalidated> = rule.join(";").parse().unwrap();
        set = set.rrule(rule.validate(utc(start)).unwrap());
    }
    let mut all: Vec<NaiveDateTime> = set.all(count).dates.iter().map(|t| t.naive_utc()).collect();
    // The crate keeps an RDATE that the rule also gives; RFC 5545 counts it once.
    all.sort();
    all.dedup();
    all
}

#[test]
fn dtstart_is_the_first_meeting_so_calendar_programs_show_no_extra_one() {
    let monday = at(2026, 11, 30, 10, 0);
    let cases = [
        ("FREQ=WEEKLY;BYDAY=TU", at(2026, 12, 1, 10, 0)),
        ("FREQ=WEEKLY;BYDAY=TU;COUNT=3", at(2026, 12, 1, 10, 0)),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=SU",
            at(2026, 12, 3, 10, 0),
        ),
        ("FREQ=MONTHLY;BYDAY=-1FR", at(2026, 12, 25, 10, 0)),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1WE;UNTIL=20280101",
            at(2027, 2, 24, 10, 0),
        ),
        (
            "FREQ=DAILY;BYDAY=MO,WE;BYHOUR=9,15",
            at(2026, 11, 30, 15, 0),
        ),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
            at(2028, 2, 29, 10, 0),
        ),
        ("FREQ=WEEKLY;BYDAY=MO", monday),
    ];
    for (n, (rule, first)) in cases.into_iter().enumerate() {
        let id = i64::try_from(n).unwrap() + 1;
        let mut r = ritual(id, "Series", Some(rule));
        r.fields.dtstart = monday;
        let text = to_ics(std::slice::from_ref(&r), &[], &[], stamp());
        let calendar = parse(&text);
        let event = series(&calendar, &ritual_uid(id));
        let expected = first.format(FLOATING_FORMAT).to_string();
        assert_eq!(
            value(&event.properties, "DTSTART"),
            Some(expected.as_str()),
            "{rule}"
        );
        let end = at(2031, 1, 1, 0, 0);
        let bearing = crate::schedule::recurrence::Recurrence::of(&r.fields)
            .unwrap()
            .between(monday.date(), end.date());
        let mut rfc = rfc_instances(event, 1500);
        rfc.retain(|t| *t < end);
        assert_eq!(rfc, bearing, "{rule}");
    }
}
