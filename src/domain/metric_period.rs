//! The periods a metric is measured in: weeks (from the metric's first day of the week), calendar
//! months and calendar quarters. A value belongs to the period containing its date; a period's
//! number is due on its last working day (Monday to Friday).

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::Serialize;

use super::dates::week_floor;
use super::metric::Cadence;

/// One week, month or quarter, named by its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Period {
    pub start: NaiveDate,
    pub cadence: Cadence,
}

impl Period {
    /// The period of `cadence` that `day` falls in; weeks begin on `week_start`.
    pub fn containing(day: NaiveDate, cadence: Cadence, week_start: Weekday) -> Period {
        let start = match cadence {
            Cadence::Weekly => week_floor(day, week_start),
            Cadence::Monthly => day.with_day(1).unwrap_or(day),
            Cadence::Quarterly => {
                let month = (day.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day)
            }
        };
        Period { start, cadence }
    }

    /// The first day after the period.
    pub fn end(self) -> NaiveDate {
        self.shifted(1).start
    }

    pub fn last_day(self) -> NaiveDate {
        self.end() - Duration::days(1)
    }

    pub fn next(self) -> Period {
        self.shifted(1)
    }

    pub fn previous(self) -> Period {
        self.shifted(-1)
    }

    /// The period `n` periods later (earlier when negative). Dates stay within chrono's range
    /// for any period a value can be logged in; at its edge the period stays where it is.
    pub fn shifted(self, n: i32) -> Period {
        let months = |m: i32| {
            let step = Months::new(m.unsigned_abs());
            if m >= 0 {
                self.start.checked_add_months(step)
            } else {
                self.start.checked_sub_months(step)
            }
        };
        let start = match self.cadence {
            Cadence::Weekly => self.start.checked_add_signed(Duration::weeks(i64::from(n))),
            Cadence::Monthly => months(n),
            Cadence::Quarterly => months(n.saturating_mul(3)),
        };
        Period {
            start: start.unwrap_or(self.start),
            cadence: self.cadence,
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        day >= self.start && day < self.end()
    }

    /// The day its number is due: the period's last working day (Monday to Friday).
    pub fn due(self) -> NaiveDate {
        let mut day = self.last_day();
        while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && day > self.start {
            day -= Duration::days(1);
        }
        day
    }

    /// "week of 16 Nov", "November 2026", "Q4 2026".
    pub fn label(self) -> String {
        match self.cadence {
            Cadence::Weekly => format!("week of {}", self.start.format("%-d %b %Y")),
            Cadence::Monthly => self.start.format("%B %Y").to_string(),
            Cadence::Quarterly => format!("Q{} {}", self.start.month0() / 3 + 1, self.start.year()),
        }
    }

    /// For a table's narrow column: "16 Nov", "Nov 26", "Q4 26".
    pub fn short_label(self) -> String {
        match self.cadence {
            Cadence::Weekly => self.start.format("%-d %b").to_string(),
            Cadence::Monthly => self.start.format("%b %y").to_string(),
            Cadence::Quarterly => format!(
                "Q{} {}",
                self.start.month0() / 3 + 1,
                self.start.format("%y")
            ),
        }
    }
}

/// The `count` periods ending with `current`, oldest first.
pub fn last_periods(current: Period, count: usize) -> Vec<Period> {
    let count = i32::try_from(count).unwrap_or(i32::MAX);
    (0..count)
        .rev()
        .map(|back| current.shifted(-back))
        .collect()
}

#[cfg(test)]
#[path = "metric_period_tests.rs"]
mod tests;
