//! The contract between the model and its panes, and the registry of tabs.
//!
//! A pane owns its state. It sees the rest of the program only through a read-only [`Ctx`] (the
//! clock, the theme, the terminal's size, the people it may name) and asks for everything else
//! with [`Request`]s: run an effect, open a form or a question, show something in another pane,
//! say something in the status bar. No pane imports the model; the model holds the panes and
//! routes keys, messages, form submissions and requests between them.
//!
//! Adding a pane: a variant of [`Tab`] (the compiler then lists every `match` that must learn
//! it), its state implementing [`Pane`], its messages, effects and form purposes. See
//! ARCHITECTURE.md.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::model::FormPurpose;
use super::msg::Effect;
use super::panes::hit::ListRows;
use super::panes::person::PeopleView;
use super::theme::Theme;
use super::widgets::form::Form;
use crate::domain::link::ObjectRef;
use crate::ops::links::Linked;
use crate::ops::one_on_ones::OneOnOneMeeting;

/// The tabs, in the order the tab bar shows them: the registry every per-pane `match` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::VariantArray)]
pub enum Tab {
    Agenda,
    Plan,
    Rituals,
    People,
    Risks,
    Decisions,
    Scorecard,
}

impl Tab {
    pub const ALL: &'static [Tab] = <Tab as strum::VariantArray>::VARIANTS;

    pub fn title(self) -> &'static str {
        match self {
            Tab::Agenda => "Agenda",
            Tab::Plan => "Plan",
            Tab::Rituals => "Rituals",
            Tab::People => "1:1s",
            Tab::Risks => "Risks",
            Tab::Decisions => "Decisions",
            Tab::Scorecard => "Scorecard",
        }
    }

    /// The action that switches to this tab (`1`–`5` by default).
    pub fn action(self) -> Action {
        match self {
            Tab::Agenda => Action::TabAgenda,
            Tab::Plan => Action::TabPlan,
            Tab::Rituals => Action::TabRituals,
            Tab::People => Action::TabPeople,
            Tab::Risks => Action::TabRisks,
            Tab::Decisions => Action::TabDecisions,
            Tab::Scorecard => Action::TabScorecard,
        }
    }

    /// The tab `action` switches to, if it is a tab switch.
    pub fn of_action(action: Action) -> Option<Tab> {
        Tab::ALL.iter().copied().find(|t| t.action() == action)
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn cycle(self, forward: bool) -> Tab {
        let n = Tab::ALL.len();
        let i = self.index();
        Tab::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// Where a key is looked up: a pane's (or a page's) own bindings, the lists' and the global ones
/// behind them, and the overlays' (forms, questions, the palette), which stand alone. The names
/// are the `[keys.<context>]` tables of the keymap file and the config.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum KeyContext {
    Global,
    List,
    Agenda,
    Plan,
    Rituals,
    People,
    Person,
    Prep,
    /// The list of every open action.
    Actions,
    Risks,
    Decisions,
    /// The agenda's radar, with the keys in it.
    Radar,
    /// The scorecard's grid.
    Scorecard,
    /// One metric's chart and values.
    Metric,
    /// An open form (overlays stand alone: no fallback).
    Form,
    /// A yes/no question.
    Confirm,
    /// The command palette (`:`).
    Palette,
    /// Search (`/`).
    Search,
    /// The help overlay (`?`).
    Help,
}

impl KeyContext {
    /// The contexts searched after this one, in order.
    pub fn fallbacks(self) -> &'static [KeyContext] {
        match self {
            KeyContext::Global
            | KeyContext::Form
            | KeyContext::Confirm
            | KeyContext::Palette
            | KeyContext::Search
            | KeyContext::Help => &[],
            KeyContext::List => &[KeyContext::Global],
            KeyContext::Agenda
            | KeyContext::Plan
            | KeyContext::Rituals
            | KeyContext::People
            | KeyContext::Person
            | KeyContext::Prep
            | KeyContext::Actions
            | KeyContext::Risks
            | KeyContext::Decisions
            | KeyContext::Radar
            | KeyContext::Scorecard
            | KeyContext::Metric => &[KeyContext::List, KeyContext::Global],
        }
    }

    pub fn name(self) -> &'static str {
        self.into()
    }

    /// This context and the ones searched after it.
    pub(super) fn chain(self) -> impl Iterator<Item = KeyContext> {
        std::iter::once(self).chain(self.fallbacks().iter().copied())
    }
}

/// A person as other panes need them: to name them and to offer them in a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
}

/// What a pane may read of the rest of the program.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub now: NaiveDateTime,
    pub week_start: Weekday,
    /// The working day, for free time and new meetings' starts.
    pub working_hours: (NaiveTime, NaiveTime),
    /// The database cannot be written: panes refuse changes with a message.
    pub read_only: bool,
    pub theme: &'a Theme,
    /// The terminal's size as last drawn.
    pub screen: Rect,
    /// Everyone in the 1:1s list, in its order.
    pub people: &'a [PersonRef],
    /// The people this window is deleting right now, slice by slice.
    pub deleting: &'a [i64],
}

