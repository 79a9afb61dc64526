//! Starter content: `bearing init --template director`.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::Deserialize;

use super::OpsError;
use super::metrics::add_metric;
use super::plan::{add_goal, start_plan};
use super::rituals::add_ritual;
use crate::domain::Invalid;
use crate::domain::Word;
use crate::domain::dates::parse_time;
use crate::domain::metric::{Cadence, Direction, MetricFields, MetricGroup, Unit, Warn};
use crate::domain::person::Relation;
use crate::domain::plan::{Confidence, GoalFields, GoalStatus};
use crate::domain::ritual::{RitualFields, weekday_code};
use crate::store::{Store, metrics, people, plan, rituals};

const DIRECTOR: &str = include_str!("../../assets/templates/director.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Template {
    ritual: Vec<TemplateRitual>,
    one_on_ones: OneOnOnes,
    goal: Vec<TemplateGoal>,
    metric: Vec<TemplateMetric>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateMetric {
    name: String,
    group: String,
    unit: String,
    direction: String,
    target: f64,
    warn: f64,
    cadence: String,
    source: String,
}

impl TemplateMetric {
    fn fields(self, week_start: Weekday) -> Result<MetricFields, OpsError> {
        Ok(MetricFields {
            unit: Unit::parse(&self.unit)?,
            direction: Direction::parse(&self.direction)?,
            target: Some(self.target),
            warn: Some(Warn::At(self.warn)),
            cadence: Cadence::parse(&self.cadence)?,
            source: self.source,
            group: MetricGroup::parse(&self.group)?,
            ..MetricFields::new(&self.name, week_start)
        }
        .check()?)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateGoal {
    phase: u32,
    title: String,
    criteria: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateRitual {
    name: String,
    rrule: String,
    time: String,
    minutes: u32,
    prep: u32,
    attendees: String,
    agenda: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OneOnOnes {
    rrule: String,
    first_time: String,
    minutes: u32,
    prep: u32,
}

/// What a template added, and what was already there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitSummary {
    pub added: Vec<String>,
    pub kept: Vec<String>,
    pub one_on_ones: Vec<String>,
    /// Goals added to the plan, and whether the plan was started by this call.
    pub goals: usize,
    pub plan_started: bool,
    /// Scorecard metrics added (those not there yet, by name).
    pub metrics: usize,
}

fn broken(e: impl std::fmt::Display) -> OpsError {
    Invalid::new(format!("the built-in director template is broken: {e}")).into()
}

/// Adds the director template's rituals that are not there yet (matched by name), and a weekly
/// 1:1 for each direct report without one, spread over the weekdays from Tuesday.
pub fn init_director(
    store: &mut Store,
    start: NaiveDate,
    week_start: Weekday,
    now: NaiveDateTime,
) -> Result<InitSummary, OpsError> {
    let template: Template = toml::from_str(DIRECTOR).map_err(broken)?;
    let existing: Vec<String> = rituals::list(store.conn())?
        .into_iter()
        .map(|r| r.fields.name.to_lowercase())
        .collect();
    let mut summary = InitSummary::default();
    for t in template.ritual {
        if existing.contains(&t.name.to_lowercase()) {
            summary.kept.push(t.name);
            continue;
        }
        let time = parse_time(&t.time).map_err(broken)?;
        let fields = RitualFields {
            name: t.name.clone(),
            rrule: Some(t.rrule),
            dtstart: start.and_time(time),
            duration_min: t.minutes,
            week_start,
            person_id: None,
            attendees: t.attendees,
            agenda: t.agenda.join("\n"),
            prep_min: t.prep,
            location: String::new(),
        };
        add_ritual(store, fields, now)?;
        summary.added.push(t.name);
    }
    let with_series: Vec<i64> = rituals::one_on_ones(store.conn())?
        .into_iter()
        .filter_map(|r| r.fields.person_id)
        .collect();
    let first = parse_time(&template.one_on_ones.first_time).map_err(broken)?;
    let days = [
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Mon,
        Weekday::Fri,
    ];
    let reports = people::list(store.conn())?
        .into_iter()
        .filter(|p| p.relation == Relation::Report && !with_series.contains(&p.id));
    for (i, person) in reports.enumerate() {
        let day = days[i % days.len()];
        let slot = i / days.len();
        let time = first + Duration::minutes(45 * slot as i64);
        let offset = (7 + day.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
        let fields = RitualFields {
            name: crate::domain::text::fit_line(&format!("1:1 {}", person.name)),
            rrule: Some(format!(
                "{};BYDAY={}",
                template.one_on_ones.rrule,
                weekday_code(day)
            )),
            dtstart: (start + Duration::days(i64::from(offset))).and_time(time),
            duration_min: template.one_on_ones.minutes,
            week_start,
            person_id: Some(person.id),
            attendees: person.name.clone(),
            agenda: String::new(),
            prep_min: template.one_on_ones.prep,
            location: String::new(),
        };
        add_ritual(store, fields, now)?;
        summary.one_on_ones.push(person.name);
    }
    if plan::get(store.conn())?.is_none() {
        start_plan(store, start, None, now)?;
        summary.plan_started = true;
    }
    let titles: Vec<String> = plan::goals(store.conn())?
        .into_iter()
        .map(|g| g.fields.title.to_lowercase())
        .collect();
    for g in template.goal {
        if titles.contains(&g.title.to_lowercase()) {
            continue;
        }
        let fields = GoalFields {
            phase: g.phase,
            title: g.title,
            description: String::new(),
            criteria: g.criteria,
            status: GoalStatus::Todo,
            progress: 0,
            confidence: Confidence::OnTrack,
            due: None,
            person_id: None,
            measure: None,
        };
        add_goal(store, fields, now)?;
        summary.goals += 1;
    }
    for m in template.metric {
        if metrics::find_by_name(store.conn(), &m.name)?.is_some() {
            continue;
        }
        add_metric(store, m.fields(week_start)?, now)?;
        summary.metrics += 1;
    }
    Ok(summary)
}
