//! The scorecard's use-cases: add, edit and delete metrics; log, replace and delete values. A
//! value logged for a period that has one already replaces it (the journal keeps the old one for
//! undo). Every change that moves a metric's numbers updates the progress of the goals it
//! measures, in the same transaction, so the plan, its radar and the reports read real numbers.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use crate::domain::Invalid;
use crate::domain::metric::{Metric, MetricFields, MetricValue};
use crate::domain::metric_period::Period;
use crate::domain::metric_status::{baseline, by_period, goal_progress};
use crate::domain::plan::{GoalMeasure, GoalStatus};
use crate::store::{Store, metrics, people, plan};

/// Finds a metric by id or by name, ignoring case; a unique part of a name also matches.
pub fn resolve_metric(conn: &Connection, query: &str) -> Result<Metric, OpsError> {
    let query = query.trim();
    if let Ok(id) = query.parse::<i64>() {
        return metrics::get(conn, id)?.ok_or_else(|| {
            OpsError::NotFound(format!(
                "no metric with id {id} (see `bearing metric list`)"
            ))
        });
    }
    if let Some(m) = metrics::find_by_name(conn, query)? {
        return Ok(m);
    }
    let all = metrics::list(conn)?;
    let wanted = query.to_lowercase();
    let mut matches: Vec<Metric> = all
        .iter()
        .filter(|m| !wanted.is_empty() && m.fields.name.to_lowercase().contains(&wanted))
        .cloned()
        .collect();
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 if all.is_empty() => Err(OpsError::NotFound(format!(
            "no metric matches \"{query}\": none has been added yet (bearing metric add --name N --unit U)"
        ))),
        0 => Err(OpsError::NotFound(format!(
            "no metric matches \"{query}\"; known metrics: {}",
            all.iter()
                .map(|m| m.fields.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        _ => Err(OpsError::Ambiguous {
            query: query.to_string(),
            candidates: matches
                .iter()
                .map(|m| format!("{} (id {})", m.fields.name, m.id))
                .collect(),
        }),
    }
}

fn check_unique_name(conn: &Connection, name: &str, own: Option<i64>) -> Result<(), OpsError> {
    match metrics::find_by_name(conn, name)? {
        Some(other) if Some(other.id) != own => Err(Invalid::field(
            "name",
            format!(
                "there is a metric called {} already (id {}); use another name",
                other.fields.name, other.id
            ),
        )
        .into()),
        _ => Ok(()),
    }
}

fn check_owner(conn: &Connection, owner: Option<i64>) -> Result<(), OpsError> {
    match owner {
        Some(id) if people::get(conn, id)?.is_none() => {
            Err(Invalid::field("owner", format!("no person with id {id} to own the metric")).into())
        }
        _ => Ok(()),
    }
}

fn current(conn: &Connection, id: i64) -> Result<Metric, OpsError> {
    metrics::get(conn, id)?.ok_or_else(|| {
        OpsError::NotFound(format!(
            "no metric with id {id} (deleted elsewhere? see `bearing metric list`)"
        ))
    })
}

pub fn add_metric(
    store: &mut Store,
    fields: MetricFields,
    now: NaiveDateTime,
) -> Result<Metric, OpsError> {
    let fields = fields.check()?;
    store.write(|tx| -> Result<Metric, OpsError> {
        check_unique_name(tx, &fields.name, None)?;
        check_owner(tx, fields.owner_id)?;
        let id = metrics::insert(tx, &fields, now)?;
        Ok(Metric {
            id,
            fields: fields.clone(),
            created: now.date(),
        })
    })
}

/// Saves a metric's settings. With `opened` (the settings the form showed) it is refused when
/// they changed since; the same settings again write nothing. The cadence and the first day of
/// the week cannot change once values are logged: that would merge or split their periods.
pub fn update_metric(
    store: &mut Store,
    id: i64,
    fields: MetricFields,
    opened: Option<&MetricFields>,
    now: NaiveDateTime,
) -> Result<Edited<Metric>, OpsError> {
    let fields = fields.check()?;
    store.write(|tx| -> Result<Edited<Metric>, OpsError> {
        let before = current(tx, id)?;
        ensure_as_opened(|| format!("metric {id}"), &before.fields, opened)?;
        if fields == before.fields {
            return Ok(Edited::unchanged(before));
        }
        check_unique_name(tx, &fields.name, Some(id))?;
        check_owner(tx, fields.owner_id)?;
        let regrouped = fields.cadence != before.fields.cadence
            || fields.week_start != before.fields.week_start;
        let logged = metrics::values(tx, id)?.len();
        if regrouped && logged > 0 {
            return Err(Invalid::field(
                "cadence",
                format!(
                    "{} has {} by {}; its cadence cannot change now (add a new \
                     metric for the new cadence, or delete its values first)",
                    before.fields.name,
                    super::markdown::plural(logged, "value"),
                    before.fields.cadence.noun()
                ),
            )
            .into());
        }
        metrics::update(tx, id, &fields, now)?;
        refresh_goals(tx, Some(id), now)?;
        Ok(Edited::changed(Metric {
            id,
            fields,
            created: before.created,
        }))
    })
}

/// Deletes a metric and its values; goals it measured keep their last progress and are no
/// longer measured. With `opened` (its settings and every value, as the confirmation counted
/// them) the delete is refused when either changed since: a number a script logged meanwhile is
/// not deleted unseen.
pub fn delete_metric(
    store: &mut Store,
    id: i64,
    opened: Option<(&MetricFields, &[MetricValue])>,
) -> Result<Metric, OpsError> {
    store.write(|tx| -> Result<Metric, OpsError> {
        let metric = current(tx, id)?;
        if let Some((fields, values)) = opened {
            let by_id = |mut v: Vec<MetricValue>| {
                v.sort_by_key(|v| v.id);
                v
            };
            let now = (&metric.fields, by_id(metrics::values(tx, id)?));
            let shown = (fields, by_id(values.to_vec()));
            ensure_as_opened(|| format!("metric {id}"), &now, Some(&shown))?;
        }
        metrics::delete(tx, id)?;
        Ok(metric)
    })
}

/// What logging a value did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Logged {
    pub metric: Metric,
    pub period: Period,
    pub value: f64,
    /// The value it replaced, if the period had one.
    pub replaced: Option<f64>,
    /// False when the period held this value and note already: nothing was written.
    pub changed: bool,
}

impl Logged {
    /// "Deploys, week of 23 Nov 2026: 14, on target (was 12)."
    pub fn sentence(&self) -> String {
        let f = &self.metric.fields;
        let was = self
            .replaced
            .map(|v| format!(" (was {})", f.shown(v)))
            .unwrap_or_default();
        format!(
            "{}, {}: {}, {}{was}.",
            f.name,
            self.period.label(),
            f.shown(self.value),
            crate::domain::metric_status::rate(self.value, f).label()
        )
    }
}

/// A value to log: for the period containing `date`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub date: NaiveDate,
    pub value: f64,
    /// None keeps the note the period already has (none for a new value).
    pub note: Option<String>,
}

impl Eq for Entry {}

/// What a log form showed: the metric it opened on, and the value of the period it logs for
/// (None: the period was empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub metric: MetricFields,
    pub value: Option<MetricValue>,
}

