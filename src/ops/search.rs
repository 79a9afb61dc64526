//! Search everything: full-text prefix matches over all that users write, typo-tolerant matches
//! on names, grouped by kind and shared out among the kinds that match.

use chrono::NaiveDate;
use serde::Serialize;

use super::OpsError;
use crate::store::{Store, people, search};
pub use search::SearchKind;
use std::collections::BTreeMap;

/// A search result, with the person it belongs to so it can be opened; a meeting's also with
/// its series (`ritual_id`) and day (`date`), so it opens on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchResult {
    pub kind: SearchKind,
    pub id: i64,
    pub title: String,
    pub snippet: String,
    pub person_id: Option<i64>,
    pub person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ritual_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// More of this kind match than are listed: the list holds the first few (known by asking
    /// the index for one more than can be listed, not by counting every match).
    #[serde(skip)]
    pub more_of_kind: bool,
}

/// Everything matching `text`: full-text prefix matches over all that users write, plus
/// typo-tolerant (fuzzy) matches on the names of people, rituals, goals and risks ("prya" finds
/// Priya), grouped by kind ([`SearchKind`] order: people, rituals, goals, risks, decisions,
/// meetings, topics, actions, notes, private context), best first
/// within each group; at most `limit` in all, shared among the kinds that match (see
/// [`share_out`]).
pub fn search_all(store: &Store, text: &str, limit: u32) -> Result<Vec<SearchResult>, OpsError> {
    search_with_names(store, text, limit, &Names::load(store)?)
}

/// The names typo-tolerant matching reads: people, rituals, goals and risks (4,100 on ten years
/// of data, 16% of a keystroke's search when read for each). The search box reads them once and
/// keeps them while it is typed in (`tui::effects`); a command reads them for its one search.
/// Their words are kept by first letter: a typo rarely hits the first letter, so a typed word
/// is scored only against the words that start like it (a twentieth of them), not every word of
/// every name on every keystroke.
#[derive(Debug, Clone, Default)]
pub struct Names {
    names: Vec<(SearchKind, i64, String)>,
    /// Every word of every name, as (first letter, index in `names`, word), by first letter.
    words: Vec<(char, usize, String)>,
}

impl Names {
    pub fn load(store: &Store) -> Result<Names, OpsError> {
        Ok(Names::new(search::named_titles(store.conn())?))
    }

    fn new(names: Vec<(SearchKind, i64, String)>) -> Names {
        let mut words: Vec<(char, usize, String)> = names
            .iter()
            .enumerate()
            .flat_map(|(at, (_, _, title))| {
                title
                    .split(|c: char| !c.is_alphanumeric())
                    .filter_map(move |word| Some((initial(word)?, at, word.to_string())))
            })
            .collect();
        words.sort_by_key(|(first, at, _)| (*first, *at));
        Names { names, words }
    }

    /// The words starting with `first`, each with the index of its name.
    fn starting_with(&self, first: char) -> &[(char, usize, String)] {
        let from = self.words.partition_point(|(c, _, _)| *c < first);
        let to = self.words.partition_point(|(c, _, _)| *c <= first);
        &self.words[from..to]
    }
}

/// A word's first letter as typo-tolerant matching compares it: without accents, lower case.
fn initial(word: &str) -> Option<char> {
    word.chars()
        .next()
        .map(|c| nucleo_matcher::chars::to_lower_case(nucleo_matcher::chars::normalize(c)))
}

