//! 1:1s: each person's notes, talking points, actions and context; the prep view; recording a
//! 1:1. (Search lives in [`super::search`].)

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use super::people::{PersonOverview, person_overview};
pub use super::recording::{OneOnOneMeeting, Record, Recorded, record};
use crate::domain::one_on_one::{
    ActionItem, ContextEntry, ContextKind, Note, Owner, Topic, check_text, default_prompts,
    prep_order,
};
use crate::store::{Store, actions, notes, people, topics};

pub use super::search::{SearchResult, search_all};

/// The notes a person's page holds: the latest this many. Ten years of weekly 1:1s are 500;
/// reading and drawing them all on every save would grow with the history.
pub const PAGE_NOTES: u32 = 200;

/// Everything about one person that the 1:1s tab shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonDetail {
    pub overview: PersonOverview,
    /// The latest [`PAGE_NOTES`], newest first.
    pub notes: Vec<Note>,
    /// How many notes the person has in all.
    pub notes_total: u32,
    pub queued: Vec<Topic>,
    pub discussed: Vec<Topic>,
    pub actions: Vec<ActionItem>,
    pub context: Vec<ContextEntry>,
    pub prompts: Vec<String>,
    /// The latest 1:1 on or before today not written up yet: what `r` records by default.
    pub unrecorded: Option<OneOnOneMeeting>,
    /// Private health reads, newest first.
    pub health: Vec<crate::domain::health::HealthRead>,
}

/// The one screen to read before a 1:1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Prep {
    pub person: PersonOverview,
    /// The next 1:1 (from now), if the person has a series.
    pub next: Option<NaiveDateTime>,
    pub duration_min: Option<u32>,
    pub last_notes: Vec<Note>,
    /// Open actions I owe them, overdue first.
    pub mine: Vec<ActionItem>,
    /// Open actions they owe me, overdue first.
    pub theirs: Vec<ActionItem>,
    pub topics: Vec<Topic>,
    pub prompts: Vec<String>,
    /// The latest 1:1 on or before today not written up yet: what `r` records by default.
    pub unrecorded: Option<OneOnOneMeeting>,
    /// Their goals, risks, career and feedback context, team and health reads.
    #[serde(flatten)]
    pub picture: super::prep_picture::Picture,
}

