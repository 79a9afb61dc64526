//! Events from outside calendars (`bearing import-ics`): read-only, shown on the agenda beside
//! rituals but never mixed up with them.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
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
    /// `TZID=` naming a zone whose VTIMEZONE keeps one UTC offset all year (`TZID:+0500`).
    Offset(NaiveDateTime, FixedOffset),
    /// `TZID=` naming a zone Bearing cannot resolve, by name or by its VTIMEZONE; read as a
    /// local wall-clock time.
    UnknownZone(NaiveDateTime, String),
    /// No zone at all: a local wall-clock time.
    Floating(NaiveDateTime),
}

impl IcsTime {
    pub fn is_date(&self) -> bool {
        matches!(self, IcsTime::Date(_))
    }

    /// The date-time as written (midnight for a date), whatever its zone.
    pub fn naive(&self) -> NaiveDateTime {
        match self {
            IcsTime::Date(d) => d.and_time(chrono::NaiveTime::MIN),
            IcsTime::Utc(t)
            | IcsTime::Zoned(t, _)
            | IcsTime::Offset(t, _)
            | IcsTime::UnknownZone(t, _)
            | IcsTime::Floating(t) => *t,
        }
    }
}

/// One VEVENT as read from the file and stored: expanded only when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    pub uid: String,
    pub title: String,
    pub start: IcsTime,
    pub end: Option<IcsTime>,
    /// DURATION, when given instead of DTEND.
    pub duration: Option<chrono::TimeDelta>,
    /// Every RRULE (RFC 5545 allows more than one; the instances are their union).
    pub rrules: Vec<String>,
    /// Every RDATE: extra instances, each with its own length when given as a PERIOD.
    pub rdates: Vec<RDate>,
    pub exdates: Vec<IcsTime>,
    /// Set on an override of one instance of a series.
    pub recurrence_id: Option<IcsTime>,
    pub cancelled: bool,
}

impl IcsEvent {
    /// A series: it has a rule or extra dates (an override of one instance never is one).
    pub fn repeats(&self) -> bool {
        self.recurrence_id.is_none() && (!self.rrules.is_empty() || !self.rdates.is_empty())
    }
}

/// One RDATE value: an extra instance, with its own length when it was a PERIOD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RDate {
    pub start: IcsTime,
    pub length: Option<chrono::TimeDelta>,
}

/// An imported VEVENT as stored: `source` names the calendar it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    pub id: i64,
    pub source: String,
    pub event: IcsEvent,
}

/// When a happening takes place, in local wall-clock time.
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

    /// The last day it covers: a timed span that ends at midnight ends on the day before.
    pub fn last_day(&self) -> NaiveDate {
        match self {
            EventSpan::Timed { start, end } if end > start => {
                let last = end.date();
                match last.pred_opt() {
                    Some(before) if end.time() == chrono::NaiveTime::MIN => before,
                    _ => last,
                }
            }
            EventSpan::Timed { start, .. } => start.date(),
            EventSpan::AllDay { first, end } => end.pred_opt().unwrap_or(*end).max(*first),
        }
    }
}

/// One happening of an imported event: a single event, or one instance of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEventFields {
    pub uid: String,
    pub title: String,
    pub span: EventSpan,
    /// For instances of a series: the start the rule gave this instance (local time), which stays
    /// its identity when an override moves it.
    pub recurrence_id: Option<NaiveDateTime>,
}

/// A happening with the stored event it comes from (`id`: the `CalendarEntry`).
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
    /// The titles of those events.
    pub unknown_zone_titles: Vec<String>,
    /// The calendar's own zone (X-WR-TIMEZONE), when it named one Bearing knows, and the titles
    /// of the events with floating times read in it.
    pub calendar_zone: Option<String>,
    pub in_calendar_zone: Vec<String>,
    /// Titles of events with floating times (no zone at all), shown in local time.
    pub floating: Vec<String>,
    /// Series with a rule Bearing cannot expand: that rule is left out (an event with no other
    /// rule or extra dates shows its first instance only).
    pub unexpanded: Vec<String>,
    /// Changes of a meeting meant for every later one too (`RANGE=THISANDFUTURE`), applied to
    /// that meeting only.
    pub this_and_future: Vec<String>,
    /// Series left out because their rule repeats beyond what Bearing follows
    /// (`schedule::rule_limits`): more than a few times a day, or too many times.
    pub refused: Vec<RefusedEvent>,
}

/// A series an import leaves out, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedEvent {
    /// The `CalendarEntry` of the series.
    pub id: i64,
    /// `event_label` of the series.
    pub label: String,
    pub reason: String,
}

/// How messages name an event: its title and UID, both printable (they come from a file Bearing
/// did not write).
pub fn event_label(title: &str, uid: &str) -> String {
    format!("\"{}\" (UID {})", printable(title), printable(uid))
}

/// `text` as a message quotes it: on one line, every control character shown as a visible mark
/// (the same marks as `terminal_safe`, line breaks and tabs included), cut after 80 characters.
pub fn printable(text: &str) -> String {
    const LONGEST: usize = 80;
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == LONGEST {
            out.push('…');
            break;
        }
        let unsafe_here = c == '\n' || c == '\t' || super::terminal_safe::is_unsafe(c);
        out.push(if unsafe_here {
            super::terminal_safe::shown_as(c)
        } else {
            c
        });
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
            "\"Stand␛[2Jup\" (UID a␊b)"
        );
        let long = "x".repeat(200);
        assert_eq!(printable(&long), format!("{}…", "x".repeat(80)));
        assert_eq!(printable("Café 会议"), "Café 会议");
    }
}
