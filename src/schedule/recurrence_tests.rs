use super::*;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn rec(rule: &str, start: &str) -> Recurrence {
    Recurrence::new(Some(rule), at(start), Weekday::Mon).unwrap()
}

fn dates(list: &[NaiveDateTime]) -> String {
    let days: Vec<String> = list
        .iter()
        .map(|t| t.format("%Y-%m-%d").to_string())
        .collect();
    days.join(" ")
}

/// "RULE | DTSTART | FROM TO | expected dates", checked against known calendars.
const CALENDARS: &[&str] = &[
    // Month ends: the 31st skips short months; -1 is always the last day.
    "FREQ=MONTHLY;BYMONTHDAY=31 | 2026-01-31 10:00 | 2026-01-01 2027-01-01 | 2026-01-31 2026-03-31 \
     2026-05-31 2026-07-31 2026-08-31 2026-10-31 2026-12-31",
    "FREQ=MONTHLY;BYMONTHDAY=-1 | 2027-12-31 10:00 | 2028-01-01 2028-04-01 | 2028-01-31 2028-02-29 \
     2028-03-31",
    // Leap day only in leap years.
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29 | 2024-02-29 09:00 | 2025-01-01 2035-01-01 | 2028-02-29 \
     2032-02-29",
    "FREQ=YEARLY | 2024-02-29 09:00 | 2024-01-01 2030-01-01 | 2024-02-29 2028-02-29",
    // A fifth Friday only in months that have one.
    "FREQ=MONTHLY;BYDAY=5FR | 2026-01-30 10:00 | 2026-01-01 2027-01-01 | 2026-01-30 2026-05-29 \
     2026-07-31 2026-10-30",
    // Year boundaries.
    "FREQ=WEEKLY;BYDAY=WE | 2026-12-30 10:00 | 2026-12-28 2027-01-11 | 2026-12-30 2027-01-06",
    "FREQ=DAILY | 2026-12-30 10:00 | 2026-12-31 2027-01-02 | 2026-12-31 2027-01-01",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH | 2026-12-17 10:00 | 2026-12-01 2027-01-20 | 2026-12-17 \
     2026-12-31 2027-01-14",
    "FREQ=MONTHLY;BYMONTHDAY=31 | 2026-12-31 10:00 | 2026-12-01 2027-04-01 | 2026-12-31 2027-01-31 \
     2027-03-31",
    // Week start: the RFC 5545 example (section 3.8.5.3), then the same with MO,SU.
    "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO | 1997-08-05 09:00 | 1997-08-01 1997-10-01 \
     | 1997-08-05 1997-08-10 1997-08-19 1997-08-24",
    "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU | 1997-08-05 09:00 | 1997-08-01 1997-10-01 \
     | 1997-08-05 1997-08-17 1997-08-19 1997-08-31",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=MO | 2026-01-05 10:00 | 2026-01-01 2026-02-03 \
     | 2026-01-05 2026-01-11 2026-01-19 2026-01-25 2026-02-02",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU | 2026-01-05 10:00 | 2026-01-01 2026-02-03 \
     | 2026-01-05 2026-01-18 2026-01-19 2026-02-01 2026-02-02",
    // COUNT and UNTIL edges: an UNTIL equal to an occurrence includes it.
    "FREQ=WEEKLY;COUNT=3 | 2026-01-06 10:00 | 2026-01-01 2027-01-01 | 2026-01-06 2026-01-13 2026-01-20",
    "FREQ=WEEKLY;COUNT=3 | 2026-01-06 10:00 | 2026-01-14 2027-01-01 | 2026-01-20",
    "FREQ=WEEKLY;UNTIL=20260120T100000 | 2026-01-06 10:00 | 2026-01-01 2027-01-01 | 2026-01-06 \
     2026-01-13 2026-01-20",
    "FREQ=WEEKLY;UNTIL=20260120T095959Z | 2026-01-06 10:00 | 2026-01-01 2027-01-01 | 2026-01-06 \
     2026-01-13",
    "FREQ=WEEKLY;UNTIL=20260120 | 2026-01-06 10:00 | 2026-01-01 2027-01-01 | 2026-01-06 2026-01-13 \
     2026-01-20",
    // Quarterly on the last Friday.
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR | 2026-01-30 10:00 | 2026-01-01 2027-02-01 | 2026-01-30 \
     2026-04-24 2026-07-31 2026-10-30 2027-01-29",
    // The last workday of the month.
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 | 2026-01-01 16:00 | 2026-01-01 2026-10-01 \
     | 2026-01-30 2026-02-27 2026-03-31 2026-04-30 2026-05-29 2026-06-30 2026-07-31 2026-08-31 \
     2026-09-30",
    // Lowercase with a prefix and a stray semicolon is accepted.
    "rrule:freq=monthly;byday=2tu; | 2026-12-08 10:00 | 2026-12-01 2027-03-01 | 2026-12-08 \
     2027-01-12 2027-02-09",
];

