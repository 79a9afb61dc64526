//! Filling a database with the sample org in `assets/demo.toml`, dated relative to `now`.

use crate::domain::Word;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::Deserialize;

use super::OpsError;
use super::one_on_ones::{add_note, add_topic};
use super::people::{OneOnOnePlan, PersonInput, add_person};
use super::plan::{checkin, start_plan};
use super::rituals::{add_ritual, move_occurrence, set_status};
use super::templates::init_director;
use crate::domain::Invalid;
use crate::domain::dates::parse_time;
use crate::domain::person::{PersonDraft, Relation};
use crate::domain::plan::Confidence;
use crate::domain::ritual::{OccurrenceStatus, RitualFields};
use crate::schedule::agenda::week_floor;
use crate::schedule::recurrence::Cadence;
use crate::schedule::recurrence::Recurrence;
use crate::store::{Store, people};
use crate::store::{actions, rituals};

const DEMO: &str = include_str!("../../assets/demo.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoData {
    person: Vec<DemoPerson>,
    note: Vec<DemoNote>,
    topic: Vec<DemoTopic>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoNote {
    person: String,
    weeks_ago: i64,
    body: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoTopic {
    person: String,
    body: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPerson {
    name: String,
    role: String,
    team: String,
    relation: String,
    cadence: String,
    day: Option<String>,
    at: Option<String>,
    minutes: Option<u32>,
    career_goals: String,
    context: String,
}

/// What the demo put in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub people: usize,
    pub rituals: usize,
    pub risks: usize,
}

/// The same weekday `weeks` weeks before the latest `day` on or before `today`, so series have
/// some history behind them.
fn weeks_back(today: NaiveDate, day: Weekday, weeks: i64) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    today - Duration::days(i64::from(back) + 7 * weeks)
}

/// Fills an empty database with the sample org. Refuses a database that already has people.
pub fn load_demo(
    store: &mut Store,
    week_start: Weekday,
    now: NaiveDateTime,
) -> Result<DemoSummary, OpsError> {
    if !people::list(store.conn())?.is_empty() {
        return Err(Invalid::new(
            "the database already has data; the demo fills only an empty one (use --db with a new file)",
        )
        .into());
    }
    let data: DemoData = toml::from_str(DEMO)
        .map_err(|e| Invalid::new(format!("the built-in demo data is broken: {e}")))?;
    let mut count = 0;
    let (demo_notes, demo_topics) = (data.note, data.topic);
    for p in data.person {
        let relation = Relation::parse(&p.relation)?;
        let one_on_one = match p.cadence.as_str() {
            "none" => None,
            cadence => {
                let day: Weekday = p
                    .day
                    .as_deref()
                    .unwrap_or("mon")
                    .parse()
                    .map_err(|_| Invalid::new(format!("demo: bad day for {}", p.name)))?;
                let at = parse_time(p.at.as_deref().unwrap_or("10:00"))
                    .map_err(|e| Invalid::new(e.to_string()))?;
                let start = weeks_back(now.date(), day, 12).and_time(at);
                let preset = match cadence {
                    "weekly" => Cadence::Weekly,
                    "biweekly" => Cadence::Biweekly,
                    _ => Cadence::MonthlyNthWeekday,
                };
                let rrule = preset
                    .rule_for(start)
                    .ok_or_else(|| Invalid::new(format!("demo: bad cadence for {}", p.name)))?;
                Some(OneOnOnePlan {
                    rrule,
                    start,
                    duration_min: p.minutes.unwrap_or(30),
                })
            }
        };
        let input = PersonInput {
            draft: PersonDraft {
                name: p.name,
                role: p.role,
                team: p.team,
                relation: Some(relation),
                career_goals: p.career_goals,
                context: p.context,
                prompts: String::new(),
                reports_to: None,
            },
            one_on_one,
        };
        add_person(store, input, week_start, now)?;
        count += 1;
    }
    let history_start = weeks_back(now.date(), Weekday::Mon, 12);
    // The director is on day 47 of their plan.
    start_plan(store, now.date() - Duration::days(46), None, now)?;
    init_director(store, history_start, week_start, now)?;
    add_plan_progress(store, now)?;
    let rituals = add_history(store, now)?;
    add_actions(store, now)?;
    for n in demo_notes {
        let id = demo_person(store, &n.person)?;
        // Dated on the 1:1 it records: the person's last meeting that many weeks back.
        let back = now - Duration::weeks(n.weeks_ago - 1);
        let meeting = super::people::get_person(store, id)?
            .one_on_one
            .and_then(|r| {
                Recurrence::of(&r.fields)
                    .ok()?
                    .last_at_or_before(back - Duration::minutes(1))
            });
        let date = meeting.map_or(now.date() - Duration::weeks(n.weeks_ago), |t| t.date());
        add_note(store, id, date, &n.body, now)?;
    }
    for t in demo_topics {
        let id = demo_person(store, &t.person)?;
        add_topic(store, id, &t.body, now)?;
    }
    let risks = super::demo_risks::add_risks(store, now)?;
    super::demo_metrics::add_history(store, now)?;
    Ok(DemoSummary {
        people: count,
        rituals,
        risks,
    })
}

/// Check-ins that make the plan look lived in: the first phase mostly done (one goal left to roll
/// over), the second under way with one goal behind.
fn add_plan_progress(store: &mut Store, now: NaiveDateTime) -> Result<(), OpsError> {
    // (goal, [(days ago, progress)], confidence)
    type Steps = &'static [(i64, u32)];
    let progress: [(&str, Steps, Confidence); 9] = [
        (
            "Meet the leaders around engineering",
            &[(30, 60), (20, 100)],
            Confidence::OnTrack,
        ),
        (
            "Map ownership and critical systems",
            &[(28, 40), (18, 80), (17, 100)],
            Confidence::OnTrack,
        ),
        (
            "Find the debt hot spots",
            &[(25, 50), (16, 100)],
            Confidence::OnTrack,
        ),
        (
            "Read delivery and org health",
            &[(24, 30), (18, 60), (16, 70)],
            Confidence::AtRisk,
        ),
        (
            "Baseline the engineering dashboard",
            &[(22, 50), (17, 100)],
            Confidence::OnTrack,
        ),
        (
            "Agree near-term priorities with Product",
            &[(12, 30), (5, 60)],
            Confidence::OnTrack,
        ),
        (
            "Run one operating cadence across teams",
            &[(10, 40), (3, 70)],
            Confidence::OnTrack,
        ),
        (
            "Launch two to four high-leverage fixes",
            &[(9, 10), (2, 15)],
            Confidence::AtRisk,
        ),
        (
            "Write decision records for big choices",
            &[(6, 60)],
            Confidence::OnTrack,
        ),
    ];
    let goals = crate::store::plan::goals(store.conn())?;
    for (title, steps, confidence) in progress {
        let Some(goal) = goals.iter().find(|g| g.fields.title == title) else {
            continue;
        };
        for (days_ago, pct) in steps {
            checkin(
                store,
                goal.id,
                *pct,
                Some(confidence),
                "",
                None,
                now - Duration::days(*days_ago),
            )?;
        }
    }
    Ok(())
}

fn demo_person(store: &Store, name: &str) -> Result<i64, OpsError> {
    people::find_by_name(store.conn(), name)?
        .map(|p| p.id)
        .ok_or_else(|| Invalid::new(format!("demo data names an unknown person: {name}")).into())
}

/// A lived-in calendar: past meetings held (one 1:1 series left to lapse), one skipped, one
/// moved, and a one-off this week.
fn add_history(store: &mut Store, now: NaiveDateTime) -> Result<usize, OpsError> {
    let all = rituals::list(store.conn())?;
    let lapsed = people::find_by_name(store.conn(), "Tomás Ferreira")?.map(|p| p.id);
    let today = now.date();
    for r in &all {
        let rec = Recurrence::of(&r.fields).map_err(|e| Invalid::new(e.to_string()))?;
        let past: Vec<NaiveDateTime> = rec
            .between(r.fields.dtstart.date(), today + Duration::days(1))
            .into_iter()
            .filter(|t| *t < now)
            .collect();
        let keep = if r.fields.person_id.is_some() && r.fields.person_id == lapsed {
            past.len().saturating_sub(3)
        } else {
            past.len()
        };
        for t in past.iter().take(keep) {
            set_status(store, r.id, *t, OccurrenceStatus::Held, None)?;
        }
    }
    let find = |name: &str| all.iter().find(|r| r.fields.name == name);
    let week = week_floor(today, Weekday::Mon);
    if let Some(r) = find("Incident and reliability review") {
        let rec = Recurrence::of(&r.fields).map_err(|e| Invalid::new(e.to_string()))?;
        if let Some(t) = rec.next_after(now) {
            set_status(store, r.id, t, OccurrenceStatus::Skipped, None)?;
        }
    }
    if let Some(r) = find("Delivery review") {
        let rec = Recurrence::of(&r.fields).map_err(|e| Invalid::new(e.to_string()))?;
        if let Some(t) = rec.next_after(now) {
            let friday = week_floor(t.date(), Weekday::Mon) + Duration::days(4);
            let to = friday.and_hms_opt(15, 30, 0).unwrap_or(t);
            move_occurrence(store, r.id, t, to, None)?;
        }
    }
    let offsite = RitualFields {
        name: "Q1 planning prep with Product".into(),
        rrule: None,
        dtstart: (week + Duration::days(2))
            .and_hms_opt(15, 0, 0)
            .unwrap_or(now),
        duration_min: 90,
        week_start: Weekday::Mon,
        person_id: None,
        attendees: "Sofia Lindqvist, engineering managers".into(),
        agenda: "Capacity by team\nCandidate bets\nOpen questions for design".into(),
        prep_min: 30,
        location: String::new(),
    };
    add_ritual(store, offsite, now)?;
    Ok(rituals::list(store.conn())?.len())
}

/// Action items from recent 1:1s: some due this week, two overdue, one done.
fn add_actions(store: &mut Store, now: NaiveDateTime) -> Result<(), OpsError> {
    let today = now.date();
    let week = week_floor(today, Weekday::Mon);
    let person = |store: &Store, name: &str| -> Result<Option<i64>, OpsError> {
        Ok(people::find_by_name(store.conn(), name)?.map(|p| p.id))
    };
    let list = [
        (
            "Aisha Bello",
            "them",
            "Draft the proposal for a second on-call rotation",
            week + Duration::days(3),
            false,
        ),
        (
            "Priya Raman",
            "me",
            "Introduce Priya to the finance partner for the payments budget",
            week + Duration::days(1),
            false,
        ),
        (
            "Marcus Oyelaran",
            "them",
            "Share the CI migration cut-over plan",
            today - Duration::days(4),
            false,
        ),
        (
            "Jordan Kim",
            "me",
            "Send the written update on cloud cost trend",
            today - Duration::days(2),
            false,
        ),
        (
            "Elena Sokolova",
            "me",
            "Book a design + mobile working session",
            week + Duration::days(4),
            false,
        ),
        (
            "Tomás Ferreira",
            "them",
            "Write up the event-bus decision record",
            today - Duration::days(9),
            true,
        ),
    ];
    for (name, owner, body, due, done) in list {
        let person_id = person(store, name)?;
        store.write(|tx| -> Result<(), OpsError> {
            let id = actions::insert(
                tx,
                &actions::NewAction {
                    person_id,
                    occurrence_id: None,
                    owner,
                    body,
                    due: Some(due),
                },
                now,
            )?;
            if done {
                actions::set_done(tx, id, true, now)?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_fills_an_empty_database_once() {
        let mut store = Store::open_in_memory().unwrap();
        let now = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let summary = load_demo(&mut store, Weekday::Mon, now).unwrap();
        assert_eq!(summary.people, 8);
        assert_eq!(
            summary.rituals,
            8 + 7 + 1,
            "standard rituals, 1:1s, one-off"
        );
        let listed = super::super::people::list_people(&store, now).unwrap();
        assert_eq!(listed.iter().filter(|p| p.one_on_one.is_some()).count(), 7);
        assert_eq!(summary.risks, 10);
        assert!(load_demo(&mut store, Weekday::Mon, now).is_err());
    }

    #[test]
    fn the_demo_register_has_due_and_overdue_reviews_and_history() {
        use crate::domain::agenda::{ItemKind, RadarKind};
        use crate::domain::risk::RiskStatus;
        let mut store = Store::open_in_memory().unwrap();
        let now = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        load_demo(&mut store, Weekday::Mon, now).unwrap();
        let risks = super::super::risks::list_risks(&store).unwrap();
        assert_eq!(risks.len(), 10);
        assert_eq!(
            risks
                .iter()
                .filter(|r| r.fields.status == RiskStatus::Closed)
                .count(),
            1
        );
        assert!(risks.iter().all(|r| !r.history.is_empty()));
        let overdue: Vec<&str> = risks
            .iter()
            .filter(|r| r.is_overdue(now.date()))
            .map(|r| r.fields.title.as_str())
            .collect();
        assert_eq!(overdue.len(), 2, "{overdue:?}");
        let week = super::super::agenda::agenda(&store, now.date(), 7, now, 0, 13).unwrap();
        let reviews = week
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::RiskReview)
            .count();
        assert_eq!(reviews, 4, "reviews due this week");
        let kinds: Vec<RadarKind> = week
            .radar
            .iter()
            .map(|r| r.kind)
            .filter(|k| matches!(k, RadarKind::OverdueReview | RadarKind::AcceptanceExpired))
            .collect();
        assert_eq!(
            kinds,
            [RadarKind::AcceptanceExpired, RadarKind::OverdueReview],
            "one review overdue, one acceptance expired"
        );
    }

    #[test]
    fn weeks_back_lands_on_the_weekday() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(weeks_back(monday, Weekday::Mon, 0), monday);
        assert_eq!(
            weeks_back(monday, Weekday::Fri, 0),
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
        );
        assert_eq!(
            weeks_back(monday, Weekday::Tue, 1),
            NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()
        );
    }
}
