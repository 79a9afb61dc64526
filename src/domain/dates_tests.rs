// A failing expectation is exactly what a test should do with a surprise.
#![allow(clippy::expect_used)]

use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid test time")
}

/// Wednesday 2 December 2026.
fn wed() -> NaiveDate {
    ymd(2026, 12, 2)
}

fn check_dates(today: NaiveDate, table: &[(&str, NaiveDate)]) {
    for (input, expected) in table {
        assert_eq!(
            parse_date(input, today),
            Ok(*expected),
            "input {input:?} with today {today}"
        );
    }
}

#[test]
fn iso_dates_are_checked_against_the_calendar() {
    check_dates(
        wed(),
        &[
            ("2026-12-01", ymd(2026, 12, 1)),
            ("  2026-12-01\t", ymd(2026, 12, 1)),
            ("2028-02-29", ymd(2028, 2, 29)),
            ("2000-02-29", ymd(2000, 2, 29)),
            ("2026-01-31", ymd(2026, 1, 31)),
            ("2026-04-30", ymd(2026, 4, 30)),
            ("2026-12-31", ymd(2026, 12, 31)),
            ("0000-01-01", ymd(0, 1, 1)),
            ("9999-12-31", ymd(9999, 12, 31)),
        ],
    );
    for bad in [
        "2026-02-29",
        "1900-02-29",
        "2026-02-30",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "2026-01-32",
    ] {
        let err = parse_date(bad, wed()).expect_err(bad);
        assert!(err.0.contains(bad), "{err}");
        assert!(err.0.contains("not a calendar date"), "{err}");
    }
    assert_eq!(
        parse_date("2026-02-30", wed()).map_err(|e| e.to_string()),
        Err("\"2026-02-30\" is not a calendar date: 2026-02 has days 01 to 28".to_string())
    );
    assert_eq!(
        parse_date("2026-13-01", wed()).map_err(|e| e.to_string()),
        Err("\"2026-13-01\" is not a calendar date: months run from 01 to 12".to_string())
    );
}

#[test]
fn words_for_nearby_days() {
    check_dates(
        wed(),
        &[
            ("today", wed()),
            ("TODAY", wed()),
            (" Tomorrow ", ymd(2026, 12, 3)),
            ("yesterday", ymd(2026, 12, 1)),
        ],
    );
    // Across month, year and leap-day boundaries.
    check_dates(
        ymd(2026, 12, 31),
        &[
            ("tomorrow", ymd(2027, 1, 1)),
            ("yesterday", ymd(2026, 12, 30)),
        ],
    );
    check_dates(
        ymd(2027, 1, 1),
        &[
            ("yesterday", ymd(2026, 12, 31)),
            ("tomorrow", ymd(2027, 1, 2)),
        ],
    );
    check_dates(
        ymd(2028, 2, 28),
        &[("tomorrow", ymd(2028, 2, 29)), ("+2d", ymd(2028, 3, 1))],
    );
    check_dates(ymd(2028, 3, 1), &[("yesterday", ymd(2028, 2, 29))]);
}

#[test]
fn bare_weekday_is_the_nearest_on_or_after_today() {
    // Today is Wednesday 2026-12-02.
    check_dates(
        wed(),
        &[
            ("wed", wed()),
            ("wednesday", wed()),
            ("weds", wed()),
            ("thu", ymd(2026, 12, 3)),
            ("thur", ymd(2026, 12, 3)),
            ("thurs", ymd(2026, 12, 3)),
            ("Thursday", ymd(2026, 12, 3)),
            ("fri", ymd(2026, 12, 4)),
            ("FRIDAY", ymd(2026, 12, 4)),
            ("sat", ymd(2026, 12, 5)),
            ("saturday", ymd(2026, 12, 5)),
            ("sun", ymd(2026, 12, 6)),
            ("sunday", ymd(2026, 12, 6)),
            ("mon", ymd(2026, 12, 7)),
            ("monday", ymd(2026, 12, 7)),
            ("tue", ymd(2026, 12, 8)),
            ("tues", ymd(2026, 12, 8)),
            ("tuesday", ymd(2026, 12, 8)),
        ],
    );
    // "due fri" on a Friday is today; on a Saturday it is six days on, across a year end.
    check_dates(ymd(2026, 12, 4), &[("fri", ymd(2026, 12, 4))]);
    check_dates(ymd(2026, 12, 26), &[("fri", ymd(2027, 1, 1))]);
}

