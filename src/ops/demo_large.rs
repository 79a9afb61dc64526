//! A deterministic large database for benchmarks and for trying Bearing at scale: three years of a
//! director's data. The same seed always gives the same database.

use crate::domain::Word;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use fastrand::Rng;
use rusqlite::Connection;

use super::OpsError;
use crate::domain::one_on_one::ContextKind;
use crate::domain::person::{PersonFields, Relation};
use crate::domain::plan::{Checkin, Confidence, GoalFields, GoalStatus};
use crate::domain::risk::{Category, Response, RiskFields, RiskStatus};
use crate::domain::risk_score::{RiskScore, ScoreEntry};
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, RitualFields};
use crate::schedule::agenda::week_floor;
use crate::schedule::recurrence::Recurrence;
use crate::store::generated::{self, GeneratedAction, GeneratedNote, GeneratedTopic};
use crate::store::{Store, dump};
use crate::store::{notes, occurrences, people, plan, risks, rituals};

/// How much the large demo holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub people: usize,
    pub team_rituals: usize,
    pub one_on_ones: usize,
    pub notes: usize,
    pub topics: usize,
    pub actions: usize,
    pub goals: usize,
    pub risks: usize,
    pub years: i64,
}

impl Size {
    /// Issue #9's figures: 60 people, 40 rituals over 3 years, 10,000 notes, 20,000 talking
    /// points and actions, 300 goals, 1,000 risks.
    pub const LARGE: Size = Size {
        people: 60,
        team_rituals: 12,
        one_on_ones: 28,
        notes: 10_000,
        topics: 10_000,
        actions: 10_000,
        goals: 300,
        risks: 1_000,
        years: 3,
    };

    /// Issue #18's ten years: 60 people, the same 40 rituals over 10 years, 100,000 notes,
    /// 100,000 talking points, 100,000 actions, 1,000 goals, 3,000 risks.
    pub const HUGE: Size = Size {
        people: 60,
        team_rituals: 12,
        one_on_ones: 28,
        notes: 100_000,
        topics: 100_000,
        actions: 100_000,
        goals: 1_000,
        risks: 3_000,
        years: 10,
    };
}

/// What was written, row counts by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LargeSummary {
    pub people: usize,
    pub rituals: usize,
    pub occurrences: usize,
    pub notes: usize,
    pub topics: usize,
    pub actions: usize,
    pub goals: usize,
    pub checkins: usize,
    pub risks: usize,
    pub reviews: usize,
}

const FIRST: [&str; 20] = [
    "Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena",
    "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq",
];
const LAST: [&str; 12] = [
    "Adeyemi", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Gupta", "Haddad", "Ito", "Jensen",
    "Kowalski", "Lopez",
];
const TEAMS: [&str; 8] = [
    "Payments",
    "Platform",
    "Mobile",
    "Data",
    "Identity",
    "Search",
    "Growth",
    "Reliability",
];
const RITUALS: [&str; 12] = [
    "Staff meeting",
    "Incident review",
    "Architecture review",
    "Delivery review",
    "Security sync",
    "Roadmap checkpoint",
    "Business review",
    "Quarterly planning",
    "Hiring sync",
    "Product leads",
    "Platform council",
    "Demo day",
];
const WORDS: [&str; 48] = [
    "roadmap",
    "hiring",
    "on-call",
    "incident",
    "promotion",
    "feedback",
    "budget",
    "migration",
    "latency",
    "design",
    "review",
    "career",
    "burnout",
    "vendor",
    "security",
    "planning",
    "offsite",
    "metrics",
    "customer",
    "deadline",
    "refactor",
    "mentoring",
    "staffing",
    "quality",
    "release",
    "outage",
    "backlog",
    "estimate",
    "handover",
    "interview",
    "goals",
    "growth",
    "priorities",
    "tradeoff",
    "ownership",
    "dashboard",
    "reliability",
    "cost",
    "alignment",
    "retro",
    "scope",
    "risk",
    "dependency",
    "launch",
    "compliance",
    "coaching",
    "capacity",
    "process",
];

fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let text: Vec<&str> = (0..words).map(|_| pick(rng, &WORDS)).collect();
    let mut s = text.join(" ");
    if let Some(c) = s.get(..1) {
        s.replace_range(..1, &c.to_uppercase());
    }
    s.push('.');
    s
}

fn day_in(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(1);
    from + Duration::days(rng.i64(0..span))
}

/// `minute` minutes into `day`, but never after `now`: nothing is written in the future.
fn at(day: NaiveDate, minute: u32, now: NaiveDateTime) -> NaiveDateTime {
    (day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minute))).min(now)
}

/// Fills an empty database with `size` worth of data ending at `now`.
pub fn load_large(
    store: &mut Store,
    size: Size,
    seed: u64,
    week_start: Weekday,
    now: NaiveDateTime,
) -> Result<LargeSummary, OpsError> {
    if dump::row_count(store.conn())? > 0 {
        return Err(OpsError::Refused(
            "the database already has data; the demo fills only an empty one (use --db with a new file)"
                .into(),
        ));
    }
    let mut rng = Rng::with_seed(seed);
    let today = now.date();
    let begin = week_floor(today - Duration::days(365 * size.years), Weekday::Mon);
    store.fill(|tx| fill(tx, size, &mut rng, week_start, now, begin))
}

