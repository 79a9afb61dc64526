//! What the agenda shows: dated items of every kind, and the radar of things needing attention.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Serialize, Serializer};

use super::ritual::OccurrenceStatus;

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
pub enum ItemKind {
    Ritual,
    OneOnOne,
    GoalDue,
    ActionDue,
    RiskReview,
    /// An event imported from an outside calendar: read-only.
    Calendar,
    /// The scorecard's numbers are due today (one item for all of them).
    MetricsDue,
}

impl super::word::Word for ItemKind {
    const FIELD: &'static str = "kind";
}

/// The days ahead the radar warns of actions and reviews coming due, unless the config says
/// otherwise (org-agenda's deadline warnings, shorter: the week is on screen beside it).
pub const RADAR_LEAD_DAYS: u32 = 3;

/// What the agenda opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgendaView {
    /// The week holding today; once its working days (Monday to Friday) are over, the coming
    /// week.
    #[default]
    Week,
    /// Seven days from today.
    Rolling,
}

impl ItemKind {
    pub fn is_meeting(self) -> bool {
        matches!(self, ItemKind::Ritual | ItemKind::OneOnOne)
    }
}

fn hh_mm<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.format("%H:%M").to_string()),
        None => s.serialize_none(),
    }
}

fn ymd<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.format("%Y-%m-%d").to_string())
}

fn ymd_hm<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.format("%Y-%m-%dT%H:%M").to_string()),
        None => s.serialize_none(),
    }
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    #[serde(serialize_with = "ymd")]
    pub date: NaiveDate,
    #[serde(serialize_with = "hh_mm")]
    pub start: Option<NaiveTime>,
    #[serde(serialize_with = "hh_mm")]
    pub end: Option<NaiveTime>,
    pub kind: ItemKind,
    pub title: String,
    /// The id of the ritual, goal, action, risk or calendar event behind the item.
    pub id: i64,
    pub person: Option<String>,
    pub person_id: Option<i64>,
    /// For meetings: scheduled, held or skipped.
    pub status: Option<OccurrenceStatus>,
    /// For meetings and calendar events of a series: the start the series gave this occurrence
    /// (its identity, even when moved).
    #[serde(serialize_with = "ymd_hm")]
    pub occurrence: Option<NaiveDateTime>,
    pub moved: bool,
    /// For actions and goals: already done.
    pub done: bool,
    /// For timed items: it overlaps another meeting or event of the day (skipped ones aside).
    pub conflict: bool,
    /// For a timed calendar event over several days: when the whole event ends (each day shows
    /// its own piece, which ends at midnight on every day but the last).
    #[serde(serialize_with = "ymd_hm", skip_serializing_if = "Option::is_none")]
    pub lasts_until: Option<NaiveDateTime>,
}

impl AgendaItem {
    /// The moment the item starts, for "now" and countdowns; untimed items count from midnight.
    pub fn starts_at(&self) -> NaiveDateTime {
        self.date.and_time(self.start.unwrap_or(NaiveTime::MIN))
    }

    /// The moment a timed item ends: an end at or before its start is on the next day (a
    /// meeting past midnight, or a day of a calendar event that goes on to midnight); an item
    /// with a start and no end (an imported event with no DTEND or DURATION) ends as it starts.
    pub fn ends_at(&self) -> Option<NaiveDateTime> {
        let start = self.starts_at();
        let Some(end) = self.end else {
            return self.start.map(|_| start);
        };
        let end = self.date.and_time(end);
        Some(if end <= start {
            end + chrono::Duration::days(1)
        } else {
            end
        })
    }

    /// "10:00–11:00" for a timed item, "10:00" for one with no end; an end at midnight reads
    /// "24:00" ("00:00–24:00" for a whole day of an event that lasts several).
    pub fn time_range(&self) -> Option<String> {
        let start = self.start?;
        let Some(end) = self.end else {
            return Some(start.format("%H:%M").to_string());
        };
        let end = if end == NaiveTime::MIN {
            "24:00".to_string()
        } else {
            end.format("%H:%M").to_string()
        };
        Some(format!("{}–{end}", start.format("%H:%M")))
    }

    /// The title as people read it: a 1:1 names its person ("1:1 Marcus Oyelaran").
    pub fn display_title(&self) -> String {
        match self.kind {
            ItemKind::OneOnOne | ItemKind::Ritual => {
                meeting_title(&self.title, self.person.as_deref())
            }
            _ => self.title.clone(),
        }
    }
}

/// A meeting's name with the person it is with, unless the name says so already: "1:1" with
/// Marcus Oyelaran reads "1:1 Marcus Oyelaran", "Skip-level" reads "Skip-level · Marcus
/// Oyelaran", "1:1 Marcus Oyelaran" stays as it is.
pub fn meeting_title(name: &str, person: Option<&str>) -> String {
    let Some(person) = person.map(str::trim).filter(|p| !p.is_empty()) else {
        return name.to_string();
    };
    let lower = name.to_lowercase();
    if lower.contains(&person.to_lowercase()) {
        return name.to_string();
    }
    let trimmed = name.trim();
    if trimmed.is_empty() {
        person.to_string()
    } else if lower.trim_end().ends_with("1:1") || lower.trim_end().ends_with("1-1") {
        format!("{trimmed} {person}")
    } else {
        format!("{trimmed} · {person}")
    }
}

