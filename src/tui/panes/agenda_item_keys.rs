//! What the keys do to the selected row of the agenda: `Enter` opens an item where it is dealt
//! with (a 1:1 its prep, a meeting its notes, a risk review the review form, a goal its
//! check-in, an action its person's page), `x` marks held or done, `s` skips, `m` moves.

use chrono::NaiveDateTime;

use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::ritual::OccurrenceStatus;
use crate::ops::rituals::Slot;
use crate::tui::action::Action;
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::effects::rituals::RitualsEffect;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, READ_ONLY, Request, Target, done, error, info, run};

use super::agenda::{AgendaPane, CALENDAR_READ_ONLY};
use super::agenda_forms::move_form;
use super::agenda_rows::DayRow;
use super::person::PeopleView;

/// Said when `x` is pressed on a folded group.
pub const UNFOLD_FIRST: &str = "Enter unfolds the group; then x marks one item at a time.";

impl AgendaPane {
    pub(super) fn on_selected(&self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        let row = self.selected_row(ctx.today());
        if let Some(DayRow::Group { .. }) = row {
            return match action {
                Action::MarkDone => info(UNFOLD_FIRST),
                Action::Skip | Action::Move => done(),
                _ => None,
            };
        }
        let item = row.and_then(|r| r.item()).cloned();
        let kind = item.as_ref().map(|i| i.kind);
        match action {
            Action::Open | Action::MarkDone | Action::Skip | Action::Move
                if kind == Some(ItemKind::Calendar) =>
            {
                info(CALENDAR_READ_ONLY)
            }
            // Due items open in their own tabs, read-only databases included (there the form
            // that writes is left out).
            Action::Open if kind.is_some_and(|k| !k.is_meeting()) => {
                let item = item?;
                Some(match due_item_target(&item, ctx.read_only) {
                    Some(target) => vec![Request::Show(target)],
                    None => vec![Request::Info(format!(
                        "{}: {} (due {}); x marks it done.",
                        kind_label(item.kind),
                        item.title,
                        item.date.format("%a %-d %b")
                    ))],
                })
            }
            Action::Open | Action::MarkDone | Action::Skip | Action::Move if ctx.read_only => {
                error(READ_ONLY)
            }
            Action::Open => match item {
                Some(AgendaItem {
                    kind: ItemKind::OneOnOne,
                    person_id: Some(person),
                    ..
                }) => Some(vec![Request::Show(super::person::prep_target(
                    person,
                    item.as_ref(),
                ))]),
                Some(item) => run(Effect::Rituals(RitualsEffect::LoadOccurrence(item))),
                None => done(),
            },
            Action::MarkDone => match item {
                Some(item) if item.kind.is_meeting() => Some(toggle(&item, OccurrenceStatus::Held)),
                Some(item) if item.kind == ItemKind::ActionDue => {
                    run(Effect::OneOnOnes(OneOnOneEffect::SetActionDone {
                        id: item.id,
                        done: !item.done,
                        opened: None,
                    }))
                }
                Some(_) => {
                    info("Enter opens it where it is done: a goal's check-in, a risk's review.")
                }
                None => done(),
            },
            Action::Skip => match item {
                Some(item) if item.kind.is_meeting() => {
                    Some(toggle(&item, OccurrenceStatus::Skipped))
                }
                _ => done(),
            },
            Action::Move => Some(
                item.filter(|i| i.kind.is_meeting())
                    .and_then(move_form)
                    .into_iter()
                    .collect(),
            ),
            _ => None,
        }
    }
}

/// Where a due item is dealt with: a risk review in the review form, a goal in its check-in
/// (on a read-only database: the risk or goal itself), an action on its person's page. None
/// for an action that belongs to nobody.
pub fn due_item_target(item: &AgendaItem, read_only: bool) -> Option<Target> {
    Some(match (item.kind, read_only) {
        (ItemKind::RiskReview, false) => Target::RiskReview(item.id),
        (ItemKind::RiskReview, true) => Target::Risk(item.id),
        (ItemKind::GoalDue, false) => Target::GoalCheckin(item.id),
        (ItemKind::GoalDue, true) => Target::Goal(item.id),
        // "Log metrics" opens the scorecard on the first number still to enter.
        (ItemKind::MetricsDue, _) => Target::Metric(item.id),
        _ => Target::Person(item.person_id?, PeopleView::Detail),
    })
}

/// A meeting item's original start (its identity) and where and whether it happens, as shown.
pub fn slot(item: &AgendaItem) -> Option<(NaiveDateTime, Slot)> {
    let original = item.occurrence?;
    Some((
        original,
        Slot {
            start: item.starts_at(),
            status: item.status.unwrap_or(OccurrenceStatus::Scheduled),
        },
    ))
}

/// Sets `status`, or returns the occurrence to scheduled when it already has it.
fn toggle(item: &AgendaItem, status: OccurrenceStatus) -> Vec<Request> {
    let Some((original, shown)) = slot(item) else {
        return Vec::new();
    };
    let status = if shown.status == status {
        OccurrenceStatus::Scheduled
    } else {
        status
    };
    vec![Request::Run(Effect::Rituals(
        RitualsEffect::SetOccurrenceStatus {
            ritual: item.id,
            original,
            status,
            shown,
        },
    ))]
}

pub fn kind_label(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Ritual => "Meeting",
        ItemKind::OneOnOne => "1:1",
        ItemKind::GoalDue => "Goal",
        ItemKind::ActionDue => "Action",
        ItemKind::RiskReview => "Risk review",
        ItemKind::Calendar => "Calendar",
        ItemKind::MetricsDue => "Metrics",
    }
}