#[test]
fn known_calendars() {
    for case in CALENDARS {
        let fields: Vec<&str> = case.split(" | ").map(str::trim).collect();
        let [rule, start, range, want] = fields[..] else {
            panic!("malformed case {case}");
        };
        let (from, to) = range.split_once(' ').unwrap();
        let got = rec(rule, start).between(day(from), day(to));
        assert_eq!(dates(&got), want, "{rule} from {start}");
        let time = at(start).time();
        assert!(
            got.iter().all(|t| t.time() == time),
            "{rule}: time of day drifted"
        );
    }
}

#[test]
fn ten_o_clock_stays_ten_across_daylight_saving_changes() {
    for (start, change) in [
        ("2026-03-24 10:00", "2026-03-29"),
        ("2026-10-20 10:00", "2026-10-25"),
        ("2026-03-03 10:00", "2026-03-08"),
        ("2026-10-27 10:00", "2026-11-01"),
    ] {
        let r = rec("FREQ=WEEKLY", start);
        let got = r.between(at(start).date(), day(change) + Days::new(14));
        assert_eq!(got.len(), 3, "{start}");
        assert!(
            got.iter()
                .all(|t| t.time() == NaiveTime::from_hms_opt(10, 0, 0).unwrap())
        );
        assert!(got.windows(2).all(|w| w[1] - w[0] == TimeDelta::days(7)));
    }
}

fn varied_rules() -> Vec<Recurrence> {
    [
        "FREQ=DAILY | 2019-05-03 08:30",
        "FREQ=DAILY;INTERVAL=3 | 2020-02-28 09:00",
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR | 2021-01-01 09:15",
        "FREQ=WEEKLY;BYDAY=TU | 2018-07-03 10:00",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU | 2019-12-31 10:00",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH;WKST=SU | 2020-06-11 14:00",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU | 2021-03-08 11:00",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU | 2021-03-08 11:00",
        "FREQ=MONTHLY;BYMONTHDAY=31 | 2019-01-31 10:00",
        "FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=2 | 2019-02-28 17:00",
        "FREQ=MONTHLY;BYDAY=2TU | 2020-01-14 10:00",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR | 2019-11-29 15:00",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 | 2018-01-31 16:00",
        "FREQ=MONTHLY;BYDAY=5FR | 2019-03-29 12:00",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29 | 2016-02-29 09:00",
        "FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYDAY=-1SU | 2018-03-25 09:00",
        "FREQ=MONTHLY | 2019-08-30 07:45",
    ]
    .into_iter()
    .map(|case| case.split_once(" | ").unwrap())
    .map(|(rule, start)| rec(rule, start))
    .collect()
}

