//! Recurring meetings. A 1:1 is a ritual linked to one person; a one-off meeting has no rule.

use chrono::{NaiveDateTime, Weekday};
use serde::Serialize;

use super::Invalid;
use super::text;

/// The longest meeting, and the most preparation one takes: four hours, as for a 1:1's length.
/// (Longer values typed by mistake, `--duration 600`, are refused rather than filling a day.)
pub const DURATION_MAX_MIN: u32 = 240;

/// How far ahead a meeting may be marked held (or a 1:1 recorded): one held early this week, not
/// a mistyped month.
pub const HELD_AHEAD_DAYS: i64 = 7;

/// How many days `day` is past the [`HELD_AHEAD_DAYS`] a meeting may be held early, as seen on
/// `today`: None when it may be marked held (or recorded) now.
pub fn too_far_ahead(day: chrono::NaiveDate, today: chrono::NaiveDate) -> Option<i64> {
    let ahead = (day - today).num_days();
    (ahead > HELD_AHEAD_DAYS).then_some(ahead)
}

/// How one meeting is named wherever it is listed (a report, a search hit): "Staff, Mon 16 Nov".
pub fn meeting_label(series: &str, day: chrono::NaiveDate) -> String {
    format!("{series}, {}", day.format("%a %-d %b"))
}

/// A stored ritual series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ritual {
    pub id: i64,
    #[serde(flatten)]
    pub fields: RitualFields,
    pub previous_id: Option<i64>,
}

/// The checked, storable content of a ritual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RitualFields {
    pub name: String,
    /// RFC 5545 RRULE body without the `RRULE:` prefix; `None` for a one-off meeting.
    pub rrule: Option<String>,
    pub dtstart: NaiveDateTime,
    pub duration_min: u32,
    #[serde(serialize_with = "serialize_weekday")]
    pub week_start: Weekday,
    pub person_id: Option<i64>,
    pub attendees: String,
    /// Agenda checklist, one item per line.
    pub agenda: String,
    pub prep_min: u32,
    pub location: String,
}

fn serialize_weekday<S: serde::Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(weekday_code(*day))
}

/// RFC 5545 two-letter weekday code.
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

pub fn parse_weekday_code(code: &str) -> Option<Weekday> {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .find(|d| weekday_code(*d).eq_ignore_ascii_case(code.trim()))
}

impl RitualFields {
    /// A series (a one-off meeting when `rrule` is `None`) with only its schedule: no person,
    /// attendees, agenda, prep or place, its weeks starting on Monday.
    pub fn new(
        name: impl Into<String>,
        rrule: Option<String>,
        dtstart: NaiveDateTime,
        duration_min: u32,
    ) -> RitualFields {
        RitualFields {
            name: name.into(),
            rrule,
            dtstart,
            duration_min,
            week_start: Weekday::Mon,
            person_id: None,
            attendees: String::new(),
            agenda: String::new(),
            prep_min: 0,
            location: String::new(),
        }
    }

    /// Checks everything that does not need the recurrence engine; the rule itself is checked by
    /// `schedule::recurrence` before anything is stored.
    pub fn check(mut self) -> Result<RitualFields, Invalid> {
        self.name = text::required_line("name", &self.name)?;
        self.attendees = text::body("attendees", &self.attendees)?;
        self.agenda = text::body("agenda", &self.agenda)?;
        self.location = text::line("location", &self.location)?;
        if self.duration_min == 0 {
            return Err(Invalid::field(
                "duration",
                "the duration must be at least 1 minute",
            ));
        }
        if self.duration_min > DURATION_MAX_MIN {
            return Err(Invalid::field(
                "duration",
                format!("the duration must be at most {DURATION_MAX_MIN} minutes (4 hours)"),
            ));
        }
        if self.prep_min > DURATION_MAX_MIN {
            return Err(Invalid::field(
                "prep",
                format!("prep time must be at most {DURATION_MAX_MIN} minutes (4 hours)"),
            ));
        }
        self.rrule = self
            .rrule
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty());
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn fields() -> RitualFields {
        RitualFields {
            name: " Staff  meeting ".into(),
            rrule: Some("FREQ=WEEKLY;BYDAY=MO".into()),
            dtstart: NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
            duration_min: 60,
            week_start: Weekday::Mon,
            person_id: None,
            attendees: String::new(),
            agenda: String::new(),
            prep_min: 0,
            location: String::new(),
        }
    }

    #[test]
    fn zero_and_overlong_durations_are_rejected() {
        let mut f = fields();
        f.duration_min = 0;
        assert_eq!(f.check().unwrap_err().field, Some("duration"));
        let mut f = fields();
        f.duration_min = DURATION_MAX_MIN + 1;
        assert!(f.check().is_err());
    }

    #[test]
    fn names_are_folded_and_blank_rules_mean_one_off() {
        let mut f = fields();
        f.rrule = Some("  ".into());
        let ok = f.check().unwrap();
        assert_eq!(ok.name, "Staff meeting");
        assert_eq!(ok.rrule, None);
    }

    #[test]
    fn weekday_codes_round_trip() {
        for code in ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] {
            assert_eq!(weekday_code(parse_weekday_code(code).unwrap()), code);
        }
        assert_eq!(parse_weekday_code("xx"), None);
    }
}

/// What became of one occurrence of a series.
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
pub enum OccurrenceStatus {
    Scheduled,
    Held,
    Skipped,
}

impl OccurrenceStatus {
    /// Whether a meeting in this state is still to come once its hour is ahead: neither skipped
    /// nor held already (a 1:1 written up before its hour took place early).
    pub fn is_to_come(self) -> bool {
        self == OccurrenceStatus::Scheduled
    }
}

impl super::word::Word for OccurrenceStatus {
    const FIELD: &'static str = "status";
}

/// The stored state of one occurrence, keyed by the start the series gave it. Only occurrences
/// that were touched (skipped, moved, held, or given notes) have a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OccurrenceRecord {
    pub id: i64,
    pub ritual_id: i64,
    pub original_start: NaiveDateTime,
    pub status: OccurrenceStatus,
    /// The new start when the occurrence was moved.
    pub moved_to: Option<NaiveDateTime>,
    pub notes: String,
    pub decisions: String,
    /// The series' agenda items ticked off at this meeting, one per line.
    pub agenda_done: String,
}
