use super::*;
use crate::domain::ritual::RitualFields;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn series(
    id: i64,
    name: &str,
    rule: Option<&str>,
    start: NaiveDateTime,
    person: Option<(i64, &str)>,
) -> Series {
    Series::new(
        Ritual {
            id,
            fields: RitualFields {
                person_id: person.map(|p| p.0),
                ..RitualFields::new(name, rule.map(str::to_string), start, 30)
            },
            previous_id: None,
        },
        person.map(|p| p.1.to_string()),
    )
    .unwrap()
}

fn record(
    ritual_id: i64,
    original: NaiveDateTime,
    status: OccurrenceStatus,
    moved: Option<NaiveDateTime>,
) -> OccurrenceRecord {
    OccurrenceRecord {
        id: 0,
        ritual_id,
        original_start: original,
        status,
        moved_to: moved,
        notes: String::new(),
        decisions: String::new(),
        agenda_done: String::new(),
    }
}

// The week of Mon 23 Nov 2026.
const FROM: (i32, u32, u32) = (2026, 11, 23);

fn week() -> (NaiveDate, NaiveDate) {
    let from = day(FROM.0, FROM.1, FROM.2);
    (from, from + Duration::days(7))
}

#[test]
fn a_week_lists_each_series_in_time_order_with_1on1s_marked() {
    let s = vec![
        series(
            1,
            "Staff",
            Some("FREQ=WEEKLY;BYDAY=MO"),
            at(2026, 1, 5, 10, 0),
            None,
        ),
        series(
            2,
            "1:1 Ada",
            Some("FREQ=WEEKLY;BYDAY=MO,TH"),
            at(2026, 1, 5, 9, 0),
            Some((7, "Ada")),
        ),
        series(3, "Offsite", None, at(2026, 11, 25, 13, 0), None),
        series(4, "Old", None, at(2026, 11, 2, 13, 0), None),
    ];
    let (from, to) = week();
    let items = meetings(&s, &[], from, to, &chrono::Utc);
    let lines: Vec<String> = items
        .iter()
        .map(|i| format!("{} {} {} {:?}", i.date, i.start.unwrap(), i.title, i.kind))
        .collect();
    assert_eq!(
        lines,
        vec![
            "2026-11-23 09:00:00 1:1 Ada OneOnOne",
            "2026-11-23 10:00:00 Staff Ritual",
            "2026-11-25 13:00:00 Offsite Ritual",
            "2026-11-26 09:00:00 1:1 Ada OneOnOne",
        ]
    );
    assert_eq!(items[0].person.as_deref(), Some("Ada"));
    assert_eq!(items[0].end, NaiveTime::from_hms_opt(9, 30, 0));
}

#[test]
fn skipped_occurrences_stay_visible_but_marked() {
    let s = vec![series(
        1,
        "Staff",
        Some("FREQ=WEEKLY;BYDAY=MO"),
        at(2026, 1, 5, 10, 0),
        None,
    )];
    let (from, to) = week();
    let recs = vec![record(
        1,
        at(2026, 11, 23, 10, 0),
        OccurrenceStatus::Skipped,
        None,
    )];
    let items = meetings(&s, &recs, from, to, &chrono::Utc);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].status, Some(OccurrenceStatus::Skipped));
}

