//! The prep's connected picture as Markdown: goals, risks, career and feedback, the team, and
//! (only when asked) the private health reads.

use chrono::NaiveDate;

use super::people::health_line;
use crate::domain::risk_score::Trend;
use crate::ops::prep_picture::{Picture, PrepGoal, PrepRisk, TeamMember};

fn goal_line(g: &PrepGoal) -> String {
    format!(
        "- goal {}: {} — {}%, {}{}{}\n",
        g.id,
        g.title,
        g.progress,
        g.status,
        if g.behind { ", **behind**" } else { "" },
        if g.owned { "" } else { " (linked)" }
    )
}

fn risk_line(r: &PrepRisk, today: NaiveDate) -> String {
    let trend = match r.trend {
        Trend::Worse => "worse",
        Trend::Better => "better",
        Trend::Same => "same",
        Trend::New => "new",
    };
    let review = match r.next_review {
        Some(d) if r.overdue => format!("review **overdue** since {}", d.format("%a %-d %b")),
        Some(d) if d == today => "review today".to_string(),
        Some(d) => format!("review {}", d.format("%a %-d %b")),
        None => "no review set".to_string(),
    };
    format!(
        "- risk {}: {} — score {} ({}), {trend}, {review}{}\n",
        r.id,
        r.title,
        r.score,
        r.band,
        if r.owned { "" } else { " (linked)" }
    )
}

fn member_line(m: &TeamMember) -> String {
    let last = m.last.map_or("no 1:1 yet".to_string(), |t| {
        format!("last 1:1 {}", t.format("%a %-d %b"))
    });
    let state = match m.state {
        Some(crate::domain::one_on_one::CadenceState::Alarm) => ", **1:1 lapsed**",
        Some(crate::domain::one_on_one::CadenceState::Warning) => ", 1:1 due",
        _ => "",
    };
    format!(
        "- {} — {last}{state}; open actions: {} mine, {} theirs\n",
        m.name, m.open_mine, m.open_theirs
    )
}

/// The sections, each left out when empty (health only with `include_private`).
pub fn picture_markdown(p: &Picture, today: NaiveDate, include_private: bool) -> String {
    let mut out = String::new();
    if !p.goals.is_empty() {
        out.push_str("\n## Goals\n\n");
        p.goals.iter().for_each(|g| out.push_str(&goal_line(g)));
    }
    if !p.risks.is_empty() {
        out.push_str("\n## Risks\n\n");
        p.risks
            .iter()
            .for_each(|r| out.push_str(&risk_line(r, today)));
    }
    if !p.team.is_empty() {
        out.push_str(&format!(
            "\n## Their team ({}, {} needing attention)\n\n",
            super::plural(p.team.len(), "report"),
            p.team_alerts(include_private)
        ));
        p.team.iter().for_each(|m| out.push_str(&member_line(m)));
    }
    if !p.context.is_empty() {
        out.push_str("\n## Career and feedback\n\n");
        for c in &p.context {
            out.push_str(&format!(
                "- {} {}: {}\n",
                c.date.format("%Y-%m-%d"),
                c.kind,
                c.body.replace('\n', " ")
            ));
        }
    }
    if include_private && !p.health.is_empty() {
        out.push_str("\n## Health (private)\n\n");
        for h in &p.health {
            out.push_str(&format!("- {}\n", health_line(h)));
        }
    }
    out
}
