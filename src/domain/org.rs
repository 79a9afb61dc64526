//! The org below me: who reports to whom, checked for loops, as a tree and as skip-levels.
//! `reports_to` None means a person reports to me when they are a report, and is outside my org
//! otherwise (a peer, my manager, a stakeholder).

use serde::Serialize;
use std::collections::{HashMap, HashSet};

use super::person::{Person, Relation};

/// Who `id` would report to, up the chain, if they reported to `manager`: the loop it would
/// make (`[id, manager, …, id]`), or None when the chain ends (at me, or at someone outside).
pub fn loop_through(people: &[Person], id: i64, manager: Option<i64>) -> Option<Vec<i64>> {
    let up: HashMap<i64, Option<i64>> = people.iter().map(|p| (p.id, p.reports_to)).collect();
    let mut chain = vec![id];
    let mut seen = HashSet::from([id]);
    let mut next = manager;
    while let Some(m) = next {
        chain.push(m);
        if m == id {
            return Some(chain);
        }
        // A loop further up that does not pass through `id` (only an import could store one)
        // is not this edit's to refuse.
        if !seen.insert(m) {
            return None;
        }
        next = up.get(&m).copied().flatten();
    }
    None
}

/// People who report to me: reports with no manager of their own in the list.
pub fn is_direct_report(p: &Person, people: &[Person]) -> bool {
    p.relation == Relation::Report && manager_of(p, people).is_none()
}

fn manager_of<'a>(p: &Person, people: &'a [Person]) -> Option<&'a Person> {
    p.reports_to
        .and_then(|m| people.iter().find(|q| q.id == m && q.id != p.id))
}

/// My skip-levels: each person two levels down (reporting to one of my direct reports), with
/// their manager's id.
pub fn skip_levels(people: &[Person]) -> Vec<(i64, i64)> {
    let direct: HashSet<i64> = people
        .iter()
        .filter(|p| is_direct_report(p, people))
        .map(|p| p.id)
        .collect();
    people
        .iter()
        .filter_map(|p| {
            let m = p.reports_to?;
            direct.contains(&m).then_some((p.id, m))
        })
        .collect()
}

/// One person in the org tree with the people reporting to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgNode {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub team: String,
    pub reports: Vec<OrgNode>,
}

/// The org tree: my direct reports with everyone below them, then (`outside`) the others who
/// report to no one in the list (peers, my manager, stakeholders) with anyone below them.
/// People caught in a loop (only an import could store one) hang below me, so no one is lost.
pub fn tree(people: &[Person]) -> (Vec<OrgNode>, Vec<OrgNode>) {
    let mut below: HashMap<i64, Vec<&Person>> = HashMap::new();
    for p in people {
        if let Some(m) = manager_of(p, people) {
            below.entry(m.id).or_default().push(p);
        }
    }
    let mut placed = HashSet::new();
    let mut mine = Vec::new();
    let mut outside = Vec::new();
    for p in people.iter().filter(|p| manager_of(p, people).is_none()) {
        let node = node(p, &below, &mut placed);
        if p.relation == Relation::Report {
            mine.push(node);
        } else {
            outside.push(node);
        }
    }
    for p in people {
        if !placed.contains(&p.id) {
            mine.push(node(p, &below, &mut placed));
        }
    }
    (mine, outside)
}

fn node(p: &Person, below: &HashMap<i64, Vec<&Person>>, placed: &mut HashSet<i64>) -> OrgNode {
    placed.insert(p.id);
    let mut reports = Vec::new();
    for r in below.get(&p.id).into_iter().flatten() {
        if !placed.contains(&r.id) {
            reports.push(node(r, below, placed));
        }
    }
    OrgNode {
        id: p.id,
        name: p.name.clone(),
        role: p.role.clone(),
        team: p.team.clone(),
        reports,
    }
}

#[cfg(test)]
#[path = "org_tests.rs"]
mod tests;
