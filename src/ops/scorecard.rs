//! What the scorecard shows and what it tells the rest of Bearing: each metric with its last
//! periods judged against the target, its trend and baseline; the radar's alerts (off target
//! two periods running, last period's number missing); the agenda's "log metrics" days; and
//! the reports' Metrics section.

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

use super::OpsError;
use crate::domain::agenda::{AgendaItem, ItemKind, RadarItem, RadarKind};
use crate::domain::metric::{Cadence, Metric, MetricGroup, MetricValue, Unit};
use crate::domain::metric_period::Period;
use crate::domain::metric_status::{
    Cell, Status, Trend, baseline, by_period, cells, current_status, off_target_run, period_status,
    tracked_from,
};
use crate::domain::plan::GoalStatus;
use crate::domain::word::Word;
use crate::store::{Store, metrics, people, plan};

/// The periods the grid shows at most.
pub const GRID_PERIODS: usize = 13;

/// A goal measured by the metric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedGoal {
    pub id: i64,
    pub title: String,
    pub progress: u32,
    pub status: GoalStatus,
}

/// One metric as the scorecard shows it, as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricView {
    #[serde(flatten)]
    pub metric: Metric,
    /// The owner's name; None: me.
    pub owner: Option<String>,
    /// The newest value and the period it is for.
    pub latest: Option<(Period, f64)>,
    pub status: Status,
    pub trend: Trend,
    pub baseline: Option<f64>,
    /// Judged periods in a row, newest first, off target.
    pub off_run: usize,
    /// The last [`GRID_PERIODS`] periods up to this one, oldest first.
    pub cells: Vec<Cell>,
    /// The day tracking began: periods before it are not missing.
    pub tracked_from: NaiveDate,
    pub goals: Vec<LinkedGoal>,
    /// Every value, oldest first.
    pub history: Vec<MetricValue>,
}

impl MetricView {
    pub fn name(&self) -> &str {
        &self.metric.fields.name
    }

    pub fn id(&self) -> i64 {
        self.metric.id
    }
}

/// How the metrics stand, counted by their current status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub metrics: usize,
    pub on_target: usize,
    pub warning: usize,
    pub off_target: usize,
    pub missing: usize,
}