#[test]
fn next_weekday_is_in_the_following_calendar_week() {
    check_dates(
        wed(),
        &[
            ("next mon", ymd(2026, 12, 7)),
            ("next tue", ymd(2026, 12, 8)),
            ("next wed", ymd(2026, 12, 9)),
            ("next thu", ymd(2026, 12, 10)),
            ("next fri", ymd(2026, 12, 11)),
            ("next sat", ymd(2026, 12, 12)),
            ("next sunday", ymd(2026, 12, 13)),
            ("  NEXT   Friday ", ymd(2026, 12, 11)),
        ],
    );
    // On a Sunday the next week starts tomorrow; on a Monday it is a week away.
    check_dates(
        ymd(2026, 12, 6),
        &[
            ("next mon", ymd(2026, 12, 7)),
            ("next sun", ymd(2026, 12, 13)),
        ],
    );
    check_dates(
        ymd(2026, 11, 30),
        &[
            ("next mon", ymd(2026, 12, 7)),
            ("next sun", ymd(2026, 12, 13)),
        ],
    );
    // Across a year end: Thursday 2026-12-31.
    check_dates(
        ymd(2026, 12, 31),
        &[("next mon", ymd(2027, 1, 4)), ("next thu", ymd(2027, 1, 7))],
    );
}

#[test]
fn weekday_rules_hold_for_every_day_as_today() {
    let days = [
        ("mon", Weekday::Mon),
        ("tue", Weekday::Tue),
        ("wed", Weekday::Wed),
        ("thu", Weekday::Thu),
        ("fri", Weekday::Fri),
        ("sat", Weekday::Sat),
        ("sun", Weekday::Sun),
    ];
    // Monday 2026-11-30 to Sunday 2026-12-06, then a week straddling a leap day.
    let todays = (0..7)
        .map(|i| ymd(2026, 11, 30) + Days::new(i))
        .chain((0..7).map(|i| ymd(2028, 2, 26) + Days::new(i)));
    for today in todays {
        let this_monday = today - Days::new(today.weekday().num_days_from_monday().into());
        let next_monday = this_monday + Days::new(7);
        for (name, weekday) in days {
            let bare = parse_date(name, today).expect(name);
            let ahead = (bare - today).num_days();
            assert_eq!(bare.weekday(), weekday, "{name} from {today}");
            assert!((0..=6).contains(&ahead), "{name} from {today}: {ahead}");

            let next = parse_date(&format!("next {name}"), today).expect(name);
            let ahead = (next - today).num_days();
            assert_eq!(next.weekday(), weekday, "next {name} from {today}");
            assert!((1..=13).contains(&ahead), "next {name} from {today}");
            assert_eq!(
                next - Days::new(weekday.num_days_from_monday().into()),
                next_monday,
                "next {name} from {today}"
            );
        }
    }
}

#[test]
fn offsets_in_days_weeks_months_and_years() {
    check_dates(
        wed(),
        &[
            ("+0d", wed()),
            ("+3d", ymd(2026, 12, 5)),
            ("-2d", ymd(2026, 11, 30)),
            ("+30d", ymd(2027, 1, 1)),
            ("+2w", ymd(2026, 12, 16)),
            ("-1w", ymd(2026, 11, 25)),
            ("+1m", ymd(2027, 1, 2)),
            ("-12m", ymd(2025, 12, 2)),
            ("+1y", ymd(2027, 12, 2)),
            ("-1y", ymd(2025, 12, 2)),
            ("+3D", ymd(2026, 12, 5)),
            ("+3days", ymd(2026, 12, 5)),
            ("+1week", ymd(2026, 12, 9)),
            ("+2mo", ymd(2027, 2, 2)),
            ("in 3 days", ymd(2026, 12, 5)),
            ("in 1 day", ymd(2026, 12, 3)),
            ("In 2 Weeks", ymd(2026, 12, 16)),
            ("in 1 month", ymd(2027, 1, 2)),
            ("in 2 years", ymd(2028, 12, 2)),
            ("in 3 d", ymd(2026, 12, 5)),
            ("3 days ago", ymd(2026, 11, 29)),
            ("1 week ago", ymd(2026, 11, 25)),
        ],
    );
    // Months and years clamp to the end of a shorter month.
    check_dates(
        ymd(2026, 1, 31),
        &[
            ("+1m", ymd(2026, 2, 28)),
            ("+2m", ymd(2026, 3, 31)),
            ("+3m", ymd(2026, 4, 30)),
            ("-2m", ymd(2025, 11, 30)),
        ],
    );
    check_dates(ymd(2028, 1, 31), &[("+1m", ymd(2028, 2, 29))]);
    check_dates(
        ymd(2028, 2, 29),
        &[
            ("+1y", ymd(2029, 2, 28)),
            ("-1y", ymd(2027, 2, 28)),
            ("+4y", ymd(2032, 2, 29)),
            ("+1d", ymd(2028, 3, 1)),
        ],
    );
    check_dates(ymd(2026, 3, 31), &[("-1m", ymd(2026, 2, 28))]);
    // The limit itself is accepted.
    check_dates(
        ymd(2026, 1, 1),
        &[("+100y", ymd(2126, 1, 1)), ("-1200m", ymd(1926, 1, 1))],
    );
}

