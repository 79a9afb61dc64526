//! The 30/60/90-day plan's calendar: phase windows from a start date, and the behind-schedule rule.

use chrono::{Duration, Months, NaiveDate};

/// The phases a goal can belong to, in days from the plan's start.
pub const PHASES: [u32; 5] = [30, 60, 90, 180, 365];

/// The days a phase covers, `[start, end)`: days 1–30, 31–60, 61–90, then to 6 and 12 months.
pub fn phase_window(plan_start: NaiveDate, phase: u32) -> (NaiveDate, NaiveDate) {
    let after_days = |d: i64| plan_start + Duration::days(d);
    let after_months = |m: u32| {
        plan_start
            .checked_add_months(Months::new(m))
            .unwrap_or(plan_start)
    };
    match phase {
        30 => (plan_start, after_days(30)),
        60 => (after_days(30), after_days(60)),
        90 => (after_days(60), after_days(90)),
        180 => (after_days(90), after_months(6)),
        _ => (after_months(6), after_months(12)),
    }
}

/// How much of a goal's window has passed on `today`, from 0.0 to 1.0. The window runs from the
/// phase's start to the goal's due date (the phase's end when it has none).
pub fn elapsed_share(
    plan_start: NaiveDate,
    phase: u32,
    due: Option<NaiveDate>,
    today: NaiveDate,
) -> f64 {
    let (start, end) = phase_window(plan_start, phase);
    let end = due.filter(|d| *d > start).unwrap_or(end);
    let total = (end - start).num_days().max(1) as f64;
    let gone = (today - start).num_days() as f64;
    (gone / total).clamp(0.0, 1.0)
}

/// A goal is behind when its progress is below the share of its window that has passed.
pub fn is_behind(
    plan_start: NaiveDate,
    phase: u32,
    due: Option<NaiveDate>,
    progress: u32,
    today: NaiveDate,
) -> bool {
    f64::from(progress) < elapsed_share(plan_start, phase, due, today) * 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn phases_follow_each_other_without_gaps() {
        let start = d(2026, 1, 31);
        let mut previous_end = start;
        for phase in PHASES {
            let (s, e) = phase_window(start, phase);
            assert_eq!(s, previous_end, "phase {phase} starts where the last ended");
            assert!(e > s);
            previous_end = e;
        }
        assert_eq!(phase_window(start, 30), (d(2026, 1, 31), d(2026, 3, 2)));
        assert_eq!(phase_window(start, 365).1, d(2027, 1, 31));
        // 6 months from 31 Aug clamps to the end of February (leap year 2028).
        assert_eq!(phase_window(d(2027, 8, 31), 180).1, d(2028, 2, 29));
    }

    #[test]
    fn behind_means_progress_below_elapsed_share() {
        let start = d(2026, 11, 1);
        // Day 16 of 30: half the window has gone.
        let today = d(2026, 11, 16);
        assert!(is_behind(start, 30, None, 40, today));
        assert!(!is_behind(start, 30, None, 50, today));
        assert!(
            !is_behind(start, 60, None, 0, today),
            "a later phase has not started"
        );
        assert!(
            is_behind(start, 30, None, 99, d(2027, 1, 1)),
            "past the window, anything short of 100"
        );
        assert!(!is_behind(start, 30, None, 100, d(2027, 1, 1)));
    }

    #[test]
    fn a_due_date_shortens_the_window() {
        let start = d(2026, 11, 1);
        // Due on day 11: by day 6, half of it has gone.
        assert!(is_behind(
            start,
            30,
            Some(d(2026, 11, 11)),
            40,
            d(2026, 11, 6)
        ));
        assert!(
            (elapsed_share(start, 30, Some(d(2026, 11, 11)), d(2026, 11, 6)) - 0.5).abs() < 1e-9
        );
    }
}
