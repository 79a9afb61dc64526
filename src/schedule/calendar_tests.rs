use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::{IMPORT_LIMITS, Limits, TooLarge, expand};
use crate::domain::calendar::{CalendarEventFields, EventSpan, IcsEvent, IcsTime};

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
        rrule: None,
        exdates: Vec::new(),
        recurrence_id: None,
        cancelled: false,
    }
}

fn starts(events: &[CalendarEventFields]) -> Vec<String> {
    events
        .iter()
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
    sync.rrule = Some("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261109T140000Z".into());
    let out = expand(
        &[sync],
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
    standup.rrule = Some("FREQ=DAILY;COUNT=5".into());
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
        &[moved, standup, cancelled],
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
    assert_eq!(out.events[1].recurrence_id, Some(at("2026-11-25T09:30")));
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
    holiday.rrule = Some("FREQ=YEARLY".into());
    holiday.exdates = vec![d("2027-11-26")];
    let out = expand(
        &[offsite, holiday],
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
        &[utc, floating, outlook],
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
    daily.rrule = Some("FREQ=DAILY".into());
    let mut hourly = event(
        "hourly",
        IcsTime::Floating(at("2026-11-24T08:00")),
        IcsTime::Floating(at("2026-11-24T08:15")),
    );
    hourly.rrule = Some("FREQ=WEEKLY;BYDAY=2TU".into());
    let out = expand(
        &[daily, hourly],
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
        &[e],
        day("2026-11-01"),
        day("2026-12-31"),
        &tz("UTC"),
        IMPORT_LIMITS,
    )
    .unwrap();
    assert_eq!(out.events.len(), 1);
    match out.events[0].span {
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
    e.rrule = Some(rule.into());
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
        &events,
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
    let fits = expand(&dailies[..9], window.0, window.1, &tz("UTC"), limits).unwrap();
    assert_eq!(fits.events.len(), 270);
    let err = expand(&dailies, window.0, window.1, &tz("UTC"), limits).unwrap_err();
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
        std::slice::from_ref(&old),
        window.0,
        window.1,
        &tz("UTC"),
        steps(10_000),
    )
    .unwrap();
    assert!(done.events.is_empty());
    let err = expand(&[old], window.0, window.1, &tz("UTC"), steps(9_999)).unwrap_err();
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
        e.rrule = Some("FREQ=DAILY;COUNT=5".into());
        let out = expand(
            &[e],
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
            let EventSpan::Timed { start, end } = happening.span else {
                panic!("{row}: timed");
            };
            assert!(start < end, "{row}: {start} – {end}");
        }
    }
}
