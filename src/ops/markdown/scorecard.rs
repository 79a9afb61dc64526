//! The scorecard as a Markdown table: each metric's latest number against its target.

use super::{cell, plural};
use crate::ops::scorecard::Scorecard;

pub fn scorecard_section(card: &Scorecard) -> String {
    let mut out = String::from("## Scorecard\n\n");
    if card.metrics.is_empty() {
        out.push_str("No metrics.\n");
        return out;
    }
    out.push_str(&format!("{}.\n\n", card.summary.line()));
    out.push_str("| # | Metric | Group | Latest | Period | Target | Status | Trend | Owner |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|\n");
    for m in &card.metrics {
        let f = &m.metric.fields;
        let (latest, period) = m.latest.map_or_else(
            || ("—".to_string(), "—".to_string()),
            |(p, v)| (f.shown(v), p.label()),
        );
        let target = f.target.map_or_else(|| "—".to_string(), |t| f.shown(t));
        out.push_str(&format!(
            "| {} | {} | {} | {latest} | {period} | {} {target} | {} | {} | {} |\n",
            m.id(),
            cell(&f.name),
            f.group,
            match f.direction {
                crate::domain::metric::Direction::Up => "≥",
                crate::domain::metric::Direction::Down => "≤",
            },
            m.status.label(),
            m.trend.arrow(),
            cell(m.owner.as_deref().unwrap_or("me")),
        ));
    }
    let goals: usize = card.metrics.iter().map(|m| m.goals.len()).sum();
    if goals > 0 {
        out.push_str(&format!(
            "\n{} measured by these metrics.\n",
            plural(goals, "goal")
        ));
    }
    out
}
