//! The 30/60/90-day plan's calendar: phase windows from a start date, and the behind-schedule rule.

use super::word::Word;
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

/// Where the plan stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PlanDay {
    /// The plan starts in this many days.
    NotStarted { in_days: i64 },
    /// Day N (1-based) of the first 90.
    Running { day: i64 },
    /// Past day 90; the later horizons may still run.
    Complete { day: i64 },
}

pub fn plan_day(start: NaiveDate, today: NaiveDate) -> PlanDay {
    let n = (today - start).num_days();
    match n {
        n if n < 0 => PlanDay::NotStarted { in_days: -n },
        n if n < 90 => PlanDay::Running { day: n + 1 },
        n => PlanDay::Complete { day: n + 1 },
    }
}

impl PlanDay {
    pub fn describe(self) -> String {
        match self {
            PlanDay::NotStarted { in_days: 1 } => "plan starts tomorrow".into(),
            PlanDay::NotStarted { in_days } => format!("plan starts in {in_days} days"),
            PlanDay::Running { day } => format!("day {day} of 90"),
            PlanDay::Complete { .. } => "plan complete".into(),
        }
    }
}

/// The phase a day falls in (None before the start and after 12 months).
pub fn phase_of(plan_start: NaiveDate, day: NaiveDate) -> Option<u32> {
    PHASES.into_iter().find(|p| {
        let (s, e) = phase_window(plan_start, *p);
        day >= s && day < e
    })
}

/// The phase after `phase`, for rolling unfinished goals over.
pub fn next_phase(phase: u32) -> Option<u32> {
    PHASES
        .iter()
        .position(|p| *p == phase)
        .and_then(|i| PHASES.get(i + 1))
        .copied()
}

pub fn phase_label(phase: u32) -> &'static str {
    match phase {
        30 => "Days 1–30",
        60 => "Days 31–60",
        90 => "Days 61–90",
        180 => "6 months",
        _ => "12 months",
    }
}

pub fn parse_phase(text: &str) -> Result<u32, super::Invalid> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|p| PHASES.contains(p))
        .ok_or_else(|| {
            super::Invalid::field(
                "phase",
                format!(
                    "unknown phase \"{}\": use 30, 60, 90, 180 or 365",
                    text.trim()
                ),
            )
        })
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum GoalStatus {
    Todo,
    Doing,
    Done,
    Dropped,
}

impl Word for GoalStatus {
    const FIELD: &'static str = "status";
}

impl GoalStatus {
    pub fn is_open(self) -> bool {
        matches!(self, GoalStatus::Todo | GoalStatus::Doing)
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Confidence {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Word for Confidence {
    const FIELD: &'static str = "confidence";
}

impl Confidence {
    /// As a person says it: "on track".
    pub fn label(self) -> &'static str {
        match self {
            Confidence::OnTrack => "on track",
            Confidence::AtRisk => "at risk",
            Confidence::OffTrack => "off track",
        }
    }
}

/// A goal measured by a metric: its progress runs from the metric's baseline to `target` (the
/// metric's own target when None).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct GoalMeasure {
    pub metric_id: i64,
    pub target: Option<f64>,
}

/// A goal's content as the user typed it, checked before storing.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GoalFields {
    pub phase: u32,
    pub title: String,
    pub description: String,
    pub criteria: String,
    pub status: GoalStatus,
    pub progress: u32,
    pub confidence: Confidence,
    /// None: the end of the phase.
    pub due: Option<NaiveDate>,
    pub person_id: Option<i64>,
    /// Measured by a metric: progress follows its numbers.
    pub measure: Option<GoalMeasure>,
}

/// The measure's target is checked finite (`metric::parse_number`), so equality is total.
impl Eq for GoalFields {}

impl GoalFields {
    /// Checks the fields against the plan's start. Done means 100%; 100% means done.
    pub fn check(mut self, plan_start: NaiveDate) -> Result<GoalFields, super::Invalid> {
        use super::Invalid;
        self.title = super::text::required_line("title", &self.title)?;
        self.description = super::text::body("description", &self.description)?;
        self.criteria = super::text::body("criteria", &self.criteria)?;
        if !PHASES.contains(&self.phase) {
            return Err(Invalid::field(
                "phase",
                format!("unknown phase {}: use 30, 60, 90, 180 or 365", self.phase),
            ));
        }
        if self.progress > 100 {
            return Err(Invalid::field(
                "progress",
                format!("progress {} is out of range: use 0 to 100", self.progress),
            ));
        }
        if let Some(target) = self.measure.and_then(|m| m.target) {
            super::metric::finite("metric_target", target)?;
        }
        if let Some(due) = self.due
            && due < plan_start
        {
            return Err(Invalid::field(
                "due",
                format!("the due date {due} is before the plan starts ({plan_start})"),
            ));
        }
        self.settle_status();
        Ok(self)
    }

    /// Sets the progress of a goal measured by a metric, with the status it implies.
    pub fn set_measured_progress(&mut self, progress: u32) {
        self.progress = progress.min(100);
        self.settle_status();
    }

    fn settle_status(&mut self) {
        if self.status == GoalStatus::Done {
            self.progress = 100;
        } else if self.progress == 100 && self.status.is_open() {
            self.status = GoalStatus::Done;
        } else if self.progress > 0 && self.status == GoalStatus::Todo {
            self.status = GoalStatus::Doing;
        }
    }

    /// The date the goal is due: its own, or its phase's last day.
    pub fn due_or_phase_end(&self, plan_start: NaiveDate) -> NaiveDate {
        self.due
            .unwrap_or_else(|| phase_window(plan_start, self.phase).1 - Duration::days(1))
    }
}

/// A stored goal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Goal {
    pub id: i64,
    #[serde(flatten)]
    pub fields: GoalFields,
}

/// One entry of a goal's history.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Checkin {
    pub id: i64,
    pub goal_id: i64,
    pub date: NaiveDate,
    /// "checkin" or "rollover".
    pub kind: String,
    pub progress: u32,
    pub confidence: Confidence,
    pub note: String,
    /// For a goal measured by a metric: the metric's value at the check-in.
    pub metric_value: Option<f64>,
}

impl Eq for Checkin {}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod more_tests;
