//! The weekly (or monthly) status digest: what happened to the meetings, actions, risks and
//! goals of the span, and where the scorecard's numbers stand. Assembly only; the reading comes
//! from the store, the judging from the pure functions below.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Weekday};
use serde::Serialize;
use std::collections::HashMap;

use super::OpsError;
use super::agenda::meetings_between;
use super::scorecard::{MetricLine, report_lines};
use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::one_on_one::{ActionItem, Owner};
use crate::domain::plan::{Checkin, Confidence, Goal, GoalStatus};
use crate::domain::risk::Risk;
use crate::domain::risk_score::RiskScore;
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, meeting_label};
use crate::schedule::agenda::week_floor;
use crate::store::{Store, actions, occurrences, people, plan, risks};

/// What a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportSpan {
    Week,
    Month,
}

/// One week's (or month's) digest, for a Friday status update.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub span: ReportSpan,
    /// The first day of the week or month.
    pub from: NaiveDate,
    /// The last day of the week or month (inclusive).
    pub to: NaiveDate,
    /// Meetings other than 1:1s, in time order.
    pub rituals: Vec<MeetingOutcome>,
    pub one_on_ones: Vec<MeetingOutcome>,
    pub actions_opened: Vec<ActionEntry>,
    pub actions_closed: Vec<ActionEntry>,
    /// Reviews in the week that changed a risk's score, in date order.
    pub risks_changed: Vec<RiskChange>,
    /// Goals checked in during the week.
    pub goals: Vec<GoalDelta>,
    /// Decisions dated in the week that are not proposals, oldest first.
    pub decisions_made: Vec<DecisionEntry>,
    /// Every decision still proposed, oldest first.
    pub decisions_pending: Vec<DecisionEntry>,
    /// Risks added during the week.
    pub risks_opened: Vec<RiskEntry>,
    /// Risks closed during the week.
    pub risks_closed: Vec<RiskEntry>,
    /// Each tracked metric's number for the span: value, target, status, change.
    pub metrics: Vec<MetricLine>,
}

/// A decision in the digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionEntry {
    pub id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub status: crate::domain::decision::DecisionStatus,
    /// The meeting it was made in: "Staff meeting, Mon 16 Nov".
    pub meeting: Option<String>,
}

/// A risk added or closed in the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskEntry {
    pub id: i64,
    pub title: String,
    pub score: RiskScore,
}

/// What became of a meeting of the week, as of the report's `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Held,
    Skipped,
    /// Over, and neither marked held nor skipped.
    Missed,
    /// Not over yet.
    Upcoming,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingOutcome {
    pub ritual_id: i64,
    pub title: String,
    pub person: Option<String>,
    /// When it took (or takes) place, after any move.
    pub start: NaiveDateTime,
    pub outcome: Outcome,
    /// The skipped occurrence's note, if it has one.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionEntry {
    pub id: i64,
    pub body: String,
    pub person: Option<String>,
    /// The meeting (other than a 1:1) it came from: "Staff, Mon 16 Nov".
    pub meeting: Option<String>,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskChange {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub date: NaiveDate,
    pub before: RiskScore,
    pub after: RiskScore,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalDelta {
    pub id: i64,
    pub title: String,
    pub phase: u32,
    pub status: GoalStatus,
    /// Progress at the last check-in before the week; None if there was none.
    pub progress_before: Option<u32>,
    /// Progress at the week's last check-in.
    pub progress: u32,
    /// `progress` minus `progress_before` (0 when there was none).
    pub delta: i32,
    pub confidence_before: Option<Confidence>,
    pub confidence: Confidence,
    /// The week's check-in notes, oldest first, blanks left out.
    pub notes: Vec<String>,
    /// The week's check-ins, oldest first: each note with the value it was written with.
    pub checkins: Vec<WeekCheckin>,
}

/// One check-in of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekCheckin {
    pub date: NaiveDate,
    pub progress: u32,
    pub confidence: Confidence,
    pub note: String,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.rituals.is_empty()
            && self.one_on_ones.is_empty()
            && self.actions_opened.is_empty()
            && self.actions_closed.is_empty()
            && self.risks_changed.is_empty()
            && self.goals.is_empty()
            && self.decisions_made.is_empty()
            && self.decisions_pending.is_empty()
            && self.risks_opened.is_empty()
            && self.risks_closed.is_empty()
            && self.metrics.is_empty()
    }
}

