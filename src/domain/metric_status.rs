//! What a metric's numbers say: each period's status against the target, the trend of the last
//! periods, the baseline (the number at the plan's start), and the progress of a goal measured
//! by the metric. Pure: "today" and the values come in as arguments.

use chrono::NaiveDate;
use serde::Serialize;

use super::metric::{Direction, MetricFields, MetricValue, Warn};
use super::metric_period::{Period, last_periods};

/// A period's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTarget,
    Warning,
    OffTarget,
    /// A value, and no target to judge it by.
    NoTarget,
    /// Due and not entered.
    Missing,
    /// Not due yet (this period, before its last working day is over).
    Pending,
    /// Before the metric was tracked.
    Untracked,
}

impl Status {
    /// As a person says it.
    pub fn label(self) -> &'static str {
        match self {
            Status::OnTarget => "on target",
            Status::Warning => "warning",
            Status::OffTarget => "off target",
            Status::NoTarget => "no target",
            Status::Missing => "missing",
            Status::Pending => "not due yet",
            Status::Untracked => "not tracked",
        }
    }

    /// Whether the period has been judged (a value, or a value that should be there).
    pub fn is_rated(self) -> bool {
        !matches!(self, Status::Pending | Status::Untracked)
    }
}

/// How a value stands against the target: on target at the target itself, warning from the
/// threshold (inclusive) up to the target, off target beyond the threshold. Without a warning
/// threshold anything short of the target is off.
pub fn rate(value: f64, fields: &MetricFields) -> Status {
    let Some(target) = fields.target else {
        return Status::NoTarget;
    };
    let direction = fields.direction;
    if direction.at_least(value, target) {
        return Status::OnTarget;
    }
    match fields.warn.map(|w| w.threshold(target, direction)) {
        Some(threshold) if direction.at_least(value, threshold) => Status::Warning,
        _ => Status::OffTarget,
    }
}

/// One period of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cell {
    pub period: Period,
    pub value: Option<f64>,
    pub status: Status,
}

/// The metric's values by period, oldest first: a value is put in the period containing its
/// date, and when two fall in one period (the week start was changed) the later one counts.
pub fn by_period(fields: &MetricFields, values: &[MetricValue]) -> Vec<(Period, f64)> {
    let mut out: Vec<(Period, NaiveDate, f64)> = Vec::with_capacity(values.len());
    for v in values {
        let period = Period::containing(v.period, fields.cadence, fields.week_start);
        match out.iter_mut().find(|(p, ..)| *p == period) {
            Some(slot) if v.period >= slot.1 => *slot = (period, v.period, v.value),
            Some(_) => {}
            None => out.push((period, v.period, v.value)),
        }
    }
    out.sort_by_key(|(p, ..)| *p);
    out.into_iter().map(|(p, _, v)| (p, v)).collect()
}

/// The day tracking began: the day the metric was added, or its first value if earlier.
pub fn tracked_from(created: NaiveDate, series: &[(Period, f64)]) -> NaiveDate {
    series
        .first()
        .map_or(created, |(p, _)| p.start.min(created))
}

/// The status of `period` given its value (if any), as of `today`.
pub fn period_status(
    fields: &MetricFields,
    period: Period,
    value: Option<f64>,
    tracked_from: NaiveDate,
    today: NaiveDate,
) -> Status {
    match value {
        Some(v) => rate(v, fields),
        None if period.end() <= tracked_from => Status::Untracked,
        None if period.due() < today => Status::Missing,
        None => Status::Pending,
    }
}

/// The last `count` periods up to the one containing `today`, oldest first.
pub fn cells(
    fields: &MetricFields,
    series: &[(Period, f64)],
    tracked_from: NaiveDate,
    today: NaiveDate,
    count: usize,
) -> Vec<Cell> {
    let current = Period::containing(today, fields.cadence, fields.week_start);
    last_periods(current, count)
        .into_iter()
        .map(|period| {
            let value = series
                .binary_search_by_key(&period, |(p, _)| *p)
                .ok()
                .and_then(|i| series.get(i))
                .map(|(_, v)| *v);
            Cell {
                period,
                value,
                status: period_status(fields, period, value, tracked_from, today),
            }
        })
        .collect()
}

