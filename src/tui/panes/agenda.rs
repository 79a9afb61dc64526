//! The agenda (home tab): a week of meetings and due dates, a day and an item selected, and the
//! keys that act on the selected meeting.

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Invalid;
use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus};
use crate::ops::agenda::Agenda;
use crate::ops::rituals::Slot;
use crate::schedule::agenda::week_floor;
use crate::tui::action::Action;
use crate::tui::effects::agenda::AgendaEffect;
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::effects::rituals::RitualsEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Pane, READ_ONLY, Request, Submit, Target, done, error, info, run};
use crate::tui::widgets::form::Form;

use super::agenda_forms::{jump_form, move_form, occurrence_form};
use super::person::PeopleView;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaPane {
    /// First day shown; None until the first load.
    pub from: Option<NaiveDate>,
    pub day: Option<NaiveDate>,
    /// Index of the selected item within the selected day.
    pub item: usize,
    pub data: Option<Agenda>,
    /// The next meeting from now, for the status bar.
    pub next: Option<AgendaItem>,
}

#[derive(Debug, Clone)]
pub enum AgendaMsg {
    Loaded {
        agenda: Agenda,
        next: Option<AgendaItem>,
        /// False: only the days were loaded; the radar and the next meeting stay as they were.
        with_radar: bool,
    },
    /// A meeting's stored state, to open its notes form.
    OccurrenceLoaded {
        item: AgendaItem,
        record: OccurrenceRecord,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaForm {
    /// Notes, decisions and state of the meeting `item` shows.
    Occurrence {
        item: Box<AgendaItem>,
        opened: Box<OccurrenceRecord>,
    },
    /// Moving the meeting `item` shows, from where it showed it.
    Move(Box<AgendaItem>),
    JumpToDate,
}

pub const DAYS: u32 = 7;

pub const CALENDAR_READ_ONLY: &str =
    "Calendar events are read-only; change them in your calendar and import it again.";

impl AgendaPane {
    pub fn items_on(&self, day: NaiveDate) -> Vec<&AgendaItem> {
        self.data
            .iter()
            .flat_map(|a| a.items.iter())
            .filter(|i| i.date == day)
            .collect()
    }

    pub fn selected_day(&self, today: NaiveDate) -> NaiveDate {
        self.day.unwrap_or(today)
    }

    pub fn selected(&self, today: NaiveDate) -> Option<&AgendaItem> {
        self.items_on(self.selected_day(today))
            .get(self.item)
            .copied()
    }

    /// After a reload the same day stays selected, and the item index stays in range.
    /// `with_radar` false: `agenda` holds only the days; the radar and next meeting are kept.
    pub fn set_data(
        &mut self,
        mut agenda: Agenda,
        next: Option<AgendaItem>,
        with_radar: bool,
        today: NaiveDate,
    ) {
        self.from = Some(agenda.from);
        if with_radar {
            self.next = next;
        } else if let Some(old) = self.data.take() {
            agenda.radar = old.radar;
        }
        self.data = Some(agenda);
        let count = self.items_on(self.selected_day(today)).len();
        self.item = self.item.min(count.saturating_sub(1));
    }

    pub fn on_msg(&mut self, msg: AgendaMsg, ctx: &Ctx<'_>) -> Vec<Request> {
        match msg {
            AgendaMsg::Loaded {
                agenda,
                next,
                with_radar,
            } => {
                self.set_data(agenda, next, with_radar, ctx.today());
                Vec::new()
            }
            AgendaMsg::OccurrenceLoaded { item, record } => {
                occurrence_form(item, record, ctx).into_iter().collect()
            }
        }
    }

    /// The clock moved on: at midnight the agenda follows today unless the user is looking
    /// elsewhere; every minute the next meeting and the radar move on with it.
    pub fn on_tick(&mut self, before: NaiveDateTime, now: NaiveDateTime, ctx: &Ctx<'_>) -> Effect {
        let new_day = now.date() != before.date();
        let was_today = self.day.is_none_or(|d| d == before.date());
        if new_day && was_today {
            self.day = Some(now.date());
            self.from = None;
        }
        self.reload_week(ctx)
    }

    /// The effect that loads the week containing `day` (only its days: moving through weeks
    /// keeps the radar and the next meeting).
    fn load_week(&self, day: NaiveDate, ctx: &Ctx<'_>) -> Effect {
        Effect::Agenda(AgendaEffect::Load {
            from: week_floor(day, ctx.week_start),
            days: DAYS,
            with_radar: self.data.is_none(),
        })
    }

    /// Loads the week shown now (today's on first use) with the radar and the next meeting:
    /// after changes, and as the clock moves.
    pub fn reload_week(&self, ctx: &Ctx<'_>) -> Effect {
        Effect::Agenda(AgendaEffect::Load {
            from: self
                .from
                .unwrap_or_else(|| week_floor(ctx.today(), ctx.week_start)),
            days: DAYS,
            with_radar: true,
        })
    }

    fn go_to(&mut self, day: NaiveDate, ctx: &Ctx<'_>) -> Vec<Request> {
        self.day = Some(day);
        self.item = 0;
        let inside = self
            .from
            .is_some_and(|from| day >= from && day < from + Duration::days(i64::from(DAYS)));
        if inside {
            Vec::new()
        } else {
            vec![Request::Run(self.load_week(day, ctx))]
        }
    }

    /// The meeting `item` shows, in the agenda as it is now (it may have moved to another day).
    pub fn current_item(&self, item: &AgendaItem) -> Option<AgendaItem> {
        self.data
            .as_ref()?
            .items
            .iter()
            .find(|i| i.kind == item.kind && i.id == item.id && i.occurrence == item.occurrence)
            .cloned()
    }

    pub fn submit(
        &mut self,
        form: &Form,
        which: &AgendaForm,
        ctx: &Ctx<'_>,
    ) -> Result<Submit, Invalid> {
        let today = ctx.today();
        Ok(match which {
            AgendaForm::Occurrence { opened, .. } => {
                let status = match form.choice_index("status") {
                    1 => OccurrenceStatus::Held,
                    2 => OccurrenceStatus::Skipped,
                    _ => OccurrenceStatus::Scheduled,
                };
                Submit::Save(Effect::Rituals(RitualsEffect::SaveOccurrence {
                    ritual: opened.ritual_id,
                    original: opened.original_start,
                    notes: form.value("notes"),
                    decisions: form.value("decisions"),
                    status,
                    opened: opened.clone(),
                }))
            }
            AgendaForm::Move(item) => {
                let date = form.date_value("date", today)?.unwrap_or(today);
                let to = date.and_time(form.time_value("time")?);
                let Some((original, opened)) = slot(item) else {
                    return Err(Invalid::new("this item is not a meeting"));
                };
                Submit::Save(Effect::Rituals(RitualsEffect::MoveOccurrence {
                    ritual: item.id,
                    original,
                    to,
                    opened,
                }))
            }
            AgendaForm::JumpToDate => {
                let date = form.date_value("date", today)?.unwrap_or(today);
                Submit::Done(vec![Request::Show(Target::Day(date))])
            }
        })
    }

    /// Ctrl-L after a refusal: the form again, on the meeting as it is now (none: it is gone).
    pub fn reopen(&self, form: Form, which: AgendaForm) -> Vec<Request> {
        match which {
            // A meeting's notes are not kept in the pane: load them; this form stays until
            // they arrive and replace it.
            AgendaForm::Occurrence { item, opened } => {
                let current = self.current_item(&item).unwrap_or_else(|| (*item).clone());
                vec![
                    Request::Form(
                        Box::new(form),
                        crate::tui::model::FormPurpose::Agenda(AgendaForm::Occurrence {
                            item,
                            opened,
                        }),
                    ),
                    Request::Run(Effect::Rituals(RitualsEffect::LoadOccurrence(current))),
                ]
            }
            AgendaForm::Move(item) => self
                .current_item(&item)
                .and_then(move_form)
                .into_iter()
                .collect(),
            AgendaForm::JumpToDate => vec![jump_form()],
        }
    }

    fn on_selected(&self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        let item = self.selected(ctx.today()).cloned();
        let kind = item.as_ref().map(|i| i.kind);
        match action {
            Action::Open | Action::MarkDone | Action::Skip | Action::Move
                if kind == Some(ItemKind::Calendar) =>
            {
                info(CALENDAR_READ_ONLY)
            }
            // A risk review opens the risk in its tab, read-only databases included.
            Action::Open if kind == Some(ItemKind::RiskReview) => {
                let id = item.map(|i| i.id)?;
                Some(vec![Request::Show(Target::Risk(id))])
            }
            // "Log metrics" opens the scorecard on the first number still to enter.
            Action::Open if kind == Some(ItemKind::MetricsDue) => {
                let id = item.map(|i| i.id)?;
                Some(vec![Request::Show(Target::Metric(id))])
            }
            Action::Open | Action::MarkDone | Action::Skip | Action::Move if ctx.read_only => {
                error(READ_ONLY)
            }
            Action::Open => match item {
                Some(AgendaItem {
                    kind: ItemKind::OneOnOne,
                    person_id: Some(person),
                    ..
                }) => Some(vec![Request::Show(Target::Person(
                    person,
                    PeopleView::Prep,
                ))]),
                Some(item) if item.kind.is_meeting() => {
                    run(Effect::Rituals(RitualsEffect::LoadOccurrence(item)))
                }
                Some(item) => info(format!(
                    "{}: {} (due {})",
                    kind_label(item.kind),
                    item.title,
                    item.date.format("%a %-d %b")
                )),
                None => done(),
            },
            Action::MarkDone => match item {
                Some(item) if item.kind.is_meeting() => Some(toggle(&item, OccurrenceStatus::Held)),
                Some(item) if item.kind == ItemKind::ActionDue => {
                    run(Effect::OneOnOnes(OneOnOneEffect::SetActionDone {
                        id: item.id,
                        done: !item.done,
                    }))
                }
                Some(_) => info("Goals and risk reviews are updated in their own tabs (2 and 5)."),
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

/// The start the form for a new meeting offers: today, the next whole hour if the working day
/// still has one; otherwise an hour into the working day.
fn default_start(ctx: &Ctx<'_>, day: NaiveDate) -> NaiveDateTime {
    let now = ctx.now;
    let (open, close) = ctx.working_hours;
    let next_hour = day.and_hms_opt(now.hour() + 1, 0, 0);
    match next_hour {
        Some(t) if day == now.date() && t.time() >= open && t.time() < close => t,
        _ => day.and_time(open) + Duration::hours(1),
    }
}

impl Pane for AgendaPane {
    fn context(&self) -> KeyContext {
        KeyContext::Agenda
    }

    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        let today = ctx.today();
        let day = self.selected_day(today);
        Some(match action {
            Action::PrevDay => self.go_to(day - Duration::days(1), ctx),
            Action::NextDay => self.go_to(day + Duration::days(1), ctx),
            Action::PrevWeek => self.go_to(day - Duration::days(7), ctx),
            Action::NextWeek => self.go_to(day + Duration::days(7), ctx),
            Action::Today => self.go_to(today, ctx),
            Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp => {
                let last = self.items_on(day).len().saturating_sub(1);
                let item = &mut self.item;
                *item = match action {
                    Action::Down => (*item + 1).min(last),
                    Action::Up => item.saturating_sub(1),
                    Action::Top | Action::PageUp => 0,
                    _ => last,
                };
                Vec::new()
            }
            Action::JumpToDate => vec![jump_form()],
            Action::AddMeeting if ctx.read_only => return error(READ_ONLY),
            Action::AddMeeting => vec![super::rituals::add_form(default_start(ctx, day), ctx)],
            other => return self.on_selected(other, ctx),
        })
    }

    fn reload(&self, ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![self.reload_week(ctx)]
    }

    fn show(&mut self, target: Target, ctx: &Ctx<'_>) -> Vec<Request> {
        match target {
            Target::Day(day) => self.go_to(day, ctx),
            _ => Vec::new(),
        }
    }

    fn select(&mut self, _target: Target) {}

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        super::agenda_view::render(frame, area, self, ctx);
    }
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
        ItemKind::MetricsDue => "Scorecard",
    }
}