/// Logs `entry` for metric `id`, replacing the period's value if it has one. With `opened` (what
/// the form showed) it is refused when the metric or the period's value changed since: a metric
/// deleted and another added under its id, or a value logged elsewhere, is never written over.
pub fn log_value(
    store: &mut Store,
    id: i64,
    entry: Entry,
    opened: Option<&Shown>,
    now: NaiveDateTime,
) -> Result<Logged, OpsError> {
    let note = entry
        .note
        .as_deref()
        .map(|n| crate::domain::text::body("note", n))
        .transpose()?;
    let value = crate::domain::metric::finite("value", entry.value)?;
    store.write(|tx| -> Result<Logged, OpsError> {
        let metric = current(tx, id)?;
        let now_held = period_value(tx, &metric, entry.date)?;
        if let Some(opened) = opened {
            ensure_as_opened(
                || format!("metric {id}"),
                &metric.fields,
                Some(&opened.metric),
            )?;
            ensure_as_opened(
                || format!("the value of {}", metric.fields.name),
                &now_held,
                Some(&opened.value),
            )?;
        }
        let note = note.unwrap_or_else(|| now_held.map(|v| v.note).unwrap_or_default());
        let logged = store_value(tx, &metric, entry.date, value, &note, now)?;
        if logged.changed {
            refresh_goals(tx, Some(id), now)?;
        }
        Ok(logged)
    })
}