/// The report for the week (starting on `week_start`) that contains `day`, as of `now`.
pub fn week_report(
    store: &Store,
    day: NaiveDate,
    week_start: Weekday,
    now: NaiveDateTime,
) -> Result<Report, OpsError> {
    let from = week_floor(day, week_start);
    span_report(store, ReportSpan::Week, from, from + Duration::days(7), now)
}

/// The report for the calendar month that contains `day`, as of `now`.
pub fn month_report(store: &Store, day: NaiveDate, now: NaiveDateTime) -> Result<Report, OpsError> {
    let from = day.with_day(1).unwrap_or(day);
    let to = from.checked_add_months(Months::new(1)).unwrap_or(from);
    span_report(store, ReportSpan::Month, from, to, now)
}

/// The report for the days `[from, to)`.
fn span_report(
    store: &Store,
    span: ReportSpan,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
) -> Result<Report, OpsError> {
    let conn = store.conn();
    let names: HashMap<i64, String> = people::names(conn)?;
    let items = meetings_between(store, from, to)?;
    let all_risks = risks::list(conn)?;
    let (opened, closed) = risks::opened_and_closed_between(conn, from, to)?;
    let risk_entries = |ids: &[i64]| -> Vec<RiskEntry> {
        all_risks
            .iter()
            .filter(|r| ids.contains(&r.id))
            .map(|r| RiskEntry {
                id: r.id,
                title: r.fields.title.clone(),
                score: r.fields.score,
            })
            .collect()
    };
    let mut decided = crate::store::decisions::list(conn)?;
    decided.reverse();
    let decision_entry =
        |d: &crate::domain::decision::Decision| -> Result<DecisionEntry, OpsError> {
            let meeting = match d.fields.occurrence_id {
                Some(o) => occurrences::meeting(conn, o)?
                    .map(|(_, name, start)| meeting_label(&name, start.date())),
                None => None,
            };
            Ok(DecisionEntry {
                id: d.id,
                title: d.fields.title.clone(),
                date: d.fields.date,
                status: d.fields.status,
                meeting,
            })
        };
    let records = occurrences::in_range(conn, from, to)?;
    let (one_on_ones, rituals): (Vec<_>, Vec<_>) = meeting_outcomes(&items, &records, now)
        .into_iter()
        .partition(|m| m.1 == ItemKind::OneOnOne);
    let entry = |a: ActionItem| -> Result<ActionEntry, OpsError> {
        Ok(ActionEntry {
            person: a.person_id.and_then(|id| names.get(&id).cloned()),
            meeting: actions::group_meeting_of(conn, a.id)?
                .map(|(name, start)| meeting_label(&name, start.date())),
            id: a.id,
            body: a.body,
            owner: a.owner,
            due: a.due,
        })
    };
    Ok(Report {
        span,
        from,
        to: to - Duration::days(1),
        rituals: rituals.into_iter().map(|m| m.0).collect(),
        one_on_ones: one_on_ones.into_iter().map(|m| m.0).collect(),
        actions_opened: actions::created_between(conn, from, to)?
            .into_iter()
            .map(entry)
            .collect::<Result<_, _>>()?,
        actions_closed: actions::done_between(conn, from, to)?
            .into_iter()
            .map(entry)
            .collect::<Result<_, _>>()?,
        risks_changed: risk_changes(&all_risks, from, to),
        goals: goal_deltas(&plan::goals(conn)?, &plan::checkins(conn)?, from, to),
        decisions_made: decided
            .iter()
            .filter(|d| {
                d.fields.date >= from && d.fields.date < to && !d.fields.status.is_pending()
            })
            .map(decision_entry)
            .collect::<Result<_, _>>()?,
        decisions_pending: decided
            .iter()
            .filter(|d| d.fields.status.is_pending())
            .map(decision_entry)
            .collect::<Result<_, _>>()?,
        risks_opened: risk_entries(&opened),
        risks_closed: risk_entries(&closed),
        metrics: report_lines(store, to - Duration::days(1))?,
    })
}