/// `between` agrees with `occurs_at` probed day by day, and starting expansion at the range
/// instead of at DTSTART changes nothing.
#[test]
fn between_matches_day_by_day_probe_and_full_expansion() {
    let (from, to) = (day("2027-11-15"), day("2028-11-15"));
    for r in varied_rules() {
        let got = r.between(from, to);
        let probed: Vec<NaiveDateTime> = from
            .iter_days()
            .take_while(|d| *d < to)
            .map(|d| d.and_time(r.dtstart.time()))
            .filter(|t| r.occurs_at(*t))
            .collect();
        assert_eq!(got, probed, "{:?}", r.rule);
        // Range starts on every weekday and in every month, so period boundaries are crossed.
        for offset in (0..400).step_by(37) {
            let start = (from + Days::new(offset)).and_time(NaiveTime::MIN);
            let end = start + TimeDelta::days(100);
            let full: Vec<NaiveDateTime> =
                r.iter_from(start, false).take_while(|t| *t < end).collect();
            assert_eq!(
                r.between(start.date(), end.date()),
                full,
                "{:?} from {start}",
                r.rule
            );
        }
        assert!(!got.is_empty(), "{:?}", r.rule);
        for pair in got.windows(2) {
            assert_eq!(r.next_after(pair[0]), Some(pair[1]));
            assert_eq!(
                r.last_at_or_before(pair[1] - TimeDelta::seconds(1)),
                Some(pair[0])
            );
        }
    }
}

#[test]
fn weekly_tuesday_is_every_tuesday_and_nothing_else() {
    let r = rec("FREQ=WEEKLY;BYDAY=TU", "2026-01-06 10:00");
    let got = r.between(day("2026-01-01"), day("2027-01-01"));
    assert_eq!(got.len(), 52);
    assert!(
        got.iter()
            .all(|t| t.weekday() == Weekday::Tue && t.time() == at("2026-01-06 10:00").time())
    );
    assert!(got.windows(2).all(|w| w[1] - w[0] == TimeDelta::days(7)));
    assert_eq!(got.last().map(|t| t.date()), Some(day("2026-12-29")));
}

