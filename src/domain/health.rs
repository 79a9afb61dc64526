//! A private health read of a person: morale and flight risk on a day, kept as history.

use chrono::NaiveDate;
use serde::Serialize;

use super::word::Word;
use super::{Invalid, text};

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
pub enum FlightRisk {
    Low,
    Medium,
    High,
}

impl Word for FlightRisk {
    const FIELD: &'static str = "flight_risk";
}

/// A stored read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthRead {
    pub id: i64,
    pub person_id: i64,
    pub date: NaiveDate,
    /// 1 (low) to 5 (high).
    pub morale: u8,
    pub flight_risk: FlightRisk,
    pub note: String,
}

/// A checked read, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthFields {
    pub date: NaiveDate,
    pub morale: u8,
    pub flight_risk: FlightRisk,
    pub note: String,
}

impl HealthFields {
    /// Checks morale (1 to 5) and the note's length.
    pub fn new(
        date: NaiveDate,
        morale: i64,
        flight_risk: FlightRisk,
        note: &str,
    ) -> Result<HealthFields, Invalid> {
        let morale = u8::try_from(morale)
            .ok()
            .filter(|m| (1..=5).contains(m))
            .ok_or_else(|| {
                Invalid::field(
                    "morale",
                    "morale is 1 (low) to 5 (high); give one of 1 to 5",
                )
            })?;
        Ok(HealthFields {
            date,
            morale,
            flight_risk,
            note: text::body("note", note)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn morale_is_one_to_five_and_flight_risk_a_word() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(HealthFields::new(day, 0, FlightRisk::Low, "").is_err());
        assert!(HealthFields::new(day, 6, FlightRisk::Low, "").is_err());
        assert_eq!(
            HealthFields::new(day, 3, FlightRisk::High, " ok ")
                .unwrap()
                .morale,
            3
        );
        let err = FlightRisk::parse("huge").unwrap_err();
        assert!(err.message.contains("low, medium or high"));
    }
}
