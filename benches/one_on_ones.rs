//! The prep view and full-text search on a database with 60 people and 10,000 notes (plus
//! talking points and actions). Run with `cargo bench --bench one_on_ones`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bearing::domain::one_on_one::Owner;
use bearing::ops::one_on_ones::{add_action, add_note, add_topic, prep, search_all};
use bearing::ops::people::{OneOnOnePlan, PersonInput, add_person, list_people};
use bearing::store::Store;
use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};

fn main() {
    divan::main();
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 41, 0)
        .unwrap()
}

const WORDS: [&str; 24] = [
    "roadmap",
    "hiring",
    "on-call",
    "incident",
    "promotion",
    "feedback",
    "budget",
    "migration",
    "latency",
    "design",
    "review",
    "career",
    "burnout",
    "vendor",
    "security",
    "planning",
    "offsite",
    "metrics",
    "customer",
    "deadline",
    "refactor",
    "mentoring",
    "staffing",
    "quality",
];

/// A deterministic sentence from a small word list.
fn sentence(seed: usize) -> String {
    (0..12)
        .map(|i| WORDS[(seed * 7 + i * 13 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn large() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let start = NaiveDate::from_ymd_opt(2024, 1, 2)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    for p in 0..60 {
        let mut input = PersonInput::default();
        input.draft.name = format!("Person {p:02}");
        input.one_on_one = Some(OneOnOnePlan {
            rrule: "FREQ=WEEKLY;BYDAY=TU".into(),
            start,
            duration_min: 30,
        });
        add_person(&mut store, input, Weekday::Mon, start).unwrap();
    }
    for n in 0..10_000usize {
        let person = (n % 60) as i64 + 1;
        let date = now().date() - Duration::days((n / 60) as i64 * 5);
        add_note(
            &mut store,
            person,
            date,
            &format!("{}.\n{}.", sentence(n), sentence(n + 1)),
            now(),
        )
        .unwrap();
    }
    for t in 0..3_000usize {
        let person = (t % 60) as i64 + 1;
        add_topic(&mut store, person, &sentence(t + 5), now()).unwrap();
        let owner = if t % 2 == 0 { Owner::Me } else { Owner::Them };
        let due = now().date() + Duration::days(t as i64 % 30 - 10);
        add_action(
            &mut store,
            Some(person),
            owner,
            &sentence(t + 9),
            Some(due),
            now(),
        )
        .unwrap();
    }
    store
}

/// Everything the prep view shows for one person.
#[divan::bench]
fn prep_view(bencher: divan::Bencher) {
    let store = large();
    bencher.bench_local(|| prep(&store, divan::black_box(17), now()).unwrap());
}

/// The people list with each person's 1:1 statistics.
#[divan::bench]
fn people_list(bencher: divan::Bencher) {
    let store = large();
    bencher.bench_local(|| list_people(&store, now()).unwrap());
}

/// A two-word full-text search over notes, topics, actions and people.
#[divan::bench]
fn full_text_search(bencher: divan::Bencher) {
    let store = large();
    bencher.bench_local(|| search_all(&store, divan::black_box("burnout mentor"), 30).unwrap());
}

/// A two-letter prefix: the widest incremental search the TUI runs (it starts at two letters).
#[divan::bench]
fn full_text_search_two_letters(bencher: divan::Bencher) {
    let store = large();
    bencher.bench_local(|| search_all(&store, divan::black_box("mi"), 30).unwrap());
}
