//! The demo's scorecard history: half a year of the director template's KPIs, most improving
//! toward their targets, the change failure rate off target for the last two weeks, the cloud
//! cost per customer off for the last month, a few owned by the managers, and one goal measured
//! by a metric. Numbers follow a line from a start to an end with a fixed wobble,
//! so a seed is not needed: the same `now` gives the same numbers.

use chrono::NaiveDateTime;

use super::OpsError;
use super::metrics::{Entry, log_value, update_metric};
use super::plan::update_goal;
use crate::domain::metric::{Cadence, MetricFields};
use crate::domain::metric_period::Period;
use crate::domain::plan::GoalMeasure;
use crate::store::{Store, metrics, people, plan};

/// A metric's path: (name, first value, last value, wobble, decimals, owner).
type Path = (&'static str, f64, f64, f64, i32, Option<&'static str>);

const PATHS: &[Path] = &[
    (
        "Deployment frequency",
        4.0,
        11.0,
        1.5,
        0,
        Some("Marcus Oyelaran"),
    ),
    (
        "Lead time for changes",
        60.0,
        22.0,
        4.0,
        0,
        Some("Marcus Oyelaran"),
    ),
    ("Cycle time", 6.0, 3.5, 0.6, 1, None),
    ("Plan vs actual", 62.0, 76.0, 3.0, 0, None),
    (
        "Change failure rate",
        19.0,
        14.0,
        2.0,
        1,
        Some("Marcus Oyelaran"),
    ),
    (
        "Time to restore service",
        5.0,
        0.7,
        0.3,
        1,
        Some("Aisha Bello"),
    ),
    ("SLO attainment", 99.3, 99.93, 0.05, 2, Some("Aisha Bello")),
    ("Sev-1/2 incidents", 6.0, 2.0, 0.5, 0, Some("Aisha Bello")),
    (
        "Postmortem action completion",
        60.0,
        92.0,
        2.0,
        0,
        Some("Aisha Bello"),
    ),
    (
        "On-call pages per engineer",
        6.0,
        3.0,
        0.8,
        1,
        Some("Aisha Bello"),
    ),
    ("Escaped defects", 14.0, 7.0, 2.0, 0, None),
    ("Test flakiness", 4.0, 0.8, 0.3, 1, None),
    (
        "CI success rate",
        84.0,
        96.0,
        1.0,
        1,
        Some("Marcus Oyelaran"),
    ),
    (
        "Vulnerability SLA compliance",
        78.0,
        91.0,
        3.0,
        0,
        Some("Daniel Osei"),
    ),
    ("Engagement (eNPS)", 8.0, 24.0, 3.0, 0, None),
    ("Regrettable attrition", 12.0, 4.5, 0.5, 1, None),
    ("Time to fill", 70.0, 52.0, 5.0, 0, None),
    ("Stakeholder satisfaction", 3.2, 4.1, 0.1, 1, None),
    ("Tech-debt investment ratio", 10.0, 18.0, 2.0, 0, None),
    ("Cloud cost per customer", 12.6, 14.3, 0.0, 2, None),
];

/// The last two weeks of the change failure rate: past the warning threshold.
const OFF_TARGET: [f64; 2] = [21.5, 23.0];

/// A fixed wobble in [-0.5, 0.5) for value `k` of metric `i`.
fn wobble(i: usize, k: usize) -> f64 {
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (k as u64 + 7).wrapping_mul(0xBF58_476D);
    x ^= x >> 29;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 32;
    (x % 1000) as f64 / 1000.0 - 0.5
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Logs each template metric's history up to its last period before `now`'s (26 weeks, 6
/// months or 4 quarters), and measures one 90-day goal by the lead time. Returns the values
/// logged.
pub(super) fn add_history(store: &mut Store, now: NaiveDateTime) -> Result<usize, OpsError> {
    let mut logged = 0;
    for metric in metrics::list(store.conn())? {
        let f = &metric.fields;
        let Some((i, &(_, first, last, spread, decimals, owner))) =
            PATHS.iter().enumerate().find(|(_, p)| p.0 == f.name)
        else {
            continue;
        };
        let count: usize = match f.cadence {
            Cadence::Weekly => 26,
            Cadence::Monthly => 6,
            Cadence::Quarterly => 4,
        };
        let current = Period::containing(now.date(), f.cadence, f.week_start);
        for k in 0..count {
            let back = i32::try_from(count - k).unwrap_or(1);
            let period = current.shifted(-back);
            let along = k as f64 / (count - 1) as f64;
            let mut value = first + (last - first) * along + spread * wobble(i, k);
            if f.name == "Change failure rate" && k + OFF_TARGET.len() >= count {
                value = OFF_TARGET[k + OFF_TARGET.len() - count];
            }
            let entry = Entry {
                date: period.start,
                value: round(value.max(0.0), decimals),
                note: None,
            };
            log_value(store, metric.id, entry, None, now)?;
            logged += 1;
        }
        if let Some(person) =
            owner.and_then(|name| people::find_by_name(store.conn(), name).ok()?)
        {
            let fields = MetricFields {
                owner_id: Some(person.id),
                ..metric.fields.clone()
            };
            update_metric(store, metric.id, fields, None, now)?;
        }
    }
    measure_a_goal(store, now)?;
    Ok(logged)
}

/// "Make delivery more predictable" is measured by the lead time, to 16 hours.
fn measure_a_goal(store: &mut Store, now: NaiveDateTime) -> Result<(), OpsError> {
    let conn = store.conn();
    let goal = plan::goals(conn)?
        .into_iter()
        .find(|g| g.fields.title == "Make delivery more predictable");
    let metric = metrics::find_by_name(conn, "Lead time for changes")?;
    if let (Some(goal), Some(metric)) = (goal, metric) {
        let mut fields = goal.fields.clone();
        fields.measure = Some(GoalMeasure {
            metric_id: metric.id,
            target: Some(16.0),
        });
        update_goal(store, goal.id, fields, None, now)?;
    }
    Ok(())
}
