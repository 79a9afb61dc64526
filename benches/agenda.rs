//! Building one week's agenda from a database with three years of meetings: 40 recurring series
//! (weekly, bi-weekly, monthly, quarterly), 2,000 one-off meetings, and held/skipped/moved records.
//! Run with `cargo bench --bench agenda`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bearing::domain::ritual::{OccurrenceStatus, RitualFields};
use bearing::ops::agenda::{agenda, meetings_between};
use bearing::ops::rituals::{add_ritual, set_status};
use bearing::schedule::agenda::{Series, meetings};
use bearing::store::{Store, occurrences, rituals};
use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};

fn main() {
    divan::main();
}

fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 41, 0)
        .unwrap()
}

fn fields(name: String, rrule: Option<String>, dtstart: NaiveDateTime) -> RitualFields {
    RitualFields::new(name, rrule, dtstart, 45)
}

/// Three years of a director's calendar, deterministic.
fn three_years() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let rules = [
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        "FREQ=WEEKLY;BYDAY=TH",
        "FREQ=MONTHLY;BYDAY=1TH",
        "FREQ=MONTHLY;BYDAY=2TU",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1WE",
    ];
    for i in 0..40 {
        let rule = rules[i % rules.len()].to_string();
        let at = start() + Duration::minutes(30 * (i as i64 % 16));
        add_ritual(
            &mut store,
            fields(format!("Series {i}"), Some(rule), at),
            start(),
        )
        .unwrap();
    }
    for i in 0..2000 {
        let at = start() + Duration::hours(13 * i);
        add_ritual(
            &mut store,
            fields(format!("One-off {i}"), None, at),
            start(),
        )
        .unwrap();
    }
    // Mark every fourth recurring occurrence of the first year held, and some skipped.
    let series = rituals::list(store.conn()).unwrap();
    for r in series.iter().filter(|r| r.fields.rrule.is_some()).take(10) {
        let rec = bearing::schedule::recurrence::Recurrence::new(
            r.fields.rrule.as_deref(),
            r.fields.dtstart,
            Weekday::Mon,
        )
        .unwrap();
        for (n, t) in rec
            .between(start().date(), now().date())
            .into_iter()
            .enumerate()
            .step_by(4)
        {
            let status = if n % 8 == 0 {
                OccurrenceStatus::Skipped
            } else {
                OccurrenceStatus::Held
            };
            set_status(&mut store, r.id, t, status, None).unwrap();
        }
    }
    store
}

/// The whole path the TUI takes for one week: queries, expansion, due items and radar.
#[divan::bench]
fn week_with_radar(bencher: divan::Bencher) {
    let store = three_years();
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    bencher.bench_local(|| agenda(&store, divan::black_box(week), 7, now(), 3, 13).unwrap());
}

/// Meetings only (store queries + expansion).
#[divan::bench]
fn week_meetings_from_store(bencher: divan::Bencher) {
    let store = three_years();
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    bencher.bench_local(|| {
        meetings_between(&store, divan::black_box(week), week + Duration::days(7)).unwrap()
    });
}

/// The pure computation on loaded series: what "per week rendered" costs once data is in memory.
#[divan::bench]
fn week_expansion_only(bencher: divan::Bencher) {
    let store = three_years();
    let week = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let to = week + Duration::days(7);
    let series: Vec<Series> = rituals::for_range(store.conn(), week, to)
        .unwrap()
        .into_iter()
        .filter_map(|r| Series::new(r, None))
        .collect();
    let records = occurrences::in_range(store.conn(), week, to).unwrap();
    bencher.bench_local(|| meetings(&series, &records, divan::black_box(week), to, &chrono::Utc));
}
