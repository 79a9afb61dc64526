//! People the director works with, and the rules their records must satisfy.

use serde::{Deserialize, Serialize};

use super::Invalid;
use super::text;
use super::word::Word;

/// How a person relates to the user; it drives the default 1:1 prompts and list grouping.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Relation {
    Report,
    Peer,
    Manager,
    Stakeholder,
}

impl Word for Relation {
    const FIELD: &'static str = "relation";
}

/// A stored person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub team: String,
    pub relation: Relation,
    /// Private context: career goals, aspirations. Confidential like notes.
    pub career_goals: String,
    /// Private context: anything else worth remembering before a 1:1.
    pub context: String,
    /// This person's 1:1 prompts, one per line; empty means the defaults for their relation.
    pub prompts: String,
    /// The person they report to; None: they report to me (or are not in my org).
    pub reports_to: Option<i64>,
}

/// What a user typed for a person, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonDraft {
    pub name: String,
    pub role: String,
    pub team: String,
    pub relation: Option<Relation>,
    pub career_goals: String,
    pub context: String,
    pub prompts: String,
    pub reports_to: Option<i64>,
}

/// A checked person, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFields {
    pub name: String,
    pub role: String,
    pub team: String,
    pub relation: Relation,
    pub career_goals: String,
    pub context: String,
    pub prompts: String,
    pub reports_to: Option<i64>,
}

impl PersonDraft {
    pub fn validate(self) -> Result<PersonFields, Invalid> {
        let name = text::required_line("name", &self.name)?;
        if name.chars().all(|c| c.is_ascii_digit()) {
            return Err(Invalid::field(
                "name",
                "a name cannot be only digits (numbers are taken as ids on the command line)",
            ));
        }
        Ok(PersonFields {
            name,
            role: text::line("role", &self.role)?,
            team: text::line("team", &self.team)?,
            relation: self.relation.unwrap_or(Relation::Report),
            career_goals: text::body("career_goals", &self.career_goals)?,
            context: text::body("context", &self.context)?,
            prompts: text::body(
                "prompts",
                &self
                    .prompts
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n"),
            )?,
            reports_to: self.reports_to,
        })
    }
}

impl From<&Person> for PersonFields {
    fn from(p: &Person) -> Self {
        PersonFields {
            name: p.name.clone(),
            role: p.role.clone(),
            team: p.team.clone(),
            relation: p.relation,
            career_goals: p.career_goals.clone(),
            context: p.context.clone(),
            prompts: p.prompts.clone(),
            reports_to: p.reports_to,
        }
    }
}

impl From<&Person> for PersonDraft {
    fn from(p: &Person) -> Self {
        PersonDraft {
            name: p.name.clone(),
            role: p.role.clone(),
            team: p.team.clone(),
            relation: Some(p.relation),
            career_goals: p.career_goals.clone(),
            context: p.context.clone(),
            prompts: p.prompts.clone(),
            reports_to: p.reports_to,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str) -> PersonDraft {
        PersonDraft {
            name: name.into(),
            ..PersonDraft::default()
        }
    }

    #[test]
    fn empty_name_is_rejected_on_the_name_field() {
        let err = draft("   ").validate().unwrap_err();
        assert_eq!(err.field, Some("name"));
        assert_eq!(err.message, "a name is required");
    }

    #[test]
    fn whitespace_is_folded_and_relation_defaults_to_report() {
        let ok = draft("  Ada \t  Lovelace\n").validate().unwrap();
        assert_eq!(ok.name, "Ada Lovelace");
        assert_eq!(ok.relation, Relation::Report);
    }

    #[test]
    fn numeric_and_overlong_names_are_rejected() {
        assert!(draft("42").validate().is_err());
        assert!(draft(&"x".repeat(text::LINE_MAX + 1)).validate().is_err());
        assert!(draft(&"x".repeat(text::LINE_MAX)).validate().is_ok());
    }

    #[test]
    fn relation_parses_case_insensitively_and_names_the_choices() {
        assert_eq!(Relation::parse(" Peer ").unwrap(), Relation::Peer);
        let err = Relation::parse("boss").unwrap_err();
        assert!(err.message.contains("report, peer, manager or stakeholder"));
    }
}
