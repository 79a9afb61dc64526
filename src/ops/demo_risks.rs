//! The sample org's risk register (`assets/demo_risks.toml`), with score histories and review
//! dates relative to `now`: some reviews due this week, one overdue, one acceptance expired.

use crate::domain::Word;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::OpsError;
use crate::domain::Invalid;
use crate::domain::risk::{Category, Response, RiskDraft, RiskStatus};
use crate::domain::risk_score::{RiskScore, ScoreEntry};
use crate::store::{Store, people, risks};

const DEMO_RISKS: &str = include_str!("../../assets/demo_risks.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRegister {
    risk: Vec<DemoRisk>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRisk {
    title: String,
    category: String,
    owner: String,
    response: String,
    status: String,
    mitigation: String,
    trigger: String,
    /// Days from today to the next review.
    review: Option<i64>,
    accept_reason: Option<String>,
    /// Days from today to the end of the acceptance.
    expiry: Option<i64>,
    history: Vec<DemoScore>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoScore {
    day: i64,
    likelihood: i64,
    impact: i64,
    note: String,
}

fn broken(what: impl std::fmt::Display) -> OpsError {
    Invalid::new(format!("the built-in demo risks are broken: {what}")).into()
}

/// Adds the register; returns how many risks it holds.
pub fn add_risks(store: &mut Store, now: NaiveDateTime) -> Result<usize, OpsError> {
    let register: DemoRegister = toml::from_str(DEMO_RISKS).map_err(broken)?;
    let today = now.date();
    let day = |offset: i64| -> NaiveDate { today + Duration::days(offset) };
    let count = register.risk.len();
    for r in register.risk {
        let Some(current) = r.history.last() else {
            return Err(broken(format!("\"{}\" has no history", r.title)));
        };
        let fields = RiskDraft {
            title: r.title,
            category: Category::parse(&r.category)?,
            likelihood: current.likelihood,
            impact: current.impact,
            owner: r.owner,
            owner_id: None,
            response: Response::parse(&r.response)?,
            status: RiskStatus::parse(&r.status)?,
            mitigation: r.mitigation,
            trigger: r.trigger,
            next_review: r.review.map(day),
            residual_likelihood: None,
            residual_impact: None,
            accept_reason: r.accept_reason.unwrap_or_default(),
            accept_expiry: r.expiry.map(day),
        }
        .validate()?;
        let history = r
            .history
            .iter()
            .map(|h| {
                Ok(ScoreEntry {
                    date: day(h.day),
                    score: RiskScore::new(h.likelihood, h.impact)?,
                    note: h.note.clone(),
                })
            })
            .collect::<Result<Vec<_>, Invalid>>()?;
        let created = history.first().map_or(now, |h| h.date.and_time(now.time()));
        store.write(|tx| -> Result<(), OpsError> {
            // The demo's owners are its people: linked, as the migration links exact names.
            let mut fields = fields.clone();
            fields.owner_id = people::find_by_name(tx, &fields.owner)?.map(|p| p.id);
            let id = risks::insert(tx, &fields, created)?;
            for entry in &history {
                risks::insert_entry(tx, id, entry)?;
            }
            Ok(())
        })?;
    }
    Ok(count)
}
