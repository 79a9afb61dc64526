//! 1:1s: each person's notes, talking points, actions and context; the prep view; recording a
//! 1:1. (Search lives in [`super::search`].)

use crate::domain::Word;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use super::people::{PersonOverview, get_person, person_overview};
use crate::domain::Invalid;
use crate::domain::one_on_one::{
    ActionItem, ActionLine, ContextEntry, ContextKind, Note, Owner, Topic, check_text,
    default_prompts, prep_order,
};
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus};
use crate::schedule::recurrence::Recurrence;
use crate::store::{Store, actions, notes, occurrences, people, topics};

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
    ensure_person(store, person_id)?;
    let id = store
        .write(|tx| -> Result<i64, OpsError> { Ok(topics::insert(tx, person_id, &body, now)?) })?;
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

fn ensure_person(store: &Store, person_id: i64) -> Result<(), OpsError> {
    people::get(store.conn(), person_id)?
        .map(|_| ())
        .ok_or_else(|| OpsError::NotFound(format!("no person with id {person_id}")))
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
    if let Some(p) = person_id {
        ensure_person(store, p)?;
    }
    store.write(|tx| -> Result<i64, OpsError> {
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
    ensure_person(store, person_id)?;
    store.write(|tx| -> Result<i64, OpsError> {
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
    ensure_person(store, person_id)?;
    store.write(|tx| -> Result<i64, OpsError> {
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

/// What a user enters when recording a 1:1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub date: NaiveDate,
    pub note: String,
    /// Queued topics that were discussed, as the form listed them; the others carry forward.
    pub discussed: Vec<Topic>,
    pub actions: Vec<ActionLine>,
}

/// What recording a 1:1 did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub note_id: i64,
    /// Topics ticked and marked discussed in this 1:1.
    pub discussed: usize,
    /// Topics ticked that another writer had already marked discussed or deleted since the form
    /// opened: left as they are.
    pub gone: usize,
}

/// Records a 1:1 in one transaction: the dated note, the discussed topics, the new actions, and
/// the 1:1 meeting of that day (if the person has one) marked held. A ticked topic that was
/// marked discussed or deleted elsewhere meanwhile (or whose id a new topic took) is left as it
/// is and counted in `gone`: the record neither fails over it nor brings it back.
pub fn record(
    store: &mut Store,
    person_id: i64,
    input: Record,
    now: NaiveDateTime,
) -> Result<Recorded, OpsError> {
    let person = get_person(store, person_id)?;
    let body = check_text("note", &input.note)?;
    let meeting = match &person.one_on_one {
        Some(series) => {
            let rec = Recurrence::of(&series.fields).map_err(|e| Invalid::new(e.to_string()))?;
            rec.between(input.date, input.date + Duration::days(1))
                .into_iter()
                .next()
                .map(|t| (series.id, t))
        }
        None => None,
    };
    store.write(|tx| -> Result<Recorded, OpsError> {
        let occurrence_id = match meeting {
            Some((ritual_id, original)) => {
                let mut record =
                    occurrences::get(tx, ritual_id, original)?.unwrap_or(OccurrenceRecord {
                        id: 0,
                        ritual_id,
                        original_start: original,
                        status: OccurrenceStatus::Held,
                        moved_to: None,
                        notes: String::new(),
                        decisions: String::new(),
                    });
                record.status = OccurrenceStatus::Held;
                Some(occurrences::upsert(tx, &record)?)
            }
            None => None,
        };
        let note_id = notes::insert(tx, person_id, occurrence_id, input.date, &body, now)?;
        let mut recorded = Recorded {
            note_id,
            discussed: 0,
            gone: 0,
        };
        for ticked in &input.discussed {
            if ticked.person_id != person_id {
                return Err(Invalid::new(format!(
                    "talking point {} is not one of {}'s",
                    ticked.id, person.person.name
                ))
                .into());
            }
            // Still queued and still the same topic (ids of deleted rows are reused).
            if topics::get(tx, ticked.id)?.as_ref() == Some(ticked) && ticked.discussed_at.is_none()
            {
                topics::set_discussed(tx, ticked.id, Some(now), Some(note_id))?;
                recorded.discussed += 1;
            } else {
                recorded.gone += 1;
            }
        }
        for a in &input.actions {
            actions::insert(
                tx,
                &actions::NewAction {
                    person_id: Some(person_id),
                    occurrence_id,
                    owner: a.owner.as_str(),
                    body: &a.body,
                    due: a.due,
                },
                now,
            )?;
        }
        Ok(recorded)
    })
}

#[cfg(test)]
#[path = "one_on_ones_tests.rs"]
mod tests;
