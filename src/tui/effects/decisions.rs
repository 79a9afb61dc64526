//! The decision log: load, add (or supersede), edit, change status, delete.

use super::{Env, saved, saved_edit};
use crate::domain::decision::{Decision as Record, DecisionStatus};
use crate::ops::OpsError;
use crate::ops::decisions::{self, DecisionInput};
use crate::ops::objects::Object;
use crate::ops::objects::decision::{Decision, DecisionFilter};
use crate::store::Store;
use crate::tui::msg::Msg;
use crate::tui::pane::Target;
use crate::tui::panes::decisions::DecisionsMsg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionsEffect {
    Load,
    /// A new decision; with `supersedes`, it replaces that one.
    Add {
        input: Box<DecisionInput>,
        supersedes: Option<i64>,
    },
    Update {
        id: i64,
        input: Box<DecisionInput>,
        opened: Box<Record>,
    },
    SetStatus {
        id: i64,
        status: DecisionStatus,
        opened: Box<Record>,
    },
    /// The decision, and its fields as the confirmation showed them.
    Delete(i64, Box<Record>),
}

pub(super) fn run(store: &mut Store, effect: DecisionsEffect, env: &Env) -> Result<Msg, OpsError> {
    let now = env.now;
    Ok(match effect {
        DecisionsEffect::Load => Msg::Decisions(DecisionsMsg::Loaded(Decision::list(
            store,
            &DecisionFilter::default(),
            now,
        )?)),
        DecisionsEffect::Add { input, supersedes } => {
            let d = decisions::add_decision(store, *input, supersedes, now)?;
            let replaced = supersedes
                .map(|old| format!("; decision {old} is superseded by it"))
                .unwrap_or_default();
            saved(
                format!("Added decision {} ({}){replaced}.", d.id, d.fields.status),
                Some(Target::Decision(d.id)),
            )
        }
        DecisionsEffect::Update { id, input, opened } => saved_edit(
            decisions::update_decision(store, id, *input, Some(&opened), now)?,
            |d| {
                (
                    format!("Saved decision {}.", d.id),
                    Some(Target::Decision(d.id)),
                )
            },
        ),
        DecisionsEffect::SetStatus { id, status, opened } => saved_edit(
            decisions::set_status(store, id, status, Some(&opened), now)?,
            |d| {
                (
                    format!("Decision {} is {} now.", d.id, d.fields.status),
                    Some(Target::Decision(d.id)),
                )
            },
        ),
        DecisionsEffect::Delete(id, opened) => {
            let d = decisions::delete_decision(store, id, Some(&opened))?;
            saved(format!("Deleted decision {}.", d.id), None)
        }
    })
}
