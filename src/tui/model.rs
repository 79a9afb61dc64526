//! Everything the screen shows, as plain data: the panes, the overlay on top of them, and what
//! the panes may read of the program (see `pane::Ctx`). `view` draws it; `update` changes it.

use chrono::{NaiveDateTime, Weekday};

use super::keymap::{KeyContext, Keymap};
use super::msg::Effect;
use super::pane::{Ctx, Pane, PersonRef};
use super::panes::agenda::{AgendaForm, AgendaPane};
use super::panes::decisions::{DecisionsForm, DecisionsPane};
use super::panes::people::{PeopleForm, PeoplePane};
use super::panes::plan::{PlanForm, PlanPane};
use super::panes::risks::{RisksForm, RisksPane};
use super::panes::rituals::{RitualsForm, RitualsPane};
use super::panes::scorecard::{ScorecardForm, ScorecardPane};
use super::theme::Theme;
use super::widgets::form::Form;
use super::widgets::palette::PaletteState;
use super::widgets::search::SearchState;

pub use super::pane::Tab;

/// What a form is for: the pane that opened it and what its values go to on submit. A form that
/// edits an existing row carries the row as it opened it: the save is refused if the row has
/// changed since (see `ops::edit`), and Ctrl-L then reopens the form on the row as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    Agenda(AgendaForm),
    Plan(PlanForm),
    Rituals(RitualsForm),
    People(PeopleForm),
    Risks(RisksForm),
    Decisions(DecisionsForm),
    Scorecard(ScorecardForm),
}

impl FormPurpose {
    /// The pane whose form this is: its submission goes there.
    pub fn tab(&self) -> Tab {
        match self {
            FormPurpose::Agenda(_) => Tab::Agenda,
            FormPurpose::Plan(_) => Tab::Plan,
            FormPurpose::Rituals(_) => Tab::Rituals,
            FormPurpose::People(_) => Tab::People,
            FormPurpose::Risks(_) => Tab::Risks,
            FormPurpose::Decisions(_) => Tab::Decisions,
            FormPurpose::Scorecard(_) => Tab::Scorecard,
        }
    }

    /// After a key in its form: a form whose fields follow one another catches up (the log
    /// form's title and note follow its date).
    pub fn follow(&mut self, form: &mut Form, today: chrono::NaiveDate) {
        match self {
            FormPurpose::Scorecard(crate::tui::panes::scorecard::ScorecardForm::Log {
                metric,
                history,
                showing,
                ..
            }) => crate::tui::panes::scorecard_form::log_follow(
                form,
                (metric, history),
                showing,
                today,
            ),
            FormPurpose::Agenda(_)
            | FormPurpose::Plan(_)
            | FormPurpose::Rituals(_)
            | FormPurpose::People(_)
            | FormPurpose::Risks(_)
            | FormPurpose::Decisions(_)
            | FormPurpose::Scorecard(_) => {}
        }
    }
}

#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys of the current pane, scrolled down by this many lines.
    Help(u16),
    Form {
        form: Box<Form>,
        purpose: FormPurpose,
    },
    Confirm {
        message: String,
        on_yes: Effect,
    },
    Search(SearchState),
    /// The command palette, opened from the pane whose actions it offers.
    Palette(PaletteState),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub now: NaiveDateTime,
    pub tab: Tab,
    pub keymap: Keymap,
    pub theme: Theme,
    pub week_start: Weekday,
    /// Minutes before a meeting when the status bar announces it.
    pub reminder_lead_min: u32,
    /// Ring the bell with an announcement.
    pub reminder_bell: bool,
    /// Run with an announcement, the meeting's title and start appended; empty for none.
    pub reminder_command: Vec<String>,
    /// Imported calendars' events count as meetings in the status bar (config).
    pub calendar_reminders: bool,
    /// Meetings of the next day or so, which reminders are chosen from.
    pub upcoming: Vec<crate::domain::agenda::AgendaItem>,
    /// Occurrences already announced, so each is announced once.
    pub announced: std::collections::BTreeSet<super::reminders::ReminderKey>,
    /// The working day, for free time and new meetings' starts.
    pub working_hours: (chrono::NaiveTime, chrono::NaiveTime),
    pub agenda: AgendaPane,
    pub plan: PlanPane,
    pub rituals: RitualsPane,
    /// The 1:1s tab: the people list and a person's page or prep view.
    pub people: PeoplePane,
    pub risks: RisksPane,
    pub decisions: DecisionsPane,
    pub scorecard: ScorecardPane,
    /// Everyone in the people list, for the panes that name or offer people.
    pub directory: Vec<PersonRef>,
    /// Where the user came from, most recent last: a pane that sent them to another (the
    /// agenda opening a 1:1's prep) is returned to by Esc. Switching tabs by hand forgets it.
    pub came_from: Vec<Tab>,
    /// After a change only the tab on screen was reloaded (this one): the other tabs' loads
    /// wait until the screen is redrawn and no key is waiting (`update::reload_rest`).
    pub reload_later: Option<Tab>,
    /// What panes asked to run once the screen is redrawn and no key is waiting
    /// (`Request::Later`: the agenda's neighbouring weeks), in the order asked.
    pub later: Vec<Effect>,
    /// The people this window is deleting, slice by slice (`update_delete`).
    pub deleting: Vec<i64>,
    /// Deletes of this window that an undo took back half-way: a redo brings back the slices
    /// done, and the delete goes on from there (`update_delete::go_on_after_redo`).
    pub stopped: Vec<crate::ops::person_delete::Deleting>,
    /// A redo was asked for: the next load of the people list looks for a stopped delete.
    pub redone: bool,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// The terminal's size as last drawn, for mapping clicks onto the layout.
    pub screen: ratatui::layout::Rect,
    /// Set when the database file cannot be written: a banner shows and changes are refused.
    pub read_only: bool,
    /// Shown in the status bar so the user knows which file they are looking at.
    pub db_label: String,
    pub quit: bool,
}