#[test]
fn moves_within_out_of_and_into_the_week() {
    let s = vec![series(
        1,
        "Staff",
        Some("FREQ=WEEKLY;BYDAY=MO"),
        at(2026, 1, 5, 10, 0),
        None,
    )];
    let (from, to) = week();
    // Within: Monday's meeting moved to Wednesday 15:00.
    let within = vec![record(
        1,
        at(2026, 11, 23, 10, 0),
        OccurrenceStatus::Scheduled,
        Some(at(2026, 11, 25, 15, 0)),
    )];
    let items = meetings(&s, &within, from, to, &chrono::Utc);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].starts_at(), at(2026, 11, 25, 15, 0));
    assert!(items[0].moved);
    assert_eq!(items[0].occurrence, Some(at(2026, 11, 23, 10, 0)));
    // Out: moved to next week, so this week has none.
    let out = vec![record(
        1,
        at(2026, 11, 23, 10, 0),
        OccurrenceStatus::Scheduled,
        Some(at(2026, 12, 1, 10, 0)),
    )];
    assert!(meetings(&s, &out, from, to, &chrono::Utc).is_empty());
    // Into: next Monday's meeting pulled into this Friday, on top of this Monday's own.
    let into = vec![record(
        1,
        at(2026, 11, 30, 10, 0),
        OccurrenceStatus::Scheduled,
        Some(at(2026, 11, 27, 16, 0)),
    )];
    let items = meetings(&s, &into, from, to, &chrono::Utc);
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].starts_at(), at(2026, 11, 27, 16, 0));
    assert_eq!(items[1].occurrence, Some(at(2026, 11, 30, 10, 0)));
}

#[test]
fn a_record_for_a_time_that_is_not_an_occurrence_is_ignored() {
    let s = vec![series(
        1,
        "Staff",
        Some("FREQ=WEEKLY;BYDAY=MO"),
        at(2026, 1, 5, 10, 0),
        None,
    )];
    let (from, to) = week();
    let stray = vec![record(
        1,
        at(2026, 12, 2, 10, 0),
        OccurrenceStatus::Scheduled,
        Some(at(2026, 11, 24, 10, 0)),
    )];
    assert_eq!(
        meetings(&s, &stray, from, to, &chrono::Utc).len(),
        1,
        "only Monday's own meeting"
    );
}

#[test]
fn agenda_matches_stepping_day_by_day_for_varied_rules() {
    // Property: for every series and every day of a long range, the agenda shows a meeting
    // exactly when the rule says one occurs on that day at the series' time.
    let rules = [
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        "FREQ=MONTHLY;BYDAY=2TU",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=40",
        "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270315",
    ];
    let start = at(2026, 1, 6, 10, 30);
    let all: Vec<Series> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| series(i as i64 + 1, r, Some(r), start, None))
        .collect();
    let (from, to) = (day(2026, 3, 1), day(2028, 3, 31));
    let shown = meetings(&all, &[], from, to, &chrono::Utc);
    for s in &all {
        let mine: Vec<NaiveDateTime> = shown
            .iter()
            .filter(|i| i.id == s.ritual.id)
            .map(AgendaItem::starts_at)
            .collect();
        let mut expected = Vec::new();
        let mut d = from;
        while d < to {
            let t = d.and_time(start.time());
            if s.recurrence.occurs_at(t) {
                expected.push(t);
            }
            d += Duration::days(1);
        }
        assert_eq!(mine, expected, "rule {}", s.ritual.fields.name);
        assert!(
            !mine.is_empty(),
            "rule {} should meet in two years",
            s.ritual.fields.name
        );
    }
}

#[test]
fn one_on_one_overdue_is_twice_the_cadence() {
    let s = series(
        1,
        "1:1",
        Some("FREQ=WEEKLY;BYDAY=TU"),
        at(2026, 6, 2, 10, 0),
        Some((1, "Ada")),
    );
    let now = at(2026, 11, 23, 9, 0);
    assert_eq!(
        one_on_one_overdue(
            &s.recurrence,
            s.ritual.fields.dtstart,
            Some(at(2026, 11, 10, 10, 0)),
            now
        ),
        None
    );
    assert_eq!(
        one_on_one_overdue(
            &s.recurrence,
            s.ritual.fields.dtstart,
            Some(at(2026, 11, 3, 10, 0)),
            now
        ),
        Some(19)
    );
    // Never held: counts from the first meeting.
    assert_eq!(
        one_on_one_overdue(&s.recurrence, s.ritual.fields.dtstart, None, now),
        Some(173)
    );
    let fresh = series(
        2,
        "1:1",
        Some("FREQ=WEEKLY;BYDAY=TU"),
        at(2026, 11, 17, 10, 0),
        Some((2, "Bo")),
    );
    assert_eq!(
        one_on_one_overdue(&fresh.recurrence, fresh.ritual.fields.dtstart, None, now),
        None
    );
}