impl Ctx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// The name of person `id`, or "them" when the list does not have them (yet).
    pub fn person_name(&self, id: i64) -> String {
        self.people
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| "them".to_string(), |p| p.name.clone())
    }
}

/// What a pane asks the model to do.
#[derive(Debug, Clone)]
pub enum Request {
    /// Work for the effect runner (the store).
    Run(Effect),
    /// Work that can wait: it runs once the screen is redrawn and no key is waiting (a
    /// prefetch). Asked twice before it runs, it runs once.
    Later(Effect),
    /// Open a form; its submission comes back to the pane that owns `purpose`.
    Form(Box<Form>, FormPurpose),
    /// Ask first; `on_yes` runs if the user agrees.
    Confirm {
        message: String,
        on_yes: Effect,
    },
    /// Switch to the pane that shows `target` and bring it into view (Esc comes back).
    Show(Target),
    /// What `target` opens (a check-in, a review form) over the current pane, without leaving
    /// it: the form's save goes to the pane that owns it, and the user stays where they were.
    OpenOver(Target),
    /// The pane has nothing left to step back to: go back to where the user came from.
    Back,
    Info(String),
    Error(String),
}

impl Request {
    pub fn form(form: Form, purpose: FormPurpose) -> Request {
        Request::Form(Box::new(form), purpose)
    }
}

/// Something one pane can ask another to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A day of the agenda.
    Day(NaiveDate),
    /// A meeting: the agenda on its day, the meeting of that series (the ritual id) selected.
    Meeting(i64, NaiveDate),
    /// A person: selected in the list, or their page or prep view opened.
    Person(i64, PeopleView),
    /// The prep view of a person for one of their 1:1s: recording writes up that meeting.
    Prep(i64, OneOnOneMeeting),
    /// The list of every open action (on the 1:1s tab).
    Actions,
    Ritual(i64),
    Goal(i64),
    /// A goal with its check-in form open.
    GoalCheckin(i64),
    Risk(i64),
    /// A risk with its review form open.
    RiskReview(i64),
    Decision(i64),
    /// A metric in the scorecard, its detail open.
    Metric(i64),
}

impl Target {
    pub fn tab(self) -> Tab {
        match self {
            Target::Day(_) | Target::Meeting(..) => Tab::Agenda,
            Target::Person(..) | Target::Prep(..) | Target::Actions => Tab::People,
            Target::Ritual(_) => Tab::Rituals,
            Target::Goal(_) | Target::GoalCheckin(_) => Tab::Plan,
            Target::Risk(_) | Target::RiskReview(_) => Tab::Risks,
            Target::Decision(_) => Tab::Decisions,
            Target::Metric(_) => Tab::Scorecard,
        }
    }
}

/// What every pane offers the model. Messages, effects and forms are typed per pane and routed
/// by the model's exhaustive `match`es, so they are not part of this trait.
pub trait Pane {
    /// The keymap context searched first while the pane is shown.
    fn context(&self) -> KeyContext;

    /// What `action` does here; `None` when the pane has no use for it.
    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>>;

    /// The loads that refresh what the pane shows (after a change, or one made elsewhere).
    fn reload(&self, ctx: &Ctx<'_>) -> Vec<Effect>;

    /// The database changed (a save, undo, another writer, a new day): drop whatever was read
    /// ahead and is not shown (the agenda's neighbouring weeks). The loads follow.
    fn forget_kept(&mut self) {}

    /// Brings `target` into view: the model has switched to this pane for it.
    fn show(&mut self, target: Target, ctx: &Ctx<'_>) -> Vec<Request>;

    /// Puts the cursor on `target` once it is loaded (after it was saved).
    fn select(&mut self, target: Target);

    /// The clickable list within `body`, with its length, when the pane shows one.
    fn list_rows(&self, _body: Rect) -> Option<(ListRows, usize)> {
        None
    }

    /// Puts the cursor on row `index` of the list (a click).
    fn select_row(&mut self, _index: usize) {}

    /// The links of `of` arrived (`Effect::Links`): the detail showing it lists them.
    fn links_loaded(&mut self, _of: ObjectRef, _links: Vec<Linked>) {}

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>);
}

/// The status-bar message for a change refused on a read-only database.
pub const READ_ONLY: &str = "This database is read-only: changes are disabled.";

/// Requests that say one thing in the status bar.
pub fn info(text: impl Into<String>) -> Option<Vec<Request>> {
    Some(vec![Request::Info(text.into())])
}

pub fn error(text: impl Into<String>) -> Option<Vec<Request>> {
    Some(vec![Request::Error(text.into())])
}

/// Handled, with nothing more to do.
pub fn done() -> Option<Vec<Request>> {
    Some(Vec::new())
}

pub fn run(effect: Effect) -> Option<Vec<Request>> {
    Some(vec![Request::Run(effect)])
}

/// What a submitted form leads to.
#[derive(Debug, Clone)]
pub enum Submit {
    /// A save the store must confirm: the form stays open meanwhile, so a refusal can be shown
    /// beside the field at fault.
    Save(Effect),
    /// Done without the store: the form closes and these follow.
    Done(Vec<Request>),
}
