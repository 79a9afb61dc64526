//! The radar as a place to work: `r` moves the keys into it (its own keymap context), `v` shows
//! it on the whole pane, `Enter` opens the selected item where it is dealt with (an action on
//! its person's page, a risk in its review form, a goal in its check-in, a lapsed 1:1 in the
//! prep view) and `x` marks an action done.

use crate::domain::agenda::{RadarItem, RadarKind};
use crate::tui::action::Action;
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, READ_ONLY, Request, Target, done, error, info, run};

use super::agenda::AgendaPane;
use super::person::PeopleView;

/// Rows `PgDn` and `PgUp` move in the radar.
const PAGE: usize = 10;

/// Said when `Enter` is pressed on an action that is nobody's: it has no page to open.
pub const NOBODYS_ACTION: &str = "This action is not tied to a person: x marks it done.";

/// Said when `x` is pressed on a radar item that is not an action.
pub const ONLY_ACTIONS: &str = "x marks actions done; Enter opens this where it is dealt with.";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RadarFocus {
    /// The keys go to the radar.
    pub focused: bool,
    /// The radar fills the pane.
    pub full: bool,
    /// The selected item.
    pub selected: usize,
}

impl RadarFocus {
    /// Keeps the selection on the list after it reloads with `len` items.
    pub fn keep_in(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }
}

impl AgendaPane {
    /// What the radar lists: everything that needs attention.
    pub fn radar_items(&self) -> &[RadarItem] {
        self.data.as_ref().map_or(&[], |a| a.radar.as_slice())
    }

    pub(super) fn on_radar_action(
        &mut self,
        action: Action,
        ctx: &Ctx<'_>,
    ) -> Option<Vec<Request>> {
        let last = self.radar_items().len().saturating_sub(1);
        let at = &mut self.radar.selected;
        match action {
            Action::Back | Action::Radar => {
                self.radar.focused = false;
                self.radar.full = false;
            }
            Action::RadarFull => self.radar.full = !self.radar.full,
            Action::Down => *at = (*at + 1).min(last),
            Action::Up => *at = at.saturating_sub(1),
            Action::PageDown => *at = (*at + PAGE).min(last),
            Action::PageUp => *at = at.saturating_sub(PAGE),
            Action::Top => *at = 0,
            Action::Bottom => *at = last,
            Action::Open => {
                let item = self.radar_items().get(self.radar.selected)?;
                return match radar_target(item, ctx.read_only) {
                    Some(target) => Some(vec![Request::Show(target)]),
                    None => info(NOBODYS_ACTION),
                };
            }
            Action::MarkDone => {
                let item = self.radar_items().get(self.radar.selected)?;
                return match item.kind {
                    RadarKind::OverdueAction | RadarKind::ActionDueSoon if ctx.read_only => {
                        error(READ_ONLY)
                    }
                    RadarKind::OverdueAction | RadarKind::ActionDueSoon => {
                        run(Effect::OneOnOnes(OneOnOneEffect::SetActionDone {
                            id: item.id,
                            done: true,
                            opened: None,
                        }))
                    }
                    _ => info(ONLY_ACTIONS),
                };
            }
            _ => return None,
        }
        done()
    }
}

/// Where a radar item is dealt with; None for an action tied to nobody (it has no page). On a
/// read-only database a risk or goal opens without its form.
pub fn radar_target(item: &RadarItem, read_only: bool) -> Option<Target> {
    let risk = matches!(
        item.kind,
        RadarKind::AcceptanceExpired | RadarKind::OverdueReview | RadarKind::ReviewDueSoon
    );
    Some(match item.kind {
        RadarKind::OverdueAction | RadarKind::ActionDueSoon => {
            Target::Person(item.person_id?, PeopleView::Detail)
        }
        _ if risk && read_only => Target::Risk(item.id),
        _ if risk => Target::RiskReview(item.id),
        RadarKind::GoalBehind if read_only => Target::Goal(item.id),
        RadarKind::GoalBehind => Target::GoalCheckin(item.id),
        RadarKind::DecisionPending => Target::Decision(item.id),
        RadarKind::MetricOffTarget | RadarKind::MetricMissing => Target::Metric(item.id),
        _ => Target::Person(item.id, PeopleView::Prep),
    })
}