/// The value metric `metric` holds for the period containing `date`, if any.
pub fn period_value(
    conn: &Connection,
    metric: &Metric,
    date: NaiveDate,
) -> Result<Option<MetricValue>, OpsError> {
    let f = &metric.fields;
    let period = Period::containing(date, f.cadence, f.week_start);
    Ok(
        metrics::values_between(conn, metric.id, period.start, period.end())?
            .into_iter()
            .max_by_key(|v| v.period),
    )
}

/// Puts `value` in the period containing `date`: the one row of that period, dated on its first
/// day. Inside the caller's transaction; goals are the caller's to refresh.
pub(super) fn store_value(
    conn: &Connection,
    metric: &Metric,
    date: NaiveDate,
    value: f64,
    note: &str,
    now: NaiveDateTime,
) -> Result<Logged, OpsError> {
    let f = &metric.fields;
    let period = Period::containing(date, f.cadence, f.week_start);
    crate::domain::metric_period::check_year(period.start)?;
    if period.start > now.date() {
        let name = match f.cadence {
            crate::domain::metric::Cadence::Weekly => format!("the {}", period.label()),
            _ => period.label(),
        };
        return Err(Invalid::field(
            "date",
            format!(
                "{name} has not begun: log numbers for this {} or an earlier one",
                f.cadence.noun()
            ),
        )
        .into());
    }
    let held = metrics::values_between(conn, metric.id, period.start, period.end())?;
    let replaced = held.iter().max_by_key(|v| v.period).map(|v| v.value);
    let logged = |changed| Logged {
        metric: metric.clone(),
        period,
        value,
        replaced,
        changed,
    };
    if let [only] = held.as_slice()
        && only.period == period.start
        && only.value == value
        && only.note == note
    {
        return Ok(logged(false));
    }
    let mut held = held.into_iter();
    match held.next() {
        Some(first) => {
            for extra in held {
                metrics::delete_value(conn, extra.id)?;
            }
            metrics::update_value(conn, first.id, period.start, value, note, now)?;
        }
        None => {
            metrics::insert_value(conn, metric.id, period.start, value, note, now)?;
        }
    }
    Ok(logged(true))
}

/// Deletes one value. With `opened` (the value as shown) it is refused when it changed since.
pub fn delete_value(
    store: &mut Store,
    value_id: i64,
    opened: Option<&MetricValue>,
    now: NaiveDateTime,
) -> Result<(Metric, MetricValue), OpsError> {
    store.write(|tx| -> Result<(Metric, MetricValue), OpsError> {
        let value = metrics::value(tx, value_id)?.ok_or_else(|| {
            OpsError::NotFound(format!("no value with id {value_id} (deleted elsewhere?)"))
        })?;
        ensure_as_opened(|| "the value".to_string(), &value, opened)?;
        let metric = current(tx, value.metric_id)?;
        metrics::delete_value(tx, value_id)?;
        refresh_goals(tx, Some(metric.id), now)?;
        Ok((metric, value))
    })
}

