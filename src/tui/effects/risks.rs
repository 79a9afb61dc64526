//! The risk register: add, edit, review, delete.

use super::{Env, saved, saved_edit};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::risk::{RiskDraft, RiskFields, RiskStatus};
use crate::ops::links::LinkChanges;
use crate::ops::risks::{RiskReview, SavedRisk};
use crate::ops::{self, OpsError};
use crate::store::Store;
use crate::tui::msg::Msg;
use crate::tui::pane::Target;
use crate::tui::panes::risks::RisksMsg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RisksEffect {
    Load,
    /// The links of risk `id`, for its detail.
    Links(i64),
    Add {
        draft: RiskDraft,
        links: Box<LinkChanges>,
    },
    Update {
        id: i64,
        draft: Box<RiskDraft>,
        opened: Box<RiskFields>,
        links: Box<LinkChanges>,
    },
    Review {
        id: i64,
        review: RiskReview,
        opened: Box<RiskFields>,
    },
    /// The risk, and its fields as the confirmation showed them.
    Delete(i64, Box<RiskFields>),
}

pub(super) fn run(store: &mut Store, effect: RisksEffect, env: &Env) -> Result<Msg, OpsError> {
    use ops::risks as r;
    let (now, intervals) = (env.now, &env.intervals);
    Ok(match effect {
        RisksEffect::Load => Msg::Risks(RisksMsg::Loaded(r::list_risks(store)?)),
        RisksEffect::Links(id) => {
            let links = ops::links::links_of(store, ObjectRef::new(LinkKind::Risk, id))?;
            Msg::Risks(RisksMsg::Links(id, links))
        }
        RisksEffect::Add { draft, links } => {
            let added = r::add_risk_linked(store, draft, &links, intervals, now)?;
            let (message, select) = message("Added", &added);
            saved(message, select)
        }
        RisksEffect::Update {
            id,
            draft,
            opened,
            links,
        } => saved_edit(
            r::update_risk_with(
                store,
                id,
                r::RiskEdit {
                    draft: *draft,
                    note: "",
                    links: &links,
                },
                Some(&opened),
                intervals,
                now,
            )?,
            |outcome| message("Saved", &outcome),
        ),
        RisksEffect::Review { id, review, opened } => {
            let outcome = r::review_risk(store, id, review, Some(&opened), intervals, now)?;
            let (message, select) = message("Reviewed", &outcome);
            saved(message, select)
        }
        RisksEffect::Delete(id, opened) => {
            let risk = r::delete_risk(store, id, Some(&opened))?;
            saved(
                format!("Deleted risk {} and its score history.", risk.id),
                None,
            )
        }
    })
}

/// "Added risk 3: 12 high ↑, next review Mon 7 Dec." with any warning after it.
fn message(verb: &str, outcome: &SavedRisk) -> (String, Option<Target>) {
    let r = &outcome.risk;
    let f = &r.fields;
    let review = f
        .next_review
        .filter(|_| f.status != RiskStatus::Closed)
        .map(|d| format!(", next review {}", d.format("%a %-d %b")))
        .unwrap_or_default();
    let mut message = format!(
        "{verb} risk {}: {} {} {}{review}.",
        r.id,
        f.score.value(),
        f.score.band(),
        r.trend().arrow()
    );
    if let Some(warning) = outcome.warnings.first() {
        message.push_str(&format!(" Note: {warning}."));
    }
    (message, Some(Target::Risk(r.id)))
}
