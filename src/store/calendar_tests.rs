use super::*;
use crate::store::Store;
use chrono::NaiveDateTime;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn event() -> IcsEvent {
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    IcsEvent {
        uid: "u1@example.com".into(),
        title: "Sync".into(),
        start: IcsTime::Zoned(at("2026-11-23T09:30"), berlin),
        end: Some(IcsTime::Utc(at("2026-11-23T09:00"))),
        duration: None,
        rrules: vec![
            "FREQ=WEEKLY;BYDAY=MO".into(),
            "FREQ=MONTHLY;BYMONTHDAY=13".into(),
        ],
        rdates: vec![
            RDate {
                start: IcsTime::Floating(at("2026-12-24T18:00")),
                length: Some(TimeDelta::hours(3)),
            },
            RDate {
                start: IcsTime::Date(day("2027-01-02")),
                length: None,
            },
        ],
        exdates: vec![
            IcsTime::UnknownZone(at("2026-11-30T09:30"), "W. Europe Standard Time".into()),
            IcsTime::Date(day("2026-12-07")),
        ],
        recurrence_id: None,
        cancelled: false,
    }
}

#[test]
fn every_form_of_time_rules_and_dates_read_back_as_stored() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let series = event();
    let mut moved = event();
    moved.rrules.clear();
    moved.rdates.clear();
    moved.exdates.clear();
    moved.end = None;
    moved.duration = Some(TimeDelta::minutes(45));
    moved.recurrence_id = Some(IcsTime::Utc(at("2026-11-30T08:30")));
    moved.cancelled = true;
    let a = insert(conn, "work", &series, (day("2026-11-23"), None)).unwrap();
    let b = insert(
        conn,
        "work",
        &moved,
        (day("2026-11-30"), Some(day("2026-12-01"))),
    )
    .unwrap();
    let all = all(conn).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        (all[0].id, &all[0].source, &all[0].event),
        (a, &"work".to_string(), &series)
    );
    assert_eq!((all[1].id, &all[1].event), (b, &moved));
    assert_eq!(
        count(conn, "work").unwrap(),
        1,
        "a cancelled override is not an event"
    );
}

#[test]
fn a_range_reads_the_events_whose_days_it_touches_and_every_open_series() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let mut single = event();
    single.rrules.clear();
    single.rdates.clear();
    insert(
        conn,
        "a",
        &single,
        (day("2026-11-23"), Some(day("2026-11-24"))),
    )
    .unwrap();
    insert(conn, "a", &event(), (day("2026-11-23"), None)).unwrap();
    let titles = |from, to| -> Vec<i64> {
        in_range(conn, day(from), day(to))
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(titles("2026-11-20", "2026-11-23"), Vec::<i64>::new());
    assert_eq!(titles("2026-11-20", "2026-11-24"), [1, 2]);
    assert_eq!(titles("2026-11-24", "2026-11-25"), [1, 2]);
    assert_eq!(titles("2026-11-25", "2030-01-01"), [2]);
}

#[test]
fn rows_of_earlier_imports_read_as_the_local_times_they_showed() {
    // Migration 4 leaves a happening of an earlier import as floating times without a rule.
    let store = Store::open_in_memory().unwrap();
    store
        .conn()
        .execute_batch(
            "INSERT INTO calendar_event (source, uid, title, start, end_at, all_day, rrule, \
             recurrence_id, first_day, last_day) VALUES \
             ('old', 'u', 'Standup', '2026-11-23T09:30', '2026-11-23T09:45', 0, NULL, \
              '2026-11-23T09:30', '2026-11-23', '2026-11-23'), \
             ('old', 'h', 'Holiday', '2026-11-26', '2026-11-27', 1, NULL, NULL, \
              '2026-11-26', '2026-11-27')",
        )
        .unwrap();
    let all = all(store.conn()).unwrap();
    assert_eq!(
        all[0].event.start,
        IcsTime::Floating(at("2026-11-23T09:30"))
    );
    assert_eq!(
        all[0].event.recurrence_id,
        Some(IcsTime::Floating(at("2026-11-23T09:30")))
    );
    assert!(all[0].event.rrules.is_empty() && all[0].event.exdates.is_empty());
    assert_eq!(all[1].event.start, IcsTime::Date(day("2026-11-26")));
    assert_eq!(all[1].event.end, Some(IcsTime::Date(day("2026-11-27"))));
}

#[test]
fn a_damaged_time_or_list_is_an_error_not_a_guess() {
    for (column, value) in [
        ("start", "2026-11-23T09:30:00#Berlin"),
        ("start", "yesterday"),
        ("exdates", "[1, 2]"),
        ("rdates", "{\"at\": 1}"),
    ] {
        let store = Store::open_in_memory().unwrap();
        insert(store.conn(), "a", &event(), (day("2026-11-23"), None)).unwrap();
        store
            .conn()
            .execute(&format!("UPDATE calendar_event SET {column} = ?1"), [value])
            .unwrap();
        assert!(all(store.conn()).is_err(), "{column} = {value}");
    }
}

#[test]
fn fixed_offsets_read_back_and_unresolved_zones_stored_earlier_read_as_before() {
    let offset = |seconds: i32| chrono::FixedOffset::east_opt(seconds).unwrap();
    for (t, text) in [
        (
            IcsTime::Offset(at("2026-11-25T15:00"), offset(5 * 3600)),
            "2026-11-25T15:00:00@UTC+05:00",
        ),
        (
            IcsTime::Offset(at("2026-11-25T15:00"), offset(-(3 * 3600 + 1800))),
            "2026-11-25T15:00:00@UTC-03:30",
        ),
    ] {
        assert_eq!(time_text(&t), text);
        assert_eq!(parse_time(4, text).unwrap(), t);
    }
    // Rows imported before TZIDs were resolved keep the name as the file wrote it, and keep
    // reading as local time until the calendar is imported again.
    for name in ["W. Europe Standard Time", "+0500", "UTC+5"] {
        assert_eq!(
            parse_time(4, &format!("2026-11-25T15:00:00@{name}")).unwrap(),
            IcsTime::UnknownZone(at("2026-11-25T15:00"), name.to_string())
        );
    }
}
