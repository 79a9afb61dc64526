//! Messages into `update`, and effects out of it: `update` never does I/O itself.

use chrono::NaiveDateTime;
use crossterm::event::KeyEvent;

use crate::ops::people::{PersonInput, PersonOverview};

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// The clock moved on (once a minute, or on wake-up).
    Tick(NaiveDateTime),
    PeopleLoaded(Vec<PersonOverview>),
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
}

/// Work for the effect runner: each one is one use-case in `ops`, one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadPeople,
    AddPerson(PersonInput),
    UpdatePerson(i64, PersonInput),
    DeletePerson(i64),
}
