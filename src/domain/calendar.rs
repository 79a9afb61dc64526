//! Events from outside calendars (`bearing import-ics`): read-only, shown on the agenda beside
//! rituals but never mixed up with them.

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

/// A DTSTART, DTEND, EXDATE or RECURRENCE-ID value as the file gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IcsTime {
    /// `VALUE=DATE`: a whole day.
    Date(NaiveDate),
    /// A trailing `Z`.
    Utc(NaiveDateTime),
    /// `TZID=` naming a zone chrono-tz knows.
    Zoned(NaiveDateTime, Tz),
    /// `TZID=` naming a zone it does not know (Outlook's "W. Europe Standard Time"); read as a
    /// local wall-clock time.
    UnknownZone(NaiveDateTime, String),
    /// No zone at all: a local wall-clock time.
    Floating(NaiveDateTime),
}

impl IcsTime {
    pub fn is_date(&self) -> bool {
        matches!(self, IcsTime::Date(_))
    }
}

/// One VEVENT as read from the file, before recurrence expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    pub uid: String,
    pub title: String,
    pub start: IcsTime,
    pub end: Option<IcsTime>,
    /// DURATION, when given instead of DTEND.
    pub duration: Option<chrono::TimeDelta>,
    pub rrule: Option<String>,
    pub exdates: Vec<IcsTime>,
    /// Set on an override of one instance of a series.
    pub recurrence_id: Option<IcsTime>,
    pub cancelled: bool,
}

/// When a stored event happens, in local wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSpan {
    Timed {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    /// Whole days from `first` up to, not including, `end`.
    AllDay { first: NaiveDate, end: NaiveDate },
}

impl EventSpan {
    pub fn first_day(&self) -> NaiveDate {
        match self {
            EventSpan::Timed { start, .. } => start.date(),
            EventSpan::AllDay { first, .. } => *first,
        }
    }
}

/// One happening of an imported event: a single event, or one instance of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEventFields {
    pub uid: String,
    pub title: String,
    pub span: EventSpan,
    /// The series' rule, for instances of a recurring event.
    pub rrule: Option<String>,
    /// For instances of a series: the start the rule gave this instance (local time), which stays
    /// its identity when an override moves it.
    pub recurrence_id: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    pub id: i64,
    pub source: String,
    pub fields: CalendarEventFields,
}

/// What an import did, for the one-line report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Events (series count once) imported; cancelled ones are left out.
    pub events: usize,
    pub recurring: usize,
    /// Events of the same source that the import replaced.
    pub replaced: usize,
    /// Events whose TZID Bearing does not know, read as local time, and those zone names.
    pub unknown_zone_events: usize,
    pub unknown_zones: Vec<String>,
    /// Series whose rule Bearing cannot expand: only their first instance is shown.
    pub unexpanded: Vec<String>,
    /// Series left out because their rule repeats beyond what Bearing follows
    /// (`schedule::rule_limits`): more than a few times a day, or too many times.
    pub refused: Vec<RefusedEvent>,
}

/// A series an import leaves out, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedEvent {
    /// `event_label` of the series.
    pub label: String,
    pub reason: String,
}

/// How messages name an event: its title and UID, both printable (they come from a file Bearing
/// did not write).
pub fn event_label(title: &str, uid: &str) -> String {
    format!("\"{}\" (UID {})", printable(title), printable(uid))
}

/// `text` safe to print in a message: control characters (escape sequences among them) shown
/// escaped, and cut after 80 characters.
pub fn printable(text: &str) -> String {
    const LONGEST: usize = 80;
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == LONGEST {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_control_characters_and_cut_long_titles() {
        assert_eq!(
            event_label("Stand\u{1b}[2Jup", "a\nb"),
            "\"Stand\\u{1b}[2Jup\" (UID a\\nb)"
        );
        let long = "x".repeat(200);
        assert_eq!(printable(&long), format!("{}…", "x".repeat(80)));
        assert_eq!(printable("Café 会议"), "Café 会议");
    }
}
