//! Rituals (recurring meetings, one-off meetings, 1:1 series) as objects of the command line.

use chrono::NaiveDateTime;

use super::Object;
use super::card::{Card, moment};
use super::resolve::{Candidate, resolve};
use crate::domain::agenda::meeting_title;
use crate::ops::OpsError;
use crate::ops::rituals::{self, RitualOverview};
use crate::store::dependents::Reached;
use crate::store::{Store, dependents, people, rituals as rows};

/// What `ritual list` narrows to.
#[derive(Debug, Clone, Default)]
pub struct RitualFilter {
    /// Only this person's 1:1 series.
    pub person: Option<i64>,
    /// Leave out series that are over (ended, or replaced by a newer schedule).
    pub current: bool,
}

pub struct Ritual;

impl Object for Ritual {
    const KIND: &'static str = "ritual";
    const COLUMNS: &'static [&'static str] = &["ID", "NAME", "WHEN", "NEXT"];
    type View = RitualOverview;
    type Filter = RitualFilter;

    fn list(
        store: &Store,
        filter: &RitualFilter,
        now: NaiveDateTime,
    ) -> Result<Vec<RitualOverview>, OpsError> {
        let mut all = rituals::list_rituals(store, now)?;
        all.retain(|r| {
            filter
                .person
                .is_none_or(|p| r.ritual.fields.person_id == Some(p))
                && !(filter.current && r.ended)
        });
        Ok(all)
    }

    fn get(store: &Store, id: i64, now: NaiveDateTime) -> Result<RitualOverview, OpsError> {
        rituals::ritual_overview(store, id, now)
    }

    fn find(store: &Store, query: &str) -> Result<i64, OpsError> {
        let all = rows::list(store.conn())?;
        let people: std::collections::HashMap<i64, String> = people::names(store.conn())?;
        // A ritual is found by the name the lists show: a 1:1 with its person ("1:1 Rosa").
        let candidates: Vec<Candidate> = all
            .iter()
            .map(|r| Candidate {
                id: r.id,
                name: meeting_title(
                    &r.fields.name,
                    r.fields
                        .person_id
                        .and_then(|id| people.get(&id))
                        .map(String::as_str),
                ),
                current: !all.iter().any(|later| later.previous_id == Some(r.id)),
            })
            .collect();
        resolve(Self::KIND, query, &candidates)
    }

    fn id(view: &RitualOverview) -> i64 {
        view.ritual.id
    }

    fn label(view: &RitualOverview) -> String {
        format!(
            "\"{}\"",
            meeting_title(&view.ritual.fields.name, view.person.as_deref())
        )
    }

    fn row(r: &RitualOverview, _now: NaiveDateTime) -> Vec<String> {
        vec![
            r.ritual.id.to_string(),
            meeting_title(&r.ritual.fields.name, r.person.as_deref()),
            r.schedule.clone(),
            r.next.map_or_else(
                || "ended".into(),
                |t| t.format("%a %Y-%m-%d %H:%M").to_string(),
            ),
        ]
    }

    fn card(r: &RitualOverview, _now: NaiveDateTime) -> Card {
        let f = &r.ritual.fields;
        let prep = if f.prep_min > 0 {
            format!("{} min", f.prep_min)
        } else {
            String::new()
        };
        Card::new(Self::KIND, r.ritual.id, f.name.clone())
            .field("when", r.schedule.clone())
            .field("rule", f.rrule.clone().unwrap_or_else(|| "one-off".into()))
            .field("first", moment(Some(rituals::first_meeting(&r.ritual))))
            .field(
                "next",
                if r.ended {
                    "ended".into()
                } else {
                    moment(r.next)
                },
            )
            .field("last", moment(r.last))
            .field("1:1 with", r.person.clone().unwrap_or_default())
            .field("prep", prep)
            .field("location", f.location.clone())
            .field("attendees", f.attendees.clone())
            .field(
                "follows",
                r.ritual
                    .previous_id
                    .map_or_else(String::new, |id| format!("ritual {id}")),
            )
            .section("Agenda", f.agenda.lines().map(str::to_string).collect())
    }

    fn empty(filtered: bool) -> String {
        if filtered {
            "No rituals match these filters.".into()
        } else {
            "No rituals yet. Add one with `bearing ritual add`, or load the standard set with `bearing init --template director`.".into()
        }
    }

    fn reaches(store: &Store, id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(dependents::of_ritual(store.conn(), id)?)
    }

    fn delete(store: &mut Store, id: i64, _now: NaiveDateTime) -> Result<(), OpsError> {
        crate::ops::ritual_delete::delete_ritual(store, id, None).map(drop)
    }
}
