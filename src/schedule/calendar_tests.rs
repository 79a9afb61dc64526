use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::{IMPORT_LIMITS, Limits, TooLarge, expand};
use crate::domain::calendar::{CalendarEntry, CalendarEvent, EventSpan, IcsEvent, IcsTime};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn tz(name: &str) -> Tz {
    name.parse().unwrap()
}

fn event(uid: &str, start: IcsTime, end: IcsTime) -> IcsEvent {
    IcsEvent {
        uid: uid.into(),
        title: uid.into(),
        start,
        end: Some(end),
        duration: None,
        rrules: Vec::new(),
        rdates: Vec::new(),
        exdates: Vec::new(),
        recurrence_id: None,
        cancelled: false,
    }
}

/// The events as one calendar's stored entries, in order.
fn entries(events: impl IntoIterator<Item = IcsEvent>) -> Vec<CalendarEntry> {
    events
        .into_iter()
        .zip(1..)
        .map(|(event, id)| CalendarEntry {
            id,
            source: "test".into(),
            event,
        })
        .collect()
}

fn starts(events: &[CalendarEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| &e.fields)
        .map(|e| match e.span {
            EventSpan::Timed { start, end } => {
                format!(
                    "{} {}-{}",
                    e.title,
                    start.format("%a %d %H:%M"),
                    end.format("%H:%M")
                )
            }
            EventSpan::AllDay { first, end } => {
                format!(
                    "{} {}..{}",
                    e.title,
                    first.format("%a %d"),
                    end.format("%a %d")
                )
            }
        })
        .collect()
}

#[test]
fn a_series_keeps_its_own_zone_across_daylight_saving_and_moves_in_local_time() {
    // New York leaves summer time a week after Berlin: 09:00 there is 14:00 here that week.
    let ny = tz("America/New_York");
    let mut sync = event(
        "sync",
        IcsTime::Zoned(at("2026-10-19T09:00"), ny),
        IcsTime::Zoned(at("2026-10-19T09:30"), ny),
    );
    sync.rrules = vec!["FREQ=WEEKLY;BYDAY=MO;UNTIL=20261109T140000Z".into()];
    let out = expand(
        &entries([sync]),
        day("2026-10-01"),
        day("2026-12-01"),
        &tz("Europe/Berlin"),
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        [
            "sync Mon 19 15:00-15:30",
            "sync Mon 26 14:00-14:30",
            "sync Mon 02 15:00-15:30",
            "sync Mon 09 15:00-15:30",
        ]
    );
    assert_eq!((out.summary.events, out.summary.recurring), (1, 1));
}

#[test]
fn exdates_overrides_and_cancelled_instances_replace_what_the_rule_gives() {
    let berlin = tz("Europe/Berlin");
    let mut standup = event(
        "standup",
        IcsTime::Zoned(at("2026-11-23T09:30"), berlin),
        IcsTime::Zoned(at("2026-11-23T09:45"), berlin),
    );
    standup.rrules = vec!["FREQ=DAILY;COUNT=5".into()];
    // An EXDATE in UTC still hits the Berlin instance.
    standup.exdates = vec![IcsTime::Utc(at("2026-11-24T08:30"))];
    let mut moved = event(
        "standup",
        IcsTime::Zoned(at("2026-11-25T11:00"), berlin),
        IcsTime::Zoned(at("2026-11-25T11:30"), berlin),
    );
    moved.title = "Standup (late)".into();
    moved.recurrence_id = Some(IcsTime::Zoned(at("2026-11-25T09:30"), berlin));
    let mut cancelled = event(
        "standup",
        IcsTime::Zoned(at("2026-11-26T09:30"), berlin),
        IcsTime::Zoned(at("2026-11-26T09:45"), berlin),
    );
    cancelled.recurrence_id = Some(IcsTime::Zoned(at("2026-11-26T09:30"), berlin));
    cancelled.cancelled = true;
    let out = expand(
        &entries([moved, standup, cancelled]),
        day("2026-11-01"),
        day("2026-12-01"),
        &berlin,
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        [
            "standup Mon 23 09:30-09:45",
            "Standup (late) Wed 25 11:00-11:30",
            "standup Fri 27 09:30-09:45",
        ]
    );
    assert_eq!(
        out.events[1].fields.recurrence_id,
        Some(at("2026-11-25T09:30"))
    );
    assert_eq!(
        out.summary.events, 1,
        "overrides are not events of their own"
    );
}