fn meeting(start: &str, end: &str, status: OccurrenceStatus) -> AgendaItem {
    let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    AgendaItem {
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        start: Some(t(start)),
        end: Some(t(end)),
        kind: ItemKind::Ritual,
        title: "m".into(),
        id: 1,
        person: None,
        person_id: None,
        status: Some(status),
        occurrence: None,
        moved: false,
        done: false,
        conflict: false,
        lasts_until: None,
    }
}

#[test]
fn free_minutes_count_overlaps_once_clip_to_the_day_and_ignore_skipped() {
    use OccurrenceStatus::{Held, Scheduled, Skipped};
    let day = |h: u32| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let hours = (day(9), day(18));
    assert_eq!(free_minutes([], hours), 540);
    let items = [
        meeting("08:00", "09:30", Held),      // 30 inside
        meeting("10:00", "11:00", Scheduled), // 60
        meeting("10:30", "11:30", Scheduled), // +30 (overlap)
        meeting("10:45", "11:15", Scheduled), // inside the others
        meeting("13:00", "14:00", Skipped),   // frees its time
        meeting("17:30", "19:00", Scheduled), // 30 inside
        meeting("19:00", "20:00", Scheduled), // after hours
    ];
    assert_eq!(free_minutes(&items, hours), 540 - 30 - 90 - 30);
    let wall = [meeting("07:00", "20:00", Scheduled)];
    assert_eq!(free_minutes(&wall, hours), 0);
}

/// "ZONE | daily ritual's time | day | shown start-end". Ritual times are wall-clock times in
/// the zone the agenda is shown in: one the clocks skip is shown when they get there.
const DAYLIGHT_SAVING: &[&str] = &[
    "Europe/Berlin | 02:30 | 2026-03-29 | 03:30-04:00",
    "Europe/Berlin | 02:00 | 2026-03-29 | 03:00-03:30",
    "Europe/Berlin | 02:30 | 2026-03-28 | 02:30-03:00",
    "Europe/Berlin | 01:45 | 2026-03-29 | 01:45-02:15",
    "Europe/Berlin | 02:30 | 2026-10-25 | 02:30-03:00",
    "America/New_York | 02:30 | 2026-03-08 | 03:30-04:00",
    "America/New_York | 01:30 | 2026-11-01 | 01:30-02:00",
    "UTC | 02:30 | 2026-03-29 | 02:30-03:00",
];

#[test]
fn a_ritual_in_a_skipped_hour_moves_forward_and_keeps_its_length_and_identity() {
    for row in DAYLIGHT_SAVING {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let local: chrono_tz::Tz = cells[0].parse().unwrap();
        let time = NaiveTime::parse_from_str(cells[1], "%H:%M").unwrap();
        let on = NaiveDate::parse_from_str(cells[2], "%Y-%m-%d").unwrap();
        let s = series(
            1,
            "Night",
            Some("FREQ=DAILY"),
            day(2026, 1, 1).and_time(time),
            None,
        );
        let items = meetings(&[s], &[], on, on + Duration::days(1), &local);
        assert_eq!(items.len(), 1, "{row}");
        let item = &items[0];
        let (start, end) = (item.start.unwrap(), item.end.unwrap());
        let shown = format!("{}-{}", start.format("%H:%M"), end.format("%H:%M"));
        assert_eq!(shown, cells[3], "{row}");
        assert!(start < end, "{row}");
        assert_eq!(item.occurrence, Some(on.and_time(time)), "{row}: identity");
        assert!(!item.moved, "{row}: not moved by the user");
    }
}

