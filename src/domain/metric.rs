//! The scorecard's metrics: what a KPI is (its unit, which way is better, its target and warning
//! threshold, how often it is measured, who owns it), the words its fields take, and how its
//! numbers are typed and shown. Periods are in `metric_period`; status, trend, baseline and goal
//! progress in `metric_status`.

use chrono::{NaiveDate, Weekday};
use serde::Serialize;

use super::Invalid;
use super::text;
use super::word::Word;

/// What a metric counts.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Unit {
    Count,
    Percent,
    Hours,
    Days,
    Currency,
    Score,
}

impl Word for Unit {
    const FIELD: &'static str = "unit";
}

impl Unit {
    /// Written after a number: "99.5%", "36h", "4d"; nothing for the others.
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::Hours => "h",
            Unit::Days => "d",
            Unit::Count | Unit::Currency | Unit::Score => "",
        }
    }
}

/// Which way is better.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Direction {
    /// Higher is better (deployment frequency, SLO attainment).
    Up,
    /// Lower is better (lead time, change failure rate).
    Down,
}

impl Word for Direction {
    const FIELD: &'static str = "direction";
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Up => "higher is better",
            Direction::Down => "lower is better",
        }
    }

    /// Whether `a` is at least as good as `b`.
    pub fn at_least(self, a: f64, b: f64) -> bool {
        match self {
            Direction::Up => a >= b,
            Direction::Down => a <= b,
        }
    }
}

/// How often the number is measured: one value per period.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Cadence {
    Weekly,
    Monthly,
    Quarterly,
}

impl Word for Cadence {
    const FIELD: &'static str = "cadence";
}

impl Cadence {
    /// "week", "month", "quarter".
    pub fn noun(self) -> &'static str {
        match self {
            Cadence::Weekly => "week",
            Cadence::Monthly => "month",
            Cadence::Quarterly => "quarter",
        }
    }
}

/// The scorecard's sections, in the order it shows them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MetricGroup {
    Delivery,
    Reliability,
    Quality,
    People,
    Cost,
    Other,
}

impl Word for MetricGroup {
    const FIELD: &'static str = "group";
}

impl MetricGroup {
    pub fn title(self) -> &'static str {
        match self {
            MetricGroup::Delivery => "Delivery",
            MetricGroup::Reliability => "Reliability",
            MetricGroup::Quality => "Quality",
            MetricGroup::People => "People",
            MetricGroup::Cost => "Cost",
            MetricGroup::Other => "Other",
        }
    }
}

/// Where "warning" begins: a value past the target's wrong side, or a distance from the target
/// (a band that follows the target when it changes).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Warn {
    /// Warning from this value up to the target; off target beyond it.
    At(f64),
    /// Warning within this distance of the target, in the metric's unit.
    Band(f64),
}

impl Warn {
    /// The value where warning ends and off target begins, for `target`.
    pub fn threshold(self, target: f64, direction: Direction) -> f64 {
        match (self, direction) {
            (Warn::At(at), _) => at,
            (Warn::Band(band), Direction::Up) => target - band,
            (Warn::Band(band), Direction::Down) => target + band,
        }
    }

    /// As typed and shown: "90", "±5".
    pub fn text(self) -> String {
        match self {
            Warn::At(at) => format_number(at),
            Warn::Band(band) => format!("±{}", format_number(band)),
        }
    }
}

/// A metric's checked, storable settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricFields {
    pub name: String,
    pub unit: Unit,
    pub direction: Direction,
    pub target: Option<f64>,
    pub warn: Option<Warn>,
    pub cadence: Cadence,
    /// The person who owns the number; None: me.
    pub owner_id: Option<i64>,
    /// Where the number comes from ("CI dashboard", "PagerDuty export").
    pub source: String,
    pub team: String,
    pub group: MetricGroup,
    /// The first day of its weeks, fixed when it was made so its history keeps its periods.
    #[serde(serialize_with = "weekday_code")]
    pub week_start: Weekday,
}

/// Numbers are checked finite on the way in (`parse_number`, `check`), so equality is total.
impl Eq for MetricFields {}

fn weekday_code<S: serde::Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(super::ritual::weekday_code(*day))
}

impl MetricFields {
    /// A new metric's defaults: a weekly count, higher is better, no target yet.
    pub fn new(name: &str, week_start: Weekday) -> MetricFields {
        MetricFields {
            name: name.to_string(),
            unit: Unit::Count,
            direction: Direction::Up,
            target: None,
            warn: None,
            cadence: Cadence::Weekly,
            owner_id: None,
            source: String::new(),
            team: String::new(),
            group: MetricGroup::Other,
            week_start,
        }
    }

