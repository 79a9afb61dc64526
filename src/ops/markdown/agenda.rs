//! The agenda as Markdown, and the small pieces the text view shares with it.

use chrono::{Duration, NaiveDate};

use super::heading;
use crate::domain::agenda::{AgendaItem, ItemKind, RadarItem};
use crate::domain::ritual::OccurrenceStatus;
use crate::ops::agenda::Agenda;

/// Each day of the range with its items.
pub fn days(week: &Agenda) -> impl Iterator<Item = (NaiveDate, Vec<&AgendaItem>)> {
    (0..week.days).map(|i| {
        let day = week.from + Duration::days(i64::from(i));
        (day, week.items.iter().filter(|it| it.date == day).collect())
    })
}

/// "10:00–11:00", or "due" for an untimed item.
pub fn when(item: &AgendaItem) -> String {
    if let Some(range) = item.time_range() {
        return range;
    }
    match item.kind {
        ItemKind::Calendar => "all day".to_string(),
        _ => "due".to_string(),
    }
}

/// A short tag that says what the item is, and its state.
pub fn describe(item: &AgendaItem) -> String {
    let mut tags = Vec::new();
    match item.kind {
        ItemKind::OneOnOne | ItemKind::Ritual => {}
        ItemKind::GoalDue => tags.push("goal due".into()),
        ItemKind::ActionDue => tags.push("action due".into()),
        ItemKind::RiskReview => tags.push("risk review".into()),
        ItemKind::Calendar => tags.push("calendar".into()),
        ItemKind::MetricsDue => tags.push("scorecard".into()),
    }
    match item.status {
        Some(OccurrenceStatus::Skipped) => tags.push("skipped".into()),
        Some(OccurrenceStatus::Held) => tags.push("held".into()),
        _ => {}
    }
    if item.moved
        && let Some(o) = item.occurrence
    {
        tags.push(format!("moved from {}", o.format("%a %H:%M")));
    }
    if item.done {
        tags.push("done".into());
    }
    if item.conflict {
        tags.push("overlaps another meeting".into());
    }
    if tags.is_empty() {
        String::new()
    } else {
        format!("({})", tags.join(", "))
    }
}

/// One radar item as text: a mark ("!" late, "·" coming), what it is and what about it, as the
/// cockpit's radar says it.
pub fn radar_line(r: &RadarItem) -> String {
    let mark = if r.kind.is_overdue() { "!" } else { "·" };
    format!("{mark} {:<6} {}", r.kind.tag(), r.describe())
}

/// The agenda with its title at heading `level` (1 on its own, deeper inside a document).
pub fn agenda_markdown(week: &Agenda, level: usize) -> String {
    let mut out = format!(
        "{} Agenda from {}\n",
        heading(level),
        week.from.format("%A %-d %B %Y")
    );
    for (day, items) in days(week) {
        out.push_str(&format!(
            "\n{} {}\n\n",
            heading(level + 1),
            day.format("%A %-d %B")
        ));
        if items.is_empty() {
            out.push_str("_Nothing scheduled._\n");
        }
        for it in items {
            let tag = describe(it);
            let tag = if tag.is_empty() {
                String::new()
            } else {
                format!(" {tag}")
            };
            let strike = if it.status == Some(OccurrenceStatus::Skipped) {
                "~~"
            } else {
                ""
            };
            out.push_str(&format!(
                "- **{}** {strike}{}{strike}{tag}\n",
                when(it),
                it.display_title()
            ));
        }
    }
    if !week.radar.is_empty() {
        out.push_str(&format!("\n{} Radar\n\n", heading(level + 1)));
        for r in &week.radar {
            out.push_str(&format!("- {}\n", radar_line(r)));
        }
    }
    out
}