/// The progress of a goal measured by `measure`, from the metric's baseline (its number at the
/// plan's start) to the goal's target (or the metric's); None without a value or a target.
pub(super) fn measured_progress(
    conn: &Connection,
    measure: GoalMeasure,
    plan_start: Option<NaiveDate>,
) -> Result<Option<(u32, f64)>, OpsError> {
    let Some(metric) = metrics::get(conn, measure.metric_id)? else {
        return Ok(None);
    };
    let f = &metric.fields;
    let series = by_period(f, &metrics::values(conn, metric.id)?);
    let (Some(target), Some(base), Some(&(_, latest))) = (
        measure.target.or(f.target),
        baseline(&series, plan_start),
        series.last(),
    ) else {
        return Ok(None);
    };
    Ok(Some((
        goal_progress(base, latest, target, f.direction),
        latest,
    )))
}

/// How a measured goal stands, for the plan to show: the metric, and the numbers its progress
/// runs between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureView {
    pub metric_id: i64,
    pub name: String,
    /// Shown with the unit: "14", "99.5%"; None without a value (or a target).
    pub latest: Option<String>,
    pub baseline: Option<String>,
    pub target: Option<String>,
}

/// The measure of each goal measured by a metric, by goal id.
pub(super) fn measure_views(
    conn: &Connection,
    goals: &[crate::domain::plan::Goal],
    plan_start: Option<NaiveDate>,
) -> Result<std::collections::HashMap<i64, MeasureView>, OpsError> {
    let mut views = std::collections::HashMap::new();
    for goal in goals {
        let Some(measure) = goal.fields.measure else {
            continue;
        };
        let Some(metric) = metrics::get(conn, measure.metric_id)? else {
            continue;
        };
        let f = &metric.fields;
        let series = by_period(f, &metrics::values(conn, metric.id)?);
        views.insert(
            goal.id,
            MeasureView {
                metric_id: metric.id,
                name: f.name.clone(),
                latest: series.last().map(|(_, v)| f.shown(*v)),
                baseline: baseline(&series, plan_start).map(|v| f.shown(v)),
                target: measure.target.or(f.target).map(|v| f.shown(v)),
            },
        );
    }
    Ok(views)
}

/// Every metric's id and name, for a form to offer.
pub fn names(conn: &Connection) -> Result<Vec<(i64, String)>, OpsError> {
    Ok(metrics::list(conn)?
        .into_iter()
        .map(|m| (m.id, m.fields.name))
        .collect())
}

/// Refuses a goal's measure that names no metric.
pub(super) fn check_measure(
    conn: &Connection,
    measure: Option<GoalMeasure>,
) -> Result<(), OpsError> {
    match measure {
        Some(m) if metrics::get(conn, m.metric_id)?.is_none() => Err(Invalid::field(
            "metric",
            format!("no metric with id {} to measure the goal", m.metric_id),
        )
        .into()),
        _ => Ok(()),
    }
}

/// Brings the progress of the open goals measured by metric `metric` (every metric: None) up to
/// its numbers. Inside the caller's transaction.
pub(super) fn refresh_goals(
    conn: &Connection,
    metric: Option<i64>,
    now: NaiveDateTime,
) -> Result<(), OpsError> {
    let Some((_, start)) = plan::get(conn)? else {
        return Ok(());
    };
    for goal in plan::goals(conn)? {
        let Some(measure) = goal.fields.measure else {
            continue;
        };
        // A goal the numbers made done (its progress 100) follows them back when a corrected
        // or later number falls short: a typo of 200 for 13 left it done for good, and its
        // progress could not be checked in by hand.
        let done_by_numbers = goal.fields.status == GoalStatus::Done && goal.fields.progress == 100;
        if !(goal.fields.status.is_open() || done_by_numbers)
            || metric.is_some_and(|m| m != measure.metric_id)
        {
            continue;
        }
        let Some((progress, _)) = measured_progress(conn, measure, Some(start))? else {
            continue;
        };
        if progress == goal.fields.progress {
            continue;
        }
        let mut fields = goal.fields.clone();
        if done_by_numbers {
            fields.status = GoalStatus::Doing;
        }
        fields.set_measured_progress(progress);
        plan::update_goal(conn, goal.id, &fields, now)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "metrics_tests.rs"]
mod tests;
