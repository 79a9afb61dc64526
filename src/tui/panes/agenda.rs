//! The agenda (home tab): a week of meetings and due dates, a day and a row selected, the keys
//! that act on the selected meeting, and the radar beside it (`agenda_radar.rs`).

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::BTreeSet;

use crate::domain::Invalid;
use crate::domain::agenda::{AgendaItem, AgendaView};
use crate::domain::ritual::OccurrenceRecord;
use crate::ops::agenda::Agenda;
use crate::schedule::agenda::{home_from, week_floor};
use crate::tui::action::Action;
use crate::tui::effects::agenda::AgendaEffect;
use crate::tui::effects::rituals::RitualsEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Pane, READ_ONLY, Request, Submit, Target, error};
use crate::tui::widgets::form::Form;

use super::agenda_forms::{jump_form, move_form, occurrence_form};
use super::agenda_item_keys::slot;
use super::agenda_kept::{Kept, Neighbours};
use super::agenda_radar::RadarFocus;
use super::agenda_rows::{DayRow, GroupKey, day_rows};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgendaPane {
    /// First day shown; None until the first load.
    pub from: Option<NaiveDate>,
    pub day: Option<NaiveDate>,
    /// Index of the selected row within the selected day (see `agenda_rows`).
    pub item: usize,
    pub data: Option<Agenda>,
    /// The store's `data_version` before `data` was read; `None` once this cockpit changed
    /// anything since (it is loaded again). Moving on keeps the days left with it, beside the
    /// new ones, checked like any days read ahead when shown again.
    pub read_at: Option<i64>,
    /// The next meeting from now, for the status bar.
    pub next: Option<AgendaItem>,
    /// The groups of due items the user unfolded with `Enter`.
    pub unfolded: BTreeSet<GroupKey>,
    /// What the agenda opens on (the config's `agenda_view`).
    pub view_mode: AgendaView,
    /// The radar strip's selection, and whether the keys go to it.
    pub radar: RadarFocus,
    /// A meeting to select (its series) once the days holding it are loaded: one opened from
    /// search.
    pub wanted: Option<i64>,
    /// The days before and after the ones shown, read ahead (see `agenda_kept`).
    pub kept: Neighbours,
}

#[derive(Debug, Clone)]
pub enum AgendaMsg {
    Loaded {
        agenda: Agenda,
        next: Option<AgendaItem>,
        /// False: only the days were loaded; the radar and the next meeting stay as they were.
        with_radar: bool,
        /// The store's `data_version` before the read.
        read_at: i64,
    },
    /// The next meeting from now, alone (the one shown has started).
    NextLoaded(Option<AgendaItem>),
    /// Days beside the ones shown, read ahead at `read_at` (the store's `data_version`).
    Kept { agenda: Agenda, read_at: i64 },
    /// The kept days now shown were still current: nothing to do.
    Current,
    /// A meeting's stored state, to open its notes form.
    OccurrenceLoaded {
        item: AgendaItem,
        record: Box<OccurrenceRecord>,
        /// The series' agenda, to tick off.
        checklist: Vec<String>,
        /// The meeting's links (none before its first save), for the Links field.
        links: Vec<crate::ops::links::Linked>,
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

    /// The rows the day lists: meetings, then due items by kind, folded when many.
    pub fn rows_on(&self, day: NaiveDate) -> Vec<DayRow<'_>> {
        day_rows(&self.items_on(day), &self.unfolded)
    }

    /// Whether `day` is among the days shown.
    fn shows(&self, day: NaiveDate) -> bool {
        self.from
            .is_some_and(|from| day >= from && day < from + Duration::days(i64::from(DAYS)))
    }

    /// The selected day: the one chosen (today until then), or the first day shown when that is
    /// not among them (the home view opened on the coming week).
    pub fn selected_day(&self, today: NaiveDate) -> NaiveDate {
        let day = self.day.unwrap_or(today);
        match self.from {
            Some(from) if !self.shows(day) && self.data.is_some() => from,
            _ => day,
        }
    }

