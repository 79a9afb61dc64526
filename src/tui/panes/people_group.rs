//! How the 1:1s list is arranged: by name, by manager (the org: each person under the one they
//! report to, skip-levels marked), or by team.

use std::collections::{HashMap, HashSet};

use crate::domain::org::{self, OrgNode};
use crate::domain::person::Person;
use crate::ops::people::PersonOverview;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeopleGroup {
    #[default]
    Name,
    Manager,
    Team,
}

impl PeopleGroup {
    pub fn next(self) -> PeopleGroup {
        match self {
            PeopleGroup::Name => PeopleGroup::Manager,
            PeopleGroup::Manager => PeopleGroup::Team,
            PeopleGroup::Team => PeopleGroup::Name,
        }
    }

    /// The list's title.
    pub fn title(self) -> &'static str {
        match self {
            PeopleGroup::Name => "People",
            PeopleGroup::Manager => "People by manager",
            PeopleGroup::Team => "People by team",
        }
    }
}

/// How deep each person sits below me (my direct reports: 0) and which are my skip-levels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Org {
    pub depth: HashMap<i64, usize>,
    pub skip_levels: HashSet<i64>,
}

fn flatten(nodes: &[OrgNode], depth: usize, out: &mut Vec<(i64, usize)>) {
    for n in nodes {
        out.push((n.id, depth));
        flatten(&n.reports, depth + 1, out);
    }
}

/// Puts `rows` in `group`'s order; the org's depths for drawing.
pub fn arrange(rows: &mut [PersonOverview], group: PeopleGroup) -> Org {
    let people: Vec<Person> = rows.iter().map(|p| p.person.clone()).collect();
    let (mine, outside) = org::tree(&people);
    let mut order = Vec::new();
    flatten(&mine, 0, &mut order);
    flatten(&outside, 0, &mut order);
    let position: HashMap<i64, usize> = order
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    match group {
        // From any other grouping: the rows come back in name order.
        PeopleGroup::Name => {
            rows.sort_by_cached_key(|p| (p.person.name.to_lowercase(), p.person.id))
        }
        PeopleGroup::Manager => {
            rows.sort_by_key(|p| position.get(&p.person.id).copied().unwrap_or(usize::MAX));
        }
        PeopleGroup::Team => rows.sort_by(|a, b| {
            let key = |p: &PersonOverview| {
                (
                    p.person.team.is_empty(),
                    p.person.team.to_lowercase(),
                    p.person.name.to_lowercase(),
                )
            };
            key(a).cmp(&key(b))
        }),
    }
    Org {
        depth: order.into_iter().collect(),
        skip_levels: org::skip_levels(&people)
            .into_iter()
            .map(|(id, _)| id)
            .collect(),
    }
}

/// One line of the list as drawn: a group's header, or the person at an index of the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Header(String),
    Person(usize),
}

/// The list's lines: by team, a header before each team's people ("Payments · 3"); otherwise
/// the people alone.
pub fn slots(rows: &[PersonOverview], group: PeopleGroup) -> Vec<Slot> {
    if group != PeopleGroup::Team {
        return (0..rows.len()).map(Slot::Person).collect();
    }
    let mut out = Vec::with_capacity(rows.len() + 4);
    for (i, p) in rows.iter().enumerate() {
        let team = p.person.team.to_lowercase();
        if i == 0 || rows[i - 1].person.team.to_lowercase() != team {
            let count = rows[i..]
                .iter()
                .take_while(|q| q.person.team.to_lowercase() == team)
                .count();
            let name = if p.person.team.trim().is_empty() {
                "No team"
            } else {
                p.person.team.as_str()
            };
            out.push(Slot::Header(format!("{name} · {count}")));
        }
        out.push(Slot::Person(i));
    }
    out
}

/// Where row `selected` is drawn among `slots`.
pub fn slot_of(slots: &[Slot], selected: usize) -> usize {
    slots
        .iter()
        .position(|s| *s == Slot::Person(selected))
        .unwrap_or(selected)
}

/// The row a click on line `index` selects: the person there, or under a header the first of
/// its people.
pub fn row_at_slot(slots: &[Slot], index: usize) -> Option<usize> {
    slots.get(index..)?.iter().find_map(|s| match s {
        Slot::Person(i) => Some(*i),
        Slot::Header(_) => None,
    })
}

#[cfg(test)]
#[path = "people_group_tests.rs"]
mod tests;
