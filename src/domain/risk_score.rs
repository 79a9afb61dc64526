//! A risk's score: likelihood × impact on 1–5 scales, the band it falls in, how often a band is
//! reviewed, and the trend read from the score history.

use chrono::{Duration, NaiveDate};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;

use super::Invalid;

/// Words for likelihood 1 to 5, shown beside the numbers in forms and help.
pub const LIKELIHOOD_WORDS: [&str; 5] =
    ["rare", "unlikely", "possible", "likely", "almost certain"];
/// Words for impact 1 to 5.
pub const IMPACT_WORDS: [&str; 5] = ["minimal", "minor", "moderate", "major", "severe"];

/// Likelihood and impact, each 1 to 5. The score is their product, 1 to 25.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RiskScore {
    pub likelihood: u8,
    pub impact: u8,
}

/// Written out with what scripts want next to the two inputs: the product and its band.
impl Serialize for RiskScore {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("RiskScore", 4)?;
        out.serialize_field("likelihood", &self.likelihood)?;
        out.serialize_field("impact", &self.impact)?;
        out.serialize_field("score", &self.value())?;
        out.serialize_field("band", &self.band())?;
        out.end()
    }
}

fn scale_value(field: &'static str, value: i64, words: &[&str; 5]) -> Result<u8, Invalid> {
    match u8::try_from(value) {
        Ok(v @ 1..=5) => Ok(v),
        _ => {
            let name = field.replace('_', " ");
            Err(Invalid::field(
                field,
                format!(
                    "{name} {value} is out of range: use 1 ({}) to 5 ({})",
                    words[0], words[4]
                ),
            ))
        }
    }
}

impl RiskScore {
    pub fn new(likelihood: i64, impact: i64) -> Result<RiskScore, Invalid> {
        Self::for_fields(("likelihood", "impact"), likelihood, impact)
    }

    /// The same checks with the error tied to other fields (e.g. the residual pair).
    pub fn for_fields(
        fields: (&'static str, &'static str),
        likelihood: i64,
        impact: i64,
    ) -> Result<RiskScore, Invalid> {
        Ok(RiskScore {
            likelihood: scale_value(fields.0, likelihood, &LIKELIHOOD_WORDS)?,
            impact: scale_value(fields.1, impact, &IMPACT_WORDS)?,
        })
    }

    pub fn value(self) -> u8 {
        self.likelihood * self.impact
    }

    pub fn band(self) -> Band {
        Band::of(self.value())
    }
}

impl fmt::Display for RiskScore {
    /// "L4×I3 = 12".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "L{}×I{} = {}",
            self.likelihood,
            self.impact,
            self.value()
        )
    }
}

/// Where a score falls: 1–4 low, 5–9 medium, 10–15 high, 16–25 critical.
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
pub enum Band {
    Low,
    Medium,
    High,
    Critical,
}

impl Band {
    /// Most severe first: the order filters cycle through.
    pub const SEVERE_FIRST: [Band; 4] = [Band::Critical, Band::High, Band::Medium, Band::Low];

    pub fn of(score: u8) -> Band {
        match score {
            0..=4 => Band::Low,
            5..=9 => Band::Medium,
            10..=15 => Band::High,
            _ => Band::Critical,
        }
    }
}

impl super::word::Word for Band {
    const FIELD: &'static str = "band";
}

/// Days until the next review, by band. The defaults: critical weekly, high every two weeks,
/// medium monthly, low quarterly; the config file can change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewIntervals {
    pub critical: u32,
    pub high: u32,
    pub medium: u32,
    pub low: u32,
}

impl Default for ReviewIntervals {
    fn default() -> Self {
        ReviewIntervals {
            critical: 7,
            high: 14,
            medium: 30,
            low: 90,
        }
    }
}

impl ReviewIntervals {
    pub const MAX_DAYS: u32 = 365;

    pub fn days(&self, band: Band) -> u32 {
        match band {
            Band::Critical => self.critical,
            Band::High => self.high,
            Band::Medium => self.medium,
            Band::Low => self.low,
        }
    }

    /// The review date a score of `band` gets when reviewed on `today`.
    pub fn next_review(&self, band: Band, today: NaiveDate) -> NaiveDate {
        today + Duration::days(i64::from(self.days(band)))
    }
}

/// One entry of a risk's score history: a creation, a change of score, or a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreEntry {
    pub date: NaiveDate,
    #[serde(flatten)]
    pub score: RiskScore,
    pub note: String,
}

/// Which way the score went since the previous entry of its history.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Trend {
    /// The score went up: the risk got worse.
    Worse,
    /// The score went down.
    Better,
    Same,
    /// Only one score so far.
    New,
}

impl Trend {
    /// The score history in date order → the latest move.
    pub fn of(history: &[ScoreEntry]) -> Trend {
        match history {
            [.., previous, latest] => match latest.score.value().cmp(&previous.score.value()) {
                std::cmp::Ordering::Greater => Trend::Worse,
                std::cmp::Ordering::Less => Trend::Better,
                std::cmp::Ordering::Equal => Trend::Same,
            },
            _ => Trend::New,
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Worse => "↑",
            Trend::Better => "↓",
            Trend::Same | Trend::New => "→",
        }
    }
}

impl super::word::Word for Trend {
    const FIELD: &'static str = "trend";
}
