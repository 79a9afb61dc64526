//! People as objects of the command line: `bearing person list|show|edit|delete`.

use chrono::NaiveDateTime;

use super::Object;
use super::card::{Card, moment};
use super::resolve::{Candidate, resolve};
use crate::domain::person::Relation;
use crate::ops::OpsError;
use crate::ops::people::{self, PersonOverview};
use crate::store::dependents::Reached;
use crate::store::{Store, dependents, people as rows};

/// What `person list` narrows to.
#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    pub relation: Option<Relation>,
    /// Ignoring case.
    pub team: Option<String>,
}

pub struct Person;

impl Object for Person {
    const KIND: &'static str = "person";
    const COLUMNS: &'static [&'static str] = &["ID", "NAME", "ROLE", "TEAM", "RELATION", "1:1"];
    type View = PersonOverview;
    type Filter = PersonFilter;

    fn list(
        store: &Store,
        filter: &PersonFilter,
        now: NaiveDateTime,
    ) -> Result<Vec<PersonOverview>, OpsError> {
        let mut all = people::list_people(store, now)?;
        all.retain(|p| {
            filter.relation.is_none_or(|r| p.person.relation == r)
                && filter
                    .team
                    .as_ref()
                    .is_none_or(|t| p.person.team.to_lowercase() == t.trim().to_lowercase())
        });
        Ok(all)
    }

    fn get(store: &Store, id: i64, now: NaiveDateTime) -> Result<PersonOverview, OpsError> {
        people::person_overview(store, id, now)
    }

    fn find(store: &Store, query: &str) -> Result<i64, OpsError> {
        let candidates: Vec<Candidate> = rows::list(store.conn())?
            .into_iter()
            .map(|p| Candidate::new(p.id, p.name))
            .collect();
        resolve(Self::KIND, query, &candidates)
    }

    fn id(view: &PersonOverview) -> i64 {
        view.person.id
    }

    fn label(view: &PersonOverview) -> String {
        view.person.name.clone()
    }

    fn row(p: &PersonOverview, _now: NaiveDateTime) -> Vec<String> {
        vec![
            p.person.id.to_string(),
            match p.deleting {
                Some(_) => format!("{} (being deleted)", p.person.name),
                None => p.person.name.clone(),
            },
            p.person.role.clone(),
            p.person.team.clone(),
            p.person.relation.to_string(),
            p.cadence.clone().unwrap_or_else(|| "-".into()),
        ]
    }

    fn card(p: &PersonOverview, _now: NaiveDateTime) -> Card {
        let s = &p.stats;
        let card = Card::new(Self::KIND, p.person.id, p.person.name.clone())
            .field("role", p.person.role.clone())
            .field("team", p.person.team.clone())
            .field("relation", p.person.relation.to_string())
            .field(
                "reports to",
                match (&p.manager, p.person.relation) {
                    (Some(name), _) => name.clone(),
                    (None, Relation::Report) => "me".into(),
                    (None, _) => "-".into(),
                },
            )
            .field(
                "1:1",
                p.cadence.clone().unwrap_or_else(|| "no regular 1:1".into()),
            )
            .field("last 1:1", moment(s.last))
            .field("next 1:1", moment(s.next))
            .field(
                "open actions",
                format!("{} mine, {} theirs", s.open_mine, s.open_theirs),
            )
            .field("talking points", s.topics.to_string())
            .field("career goals", p.person.career_goals.clone())
            .field("context", p.person.context.clone())
            .field("prompts", p.person.prompts.clone());
        match &p.deleting {
            Some(since) => card.field(
                "being deleted",
                format!(
                    "since {since}; if it was cut short, finish it with: bearing person delete {} \
                     --yes",
                    p.person.id
                ),
            ),
            None => card,
        }
    }

    fn empty(filtered: bool) -> String {
        if filtered {
            "No people match these filters.".into()
        } else {
            "No people yet. Add one with: bearing person add --name NAME".into()
        }
    }

    fn reaches(store: &Store, id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(dependents::of_person(store.conn(), id)?)
    }

    fn delete(store: &mut Store, id: i64, now: NaiveDateTime) -> Result<(), OpsError> {
        people::delete_person(store, id, now).map(drop)
    }
}
