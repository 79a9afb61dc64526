//! The decision log: what was decided, when, why, by whom, and what replaced it. The shape is
//! the one engineers know from architecture decision records (Nygard, MADR): a numbered title,
//! a status, the context, the decision, its consequences, and a "superseded by" chain.

use chrono::NaiveDate;
use serde::Serialize;

use super::Invalid;
use super::text;
use super::word::{Word, one_of};

/// Where a decision stands. A proposal is accepted or rejected; an accepted decision is later
/// deprecated (dropped) or superseded (replaced by a newer record, which says so).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DecisionStatus {
    Proposed,
    Accepted,
    Rejected,
    Superseded,
    Deprecated,
}

impl Word for DecisionStatus {
    const FIELD: &'static str = "status";
}

impl DecisionStatus {
    /// The statuses a decision in this one may be moved to by hand. `superseded` is never among
    /// them: a decision is superseded by recording the one that replaces it.
    pub fn next(self) -> &'static [DecisionStatus] {
        use DecisionStatus::*;
        match self {
            Proposed => &[Accepted, Rejected],
            Accepted => &[Deprecated],
            Rejected => &[Proposed],
            Deprecated => &[Accepted],
            Superseded => &[],
        }
    }

    /// Checks a change of status by hand; the same status is no change and always allowed.
    pub fn change_to(self, to: DecisionStatus) -> Result<DecisionStatus, Invalid> {
        if to == self || self.next().contains(&to) {
            return Ok(to);
        }
        if to == DecisionStatus::Superseded {
            return Err(Invalid::field(
                "status",
                "a decision is superseded by recording the one that replaces it \
                 (`bearing decision add --supersedes ID`, or `S` on the Decisions tab)",
            ));
        }
        let allowed: Vec<&str> = self.next().iter().map(|s| s.as_str()).collect();
        let hint = if allowed.is_empty() {
            "it is replaced by a newer decision; change that one instead".to_string()
        } else {
            format!("it can become {}", one_of(&allowed))
        };
        Err(Invalid::field(
            "status",
            format!(
                "{} decision cannot become {to}: {hint}",
                article(self.as_str())
            ),
        ))
    }

    /// Still to be decided.
    pub fn is_pending(self) -> bool {
        self == DecisionStatus::Proposed
    }
}

/// The checked, storable content of a decision. Its status and the record that supersedes it
/// change through their own use-cases, not through an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionFields {
    pub title: String,
    /// The day it was decided (or proposed).
    pub date: NaiveDate,
    pub status: DecisionStatus,
    /// Why: the forces and the problem.
    pub context: String,
    /// What was decided.
    pub decision: String,
    /// What follows from it, good and bad.
    pub consequences: String,
    /// The meeting (an occurrence) it was made in.
    pub occurrence_id: Option<i64>,
    /// The decision that replaced this one.
    pub superseded_by: Option<i64>,
}

/// Who took part: the people who decided, and those consulted.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DecisionRole {
    Decided,
    Consulted,
}

impl Word for DecisionRole {
    const FIELD: &'static str = "role";
}

/// A stored decision with the people named on it and the records it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Its number: `0007` in an ADR file name.
    pub id: i64,
    #[serde(flatten)]
    pub fields: DecisionFields,
    /// Person ids, by role.
    pub decided_by: Vec<i64>,
    pub consulted: Vec<i64>,
    /// The decisions this one superseded.
    pub supersedes: Vec<i64>,
}

impl Decision {
    /// A proposal left open longer than `days`: it shows on the radar as a decision pending.
    pub fn pending_too_long(&self, today: NaiveDate, days: i64) -> bool {
        self.fields.status.is_pending() && (today - self.fields.date).num_days() > days
    }

    /// "0007", as ADR files number them.
    pub fn number(&self) -> String {
        format!("{:04}", self.id)
    }
}

/// What a user typed for a decision, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionDraft {
    pub title: String,
    pub date: NaiveDate,
    pub status: DecisionStatus,
    pub context: String,
    pub decision: String,
    pub consequences: String,
    pub occurrence_id: Option<i64>,
}

impl DecisionDraft {
    pub fn new(title: impl Into<String>, date: NaiveDate) -> Self {
        DecisionDraft {
            title: title.into(),
            date,
            status: DecisionStatus::Proposed,
            context: String::new(),
            decision: String::new(),
            consequences: String::new(),
            occurrence_id: None,
        }
    }

    /// Checks the text; `superseded_by` is carried over from the stored record (None for a
    /// new one). A new record cannot start out superseded.
    pub fn validate(self, superseded_by: Option<i64>) -> Result<DecisionFields, Invalid> {
        let title = text::line("title", &self.title)?;
        if title.is_empty() {
            return Err(Invalid::field(
                "title",
                "a title is required, e.g. \"Use Postgres for the billing service\"",
            ));
        }
        if self.status == DecisionStatus::Superseded && superseded_by.is_none() {
            return Err(Invalid::field(
                "status",
                "a decision is superseded by recording the one that replaces it \
                 (`bearing decision add --supersedes ID`)",
            ));
        }
        Ok(DecisionFields {
            title,
            date: self.date,
            status: self.status,
            context: text::body("context", &self.context)?,
            decision: text::body("decision", &self.decision)?,
            consequences: text::body("consequences", &self.consequences)?,
            occurrence_id: self.occurrence_id,
            superseded_by,
        })
    }
}

impl From<&DecisionFields> for DecisionDraft {
    fn from(f: &DecisionFields) -> Self {
        DecisionDraft {
            title: f.title.clone(),
            date: f.date,
            status: f.status,
            context: f.context.clone(),
            decision: f.decision.clone(),
            consequences: f.consequences.clone(),
            occurrence_id: f.occurrence_id,
        }
    }
}

/// The whole supersede chain through `id`, oldest first: the records it replaced, itself, and
/// those that replaced it, over `all` (ids missing from it end the chain). A damaged chain that
/// loops is cut where it comes back.
pub fn supersede_chain(all: &[Decision], id: i64) -> Vec<i64> {
    let find = |id: i64| all.iter().find(|d| d.id == id);
    let mut chain = vec![id];
    let mut at = id;
    while let Some(prev) = all
        .iter()
        .find(|d| d.fields.superseded_by == Some(at))
        .map(|d| d.id)
    {
        if chain.contains(&prev) {
            break;
        }
        chain.insert(0, prev);
        at = prev;
    }
    at = id;
    while let Some(next) = find(at).and_then(|d| d.fields.superseded_by) {
        if chain.contains(&next) || find(next).is_none() {
            break;
        }
        chain.push(next);
        at = next;
    }
    chain
}

/// Checks that `old` may be superseded by a new record: it is not already replaced, and it is
/// not the new record itself.
pub fn check_supersede(old: &Decision) -> Result<(), Invalid> {
    if let Some(by) = old.fields.superseded_by {
        return Err(Invalid::field(
            "supersedes",
            format!(
                "decision {} is already superseded by decision {by}: supersede that one instead",
                old.id
            ),
        ));
    }
    if old.fields.status == DecisionStatus::Rejected {
        return Err(Invalid::field(
            "supersedes",
            format!(
                "decision {} was rejected: there is nothing to supersede; reopen it with \
                 `bearing decision status {} proposed`",
                old.id, old.id
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "decision_tests.rs"]
mod tests;

/// "a proposed", "an accepted": the article a status word takes.
fn article(word: &str) -> String {
    let an = word.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {word}", if an { "an" } else { "a" })
}
