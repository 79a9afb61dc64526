//! The agenda (home tab): a week of meetings and due dates, a day and an item selected, and the
//! keys that act on the selected meeting.

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};

use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::ritual::OccurrenceStatus;
use crate::ops::agenda::Agenda;
use crate::ops::rituals::Slot;
use crate::schedule::agenda::week_floor;
use crate::tui::action::Action;
use crate::tui::model::{FormPurpose, Model, Overlay, Tab};
use crate::tui::msg::Effect;
use crate::tui::widgets::form::Form;

use super::ritual_form::ritual_form;

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
}

/// The effect that loads the week containing `day` (only its days: moving through weeks keeps
/// the radar and the next meeting).
pub fn load_week(model: &Model, day: NaiveDate) -> Effect {
    Effect::LoadAgenda {
        from: week_floor(day, model.week_start),
        days: DAYS,
        with_radar: model.agenda.data.is_none(),
    }
}

/// Loads the week shown now (today's on first use) with the radar and the next meeting: after
/// changes, and as the clock moves.
pub fn reload(model: &Model) -> Effect {
    Effect::LoadAgenda {
        from: model
            .agenda
            .from
            .unwrap_or_else(|| week_floor(model.today(), model.week_start)),
        days: DAYS,
        with_radar: true,
    }
}

fn go_to(model: &mut Model, day: NaiveDate) -> Vec<Effect> {
    let pane = &mut model.agenda;
    pane.day = Some(day);
    pane.item = 0;
    let inside = pane
        .from
        .is_some_and(|from| day >= from && day < from + Duration::days(i64::from(DAYS)));
    if inside {
        Vec::new()
    } else {
        vec![load_week(model, day)]
    }
}

/// The start the form for a new meeting offers: today, the next whole hour if the working day
/// still has one; otherwise an hour into the working day.
fn default_start(model: &Model, day: NaiveDate) -> chrono::NaiveDateTime {
    let now = model.now;
    let (open, close) = model.working_hours;
    let next_hour = day.and_hms_opt(now.hour() + 1, 0, 0);
    match next_hour {
        Some(t) if day == now.date() && t.time() >= open && t.time() < close => t,
        _ => day.and_time(open) + Duration::hours(1),
    }
}

