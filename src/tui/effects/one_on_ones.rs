//! A person's 1:1 material: their page and prep view, talking points, actions, notes, private
//! context, and recording a 1:1.

use chrono::NaiveDate;

use super::{Env, saved, saved_edit};
use crate::domain::one_on_one::{ActionItem, ContextKind, Note, Owner};
use crate::ops::markdown::plural;
use crate::ops::one_on_ones::{self as o_rec, OneOnOneMeeting, Record};
use crate::ops::{self, OpsError};
use crate::store::Store;
use crate::tui::msg::Msg;
use crate::tui::panes::people::PeopleMsg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OneOnOneEffect {
    LoadDetail(i64),
    LoadPrep(i64),
    /// Load a person's prep, then open the record form (for `meeting`, when the user came from
    /// one).
    StartRecord {
        person: i64,
        meeting: Option<OneOnOneMeeting>,
    },
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
    SetActionDone {
        id: i64,
        done: bool,
        /// The action as the list showing it read it: refused if it changed since.
        opened: Option<Box<ActionItem>>,
    },
    DeleteAction(i64),
    /// Every open action, for the all-actions list.
    LoadAllActions,
    /// Find the meeting action `id` came from, to show it in the agenda.
    /// Where an action came from (`person`: the one it names, for when no meeting is found).
    FindActionMeeting {
        id: i64,
        person: Option<i64>,
    },
    UpdateAction {
        id: i64,
        change: ops::actions::ActionChange,
        opened: Box<ActionItem>,
        /// What the form's Links field changed, saved in the same transaction.
        links: Box<ops::links::LinkChanges>,
    },
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
}

pub(super) fn run(store: &mut Store, effect: OneOnOneEffect, env: &Env) -> Result<Msg, OpsError> {
    use ops::one_on_ones as o;
    let now = env.now;
    Ok(match effect {
        OneOnOneEffect::LoadDetail(id) => match o::person_detail(store, id, now) {
            Err(OpsError::NotFound(_)) => Msg::People(PeopleMsg::Gone(id)),
            detail => Msg::People(PeopleMsg::DetailLoaded(Box::new(detail?))),
        },
        OneOnOneEffect::LoadPrep(id) => match o::prep(store, id, now) {
            Err(OpsError::NotFound(_)) => Msg::People(PeopleMsg::Gone(id)),
            prep => Msg::People(PeopleMsg::PrepLoaded(Box::new(prep?))),
        },
        OneOnOneEffect::StartRecord { person, meeting } => Msg::People(PeopleMsg::RecordReady {
            person,
            prep: Box::new(o::prep(store, person, now)?),
            meeting,
        }),
        OneOnOneEffect::AddTopic { person, text } => {
            o::add_topic(store, person, &text, now)?;
            let name = ops::people::get_person(store, person)?.person.name;
            saved(format!("Talking point queued for {name}'s next 1:1."), None)
        }
        OneOnOneEffect::SetTopicDiscussed { id, discussed } => {
            o::set_topic_discussed(store, id, discussed, now)?;
            saved(
                if discussed {
                    "Marked discussed."
                } else {
                    "Back in the queue."
                },
                None,
            )
        }
        OneOnOneEffect::DeleteTopic(id) => {
            o::delete_topic(store, id)?;
            saved("Talking point deleted.", None)
        }
        OneOnOneEffect::AddAction {
            person,
            owner,
            text,
            due,
        } => {
            o::add_action(store, Some(person), owner, &text, due, now)?;
            saved("Action added.", None)
        }
        OneOnOneEffect::SetActionDone { id, done, opened } => {
            ops::actions::set_action_done(store, id, done, opened.as_deref(), now)?;
            saved(
                if done {
                    "Action done."
                } else {
                    "Action open again."
                },
                None,
            )
        }
        OneOnOneEffect::LoadAllActions => {
            let filter = ops::objects::action::ActionFilter {
                done: Some(false),
                ..Default::default()
            };
            let rows =
                <ops::objects::action::Action as ops::objects::Object>::list(store, &filter, now)?;
            Msg::People(PeopleMsg::ActionsLoaded(rows))
        }
        OneOnOneEffect::FindActionMeeting { id, person } => Msg::People(PeopleMsg::ActionMeeting {
            came_from: ops::actions::came_from(store, id)?,
            person,
        }),
        OneOnOneEffect::UpdateAction {
            id,
            change,
            opened,
            links,
        } => saved_edit(
            ops::actions::update_action_linked(store, id, change, Some(&opened), &links, now)?,
            |_| ("Action saved.".into(), None),
        ),
        OneOnOneEffect::DeleteAction(id) => {
            o::delete_action(store, id)?;
            saved("Action deleted.", None)
        }
        OneOnOneEffect::AddNote { person, date, text } => {
            o::add_note(store, person, date, &text, now)?;
            saved("Note saved.", None)
        }
        OneOnOneEffect::UpdateNote {
            id,
            date,
            text,
            opened,
        } => saved_edit(
            o::update_note(store, id, date, &text, Some(&opened), now)?,
            |()| ("Note saved.".into(), None),
        ),
        OneOnOneEffect::DeleteNote(id) => {
            o::delete_note(store, id)?;
            saved("Note deleted.", None)
        }
        OneOnOneEffect::AddContext {
            person,
            date,
            kind,
            text,
        } => {
            o::add_context(store, person, date, kind, &text)?;
            saved("Private context saved.", None)
        }
        OneOnOneEffect::Record { person, record } => {
            let added = record.actions.len();
            let done = o::record(store, person, record, now)?;
            saved(recorded_message(&done, added), None)
        }
    })
}

/// "1:1 of Mon 23 Nov recorded (marked held): 2 topics discussed, 1 action done, 1 action
/// added." — and what was left as another window had it.
fn recorded_message(done: &o_rec::Recorded, added: usize) -> String {
    let when = match done.meeting {
        Some(m) => format!(
            "1:1 of {} recorded (marked held)",
            m.start.format("%a %-d %b")
        ),
        None => "1:1 recorded".to_string(),
    };
    let mut parts = vec![format!("{} discussed", plural(done.discussed, "topic"))];
    if done.actions_done > 0 {
        parts.push(format!("{} done", plural(done.actions_done, "action")));
    }
    parts.push(format!("{} added", plural(added, "action")));
    let gone = match done.gone {
        0 => String::new(),
        1 => " 1 ticked item had been marked or deleted elsewhere: left as it is.".to_string(),
        n => format!(" {n} ticked items had been marked or deleted elsewhere: left as they are."),
    };
    format!("{when}: {}.{gone}", parts.join(", "))
}
