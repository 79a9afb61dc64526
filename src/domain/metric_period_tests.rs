use super::*;
use chrono::Weekday::{Mon, Sat, Sun};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn weeks_start_on_the_configured_day() {
    // Wed 25 Nov 2026.
    let wed = d(2026, 11, 25);
    for (week_start, start) in [
        (Mon, d(2026, 11, 23)),
        (Sun, d(2026, 11, 22)),
        (Sat, d(2026, 11, 21)),
        (Weekday::Wed, d(2026, 11, 25)),
        (Weekday::Thu, d(2026, 11, 19)),
    ] {
        let p = Period::containing(wed, Cadence::Weekly, week_start);
        assert_eq!(p.start, start, "{week_start}");
        assert_eq!(p.end(), start + Duration::days(7));
        assert!(p.contains(wed));
    }
    // Across the year's end: Thu 31 Dec 2026 is in the week of Mon 28 Dec.
    let p = Period::containing(d(2026, 12, 31), Cadence::Weekly, Mon);
    assert_eq!(p.start, d(2026, 12, 28));
    assert_eq!(p.next().start, d(2027, 1, 4));
    assert_eq!(p.previous().start, d(2026, 12, 21));
}

#[test]
fn months_and_quarters_are_the_calendars() {
    let p = Period::containing(d(2028, 2, 29), Cadence::Monthly, Mon);
    assert_eq!(p.start, d(2028, 2, 1));
    assert_eq!(p.end(), d(2028, 3, 1));
    assert_eq!(p.last_day(), d(2028, 2, 29));
    assert_eq!(p.shifted(-2).start, d(2027, 12, 1));
    assert_eq!(p.label(), "February 2028");
    for (day, start, label) in [
        (d(2026, 1, 1), d(2026, 1, 1), "Q1 2026"),
        (d(2026, 3, 31), d(2026, 1, 1), "Q1 2026"),
        (d(2026, 4, 1), d(2026, 4, 1), "Q2 2026"),
        (d(2026, 8, 15), d(2026, 7, 1), "Q3 2026"),
        (d(2026, 12, 31), d(2026, 10, 1), "Q4 2026"),
    ] {
        let q = Period::containing(day, Cadence::Quarterly, Sun);
        assert_eq!((q.start, q.label()), (start, label.to_string()), "{day}");
    }
    let q4 = Period::containing(d(2026, 11, 23), Cadence::Quarterly, Mon);
    assert_eq!(q4.next().start, d(2027, 1, 1));
    assert_eq!(q4.shifted(-4).start, d(2025, 10, 1));
    assert_eq!(q4.short_label(), "Q4 26");
}

#[test]
fn a_number_is_due_on_the_periods_last_working_day() {
    // Weeks from Monday: Friday. From Sunday (Sun–Sat): Friday. From Friday (Fri–Thu): Thursday.
    let wed = d(2026, 11, 25);
    assert_eq!(
        Period::containing(wed, Cadence::Weekly, Mon).due(),
        d(2026, 11, 27)
    );
    assert_eq!(
        Period::containing(wed, Cadence::Weekly, Sun).due(),
        d(2026, 11, 27)
    );
    assert_eq!(
        Period::containing(wed, Cadence::Weekly, Weekday::Fri).due(),
        d(2026, 11, 26)
    );
    // November 2026 ends on a Monday; January 2027 on a Sunday, so its Friday 29th.
    assert_eq!(
        Period::containing(wed, Cadence::Monthly, Mon).due(),
        d(2026, 11, 30)
    );
    assert_eq!(
        Period::containing(d(2027, 1, 5), Cadence::Monthly, Mon).due(),
        d(2027, 1, 29)
    );
    // Q4 2026 ends Thursday 31 Dec.
    assert_eq!(
        Period::containing(wed, Cadence::Quarterly, Mon).due(),
        d(2026, 12, 31)
    );
}

#[test]
fn the_last_periods_run_oldest_first_up_to_the_current_one() {
    let current = Period::containing(d(2026, 11, 25), Cadence::Weekly, Mon);
    let periods = last_periods(current, 3);
    let starts: Vec<NaiveDate> = periods.iter().map(|p| p.start).collect();
    assert_eq!(starts, [d(2026, 11, 9), d(2026, 11, 16), d(2026, 11, 23)]);
    assert!(last_periods(current, 0).is_empty());
    assert_eq!(current.label(), "week of 23 Nov 2026");
    assert_eq!(current.short_label(), "23 Nov");
}
