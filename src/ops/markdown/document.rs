//! `export --format md`: the plan, the rituals, the people, the risk register, the scorecard and
//! this week's agenda as one readable document, or one of those parts.

use crate::domain::Word;
use chrono::{NaiveDateTime, Weekday};

use super::agenda::agenda_markdown;
use super::people::people_section;
use super::{cell, plural};
use crate::domain::agenda::meeting_title;
use crate::domain::plan::GoalStatus;
use crate::domain::risk::{Risk, RiskStatus};
use crate::domain::risk_list::{RiskSort, sort_risks};
use crate::ops::OpsError;
use crate::ops::agenda::agenda;
use crate::ops::plan::{GoalView, plan_view};
use crate::ops::rituals::list_rituals;
use crate::ops::scorecard::scorecard;
use crate::schedule::agenda::week_floor;
use crate::store::{Store, risks};

/// One part of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Plan,
    Rituals,
    People,
    Risks,
    Decisions,
    Scorecard,
    Week,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Plan,
        Section::Rituals,
        Section::People,
        Section::Risks,
        Section::Decisions,
        Section::Scorecard,
        Section::Week,
    ];
}

/// What the document depends on besides the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentOptions {
    pub week_start: Weekday,
    /// Days ahead the week's radar warns of what comes due.
    pub lead_days: u32,
    /// Weeks after which a skip-level is overdue on the radar.
    pub skip_level_weeks: u32,
    /// Include private health reads (left out unless asked).
    pub include_private: bool,
}

/// The document (every section, or only `only`) as of `now`.
pub fn document(
    store: &Store,
    only: Option<Section>,
    options: DocumentOptions,
    now: NaiveDateTime,
) -> Result<String, OpsError> {
    let week_start = options.week_start;
    let today = now.date();
    let mut out = format!("# Bearing — {}\n", today.format("%A %-d %B %Y"));
    let sections = match only {
        Some(s) => vec![s],
        None => Section::ALL.to_vec(),
    };
    for section in sections {
        out.push('\n');
        out.push_str(&match section {
            Section::Plan => plan_section(store, now)?,
            Section::Rituals => rituals_section(store, now)?,
            Section::People => people_section(store, now, options.include_private)?,
            Section::Risks => risks_section(&risks::list(store.conn())?, now),
            Section::Decisions => super::decisions::decisions_section(store, now)?,
            Section::Scorecard => super::scorecard::scorecard_section(&scorecard(store, today)?),
            Section::Week => {
                let week = agenda(
                    store,
                    week_floor(today, week_start),
                    7,
                    now,
                    options.lead_days,
                    options.skip_level_weeks,
                )?;
                agenda_markdown(&week, 2)
            }
        });
    }
    Ok(out)
}

fn plan_section(store: &Store, now: NaiveDateTime) -> Result<String, OpsError> {
    let view = plan_view(store, now.date())?;
    let mut out = String::from("## Plan\n");
    let (Some(start), Some(day)) = (view.start, view.day) else {
        out.push_str("\nNo plan started.\n");
        return Ok(out);
    };
    out.push_str(&format!(
        "\nStarted {}; {}.\n",
        start.format("%a %-d %b %Y"),
        day.describe()
    ));
    for phase in view.phases.iter().filter(|p| !p.goals.is_empty()) {
        out.push_str(&format!(
            "\n### {} ({} – {})\n\n",
            phase.label,
            phase.start.format("%-d %b"),
            phase.end.format("%-d %b %Y")
        ));
        for g in &phase.goals {
            out.push_str(&goal_lines(g));
        }
    }
    if view.phases.iter().all(|p| p.goals.is_empty()) {
        out.push_str("\nNo goals yet.\n");
    }
    Ok(out)
}

fn goal_lines(g: &GoalView) -> String {
    let f = &g.goal.fields;
    let check = if f.status == GoalStatus::Done {
        "[x]"
    } else {
        "[ ]"
    };
    let mut facts = vec![f.status.as_str().to_string()];
    if f.status.is_open() {
        facts.push(format!("{}%", f.progress));
        facts.push(f.confidence.label().to_string());
        facts.push(format!("due {}", g.due_on.format("%a %-d %b")));
    }
    if g.behind {
        facts.push("**behind schedule**".into());
    }
    if let Some(p) = &g.person {
        facts.push(p.clone());
    }
    let title = if f.status == GoalStatus::Dropped {
        format!("~~{}~~", f.title)
    } else {
        format!("**{}**", f.title)
    };
    let mut out = format!("- {check} {title} — {}\n", facts.join(", "));
    let criteria = cell(&f.criteria);
    if !criteria.is_empty() {
        out.push_str(&format!("  - Success: {criteria}\n"));
    }
    out
}

fn rituals_section(store: &Store, now: NaiveDateTime) -> Result<String, OpsError> {
    let mut out = String::from("## Rituals\n\n");
    let mut list: Vec<_> = list_rituals(store, now)?
        .into_iter()
        .filter(|r| !r.ended)
        .collect();
    // The team's meetings first, then the 1:1s; each by time of week as listed.
    list.sort_by_key(|r| r.person.is_some());
    if list.is_empty() {
        out.push_str("No rituals.\n");
    }
    for r in list {
        out.push_str(&format!(
            "- **{}** — {}\n",
            meeting_title(&r.ritual.fields.name, r.person.as_deref()),
            r.schedule
        ));
    }
    Ok(out)
}

fn risks_section(all: &[Risk], now: NaiveDateTime) -> String {
    let today = now.date();
    let mut out = String::from("## Risk register\n\n");
    let mut shown: Vec<&Risk> = all
        .iter()
        .filter(|r| r.fields.status != RiskStatus::Closed)
        .collect();
    if shown.is_empty() {
        out.push_str("No open risks.\n");
    } else {
        sort_risks(&mut shown, RiskSort::Score);
        out.push_str("| # | Risk | Score | Trend | Owner | Response | Status | Next review |\n");
        out.push_str("|---|---|---|---|---|---|---|---|\n");
        for r in &shown {
            let f = &r.fields;
            let review = match (f.next_review, f.overdue_since(today)) {
                (_, Some(since)) if !f.review_overdue(today) => {
                    format!("**acceptance expired** {}", since.format("%-d %b"))
                }
                (_, Some(since)) => format!("**overdue** since {}", since.format("%-d %b")),
                (Some(d), None) => d.format("%a %-d %b").to_string(),
                (None, None) => "—".to_string(),
            };
            out.push_str(&format!(
                "| {} | {} | {} {} | {} | {} | {} | {} | {} |\n",
                r.id,
                cell(&f.title),
                f.score.value(),
                f.score.band(),
                r.trend().arrow(),
                if f.owner.is_empty() {
                    "—".to_string()
                } else {
                    cell(&f.owner)
                },
                f.response,
                f.status,
                review
            ));
        }
    }
    let closed = all.len() - shown.len();
    if closed > 0 {
        out.push_str(&format!(
            "\n{} closed, not shown.\n",
            plural(closed, "risk")
        ));
    }
    out
}
