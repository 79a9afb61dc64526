//! The risk register: what a risk is, the words its fields take, and the rules a risk must
//! satisfy before it is stored. Scores, bands and trends are in `risk_score`.

use chrono::NaiveDate;
use serde::Serialize;

use super::Invalid;
use super::risk_score::{RiskScore, ScoreEntry, Trend};
use super::text;
use super::word::Word;

/// What kind of risk it is; the register can be filtered by it.
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
pub enum Category {
    Delivery,
    Reliability,
    Security,
    People,
    Compliance,
    Vendor,
    Cost,
    Other,
}

impl Word for Category {
    const FIELD: &'static str = "category";
}

/// What is being done about it.
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
pub enum Response {
    Avoid,
    Mitigate,
    Transfer,
    Accept,
}

impl Word for Response {
    const FIELD: &'static str = "response";
}

/// Open risks are worked on, monitored ones watched; closed ones leave the agenda.
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
pub enum RiskStatus {
    Open,
    Monitoring,
    Closed,
}

impl Word for RiskStatus {
    const FIELD: &'static str = "status";
}

/// The checked, storable content of a risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskFields {
    /// Best written "If cause, then effect".
    pub title: String,
    pub category: Category,
    #[serde(flatten)]
    pub score: RiskScore,
    /// The owner's name as text: a person's (with `owner_id`) or someone outside the list.
    pub owner: String,
    /// The person who owns it, when the owner is one of my people.
    pub owner_id: Option<i64>,
    pub response: Response,
    pub status: RiskStatus,
    pub mitigation: String,
    pub trigger: String,
    pub next_review: Option<NaiveDate>,
    /// Likelihood and impact expected once the mitigation works.
    pub residual: Option<RiskScore>,
    /// Why an accepted risk is acceptable (empty unless accepted).
    pub accept_reason: String,
    /// When an acceptance must be reconsidered (None unless accepted).
    pub accept_expiry: Option<NaiveDate>,
}

impl RiskFields {
    /// A review date has passed on an open or monitored risk.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.status != RiskStatus::Closed && self.next_review.is_some_and(|d| d < today)
    }

    /// An accepted risk whose acceptance ran out: it needs a decision again.
    pub fn acceptance_expired(&self, today: NaiveDate) -> bool {
        self.status != RiskStatus::Closed
            && self.response == Response::Accept
            && self.accept_expiry.is_some_and(|d| d < today)
    }

    /// Since when it has needed attention, if it does: the overdue review date, else the
    /// expired acceptance (the same rule the agenda's radar applies).
    pub fn overdue_since(&self, today: NaiveDate) -> Option<NaiveDate> {
        if self.review_overdue(today) {
            self.next_review
        } else if self.acceptance_expired(today) {
            self.accept_expiry
        } else {
            None
        }
    }
}

/// A stored risk with its score history, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub id: i64,
    #[serde(flatten)]
    pub fields: RiskFields,
    pub history: Vec<ScoreEntry>,
}

impl Risk {
    pub fn score(&self) -> RiskScore {
        self.fields.score
    }

    pub fn trend(&self) -> Trend {
        Trend::of(&self.history)
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.fields.overdue_since(today).is_some()
    }
}

/// What a user typed for a risk, before it is checked. Likelihood and impact stay wide integers
/// so that a 0 or a 6 reaches the check and gets a message rather than a parse error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskDraft {
    pub title: String,
    pub category: Category,
    pub likelihood: i64,
    pub impact: i64,
    pub owner: String,
    /// A person picked as the owner (the text then follows their name).
    pub owner_id: Option<i64>,
    pub response: Response,
    pub status: RiskStatus,
    pub mitigation: String,
    pub trigger: String,
    /// None: set by the band when saved.
    pub next_review: Option<NaiveDate>,
    pub residual_likelihood: Option<i64>,
    pub residual_impact: Option<i64>,
    pub accept_reason: String,
    pub accept_expiry: Option<NaiveDate>,
}

impl Default for RiskDraft {
    fn default() -> Self {
        RiskDraft {
            title: String::new(),
            category: Category::Other,
            likelihood: 3,
            impact: 3,
            owner: String::new(),
            owner_id: None,
            response: Response::Mitigate,
            status: RiskStatus::Open,
            mitigation: String::new(),
            trigger: String::new(),
            next_review: None,
            residual_likelihood: None,
            residual_impact: None,
            accept_reason: String::new(),
            accept_expiry: None,
        }
    }
}

impl RiskDraft {
    pub fn validate(self) -> Result<RiskFields, Invalid> {
        let title = text::line("title", &self.title)?;
        if title.is_empty() {
            return Err(Invalid::field(
                "title",
                "a title is required, e.g. \"If CI stays flaky, then releases slip\"",
            ));
        }
        let score = RiskScore::new(self.likelihood, self.impact)?;
        let residual = match (self.residual_likelihood, self.residual_impact) {
            (Some(l), Some(i)) => Some(RiskScore::for_fields(
                ("residual_likelihood", "residual_impact"),
                l,
                i,
            )?),
            (None, None) => None,
            (Some(_), None) => {
                return Err(Invalid::field(
                    "residual_impact",
                    "give the residual impact too, or neither residual value",
                ));
            }
            (None, Some(_)) => {
                return Err(Invalid::field(
                    "residual_likelihood",
                    "give the residual likelihood too, or neither residual value",
                ));
            }
        };
        let accepted = self.response == Response::Accept;
        let accept_reason = if accepted {
            text::line("accept_reason", &self.accept_reason)?
        } else {
            String::new()
        };
        if accepted && accept_reason.is_empty() {
            return Err(Invalid::field(
                "accept_reason",
                "an accepted risk needs a reason: why is it acceptable?",
            ));
        }
        let accept_expiry = self.accept_expiry.filter(|_| accepted);
        if accepted && accept_expiry.is_none() {
            return Err(Invalid::field(
                "accept_expiry",
                "an accepted risk needs an expiry date, when the acceptance is reconsidered",
            ));
        }
        Ok(RiskFields {
            title,
            category: self.category,
            score,
            owner: text::line("owner", &self.owner)?,
            owner_id: self.owner_id,
            response: self.response,
            status: self.status,
            mitigation: text::body("mitigation", &self.mitigation)?,
            trigger: text::line("trigger", &self.trigger)?,
            next_review: self.next_review,
            residual,
            accept_reason,
            accept_expiry,
        })
    }
}

impl From<&RiskFields> for RiskDraft {
    fn from(f: &RiskFields) -> Self {
        RiskDraft {
            title: f.title.clone(),
            category: f.category,
            likelihood: i64::from(f.score.likelihood),
            impact: i64::from(f.score.impact),
            owner: f.owner.clone(),
            owner_id: f.owner_id,
            response: f.response,
            status: f.status,
            mitigation: f.mitigation.clone(),
            trigger: f.trigger.clone(),
            next_review: f.next_review,
            residual_likelihood: f.residual.map(|r| i64::from(r.likelihood)),
            residual_impact: f.residual.map(|r| i64::from(r.impact)),
            accept_reason: f.accept_reason.clone(),
            accept_expiry: f.accept_expiry,
        }
    }
}

#[cfg(test)]
#[path = "risk_tests.rs"]
mod tests;