/// The agenda's own answer: the first meeting it shows from `now` on that is not skipped.
fn next_on_agenda(
    s: &Series,
    records: &[OccurrenceRecord],
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let (from, to) = (
        now.date() - Duration::days(60),
        now.date() + Duration::days(120),
    );
    let utc = chrono::Utc;
    meetings(std::slice::from_ref(s), records, from, to, &utc)
        .into_iter()
        .filter(|i| i.status.is_none_or(OccurrenceStatus::is_to_come))
        .map(|i| i.starts_at())
        .filter(|t| *t >= now)
        .min()
}

#[test]
fn the_next_meeting_is_the_agendas_next_meeting_moves_skips_and_early_write_ups_included() {
    let monday = at(2026, 11, 30, 10, 0);
    // Weekly on Tuesday, started on a Monday: the first meeting is Tuesday 1 December.
    let s = series(1, "Sync", Some("FREQ=WEEKLY;BYDAY=TU"), monday, None);
    let tue = |d: u32| at(2026, 12, d, 10, 0);
    let cases: Vec<(
        &str,
        Vec<OccurrenceRecord>,
        NaiveDateTime,
        Option<NaiveDateTime>,
    )> = vec![
        (
            "not the Monday start",
            vec![],
            monday - Duration::days(1),
            Some(tue(1)),
        ),
        ("plain", vec![], tue(1) + Duration::minutes(1), Some(tue(8))),
        ("at the start itself", vec![], tue(8), Some(tue(8))),
        (
            "moved later",
            vec![record(
                1,
                tue(8),
                OccurrenceStatus::Scheduled,
                Some(at(2026, 12, 10, 15, 0)),
            )],
            tue(2),
            Some(at(2026, 12, 10, 15, 0)),
        ),
        (
            "moved past the one after",
            vec![record(
                1,
                tue(8),
                OccurrenceStatus::Scheduled,
                Some(at(2026, 12, 16, 9, 0)),
            )],
            tue(2),
            Some(tue(15)),
        ),
        (
            "moved from the past into the future",
            vec![record(
                1,
                tue(1),
                OccurrenceStatus::Scheduled,
                Some(at(2026, 12, 4, 9, 0)),
            )],
            tue(2),
            Some(at(2026, 12, 4, 9, 0)),
        ),
        (
            "held before its hour (written up early)",
            vec![record(1, tue(8), OccurrenceStatus::Held, None)],
            tue(8) - Duration::hours(2),
            Some(tue(15)),
        ),
        (
            "moved ahead and held already",
            vec![record(
                1,
                tue(1),
                OccurrenceStatus::Held,
                Some(at(2026, 12, 4, 9, 0)),
            )],
            tue(2),
            Some(tue(8)),
        ),
        (
            "moved into the past",
            vec![record(
                1,
                tue(8),
                OccurrenceStatus::Scheduled,
                Some(tue(1) + Duration::hours(3)),
            )],
            tue(2),
            Some(tue(15)),
        ),
        (
            "two skipped",
            vec![
                record(1, tue(8), OccurrenceStatus::Skipped, None),
                record(1, tue(15), OccurrenceStatus::Skipped, None),
            ],
            tue(2),
            Some(tue(22)),
        ),
        (
            "another series' record",
            vec![record(2, tue(8), OccurrenceStatus::Skipped, None)],
            tue(2),
            Some(tue(8)),
        ),
        (
            "a record off the rule",
            vec![record(
                1,
                at(2026, 12, 9, 10, 0),
                OccurrenceStatus::Scheduled,
                Some(tue(3)),
            )],
            tue(2),
            Some(tue(8)),
        ),
    ];
    for (name, records, now, expected) in cases {
        let got = next_meeting_of(&s.recurrence, 1, &records, now);
        assert_eq!(got, expected, "{name}");
        assert_eq!(
            got,
            next_on_agenda(&s, &records, now),
            "{name}: the agenda differs"
        );
    }
}