    pub fn selected_row(&self, today: NaiveDate) -> Option<DayRow<'_>> {
        self.rows_on(self.selected_day(today))
            .get(self.item)
            .copied()
    }

    /// The selected item, unless the selected row is a group.
    pub fn selected(&self, today: NaiveDate) -> Option<&AgendaItem> {
        self.selected_row(today).and_then(|r| r.item())
    }

    /// After a reload the same day stays selected, and the row index stays in range. The first
    /// load, on today, selects its next meeting.
    /// `with_radar` false: `agenda` holds only the days; the radar and next meeting are kept.
    pub fn set_data(
        &mut self,
        mut agenda: Agenda,
        next: Option<AgendaItem>,
        with_radar: bool,
        now: NaiveDateTime,
    ) {
        let today = now.date();
        self.from = Some(agenda.from);
        if with_radar {
            self.next = next;
        } else if let Some(old) = self.data.take() {
            agenda.radar = old.radar;
        }
        self.radar.keep_in(agenda.radar.len());
        let first = self.data.is_none();
        self.data = Some(agenda);
        let day = self.selected_day(today);
        let rows = self.rows_on(day);
        let count = rows.len();
        // Opened on today: on the first meeting that has not ended.
        let next = rows.iter().position(|r| {
            r.item()
                .and_then(|i| i.ends_at())
                .is_some_and(|end| end > now)
        });
        if first && self.day.is_none() {
            self.item = next.unwrap_or(0);
        }
        self.item = self.item.min(count.saturating_sub(1));
        self.select_wanted();
    }

    /// Selects the meeting of the series asked for on the selected day, once it is shown.
    fn select_wanted(&mut self) {
        let (Some(ritual), Some(day)) = (self.wanted, self.day) else {
            return;
        };
        if !self.shows(day) || self.data.is_none() {
            return;
        }
        let found = self.rows_on(day).iter().position(|r| {
            r.item()
                .is_some_and(|i| i.kind.is_meeting() && i.id == ritual)
        });
        if let Some(row) = found {
            self.item = row;
        }
        self.wanted = None;
    }

    pub fn on_msg(&mut self, msg: AgendaMsg, ctx: &Ctx<'_>) -> Vec<Request> {
        match msg {
            AgendaMsg::Loaded {
                agenda,
                next,
                with_radar,
                read_at,
            } => {
                self.set_data(agenda, next, with_radar, ctx.now);
                self.read_at = Some(read_at);
                self.read_ahead()
            }
            AgendaMsg::Kept { agenda, read_at } => {
                self.kept.keep(self.from, DAYS, Kept { agenda, read_at });
                Vec::new()
            }
            AgendaMsg::Current => Vec::new(),
            AgendaMsg::NextLoaded(next) => {
                self.next = next;
                Vec::new()
            }
            AgendaMsg::OccurrenceLoaded {
                item,
                record,
                checklist,
                links,
            } => occurrence_form(item, *record, &checklist, links, ctx)
                .into_iter()
                .collect(),
        }
    }

    /// A new day: the agenda follows today unless the user is looking elsewhere (the caller
    /// reloads every pane, since they all count in days).
    pub fn follow_new_day(&mut self, before: NaiveDate, today: NaiveDate) {
        if self.day.is_none_or(|d| d == before) {
            self.day = Some(today);
            self.from = None;
        }
    }

    /// A minute within the day: nothing is read again but the next meeting, once the one shown
    /// has started. The clock, the now-marker and the countdown are drawn from the model's
    /// `now`, so ten years of data cost nothing per minute.
    pub fn on_minute(&self, now: NaiveDateTime) -> Option<Effect> {
        self.next
            .as_ref()
            .is_some_and(|next| next.starts_at() < now)
            .then_some(Effect::Agenda(AgendaEffect::Next))
    }

    /// The effect that loads the days from `from` (only the days: moving through weeks keeps
    /// the radar and the next meeting).
    fn load_from(&self, from: NaiveDate) -> Effect {
        Effect::Agenda(AgendaEffect::Load {
            from,
            days: DAYS,
            with_radar: self.data.is_none(),
        })
    }

    /// The first day of the home view: today's week (or the coming one), or today.
    fn home(&self, ctx: &Ctx<'_>) -> NaiveDate {
        home_from(ctx.today(), ctx.week_start, self.view_mode)
    }

    /// The first day of a view that shows `day`: its week, or in the rolling view the days
    /// shown moved just far enough to hold it.
    fn first_day_showing(&self, day: NaiveDate, ctx: &Ctx<'_>) -> NaiveDate {
        let last = Duration::days(i64::from(DAYS) - 1);
        match (self.view_mode, self.from) {
            (AgendaView::Week, _) => week_floor(day, ctx.week_start),
            (AgendaView::Rolling, Some(from)) if self.shows(day) => from,
            (AgendaView::Rolling, Some(from)) if day > from => day - last,
            (AgendaView::Rolling, _) => day,
        }
    }

    /// Loads the days shown now (the home view on first use) with the radar and the next
    /// meeting: after changes, and as the clock moves.
    pub fn reload_week(&self, ctx: &Ctx<'_>) -> Effect {
        Effect::Agenda(AgendaEffect::Load {
            from: self.from.unwrap_or_else(|| self.home(ctx)),
            days: DAYS,
            with_radar: true,
        })
    }

    /// Asks for the days beside the ones shown that are not kept yet, to be read once the
    /// screen is redrawn and no key waits; what is not beside them any more is dropped.
    fn read_ahead(&mut self) -> Vec<Request> {
        let Some(from) = self.from.filter(|_| self.data.is_some()) else {
            return Vec::new();
        };
        self.kept.keep_beside(from, DAYS);
        self.kept
            .missing(from, DAYS)
            .into_iter()
            .map(|from| Request::Later(Effect::Agenda(AgendaEffect::Prefetch { from, days: DAYS })))
            .collect()
    }

    /// Selects `day` in the days from `from`: shown already, kept (or made of the days shown
    /// and those kept beside them: shown at once, checked against the store, and their own
    /// neighbours read ahead after the redraw), or loaded.
    fn go_to(&mut self, day: NaiveDate, from: NaiveDate, ctx: &Ctx<'_>) -> Vec<Request> {
        self.day = Some(day);
        self.item = 0;
        if self.from == Some(from) {
            return Vec::new();
        }
        let kept = self.kept.take(from).or_else(|| {
            let shown = self.data.as_ref()?;
            self.kept.spliced(shown, from, DAYS)
        });
        let Some(kept) = kept else {
            return vec![Request::Run(self.load_from(from))];
        };
        // The days left are kept beside, moved rather than copied (a week of ten years' data
        // holds hundreds of items); the radar stays with the pane, which `set_data` carries over.
        let left = self
            .data
            .as_mut()
            .map(|shown| Agenda {
                from: shown.from,
                days: shown.days,
                items: std::mem::take(&mut shown.items),
                radar: Vec::new(),
            })
            .zip(self.read_at);
        self.set_data(kept.agenda, None, false, ctx.now);
        self.read_at = Some(kept.read_at);
        if let Some((agenda, read_at)) = left {
            self.kept.keep(self.from, DAYS, Kept { agenda, read_at });
        }
        let verify = Effect::Agenda(AgendaEffect::Verify {
            from,
            days: DAYS,
            read_at: kept.read_at,
        });
        let mut requests = vec![Request::Run(verify)];
        requests.extend(self.read_ahead());
        requests
    }

    /// `j`/`k`: the next (or previous) row, on to the next day that has one.
    fn step(&mut self, forward: bool, today: NaiveDate) {
        let day = self.selected_day(today);
        let rows = self.rows_on(day).len();
        if forward && self.item + 1 < rows {
            self.item += 1;
        } else if !forward && self.item > 0 && rows > 0 {
            self.item = (self.item - 1).min(rows - 1);
        } else {
            self.jump_to_day_with_rows(day, forward, forward);
        }
    }

    /// Moves to the next (or previous) shown day that has rows, onto its first (or last) row;
    /// stays when there is none.
    fn jump_to_day_with_rows(&mut self, day: NaiveDate, forward: bool, first: bool) {
        let step = Duration::days(if forward { 1 } else { -1 });
        let mut d = day + step;
        while self.shows(d) {
            let rows = self.rows_on(d).len();
            if rows > 0 {
                self.day = Some(d);
                self.item = if first { 0 } else { rows - 1 };
                return;
            }
            d += step;
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
                Submit::Save(Effect::Rituals(RitualsEffect::SaveOccurrence {
                    ritual: opened.ritual_id,
                    original: opened.original_start,
                    write_up: super::meeting_form::write_up(form),
                    opened: opened.clone(),
                    links: Box::new(crate::tui::linkables::changes(form)?),
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
        if self.radar.focused {
            KeyContext::Radar
        } else {
            KeyContext::Agenda
        }
    }

    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if self.radar.focused {
            return self.on_radar_action(action, ctx);
        }
        let today = ctx.today();
        let day = self.selected_day(today);
        let week = Duration::days(7);
        let from = self.from.unwrap_or_else(|| self.home(ctx));
        Some(match action {
            Action::PrevDay => self.go_to(
                day - Duration::days(1),
                self.first_day_showing(day - Duration::days(1), ctx),
                ctx,
            ),
            Action::NextDay => self.go_to(
                day + Duration::days(1),
                self.first_day_showing(day + Duration::days(1), ctx),
                ctx,
            ),
            Action::PrevWeek | Action::NextWeek => {
                let week = if action == Action::NextWeek {
                    week
                } else {
                    -week
                };
                let to = match self.view_mode {
                    AgendaView::Rolling => from + week,
                    AgendaView::Week => self.first_day_showing(day + week, ctx),
                };
                // Another week opens at its first day; the home one, and the one that holds
                // today (on a weekend the home one is the coming week), at today.
                let home = self.home(ctx);
                let holds_today = (0..i64::from(DAYS)).any(|i| to + Duration::days(i) == today);
                self.go_to(if to == home || holds_today { today } else { to }, to, ctx)
            }
            Action::Today => {
                let home = self.home(ctx);
                self.go_to(today, home, ctx)
            }
            Action::Down | Action::Up => {
                self.step(action == Action::Down, today);
                Vec::new()
            }
            Action::PageDown | Action::PageUp => {
                self.jump_to_day_with_rows(day, action == Action::PageDown, true);
                Vec::new()
            }
            // The first and last rows of the days shown.
            Action::Top => {
                self.jump_to_day_with_rows(from - Duration::days(1), true, true);
                Vec::new()
            }
            Action::Bottom => {
                let after = from + Duration::days(i64::from(DAYS));
                self.jump_to_day_with_rows(after, false, false);
                Vec::new()
            }
            Action::Radar | Action::RadarFull => {
                self.radar.focused = true;
                self.radar.full = action == Action::RadarFull;
                Vec::new()
            }
            Action::JumpToDate => vec![jump_form()],
            Action::AddMeeting if ctx.read_only => return error(READ_ONLY),
            Action::AddMeeting => vec![super::rituals::add_form(default_start(ctx, day), ctx)],
            Action::Open => match self.selected_row(today) {
                Some(DayRow::Group { key, .. }) => {
                    if !self.unfolded.remove(&key) {
                        self.unfolded.insert(key);
                    }
                    Vec::new()
                }
                _ => return self.on_selected(action, ctx),
            },
            other => return self.on_selected(other, ctx),
        })
    }

    fn reload(&self, ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![self.reload_week(ctx)]
    }

    fn show(&mut self, target: Target, ctx: &Ctx<'_>) -> Vec<Request> {
        match target {
            Target::Day(day) => {
                let from = self.first_day_showing(day, ctx);
                self.go_to(day, from, ctx)
            }
            Target::Meeting(ritual, day) => {
                let from = self.first_day_showing(day, ctx);
                let load = self.go_to(day, from, ctx);
                self.wanted = Some(ritual);
                self.select_wanted();
                load
            }
            _ => Vec::new(),
        }
    }

    fn select(&mut self, _target: Target) {}

    fn forget_kept(&mut self) {
        self.kept.forget();
        self.read_at = None;
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        super::agenda_view::render(frame, area, self, ctx);
    }
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