/// [`search_all`] with the names already read.
pub fn search_with_names(
    store: &Store,
    text: &str,
    limit: u32,
    names: &Names,
) -> Result<Vec<SearchResult>, OpsError> {
    let conn = store.conn();
    // One more than can be listed: a kind with that many has more than the list shows.
    let mut hits = search::search(conn, text, limit + 1)?;
    let fuzzy = fuzzy_names(names, text, &hits);
    hits.extend(fuzzy);
    // A stable sort keeps the relevance order inside each kind (fuzzy names after exact ones).
    hits.sort_by_key(|h| h.kind);
    let found: BTreeMap<SearchKind, usize> = hits.iter().fold(BTreeMap::new(), |mut n, h| {
        *n.entry(h.kind).or_default() += 1;
        n
    });
    let hits = share_out(hits, limit as usize);
    let listed: BTreeMap<SearchKind, usize> = hits.iter().fold(BTreeMap::new(), |mut n, h| {
        *n.entry(h.kind).or_default() += 1;
        n
    });
    let mut results = Vec::with_capacity(hits.len());
    for h in hits {
        let person_id = search::person_of(conn, h.kind, h.id)?;
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
            ritual_id: h.meeting.map(|m| m.0),
            date: h.meeting.map(|m| m.1),
            more_of_kind: found.get(&h.kind) > listed.get(&h.kind),
        });
    }
    Ok(results)
}

/// Keeps at most `limit` of `hits` (grouped by kind, best first in each), one from each kind in
/// turn: a query matching 40 risks and 3 notes shows the 3 notes too. The groups keep their order.
fn share_out(hits: Vec<search::Hit>, limit: usize) -> Vec<search::Hit> {
    let mut groups: Vec<Vec<search::Hit>> = Vec::new();
    for hit in hits {
        match groups.last_mut() {
            Some(group) if group.first().is_some_and(|h| h.kind == hit.kind) => group.push(hit),
            _ => groups.push(vec![hit]),
        }
    }
    let mut quota = vec![0usize; groups.len()];
    let mut taken = 0;
    while taken < limit {
        let before = taken;
        for (q, group) in quota.iter_mut().zip(&groups) {
            if taken < limit && *q < group.len() {
                *q += 1;
                taken += 1;
            }
        }
        if taken == before {
            break;
        }
    }
    groups
        .into_iter()
        .zip(quota)
        .flat_map(|(group, q)| group.into_iter().take(q))
        .collect()
}

/// Names that match `text` fuzzily and are not among `found` already, best first (at most 10).
/// Each word typed must match inside one word of the name (a typo or a missing letter: "prya",
/// "marcs"), a word starting with the same letter; matching letters scattered across a long
/// title would be noise, not a typo.
fn fuzzy_names(names: &Names, text: &str, found: &[search::Hit]) -> Vec<search::Hit> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    let typed: Vec<(char, Pattern)> = text
        .split_whitespace()
        .filter(|w| w.chars().count() >= 2)
        .filter_map(|w| {
            let pattern = Pattern::parse(w, CaseMatching::Ignore, Normalization::Smart);
            Some((initial(w)?, pattern))
        })
        .collect();
    if typed.is_empty() {
        return Vec::new();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    // For each name, the sum of each typed word's best score in it, and how many typed words
    // matched one of its words.
    let mut sums = vec![0u32; names.names.len()];
    let mut matched = vec![0usize; names.names.len()];
    for (first, pattern) in &typed {
        let mut best: Vec<Option<u32>> = vec![None; names.names.len()];
        for (_, at, word) in names.starting_with(*first) {
            if let Some(score) = pattern.score(Utf32Str::new(word, &mut buf), &mut matcher) {
                best[*at] = best[*at].max(Some(score));
            }
        }
        for (at, score) in best.iter().enumerate() {
            if let Some(score) = score {
                sums[at] += score;
                matched[at] += 1;
            }
        }
    }
    let found: std::collections::HashSet<(SearchKind, i64)> =
        found.iter().map(|h| (h.kind, h.id)).collect();
    let mut scored: Vec<(u32, search::Hit)> = names
        .names
        .iter()
        .enumerate()
        .filter(|(at, (kind, id, _))| matched[*at] == typed.len() && !found.contains(&(*kind, *id)))
        .map(|(at, (kind, id, title))| {
            let hit = search::Hit {
                kind: *kind,
                id: *id,
                snippet: title.clone(),
                title: title.clone(),
                meeting: None,
            };
            (sums[at], hit)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.title.cmp(&b.1.title)));
    scored.into_iter().take(10).map(|(_, h)| h).collect()
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
