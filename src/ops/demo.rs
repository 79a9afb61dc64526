//! Filling a database with the sample org in `assets/demo.toml`, dated relative to `now`.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::Deserialize;

use super::OpsError;
use super::people::{OneOnOnePlan, PersonInput, add_person};
use crate::domain::Invalid;
use crate::domain::dates::parse_time;
use crate::domain::person::{PersonDraft, Relation};
use crate::schedule::recurrence::Cadence;
use crate::store::{Store, people};

const DEMO: &str = include_str!("../../assets/demo.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoData {
    person: Vec<DemoPerson>,
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
            },
            one_on_one,
        };
        add_person(store, input, week_start, now)?;
        count += 1;
    }
    Ok(DemoSummary { people: count })
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
        let listed = super::super::people::list_people(&store).unwrap();
        assert_eq!(listed.iter().filter(|p| p.one_on_one.is_some()).count(), 7);
        assert!(load_demo(&mut store, Weekday::Mon, now).is_err());
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