fn prompts_for(p: &PersonOverview) -> Vec<String> {
    let own: Vec<String> = p
        .person
        .prompts
        .lines()
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect();
    if own.is_empty() {
        default_prompts(p.person.relation)
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else {
        own
    }
}

pub fn person_detail(
    store: &Store,
    person_id: i64,
    now: NaiveDateTime,
) -> Result<PersonDetail, OpsError> {
    let overview = person_overview(store, person_id, now)?;
    let conn = store.conn();
    Ok(PersonDetail {
        notes: notes::for_person(conn, person_id, Some(PAGE_NOTES))?,
        notes_total: notes::count_for(conn, person_id)?,
        queued: topics::queued(conn, person_id)?,
        discussed: topics::discussed(conn, person_id, 10)?,
        actions: actions::for_person(conn, person_id, 10)?,
        context: notes::context_for(conn, person_id)?,
        prompts: prompts_for(&overview),
        unrecorded: super::recording::latest_unrecorded(store, person_id, now)?,
        health: crate::store::health::for_person(conn, person_id)?,
        overview,
    })
}

pub fn prep(store: &Store, person_id: i64, now: NaiveDateTime) -> Result<Prep, OpsError> {
    let person = person_overview(store, person_id, now)?;
    let conn = store.conn();
    let open: Vec<ActionItem> = actions::for_person(conn, person_id, 0)?
        .into_iter()
        .filter(|a| a.done_at.is_none())
        .collect();
    let (mut mine, mut theirs): (Vec<_>, Vec<_>) =
        open.into_iter().partition(|a| a.owner == Owner::Me);
    prep_order(&mut mine, now.date());
    prep_order(&mut theirs, now.date());
    let next = person.stats.next;
    Ok(Prep {
        next,
        duration_min: person.one_on_one.as_ref().map(|r| r.fields.duration_min),
        last_notes: notes::for_person(conn, person_id, Some(2))?,
        mine,
        theirs,
        topics: topics::queued(conn, person_id)?,
        prompts: prompts_for(&person),
        unrecorded: super::recording::latest_unrecorded(store, person_id, now)?,
        picture: super::prep_picture::picture(store, person_id, now)?,
        person,
    })
}

pub fn add_topic(
    store: &mut Store,
    person_id: i64,
    text: &str,
    now: NaiveDateTime,
) -> Result<Topic, OpsError> {
    let body = check_text("topic", text)?;
    let id = store.write(|tx| -> Result<i64, OpsError> {
        ensure_person(tx, person_id)?;
        Ok(topics::insert(tx, person_id, &body, now)?)
    })?;
    Ok(Topic {
        id,
        person_id,
        body,
        created_at: now,
        discussed_at: None,
    })
}

pub fn set_topic_discussed(
    store: &mut Store,
    id: i64,
    discussed: bool,
    now: NaiveDateTime,
) -> Result<(), OpsError> {
    let found = store.write(|tx| -> Result<bool, OpsError> {
        Ok(topics::set_discussed(
            tx,
            id,
            discussed.then_some(now),
            None,
        )?)
    })?;
    if found {
        Ok(())
    } else {
        Err(OpsError::NotFound(format!("no talking point with id {id}")))
    }
}

pub fn delete_topic(store: &mut Store, id: i64) -> Result<(), OpsError> {
    store.write(|tx| -> Result<(), OpsError> {
        topics::delete(tx, id)?;
        Ok(())
    })
}

/// The person exists and is not being deleted (nothing new is added for them then). Asked inside
/// the write that adds: asked before it, a delete another window began in between let the add
/// land after the mark, and the delete's next slice took it away.
fn ensure_person(conn: &rusqlite::Connection, person_id: i64) -> Result<(), OpsError> {
    people::get(conn, person_id)?
        .ok_or_else(|| OpsError::NotFound(format!("no person with id {person_id}")))?;
    super::person_delete::refuse_if_deleting(conn, person_id)
}

pub fn add_action(
    store: &mut Store,
    person_id: Option<i64>,
    owner: Owner,
    text: &str,
    due: Option<NaiveDate>,
    now: NaiveDateTime,
) -> Result<i64, OpsError> {
    let body = check_text("action", text)?;
    owner.check_with(person_id)?;
    store.write(|tx| -> Result<i64, OpsError> {
        if let Some(p) = person_id {
            ensure_person(tx, p)?;
        }
        Ok(actions::insert(
            tx,
            &actions::NewAction {
                person_id,
                occurrence_id: None,
                owner: owner.as_str(),
                body: &body,
                due,
            },
            now,
        )?)
    })
}

pub fn delete_action(store: &mut Store, id: i64) -> Result<(), OpsError> {
    store.write(|tx| -> Result<(), OpsError> {
        actions::delete(tx, id)?;
        Ok(())
    })
}

pub fn add_note(
    store: &mut Store,
    person_id: i64,
    date: NaiveDate,
    text: &str,
    now: NaiveDateTime,
) -> Result<i64, OpsError> {
    let body = check_text("note", text)?;
    store.write(|tx| -> Result<i64, OpsError> {
        ensure_person(tx, person_id)?;
        Ok(notes::insert(tx, person_id, None, date, &body, now)?)
    })
}

/// Adds dated private context: feedback given, a career conversation.
pub fn add_context(
    store: &mut Store,
    person_id: i64,
    date: NaiveDate,
    kind: ContextKind,
    text: &str,
) -> Result<i64, OpsError> {
    let body = check_text("text", text)?;
    store.write(|tx| -> Result<i64, OpsError> {
        ensure_person(tx, person_id)?;
        Ok(notes::insert_context(tx, person_id, date, kind, &body)?)
    })
}

/// Saves an edited note. With `opened` (the note the edit form showed) it is refused when the
/// note changed since; the same date and text write nothing.
pub fn update_note(
    store: &mut Store,
    id: i64,
    date: NaiveDate,
    text: &str,
    opened: Option<&Note>,
    now: NaiveDateTime,
) -> Result<Edited<()>, OpsError> {
    let body = check_text("note", text)?;
    store.write(|tx| -> Result<Edited<()>, OpsError> {
        let before = notes::get(tx, id)?
            .ok_or_else(|| OpsError::NotFound(format!("no note with id {id}")))?;
        ensure_as_opened(|| format!("note {id}"), &before, opened)?;
        if before.date == date && before.body == body {
            return Ok(Edited::unchanged(()));
        }
        notes::update(tx, id, date, &body, now)?;
        Ok(Edited::changed(()))
    })
}

pub fn delete_note(store: &mut Store, id: i64) -> Result<(), OpsError> {
    store.write(|tx| -> Result<(), OpsError> {
        notes::delete(tx, id)?;
        Ok(())
    })
}

#[cfg(test)]
#[path = "one_on_ones_tests.rs"]
mod tests;