impl Summary {
    /// "14 metrics · 9 on target · 3 warning · 2 off target · 1 missing".
    pub fn line(&self) -> String {
        let mut parts = vec![super::markdown::plural(self.metrics, "metric")];
        for (n, label) in [
            (self.on_target, "on target"),
            (self.warning, "warning"),
            (self.off_target, "off target"),
            (self.missing, "missing"),
        ] {
            if n > 0 || label != "missing" {
                parts.push(format!("{n} {label}"));
            }
        }
        parts.join(" · ")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scorecard {
    /// Grouped (delivery, reliability, quality, people, cost, other), in the order added.
    pub metrics: Vec<MetricView>,
    pub summary: Summary,
}

impl Scorecard {
    pub fn get(&self, id: i64) -> Option<&MetricView> {
        self.metrics.iter().find(|m| m.id() == id)
    }
}

/// Every metric as of `today`.
pub fn scorecard(store: &Store, today: NaiveDate) -> Result<Scorecard, OpsError> {
    read(store, today, Read::Whole)
}

/// What [`read`] reads besides the metrics and their values.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Each metric's owner's name and the goals it measures, as the scorecard shows them.
    Whole,
    /// Neither: the radar shows no owner and no goal, and reading every goal and person for it
    /// cost 3 ms of each start on ten years of data (1,000 goals), with no metric at all.
    Numbers,
}

/// The scorecard as of `today`; with [`Read::Numbers`] every view's `owner` and `goals` are
/// left empty. With no metric it reads nothing more.
fn read(store: &Store, today: NaiveDate, what: Read) -> Result<Scorecard, OpsError> {
    let conn = store.conn();
    let all = metrics::list(conn)?;
    if all.is_empty() {
        return Ok(Scorecard::default());
    }
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut goals: HashMap<i64, Vec<LinkedGoal>> = HashMap::new();
    if what == Read::Whole {
        names = people::names(conn)?;
        for g in plan::goals(conn)? {
            if let Some(m) = g.fields.measure {
                goals.entry(m.metric_id).or_default().push(LinkedGoal {
                    id: g.id,
                    title: g.fields.title,
                    progress: g.fields.progress,
                    status: g.fields.status,
                });
            }
        }
    }
    let mut values: HashMap<i64, Vec<MetricValue>> = HashMap::new();
    for v in metrics::all_values(conn)? {
        values.entry(v.metric_id).or_default().push(v);
    }
    let plan_start = plan::get(conn)?.map(|(_, start)| start);
    let mut views: Vec<MetricView> = all
        .into_iter()
        .map(|metric| {
            let history = values.remove(&metric.id).unwrap_or_default();
            let owner = metric
                .fields
                .owner_id
                .and_then(|id| names.get(&id).cloned());
            let goals = goals.remove(&metric.id).unwrap_or_default();
            view(metric, owner, history, goals, plan_start, today)
        })
        .collect();
    views.sort_by_key(|v| group_rank(v.metric.fields.group));
    let mut summary = Summary {
        metrics: views.len(),
        ..Summary::default()
    };
    for v in &views {
        match v.status {
            Status::OnTarget => summary.on_target += 1,
            Status::Warning => summary.warning += 1,
            Status::OffTarget => summary.off_target += 1,
            Status::Missing => summary.missing += 1,
            Status::NoTarget | Status::Pending | Status::Untracked => {}
        }
    }
    Ok(Scorecard {
        metrics: views,
        summary,
    })
}

fn group_rank(group: MetricGroup) -> usize {
    MetricGroup::ALL
        .iter()
        .position(|g| *g == group)
        .unwrap_or(0)
}

/// One metric judged as of `today`.
pub fn view(
    metric: Metric,
    owner: Option<String>,
    history: Vec<MetricValue>,
    goals: Vec<LinkedGoal>,
    plan_start: Option<NaiveDate>,
    today: NaiveDate,
) -> MetricView {
    let f = &metric.fields;
    let series = by_period(f, &history);
    let from = tracked_from(metric.created, &series);
    let cells = cells(f, &series, from, today, GRID_PERIODS);
    let numbers: Vec<f64> = series.iter().map(|(_, v)| *v).collect();
    MetricView {
        owner,
        latest: series.last().copied(),
        status: current_status(&cells),
        trend: Trend::of(&numbers),
        baseline: baseline(&series, plan_start),
        off_run: off_target_run(&cells),
        cells,
        tracked_from: from,
        goals,
        history,
        metric,
    }
}

/// The latest period whose number was due before `today`.
fn last_due(metric: &Metric, today: NaiveDate) -> Period {
    let f = &metric.fields;
    let mut period = Period::containing(today, f.cadence, f.week_start);
    while period.due() >= today {
        period = period.previous();
    }
    period
}

/// The radar's alerts: metrics off target two periods running, and metrics whose number for the
/// last period is missing (the nudge to enter it).
pub fn radar_items(store: &Store, today: NaiveDate) -> Result<Vec<RadarItem>, OpsError> {
    let mut card = read(store, today, Read::Numbers)?;
    // The longest runs first.
    card.metrics
        .sort_by(|a, b| b.off_run.cmp(&a.off_run).then(a.name().cmp(b.name())));
    let mut off = Vec::new();
    let mut missing = Vec::new();
    for v in &card.metrics {
        let f = &v.metric.fields;
        if v.off_run >= 2 {
            let latest = v
                .latest
                .map(|(_, value)| format!(": {}", f.shown(value)))
                .unwrap_or_default();
            let target = f
                .target
                .map(|t| format!(" against {}", f.shown(t)))
                .unwrap_or_default();
            off.push(RadarItem {
                kind: RadarKind::MetricOffTarget,
                title: f.name.clone(),
                detail: format!(
                    "off target {} {}s running{latest}{target}",
                    v.off_run,
                    f.cadence.noun()
                ),
                id: v.id(),
                person_id: None,
                date: v.latest.map_or(today, |(p, _)| p.due()),
                days: 0,
            });
        }
        let due = last_due(&v.metric, today);
        let entered = v.history.iter().any(|h| due.contains(h.period));
        if !entered && due.end() > v.tracked_from {
            missing.push(RadarItem {
                kind: RadarKind::MetricMissing,
                title: f.name.clone(),
                detail: format!("no value for {}", due.label()),
                id: v.id(),
                person_id: None,
                date: due.due(),
                days: (today - due.due()).num_days(),
            });
        }
    }
    off.extend(missing);
    Ok(off)
}

/// The agenda's "log metrics" items in `[from, to)`: one on each day a number is due, naming
/// how many by cadence; done once every one of them is entered.
pub fn due_items(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<AgendaItem>, OpsError> {
    let conn = store.conn();
    let all = metrics::list(conn)?;
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let mut items = Vec::new();
    let mut day = from;
    while day < to {
        let mut due: Vec<(&Metric, bool)> = Vec::new();
        for m in &all {
            let f = &m.fields;
            let period = Period::containing(day, f.cadence, f.week_start);
            if period.due() == day && period.end() > m.created {
                let entered =
                    !metrics::values_between(conn, m.id, period.start, period.end())?.is_empty();
                due.push((m, entered));
            }
        }
        if let Some(first) = due.iter().find(|(_, entered)| !entered).or(due.first()) {
            items.push(AgendaItem {
                date: day,
                start: None,
                end: None,
                kind: ItemKind::MetricsDue,
                title: due_title(&due),
                id: first.0.id,
                person: None,
                person_id: None,
                status: None,
                occurrence: None,
                moved: false,
                done: due.iter().all(|(_, entered)| *entered),
                conflict: false,
                lasts_until: None,
            });
        }
        day += Duration::days(1);
    }
    Ok(items)
}

/// "Log metrics: 8 weekly, 2 monthly (3 entered)".
fn due_title(due: &[(&Metric, bool)]) -> String {
    let by_cadence: Vec<String> = Cadence::ALL
        .iter()
        .filter_map(|c| {
            let n = due.iter().filter(|(m, _)| m.fields.cadence == *c).count();
            (n > 0).then(|| format!("{n} {}", c.as_str()))
        })
        .collect();
    let entered = due.iter().filter(|(_, e)| *e).count();
    let progress = match entered {
        0 => String::new(),
        n if n == due.len() => " (all entered)".to_string(),
        n => format!(" ({n} entered)"),
    };
    format!("Log metrics: {}{progress}", by_cadence.join(", "))
}

/// A metric in a report: the number for the period the report covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricLine {
    pub id: i64,
    pub name: String,
    pub group: MetricGroup,
    pub unit: Unit,
    pub direction: crate::domain::metric::Direction,
    pub cadence: Cadence,
    /// "week of 23 Nov 2026", "October 2026".
    pub period: String,
    pub period_start: NaiveDate,
    pub value: Option<f64>,
    pub target: Option<f64>,
    pub status: Status,
    /// Against the period before, when both have a value.
    pub change: Option<f64>,
}

/// Every tracked metric's number as of the report's last day `last`: the period containing it
/// once its number is due (or entered), else the period before.
pub fn report_lines(store: &Store, last: NaiveDate) -> Result<Vec<MetricLine>, OpsError> {
    let card = scorecard(store, last)?;
    let as_of = last + Duration::days(1);
    let mut lines = Vec::new();
    for v in card.metrics {
        let f = &v.metric.fields;
        let series = by_period(f, &v.history);
        let value_of = |p: Period| {
            series
                .iter()
                .find(|(q, _)| *q == p)
                .map(|(_, value)| *value)
        };
        let current = Period::containing(last, f.cadence, f.week_start);
        let period = if value_of(current).is_some() || current.due() <= last {
            current
        } else {
            current.previous()
        };
        let from = tracked_from(v.metric.created, &series);
        let value = value_of(period);
        let status = period_status(f, period, value, from, as_of);
        if status == Status::Untracked {
            continue;
        }
        lines.push(MetricLine {
            id: v.metric.id,
            name: f.name.clone(),
            group: f.group,
            unit: f.unit,
            direction: f.direction,
            cadence: f.cadence,
            period: period.label(),
            period_start: period.start,
            value,
            target: f.target,
            status,
            change: value.zip(value_of(period.previous())).map(|(a, b)| a - b),
        });
    }
    Ok(lines)
}

#[cfg(test)]
#[path = "scorecard_tests.rs"]
mod tests;
