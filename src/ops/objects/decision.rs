//! Decisions as objects of the command line: `bearing decision list|show|edit|delete|status`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

use super::Object;
use super::card::Card;
use super::resolve::{Candidate, resolve};
use super::topic::short;
use crate::domain::decision::{self, Decision as Record, DecisionStatus};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::OpsError;
use crate::ops::decisions;
use crate::ops::links::{Linked, links_of};
use crate::store::dependents::Reached;
use crate::store::{Store, dependents, occurrences, people};

/// A proposal is "pending" on the radar after this many days (the N).
pub const PENDING_DAYS: i64 = 14;

/// A person named on a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: i64,
    pub name: String,
}

/// The meeting a decision was made in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingView {
    pub occurrence_id: i64,
    pub ritual_id: i64,
    pub ritual: String,
    pub start: NaiveDateTime,
}

/// A decision with names for its people and meeting, its whole supersede chain, and whether it
/// has been pending too long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionView {
    #[serde(flatten)]
    pub decision: Record,
    pub number: String,
    pub deciders: Vec<Named>,
    pub consultees: Vec<Named>,
    pub meeting: Option<MeetingView>,
    /// Every record of its supersede chain, oldest first (itself included).
    pub chain: Vec<i64>,
    /// What it is linked to (goals, risks, …), with titles. Not serialized: the CLI's JSON adds
    /// `links` to every object that can have them, and a second `links` key would repeat it.
    #[serde(skip)]
    pub links: Vec<Linked>,
    pub pending: bool,
}

/// What `decision list` and the Decisions tab narrow to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    pub status: Option<DecisionStatus>,
    /// Words that must all appear in the title, context, decision or consequences.
    pub text: Option<String>,
    /// Decided by or consulted.
    pub person: Option<i64>,
    /// Decided on or after this day.
    pub since: Option<NaiveDate>,
}

impl DecisionFilter {
    pub fn is_set(&self) -> bool {
        self.status.is_some()
            || self.text.is_some()
            || self.person.is_some()
            || self.since.is_some()
    }

    pub fn admits(&self, d: &Record) -> bool {
        let f = &d.fields;
        self.status.is_none_or(|s| f.status == s)
            && self
                .person
                .is_none_or(|p| d.decided_by.contains(&p) || d.consulted.contains(&p))
            && self.since.is_none_or(|s| f.date >= s)
            && self.text.as_deref().is_none_or(|text| {
                let hay = format!(
                    "{} {} {} {}",
                    f.title, f.context, f.decision, f.consequences
                )
                .to_lowercase();
                text.to_lowercase()
                    .split_whitespace()
                    .all(|w| hay.contains(w))
            })
    }
}

pub struct Decision;

/// Names for people and meetings, read once per listing.
pub struct Names {
    people: HashMap<i64, String>,
}

impl Names {
    pub fn read(store: &Store) -> Result<Names, OpsError> {
        Ok(Names {
            people: people::names(store.conn())?,
        })
    }

    fn named(&self, ids: &[i64]) -> Vec<Named> {
        ids.iter()
            .map(|id| Named {
                id: *id,
                name: self.people.get(id).cloned().unwrap_or_default(),
            })
            .collect()
    }
}

/// The full view of one record among `all` (for its chain).
pub fn view(
    store: &Store,
    names: &Names,
    all: &[Record],
    d: &Record,
    today: NaiveDate,
) -> Result<DecisionView, OpsError> {
    let meeting =
        match d.fields.occurrence_id {
            Some(occurrence_id) => occurrences::meeting(store.conn(), occurrence_id)?.map(
                |(ritual_id, ritual, start)| MeetingView {
                    occurrence_id,
                    ritual_id,
                    ritual,
                    start,
                },
            ),
            None => None,
        };
    Ok(DecisionView {
        number: d.number(),
        deciders: names.named(&d.decided_by),
        consultees: names.named(&d.consulted),
        meeting,
        chain: decision::supersede_chain(all, d.id),
        links: links_of(store, ObjectRef::new(LinkKind::Decision, d.id))?,
        pending: d.pending_too_long(today, PENDING_DAYS),
        decision: d.clone(),
    })
}