pub fn on_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let today = model.today();
    let day = model.agenda.selected_day(today);
    match action {
        Action::PrevDay => go_to(model, day - Duration::days(1)),
        Action::NextDay => go_to(model, day + Duration::days(1)),
        Action::PrevWeek => go_to(model, day - Duration::days(7)),
        Action::NextWeek => go_to(model, day + Duration::days(7)),
        Action::Today => go_to(model, today),
        Action::Down
        | Action::Up
        | Action::Top
        | Action::Bottom
        | Action::PageDown
        | Action::PageUp => {
            let count = model.agenda.items_on(day).len();
            let last = count.saturating_sub(1);
            let item = &mut model.agenda.item;
            *item = match action {
                Action::Down => (*item + 1).min(last),
                Action::Up => item.saturating_sub(1),
                Action::Top | Action::PageUp => 0,
                _ => last,
            };
            Vec::new()
        }
        Action::JumpToDate => {
            let form = Form::new("Jump to date").date(
                "date",
                "Date",
                "",
                false,
                "2026-12-01, fri, next mon, +2w",
            );
            model.overlay = Some(Overlay::Form {
                form: Box::new(form),
                purpose: FormPurpose::JumpToDate,
            });
            Vec::new()
        }
        Action::AddMeeting if model.read_only => read_only(model),
        Action::AddMeeting => {
            let form = ritual_form(
                None,
                default_start(model, day),
                &model.people.rows,
                model.now,
            );
            model.overlay = Some(Overlay::Form {
                form: Box::new(form),
                purpose: FormPurpose::AddRitual,
            });
            Vec::new()
        }
        Action::Open | Action::MarkDone | Action::Skip | Action::Move
            if model
                .agenda
                .selected(today)
                .is_some_and(|i| i.kind == ItemKind::Calendar) =>
        {
            model.info(CALENDAR_READ_ONLY);
            Vec::new()
        }
        // A risk review opens the risk in its tab, read-only databases included.
        Action::Open
            if model
                .agenda
                .selected(today)
                .is_some_and(|i| i.kind == ItemKind::RiskReview) =>
        {
            if let Some(id) = model.agenda.selected(today).map(|i| i.id) {
                model.tab = Tab::Risks;
                model.risks.focus(id);
            }
            Vec::new()
        }
        Action::Open | Action::MarkDone | Action::Skip | Action::Move if model.read_only => {
            read_only(model)
        }
        Action::Open => match model.agenda.selected(today).cloned() {
            Some(AgendaItem {
                kind: ItemKind::OneOnOne,
                person_id: Some(person),
                ..
            }) => super::person::open(model, person, super::person::PeopleView::Prep),
            Some(item) if item.kind.is_meeting() => vec![Effect::LoadOccurrence(item)],
            Some(item) => {
                model.info(format!(
                    "{}: {} (due {})",
                    kind_label(item.kind),
                    item.title,
                    item.date.format("%a %-d %b")
                ));
                Vec::new()
            }
            None => Vec::new(),
        },
        Action::MarkDone => match model.agenda.selected(today).cloned() {
            Some(item) if item.kind.is_meeting() => toggle(item, OccurrenceStatus::Held),
            Some(item) if item.kind == ItemKind::ActionDue => vec![Effect::SetActionDone {
                id: item.id,
                done: !item.done,
            }],
            Some(_) => {
                model.info("Goals and risk reviews are updated in their own tabs (2 and 5).");
                Vec::new()
            }
            None => Vec::new(),
        },
        Action::Skip => match model.agenda.selected(today).cloned() {
            Some(item) if item.kind.is_meeting() => toggle(item, OccurrenceStatus::Skipped),
            _ => Vec::new(),
        },
        Action::Move => {
            if let Some(item) = model
                .agenda
                .selected(today)
                .cloned()
                .filter(|i| i.kind.is_meeting())
            {
                move_form(model, item);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn read_only(model: &mut Model) -> Vec<Effect> {
    model.error("This database is read-only: changes are disabled.");
    Vec::new()
}

/// Opens the form that moves the meeting `item` shows, from where it shows it.
pub fn move_form(model: &mut Model, item: AgendaItem) {
    let (Some(_), Some(start)) = (item.occurrence, item.start) else {
        return;
    };
    let form = Form::new(format!("Move {}", item.title))
        .date(
            "date",
            "New date",
            &item.date.format("%Y-%m-%d").to_string(),
            false,
            "2026-12-01, fri, +1d",
        )
        .time(
            "time",
            "New time",
            &start.format("%H:%M").to_string(),
            "14:30",
        );
    model.overlay = Some(Overlay::Form {
        form: Box::new(form),
        purpose: FormPurpose::MoveOccurrence(Box::new(item)),
    });
}

/// The meeting `item` shows, in the agenda as it is now (it may have moved to another day).
pub fn current_item(model: &Model, item: &AgendaItem) -> Option<AgendaItem> {
    model
        .agenda
        .data
        .as_ref()?
        .items
        .iter()
        .find(|i| i.kind == item.kind && i.id == item.id && i.occurrence == item.occurrence)
        .cloned()
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
fn toggle(item: AgendaItem, status: OccurrenceStatus) -> Vec<Effect> {
    let Some((original, shown)) = slot(&item) else {
        return Vec::new();
    };
    let status = if shown.status == status {
        OccurrenceStatus::Scheduled
    } else {
        status
    };
    vec![Effect::SetOccurrenceStatus {
        ritual: item.id,
        original,
        status,
        shown,
    }]
}

pub fn kind_label(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Ritual => "Meeting",
        ItemKind::OneOnOne => "1:1",
        ItemKind::GoalDue => "Goal",
        ItemKind::ActionDue => "Action",
        ItemKind::RiskReview => "Risk review",
        ItemKind::Calendar => "Calendar",
    }
}