#[test]
fn all_day_events_span_their_days_with_an_exclusive_end() {
    let d = |text| IcsTime::Date(day(text));
    let offsite = event("offsite", d("2026-11-28"), d("2026-11-30"));
    let mut holiday = event("holiday", d("2026-11-26"), d("2026-11-27"));
    holiday.end = None;
    holiday.rrules = vec!["FREQ=YEARLY".into()];
    holiday.exdates = vec![d("2027-11-26")];
    let out = expand(
        &entries([offsite, holiday]),
        day("2026-11-01"),
        day("2029-01-01"),
        &tz("Europe/Berlin"),
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        [
            "holiday Thu 26..Fri 27",
            "offsite Sat 28..Mon 30",
            "holiday Sun 26..Mon 27",
        ]
    );
}

#[test]
fn utc_floating_and_unknown_zones() {
    let local = tz("Europe/Berlin");
    let utc = event(
        "utc",
        IcsTime::Utc(at("2026-11-24T13:00")),
        IcsTime::Utc(at("2026-11-24T14:00")),
    );
    let floating = event(
        "floating",
        IcsTime::Floating(at("2026-11-27T08:00")),
        IcsTime::Floating(at("2026-11-27T09:00")),
    );
    let windows = "W. Europe Standard Time".to_string();
    let mut outlook = event(
        "outlook",
        IcsTime::UnknownZone(at("2026-11-26T16:00"), windows.clone()),
        IcsTime::UnknownZone(at("2026-11-26T16:30"), windows.clone()),
    );
    outlook.end = None;
    outlook.duration = Some(chrono::TimeDelta::minutes(45));
    let out = expand(
        &entries([utc, floating, outlook]),
        day("2026-11-23"),
        day("2026-11-30"),
        &local,
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        [
            "utc Tue 24 14:00-15:00",
            "outlook Thu 26 16:00-16:45",
            "floating Fri 27 08:00-09:00",
        ]
    );
    assert_eq!(out.summary.unknown_zone_events, 1);
    assert_eq!(out.summary.unknown_zones, [windows]);
}

#[test]
fn only_the_window_is_kept_and_an_unusable_rule_keeps_the_first_instance() {
    let local = tz("Europe/Berlin");
    let mut daily = event(
        "daily",
        IcsTime::Floating(at("2020-01-01T08:00")),
        IcsTime::Floating(at("2020-01-01T08:15")),
    );
    daily.rrules = vec!["FREQ=DAILY".into()];
    let mut hourly = event(
        "hourly",
        IcsTime::Floating(at("2026-11-24T08:00")),
        IcsTime::Floating(at("2026-11-24T08:15")),
    );
    hourly.rrules = vec!["FREQ=WEEKLY;BYDAY=2TU".into()];
    let out = expand(
        &entries([daily, hourly]),
        day("2026-11-23"),
        day("2026-11-25"),
        &local,
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        [
            "daily Mon 23 08:00-08:15",
            "daily Tue 24 08:00-08:15",
            "hourly Tue 24 08:00-08:15",
        ]
    );
    assert_eq!(out.summary.unexpanded, ["hourly"]);
    assert_eq!(out.summary.recurring, 1);
}

