//! Enums that are stored, typed and printed as one word ("report", "on_track", "critical"): strum
//! derives the names; this trait adds the list of words and a parse whose error says which
//! words are accepted.

use super::Invalid;

/// Implemented by the word enums: derive `strum::IntoStaticStr`, `strum::VariantArray` (and
/// `strum::Display`) with `#[strum(serialize_all = "snake_case")]`, and name the field the word
/// is typed into.
pub trait Word: Copy + PartialEq + Into<&'static str> + strum::VariantArray + 'static {
    /// The field the word is typed into, for messages ("category", "relation").
    const FIELD: &'static str;

    /// Every value, in declaration order.
    const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    fn as_str(self) -> &'static str {
        self.into()
    }

    fn words() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.as_str()).collect()
    }

    /// The value named `text` exactly (as stored), if any.
    fn from_word(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == text)
    }

    /// What a user typed: case-insensitive, spaces and dashes as underscores; the error names
    /// the field and the accepted words.
    fn parse(text: &str) -> Result<Self, Invalid> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Self::from_word(&wanted).ok_or_else(|| {
            Invalid::field(
                Self::FIELD,
                format!(
                    "unknown {} \"{}\": use {}",
                    Self::FIELD.replace('_', " "),
                    text.trim(),
                    one_of(&Self::words())
                ),
            )
        })
    }
}

/// "a, b, c or d", for messages that list the accepted words.
pub fn one_of(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::person::Relation;
    use crate::domain::plan::Confidence;

    #[test]
    fn words_parse_loosely_and_refuse_with_the_list() {
        assert_eq!(Relation::parse(" Peer "), Ok(Relation::Peer));
        assert_eq!(Confidence::parse("at risk"), Ok(Confidence::AtRisk));
        assert_eq!(Confidence::parse("off-track"), Ok(Confidence::OffTrack));
        assert_eq!(
            Confidence::from_word("at risk"),
            None,
            "stored words are exact"
        );
        let e = Relation::parse("boss").unwrap_err();
        assert_eq!(e.field, Some("relation"));
        assert_eq!(
            e.message,
            "unknown relation \"boss\": use report, peer, manager or stakeholder"
        );
        assert_eq!(one_of(&["a"]), "a");
    }
}