fn joined(people: &[Named]) -> String {
    people
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Staff meeting, Mon 2026-11-16 10:00".
pub fn meeting_words(m: &MeetingView) -> String {
    format!("{}, {}", m.ritual, m.start.format("%a %Y-%m-%d %H:%M"))
}

impl Object for Decision {
    const KIND: &'static str = "decision";
    const COLUMNS: &'static [&'static str] = &["ID", "DATE", "STATUS", "DECIDED BY", "TITLE"];
    type View = DecisionView;
    type Filter = DecisionFilter;

    fn list(
        store: &Store,
        filter: &DecisionFilter,
        now: NaiveDateTime,
    ) -> Result<Vec<DecisionView>, OpsError> {
        let all = decisions::list_decisions(store)?;
        let names = Names::read(store)?;
        all.iter()
            .filter(|d| filter.admits(d))
            .map(|d| view(store, &names, &all, d, now.date()))
            .collect()
    }

    fn get(store: &Store, id: i64, now: NaiveDateTime) -> Result<DecisionView, OpsError> {
        let all = decisions::list_decisions(store)?;
        let d = decisions::get_decision(store, id)?;
        view(store, &Names::read(store)?, &all, &d, now.date())
    }

    fn find(store: &Store, query: &str) -> Result<i64, OpsError> {
        let candidates: Vec<Candidate> = decisions::list_decisions(store)?
            .into_iter()
            .map(|d| Candidate::new(d.id, d.fields.title))
            .collect();
        resolve(Self::KIND, query, &candidates)
    }

    fn id(view: &DecisionView) -> i64 {
        view.decision.id
    }

    fn label(view: &DecisionView) -> String {
        format!("\"{}\"", short(&view.decision.fields.title, 60))
    }

    fn row(v: &DecisionView, _now: NaiveDateTime) -> Vec<String> {
        let f = &v.decision.fields;
        let status = if v.pending {
            format!("{} (pending)", f.status)
        } else {
            f.status.to_string()
        };
        let deciders = joined(&v.deciders);
        vec![
            v.decision.id.to_string(),
            f.date.to_string(),
            status,
            if deciders.is_empty() {
                "-".into()
            } else {
                short(&deciders, 30)
            },
            short(&f.title, 60),
        ]
    }

    fn card(v: &DecisionView, _now: NaiveDateTime) -> Card {
        let d = &v.decision;
        let f = &d.fields;
        let ids = |ids: &[i64]| {
            ids.iter()
                .map(|i| format!("decision {i}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let chain = if v.chain.len() > 1 {
            v.chain
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" → ")
        } else {
            String::new()
        };
        let mut status = f.status.to_string();
        if v.pending {
            status.push_str(&format!(" (pending more than {PENDING_DAYS} days)"));
        }
        Card::new(Self::KIND, d.id, f.title.clone())
            .field("date", f.date.to_string())
            .field("status", status)
            .field("decided by", joined(&v.deciders))
            .field("consulted", joined(&v.consultees))
            .field(
                "meeting",
                v.meeting.as_ref().map(meeting_words).unwrap_or_default(),
            )
            .field(
                "superseded by",
                f.superseded_by.map(|i| ids(&[i])).unwrap_or_default(),
            )
            .field("supersedes", ids(&d.supersedes))
            .field("chain", chain)
            .field("links", linked_words(&v.links))
            .section("Context", lines(&f.context))
            .section("Decision", lines(&f.decision))
            .section("Consequences", lines(&f.consequences))
    }

    fn reaches(store: &Store, id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(dependents::of_decision(store.conn(), id)?)
    }

    fn delete(store: &mut Store, id: i64, _now: NaiveDateTime) -> Result<(), OpsError> {
        decisions::delete_decision(store, id, None).map(drop)
    }
}

/// `goal 3 "Hire two SREs", risk 1 "If CI stays flaky…"`.
pub fn linked_words(links: &[Linked]) -> String {
    links
        .iter()
        .map(|l| format!("{} {} \"{}\"", l.kind, l.id, short(&l.title, 40)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.lines().map(str::to_string).collect()
    }
}
