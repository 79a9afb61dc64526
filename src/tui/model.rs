//! Everything the screen shows, as plain data. `view` draws it; `update` changes it.

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use super::keymap::Keymap;
use super::msg::Effect;
use super::panes::agenda::AgendaPane;
use super::panes::people::PeoplePane;
use super::panes::person::PersonPane;
use super::panes::plan::PlanPane;
use super::panes::risks::RisksPane;
use super::panes::rituals::RitualsPane;
use super::theme::Theme;
use super::widgets::form::Form;
use super::widgets::palette::PaletteState;
use super::widgets::search::SearchState;
use crate::domain::agenda::AgendaItem;
use crate::domain::one_on_one::{Note, Topic};
use crate::domain::plan::Goal;
use crate::domain::risk::Risk;
use crate::domain::risk_score::ReviewIntervals;
use crate::domain::ritual::{OccurrenceRecord, Ritual};
use crate::ops::people::PersonRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Agenda,
    Plan,
    Rituals,
    People,
    Risks,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Agenda,
        Tab::Plan,
        Tab::Rituals,
        Tab::People,
        Tab::Risks,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Agenda => "Agenda",
            Tab::Plan => "Plan",
            Tab::Rituals => "Rituals",
            Tab::People => "1:1s",
            Tab::Risks => "Risks",
        }
    }

    /// The keymap context searched first while this tab is shown.
    pub fn context(self) -> &'static str {
        match self {
            Tab::Agenda => "agenda",
            Tab::Plan => "plan",
            Tab::Rituals => "rituals",
            Tab::People => "people",
            Tab::Risks => "risks",
        }
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

/// What a form is for, so its values go to the right use-case on submit. A form that edits an
/// existing row carries the row as it opened it: the save is refused if the row has changed
/// since (see `ops::edit`), and Ctrl-L then reopens the form on the row as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    AddPerson,
    EditPerson(Box<PersonRecord>),
    AddRitual,
    EditRitual(Box<Ritual>),
    /// Notes, decisions and state of the meeting `item` shows.
    Occurrence {
        item: Box<AgendaItem>,
        opened: Box<OccurrenceRecord>,
    },
    /// Moving the meeting `item` shows, from where it showed it.
    MoveOccurrence(Box<AgendaItem>),
    JumpToDate,
    AddTopic(i64),
    /// A talking point for anyone, chosen in the form.
    CaptureTopic,
    AddAction(i64),
    AddNote(i64),
    AddContext(i64),
    EditNote(Box<Note>),
    /// Recording a 1:1 with `person`; the queued topics as the form listed them.
    Record {
        person: i64,
        topics: Vec<Topic>,
    },
    /// Setting the plan's first day; the start it had (None: no plan yet).
    StartPlan(Option<NaiveDate>),
    AddGoal,
    EditGoal(Box<Goal>),
    Checkin(Box<Goal>),
    AddRisk,
    EditRisk(Box<Risk>),
    ReviewRisk(Box<Risk>),
    /// The words the risk table is filtered by.
    FilterRisks,
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
    pub people: PeoplePane,
    /// The open person page or prep view in the 1:1s tab.
    pub person: PersonPane,
    pub rituals: RitualsPane,
    pub plan: PlanPane,
    pub risks: RisksPane,
    /// Days to a risk's next review by band, from the config.
    pub review_intervals: ReviewIntervals,
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
            people: PeoplePane::default(),
            person: PersonPane::default(),
            rituals: RitualsPane::default(),
            plan: PlanPane::default(),
            risks: RisksPane::default(),
            review_intervals: ReviewIntervals::default(),
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

    /// The keymap context searched first: the tab's, or the open page's within the 1:1s tab.
    pub fn context(&self) -> &'static str {
        match self.tab {
            Tab::People => super::panes::person::context(self),
            tab => tab.context(),
        }
    }
}
