//! The scorecard: load it, add, edit and delete metrics, log and delete their numbers.

use super::{Env, saved, saved_edit};
use crate::domain::metric::{MetricFields, MetricValue};
use crate::ops::metrics::{Entry, Logged, Shown};
use crate::ops::{self, OpsError};
use crate::store::Store;
use crate::tui::msg::Msg;
use crate::tui::pane::Target;
use crate::tui::panes::scorecard::ScorecardMsg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScorecardEffect {
    Load,
    Add(MetricFields),
    Update {
        id: i64,
        fields: MetricFields,
        opened: Box<MetricFields>,
    },
    /// The metric, with its settings and values as the confirmation counted them.
    Delete {
        id: i64,
        opened: Box<MetricFields>,
        values: Vec<MetricValue>,
    },
    /// Log `entry` for metric `id`; `opened` is the metric and the period's value as the form
    /// showed them.
    Log {
        id: i64,
        entry: Entry,
        opened: Box<Shown>,
    },
    DeleteValue(Box<MetricValue>),
}

pub(super) fn run(store: &mut Store, effect: ScorecardEffect, env: &Env) -> Result<Msg, OpsError> {
    use ops::metrics as m;
    let now = env.now;
    Ok(match effect {
        ScorecardEffect::Load => Msg::Scorecard(ScorecardMsg::Loaded(Box::new(
            ops::scorecard::scorecard(store, now.date())?,
        ))),
        ScorecardEffect::Add(fields) => {
            let metric = m::add_metric(store, fields, now)?;
            saved(
                format!(
                    "Added metric \"{}\": press l to log its number.",
                    metric.fields.name
                ),
                Some(Target::Metric(metric.id)),
            )
        }
        ScorecardEffect::Update { id, fields, opened } => saved_edit(
            m::update_metric(store, id, fields, Some(&opened), now)?,
            |metric| {
                (
                    format!("Saved metric \"{}\".", metric.fields.name),
                    Some(Target::Metric(metric.id)),
                )
            },
        ),
        ScorecardEffect::Delete { id, opened, values } => {
            let metric = m::delete_metric(store, id, Some((&opened, &values)))?;
            saved(format!("Deleted metric \"{}\".", metric.fields.name), None)
        }
        ScorecardEffect::Log { id, entry, opened } => {
            let logged = m::log_value(store, id, entry, Some(&opened), now)?;
            saved(logged_message(&logged), Some(Target::Metric(id)))
        }
        ScorecardEffect::DeleteValue(opened) => {
            let (metric, value) = m::delete_value(store, opened.id, Some(&opened), now)?;
            saved(
                format!(
                    "Deleted {} from \"{}\".",
                    metric.fields.shown(value.value),
                    metric.fields.name
                ),
                Some(Target::Metric(metric.id)),
            )
        }
    })
}

/// "Deploys, week of 23 Nov 2026: 14, on target (was 12)."
pub fn logged_message(logged: &Logged) -> String {
    if !logged.changed {
        return super::NO_CHANGES.to_string();
    }
    logged.sentence()
}
