//! Hostile input: every parser a user can reach is fed generated and mutated text and must
//! answer with a value or an error, never a panic. Seeded, so a failure names its seed and case
//! and replays exactly; bounded, so the default run takes a few seconds (the JSON import runs
//! 300 cases, 1,000 with `BEARING_FULL_TESTS=1`). More cases:
//! `BEARING_RELIABILITY_CASES=20000 cargo test --test it reliability_input -- --nocapture`.
//! (A seeded fastrand generator instead of proptest: no new dependency tree for a few seconds
//! of CI; the cargo-fuzz targets in fuzz/ do the open-ended search.)

use bearing::config::Config;
use bearing::domain::dates::{parse_date, parse_datetime, parse_time};
use bearing::ops::calendar::import_ics;
use bearing::ops::json::{json_export, json_import, read_export};
use bearing::schedule::recurrence::{Recurrence, describe};
use bearing::store::Store;
use chrono::{Days, NaiveDate, NaiveDateTime, Weekday};
use std::panic::{AssertUnwindSafe, catch_unwind};

const SEED: u64 = 0xB3A2_1E10;

fn cases(default: usize) -> usize {
    std::env::var("BEARING_RELIABILITY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// Runs `check` on `n` generated inputs; a panic fails the test naming the input.
fn fuzz(
    name: &str,
    n: usize,
    mut generate: impl FnMut(&mut fastrand::Rng) -> String,
    mut check: impl FnMut(&str),
) {
    let mut rng = fastrand::Rng::with_seed(SEED ^ name.len() as u64);
    for case in 0..n {
        let input = generate(&mut rng);
        if catch_unwind(AssertUnwindSafe(|| check(&input))).is_err() {
            panic!("{name}: case {case} panicked on {input:?}");
        }
    }
    println!("reliability_input: {name}: {n} inputs, no panic");
}

/// Text built from pieces that parsers care about, plus random characters.
fn pieces(rng: &mut fastrand::Rng, vocabulary: &[&str], max: usize) -> String {
    const HOSTILE: &[&str] = &[
        "",
        " ",
        "-",
        "+",
        "0",
        "-1",
        "99999999999999999999",
        "2147483648",
        "\u{0}",
        "é",
        "e\u{301}",
        "🏳️‍🌈",
        "全角",
        "שלום",
        "\n",
        "\r\n",
        ";",
        "=",
        ":",
        ",",
        "T",
        "Z",
    ];
    let mut text = String::new();
    for _ in 0..rng.usize(0..=max) {
        match rng.u8(0..10) {
            0..=5 => text.push_str(vocabulary[rng.usize(..vocabulary.len())]),
            6..=8 => text.push_str(HOSTILE[rng.usize(..HOSTILE.len())]),
            _ => text.push(char::from_u32(rng.u32(0..0x3000)).unwrap_or('?')),
        }
    }
    text
}

/// `base` with a few lines dropped, doubled or cut, and a few bytes replaced.
fn mutate_lines(rng: &mut fastrand::Rng, base: &str, vocabulary: &[&str]) -> String {
    let mut lines: Vec<String> = base.lines().map(String::from).collect();
    for _ in 0..rng.usize(1..4) {
        if lines.is_empty() {
            break;
        }
        let i = rng.usize(..lines.len());
        match rng.u8(0..5) {
            0 => drop(lines.remove(i)),
            1 => lines.insert(i, lines[i].clone()),
            2 => {
                let cut = rng.usize(..=lines[i].len());
                lines[i] = lines[i].get(..cut).unwrap_or("").to_string();
            }
            3 => {
                let keep = lines[i]
                    .split_once([':', '='])
                    .map_or("", |(k, _)| k)
                    .to_string();
                let sep = if lines[i].contains(':') { ":" } else { "=" };
                lines[i] = format!("{keep}{sep}{}", pieces(rng, vocabulary, 4));
            }
            _ => lines.insert(i, pieces(rng, vocabulary, 6)),
        }
    }
    lines.join("\r\n")
}

const DATE_WORDS: &[&str] = &[
    "today",
    "tomorrow",
    "yesterday",
    "next",
    "last",
    "in",
    "days",
    "weeks",
    "mon",
    "friday",
    "+",
    "3d",
    "2w",
    "1m",
    "10y",
    "2026-11-23",
    "2026-02-30",
    "9999-12-31",
    "23:59",
    "24:00",
    "9am",
    "12pm",
    "T",
    "/",
    "d",
    "w",
    "m",
    "y",
    "months",
    "ago",
    "eow",
    "eom",
];

#[test]
fn dates_and_times() {
    let todays = [
        now().date(),
        NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
        NaiveDate::MIN,
        NaiveDate::MAX,
    ];
    fuzz(
        "dates",
        cases(20_000),
        |rng| pieces(rng, DATE_WORDS, 5),
        |text| {
            for today in todays {
                let _ = parse_date(text, today);
                let _ = parse_datetime(text, today);
            }
            let _ = parse_time(text);
        },
    );
}

const RRULE_WORDS: &[&str] = &[
    "FREQ=",
    "DAILY",
    "WEEKLY",
    "MONTHLY",
    "YEARLY",
    "HOURLY",
    "MINUTELY",
    "SECONDLY",
    ";",
    "INTERVAL=",
    "COUNT=",
    "UNTIL=",
    "20261231T000000",
    "20200101",
    "BYDAY=",
    "MO",
    "TU",
    "-1FR",
    "5SU",
    "+2WE",
    "BYMONTHDAY=",
    "31",
    "-1",
    "0",
    "BYMONTH=",
    "2",
    "13",
    "BYSETPOS=",
    "WKST=SU",
    "BYHOUR=",
    "25",
    "BYWEEKNO=",
    "53",
    "BYYEARDAY=",
    "366",
    "RRULE:",
    ",",
];

#[test]
fn recurrence_rules() {
    let start = now();
    fuzz(
        "rrule",
        cases(5000),
        |rng| pieces(rng, RRULE_WORDS, 8),
        |text| {
            let _ = describe(Some(text), start);
            if let Ok(r) = Recurrence::new(Some(text), start, Weekday::Mon) {
                let _ = r.next_after(start);
                let _ = r.last_at_or_before(start + Days::new(400));
                let _ = r.between(start.date(), start.date() + Days::new(2));
                let _ = r.rule_ending_before(start + Days::new(30));
            }
        },
    );
}

const TOML_WORDS: &[&str] = &[
    "week_start",
    "reminder_lead_min",
    "backups_kept",
    "working_hours",
    "[theme]",
    "[keys.global]",
    "[keys.people]",
    "=",
    "\"",
    "'",
    "\"mon\"",
    "\"sunday\"",
    "-5",
    "1e309",
    "[",
    "]",
    "{",
    "}",
    "\"09:00-17:00\"",
    "\"25:00-26:00\"",
    "\"#ff0000\"",
    "\"q\"",
    "\"quit\"",
    "\"ctrl-x\"",
    "true",
    "[[x]]",
    "risk_review_days",
];

#[test]
fn config_toml() {
    let base = include_str!("../../assets/config.toml");
    fuzz(
        "config",
        cases(5000),
        |rng| {
            if rng.bool() {
                mutate_lines(rng, base, TOML_WORDS)
            } else {
                pieces(rng, TOML_WORDS, 12)
            }
        },
        |text| {
            let _ = Config::parse(text);
            let _ = Config::parse_checked(text, bearing::tui::keymap::check_binding);
        },
    );
}

/// Replaces one scalar somewhere in `value` by a value of another kind.
fn mutate_json(rng: &mut fastrand::Rng, value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(rng.usize(..map.len())).unwrap().clone();
            if rng.u8(0..8) == 0 {
                map.remove(&key);
            } else {
                mutate_json(rng, map.get_mut(&key).unwrap());
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = rng.usize(..items.len());
            match rng.u8(0..8) {
                0 => drop(items.remove(i)),
                1 => items.push(items[i].clone()),
                _ => mutate_json(rng, &mut items[i]),
            }
        }
        _ => {
            *value = match rng.u8(0..6) {
                0 => Value::Null,
                1 => Value::from(rng.i64(..)),
                2 => Value::from(-1),
                3 => Value::from(pieces(rng, DATE_WORDS, 3)),
                4 => Value::Array(vec![]),
                _ => Value::from(rng.bool()),
            }
        }
    }
}

#[test]
fn json_exports() {
    let mut demo = Store::open_in_memory().unwrap();
    bearing::ops::demo::load_demo(&mut demo, Weekday::Mon, now()).unwrap();
    let export = json_export(&demo).unwrap();
    let base: serde_json::Value = serde_json::from_str(&export).unwrap();
    // Each import that parses goes into an empty database of its own: a copy of one made once
    // (copying it is a fraction of running the migrations again).
    let empty = Store::open_in_memory().unwrap();
    fuzz(
        "json",
        cases(crate::support::sample(300, 1000)),
        |rng| match rng.u8(0..5) {
            0 => {
                let mut bytes = export.clone().into_bytes();
                let at = rng.usize(..bytes.len());
                bytes.truncate(at);
                String::from_utf8_lossy(&bytes).into_owned()
            }
            _ => {
                let mut value = base.clone();
                for _ in 0..rng.usize(1..4) {
                    mutate_json(rng, &mut value);
                }
                value.to_string()
            }
        },
        |text| {
            if let Ok(export) = read_export(text, "fuzz.json") {
                let mut store = empty.in_memory_copy().unwrap();
                let _ = json_import(&mut store, &export);
            }
        },
    );
}

const ICS_BASE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\n\
BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Europe/Berlin:20261124T100000\r\nDTEND;TZID=Europe/Berlin:20261124T110000\r\n\
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10\r\nEXDATE;TZID=Europe/Berlin:20261201T100000\r\nSUMMARY:Staff\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20261125\r\nDTEND;VALUE=DATE:20261126\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20261126T090000Z\r\nDURATION:PT45M\r\nSUMMARY:Vendor\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:a\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261208T100000\r\nDTSTART;TZID=Europe/Berlin:20261208T120000\r\nSUMMARY:Moved\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

const ICS_WORDS: &[&str] = &[
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VCALENDAR",
    "END:VCALENDAR",
    "DTSTART",
    "DTEND",
    "TZID=",
    "Mars/Olympus",
    "America/New_York",
    "VALUE=DATE",
    "20261324T250000",
    "19700101T000000Z",
    "P1D",
    "PT-5M",
    "P99999999W",
    "FREQ=SECONDLY",
    "FREQ=DAILY;COUNT=100000",
    "UNTIL=19000101",
    "EXDATE",
    "RDATE",
    "RECURRENCE-ID",
    "STATUS:CANCELLED",
    " folded",
    ";",
    ":",
];

#[test]
fn ics_files() {
    let mut store = Store::open_in_memory().unwrap();
    let zone = chrono_tz::Europe::Berlin;
    fuzz(
        "ics",
        cases(2000),
        |rng| mutate_lines(rng, ICS_BASE, ICS_WORDS),
        |text| {
            let _ = import_ics(&mut store, "fuzz", text, now(), &zone);
        },
    );
}
