//! Messages into `update`, and effects out of it: `update` never does I/O itself. Each pane has
//! its own messages (what its loads bring back) and each entity its own effects (one use-case of
//! `ops` each, one transaction); the few that belong to no pane stay here.

use chrono::NaiveDateTime;
use crossterm::event::{KeyEvent, MouseEvent};

use super::effects::agenda::AgendaEffect;
use super::effects::decisions::DecisionsEffect;
use super::effects::one_on_ones::OneOnOneEffect;
use super::effects::people::PeopleEffect;
use super::effects::plan::PlanEffect;
use super::effects::risks::RisksEffect;
use super::effects::rituals::RitualsEffect;
use super::effects::scorecard::ScorecardEffect;
use super::pane::Target;
use super::panes::agenda::AgendaMsg;
use super::panes::decisions::DecisionsMsg;
use super::panes::people::PeopleMsg;
use super::panes::plan::PlanMsg;
use super::panes::risks::RisksMsg;
use super::panes::rituals::RitualsMsg;
use super::panes::scorecard::ScorecardMsg;
use crate::domain::agenda::AgendaItem;
use crate::domain::link::ObjectRef;
use crate::ops::links::Linked;
use crate::ops::one_on_ones::SearchResult;

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
    Agenda(AgendaMsg),
    Plan(PlanMsg),
    Rituals(RitualsMsg),
    People(PeopleMsg),
    Risks(RisksMsg),
    Decisions(DecisionsMsg),
    Scorecard(ScorecardMsg),
    /// The links of an object, for the detail that shows it (see `panes::detail_links`).
    Links(ObjectRef, Vec<Linked>),
    SearchResults {
        query: String,
        results: Vec<SearchResult>,
    },
    /// The text of the focused form field after `$EDITOR`, or why it could not be edited.
    Edited(Result<String, String>),
    /// The meetings of the next day or so, for reminders.
    UpcomingLoaded(Vec<AgendaItem>),
    /// A reminder's bell or command went out, or why it could not.
    Reminded(Result<(), String>),
    /// The search box's names are read ahead of its first keystroke: nothing to show.
    SearchReady,
    /// A person's delete began, went a slice further, finished or stopped (`update_delete`).
    Deleting(crate::ops::person_delete::Slice),
    /// A slice of person `id`'s delete failed: they stay marked as being deleted, the slices
    /// done stay done, and `d` on them finishes the delete.
    DeleteFailed {
        id: i64,
        message: String,
    },
    /// A change was saved; `select` is what to put the cursor on once the panes reload.
    Saved {
        message: String,
        select: Option<Target>,
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

/// Work for the effect runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Revert the last change journaled by this session's store.
    Undo,
    /// Re-apply the change undone last.
    Redo,
    Search(String),
    /// Read the names the search box matches typos against, once it is open and drawn, so its
    /// first keystroke does not wait for them (6–10 ms on ten years of data).
    ReadSearchNames,
    /// Edit this text in `$EDITOR` (the run loop leaves full screen for it).
    EditInEditor(String),
    /// The meetings reminders may be due for.
    LoadUpcoming,
    /// Ring the terminal bell.
    Bell,
    /// Start a program (argv, no shell) in the background and do not wait for it.
    RunDetached(Vec<String>),
    Agenda(AgendaEffect),
    Rituals(RitualsEffect),
    People(PeopleEffect),
    OneOnOnes(OneOnOneEffect),
    Plan(PlanEffect),
    Risks(RisksEffect),
    Decisions(DecisionsEffect),
    Scorecard(ScorecardEffect),
    /// Read an object's links, for its detail: answered by `Msg::Links`.
    Links(ObjectRef),
}
