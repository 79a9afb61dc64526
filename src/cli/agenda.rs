//! `bearing agenda`: the week (or any range) as text, JSON or Markdown.

use chrono::Duration;

use super::args::{AgendaArgs, DocFormat};
use super::output::{document, print_json};
use super::{CliError, Context};
use crate::domain::calendar::printable;
use crate::ops::agenda::{Agenda, agenda, calendar_days};
use crate::ops::markdown::agenda::{agenda_markdown, days, describe, radar_line, when};
use crate::ops::rituals::refused_rules;
use crate::schedule::agenda::week_floor;
use crate::store::Store;

pub fn run(ctx: &Context, args: &AgendaArgs) -> Result<(), CliError> {
    let from = match &args.from {
        Some(text) => ctx.date("--from", text)?,
        None => week_floor(ctx.today(), ctx.config.week_start),
    };
    let store = ctx.read()?;
    let week = agenda(
        &store,
        from,
        args.days,
        ctx.now(),
        ctx.config.radar_lead_days,
        ctx.config.skip_level_weeks,
    )?;
    note_refused_rules(&store)?;
    let to = from + Duration::days(i64::from(args.days));
    if let Some(why) = calendar_days(&store, from, to)?.left_off {
        note!("Note: imported calendars are left off these days: {why}.");
    }
    match args.format {
        DocFormat::Json => print_json(&week.items),
        DocFormat::Text => document(&text(&week)),
        DocFormat::Md => document(&agenda_markdown(&week, 1)),
    }
}

/// Names, on stderr, the rituals the agenda leaves off because their stored rule repeats too
/// often, so none goes missing without a word.
pub fn note_refused_rules(store: &Store) -> Result<(), CliError> {
    for (ritual, reason) in refused_rules(store)? {
        note!(
            "Note: ritual {} \"{}\" is left off the agenda: {reason}. Change its rule in the \
             Rituals tab.",
            ritual.id,
            printable(&ritual.fields.name)
        );
    }
    Ok(())
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
                Some(p) if !it.kind.is_meeting() => format!("{} · {p}", it.title),
                _ => it.display_title(),
            };
            out.push_str(format!("  {:<11}  {title}  {}", when(it), describe(it)).trim_end());
            out.push('\n');
        }
    }
    if !week.radar.is_empty() {
        out.push_str("\nRadar\n");
        for r in &week.radar {
            out.push_str(&format!("  {}\n", radar_line(r)));
        }
    }
    out
}