/// Writes the generated rows (into an empty file, its search indexes built after).
fn fill(
    tx: &Connection,
    size: Size,
    rng: &mut Rng,
    week_start: Weekday,
    now: NaiveDateTime,
    begin: NaiveDate,
) -> Result<LargeSummary, OpsError> {
    let today = now.date();
    let mut sum = LargeSummary::default();
    let mut person_ids = Vec::with_capacity(size.people);
    for i in 0..size.people {
        let relation = match i {
            _ if i < size.one_on_ones => Relation::Report,
            _ if i % 3 == 0 => Relation::Peer,
            _ if i % 7 == 0 => Relation::Manager,
            _ => Relation::Stakeholder,
        };
        let fields = PersonFields {
            name: format!(
                "{} {}",
                FIRST[i % FIRST.len()],
                LAST[(i / FIRST.len() + i) % LAST.len()]
            ),
            role: if relation == Relation::Report {
                "Engineering Manager".into()
            } else {
                "Product Lead".into()
            },
            team: TEAMS[i % TEAMS.len()].into(),
            relation,
            career_goals: sentence(rng, 10),
            context: sentence(rng, 14),
            prompts: String::new(),
            reports_to: None,
        };
        let id = people::insert(tx, &fields, now)?;
        for _ in 0..rng.usize(1..4) {
            let kind = [
                ContextKind::Career,
                ContextKind::Feedback,
                ContextKind::Context,
            ][rng.usize(..3)];
            let text = sentence(rng, 16);
            notes::insert_context(tx, id, day_in(rng, begin, today), kind, &text)?;
        }
        person_ids.push(id);
    }
    sum.people = person_ids.len();

    // Rituals: team rituals at assorted cadences, then a 1:1 series per report.
    let mut series = Vec::new();
    let cadences = [
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        "FREQ=WEEKLY;BYDAY=TH",
        "FREQ=MONTHLY;BYDAY=1TH",
        "FREQ=MONTHLY;BYDAY=2MO",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TH",
        "FREQ=WEEKLY;BYDAY=FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=3WE",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
    ];
    for i in 0..size.team_rituals + size.one_on_ones {
        let one_on_one = i >= size.team_rituals;
        let (name, rrule, person_id, minutes) = if one_on_one {
            let k = i - size.team_rituals;
            let day = ["MO", "TU", "WE", "TH", "FR"][k % 5];
            let every = if k % 4 == 3 { ";INTERVAL=2" } else { "" };
            (
                "1:1".to_string(),
                format!("FREQ=WEEKLY{every};BYDAY={day}"),
                Some(person_ids[k]),
                30,
            )
        } else {
            (
                RITUALS[i % RITUALS.len()].to_string(),
                cadences[i % cadences.len()].to_string(),
                None,
                [30, 45, 60, 90][i % 4],
            )
        };
        let hour = 9 + (i as u32 * 7) % 8;
        let minute = [0, 30][i % 2];
        let fields = RitualFields {
            name,
            rrule: Some(rrule),
            dtstart: begin
                .and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN)),
            duration_min: minutes,
            week_start,
            person_id,
            attendees: String::new(),
            agenda: if one_on_one {
                String::new()
            } else {
                "Review last week\nDecisions\nRisks".into()
            },
            prep_min: if one_on_one { 0 } else { 15 },
            location: String::new(),
        };
        let id = rituals::insert(tx, &fields, None, now)?;
        series.push((id, fields));
    }
    sum.rituals = series.len();

    // Past meetings: mostly held, some skipped, a few moved.
    for (id, fields) in &series {
        let recurrence = Recurrence::of(fields).map_err(|e| OpsError::Refused(e.to_string()))?;
        for start in recurrence.between(begin, today) {
            let roll = rng.u32(0..100);
            let (status, moved_to) = match roll {
                0..=84 => (OccurrenceStatus::Held, None),
                85..=92 => (OccurrenceStatus::Skipped, None),
                93..=95 => (OccurrenceStatus::Held, Some(start + Duration::hours(2))),
                _ => continue,
            };
            let record = OccurrenceRecord {
                id: 0,
                ritual_id: *id,
                original_start: start,
                status,
                moved_to,
                notes: String::new(),
                decisions: String::new(),
                agenda_done: String::new(),
            };
            occurrences::upsert(tx, &record)?;
            sum.occurrences += 1;
        }
    }

    // Notes, talking points and actions go in in the order they were written, as in a
    // director's own database: ids follow time, so what is due this week or still open sits
    // together in the file, and "newest first" (search) is newest by date too.
    let reports = &person_ids[..size.one_on_ones.max(1).min(person_ids.len())];
    let mut batch = Vec::with_capacity(size.notes);
    for _ in 0..size.notes {
        let person_id = reports[rng.usize(..reports.len())];
        let words = rng.usize(20..70);
        let body = sentence(rng, words);
        let date = day_in(rng, begin, today);
        // Written up the day of the 1:1, or the next morning.
        let written = date + Duration::days(rng.i64(0..2));
        batch.push(GeneratedNote {
            person_id,
            date,
            body,
            created_at: at(written, rng.u32(8 * 60..19 * 60), now),
        });
    }
    batch.sort_by_key(|n| n.created_at);
    generated::insert_notes(tx, &batch)?;
    sum.notes = batch.len();
    let mut batch = Vec::with_capacity(size.topics);
    for _ in 0..size.topics {
        let person_id = reports[rng.usize(..reports.len())];
        let words = rng.usize(4..12);
        let body = sentence(rng, words);
        // Most were raised in the weeks before the 1:1 that discussed them; the ones still
        // queued were raised lately.
        let (created, discussed_at) = if rng.u32(0..100) < 90 {
            let discussed = day_in(rng, begin, today);
            let raised = (discussed - Duration::days(rng.i64(1..21))).max(begin);
            (raised, Some(discussed.and_time(NaiveTime::MIN)))
        } else {
            (day_in(rng, today - Duration::days(60), today), None)
        };
        let created_at = at(created, rng.u32(8 * 60..19 * 60), now);
        batch.push(GeneratedTopic {
            person_id,
            body,
            created_at,
            discussed_at: discussed_at.map(|d| d.max(created_at)),
        });
    }
    batch.sort_by_key(|t| t.created_at);
    generated::insert_topics(tx, &batch)?;
    sum.topics = batch.len();
    let mut batch = Vec::with_capacity(size.actions);
    for _ in 0..size.actions {
        let person_id = person_ids[rng.usize(..person_ids.len())];
        let words = rng.usize(4..10);
        let body = sentence(rng, words);
        // Agreed on a day of the ten years, due one to three weeks later; done by the day
        // it was due (one still due, some day since it was agreed), or still open.
        let agreed = day_in(rng, begin, today + Duration::days(1));
        let due = agreed + Duration::days(rng.i64(1..22));
        let created_at = at(agreed, rng.u32(8 * 60..19 * 60), now);
        let owner = if rng.bool() { "me" } else { "them" };
        let done = due < today - Duration::days(14) || rng.u32(0..100) < 30;
        let done_on = if due < today {
            due
        } else {
            day_in(rng, agreed, today + Duration::days(1))
        };
        batch.push(GeneratedAction {
            person_id,
            owner,
            body,
            due: Some(due),
            created_at,
            done_at: done.then(|| at(done_on, rng.u32(9 * 60..18 * 60), now).max(created_at)),
        });
    }
    batch.sort_by_key(|a| a.created_at);
    generated::insert_actions(tx, &batch)?;
    sum.actions = batch.len();

    // The plan started 60 days ago; goals across every phase, each with check-ins.
    let plan_start = today - Duration::days(60);
    let plan_id = plan::set_start(tx, plan_start, now)?;
    let phases = [30, 60, 90, 180, 365];
    for g in 0..size.goals {
        let phase = phases[g % phases.len()];
        let progress = rng.u32(0..=100);
        let status = match progress {
            100 => GoalStatus::Done,
            0 => GoalStatus::Todo,
            _ => GoalStatus::Doing,
        };
        let words = rng.usize(4..9);
        let fields = GoalFields {
            phase,
            title: sentence(rng, words),
            description: String::new(),
            criteria: sentence(rng, 8),
            status,
            progress,
            confidence: Confidence::ALL[rng.usize(..Confidence::ALL.len())],
            due: Some(plan_start + Duration::days(i64::from(phase) - 1)),
            person_id: (g % 3 == 0).then(|| reports[g % reports.len()]),
            measure: None,
        };
        let goal_id = plan::insert_goal(tx, plan_id, &fields, now)?;
        sum.goals += 1;
        let steps = rng.u32(1..6);
        for step in 1..=steps {
            plan::insert_checkin(
                tx,
                &Checkin {
                    id: 0,
                    goal_id,
                    date: plan_start + Duration::days(i64::from(step) * 10),
                    kind: "checkin".into(),
                    progress: progress * step / steps,
                    confidence: fields.confidence,
                    note: sentence(rng, 6),
                    metric_value: None,
                },
            )?;
            sum.checkins += 1;
        }
    }

    for r in 0..size.risks {
        let score = RiskScore::new(rng.i64(1..=5), rng.i64(1..=5)).map_err(OpsError::from)?;
        let created = day_in(rng, begin, today);
        let status = match rng.u32(0..10) {
            0..=5 => RiskStatus::Open,
            6..=7 => RiskStatus::Monitoring,
            _ => RiskStatus::Closed,
        };
        let category = Category::ALL[r % Category::ALL.len()];
        let words = rng.usize(6..12);
        let fields = RiskFields {
            title: format!("If {}", sentence(rng, words).to_lowercase()),
            category,
            score,
            owner: FIRST[r % FIRST.len()].into(),
            owner_id: None,
            response: Response::Mitigate,
            status,
            mitigation: sentence(rng, 12),
            trigger: String::new(),
            next_review: Some(day_in(
                rng,
                today - Duration::days(20),
                today + Duration::days(90),
            )),
            residual: None,
            accept_reason: String::new(),
            accept_expiry: None,
        };
        let id = risks::insert(tx, &fields, created.and_time(NaiveTime::MIN))?;
        sum.risks += 1;
        let mut date = created;
        let mut reviews = Vec::new();
        for _ in 0..rng.usize(1..8) {
            date += Duration::days(rng.i64(7..60));
            if date > today {
                break;
            }
            reviews.push(ScoreEntry {
                date,
                score: RiskScore::new(rng.i64(1..=5), rng.i64(1..=5)).map_err(OpsError::from)?,
                note: sentence(rng, 6),
            });
        }
        // The last review gave the score the risk has now, as a review in the cockpit does: the
        // trend is read from the history, and arrows went against the scores shown.
        if let Some(last) = reviews.last_mut() {
            last.score = score;
        }
        for entry in &reviews {
            risks::insert_entry(tx, id, entry)?;
            sum.reviews += 1;
        }
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Size {
        Size {
            people: 10,
            team_rituals: 3,
            one_on_ones: 4,
            notes: 50,
            topics: 40,
            actions: 40,
            goals: 10,
            risks: 20,
            years: 1,
        }
    }

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_database_and_another_seed_another() {
        let export = |seed| {
            let mut store = Store::open_in_memory().unwrap();
            let sum = load_large(&mut store, small(), seed, Weekday::Mon, now()).unwrap();
            (sum, super::super::json::json_export(&store).unwrap())
        };
        let (sum, a) = export(7);
        assert_eq!(sum.people, 10);
        assert_eq!(sum.rituals, 7);
        assert_eq!(sum.notes, 50);
        assert!(sum.occurrences > 100, "{sum:?}");
        assert!(sum.checkins >= 10 && sum.reviews > 0, "{sum:?}");
        assert_eq!(export(7).1, a);
        assert_ne!(export(8).1, a);
    }

    /// Every risk's score is its last review's, as a review in the cockpit leaves it: the
    /// register's trend arrows are read from the history (892 of 969 disagreed).
    #[test]
    fn each_risks_score_is_its_last_reviews() {
        let mut store = Store::open_in_memory().unwrap();
        load_large(&mut store, small(), 7, Weekday::Mon, now()).unwrap();
        for risk in risks::list(store.conn()).unwrap() {
            let history = risks::history(store.conn(), risk.id).unwrap();
            if let Some(last) = history.last() {
                assert_eq!(last.score, risk.fields.score, "risk {}", risk.id);
            }
        }
    }

    /// Rows are written in the order a director writes them: ids follow the time they were
    /// created, nothing is done or discussed before it was written, nothing after `now`.
    #[test]
    fn ids_follow_time_and_no_stamp_is_out_of_order() {
        let mut store = Store::open_in_memory().unwrap();
        // Enough rows that some fall on the first and the last day, where the stamps clash.
        let size = Size {
            notes: 500,
            topics: 3_000,
            actions: 3_000,
            ..small()
        };
        load_large(&mut store, size, 3, Weekday::Mon, now()).unwrap();
        let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        for table in ["note", "topic", "action_item"] {
            let out_of_order = format!(
                "SELECT count(*) FROM {table} a JOIN {table} b ON b.id = a.id + 1 \
                 WHERE b.created_at < a.created_at"
            );
            assert_eq!(count(&out_of_order), 0, "{table}: ids do not follow time");
            let late =
                format!("SELECT count(*) FROM {table} WHERE created_at > '2026-11-23T09:00:00'");
            assert_eq!(count(&late), 0, "{table}: written after now");
        }
        let sql = "SELECT count(*) FROM action_item WHERE done_at < created_at \
                   OR done_at > '2026-11-23T09:00:00'";
        assert_eq!(
            count(sql),
            0,
            "an action done before it was agreed, or after now"
        );
        let sql = "SELECT count(*) FROM topic WHERE discussed_at < created_at";
        assert_eq!(
            count(sql),
            0,
            "a talking point discussed before it was raised"
        );
        assert!(count("SELECT count(*) FROM action_item WHERE done_at IS NULL") > 0);
    }

    #[test]
    fn it_fills_only_an_empty_database() {
        let mut store = Store::open_in_memory().unwrap();
        load_large(&mut store, small(), 1, Weekday::Mon, now()).unwrap();
        let err = load_large(&mut store, small(), 1, Weekday::Mon, now()).unwrap_err();
        assert!(err.to_string().contains("already has data"), "{err}");
    }
}
