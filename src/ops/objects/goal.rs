//! Goals of the 30/60/90-day plan as objects of the command line:
//! `bearing goal list|show|edit|delete|status|checkin|rollover`.

use chrono::NaiveDateTime;

use super::Object;
use super::card::{Card, day};
use super::resolve::{Candidate, resolve};
use crate::domain::Word;
use crate::domain::plan::{GoalStatus, phase_label};
use crate::ops::OpsError;
use crate::ops::plan::{self, GoalView};
use crate::store::dependents::Reached;
use crate::store::{Store, dependents, plan as rows};

/// What `goal list` narrows to.
#[derive(Debug, Clone, Default)]
pub struct GoalFilter {
    pub phase: Option<u32>,
    pub status: Option<GoalStatus>,
    /// Only goals behind schedule.
    pub behind: bool,
}

pub struct Goal;

impl Object for Goal {
    const KIND: &'static str = "goal";
    const COLUMNS: &'static [&'static str] = &[
        "ID",
        "PHASE",
        "STATUS",
        "PROGRESS",
        "DUE",
        "CONFIDENCE",
        "TITLE",
    ];
    type View = GoalView;
    type Filter = GoalFilter;

    fn list(
        store: &Store,
        filter: &GoalFilter,
        now: NaiveDateTime,
    ) -> Result<Vec<GoalView>, OpsError> {
        Ok(plan::plan_view(store, now.date())?
            .phases
            .into_iter()
            .flat_map(|p| p.goals)
            .filter(|g| {
                filter.phase.is_none_or(|p| g.goal.fields.phase == p)
                    && filter.status.is_none_or(|s| g.goal.fields.status == s)
                    && (!filter.behind || g.behind)
            })
            .collect())
    }

    fn get(store: &Store, id: i64, now: NaiveDateTime) -> Result<GoalView, OpsError> {
        plan::plan_view(store, now.date())?
            .goal(id)
            .cloned()
            .ok_or_else(|| {
                OpsError::NotFound(format!("no goal with id {id} (see `bearing goal list`)"))
            })
    }

    fn find(store: &Store, query: &str) -> Result<i64, OpsError> {
        let candidates: Vec<Candidate> = rows::goals(store.conn())?
            .into_iter()
            .map(|g| Candidate::new(g.id, g.fields.title))
            .collect();
        resolve(Self::KIND, query, &candidates)
    }

    fn id(view: &GoalView) -> i64 {
        view.goal.id
    }

    fn label(view: &GoalView) -> String {
        format!("\"{}\"", view.goal.fields.title)
    }

    fn row(g: &GoalView, _now: NaiveDateTime) -> Vec<String> {
        let f = &g.goal.fields;
        vec![
            g.goal.id.to_string(),
            f.phase.to_string(),
            f.status.as_str().to_string(),
            format!("{:>3}%", f.progress),
            g.due_on.to_string(),
            format!(
                "{}{}",
                f.confidence.as_str(),
                if g.behind { ", behind" } else { "" }
            ),
            f.title.clone(),
        ]
    }

    fn card(g: &GoalView, _now: NaiveDateTime) -> Card {
        let f = &g.goal.fields;
        let history = g
            .history
            .iter()
            .map(|c| {
                let note = if c.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", c.note)
                };
                format!(
                    "{}  {:>3}%  {}{note}",
                    c.date,
                    c.progress,
                    c.confidence.label()
                )
            })
            .collect();
        Card::new(Self::KIND, g.goal.id, f.title.clone())
            .field("phase", format!("{} ({})", phase_label(f.phase), f.phase))
            .field("status", f.status.as_str())
            .field("progress", format!("{}%", f.progress))
            .field("confidence", f.confidence.label())
            .field("due", day(Some(g.due_on)))
            .field("behind", if g.behind { "yes" } else { "" })
            .field("person", g.person.clone().unwrap_or_default())
            .field(
                "measured by",
                g.measured_by
                    .as_ref()
                    .map(|m| {
                        let part = |label: &str, v: &Option<String>| {
                            v.as_ref()
                                .map(|v| format!(", {label} {v}"))
                                .unwrap_or_default()
                        };
                        format!(
                            "metric {} \"{}\"{}{}{}",
                            m.metric_id,
                            m.name,
                            part("from", &m.baseline),
                            part("now", &m.latest),
                            part("to", &m.target)
                        )
                    })
                    .unwrap_or_default(),
            )
            .field("criteria", f.criteria.clone())
            .field("description", f.description.clone())
            .section("History", history)
    }

    fn reaches(store: &Store, id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(dependents::of_goal(store.conn(), id)?)
    }

    fn delete(store: &mut Store, id: i64, _now: NaiveDateTime) -> Result<(), OpsError> {
        plan::delete_goal(store, id, None).map(drop)
    }
}
