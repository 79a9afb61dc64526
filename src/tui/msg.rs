//! Messages into `update`, and effects out of it: `update` never does I/O itself.

use chrono::{NaiveDate, NaiveDateTime};
use crossterm::event::{KeyEvent, MouseEvent};

use crate::domain::agenda::AgendaItem;
use crate::domain::one_on_one::{ContextKind, Note, Owner, Topic};
use crate::domain::plan::{Confidence, GoalFields};
use crate::domain::risk::{Risk, RiskDraft, RiskFields};
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, RitualFields};
use crate::ops::agenda::Agenda;
use crate::ops::one_on_ones::{PersonDetail, Prep, Record, SearchResult};
use crate::ops::people::{PersonInput, PersonOverview, PersonRecord};
use crate::ops::plan::PlanView;
use crate::ops::risks::RiskReview;
use crate::ops::rituals::{RitualOverview, Slot};

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// A click or a turn of the scroll wheel.
    Mouse(MouseEvent),
    /// The terminal's size, at start and on every resize: the layout clicks are mapped through.
    Resize {
        width: u16,
        height: u16,
    },
    /// The clock moved on (once a minute, or on wake-up).
    Tick(NaiveDateTime),
    PeopleLoaded(Vec<PersonOverview>),
    AgendaLoaded {
        agenda: Agenda,
        next: Option<AgendaItem>,
        /// False: only the days were loaded; the radar and the next meeting stay as they were.
        with_radar: bool,
    },
    RitualsLoaded(Vec<RitualOverview>),
    PersonLoaded(Box<PersonDetail>),
    PlanLoaded(Box<PlanView>),
    PrepLoaded(Box<Prep>),
    /// A person's queued topics, to open the record form.
    RecordReady {
        person: i64,
        topics: Vec<Topic>,
    },
    SearchResults {
        query: String,
        results: Vec<SearchResult>,
    },
    /// The text of the focused form field after `$EDITOR`, or why it could not be edited.
    Edited(Result<String, String>),
    RisksLoaded(Vec<Risk>),
    /// The meetings of the next day or so, for reminders.
    UpcomingLoaded(Vec<AgendaItem>),
    /// A reminder's bell or command went out, or why it could not.
    Reminded(Result<(), String>),
    /// A meeting's stored state, to open its notes form.
    OccurrenceLoaded {
        item: AgendaItem,
        record: OccurrenceRecord,
    },
    /// A change was saved; `select` is the id to put the cursor on.
    Saved {
        message: String,
        select: Option<i64>,
    },
    /// A change was refused; nothing was stored. `field` ties the message to a form field.
    Failed {
        message: String,
        field: Option<&'static str>,
    },
    /// A save was refused because another writer changed the row since the form opened it (or
    /// since the screen showed it); nothing was stored.
    Stale,
}

/// Work for the effect runner: each one is one use-case in `ops`, one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Revert the last change journaled by this session's store.
    Undo,
    /// Re-apply the change undone last.
    Redo,
    LoadPeople,
    AddPerson(PersonInput),
    UpdatePerson {
        id: i64,
        input: PersonInput,
        opened: Box<PersonRecord>,
    },
    DeletePerson(i64),
    LoadAgenda {
        from: NaiveDate,
        days: u32,
        /// Also the radar and the next meeting (after changes, and as the clock moves).
        with_radar: bool,
    },
    LoadRituals,
    AddRitual(RitualFields),
    UpdateRitual {
        id: i64,
        fields: RitualFields,
        from: Option<NaiveDateTime>,
        opened: Box<RitualFields>,
    },
    DeleteRitual(i64),
    LoadOccurrence(AgendaItem),
    SetOccurrenceStatus {
        ritual: i64,
        original: NaiveDateTime,
        status: OccurrenceStatus,
        /// The meeting as the agenda showed it when the key was pressed.
        shown: Slot,
    },
    MoveOccurrence {
        ritual: i64,
        original: NaiveDateTime,
        to: NaiveDateTime,
        opened: Slot,
    },
    SaveOccurrence {
        ritual: i64,
        original: NaiveDateTime,
        notes: String,
        decisions: String,
        status: OccurrenceStatus,
        opened: Box<OccurrenceRecord>,
    },
    SetActionDone {
        id: i64,
        done: bool,
    },
    LoadPersonDetail(i64),
    LoadPrep(i64),
    /// Load a person's queue, then open the record form.
    StartRecord(i64),
    AddTopic {
        person: i64,
        text: String,
    },
    SetTopicDiscussed {
        id: i64,
        discussed: bool,
    },
    DeleteTopic(i64),
    AddAction {
        person: i64,
        owner: Owner,
        text: String,
        due: Option<NaiveDate>,
    },
    DeleteAction(i64),
    AddNote {
        person: i64,
        date: NaiveDate,
        text: String,
    },
    UpdateNote {
        id: i64,
        date: NaiveDate,
        text: String,
        opened: Box<Note>,
    },
    DeleteNote(i64),
    AddContext {
        person: i64,
        date: NaiveDate,
        kind: ContextKind,
        text: String,
    },
    Record {
        person: i64,
        record: Record,
    },
    Search(String),
    LoadPlan,
    StartPlan {
        date: NaiveDate,
        opened: Option<NaiveDate>,
    },
    AddGoal(GoalFields),
    UpdateGoal {
        id: i64,
        fields: GoalFields,
        opened: Box<GoalFields>,
    },
    DeleteGoal(i64),
    Checkin {
        id: i64,
        progress: u32,
        confidence: Option<Confidence>,
        note: String,
        opened: Box<GoalFields>,
    },
    RollOver(i64),
    /// Edit this text in `$EDITOR` (the run loop leaves full screen for it).
    EditInEditor(String),
    LoadRisks,
    AddRisk(RiskDraft),
    UpdateRisk {
        id: i64,
        draft: RiskDraft,
        opened: Box<RiskFields>,
    },
    ReviewRisk {
        id: i64,
        review: RiskReview,
        opened: Box<RiskFields>,
    },
    DeleteRisk(i64),
    /// The meetings reminders may be due for.
    LoadUpcoming,
    /// Ring the terminal bell.
    Bell,
    /// Start a program (argv, no shell) in the background and do not wait for it.
    RunDetached(Vec<String>),
}