/// The status that sums a metric up: its newest judged period (this period once entered, else
/// the one before); `Untracked` when none has been judged yet.
pub fn current_status(cells: &[Cell]) -> Status {
    cells
        .iter()
        .rev()
        .map(|c| c.status)
        .find(|s| s.is_rated())
        .unwrap_or(Status::Untracked)
}

/// How many judged periods in a row, newest first, are off target.
pub fn off_target_run(cells: &[Cell]) -> usize {
    cells
        .iter()
        .rev()
        .filter(|c| c.status.is_rated())
        .take_while(|c| c.status == Status::OffTarget)
        .count()
}

/// Which way the numbers have been going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Rising,
    Falling,
    Flat,
    /// Fewer than two values.
    Unknown,
}

/// Periods the trend looks back over.
pub const TREND_PERIODS: usize = 4;

impl Trend {
    /// Over the last [`TREND_PERIODS`] values (oldest first): the least-squares slope, carried
    /// across the window. Flat when that change is under 1% of the values' typical size.
    pub fn of(values: &[f64]) -> Trend {
        let window = &values[values.len().saturating_sub(TREND_PERIODS)..];
        let n = window.len();
        if n < 2 {
            return Trend::Unknown;
        }
        let count = n as f64;
        let mean_x = (count - 1.0) / 2.0;
        let mean_y = window.iter().sum::<f64>() / count;
        let (mut num, mut den) = (0.0, 0.0);
        for (i, y) in window.iter().enumerate() {
            let dx = i as f64 - mean_x;
            num += dx * (y - mean_y);
            den += dx * dx;
        }
        let change = num / den * (count - 1.0);
        let scale = window.iter().map(|v| v.abs()).sum::<f64>() / count;
        if change.abs() <= 0.01 * scale || change == 0.0 {
            Trend::Flat
        } else if change > 0.0 {
            Trend::Rising
        } else {
            Trend::Falling
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Rising => "↑",
            Trend::Falling => "↓",
            Trend::Flat => "→",
            Trend::Unknown => "·",
        }
    }

    /// Whether the trend is for the better, for a metric going `direction`; None when flat or
    /// unknown.
    pub fn improving(self, direction: Direction) -> Option<bool> {
        match (self, direction) {
            (Trend::Rising, Direction::Up) | (Trend::Falling, Direction::Down) => Some(true),
            (Trend::Rising, Direction::Down) | (Trend::Falling, Direction::Up) => Some(false),
            _ => None,
        }
    }
}

/// The number the metric started from: the value of the period the plan started in (or the
/// newest before it) when the plan has a start and a value by then; otherwise the first value.
pub fn baseline(series: &[(Period, f64)], plan_start: Option<NaiveDate>) -> Option<f64> {
    let at_start = plan_start.and_then(|start| {
        series
            .iter()
            .rev()
            .find(|(p, _)| p.start <= start)
            .map(|(_, v)| *v)
    });
    at_start.or_else(|| series.first().map(|(_, v)| *v))
}

/// A goal measured by a metric: the share of the way from `baseline` to `target` that `current`
/// has come, 0 to 100 (down to the whole percent, so 100 means the target is reached). With the
/// target equal to the baseline it is all or nothing.
pub fn goal_progress(baseline: f64, current: f64, target: f64, direction: Direction) -> u32 {
    let span = target - baseline;
    if span == 0.0 {
        return if direction.at_least(current, target) {
            100
        } else {
            0
        };
    }
    let share = ((current - baseline) / span).clamp(0.0, 1.0);
    // A hair of tolerance so that 0.1 + 0.2 reaching 0.3 counts as there.
    (share * 100.0 + 1e-9).floor() as u32
}

/// The warning threshold as the metric applies it now, for display.
pub fn threshold(fields: &MetricFields) -> Option<f64> {
    Some(fields.warn?.threshold(fields.target?, fields.direction))
}

/// Whether the warning threshold is a band (it follows the target).
pub fn is_band(fields: &MetricFields) -> bool {
    matches!(fields.warn, Some(Warn::Band(_)))
}

#[cfg(test)]
#[path = "metric_status_tests.rs"]
mod tests;