#[test]
fn an_absurd_duration_is_cut_to_ten_years_instead_of_overflowing() {
    // Found by tests/it/reliability_input.rs: DURATION:P99999999W used to panic.
    let mut e = event(
        "long",
        IcsTime::Utc(at("2026-11-26T09:00")),
        IcsTime::Utc(at("2026-11-26T10:00")),
    );
    e.end = None;
    e.duration = Some(chrono::TimeDelta::weeks(99_999_999));
    let out = expand(
        &entries([e]),
        day("2026-11-01"),
        day("2026-12-31"),
        &tz("UTC"),
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(out.events.len(), 1);
    match out.events[0].fields.span {
        EventSpan::Timed { end, .. } => assert!(end < at("2037-01-01T00:00"), "{end}"),
        EventSpan::AllDay { .. } => panic!("a timed event"),
    }
}

fn series(uid: &str, start: &str, rule: &str) -> IcsEvent {
    let t = at(start);
    let mut e = event(
        uid,
        IcsTime::Floating(t),
        IcsTime::Floating(t + chrono::Duration::minutes(30)),
    );
    e.rrules = vec![rule.into()];
    e
}

#[test]
fn a_series_that_repeats_too_often_is_left_out_and_named() {
    let hours = (0..24).map(|h| h.to_string()).collect::<Vec<_>>().join(",");
    let events = [
        series("daily", "2026-11-20T08:00", "FREQ=DAILY"),
        series("hourly", "2026-11-20T08:00", "FREQ=HOURLY"),
        series(
            "dense",
            "2026-11-20T08:00",
            &format!("FREQ=DAILY;BYHOUR={hours};BYMINUTE=0,30"),
        ),
        series("counted", "2026-11-20T08:00", "FREQ=DAILY;COUNT=999999999"),
    ];
    let out = expand(
        &entries(events.clone()),
        day("2026-11-23"),
        day("2026-11-25"),
        &tz("UTC"),
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        ["daily Mon 23 08:00-08:30", "daily Tue 24 08:00-08:30"]
    );
    assert_eq!((out.summary.events, out.summary.recurring), (1, 1));
    let refused: Vec<String> = out
        .summary
        .refused
        .iter()
        .map(|r| format!("{}: {}", r.label, r.reason))
        .collect();
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert!(refused[0].starts_with("\"hourly\" (UID hourly): FREQ=HOURLY repeats"));
    assert!(refused[1].starts_with("\"dense\" (UID dense): it meets 48 times a day"));
    assert!(refused[2].starts_with("\"counted\" (UID counted): COUNT=999999999 asks"));
    assert!(out.summary.unexpanded.is_empty());
}

#[test]
fn a_calendar_that_expands_beyond_the_limits_is_refused_whole() {
    let window = (day("2026-11-01"), day("2026-12-01"));
    let dailies: Vec<IcsEvent> = (0..10)
        .map(|n| series(&format!("d{n}"), "2026-01-01T08:00", "FREQ=DAILY"))
        .collect();
    let limits = Limits {
        happenings: 299,
        steps: 1_000_000,
    };
    let fits = expand(
        &entries(dailies[..9].to_vec()),
        window.0,
        window.1,
        &tz("UTC"),
        limits,
    )
    .unwrap();
    assert_eq!(fits.events.len(), 270);
    let err = expand(
        &entries(dailies.clone()),
        window.0,
        window.1,
        &tz("UTC"),
        limits,
    )
    .unwrap_err();
    assert!(
        matches!(err, TooLarge::Happenings { count: 30, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with(
            "it puts more than 299 events on the agenda from 2026-11-01 to 2026-11-30 \
             (Bearing keeps at most 299; event \"d0\" (UID d0) alone has 30)"
        ),
        "{message}"
    );

    // A COUNT series is walked from its first meeting: 10,000 steps to reach 1927.
    let old = series("old", "1900-01-01T08:00", "FREQ=DAILY;COUNT=10000");
    let steps = |steps| Limits {
        happenings: 100,
        steps,
    };
    let done = expand(
        &entries([old.clone()]),
        window.0,
        window.1,
        &tz("UTC"),
        steps(10_000),
    )
    .unwrap();
    assert!(done.events.is_empty());
    let err = expand(
        &entries([old]),
        window.0,
        window.1,
        &tz("UTC"),
        steps(9_999),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "its repeating events run through more than 9999 occurrences (a series with COUNT counts \
         from its first meeting; Bearing reads at most 9999), the last at event \"old\" (UID old)"
    );
}

/// "LOCAL ZONE | EVENT ZONE (or floating) | first DTSTART | minutes | a happening, local".
/// Daily series through the spring-forward and fall-back days of Berlin and New York.
const DAYLIGHT_SAVING: &[&str] = &[
    // The skipped hour: 02:30 happens at 03:30, and the end keeps the length.
    "Europe/Berlin | Europe/Berlin | 2026-03-27T02:30 | 30 | Sun 29 03:30-04:00",
    "Europe/Berlin | Europe/Berlin | 2026-03-27T02:30 | 30 | Sat 28 02:30-03:00",
    "Europe/Berlin | Europe/Berlin | 2026-03-27T01:30 | 60 | Sun 29 01:30-03:30",
    "Europe/Berlin | floating | 2026-03-27T02:30 | 30 | Sun 29 03:30-04:00",
    "America/New_York | America/New_York | 2026-03-06T02:30 | 30 | Sun 08 03:30-04:00",
    "America/New_York | floating | 2026-03-06T02:15 | 90 | Sun 08 03:15-04:45",
    // Shown in another zone: the instant the gap rule gives.
    "Europe/Berlin | America/New_York | 2026-03-06T02:30 | 30 | Sun 08 08:30-09:00",
    "America/New_York | Europe/Berlin | 2026-03-27T02:30 | 30 | Sat 28 21:30-22:00",
    // The repeated hour: the first of the two instants.
    "Europe/Berlin | Europe/Berlin | 2026-10-23T02:30 | 30 | Sun 25 02:30-03:00",
    "Europe/Berlin | Europe/Berlin | 2026-10-23T01:30 | 60 | Sun 25 01:30-02:30",
    "America/New_York | America/New_York | 2026-10-30T01:30 | 30 | Sun 01 01:30-02:00",
    "America/New_York | floating | 2026-10-30T01:30 | 45 | Sun 01 01:30-02:15",
    "Europe/Berlin | America/New_York | 2026-10-30T01:30 | 30 | Sun 01 06:30-08:00",
    // A later instant that reads earlier in the local repeated hour keeps the event's length.
    "America/New_York | UTC | 2026-10-30T05:30 | 45 | Sun 01 01:30-02:15",
];

#[test]
fn daylight_saving_gaps_move_forward_and_every_event_ends_after_it_starts() {
    for row in DAYLIGHT_SAVING {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let local = tz(cells[0]);
        let (start, minutes) = (at(cells[2]), cells[3].parse::<i64>().unwrap());
        let end = start + chrono::Duration::minutes(minutes);
        let time = |t| match cells[1] {
            "floating" => IcsTime::Floating(t),
            "UTC" => IcsTime::Utc(t),
            zone => IcsTime::Zoned(t, tz(zone)),
        };
        let mut e = event("e", time(start), time(end));
        e.rrules = vec!["FREQ=DAILY;COUNT=5".into()];
        let out = expand(
            &entries([e]),
            day("2026-01-01"),
            day("2027-01-01"),
            &local,
            IMPORT_LIMITS,
        )
        .unwrap();
        let shown = starts(&out.events);
        assert!(
            shown.contains(&format!("e {}", cells[4])),
            "{row}: {shown:?}"
        );
        for happening in &out.events {
            let EventSpan::Timed { start, end } = happening.fields.span else {
                panic!("{row}: timed");
            };
            assert!(start < end, "{row}: {start} – {end}");
        }
    }
}

fn utc_window(events: Vec<IcsEvent>, from: &str, to: &str) -> Vec<String> {
    let out = expand(
        &entries(events),
        day(from),
        day(to),
        &tz("UTC"),
        IMPORT_LIMITS,
    )
    .unwrap();
    starts(&out.events)
}

#[test]
fn rdates_add_instances_with_their_own_length_once_and_exdates_take_them_away() {
    use crate::domain::calendar::RDate;
    let mut e = event(
        "talk",
        IcsTime::Utc(at("2026-11-02T10:00")),
        IcsTime::Utc(at("2026-11-02T11:00")),
    );
    e.rrules = vec!["FREQ=WEEKLY;COUNT=3".into()];
    let rdate = |start, length| RDate { start, length };
    e.rdates = vec![
        // The same as the rule's second instance: counted once.
        rdate(IcsTime::Utc(at("2026-11-09T10:00")), None),
        rdate(
            IcsTime::Utc(at("2026-11-12T15:00")),
            Some(chrono::Duration::hours(3)),
        ),
        rdate(
            IcsTime::Zoned(at("2026-11-13T09:00"), tz("Europe/Berlin")),
            None,
        ),
        rdate(IcsTime::Utc(at("2026-11-20T10:00")), None),
    ];
    e.exdates = vec![IcsTime::Utc(at("2026-11-20T10:00"))];
    assert_eq!(
        utc_window(vec![e.clone()], "2026-11-01", "2026-12-01"),
        [
            "talk Mon 02 10:00-11:00",
            "talk Mon 09 10:00-11:00",
            "talk Thu 12 15:00-18:00",
            "talk Fri 13 08:00-09:00",
            "talk Mon 16 10:00-11:00",
        ]
    );
    // Extra dates alone make a series too.
    e.rrules.clear();
    assert_eq!(utc_window(vec![e], "2026-11-01", "2026-12-01").len(), 4);
}

#[test]
fn every_rrule_counts_and_dtstart_is_the_first_instance_even_off_the_rule() {
    // ical.js's multiple-rules case: monthly on the 13th and weekly on Thursday, from Thursday
    // 2 February 2012; and DTSTART counts where the rule does not meet (a Monday here).
    let mut e = event(
        "both",
        IcsTime::Floating(at("2012-02-02T00:00")),
        IcsTime::Floating(at("2012-02-02T01:00")),
    );
    e.rrules = vec![
        "FREQ=MONTHLY;BYMONTHDAY=13".into(),
        "FREQ=WEEKLY;BYDAY=TH".into(),
    ];
    let shown = utc_window(vec![e], "2012-02-01", "2012-02-24");
    assert_eq!(
        shown,
        [
            "both Thu 02 00:00-01:00",
            "both Thu 09 00:00-01:00",
            "both Mon 13 00:00-01:00",
            "both Thu 16 00:00-01:00",
            "both Thu 23 00:00-01:00",
        ]
    );
    let mut off = event(
        "off",
        IcsTime::Floating(at("2026-11-30T10:00")),
        IcsTime::Floating(at("2026-11-30T10:30")),
    );
    off.rrules = vec!["FREQ=WEEKLY;BYDAY=TU;COUNT=2".into()];
    assert_eq!(
        utc_window(vec![off], "2026-11-01", "2027-01-01"),
        [
            "off Mon 30 10:00-10:30",
            "off Tue 01 10:00-10:30",
            "off Tue 08 10:00-10:30"
        ]
    );
}

#[test]
fn an_override_whose_series_is_missing_is_that_one_instance_even_with_a_rule() {
    // Google's export of one accepted instance: RECURRENCE-ID, and the series' RRULE kept.
    let mut instance = event(
        "u",
        IcsTime::Utc(at("2024-01-08T13:00")),
        IcsTime::Utc(at("2024-01-08T14:00")),
    );
    instance.recurrence_id = Some(IcsTime::Utc(at("2023-10-09T13:00")));
    instance.rrules = vec!["FREQ=WEEKLY;BYDAY=MO".into()];
    let out = expand(
        &entries([instance]),
        day("2023-01-01"),
        day("2026-01-01"),
        &tz("UTC"),
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(starts(&out.events), ["u Mon 08 13:00-14:00"]);
    assert_eq!(out.summary.recurring, 0);
}

#[test]
fn a_date_exdate_takes_away_that_days_instance_of_a_timed_series() {
    // ical.js's rdate_exdate.ics: EXDATE;VALUE=DATE against a UTC DTSTART.
    let mut e = event(
        "123",
        IcsTime::Utc(at("2024-06-09T03:00")),
        IcsTime::Utc(at("2024-06-09T03:00")),
    );
    e.rrules = vec!["FREQ=DAILY;INTERVAL=1;COUNT=4".into()];
    e.exdates = vec![IcsTime::Date(day("2024-06-11"))];
    assert_eq!(
        utc_window(vec![e], "2024-06-01", "2024-07-01"),
        [
            "123 Sun 09 03:00-03:00",
            "123 Mon 10 03:00-03:00",
            "123 Wed 12 03:00-03:00"
        ]
    );
}

#[test]
fn extra_dates_and_lone_overrides_in_a_spring_forward_gap_move_forward_too() {
    use crate::domain::calendar::RDate;
    let berlin = tz("Europe/Berlin");
    let mut series = event(
        "s",
        IcsTime::Zoned(at("2026-03-20T02:30"), berlin),
        IcsTime::Zoned(at("2026-03-20T03:00"), berlin),
    );
    series.rdates = vec![RDate {
        start: IcsTime::Zoned(at("2026-03-29T02:15"), berlin),
        length: Some(chrono::Duration::minutes(30)),
    }];
    let mut lone = event(
        "lone",
        IcsTime::Zoned(at("2026-03-29T02:45"), berlin),
        IcsTime::Zoned(at("2026-03-29T03:15"), berlin),
    );
    lone.recurrence_id = Some(IcsTime::Zoned(at("2026-03-28T02:45"), berlin));
    let out = expand(
        &entries([series, lone]),
        day("2026-03-29"),
        day("2026-03-30"),
        &berlin,
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        ["s Sun 29 03:15-03:45", "lone Sun 29 03:45-04:15"]
    );
}

#[test]
fn the_days_an_event_reaches_bound_what_a_range_loads() {
    use super::days_reached;
    use crate::domain::calendar::RDate;
    let mut e = event(
        "e",
        IcsTime::Zoned(at("2026-11-23T09:30"), tz("Europe/Berlin")),
        IcsTime::Zoned(at("2026-11-24T10:00"), tz("Europe/Berlin")),
    );
    assert_eq!(
        days_reached(&e),
        (day("2026-11-23"), Some(day("2026-11-25")))
    );
    e.rdates = vec![RDate {
        start: IcsTime::Utc(at("2026-12-30T10:00")),
        length: None,
    }];
    assert_eq!(
        days_reached(&e),
        (day("2026-11-23"), Some(day("2027-01-01")))
    );
    e.rrules = vec!["FREQ=DAILY;UNTIL=20270105T000000Z".into()];
    assert_eq!(
        days_reached(&e),
        (day("2026-11-23"), Some(day("2027-01-07")))
    );
    e.rrules.push("FREQ=WEEKLY;COUNT=3".into());
    assert_eq!(
        days_reached(&e),
        (day("2026-11-23"), None),
        "COUNT: not known without expanding"
    );
    let mut moved = event(
        "m",
        IcsTime::Date(day("2026-12-10")),
        IcsTime::Date(day("2026-12-11")),
    );
    moved.recurrence_id = Some(IcsTime::Date(day("2026-12-01")));
    moved.rrules = vec!["FREQ=DAILY".into()];
    assert_eq!(
        days_reached(&moved),
        (day("2026-12-01"), Some(day("2026-12-12")))
    );
}

#[test]
fn a_floating_recurrence_id_is_read_in_the_zone_of_its_series() {
    // Shown in UTC, while the series runs in Berlin: the floating RECURRENCE-IDs name the
    // 09:00 Berlin meetings, not 09:00 UTC.
    let berlin = tz("Europe/Berlin");
    let mut sync = event(
        "sync",
        IcsTime::Zoned(at("2026-11-23T09:00"), berlin),
        IcsTime::Zoned(at("2026-11-23T09:30"), berlin),
    );
    sync.rrules = vec!["FREQ=WEEKLY;COUNT=3".into()];
    let mut moved = event(
        "sync",
        IcsTime::Zoned(at("2026-12-01T10:00"), berlin),
        IcsTime::Zoned(at("2026-12-01T10:30"), berlin),
    );
    moved.recurrence_id = Some(IcsTime::Floating(at("2026-11-30T09:00")));
    let mut cancelled = event(
        "sync",
        IcsTime::Zoned(at("2026-12-07T09:00"), berlin),
        IcsTime::Zoned(at("2026-12-07T09:30"), berlin),
    );
    cancelled.recurrence_id = Some(IcsTime::Floating(at("2026-12-07T09:00")));
    cancelled.cancelled = true;
    let out = expand(
        &entries([sync, moved, cancelled]),
        day("2026-11-01"),
        day("2027-01-01"),
        &chrono_tz::UTC,
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        ["sync Mon 23 08:00-08:30", "sync Tue 01 09:00-09:30"]
    );
}

#[test]
fn a_fixed_offset_series_keeps_its_offset_while_local_clocks_change() {
    // +05:30 all year: 09:30 there is 05:00 in Berlin in summer time and 04:00 in winter.
    let india = chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
    let mut standup = event(
        "standup",
        IcsTime::Offset(at("2026-10-19T09:30"), india),
        IcsTime::Offset(at("2026-10-19T10:00"), india),
    );
    standup.rrules = vec!["FREQ=WEEKLY;UNTIL=20261102T040000Z".into()];
    standup.exdates = vec![IcsTime::Utc(at("2026-10-26T04:00"))];
    let out = expand(
        &entries([standup]),
        day("2026-10-19"),
        day("2026-11-09"),
        &tz("Europe/Berlin"),
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        ["standup Mon 19 06:00-06:30", "standup Mon 02 05:00-05:30"]
    );
    assert_eq!(out.summary.unknown_zone_events, 0);
}

#[test]
fn an_all_day_series_names_its_days_by_the_date_a_zoned_recurrence_id_or_exdate_gives() {
    // Exchange writes them at midnight in its own zone (here London summer time, 23:00 UTC the
    // day before); recurring_ical_events reads them as that day.
    let london = tz("Europe/London");
    let mut bins = event(
        "bins",
        IcsTime::Date(day("2020-04-02")),
        IcsTime::Date(day("2020-04-03")),
    );
    bins.rrules = vec!["FREQ=WEEKLY;INTERVAL=2;COUNT=4".into()];
    bins.exdates = vec![IcsTime::Zoned(at("2020-04-30T00:00"), london)];
    let mut moved = event(
        "bins",
        IcsTime::Date(day("2020-04-17")),
        IcsTime::Date(day("2020-04-18")),
    );
    moved.recurrence_id = Some(IcsTime::Zoned(at("2020-04-16T00:00"), london));
    let out = expand(
        &entries([bins, moved]),
        day("2020-04-01"),
        day("2020-06-01"),
        &tz("UTC"),
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(
        starts(&out.events),
        [
            "bins Thu 02..Fri 03",
            "bins Fri 17..Sat 18",
            "bins Thu 14..Fri 15"
        ]
    );
}