/// The panes, borrowed apart from the context they read (so a pane can be changed while the
/// context borrows the rest of the model).
pub struct Panes<'a> {
    pub agenda: &'a mut AgendaPane,
    pub plan: &'a mut PlanPane,
    pub rituals: &'a mut RitualsPane,
    pub people: &'a mut PeoplePane,
    pub risks: &'a mut RisksPane,
    pub decisions: &'a mut DecisionsPane,
    pub scorecard: &'a mut ScorecardPane,
}

impl Panes<'_> {
    pub fn get(&mut self, tab: Tab) -> &mut dyn Pane {
        match tab {
            Tab::Agenda => self.agenda,
            Tab::Plan => self.plan,
            Tab::Rituals => self.rituals,
            Tab::People => self.people,
            Tab::Risks => self.risks,
            Tab::Decisions => self.decisions,
            Tab::Scorecard => self.scorecard,
        }
    }
}

impl Model {
    pub fn new(keymap: Keymap, now: NaiveDateTime, week_start: Weekday) -> Model {
        Model {
            now,
            tab: Tab::Agenda,
            keymap,
            theme: Theme::default(),
            week_start,
            reminder_lead_min: 5,
            reminder_bell: false,
            reminder_command: Vec::new(),
            calendar_reminders: true,
            upcoming: Vec::new(),
            announced: Default::default(),
            working_hours: crate::config::Config::default().working_hours,
            agenda: AgendaPane::default(),
            plan: PlanPane::default(),
            rituals: RitualsPane::default(),
            people: PeoplePane::default(),
            risks: RisksPane::default(),
            decisions: DecisionsPane::default(),
            scorecard: ScorecardPane::default(),
            directory: Vec::new(),
            came_from: Vec::new(),
            reload_later: None,
            later: Vec::new(),
            deleting: Vec::new(),
            stopped: Vec::new(),
            redone: false,
            overlay: None,
            status: None,
            screen: ratatui::layout::Rect::default(),
            read_only: false,
            db_label: String::new(),
            quit: false,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Error,
        });
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.now.date()
    }

    /// What the panes may read.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            now: self.now,
            week_start: self.week_start,
            working_hours: self.working_hours,
            read_only: self.read_only,
            theme: &self.theme,
            screen: self.screen,
            people: &self.directory,
            deleting: &self.deleting,
        }
    }

    /// The panes to change, and the context they read, borrowed apart.
    pub fn parts(&mut self) -> (Panes<'_>, Ctx<'_>) {
        let ctx = Ctx {
            now: self.now,
            week_start: self.week_start,
            working_hours: self.working_hours,
            read_only: self.read_only,
            theme: &self.theme,
            screen: self.screen,
            people: &self.directory,
            deleting: &self.deleting,
        };
        let panes = Panes {
            agenda: &mut self.agenda,
            plan: &mut self.plan,
            rituals: &mut self.rituals,
            people: &mut self.people,
            risks: &mut self.risks,
            decisions: &mut self.decisions,
            scorecard: &mut self.scorecard,
        };
        (panes, ctx)
    }

    pub fn pane(&self, tab: Tab) -> &dyn Pane {
        match tab {
            Tab::Agenda => &self.agenda,
            Tab::Plan => &self.plan,
            Tab::Rituals => &self.rituals,
            Tab::People => &self.people,
            Tab::Risks => &self.risks,
            Tab::Decisions => &self.decisions,
            Tab::Scorecard => &self.scorecard,
        }
    }

    /// Whether work waits for the screen to be redrawn (see `update::run_later`).
    pub fn has_later(&self) -> bool {
        self.reload_later.is_some() || !self.later.is_empty()
    }

    /// The keymap context searched first: the shown pane's (or its open page's).
    pub fn context(&self) -> KeyContext {
        self.pane(self.tab).context()
    }
}
