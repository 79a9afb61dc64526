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
}

impl super::word::Word for ItemKind {
    const FIELD: &'static str = "kind";
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
}

impl AgendaItem {
    /// The moment the item starts, for "now" and countdowns; untimed items count from midnight.
    pub fn starts_at(&self) -> NaiveDateTime {
        self.date.and_time(self.start.unwrap_or(NaiveTime::MIN))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RadarKind {
    OverdueAction,
    OverdueReview,
    GoalBehind,
    OneOnOneOverdue,
    /// A skip-level (two levels down) not seen for longer than the skip-level cadence.
    SkipLevelOverdue,
}

/// Something that needs attention, with how late it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RadarItem {
    pub kind: RadarKind,
    pub title: String,
    pub detail: String,
    pub id: i64,
    /// Days overdue (or days since the last 1:1).
    pub days: i64,
}
