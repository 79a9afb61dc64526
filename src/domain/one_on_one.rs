//! 1:1 material: notes, talking points, action items, private context, and the rules that tie
//! them together (carry-forward, overdue, cadence warnings).

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::Invalid;
use super::dates::parse_date;
use super::person::Relation;
use super::word::Word;

/// A dated 1:1 note. Confidential: its body never goes into logs or error messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: i64,
    pub person_id: i64,
    pub date: NaiveDate,
    pub body: String,
}

/// A talking point queued for someone's next 1:1; it carries forward until discussed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Topic {
    pub id: i64,
    pub person_id: i64,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub discussed_at: Option<NaiveDateTime>,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    PartialOrd,
    Ord,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Owner {
    Me,
    Them,
}

impl Word for Owner {
    const FIELD: &'static str = "owner";
}

impl Owner {
    /// Refuses an action someone else owes with nobody named to owe it: it was said to be
    /// "yours" and stored as theirs.
    pub fn check_with(self, person_id: Option<i64>) -> Result<(), super::Invalid> {
        if self == Owner::Them && person_id.is_none() {
            return Err(super::Invalid::field(
                "owner",
                "an action they owe needs the person who owes it: name them, or make it yours",
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionItem {
    pub id: i64,
    pub person_id: Option<i64>,
    pub owner: Owner,
    pub body: String,
    pub due: Option<NaiveDate>,
    pub done_at: Option<NaiveDateTime>,
}

impl ActionItem {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done_at.is_none() && self.due.is_some_and(|d| d < today)
    }
}

/// Open actions in the order a 1:1 should go through them: overdue first (oldest first), then by
/// due date, undated last.
pub fn prep_order(actions: &mut [ActionItem], today: NaiveDate) {
    actions.sort_by_key(|a| (!a.is_overdue(today), a.due.is_none(), a.due, a.id));
}

/// Splits a person's queue after a 1:1: what was discussed, and what carries forward.
pub fn carry_forward(queue: Vec<Topic>, discussed: &[i64]) -> (Vec<Topic>, Vec<Topic>) {
    queue.into_iter().partition(|t| discussed.contains(&t.id))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CadenceState {
    /// Within the cadence.
    Ok,
    /// Past the cadence.
    Warning,
    /// Past twice the cadence.
    Alarm,
}

/// How late the last 1:1 is, given the days since it and the usual gap between 1:1s.
pub fn cadence_state(days_since: i64, gap_days: i64) -> CadenceState {
    let gap = gap_days.max(1);
    if days_since > 2 * gap {
        CadenceState::Alarm
    } else if days_since > gap {
        CadenceState::Warning
    } else {
        CadenceState::Ok
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ContextKind {
    Career,
    Feedback,
    Context,
}

impl Word for ContextKind {
    const FIELD: &'static str = "kind";
}

/// A dated entry of private context: a career conversation, feedback given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContextEntry {
    pub id: i64,
    pub person_id: i64,
    pub date: NaiveDate,
    pub kind: ContextKind,
    pub body: String,
}

/// The questions a 1:1 template asks, by relation, when the person has none of their own.
pub fn default_prompts(relation: Relation) -> &'static [&'static str] {
    match relation {
        Relation::Report => &[
            "How are you doing, really?",
            "What are your top priorities this week?",
            "What is blocking you, and what can I unblock?",
            "Feedback: one thing going well, one to change (both ways)",
            "Career: progress on your growth goals",
        ],
        Relation::Manager => &[
            "What I want you to know: wins, risks, asks",
            "Where I need a decision or air cover",
            "How am I doing against your expectations?",
        ],
        Relation::Peer => &[
            "Where do our teams depend on each other right now?",
            "What is about to surprise one of us?",
            "What can we decide together today?",
        ],
        Relation::Stakeholder => &[
            "What do you need from engineering this month?",
            "Status of the commitments we made you",
            "Risks you should hear from me first",
        ],
    }
}

/// Checks the text of a note, topic or action: present, and within the limit of a body.
pub fn check_text(field: &'static str, text: &str) -> Result<String, Invalid> {
    super::text::required_body(field, text)
}

/// An action typed as one line when recording a 1:1: `[me:|them:] text [due DATE]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLine {
    pub owner: Owner,
    pub body: String,
    pub due: Option<NaiveDate>,
}

pub fn parse_action_line(line: &str, today: NaiveDate) -> Result<ActionLine, Invalid> {
    let mut text = line.trim();
    let mut owner = Owner::Me;
    for (prefix, who) in [("them:", Owner::Them), ("me:", Owner::Me)] {
        if text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix) {
            owner = who;
            text = text[prefix.len()..].trim_start();
        }
    }
    let mut due = None;
    if let Some(at) = text.to_ascii_lowercase().rfind(" due ") {
        let when = &text[at + 5..];
        due = Some(parse_date(when, today).map_err(|e| {
            Invalid::field("actions", format!("action \"{}\": {e}", shorten(text)))
        })?);
        text = text[..at].trim_end();
    }
    if text.trim().is_empty() {
        // "the actions is empty" read oddly for one empty action.
        return Err(Invalid::field(
            "actions",
            "an action is empty: write what needs doing, or leave it out",
        ));
    }
    Ok(ActionLine {
        owner,
        body: check_text("actions", text)?,
        due,
    })
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        s.push('…');
    }
    s
}

#[cfg(test)]
#[path = "one_on_one_tests.rs"]
mod tests;
