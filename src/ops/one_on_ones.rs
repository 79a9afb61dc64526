//! 1:1s: each person's notes, talking points, actions and context; the prep view; recording a
//! 1:1; and full-text search.

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
use crate::store::{Store, actions, notes, people, search, topics};

/// Everything about one person that the 1:1s tab shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonDetail {
    pub overview: PersonOverview,
    pub notes: Vec<Note>,
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
        notes: notes::for_person(conn, person_id, None)?,
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

/// A search result, with the person it belongs to so it can be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchResult {
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub snippet: String,
    pub person_id: Option<i64>,
    pub person: Option<String>,
}

/// Everything matching `text`: full-text prefix matches over all that users write, plus
/// typo-tolerant (fuzzy) matches on the names of people, rituals, goals and risks ("prya" finds
/// Priya), grouped by kind (people, rituals, goals, risks, topics, actions, notes), best first
/// within each group; at most `limit` in all.
pub fn search_all(store: &Store, text: &str, limit: u32) -> Result<Vec<SearchResult>, OpsError> {
    let conn = store.conn();
    let mut hits = search::search(conn, text, limit)?;
    let fuzzy = fuzzy_names(conn, text, &hits)?;
    hits.extend(fuzzy);
    // A stable sort keeps the relevance order inside each kind.
    hits.sort_by_key(|h| kind_rank(&h.kind));
    hits.truncate(limit as usize);
    let mut results = Vec::with_capacity(hits.len());
    for h in hits {
        let person_id = search::person_of(conn, &h.kind, h.id)?;
        let person = match person_id {
            Some(id) => people::get(conn, id)?.map(|p| p.name),
            None => None,
        };
        results.push(SearchResult {
            kind: h.kind,
            id: h.id,
            title: h.title,
            snippet: h.snippet,
            person_id,
            person,
        });
    }
    Ok(results)
}

/// The order kinds are listed in: the things one jumps to first.
pub const KIND_ORDER: [&str; 7] = [
    "person", "ritual", "goal", "risk", "topic", "action", "note",
];

fn kind_rank(kind: &str) -> usize {
    KIND_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KIND_ORDER.len())
}

/// Names that match `text` fuzzily and are not among `found` already, best first (at most 10).
/// Each word typed must match inside one word of the name (a typo or a missing letter: "prya",
/// "marcs"); matching letters scattered across a long title would be noise, not a typo.
fn fuzzy_names(
    conn: &rusqlite::Connection,
    text: &str,
    found: &[search::Hit],
) -> Result<Vec<search::Hit>, OpsError> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    // A typo rarely hits the first letter: only words starting like the typed word are scored,
    // which keeps this cheap on thousands of titles.
    let initial = |w: &str| {
        w.chars()
            .next()
            .map(|c| nucleo_matcher::chars::to_lower_case(nucleo_matcher::chars::normalize(c)))
    };
    let typed: Vec<(Option<char>, Pattern)> = text
        .split_whitespace()
        .filter(|w| w.chars().count() >= 2)
        .map(|w| {
            let pattern = Pattern::parse(w, CaseMatching::Ignore, Normalization::Smart);
            (initial(w), pattern)
        })
        .collect();
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut best_in_word = |(first, pattern): &(Option<char>, Pattern), title: &str| {
        title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| initial(word) == *first)
            .filter_map(|word| pattern.score(Utf32Str::new(word, &mut buf), &mut matcher))
            .max()
    };
    let mut scored: Vec<(u32, search::Hit)> = Vec::new();
    for (kind, id, title) in search::named_titles(conn)? {
        if found.iter().any(|h| h.kind == kind && h.id == id) {
            continue;
        }
        let scores: Option<Vec<u32>> = typed.iter().map(|p| best_in_word(p, &title)).collect();
        if let Some(scores) = scores {
            let hit = search::Hit {
                kind,
                id,
                snippet: title.clone(),
                title,
            };
            scored.push((scores.iter().sum(), hit));
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.title.cmp(&b.1.title)));
    Ok(scored.into_iter().take(10).map(|(_, h)| h).collect())
}
