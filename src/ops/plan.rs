//! The 30/60/90-day plan: start it, add goals, check in, roll unfinished goals over.

use crate::domain::Word;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use super::links::LinkChanges;
use crate::domain::Invalid;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::plan::{
    Checkin, Confidence, Goal, GoalFields, GoalStatus, PHASES, PlanDay, is_behind, next_phase,
    phase_label, phase_window, plan_day,
};
use crate::store::{Store, people, plan};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalView {
    #[serde(flatten)]
    pub goal: Goal,
    /// Its own due date, or its phase's last day.
    pub due_on: NaiveDate,
    pub behind: bool,
    pub person: Option<String>,
    /// Check-ins and roll-overs, oldest first.
    pub history: Vec<Checkin>,
    /// The metric that measures it, and the numbers its progress runs between.
    pub measured_by: Option<super::metrics::MeasureView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseView {
    pub phase: u32,
    pub label: &'static str,
    pub start: NaiveDate,
    /// The last day of the phase.
    pub end: NaiveDate,
    pub goals: Vec<GoalView>,
    /// Done goals over goals not dropped, 0.0 to 1.0.
    pub done_share: f64,
    /// The average progress of the goals not dropped (done ones count as 100), 0 to 100: what a
    /// gauge of the phase shows, with `done` of `counted` beside it.
    pub average_progress: u32,
    /// Goals done, and goals not dropped.
    pub done: usize,
    pub counted: usize,
    /// The phase is over and some goals are still open: offer to roll them over.
    pub unfinished_after_end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanView {
    pub start: Option<NaiveDate>,
    pub day: Option<PlanDay>,
    pub phases: Vec<PhaseView>,
    /// The metrics a goal can be measured by (id, name), for the goal form.
    #[serde(skip)]
    pub metrics: Vec<(i64, String)>,
}

impl PhaseView {
    /// "13 Nov – 12 Dec"; a phase of 6 or 12 months, or one that crosses into another year,
    /// names the year ("13 Jan – 13 Apr 2027"), since its months alone could be any year's.
    pub fn span(&self) -> String {
        let long = self.phase > 90 || self.start.year() != self.end.year();
        let end = if long { "%-d %b %Y" } else { "%-d %b" };
        format!("{} – {}", self.start.format("%-d %b"), self.end.format(end))
    }

    /// "51% · 0/5 done": the average progress and the goals done.
    pub fn summary(&self) -> String {
        format!(
            "{}% · {}/{} done",
            self.average_progress, self.done, self.counted
        )
    }
}

impl PlanView {
    pub fn behind(&self) -> impl Iterator<Item = &GoalView> {
        self.phases
            .iter()
            .flat_map(|p| p.goals.iter())
            .filter(|g| g.behind)
    }

    pub fn goal(&self, id: i64) -> Option<&GoalView> {
        self.phases
            .iter()
            .flat_map(|p| p.goals.iter())
            .find(|g| g.goal.id == id)
    }
}

fn need_plan(conn: &rusqlite::Connection) -> Result<(i64, NaiveDate), OpsError> {
    plan::get(conn)?.ok_or_else(|| {
        Invalid::new("no plan yet: start one with `bearing plan start DATE` (or S in the Plan tab)")
            .into()
    })
}

pub fn plan_view(store: &Store, today: NaiveDate) -> Result<PlanView, OpsError> {
    let conn = store.conn();
    let Some((_, start)) = plan::get(conn)? else {
        return Ok(PlanView {
            start: None,
            day: None,
            phases: Vec::new(),
            metrics: super::metrics::names(conn)?,
        });
    };
    let names: HashMap<i64, String> = people::names(conn)?;
    let mut history: HashMap<i64, Vec<Checkin>> = HashMap::new();
    for c in plan::checkins(conn)? {
        history.entry(c.goal_id).or_default().push(c);
    }
    let goals = plan::goals(conn)?;
    let mut measures = super::metrics::measure_views(conn, &goals, Some(start))?;
    let phases = PHASES
        .into_iter()
        .map(|phase| {
            let (s, e) = phase_window(start, phase);
            let end = e - chrono::Duration::days(1);
            let goals: Vec<GoalView> = goals
                .iter()
                .filter(|g| g.fields.phase == phase)
                .map(|g| GoalView {
                    due_on: g.fields.due_or_phase_end(start),
                    behind: g.fields.status.is_open()
                        && is_behind(start, phase, g.fields.due, g.fields.progress, today),
                    person: g.fields.person_id.and_then(|id| names.get(&id).cloned()),
                    history: history.remove(&g.id).unwrap_or_default(),
                    measured_by: measures.remove(&g.id),
                    goal: g.clone(),
                })
                .collect();
            let kept: Vec<&GoalView> = goals
                .iter()
                .filter(|g| g.goal.fields.status != GoalStatus::Dropped)
                .collect();
            let counted = kept.len();
            let progress_sum: u32 = kept
                .iter()
                .map(|g| match g.goal.fields.status {
                    GoalStatus::Done => 100,
                    _ => g.goal.fields.progress.min(100),
                })
                .sum();
            let done = goals
                .iter()
                .filter(|g| g.goal.fields.status == GoalStatus::Done)
                .count();
            let open = goals
                .iter()
                .filter(|g| g.goal.fields.status.is_open())
                .count();
            PhaseView {
                phase,
                label: phase_label(phase),
                start: s,
                end,
                done_share: if counted == 0 {
                    0.0
                } else {
                    done as f64 / counted as f64
                },
                average_progress: match u32::try_from(counted) {
                    Ok(n) if n > 0 => (progress_sum + n / 2) / n,
                    _ => 0,
                },
                done,
                counted,
                unfinished_after_end: if today > end { open } else { 0 },
                goals,
            }
        })
        .collect();
    Ok(PlanView {
        start: Some(start),
        day: Some(plan_day(start, today)),
        phases,
        metrics: super::metrics::names(conn)?,
    })
}

/// One line of a goal's history, as of `now`, with the goal's current progress and confidence.
fn history_entry(
    goal_id: i64,
    now: NaiveDateTime,
    kind: &str,
    fields: &GoalFields,
    note: String,
) -> Checkin {
    Checkin {
        id: 0,
        goal_id,
        date: now.date(),
        kind: kind.to_string(),
        progress: fields.progress,
        confidence: fields.confidence,
        note,
        metric_value: None,
    }
}

/// Starts the plan on `start`, or moves its start. With `opened` (the start the form showed,
/// `None` for no plan yet) it is refused when the start changed since; the same start again
/// writes nothing.
pub fn start_plan(
    store: &mut Store,
    start: NaiveDate,
    opened: Option<&Option<NaiveDate>>,
    now: NaiveDateTime,
) -> Result<Edited<()>, OpsError> {
    store.write(|tx| -> Result<Edited<()>, OpsError> {
        let current = plan::get(tx)?.map(|(_, start)| start);
        ensure_as_opened(|| "the plan's start".to_string(), &current, opened)?;
        if current == Some(start) {
            return Ok(Edited::unchanged(()));
        }
        plan::set_start(tx, start, now)?;
        // Measured goals run from the metric's number at the plan's start.
        super::metrics::refresh_goals(tx, None, now)?;
        Ok(Edited::changed(()))
    })
}

pub fn add_goal(
    store: &mut Store,
    fields: GoalFields,
    now: NaiveDateTime,
) -> Result<Goal, OpsError> {
    add_goal_linked(store, fields, &LinkChanges::default(), now)
}

/// Adds a goal, with the links its form made (`links`), in one transaction.
pub fn add_goal_linked(
    store: &mut Store,
    fields: GoalFields,
    links: &LinkChanges,
    now: NaiveDateTime,
) -> Result<Goal, OpsError> {
    let (plan_id, start) = need_plan(store.conn())?;
    let fields = fields.check(start)?;
    let (id, fields) = store.write(|tx| -> Result<(i64, GoalFields), OpsError> {
        let fields = measured(tx, fields, start)?;
        let id = plan::insert_goal(tx, plan_id, &fields, now)?;
        super::links::apply(tx, goal_ref(id), links, now)?;
        if fields.progress > 0 {
            plan::insert_checkin(
                tx,
                &history_entry(id, now, "checkin", &fields, "starting point".into()),
            )?;
        }
        Ok((id, fields))
    })?;
    Ok(Goal { id, fields })
}

/// A goal measured by a metric takes its progress from the metric's numbers (when it has a
/// value and a target); others are as typed.
fn measured(
    conn: &rusqlite::Connection,
    mut fields: GoalFields,
    start: NaiveDate,
) -> Result<GoalFields, OpsError> {
    super::metrics::check_measure(conn, fields.measure)?;
    if let Some(measure) = fields.measure
        && fields.status.is_open()
        && let Some((progress, _)) = super::metrics::measured_progress(conn, measure, Some(start))?
    {
        fields.set_measured_progress(progress);
    }
    Ok(fields)
}

fn goal_ref(id: i64) -> ObjectRef {
    ObjectRef::new(LinkKind::Goal, id)
}

pub fn get_goal(store: &Store, id: i64) -> Result<Goal, OpsError> {
    current(store.conn(), id)
}

/// The goal as it is now, read inside the caller's transaction.
fn current(conn: &rusqlite::Connection, id: i64) -> Result<Goal, OpsError> {
    plan::goal(conn, id)?
        .ok_or_else(|| OpsError::NotFound(format!("no goal with id {id} (see `bearing plan`)")))
}

/// Saves edits. With `opened` (the fields the edit form showed) it is refused when the goal
/// changed since; fields equal to the stored ones write nothing. A new progress or confidence
/// joins the goal's history, as a check-in noted "edited".
pub fn update_goal(
    store: &mut Store,
    id: i64,
    fields: GoalFields,
    opened: Option<&GoalFields>,
    now: NaiveDateTime,
) -> Result<Edited<Goal>, OpsError> {
    update_goal_linked(store, id, fields, opened, &LinkChanges::default(), now)
}

/// Saves a goal's fields and its form's link changes in one transaction (one undo step);
/// refused as stale when the goal changed since `opened`.
pub fn update_goal_linked(
    store: &mut Store,
    id: i64,
    fields: GoalFields,
    opened: Option<&GoalFields>,
    links: &LinkChanges,
    now: NaiveDateTime,
) -> Result<Edited<Goal>, OpsError> {
    store.write(|tx| -> Result<Edited<Goal>, OpsError> {
        let (_, start) = need_plan(tx)?;
        let before = current(tx, id)?;
        ensure_as_opened(|| format!("goal {id}"), &before.fields, opened)?;
        let fields = measured(tx, fields.check(start)?, start)?;
        let linked = super::links::apply(tx, goal_ref(id), links, now)?;
        if fields == before.fields {
            return Ok(if linked {
                Edited::changed(before)
            } else {
                Edited::unchanged(before)
            });
        }
        plan::update_goal(tx, id, &fields, now)?;
        if fields.progress != before.fields.progress
            || fields.confidence != before.fields.confidence
        {
            plan::insert_checkin(
                tx,
                &history_entry(id, now, "checkin", &fields, "edited".into()),
            )?;
        }
        Ok(Edited::changed(Goal { id, fields }))
    })
}

/// Deletes a goal and its check-ins. With `opened` (the fields the confirmation showed) the
/// delete is refused when the goal changed since (an edit or a check-in elsewhere).
pub fn delete_goal(
    store: &mut Store,
    id: i64,
    opened: Option<&GoalFields>,
) -> Result<Goal, OpsError> {
    store.write(|tx| -> Result<Goal, OpsError> {
        let goal = current(tx, id)?;
        ensure_as_opened(|| format!("goal {id}"), &goal.fields, opened)?;
        plan::delete_goal(tx, id)?;
        Ok(goal)
    })
}

/// Records progress on a goal: the goal takes the new progress and confidence, and the history
/// keeps the entry. A check-in is an event, so the same progress again is recorded too; with
/// `opened` (the goal as the check-in form showed it) it is refused when the goal changed since.
pub fn checkin(
    store: &mut Store,
    id: i64,
    progress: u32,
    confidence: Option<Confidence>,
    note: &str,
    opened: Option<&GoalFields>,
    now: NaiveDateTime,
) -> Result<Goal, OpsError> {
    let note = crate::domain::text::body("note", note.trim_start())?;
    if progress > 100 {
        return Err(Invalid::field(
            "progress",
            format!("progress {progress} is out of range: use 0 to 100"),
        )
        .into());
    }
    store.write(|tx| -> Result<Goal, OpsError> {
        let (_, start) = need_plan(tx)?;
        let mut goal = current(tx, id)?;
        ensure_as_opened(|| format!("goal {id}"), &goal.fields, opened)?;
        let reading = match goal.fields.measure {
            Some(m) => super::metrics::measured_progress(tx, m, Some(start))?,
            None => None,
        };
        if let Some((measured, _)) = reading
            && measured != progress
        {
            return Err(Invalid::field(
                "progress",
                format!(
                    "goal {id} is measured by a metric: its progress follows the metric's \
                     numbers (now {measured}%); check in with that, or log a new value"
                ),
            )
            .into());
        }
        goal.fields.progress = progress;
        if let Some(c) = confidence {
            goal.fields.confidence = c;
        }
        if goal.fields.status == GoalStatus::Done && progress < 100 {
            goal.fields.status = GoalStatus::Doing;
        }
        let fields = goal.fields.check(start)?;
        plan::update_goal(tx, id, &fields, now)?;
        let mut entry = history_entry(id, now, "checkin", &fields, note);
        entry.metric_value = reading.map(|(_, value)| value);
        plan::insert_checkin(tx, &entry)?;
        Ok(Goal { id, fields })
    })
}

/// Moves an unfinished goal into the next phase; the history records it. Its own due date goes
/// (it was for the old phase), so it becomes due at the new phase's end.
pub fn roll_over(store: &mut Store, id: i64, now: NaiveDateTime) -> Result<Goal, OpsError> {
    store.write(|tx| -> Result<Goal, OpsError> {
        let (_, start) = need_plan(tx)?;
        let mut goal = current(tx, id)?;
        if !goal.fields.status.is_open() {
            return Err(Invalid::new(format!(
                "\"{}\" is {}: only open goals roll over",
                goal.fields.title,
                goal.fields.status.as_str()
            ))
            .into());
        }
        let from = goal.fields.phase;
        let to = next_phase(from).ok_or_else(|| {
            Invalid::new("the 12-month phase is the last: nothing to roll over into")
        })?;
        goal.fields.phase = to;
        goal.fields.due = None;
        let fields = goal.fields.check(start)?;
        plan::update_goal(tx, id, &fields, now)?;
        plan::insert_checkin(
            tx,
            &history_entry(
                id,
                now,
                "rollover",
                &fields,
                format!(
                    "rolled over from {} to {}",
                    phase_label(from),
                    phase_label(to)
                ),
            ),
        )?;
        Ok(Goal { id, fields })
    })
}

#[cfg(test)]
#[path = "plan_tests.rs"]
pub(crate) mod tests;
