//! Looking at the register: the orders it can be sorted in, the filters that narrow it, and the
//! counts of the 5×5 heat map. Pure functions over loaded risks, shared by the TUI and the CLI.

use crate::domain::Word;
use std::cmp::Ordering;

use super::risk::{Category, Risk, RiskStatus};
use super::risk_score::{Band, RiskScore};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RiskSort {
    /// Highest score first.
    #[default]
    Score,
    /// Earliest next review first; risks without one last.
    Review,
    Category,
    Owner,
}

impl RiskSort {
    pub const ALL: [RiskSort; 4] = [
        RiskSort::Score,
        RiskSort::Review,
        RiskSort::Category,
        RiskSort::Owner,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RiskSort::Score => "score",
            RiskSort::Review => "review date",
            RiskSort::Category => "category",
            RiskSort::Owner => "owner",
        }
    }

    pub fn next(self) -> RiskSort {
        let i = RiskSort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        RiskSort::ALL[(i + 1) % RiskSort::ALL.len()]
    }
}

fn by_score(a: &Risk, b: &Risk) -> Ordering {
    b.score().value().cmp(&a.score().value())
}

fn by_review(a: &Risk, b: &Risk) -> Ordering {
    // None sorts last: a risk without a date is the least urgent.
    match (a.fields.next_review, b.fields.next_review) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn by_owner(a: &Risk, b: &Risk) -> Ordering {
    let (x, y) = (&a.fields.owner, &b.fields.owner);
    // Unowned risks last: they are a finding of their own, but not a name.
    x.is_empty()
        .cmp(&y.is_empty())
        .then_with(|| x.to_lowercase().cmp(&y.to_lowercase()))
}

/// The order of two risks under `sort`; ties fall back to score, then review date, then id, so
/// the order is stable across reloads.
pub fn compare(a: &Risk, b: &Risk, sort: RiskSort) -> Ordering {
    let first = match sort {
        RiskSort::Score => by_score(a, b).then_with(|| by_review(a, b)),
        RiskSort::Review => by_review(a, b).then_with(|| by_score(a, b)),
        RiskSort::Category => a
            .fields
            .category
            .cmp(&b.fields.category)
            .then_with(|| by_score(a, b)),
        RiskSort::Owner => by_owner(a, b).then_with(|| by_score(a, b)),
    };
    first.then_with(|| a.id.cmp(&b.id))
}

pub fn sort_risks(risks: &mut [&Risk], sort: RiskSort) {
    risks.sort_by(|a, b| compare(a, b, sort));
}

/// Which statuses to show. The register opens on the active ones: closed risks are history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Open and monitoring.
    #[default]
    Active,
    Only(RiskStatus),
    All,
}

impl StatusFilter {
    pub fn next(self) -> StatusFilter {
        match self {
            StatusFilter::Active => StatusFilter::Only(RiskStatus::Open),
            StatusFilter::Only(RiskStatus::Open) => StatusFilter::Only(RiskStatus::Monitoring),
            StatusFilter::Only(RiskStatus::Monitoring) => StatusFilter::Only(RiskStatus::Closed),
            StatusFilter::Only(RiskStatus::Closed) => StatusFilter::All,
            StatusFilter::All => StatusFilter::Active,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Active => "active",
            StatusFilter::Only(s) => s.as_str(),
            StatusFilter::All => "all",
        }
    }

    pub fn admits(self, status: RiskStatus) -> bool {
        match self {
            StatusFilter::Active => status != RiskStatus::Closed,
            StatusFilter::Only(s) => s == status,
            StatusFilter::All => true,
        }
    }
}

/// Steps an optional filter through `all` and back to None ("any").
pub fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RiskFilter {
    pub status: StatusFilter,
    pub category: Option<Category>,
    pub band: Option<Band>,
    /// Words to find in the title, owner, mitigation, trigger or category (any case).
    pub text: String,
    /// One heat-map cell: this likelihood and impact exactly.
    pub cell: Option<RiskScore>,
}

impl RiskFilter {
    pub fn is_default(&self) -> bool {
        *self == RiskFilter::default()
    }

