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

#[cfg(test)]
#[path = "people_group_tests.rs"]
mod tests;