#[test]
fn offsets_beyond_the_limit_are_errors_not_panics() {
    for input in [
        "+101y",
        "+1201m",
        "+100000d",
        "-100000d",
        "+99999999999999999999999d",
        "+4294967296d",
        "+4294967295w",
        "+4294967295m",
        "+4294967295y",
        "in 100000 days",
        "100000 days ago",
    ] {
        let err = parse_date(input, wed()).expect_err(input);
        assert!(err.0.contains("too far away"), "{input}: {err}");
    }
}

#[test]
fn dates_that_leave_the_four_digit_years_are_errors() {
    let last = ymd(9999, 12, 31);
    for input in ["tomorrow", "+1d", "thu", "next mon", "+1m", "in 1 year"] {
        let err = parse_date(input, last).expect_err(input);
        assert!(err.0.contains("outside the years"), "{input}: {err}");
    }
    let first = ymd(0, 1, 1);
    for input in ["yesterday", "-1d", "1 day ago", "-1y"] {
        assert!(parse_date(input, first).is_err(), "{input}");
    }
    for today in [NaiveDate::MAX, NaiveDate::MIN] {
        for input in [
            "today",
            "tomorrow",
            "yesterday",
            "sun",
            "next sun",
            "+100y",
            "-100y",
        ] {
            assert!(parse_date(input, today).is_err(), "{input} from {today}");
        }
    }
}

#[test]
fn bad_input_gets_a_message_naming_it() {
    assert_eq!(
        parse_date("", wed()),
        Err(DateError("a date is required".to_string()))
    );
    assert_eq!(
        parse_date("  \t\n", wed()),
        Err(DateError("a date is required".to_string()))
    );
    assert_eq!(
        parse_date("31/02", wed()).map_err(|e| e.to_string()),
        Err(
            "\"31/02\" is not a date: use 2026-12-01, today, tomorrow, yesterday, mon..sun, \
             next mon, +3d, -2d, +2w, +1m"
                .to_string()
        )
    );
    for bad in [
        "31/02",
        "12/05",
        "2026-1-5",
        "2026/12/01",
        "20261201",
        "2026-12-01x",
        "+d",
        "-w",
        "+3",
        "3d",
        "+3x",
        "+3mon",
        "+ 3d",
        "+3 d",
        "++3d",
        "--3d",
        "+-3d",
        "+3d2",
        "next",
        "next week",
        "next next mon",
        "nxt mon",
        "next 3",
        "in",
        "in 3",
        "in days",
        "in -3 days",
        "in 3 dayz",
        "3 ago",
        "days ago",
        "in 3 days ago",
        "fri 10:00",
        "today tomorrow",
        "tomorow",
        "m",
        "month",
        "+",
        "-",
        "t",
        "monday!",
        "mon.",
        "é",
        "ｍｏｎ",
        "+３d",
        "💥",
        "fri\u{0}",
        "\u{202e}today",
        "2026-12-01\u{301}",
    ] {
        let err = parse_date(bad, wed()).expect_err(bad);
        assert!(err.0.contains("is not a date"), "{bad:?}: {err}");
        let printable = bad.chars().all(|c| c.is_ascii_graphic() || c == ' ');
        assert!(err.0.contains(bad.trim()) || !printable, "{bad:?}: {err}");
    }
    // Control characters are escaped and long input is shortened.
    let err = parse_date("fri\u{0}", wed()).expect_err("nul");
    assert!(err.0.starts_with("\"fri\\0\""), "{err}");
    let long = "x".repeat(500);
    let err = parse_date(&long, wed()).expect_err("long");
    assert!(
        err.0.starts_with(&format!("\"{}…\"", "x".repeat(40))),
        "{err}"
    );
}

#[test]
fn errors_are_std_errors() {
    let err: Box<dyn std::error::Error> = Box::new(DateError("a date is required".into()));
    assert_eq!(err.to_string(), "a date is required");
}