    /// Every filter but the heat-map cell: what the heat map counts.
    pub fn admits_ignoring_cell(&self, risk: &Risk) -> bool {
        let f = &risk.fields;
        self.status.admits(f.status)
            && self.category.is_none_or(|c| c == f.category)
            && self.band.is_none_or(|b| b == f.score.band())
            && self.text_matches(risk)
    }

    pub fn admits(&self, risk: &Risk) -> bool {
        self.cell.is_none_or(|c| c == risk.fields.score) && self.admits_ignoring_cell(risk)
    }

    fn text_matches(&self, risk: &Risk) -> bool {
        let wanted = self.text.trim();
        if wanted.is_empty() {
            return true;
        }
        let f = &risk.fields;
        let haystack = [
            f.title.as_str(),
            f.owner.as_str(),
            f.mitigation.as_str(),
            f.trigger.as_str(),
            f.category.as_str(),
        ];
        // Every word must appear somewhere, so "ci flaky" finds "Flaky CI".
        wanted.split_whitespace().all(|word| {
            if word.is_ascii() {
                haystack
                    .iter()
                    .any(|h| contains_ignoring_ascii_case(h, word))
            } else {
                let word = word.to_lowercase();
                haystack.iter().any(|h| h.to_lowercase().contains(&word))
            }
        })
    }

    /// The active filters in words, for the pane title: ["status: open", "band: high"].
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if self.status != StatusFilter::Active {
            parts.push(format!("status: {}", self.status.label()));
        }
        if let Some(c) = self.category {
            parts.push(format!("category: {c}"));
        }
        if let Some(b) = self.band {
            parts.push(format!("band: {b}"));
        }
        if !self.text.trim().is_empty() {
            parts.push(format!("text: \"{}\"", self.text.trim()));
        }
        if let Some(c) = self.cell {
            parts.push(format!("cell L{}×I{}", c.likelihood, c.impact));
        }
        parts
    }
}

/// Case-insensitive search for an ASCII word, without allocating: the filter runs over every
/// field of every risk on each key press.
fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The risks `filter` admits, in `sort` order.
pub fn visible<'a>(risks: &'a [Risk], filter: &RiskFilter, sort: RiskSort) -> Vec<&'a Risk> {
    visible_indices(risks, filter, sort)
        .into_iter()
        .filter_map(|i| risks.get(i))
        .collect()
}

/// The same, as positions in `risks`, so a caller can keep its rows without copying them.
pub fn visible_indices(risks: &[Risk], filter: &RiskFilter, sort: RiskSort) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..risks.len())
        .filter(|i| filter.admits(&risks[*i]))
        .collect();
    if sort == RiskSort::Owner {
        // Lower-casing inside the comparison would allocate n·log n times; do it once each.
        let mut keyed: Vec<(bool, String, usize)> = shown
            .iter()
            .map(|&i| {
                let owner = &risks[i].fields.owner;
                (owner.is_empty(), owner.to_lowercase(), i)
            })
            .collect();
        keyed.sort_by(|a, b| {
            (a.0, &a.1)
                .cmp(&(b.0, &b.1))
                .then_with(|| by_score(&risks[a.2], &risks[b.2]))
                .then_with(|| risks[a.2].id.cmp(&risks[b.2].id))
        });
        return keyed.into_iter().map(|(_, _, i)| i).collect();
    }
    shown.sort_by(|a, b| compare(&risks[*a], &risks[*b], sort));
    shown
}

/// Counts per heat-map cell, `[likelihood - 1][impact - 1]`, of the risks the filter admits
/// (ignoring its own cell, so the map shows where else there is something).
pub fn heat_counts(risks: &[Risk], filter: &RiskFilter) -> [[usize; 5]; 5] {
    let mut counts = [[0; 5]; 5];
    for r in risks.iter().filter(|r| filter.admits_ignoring_cell(r)) {
        let s = r.fields.score;
        let (l, i) = (usize::from(s.likelihood), usize::from(s.impact));
        if let Some(cell) = counts
            .get_mut(l.wrapping_sub(1))
            .and_then(|row| row.get_mut(i.wrapping_sub(1)))
        {
            *cell += 1;
        }
    }
    counts
}

#[cfg(test)]
#[path = "risk_list_tests.rs"]
mod tests;
