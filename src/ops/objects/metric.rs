//! The scorecard's metrics as objects of the command line:
//! `bearing metric add|log|list|show|import|edit|delete`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::Object;
use super::card::Card;
use super::resolve::{Candidate, resolve};
use crate::domain::Word;
use crate::domain::metric::{Direction, Metric, MetricGroup, MetricValue};
use crate::domain::metric_period::Period;
use crate::domain::metric_status::{Status, Trend};
use crate::ops::OpsError;
use crate::ops::scorecard::{LinkedGoal, MetricView, scorecard};
use crate::store::dependents::Reached;
use crate::store::{Store, dependents, metrics};

/// What `metric list` narrows to.
#[derive(Debug, Clone, Default)]
pub struct MetricFilter {
    pub group: Option<MetricGroup>,
}

/// The newest value and the period it is for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Latest {
    /// The first day of the period.
    pub period: NaiveDate,
    /// "week of 23 Nov 2026", "October 2026", "Q4 2026".
    pub label: String,
    pub value: f64,
}

/// A metric as `metric show` and `metric list` give it: its settings, where it stands as of
/// now, and its history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricJson {
    #[serde(flatten)]
    pub metric: Metric,
    /// The owner's name; null: me.
    pub owner: Option<String>,
    pub latest: Option<Latest>,
    pub status: Status,
    pub trend: Trend,
    pub baseline: Option<f64>,
    /// Judged periods in a row, newest first, off target.
    pub off_run: usize,
    pub goals: Vec<LinkedGoal>,
    /// Every value, oldest first.
    pub history: Vec<MetricValue>,
}

impl From<MetricView> for MetricJson {
    fn from(v: MetricView) -> MetricJson {
        MetricJson {
            latest: v.latest.map(|(p, value)| Latest {
                period: p.start,
                label: p.label(),
                value,
            }),
            owner: v.owner,
            status: v.status,
            trend: v.trend,
            baseline: v.baseline,
            off_run: v.off_run,
            goals: v.goals,
            history: v.history,
            metric: v.metric,
        }
    }
}

pub struct MetricObject;

fn or_dash(text: Option<String>) -> String {
    text.unwrap_or_else(|| "-".to_string())
}

fn target(m: &MetricJson) -> Option<String> {
    let f = &m.metric.fields;
    f.target.map(|t| {
        let sign = match f.direction {
            Direction::Up => "≥",
            Direction::Down => "≤",
        };
        format!("{sign} {}", f.shown(t))
    })
}

fn status_words(m: &MetricJson) -> String {
    match (m.status, m.off_run) {
        (Status::OffTarget, run) if run > 1 => format!("off target {run} periods running"),
        (status, _) => status.label().to_string(),
    }
}

impl Object for MetricObject {
    const KIND: &'static str = "metric";
    const COLUMNS: &'static [&'static str] = &[
        "ID", "GROUP", "LATEST", "PERIOD", "TARGET", "STATUS", "TREND", "OWNER", "NAME",
    ];
    type View = MetricJson;
    type Filter = MetricFilter;

    fn list(
        store: &Store,
        filter: &MetricFilter,
        now: NaiveDateTime,
    ) -> Result<Vec<MetricJson>, OpsError> {
        Ok(scorecard(store, now.date())?
            .metrics
            .into_iter()
            .filter(|m| filter.group.is_none_or(|g| m.metric.fields.group == g))
            .map(MetricJson::from)
            .collect())
    }

    fn get(store: &Store, id: i64, now: NaiveDateTime) -> Result<MetricJson, OpsError> {
        scorecard(store, now.date())?
            .metrics
            .into_iter()
            .find(|m| m.id() == id)
            .map(MetricJson::from)
            .ok_or_else(|| {
                OpsError::NotFound(format!(
                    "no metric with id {id} (see `bearing metric list`)"
                ))
            })
    }

    fn find(store: &Store, query: &str) -> Result<i64, OpsError> {
        let candidates: Vec<Candidate> = metrics::list(store.conn())?
            .into_iter()
            .map(|m| Candidate::new(m.id, m.fields.name))
            .collect();
        resolve(Self::KIND, query, &candidates)
    }

    fn id(view: &MetricJson) -> i64 {
        view.metric.id
    }

    fn label(view: &MetricJson) -> String {
        format!("\"{}\"", view.metric.fields.name)
    }

    fn row(m: &MetricJson, _now: NaiveDateTime) -> Vec<String> {
        let f = &m.metric.fields;
        vec![
            m.metric.id.to_string(),
            f.group.as_str().to_string(),
            or_dash(m.latest.as_ref().map(|l| f.shown(l.value))),
            or_dash(m.latest.as_ref().map(|l| {
                Period {
                    start: l.period,
                    cadence: f.cadence,
                }
                .short_label()
            })),
            or_dash(target(m)),
            status_words(m),
            m.trend.arrow().to_string(),
            m.owner.clone().unwrap_or_else(|| "me".to_string()),
            f.name.clone(),
        ]
    }

    fn card(m: &MetricJson, _now: NaiveDateTime) -> Card {
        let f = &m.metric.fields;
        let period = |start: NaiveDate| {
            Period {
                start,
                cadence: f.cadence,
            }
            .label()
        };
        let history = m
            .history
            .iter()
            .rev()
            .map(|v| {
                let note = if v.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", v.note)
                };
                format!("{}  {}{note}", period(v.period), f.shown(v.value))
            })
            .collect();
        let goals = m
            .goals
            .iter()
            .map(|g| format!("goal {}: {} ({}%)", g.id, g.title, g.progress))
            .collect();
        Card::new(Self::KIND, m.metric.id, f.name.clone())
            .field(
                "latest",
                m.latest
                    .as_ref()
                    .map(|l| format!("{} ({})", f.shown(l.value), l.label))
                    .unwrap_or_default(),
            )
            .field("target", target(m).unwrap_or_default())
            .field("warning", f.warn.map(|w| w.text()).unwrap_or_default())
            .field("status", status_words(m))
            .field(
                "trend",
                format!("{} {:?}", m.trend.arrow(), m.trend).to_lowercase(),
            )
            .field(
                "baseline",
                m.baseline.map(|b| f.shown(b)).unwrap_or_default(),
            )
            .field("unit", f.unit.as_str())
            .field("direction", f.direction.label())
            .field("cadence", f.cadence.as_str())
            .field("group", f.group.as_str())
            .field("owner", m.owner.clone().unwrap_or_else(|| "me".into()))
            .field("team", f.team.clone())
            .field("source", f.source.clone())
            .section("Values", history)
            .section("Goals measured by it", goals)
    }

    fn reaches(store: &Store, id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(dependents::of_metric(store.conn(), id)?)
    }

    fn delete(store: &mut Store, id: i64, _now: NaiveDateTime) -> Result<(), OpsError> {
        crate::ops::metrics::delete_metric(store, id, None).map(drop)
    }
}