#[test]
fn times() {
    for (input, expected) in [
        ("10:00", hm(10, 0)),
        ("9:30", hm(9, 30)),
        ("09:05", hm(9, 5)),
        ("0:00", hm(0, 0)),
        ("00:00", hm(0, 0)),
        ("23:59", hm(23, 59)),
        (" 14:30 ", hm(14, 30)),
    ] {
        assert_eq!(parse_time(input), Ok(expected), "{input}");
    }
    assert_eq!(
        parse_time(""),
        Err(DateError("a time is required".to_string()))
    );
    for bad in [
        "24:00",
        "10:60",
        "10",
        "10:",
        ":30",
        "10:5",
        "10:005",
        "100:00",
        "-1:00",
        "+9:30",
        "9.30",
        "9:30am",
        "10:00:00",
        "1 0:00",
        "10 :00",
        "ten",
        "１０:００",
        "10:0０",
        "💥:00",
    ] {
        let err = parse_time(bad).expect_err(bad);
        assert!(err.0.contains("is not a time"), "{bad}: {err}");
    }
    assert_eq!(
        parse_time("24:00").map_err(|e| e.to_string()),
        Err("\"24:00\" is not a time: use 24-hour H:MM or HH:MM, e.g. 9:30 or 14:00".to_string())
    );
}

#[test]
fn date_and_time_together() {
    let at = |d: NaiveDate, h, m| d.and_time(hm(h, m));
    for (input, expected) in [
        ("2026-12-01T10:00", at(ymd(2026, 12, 1), 10, 0)),
        ("2026-12-01t10:00", at(ymd(2026, 12, 1), 10, 0)),
        ("2026-12-01 10:00", at(ymd(2026, 12, 1), 10, 0)),
        ("2026-12-01   9:05", at(ymd(2026, 12, 1), 9, 5)),
        ("tomorrow 10:00", at(ymd(2026, 12, 3), 10, 0)),
        ("today 0:00", at(wed(), 0, 0)),
        ("fri 14:30", at(ymd(2026, 12, 4), 14, 30)),
        ("next mon 9:00", at(ymd(2026, 12, 7), 9, 0)),
        ("+2d 10:00", at(ymd(2026, 12, 4), 10, 0)),
        ("in 2 weeks 8:15", at(ymd(2026, 12, 16), 8, 15)),
        (" Next Friday 23:59 ", at(ymd(2026, 12, 11), 23, 59)),
    ] {
        assert_eq!(parse_datetime(input, wed()), Ok(expected), "{input}");
    }
    assert_eq!(
        parse_datetime(" ", wed()),
        Err(DateError("a date and time are required".to_string()))
    );
    for (bad, says) in [
        ("tomorrow", "is not a date and time"),
        ("next mon", "is not a date and time"),
        ("2026-12-01", "is not a date and time"),
        ("10:00 tomorrow", "is not a date and time"),
        ("2026-12-01T", "is not a date and time"),
        ("2026-12-01X10:00", "is not a date and time"),
        ("10:00", "is not a date and time"),
        ("2026-02-30T10:00", "\"2026-02-30\" is not a calendar date"),
        ("2026-12-01T24:00", "\"24:00\" is not a time"),
        ("fri 10", "is not a date and time"),
        ("fri 10:60", "\"10:60\" is not a time"),
        ("next 10:00", "\"next\" is not a date"),
        ("nxt mon 9:00", "\"nxt mon\" is not a date"),
        ("+100000d 9:00", "too far away"),
        ("é 10:00", "\"é\" is not a date"),
        ("éééééééééééT10:00", "is not a date and time"),
    ] {
        let err = parse_datetime(bad, wed()).expect_err(bad);
        assert!(err.0.contains(says), "{bad}: {err}");
    }
}

