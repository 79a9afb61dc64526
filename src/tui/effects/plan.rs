//! The 30/60/90 plan: its start, goals, check-ins and roll-overs.

use chrono::NaiveDate;

use super::{Env, saved, saved_edit};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::plan::{Confidence, GoalFields};
use crate::ops::links::LinkChanges;
use crate::ops::{self, OpsError};
use crate::store::Store;
use crate::tui::msg::Msg;
use crate::tui::panes::plan::PlanMsg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanEffect {
    Load,
    /// The links of goal `id`, for its detail.
    Links(i64),
    Start {
        date: NaiveDate,
        opened: Option<NaiveDate>,
    },
    AddGoal {
        fields: GoalFields,
        links: Box<LinkChanges>,
    },
    UpdateGoal {
        id: i64,
        fields: GoalFields,
        opened: Box<GoalFields>,
        links: Box<LinkChanges>,
    },
    /// The goal, and its fields as the confirmation showed them.
    DeleteGoal(i64, Box<GoalFields>),
    Checkin {
        id: i64,
        progress: u32,
        confidence: Option<Confidence>,
        note: String,
        opened: Box<GoalFields>,
    },
    RollOver(i64),
}

pub(super) fn run(store: &mut Store, effect: PlanEffect, env: &Env) -> Result<Msg, OpsError> {
    use ops::plan as p;
    let now = env.now;
    Ok(match effect {
        PlanEffect::Load => Msg::Plan(PlanMsg::Loaded(Box::new(p::plan_view(store, now.date())?))),
        PlanEffect::Links(id) => {
            let goal = ObjectRef::new(LinkKind::Goal, id);
            Msg::Plan(PlanMsg::Links(id, ops::links::links_of(store, goal)?))
        }
        PlanEffect::Start { date, opened } => {
            saved_edit(p::start_plan(store, date, Some(&opened), now)?, |()| {
                let day = date.format("%a %-d %b %Y");
                (format!("The plan starts on {day}."), None)
            })
        }
        PlanEffect::AddGoal { fields, links } => {
            let g = p::add_goal_linked(store, fields, &links, now)?;
            saved(format!("Added goal \"{}\".", g.fields.title), None)
        }
        PlanEffect::UpdateGoal {
            id,
            fields,
            opened,
            links,
        } => saved_edit(
            p::update_goal_linked(store, id, fields, Some(&opened), &links, now)?,
            |g| (format!("Saved goal \"{}\".", g.fields.title), None),
        ),
        PlanEffect::DeleteGoal(id, opened) => {
            let g = p::delete_goal(store, id, Some(&opened))?;
            saved(format!("Deleted goal \"{}\".", g.fields.title), None)
        }
        PlanEffect::Checkin {
            id,
            progress,
            confidence,
            note,
            opened,
        } => {
            let g = p::checkin(store, id, progress, confidence, &note, Some(&opened), now)?;
            saved(
                format!("Checked in \"{}\": {}%.", g.fields.title, g.fields.progress),
                None,
            )
        }
        PlanEffect::RollOver(id) => {
            let g = p::roll_over(store, id, now)?;
            let phase = crate::domain::plan::phase_label(g.fields.phase);
            saved(
                format!("Rolled \"{}\" over to {phase}.", g.fields.title),
                None,
            )
        }
    })
}