/// What a radar item is, in the order the radar lists them: what is late before what is coming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RadarKind {
    /// An open action item past its due date.
    OverdueAction,
    /// An accepted risk whose acceptance has run out: accept it again or respond otherwise.
    AcceptanceExpired,
    /// A risk (open or monitored) whose next review has passed.
    OverdueReview,
    /// A goal whose progress is below the share of its window that has passed.
    GoalBehind,
    /// A metric off target two periods running or more.
    MetricOffTarget,
    /// A metric whose number for the last period was not entered.
    MetricMissing,
    /// A person whose last 1:1 is older than twice their cadence.
    OneOnOneOverdue,
    /// A decision proposed more than two weeks ago and still not decided.
    DecisionPending,
    /// An open action item due within the lead days (today included).
    ActionDueSoon,
    /// A risk review due within the lead days (today included).
    ReviewDueSoon,
    /// A skip-level (two levels down) not seen for longer than the skip-level cadence.
    SkipLevelOverdue,
}

impl RadarKind {
    /// Late (as opposed to a warning ahead).
    pub fn is_overdue(self) -> bool {
        !matches!(self, RadarKind::ActionDueSoon | RadarKind::ReviewDueSoon)
    }

    /// The short tag the lists show before the item: what kind of thing it is.
    pub fn tag(self) -> &'static str {
        match self {
            RadarKind::OverdueAction | RadarKind::ActionDueSoon => "action",
            RadarKind::AcceptanceExpired | RadarKind::OverdueReview | RadarKind::ReviewDueSoon => {
                "risk"
            }
            RadarKind::GoalBehind => "goal",
            RadarKind::MetricOffTarget | RadarKind::MetricMissing => "metric",
            RadarKind::OneOnOneOverdue => "1:1",
            RadarKind::DecisionPending => "decision",
            RadarKind::SkipLevelOverdue => "skip",
        }
    }
}

/// Something that needs attention, with how late it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RadarItem {
    pub kind: RadarKind,
    /// The action's text, the risk's or goal's title, or the person's name.
    pub title: String,
    /// Whose it is ("Marcus Oyelaran owes it"), the risk's category, the goal's progress.
    pub detail: String,
    /// The action's, risk's or goal's id, or the person's for a 1:1.
    pub id: i64,
    /// The person it concerns, if any (the action's person, the goal's, the 1:1's).
    pub person_id: Option<i64>,
    /// The date it is measured from: due date, review date, end of the acceptance, the goal's
    /// due date, the last 1:1 (or the first of the series when none was held).
    #[serde(serialize_with = "ymd")]
    pub date: NaiveDate,
    /// Days from `date` to today: how late it is (or how long since the last 1:1); 0 for today
    /// and negative for a warning ahead.
    pub days: i64,
}

impl RadarItem {
    /// The day the radar was made: `date` plus `days`.
    pub fn today(&self) -> NaiveDate {
        self.date + chrono::Duration::days(self.days)
    }

    /// The item in words, as every list of it says it (the TUI, `bearing radar`, `agenda`).
    pub fn describe(&self) -> String {
        format!("{}{}", self.title, self.tail())
    }

    /// What follows the title in `describe` (" — Rosa owes it, 3 days overdue"): the part a
    /// narrow line keeps whole while the title is cut.
    pub fn tail(&self) -> String {
        let detail = &self.detail;
        let late = days_word(self.days);
        match self.kind {
            RadarKind::OverdueAction => format!(" — {detail}, {late} overdue"),
            RadarKind::ActionDueSoon => format!(" — {detail}, due {}", self.when()),
            RadarKind::AcceptanceExpired => {
                format!(" — acceptance expired on {}, decide again", self.on_date())
            }
            RadarKind::OverdueReview => format!(" — review {late} overdue"),
            RadarKind::ReviewDueSoon => format!(" — review due {}", self.when()),
            RadarKind::GoalBehind => format!(" — {detail}, behind schedule"),
            RadarKind::DecisionPending => format!(" — proposed {late} ago, still to decide"),
            RadarKind::OneOnOneOverdue
            | RadarKind::SkipLevelOverdue
            | RadarKind::MetricOffTarget
            | RadarKind::MetricMissing => format!(" — {detail}"),
        }
    }

    /// "today", "tomorrow", or the day ("Thu 26 Nov").
    fn when(&self) -> String {
        match self.days {
            0 => "today".to_string(),
            -1 => "tomorrow".to_string(),
            _ => self.on_date(),
        }
    }

    /// The date as the lists write it, with the year when it is not this year's.
    fn on_date(&self) -> String {
        use chrono::Datelike;
        if self.date.year() == self.today().year() {
            self.date.format("%a %-d %b").to_string()
        } else {
            self.date.format("%a %-d %b %Y").to_string()
        }
    }
}

/// "1 day", "3 days".
pub fn days_word(days: i64) -> String {
    match days.abs() {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
