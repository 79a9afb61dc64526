//! What search finds: one closed set of kinds, so a new kind is a compile error wherever results
//! are grouped, labelled or opened until it is handled there.

use serde::Serialize;

/// The kinds of thing search finds, in the order results are grouped (the things one jumps to
/// first). Named in JSON and on the CLI by their snake-case names (`"person"`, `"meeting"`, …).
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
    strum::EnumString,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SearchKind {
    Person,
    Ritual,
    Goal,
    Risk,
    Decision,
    /// What was written at one meeting: its notes, decisions and agenda items ticked off.
    Meeting,
    Topic,
    Action,
    Note,
    /// A private context entry on a person (career, feedback, context).
    Context,
}

impl SearchKind {
    /// Every kind, in the order results are grouped.
    pub const ALL: &'static [SearchKind] = <SearchKind as strum::VariantArray>::VARIANTS;

    /// The name JSON and the CLI give this kind.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The heading over this kind's results.
    pub fn heading(self) -> &'static str {
        match self {
            SearchKind::Person => "People",
            SearchKind::Ritual => "Rituals",
            SearchKind::Goal => "Goals",
            SearchKind::Risk => "Risks",
            SearchKind::Decision => "Decisions",
            SearchKind::Meeting => "Meetings",
            SearchKind::Topic => "Talking points",
            SearchKind::Action => "Actions",
            SearchKind::Note => "Notes",
            SearchKind::Context => "Private context",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SearchKind;

    #[test]
    fn kinds_keep_the_names_json_has_always_used() {
        let names: Vec<String> = SearchKind::ALL.iter().map(|k| k.to_string()).collect();
        assert_eq!(
            names,
            [
                "person", "ritual", "goal", "risk", "decision", "meeting", "topic", "action",
                "note", "context"
            ]
        );
        let json = serde_json::to_string(&SearchKind::Topic).unwrap();
        assert_eq!(json, "\"topic\"");
    }
}
