//! Action items as objects of the command line: `bearing action list|show|edit|delete|done|reopen`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

use super::card::{Card, day, moment};
use super::topic::short;
use super::{Object, parse_id};
use crate::domain::one_on_one::{ActionItem, Owner};
use crate::domain::ritual::meeting_label;
use crate::ops::OpsError;
use crate::store::dependents::Reached;
use crate::store::{Store, actions, people};

/// An action with the name of the person it is with, and whether it is done or late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionView {
    #[serde(flatten)]
    pub action: ActionItem,
    pub person: Option<String>,
    /// The meeting it was written in ("Staff meeting, Mon 23 Nov"), if any.
    pub meeting: Option<String>,
    pub done: bool,
    pub overdue: bool,
}

/// What `action list` narrows to.
#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    /// Some(Some(id)): that person's; Some(None): those tied to nobody; None: all.
    pub person: Option<Option<i64>>,
    pub owner: Option<Owner>,
    /// Some(false): open ones (the default); Some(true): done ones; None: all.
    pub done: Option<bool>,
    /// Only open actions past their due date.
    pub overdue: bool,
    /// Only actions due before this day.
    pub due_before: Option<NaiveDate>,
}

pub struct Action;

fn view(
    store: &Store,
    action: ActionItem,
    names: &HashMap<i64, String>,
    today: NaiveDate,
) -> Result<ActionView, OpsError> {
    let meeting = actions::meeting_of(store.conn(), action.id)?
        .map(|m| meeting_label(&m.name, m.start.date()));
    Ok(ActionView {
        person: action.person_id.and_then(|id| names.get(&id).cloned()),
        meeting,
        done: action.done_at.is_some(),
        overdue: action.is_overdue(today),
        action,
    })
}

fn names(store: &Store) -> Result<HashMap<i64, String>, OpsError> {
    Ok(people::names(store.conn())?)
}

impl Object for Action {
    const KIND: &'static str = "action";
    const COLUMNS: &'static [&'static str] =
        &["ID", "DUE", "OWNER", "PERSON", "STATE", "MEETING", "TEXT"];
    type View = ActionView;
    type Filter = ActionFilter;

    fn list(
        store: &Store,
        filter: &ActionFilter,
        now: NaiveDateTime,
    ) -> Result<Vec<ActionView>, OpsError> {
        let names = names(store)?;
        let today = now.date();
        actions::list(store.conn(), filter.person, filter.done)?
            .into_iter()
            .filter(|a| filter.owner.is_none_or(|o| a.owner == o))
            .filter(|a| !filter.overdue || a.is_overdue(today))
            .filter(|a| {
                filter
                    .due_before
                    .is_none_or(|d| a.due.is_some_and(|due| due < d))
            })
            .map(|a| view(store, a, &names, today))
            .collect()
    }

    fn get(store: &Store, id: i64, now: NaiveDateTime) -> Result<ActionView, OpsError> {
        let action = actions::get(store.conn(), id)?.ok_or_else(|| {
            OpsError::NotFound(format!(
                "no action with id {id} (see `bearing action list`)"
            ))
        })?;
        view(store, action, &names(store)?, now.date())
    }

    fn find(_store: &Store, query: &str) -> Result<i64, OpsError> {
        parse_id(Self::KIND, query)
    }

    fn id(view: &ActionView) -> i64 {
        view.action.id
    }

    fn label(view: &ActionView) -> String {
        format!("\"{}\"", short(&view.action.body, 40))
    }

    fn row(a: &ActionView, _now: NaiveDateTime) -> Vec<String> {
        vec![
            a.action.id.to_string(),
            a.action.due.map_or_else(|| "-".into(), |d| d.to_string()),
            a.action.owner.to_string(),
            a.person.clone().unwrap_or_else(|| "-".into()),
            state(a).to_string(),
            a.meeting.clone().unwrap_or_else(|| "-".into()),
            short(&a.action.body, 60),
        ]
    }

    fn card(a: &ActionView, _now: NaiveDateTime) -> Card {
        let owner = match (a.action.owner, &a.person) {
            (Owner::Them, Some(p)) => format!("them ({p} owes it)"),
            (Owner::Them, None) => "them".into(),
            (Owner::Me, _) => "me".into(),
        };
        Card::new(Self::KIND, a.action.id, short(&a.action.body, 60))
            .field("owner", owner)
            .field("person", a.person.clone().unwrap_or_default())
            .field("due", day(a.action.due))
            .field("meeting", a.meeting.clone().unwrap_or_default())
            .field(
                "state",
                match a.action.done_at {
                    Some(t) => format!("done {}", moment(Some(t))),
                    None => state(a).to_string(),
                },
            )
            .field("text", a.action.body.clone())
    }

    fn reaches(_store: &Store, _id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(Vec::new())
    }

    fn delete(store: &mut Store, id: i64, _now: NaiveDateTime) -> Result<(), OpsError> {
        crate::ops::one_on_ones::delete_action(store, id)
    }
}

fn state(a: &ActionView) -> &'static str {
    match (a.done, a.overdue) {
        (true, _) => "done",
        (false, true) => "overdue",
        (false, false) => "open",
    }
}
