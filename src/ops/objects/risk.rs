//! Risks as objects of the command line: `bearing risk list|show|edit|delete|review`.

use chrono::{NaiveDate, NaiveDateTime};

use super::Object;
use super::card::{Card, day};
use super::resolve::{Candidate, resolve};
use super::topic::short;
use crate::domain::risk::{Category, Response, RiskStatus};
use crate::domain::risk_list::{RiskSort, sort_risks};
use crate::ops::OpsError;
use crate::ops::risks::{self, RiskReport};
use crate::store::dependents::Reached;
use crate::store::{Store, dependents};

/// Titles longer than this are cut in the text list; JSON has them whole.
const TITLE_COLUMN: usize = 60;

/// What `risk list` narrows to, and its order.
#[derive(Debug, Clone, Default)]
pub struct RiskFilter {
    pub status: Option<RiskStatus>,
    pub category: Option<Category>,
    /// Only risks needing attention: review overdue or acceptance expired.
    pub overdue: bool,
    pub sort: RiskSort,
}

pub struct Risk;

impl Object for Risk {
    const KIND: &'static str = "risk";
    const COLUMNS: &'static [&'static str] = &[
        "ID", "SCORE", "BAND", "TREND", "REVIEW", "STATUS", "CATEGORY", "OWNER", "TITLE",
    ];
    type View = RiskReport;
    type Filter = RiskFilter;

    fn list(
        store: &Store,
        filter: &RiskFilter,
        now: NaiveDateTime,
    ) -> Result<Vec<RiskReport>, OpsError> {
        let today = now.date();
        let all = risks::list_risks(store)?;
        let mut shown: Vec<&crate::domain::risk::Risk> = all
            .iter()
            .filter(|r| {
                filter.status.is_none_or(|s| r.fields.status == s)
                    && filter.category.is_none_or(|c| r.fields.category == c)
                    && (!filter.overdue || r.is_overdue(today))
            })
            .collect();
        sort_risks(&mut shown, filter.sort);
        Ok(shown
            .into_iter()
            .map(|r| RiskReport::new(r, today))
            .collect())
    }

    fn get(store: &Store, id: i64, now: NaiveDateTime) -> Result<RiskReport, OpsError> {
        Ok(RiskReport::new(&risks::get_risk(store, id)?, now.date()))
    }

    fn find(store: &Store, query: &str) -> Result<i64, OpsError> {
        let candidates: Vec<Candidate> = risks::list_risks(store)?
            .into_iter()
            .map(|r| Candidate::new(r.id, r.fields.title))
            .collect();
        resolve(Self::KIND, query, &candidates)
    }

    fn id(view: &RiskReport) -> i64 {
        view.risk.id
    }

    fn label(view: &RiskReport) -> String {
        format!("\"{}\"", short(&view.risk.fields.title, 60))
    }

    fn row(r: &RiskReport, now: NaiveDateTime) -> Vec<String> {
        row(r, now.date())
    }

    fn card(r: &RiskReport, now: NaiveDateTime) -> Card {
        let f = &r.risk.fields;
        let residual = f
            .residual
            .map_or_else(String::new, |s| format!("{} ({})", s.value(), s.band()));
        let accepted = f.response == Response::Accept;
        let history = r
            .risk
            .history
            .iter()
            .map(|e| {
                let note = if e.note.is_empty() {
                    String::new()
                } else {
                    format!(": {}", e.note)
                };
                format!(
                    "{}  {}×{} = {} ({}){note}",
                    e.date,
                    e.score.likelihood,
                    e.score.impact,
                    e.score.value(),
                    e.score.band()
                )
            })
            .collect();
        Card::new(Self::KIND, r.risk.id, f.title.clone())
            .field(
                "score",
                format!(
                    "{} ({}): likelihood {}, impact {}",
                    f.score.value(),
                    f.score.band(),
                    f.score.likelihood,
                    f.score.impact
                ),
            )
            .field("trend", r.trend.to_string())
            .field("status", f.status.to_string())
            .field("category", f.category.to_string())
            .field(
                "owner",
                match f.owner_id {
                    Some(id) => format!("{} (person {id})", f.owner),
                    None => f.owner.clone(),
                },
            )
            .field("response", f.response.to_string())
            .field("review", review(r, now.date()))
            .field("mitigation", f.mitigation.clone())
            .field("trigger", f.trigger.clone())
            .field("residual", residual)
            .field(
                "accepted because",
                if accepted {
                    f.accept_reason.clone()
                } else {
                    String::new()
                },
            )
            .field(
                "acceptance ends",
                if accepted {
                    day(f.accept_expiry)
                } else {
                    String::new()
                },
            )
            .section("Score history", history)
    }

    fn reaches(store: &Store, id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(dependents::of_risk(store.conn(), id)?)
    }

    fn delete(store: &mut Store, id: i64, _now: NaiveDateTime) -> Result<(), OpsError> {
        risks::delete_risk(store, id, None).map(drop)
    }
}

/// The next review as the register shows it: the date, overdue, or an expired acceptance.
fn review(r: &RiskReport, today: NaiveDate) -> String {
    let f = &r.risk.fields;
    match (f.status, f.next_review, f.overdue_since(today)) {
        (RiskStatus::Closed, _, _) => "-".to_string(),
        (_, _, Some(since)) if f.acceptance_expired(today) && !f.review_overdue(today) => {
            format!("acceptance expired {since}")
        }
        (_, Some(d), Some(_)) => format!("{d} overdue"),
        (_, Some(d), None) => d.to_string(),
        (_, None, _) => "-".to_string(),
    }
}

fn row(r: &RiskReport, today: NaiveDate) -> Vec<String> {
    let f = &r.risk.fields;
    let mut title: String = f.title.chars().take(TITLE_COLUMN).collect();
    if f.title.chars().count() > TITLE_COLUMN {
        title.push('…');
    }
    vec![
        r.risk.id.to_string(),
        format!("{:>2}", f.score.value()),
        f.score.band().to_string(),
        r.trend.arrow().to_string(),
        review(r, today),
        f.status.to_string(),
        f.category.to_string(),
        if f.owner.is_empty() {
            "-".into()
        } else {
            f.owner.clone()
        },
        title,
    ]
}