#[test]
fn formatting() {
    assert_eq!(format_date(ymd(2026, 12, 1)), "2026-12-01");
    assert_eq!(format_date(ymd(987, 1, 5)), "0987-01-05");
    let today = wed();
    for (date, expected) in [
        (today, "today"),
        (ymd(2026, 12, 3), "tomorrow"),
        (ymd(2026, 12, 1), "yesterday"),
        (ymd(2026, 12, 4), "in 2 days"),
        (ymd(2026, 12, 8), "in 6 days"),
        (ymd(2026, 11, 29), "3 days ago"),
        (ymd(2026, 11, 26), "6 days ago"),
        (ymd(2026, 12, 9), "Wed 9 Dec"),
        (ymd(2026, 11, 25), "Wed 25 Nov"),
        (ymd(2026, 1, 1), "Thu 1 Jan"),
        (ymd(2027, 12, 1), "1 Dec 2027"),
        (ymd(2025, 12, 31), "31 Dec 2025"),
    ] {
        assert_eq!(format_relative(date, today), expected, "{date}");
    }
    // Near a year end, "in 3 days" wins over the year rule; beyond six days the year shows.
    let new_years_eve = ymd(2026, 12, 31);
    assert_eq!(format_relative(ymd(2027, 1, 3), new_years_eve), "in 3 days");
    assert_eq!(
        format_relative(ymd(2027, 1, 7), new_years_eve),
        "7 Jan 2027"
    );
    // Extremes do not overflow.
    assert!(!format_relative(NaiveDate::MAX, NaiveDate::MIN).is_empty());
}

#[test]
fn relative_words_read_back_as_the_same_date() {
    let today = wed();
    for offset in -6..=6_i64 {
        let date = today + chrono::TimeDelta::days(offset);
        let shown = format_relative(date, today);
        assert_eq!(parse_date(&shown, today), Ok(date), "{shown}");
    }
}

/// A tiny linear congruential generator, so the fuzz test is deterministic and needs no crates.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

#[test]
fn fuzzed_input_never_panics_and_results_round_trip() {
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "3",
        "9",
        "12",
        "29",
        "31",
        "2026",
        "2028",
        "9999",
        "0000",
        "99999999999",
        "-",
        "+",
        ":",
        "/",
        " ",
        "  ",
        "\t",
        "T",
        "t",
        "d",
        "w",
        "m",
        "y",
        "days",
        "weeks",
        "month",
        "in",
        "ago",
        "next",
        "today",
        "tomorrow",
        "yesterday",
        "mon",
        "Tues",
        "thurs",
        "fri",
        "sunday",
        "nxt",
        "2026-02-",
        "-12-",
        "10:00",
        "24:",
        "é",
        "💥",
        "\u{0}",
        "\u{301}",
        "ｍ",
    ];
    let todays = [
        wed(),
        ymd(2028, 2, 29),
        ymd(2026, 12, 31),
        ymd(2026, 1, 31),
        ymd(9999, 12, 29),
        ymd(0, 1, 2),
        NaiveDate::MAX,
        NaiveDate::MIN,
    ];
    let mut rng = Lcg(0x5eed);
    let mut accepted = 0;
    for _ in 0..6000 {
        let pieces = rng.next(7);
        let input: String = (0..pieces)
            .map(|_| PIECES[rng.next(PIECES.len())])
            .collect();
        let today = todays[rng.next(todays.len())];
        if let Ok(date) = parse_date(&input, today) {
            accepted += 1;
            let shown = format_date(date);
            assert_eq!(parse_date(&shown, today), Ok(date), "{input:?} -> {shown}");
            assert!(!format_relative(date, today).is_empty());
        }
        if let Ok(moment) = parse_datetime(&input, today) {
            let shown = format!("{}T{}", format_date(moment.date()), moment.format("%H:%M"));
            assert_eq!(
                parse_datetime(&shown, today),
                Ok(moment),
                "{input:?} -> {shown}"
            );
        }
        let _ = parse_time(&input);
    }
    // The alphabet is meant to hit valid forms too, not only garbage.
    assert!(accepted > 100, "only {accepted} inputs were accepted");
}

#[test]
fn a_date_and_its_distance_never_say_the_date_twice() {
    let today = ymd(2026, 11, 29);
    assert_eq!(
        date_and_distance(ymd(2026, 12, 13), today),
        "Sun 13 Dec (in 14 days)"
    );
    assert_eq!(
        date_and_distance(ymd(2026, 12, 2), today),
        "Wed 2 Dec (in 3 days)"
    );
    assert_eq!(
        date_and_distance(ymd(2026, 11, 29), today),
        "Sun 29 Nov (today)"
    );
    assert_eq!(
        date_and_distance(ymd(2026, 11, 1), today),
        "Sun 1 Nov (28 days ago)"
    );
    assert_eq!(
        date_and_distance(ymd(2027, 1, 5), today),
        "Tue 5 Jan 2027 (in 37 days)"
    );
    assert_eq!(distance_in_days(ymd(2026, 11, 28), today), "yesterday");
    assert_eq!(distance_in_days(ymd(2026, 11, 30), today), "tomorrow");
}
