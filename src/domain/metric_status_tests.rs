use super::*;
use crate::domain::metric::{Cadence, Direction, MetricFields, Warn};
use Direction::{Down, Up};
use chrono::Weekday;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn metric(direction: Direction, target: Option<f64>, warn: Option<Warn>) -> MetricFields {
    MetricFields {
        direction,
        target,
        warn,
        ..MetricFields::new("m", Weekday::Mon)
    }
}

#[test]
fn status_by_direction_target_and_warning_with_their_boundaries() {
    use Status::{NoTarget, OffTarget, OnTarget, Warning};
    let at = |w| Some(Warn::At(w));
    let band = |b| Some(Warn::Band(b));
    // (direction, target, warn, value, expected)
    type Case = (Direction, Option<f64>, Option<Warn>, f64, Status);
    let cases: &[Case] = &[
        // Higher is better, target 95, warn at 90.
        (Up, Some(95.0), at(90.0), 96.0, OnTarget),
        (Up, Some(95.0), at(90.0), 95.0, OnTarget),
        (Up, Some(95.0), at(90.0), 94.99, Warning),
        (Up, Some(95.0), at(90.0), 90.0, Warning),
        (Up, Some(95.0), at(90.0), 89.99, OffTarget),
        // The same as a band of 5 around the target.
        (Up, Some(95.0), band(5.0), 90.0, Warning),
        (Up, Some(95.0), band(5.0), 89.0, OffTarget),
        // Lower is better, target 10, warn at 15.
        (Down, Some(10.0), at(15.0), 9.0, OnTarget),
        (Down, Some(10.0), at(15.0), 10.0, OnTarget),
        (Down, Some(10.0), at(15.0), 10.01, Warning),
        (Down, Some(10.0), at(15.0), 15.0, Warning),
        (Down, Some(10.0), at(15.0), 15.01, OffTarget),
        (Down, Some(10.0), band(2.0), 12.0, Warning),
        (Down, Some(10.0), band(2.0), 12.5, OffTarget),
        // No warning threshold: short of the target is off.
        (Up, Some(95.0), None, 94.0, OffTarget),
        (Down, Some(10.0), None, 10.5, OffTarget),
        (Down, Some(0.0), None, 0.0, OnTarget),
        // A warning threshold equal to the target leaves no warning zone.
        (Up, Some(95.0), at(95.0), 94.0, OffTarget),
        // No target: nothing to judge by.
        (Up, None, None, 3.0, NoTarget),
        (Down, None, None, 3.0, NoTarget),
    ];
    for (direction, target, warn, value, expected) in cases {
        let m = metric(*direction, *target, *warn);
        assert_eq!(
            rate(*value, &m),
            *expected,
            "{direction:?} target {target:?} warn {warn:?} value {value}"
        );
    }
}

fn value(period: NaiveDate, v: f64) -> MetricValue {
    MetricValue {
        id: 0,
        metric_id: 1,
        period,
        value: v,
        note: String::new(),
    }
}

#[test]
fn cells_say_missing_for_due_periods_and_pending_for_this_one() {
    let m = metric(Up, Some(10.0), Some(Warn::At(8.0)));
    // Mondays of 2, 9, 16, 23 Nov 2026; today Wed 25 Nov.
    let values = [value(d(2026, 11, 2), 12.0), value(d(2026, 11, 16), 9.0)];
    let series = by_period(&m, &values);
    let from = tracked_from(d(2026, 11, 4), &series);
    assert_eq!(
        from,
        d(2026, 11, 2),
        "a value earlier than the metric counts"
    );
    let cells = cells(&m, &series, from, d(2026, 11, 25), 5);
    let statuses: Vec<Status> = cells.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Untracked,
            Status::OnTarget,
            Status::Missing,
            Status::Warning,
            Status::Pending
        ]
    );
    assert_eq!(cells[3].value, Some(9.0));
    assert_eq!(current_status(&cells), Status::Warning);
    // On Saturday the week's Friday has passed: this week is missing too.
    let later = super::cells(&m, &series, from, d(2026, 11, 28), 5);
    assert_eq!(later[4].status, Status::Missing);
    assert_eq!(current_status(&later), Status::Missing);
    // On Friday, the day it is due, it is not missing yet.
    let friday = super::cells(&m, &series, from, d(2026, 11, 27), 5);
    assert_eq!(friday[4].status, Status::Pending);
}