#[test]
fn workdays_are_monday_to_friday_without_gaps() {
    let r = rec("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "2026-01-01 09:00");
    let got = r.between(day("2026-01-01"), day("2027-01-01"));
    let want: Vec<NaiveDate> = day("2026-01-01")
        .iter_days()
        .take_while(|d| d.year() == 2026)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    assert_eq!(got.iter().map(|t| t.date()).collect::<Vec<_>>(), want);
}

#[test]
fn navigation_around_an_occurrence() {
    let r = rec("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-01-06 10:00");
    assert_eq!(
        r.next_after(at("2026-01-06 10:00")),
        Some(at("2026-01-20 10:00"))
    );
    assert_eq!(
        r.next_after(at("2026-01-06 09:59")),
        Some(at("2026-01-06 10:00"))
    );
    assert_eq!(
        r.next_after(at("2020-01-01 00:00")),
        Some(at("2026-01-06 10:00"))
    );
    assert_eq!(
        r.last_at_or_before(at("2026-01-20 10:00")),
        Some(at("2026-01-20 10:00"))
    );
    assert_eq!(
        r.last_at_or_before(at("2026-01-19 23:00")),
        Some(at("2026-01-06 10:00"))
    );
    assert_eq!(r.last_at_or_before(at("2026-01-06 09:59")), None);
    assert_eq!(
        r.last_at_or_before(at("2036-01-02 00:00")),
        Some(at("2035-12-25 10:00"))
    );
    assert!(r.occurs_at(at("2026-01-20 10:00")));
    assert!(!r.occurs_at(at("2026-01-13 10:00")));
    assert!(!r.occurs_at(at("2026-01-20 10:01")));
    let unsynced = rec("FREQ=WEEKLY;BYDAY=TU;COUNT=2", "2026-01-05 10:00");
    let got = unsynced.between(day("2026-01-01"), day("2026-02-01"));
    assert_eq!(dates(&got), "2026-01-06 2026-01-13");
    let counted = rec("FREQ=WEEKLY;COUNT=2", "2026-01-06 10:00");
    assert_eq!(counted.next_after(at("2026-01-13 10:00")), None);
    let leap = rec("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2096-02-29 10:00");
    assert_eq!(
        leap.last_at_or_before(at("2103-12-31 00:00")),
        Some(at("2096-02-29 10:00"))
    );
    assert_eq!(
        leap.next_after(at("2096-03-01 00:00")),
        Some(at("2104-02-29 10:00"))
    );
}

#[test]
fn one_off_meeting_happens_once() {
    let r = Recurrence::new(None, at("2026-12-01 15:00"), Weekday::Mon).unwrap();
    assert!(!r.is_repeating());
    assert_eq!(
        r.between(day("2026-11-01"), day("2027-01-01")),
        vec![at("2026-12-01 15:00")]
    );
    assert!(r.between(day("2026-12-02"), day("2027-01-01")).is_empty());
    assert!(r.occurs_at(at("2026-12-01 15:00")));
    assert_eq!(r.next_after(at("2026-12-01 15:00")), None);
    assert_eq!(
        r.last_at_or_before(at("2030-01-01 00:00")),
        Some(at("2026-12-01 15:00"))
    );
    assert_eq!(r.rule_ending_before(at("2026-12-05 00:00")), None);
}

#[test]
fn ending_a_series_before_an_occurrence() {
    let r = rec("freq=weekly;byday=tu;count=10", "2026-01-06 10:00");
    let ended = r.rule_ending_before(at("2026-01-27 10:00")).unwrap();
    assert_eq!(ended, "FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20260120T100000");
    let old = rec(&ended, "2026-01-06 10:00");
    let got = old.between(day("2026-01-01"), day("2027-01-01"));
    assert_eq!(dates(&got), "2026-01-06 2026-01-13 2026-01-20");
    assert_eq!(
        describe(Some(&ended), at("2026-01-06 10:00")),
        "weekly on Tuesday, until 2026-01-20"
    );
    assert_eq!(r.rule_ending_before(at("2026-01-06 10:00")), None);
    let sunday_weeks = Recurrence::new(
        Some("FREQ=DAILY;UNTIL=20261231"),
        at("2026-01-01 09:00"),
        Weekday::Sun,
    );
    let ended = sunday_weeks
        .unwrap()
        .rule_ending_before(at("2026-03-01 09:00"))
        .unwrap();
    assert_eq!(ended, "FREQ=DAILY;WKST=SU;UNTIL=20260228T090000");
}

#[test]
fn week_start_parameter_applies_only_when_the_rule_has_none() {
    let rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU";
    let (from, to) = (day("2026-01-01"), day("2026-02-03"));
    let on = |ws| {
        Recurrence::new(Some(rule), at("2026-01-05 10:00"), ws)
            .unwrap()
            .between(from, to)
    };
    let sunday_weeks = "2026-01-05 2026-01-18 2026-01-19 2026-02-01 2026-02-02";
    assert_eq!(dates(&on(Weekday::Sun)), sunday_weeks);
    assert_ne!(on(Weekday::Mon), on(Weekday::Sun));
    let explicit = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=MO";
    let r = Recurrence::new(Some(explicit), at("2026-01-05 10:00"), Weekday::Sun).unwrap();
    assert_eq!(r.between(from, to), on(Weekday::Mon));
}

/// "RULE => part of the message".
const BAD_RULES: &[&str] = &[
    "FREQ=SOMETIMES => invalid recurrence rule \"FREQ=SOMETIMES\": unknown FREQ; \
     expected e.g. FREQ=WEEKLY;BYDAY=MO",
    " => FREQ is missing",
    "FREQ= => is not KEY=VALUE",
    "BYDAY=MO => FREQ is missing",
    "garbage => \"GARBAGE\" is not KEY=VALUE",
    "FREQ=HOURLY => FREQ=HOURLY repeats more often than daily",
    "FREQ=SECONDLY;COUNT=3 => FREQ=SECONDLY repeats more often than daily",
    "FREQ=DAILY;BYHOUR=9,10,11;BYMINUTE=0,30 => it meets 6 times a day",
    "FREQ=WEEKLY;BYSECOND=1,2,3,4,5 => it meets 5 times a day",
    "FREQ=DAILY;COUNT=999999999999 => COUNT=999999999999 asks for more than 10000 meetings",
    "FREQ=WEEKLY;COUNT=0 => COUNT must be at least 1",
    "FREQ=WEEKLY;INTERVAL=0 => INTERVAL must be at least 1",
    "FREQ=WEEKLY;UNTIL=20260101 => UNTIL 2026-01-01 23:59 is before the first meeting",
    "FREQ=WEEKLY;UNTIL=tomorrow => UNTIL must look like",
    "FREQ=WEEKLY;COUNT=3;UNTIL=20270101 => either COUNT or UNTIL",
    "FREQ=WEEKLY;FREQ=DAILY => FREQ appears twice",
    "FREQ=WEEKLY;BYDAY=XX => not a valid weekday",
    "FREQ=MONTHLY;BYMONTHDAY=32 => BYMONTHDAY",
    "FREQ=WEEKLY;BYMONTHDAY=3 => BYMONTHDAY",
    "FREQ=WEEKLY;BYSOMETHING=3 => BYSOMETHING",
    "FREQ=WEEKLY;BYDAY=2TU => needs FREQ=MONTHLY or YEARLY",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30 => never produces a meeting",
    "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260302 => never produces a meeting",
];

#[test]
fn bad_rules_are_rejected_with_a_clear_message() {
    for case in BAD_RULES {
        let (rule, want) = case.split_once(" => ").unwrap();
        let err = Recurrence::new(Some(rule.trim()), at("2026-03-01 10:00"), Weekday::Mon);
        let message = err.unwrap_err().to_string();
        assert!(message.contains(want), "{rule}: {message}");
        assert!(
            message.starts_with("invalid recurrence rule"),
            "{rule}: {message}"
        );
    }
}

/// "RULE (- for none) | DTSTART | expected words".
const DESCRIPTIONS: &[&str] = &[
    "- | 2026-12-01 10:00 | once on Tue 1 Dec 2026",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU | 2026-12-01 10:00 | every 2nd Tuesday",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU | 2026-12-01 10:00 | every 3 weeks on Tuesday",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,MO | 2026-12-01 10:00 | every 2 weeks on Mon, Wed",
    "FREQ=WEEKLY;BYDAY=MO,WE | 2026-12-01 10:00 | weekly on Mon, Wed",
    "FREQ=WEEKLY | 2026-12-01 10:00 | weekly on Tuesday",
    "FREQ=DAILY | 2026-12-01 10:00 | daily",
    "FREQ=DAILY;INTERVAL=2 | 2026-12-01 10:00 | every 2 days",
    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR | 2026-12-01 10:00 | every weekday",
    "FREQ=WEEKLY;BYDAY=FR,TH,WE,TU,MO | 2026-12-01 10:00 | every weekday",
    "FREQ=MONTHLY;BYMONTHDAY=15 | 2026-12-01 10:00 | monthly on the 15th",
    "FREQ=MONTHLY | 2026-12-01 10:00 | monthly on the 1st",
    "FREQ=MONTHLY;BYMONTHDAY=1,15 | 2026-12-01 10:00 | monthly on the 1st and the 15th",
    "FREQ=MONTHLY;BYMONTHDAY=-1 | 2026-12-01 10:00 | monthly on the last day",
    "FREQ=MONTHLY;BYMONTHDAY=-2 | 2026-12-01 10:00 | monthly on the 2nd-to-last day",
    "FREQ=MONTHLY;BYDAY=-1FR | 2026-01-30 10:00 | monthly on the last Friday",
    "FREQ=MONTHLY;BYDAY=2TU | 2026-12-08 10:00 | monthly on the 2nd Tuesday",
    "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3 | 2026-12-15 10:00 | monthly on the 3rd Tuesday",
    "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR | 2026-01-30 10:00 | every 3 months on the last Friday",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 | 2026-01-30 10:00 | monthly on the last weekday",
    "FREQ=MONTHLY;BYDAY=MO,WE;BYSETPOS=1 | 2026-01-30 10:00 | monthly on the 1st of Mon, Wed",
    "FREQ=YEARLY | 2027-03-01 10:00 | yearly on 1 Mar",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29 | 2028-02-29 10:00 | yearly on 29 Feb",
    "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU | 2026-03-29 10:00 | yearly on the last Sunday of March",
    "FREQ=WEEKLY;BYDAY=TU;COUNT=10 | 2026-12-01 10:00 | weekly on Tuesday, 10 times",
    "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301 | 2026-12-01 10:00 | weekly on Tuesday, until 2027-03-01",
    "FREQ=WEEKLY;UNTIL=20270301T000000Z | 2026-12-01 10:00 | weekly on Tuesday, until 2027-03-01",
    "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO | 2026-12-01 10:00 | yearly (BYWEEKNO=20; BYDAY=MO)",
    "FREQ=DAILY;BYHOUR=9,14 | 2026-12-01 10:00 | daily (BYHOUR=9,14)",
    "FREQ=MONTHLY;BYMONTH=1,7;BYMONTHDAY=3 | 2026-12-01 10:00 | monthly (BYMONTH=1,7; BYMONTHDAY=3)",
    "FREQ=SOMETIMES;x | 2026-12-01 10:00 | custom rule FREQ=SOMETIMES;X",
    "FREQ=MONTHLY;BYSETPOS=1 | 2026-12-01 10:00 | monthly (BYSETPOS=1)",
];

#[test]
fn describe_in_plain_english() {
    for case in DESCRIPTIONS {
        let fields: Vec<&str> = case.split(" | ").collect();
        let [rule, start, want] = fields[..] else {
            panic!("malformed case {case}");
        };
        let rule = (rule != "-").then_some(rule);
        assert_eq!(describe(rule, at(start)), want, "{rule:?}");
    }
}

#[test]
fn cadence_presets_round_trip() {
    let rule_for = |cadence: Cadence, start: &str| cadence.rule_for(at(start)).unwrap_or_default();
    let presets = [
        (Cadence::Weekly, "FREQ=WEEKLY;BYDAY=TU"),
        (Cadence::Biweekly, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        (Cadence::MonthlyNthWeekday, "FREQ=MONTHLY;BYDAY=2TU"),
        (
            Cadence::QuarterlyLastWeekday,
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TU",
        ),
        (Cadence::Monthly, "FREQ=MONTHLY;BYMONTHDAY=8"),
        (Cadence::Once, ""),
        (Cadence::Custom, ""),
    ];
    for (cadence, want) in presets {
        assert_eq!(rule_for(cadence, "2026-12-08 10:00"), want, "{cadence:?}");
    }
    let quarterly = rule_for(Cadence::QuarterlyLastWeekday, "2026-12-25 10:00");
    assert_eq!(quarterly, "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR");
    let fifth_tuesday = rule_for(Cadence::MonthlyNthWeekday, "2026-12-29 10:00");
    assert_eq!(fifth_tuesday, "FREQ=MONTHLY;BYDAY=-1TU");
    for start in [
        "2026-12-08 10:00",
        "2026-12-25 10:00",
        "2027-01-31 09:00",
        "2028-02-29 09:00",
    ] {
        for cadence in Cadence::ALL {
            let rule = cadence.rule_for(at(start));
            let want = if rule.is_none() {
                Cadence::Once
            } else {
                cadence
            };
            assert_eq!(
                Cadence::detect(rule.as_deref(), at(start)),
                want,
                "{cadence:?} {start}"
            );
            if let Some(rule) = rule {
                assert!(Recurrence::new(Some(&rule), at(start), Weekday::Mon).is_ok());
            }
        }
    }
    let tue = at("2026-12-08 10:00");
    assert_eq!(Cadence::detect(Some("freq=weekly"), tue), Cadence::Weekly);
    for custom in [
        "FREQ=WEEKLY;BYDAY=TU;COUNT=5",
        "FREQ=WEEKLY;BYDAY=TU,TH",
        "FREQ=SOMETIMES",
    ] {
        assert_eq!(
            Cadence::detect(Some(custom), tue),
            Cadence::Custom,
            "{custom}"
        );
    }
    let labels: Vec<&str> = Cadence::ALL.iter().map(|c| c.label()).collect();
    assert_eq!(labels[2], "every 2 weeks");
    assert_eq!(labels[6], "custom RRULE…");
}

/// An agenda over three years for ~40 rituals that started years ago must stay interactive.
#[test]
fn forty_rules_over_three_years_is_fast() {
    let rules: Vec<Recurrence> = (0..3)
        .flat_map(|_| varied_rules())
        .chain(varied_rules().into_iter().take(8))
        .collect();
    let started = std::time::Instant::now();
    let total: usize = rules
        .iter()
        .map(|r| r.between(day("2030-01-01"), day("2033-01-01")).len())
        .sum();
    assert!(total > 1000);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

/// Dates at the edges of what the crate expands must give answers, not panics or long stalls.
#[test]
fn extreme_dates_never_panic() {
    let rules = [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
    ];
    let times = [
        "0001-01-01 00:00",
        "9999-12-30 23:59",
        "+10001-01-01 10:00",
        "-5000-01-01 10:00",
    ];
    let started = std::time::Instant::now();
    for (rule, start) in rules.iter().flat_map(|r| times.map(|t| (*r, t))) {
        let Ok(r) = Recurrence::new(Some(rule), at(start), Weekday::Sun) else {
            continue;
        };
        for q in times.map(at).into_iter().chain([at("+20000-01-01 00:00")]) {
            let (from, to) = (q.date(), q.date() + Days::new(400));
            assert!(
                r.between(from, to)
                    .iter()
                    .all(|t| t.date() >= from && t.date() < to)
            );
            assert!(r.between(to, from).is_empty());
            assert!(r.next_after(q).is_none_or(|t| t > q && r.occurs_at(t)));
            assert!(
                r.last_at_or_before(q)
                    .is_none_or(|t| t <= q && r.occurs_at(t))
            );
            assert!(
                r.rule_ending_before(q)
                    .is_none_or(|rule| rule.contains("UNTIL="))
            );
        }
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn expansion_counts_its_steps_and_stops_when_they_run_out() {
    // A series with COUNT is stepped through from its first meeting, however old.
    let counted = rec("FREQ=DAILY;COUNT=100", "2000-01-01 09:00");
    let walk = counted.walk(day("2026-01-01"), day("2026-02-01"), 100);
    assert_eq!(
        (walk.times.len(), walk.steps, walk.complete),
        (0, 100, true)
    );
    assert!(
        !counted
            .walk(day("2026-01-01"), day("2026-02-01"), 99)
            .complete
    );
    // Without COUNT it starts at the rule's period around the window.
    let daily = rec("FREQ=DAILY;BYHOUR=9,13,15,17", "1900-01-01 09:00");
    let walk = daily.walk(day("2026-01-01"), day("2026-01-08"), 1000);
    assert_eq!(
        (walk.times.len(), walk.steps, walk.complete),
        (28, 28, true)
    );
    // The densest rule Bearing accepts, yearly (stepped from January), fits `between`'s bound.
    let days: Vec<String> = (1..=366).map(|d| d.to_string()).collect();
    let rule = format!("FREQ=YEARLY;BYYEARDAY={};BYHOUR=1,2,3,4", days.join(","));
    let yearly = rec(&rule, "2025-01-01 01:00");
    assert_eq!(
        yearly.between(day("2026-07-01"), day("2027-07-01")).len(),
        365 * 4
    );
}

#[test]
fn a_stored_rituals_rule_is_remembered_by_all_it_depends_on() {
    use crate::domain::ritual::RitualFields;
    let (from, to) = (day("2026-01-01"), day("2026-02-03"));
    let mut fields = RitualFields::new(
        "Staff",
        Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU".into()),
        at("2026-01-05 10:00"),
        30,
    );
    let fresh = |f: &RitualFields| {
        Recurrence::new(f.rrule.as_deref(), f.dtstart, f.week_start)
            .unwrap()
            .between(from, to)
    };
    let mut seen = Vec::new();
    // Each change of what the result depends on gives that rule's dates, not the remembered
    // ones; asked twice, the same.
    for change in 0..4 {
        match change {
            1 => fields.week_start = Weekday::Sun,
            2 => fields.dtstart = at("2026-01-12 10:00"),
            3 => fields.rrule = Some("FREQ=WEEKLY;BYDAY=TU".into()),
            _ => {}
        }
        for _ in 0..2 {
            let remembered = Recurrence::of(&fields).unwrap().between(from, to);
            assert_eq!(remembered, fresh(&fields), "after change {change}");
        }
        seen.push(fresh(&fields));
    }
    seen.dedup();
    assert_eq!(seen.len(), 4, "each change gives other dates: {seen:?}");
    fields.rrule = Some("FREQ=WEEKLY;COUNT=0".into());
    assert!(
        Recurrence::of(&fields).is_err(),
        "a bad rule is refused each time"
    );
    assert!(Recurrence::of(&fields).is_err());
}
