//! `bearing agenda`: the week (or any range) as text, JSON or Markdown.

use chrono::{Duration, NaiveDate};

use super::args::{AgendaArgs, DocFormat};
use super::output::print_json;
use super::{CliError, Context};
use crate::domain::agenda::{AgendaItem, ItemKind, RadarItem, RadarKind};
use crate::domain::ritual::OccurrenceStatus;
use crate::ops::agenda::{Agenda, agenda};
use crate::schedule::agenda::week_floor;

pub fn run(ctx: &Context, args: &AgendaArgs) -> Result<(), CliError> {
    let from = match &args.from {
        Some(text) => ctx.date("--from", text)?,
        None => week_floor(ctx.today(), ctx.config.week_start),
    };
    let store = ctx.open()?;
    let week = agenda(&store, from, args.days, ctx.now())?;
    match args.format {
        DocFormat::Json => print_json(&week.items),
        DocFormat::Text => {
            print!("{}", text(&week));
            Ok(())
        }
        DocFormat::Md => {
            print!("{}", markdown(&week));
            Ok(())
        }
    }
}

fn days(week: &Agenda) -> impl Iterator<Item = (NaiveDate, Vec<&AgendaItem>)> {
    (0..week.days).map(|i| {
        let day = week.from + Duration::days(i64::from(i));
        (day, week.items.iter().filter(|it| it.date == day).collect())
    })
}

fn when(item: &AgendaItem) -> String {
    match (item.start, item.end) {
        (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        (Some(s), None) => s.format("%H:%M").to_string(),
        _ if item.kind == ItemKind::Calendar => "all day".to_string(),
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
    if tags.is_empty() {
        String::new()
    } else {
        format!("({})", tags.join(", "))
    }
}

fn radar_line(r: &RadarItem) -> String {
    match r.kind {
        RadarKind::OverdueAction => {
            format!("Action overdue {}d: {} ({})", r.days, r.title, r.detail)
        }
        RadarKind::OverdueReview => format!(
            "Risk review overdue {}d: {} ({})",
            r.days, r.title, r.detail
        ),
        RadarKind::GoalBehind => format!("Goal behind schedule: {} ({})", r.title, r.detail),
        RadarKind::OneOnOneOverdue => format!("1:1 overdue: {} ({})", r.title, r.detail),
    }
}

fn text(week: &Agenda) -> String {
    let mut out = String::new();
    let last = week.from + Duration::days(i64::from(week.days) - 1);
    out.push_str(&format!(
        "{} – {}\n",
        week.from.format("%a %-d %b %Y"),
        last.format("%a %-d %b %Y")
    ));
    for (day, items) in days(week) {
        out.push_str(&format!("\n{}\n", day.format("%a %-d %b")));
        if items.is_empty() {
            out.push_str("  —\n");
        }
        for it in items {
            let title = match &it.person {
                Some(p) if it.kind != ItemKind::OneOnOne => format!("{} · {p}", it.title),
                _ => it.title.clone(),
            };
            out.push_str(format!("  {:<11}  {title}  {}", when(it), describe(it)).trim_end());
            out.push('\n');
        }
    }
    if !week.radar.is_empty() {
        out.push_str("\nRadar\n");
        for r in &week.radar {
            out.push_str(&format!("  ! {}\n", radar_line(r)));
        }
    }
    out
}

fn markdown(week: &Agenda) -> String {
    let mut out = format!("# Agenda from {}\n", week.from.format("%A %-d %B %Y"));
    for (day, items) in days(week) {
        out.push_str(&format!("\n## {}\n\n", day.format("%A %-d %B")));
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
                it.title
            ));
        }
    }
    if !week.radar.is_empty() {
        out.push_str("\n## Radar\n\n");
        for r in &week.radar {
            out.push_str(&format!("- {}\n", radar_line(r)));
        }
    }
    out
}