/// Each meeting with what became of it, tagged with its kind.
pub fn meeting_outcomes(
    items: &[AgendaItem],
    records: &[OccurrenceRecord],
    now: NaiveDateTime,
) -> Vec<(MeetingOutcome, ItemKind)> {
    let by_key: HashMap<(i64, NaiveDateTime), &OccurrenceRecord> = records
        .iter()
        .map(|r| ((r.ritual_id, r.original_start), r))
        .collect();
    items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::OneOnOne | ItemKind::Ritual))
        .map(|i| {
            let start = i.starts_at();
            let end = i.end.map_or(start, |e| i.date.and_time(e));
            // A meeting that ends after midnight ends the next day.
            let end = if end < start {
                end + Duration::days(1)
            } else {
                end
            };
            let outcome = match i.status {
                Some(OccurrenceStatus::Held) => Outcome::Held,
                Some(OccurrenceStatus::Skipped) => Outcome::Skipped,
                _ if end <= now => Outcome::Missed,
                _ => Outcome::Upcoming,
            };
            let reason = (outcome == Outcome::Skipped)
                .then(|| i.occurrence.and_then(|o| by_key.get(&(i.id, o))))
                .flatten()
                .map(|r| r.notes.trim().to_string())
                .filter(|n| !n.is_empty());
            let meeting = MeetingOutcome {
                ritual_id: i.id,
                title: i.title.clone(),
                person: i.person.clone(),
                start,
                outcome,
                reason,
            };
            (meeting, i.kind)
        })
        .collect()
}

/// Reviews in `[from, to)` whose score differs from the one before.
pub fn risk_changes(risks: &[Risk], from: NaiveDate, to: NaiveDate) -> Vec<RiskChange> {
    let mut changes: Vec<RiskChange> = risks
        .iter()
        .flat_map(|r| {
            r.history.windows(2).filter_map(move |pair| {
                let (before, after) = (&pair[0], &pair[1]);
                let changed = after.score.value() != before.score.value();
                (changed && after.date >= from && after.date < to).then(|| RiskChange {
                    id: r.id,
                    title: r.fields.title.clone(),
                    owner: r.fields.owner.clone(),
                    date: after.date,
                    before: before.score,
                    after: after.score,
                    note: after.note.trim().to_string(),
                })
            })
        })
        .collect();
    changes.sort_by_key(|c| (c.date, c.id));
    changes
}

/// Goals with check-ins in `[from, to)`: where they stood before the week and where they are now.
/// `checkins` is in date order per goal (as the store gives it); roll-overs count as a baseline
/// but not as a check-in of the week.
pub fn goal_deltas(
    goals: &[Goal],
    checkins: &[Checkin],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<GoalDelta> {
    goals
        .iter()
        .filter_map(|g| {
            let history: Vec<&Checkin> = checkins.iter().filter(|c| c.goal_id == g.id).collect();
            let before = history.iter().rev().find(|c| c.date < from);
            let week: Vec<&&Checkin> = history
                .iter()
                .filter(|c| c.date >= from && c.date < to && c.kind == "checkin")
                .collect();
            let last = week.last()?;
            let progress_before = before.map(|c| c.progress);
            Some(GoalDelta {
                id: g.id,
                title: g.fields.title.clone(),
                phase: g.fields.phase,
                status: g.fields.status,
                progress_before,
                progress: last.progress,
                delta: last.progress as i32 - progress_before.unwrap_or(0) as i32,
                confidence_before: before.map(|c| c.confidence),
                confidence: last.confidence,
                notes: week
                    .iter()
                    .map(|c| c.note.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect(),
                checkins: week
                    .iter()
                    .map(|c| WeekCheckin {
                        date: c.date,
                        progress: c.progress,
                        confidence: c.confidence,
                        note: c.note.trim().to_string(),
                    })
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