#[test]
fn off_target_runs_count_judged_periods_newest_first() {
    let m = metric(Down, Some(10.0), None);
    let values = [
        value(d(2026, 11, 2), 9.0),
        value(d(2026, 11, 9), 11.0),
        value(d(2026, 11, 16), 12.0),
    ];
    let series = by_period(&m, &values);
    let today = d(2026, 11, 24);
    let c = cells(&m, &series, d(2026, 11, 2), today, 6);
    // This week is pending, so the run is the two weeks before it.
    assert_eq!(off_target_run(&c), 2);
    let mut more = values.to_vec();
    more.push(value(d(2026, 11, 23), 8.0));
    let c = cells(&m, &by_period(&m, &more), d(2026, 11, 2), today, 6);
    assert_eq!(off_target_run(&c), 0, "this week is back on target");
    assert_eq!(current_status(&c), Status::OnTarget);
}

#[test]
fn two_values_in_one_period_keep_the_later() {
    // Values stored for Sunday-start weeks, read with Monday-start weeks.
    let m = MetricFields {
        cadence: Cadence::Weekly,
        ..metric(Up, None, None)
    };
    let values = [
        value(d(2026, 11, 24), 2.0),
        value(d(2026, 11, 23), 1.0),
        value(d(2026, 11, 16), 5.0),
    ];
    let series = by_period(&m, &values);
    assert_eq!(series.len(), 2);
    assert_eq!(series[1].1, 2.0);
    assert_eq!(series[0].0.start, d(2026, 11, 16));
}

#[test]
fn trend_follows_the_last_four_values() {
    for (values, expected) in [
        (&[][..], Trend::Unknown),
        (&[5.0][..], Trend::Unknown),
        (&[1.0, 2.0][..], Trend::Rising),
        (&[4.0, 3.0, 2.0, 1.0][..], Trend::Falling),
        (&[10.0, 10.0, 10.0][..], Trend::Flat),
        // Noise under 1% of the size is flat.
        (&[100.0, 100.5, 99.8, 100.2][..], Trend::Flat),
        // Only the last four count: an old fall does not hide a rise.
        (&[50.0, 1.0, 2.0, 3.0, 4.0][..], Trend::Rising),
        (&[0.0, 0.0][..], Trend::Flat),
    ] {
        assert_eq!(Trend::of(values), expected, "{values:?}");
    }
    assert_eq!(Trend::Rising.improving(Up), Some(true));
    assert_eq!(Trend::Rising.improving(Down), Some(false));
    assert_eq!(Trend::Falling.improving(Down), Some(true));
    assert_eq!(Trend::Flat.improving(Up), None);
}

#[test]
fn baseline_is_the_number_at_the_plans_start_or_the_first() {
    let m = metric(Up, None, None);
    let values = [
        value(d(2026, 10, 5), 3.0),
        value(d(2026, 10, 12), 4.0),
        value(d(2026, 10, 26), 6.0),
    ];
    let series = by_period(&m, &values);
    assert_eq!(baseline(&series, None), Some(3.0));
    // Plan started Thu 8 Oct: the week of 5 Oct.
    assert_eq!(baseline(&series, Some(d(2026, 10, 8))), Some(3.0));
    // Started Wed 21 Oct, a week without a value: the newest before it.
    assert_eq!(baseline(&series, Some(d(2026, 10, 21))), Some(4.0));
    // Started before any value: the first value.
    assert_eq!(baseline(&series, Some(d(2026, 9, 1))), Some(3.0));
    assert_eq!(baseline(&[], Some(d(2026, 9, 1))), None);
}

#[test]
fn goal_progress_runs_from_baseline_to_target_either_way() {
    for (baseline, current, target, direction, expected) in [
        // Deployment frequency 4 → 10 a week, now 7: half way.
        (4.0, 7.0, 10.0, Up, 50),
        (4.0, 10.0, 10.0, Up, 100),
        (4.0, 12.0, 10.0, Up, 100),
        (4.0, 3.0, 10.0, Up, 0),
        // Change failure rate 20% → 10%, now 15%: half way; 17.5%: a quarter.
        (20.0, 15.0, 10.0, Down, 50),
        (20.0, 17.5, 10.0, Down, 25),
        (20.0, 25.0, 10.0, Down, 0),
        (20.0, 9.0, 10.0, Down, 100),
        // Just short of the target is not 100.
        (0.0, 9.99, 10.0, Up, 99),
        // Floating-point sums that reach the target do count.
        (0.1, 0.1 + 0.2, 0.3, Up, 100),
        // Target equal to the baseline: reached or not.
        (10.0, 10.0, 10.0, Up, 100),
        (10.0, 9.0, 10.0, Up, 0),
        (10.0, 9.0, 10.0, Down, 100),
    ] {
        assert_eq!(
            goal_progress(baseline, current, target, direction),
            expected,
            "{baseline} → {target} ({direction:?}) at {current}"
        );
    }
}

#[test]
fn thresholds_show_as_applied() {
    let m = metric(Down, Some(10.0), Some(Warn::Band(2.0)));
    assert_eq!(threshold(&m), Some(12.0));
    assert!(is_band(&m));
    assert_eq!(threshold(&metric(Up, Some(1.0), None)), None);
}