    /// Checks the fields: a name, finite numbers, and a warning threshold on the near side of
    /// the target (below it when higher is better, above it when lower is).
    pub fn check(mut self) -> Result<MetricFields, Invalid> {
        self.name = text::required_line("name", &self.name)?;
        self.source = text::line("source", &self.source)?;
        self.team = text::line("team", &self.team)?;
        if let Some(target) = self.target {
            finite("target", target)?;
        }
        let Some(warn) = self.warn else {
            return Ok(self);
        };
        let Some(target) = self.target else {
            return Err(Invalid::field(
                "warn",
                "a warning threshold needs a target: set the target first",
            ));
        };
        match warn {
            Warn::Band(band) => {
                finite("warn", band)?;
                if band <= 0.0 {
                    return Err(Invalid::field(
                        "warn",
                        format!(
                            "a warning band must be wider than 0 (±{})",
                            format_number(band)
                        ),
                    ));
                }
            }
            Warn::At(at) => {
                finite("warn", at)?;
                if !self.direction.at_least(target, at) {
                    let side = match self.direction {
                        Direction::Up => "at or below",
                        Direction::Down => "at or above",
                    };
                    return Err(Invalid::field(
                        "warn",
                        format!(
                            "when {}, the warning threshold must be {side} the target \
                             ({} against a target of {}); or give a band such as ±5",
                            self.direction.label(),
                            format_number(at),
                            format_number(target)
                        ),
                    ));
                }
            }
        }
        Ok(self)
    }

    /// A value with the metric's unit: "99.5%", "36h", "12.40".
    pub fn shown(&self, value: f64) -> String {
        shown(value, self.unit)
    }
}

/// A stored metric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metric {
    pub id: i64,
    #[serde(flatten)]
    pub fields: MetricFields,
    /// The day it was added: periods before it are not counted as missing.
    pub created: NaiveDate,
}

/// One period's number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricValue {
    pub id: i64,
    pub metric_id: i64,
    /// The first day of the period the value is for.
    pub period: NaiveDate,
    pub value: f64,
    pub note: String,
}

impl Eq for MetricValue {}

/// The largest number a metric holds, either side of zero: far beyond any KPI, and small enough
/// that sums and differences stay exact to the cent.
pub const NUMBER_MAX: f64 = 1e12;

/// A number within what a metric holds (finite, at most [`NUMBER_MAX`] either side of zero).
pub fn finite(field: &'static str, value: f64) -> Result<f64, Invalid> {
    if value.is_finite() && value.abs() <= NUMBER_MAX {
        Ok(value)
    } else {
        Err(Invalid::field(
            field,
            format!(
                "the {} is out of range: use a number between -10¹² and 10¹²",
                field.replace('_', " ")
            ),
        ))
    }
}

/// A number as people type it: `42`, `-3`, `99.5`, `.5`, `1,234.5` (commas group thousands),
/// `99.5%`. Exponents, `inf` and `NaN` are refused; the message names the field and echoes a
/// short input, escaped.
pub fn parse_number(field: &'static str, text: &str) -> Result<f64, Invalid> {
    let trimmed = text.trim();
    let bare = trimmed.strip_suffix('%').unwrap_or(trimmed).trim_end();
    let digits: String = bare.chars().filter(|c| *c != ',').collect();
    let body = digits.strip_prefix(['-', '+']).unwrap_or(digits.as_str());
    let well_formed = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|c| *c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    let parsed = well_formed
        .then(|| digits.parse::<f64>().ok())
        .flatten()
        .ok_or_else(|| {
            if trimmed.is_empty() {
                Invalid::field(field, format!("a {field} is required: type a number"))
            } else {
                Invalid::field(
                    field,
                    format!(
                        "{} is not a number: type digits with an optional point, e.g. 42 or 99.5",
                        echo(trimmed)
                    ),
                )
            }
        })?;
    // -0 and 0 are one number.
    finite(field, parsed).map(|v| if v == 0.0 { 0.0 } else { v })
}

/// An optional number: blank is none.
pub fn parse_optional(field: &'static str, text: &str) -> Result<Option<f64>, Invalid> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_number(field, text).map(Some)
}

/// A warning threshold as typed: blank (none), a value (`90`), or a band around the target
/// (`±5`, `+-5`, `+/-5`).
pub fn parse_warn(text: &str) -> Result<Option<Warn>, Invalid> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    for mark in ["±", "+-", "+/-"] {
        if let Some(band) = trimmed.strip_prefix(mark) {
            return parse_number("warn", band).map(|b| Some(Warn::Band(b)));
        }
    }
    parse_number("warn", trimmed).map(|at| Some(Warn::At(at)))
}

/// A short, escaped echo of what was typed, for a message.
fn echo(text: &str) -> String {
    let mut shown: String = text.chars().take(24).collect();
    if text.chars().nth(24).is_some() {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// A number for people: at most two decimals, trailing zeros dropped ("12.5", "3", "0.33").
pub fn format_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" => "0".to_string(),
        t => t.to_string(),
    }
}

/// A number with its unit; money keeps two decimals ("12.40").
pub fn shown(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Currency if value.fract() != 0.0 => format!("{value:.2}"),
        unit => format!("{}{}", format_number(value), unit.suffix()),
    }
}

#[cfg(test)]
#[path = "metric_tests.rs"]
mod tests;
