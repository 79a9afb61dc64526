//! What the prep view knows about a person beyond their 1:1s: the goals they own or are linked
//! to, the risks they own, their latest career and feedback context, their team's state (for a
//! manager) and their private health reads.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashSet;

use super::OpsError;
use super::people::list_people;
use super::plan::plan_view;
use crate::domain::health::{FlightRisk, HealthRead};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::one_on_one::{CadenceState, ContextEntry, ContextKind};
use crate::domain::plan::{Confidence, GoalStatus};
use crate::domain::risk::RiskStatus;
use crate::domain::risk_score::{Band, Trend};
use crate::store::{Store, health, links, notes, risks};

/// How many career and feedback entries, and health reads, the prep shows.
const LATEST: usize = 3;

/// A goal as the prep lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrepGoal {
    pub id: i64,
    pub title: String,
    pub phase: u32,
    pub status: GoalStatus,
    pub progress: u32,
    pub confidence: Confidence,
    pub due_on: NaiveDate,
    pub behind: bool,
    /// True: the goal is theirs (its person); false: it is only linked to them.
    pub owned: bool,
}

/// A risk as the prep lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrepRisk {
    pub id: i64,
    pub title: String,
    pub score: u8,
    pub band: Band,
    pub trend: Trend,
    pub next_review: Option<NaiveDate>,
    /// The review is overdue or the acceptance expired.
    pub overdue: bool,
    /// True: they own it; false: it is only linked to them.
    pub owned: bool,
}

/// One of a manager's reports, as their team's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamMember {
    pub id: i64,
    pub name: String,
    /// My latest 1:1 (or note) with them.
    pub last: Option<NaiveDateTime>,
    pub state: Option<CadenceState>,
    pub open_mine: u32,
    pub open_theirs: u32,
    /// Their latest health read.
    pub morale: Option<u8>,
    pub flight_risk: Option<FlightRisk>,
}

/// The connected picture of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Picture {
    /// Goals they own, then goals linked to them; open ones first.
    pub goals: Vec<PrepGoal>,
    /// Open risks they own, then open risks linked to them; highest score first.
    pub risks: Vec<PrepRisk>,
    /// Their latest career and feedback entries, newest first.
    pub context: Vec<ContextEntry>,
    /// For a manager: the people reporting to them.
    pub team: Vec<TeamMember>,
    /// Private: their latest health reads, newest first.
    pub health: Vec<HealthRead>,
}

impl Picture {
    /// Team members needing attention: a lapsed 1:1, or (`private`) a high flight risk.
    pub fn team_alerts(&self, private: bool) -> usize {
        self.team
            .iter()
            .filter(|m| {
                m.state == Some(CadenceState::Alarm)
                    || (private && m.flight_risk == Some(FlightRisk::High))
            })
            .count()
    }
}

/// The ids of `kind` linked to `person_id`.
fn linked(store: &Store, person_id: i64, kind: LinkKind) -> Result<HashSet<i64>, OpsError> {
    let me = ObjectRef::new(LinkKind::Person, person_id);
    Ok(links::of(store.conn(), me)?
        .iter()
        .filter_map(|l| l.other(me))
        .filter(|o| o.kind == kind)
        .map(|o| o.id)
        .collect())
}

pub fn picture(store: &Store, person_id: i64, now: NaiveDateTime) -> Result<Picture, OpsError> {
    let today = now.date();
    let conn = store.conn();
    let linked_goals = linked(store, person_id, LinkKind::Goal)?;
    let mut goals: Vec<PrepGoal> = plan_view(store, today)?
        .phases
        .into_iter()
        .flat_map(|p| p.goals)
        .filter_map(|g| {
            let owned = g.goal.fields.person_id == Some(person_id);
            (owned || linked_goals.contains(&g.goal.id)).then_some(PrepGoal {
                id: g.goal.id,
                title: g.goal.fields.title,
                phase: g.goal.fields.phase,
                status: g.goal.fields.status,
                progress: g.goal.fields.progress,
                confidence: g.goal.fields.confidence,
                due_on: g.due_on,
                behind: g.behind,
                owned,
            })
        })
        .collect();
    goals.sort_by_key(|g| {
        let closed = matches!(g.status, GoalStatus::Done | GoalStatus::Dropped);
        (!g.owned, closed, g.due_on, g.id)
    });
    let linked_risks = linked(store, person_id, LinkKind::Risk)?;
    let mut risks: Vec<PrepRisk> = risks::list(conn)?
        .into_iter()
        .filter_map(|r| {
            let owned = r.fields.owner_id == Some(person_id);
            // A closed risk needs nothing from them: prep lists the open ones.
            let open = r.fields.status != RiskStatus::Closed;
            (open && (owned || linked_risks.contains(&r.id))).then(|| PrepRisk {
                id: r.id,
                score: r.score().value(),
                band: r.score().band(),
                trend: r.trend(),
                next_review: r.fields.next_review,
                overdue: r.is_overdue(today),
                owned,
                title: r.fields.title,
            })
        })
        .collect();
    risks.sort_by_key(|r| (!r.owned, std::cmp::Reverse(r.score), r.id));
    let context: Vec<ContextEntry> = notes::context_for(conn, person_id)?
        .into_iter()
        .filter(|c| matches!(c.kind, ContextKind::Career | ContextKind::Feedback))
        .take(LATEST)
        .collect();
    let everyone = list_people(store, now)?;
    let mut team = Vec::new();
    for p in everyone
        .into_iter()
        .filter(|p| p.person.reports_to == Some(person_id))
    {
        let latest = health::latest(conn, p.person.id)?;
        team.push(TeamMember {
            id: p.person.id,
            name: p.person.name,
            last: p.stats.last,
            state: p.stats.state,
            open_mine: p.stats.open_mine,
            open_theirs: p.stats.open_theirs,
            morale: latest.as_ref().map(|h| h.morale),
            flight_risk: latest.map(|h| h.flight_risk),
        });
    }
    let health: Vec<HealthRead> = health::for_person(conn, person_id)?
        .into_iter()
        .take(LATEST)
        .collect();
    Ok(Picture {
        goals,
        risks,
        context,
        team,
        health,
    })
}
