//! `bearing radar`: everything that needs attention, as the cockpit's radar lists it.

use serde::Serialize;

use super::args::ListFormat;
use super::output::{document, print_json};
use super::{CliError, Context};
use crate::domain::agenda::RadarItem;
use crate::ops::agenda::radar;
use crate::ops::markdown::agenda::radar_line;
use crate::ops::markdown::plural;

/// A radar item for scripts: its fields, whether it is late, and the sentence the cockpit shows.
#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    item: &'a RadarItem,
    overdue: bool,
    text: String,
}

pub fn run(ctx: &Context, format: ListFormat) -> Result<(), CliError> {
    let store = ctx.read()?;
    let lead = ctx.config.radar_lead_days;
    let items = radar(&store, ctx.now(), lead, ctx.config.skip_level_weeks)?;
    match format {
        ListFormat::Json => print_json(
            &items
                .iter()
                .map(|item| Entry {
                    item,
                    overdue: item.kind.is_overdue(),
                    text: item.describe(),
                })
                .collect::<Vec<_>>(),
        ),
        ListFormat::Text => document(&text(&items, lead)),
    }
}

fn text(items: &[RadarItem], lead: u32) -> String {
    if items.is_empty() {
        return "Nothing needs attention: no action or risk review late or coming due, every goal \
                on schedule, every 1:1 kept.\n"
            .to_string();
    }
    let late = items.iter().filter(|i| i.kind.is_overdue()).count();
    let ahead = match lead {
        0 => "today".to_string(),
        1 => "by tomorrow".to_string(),
        n => format!("within {n} days"),
    };
    let mut out = format!(
        "Radar: {}, {late} late, {} coming due {ahead}\n",
        plural(items.len(), "item"),
        items.len() - late
    );
    for item in items {
        out.push_str(&format!("  {}\n", radar_line(item)));
    }
    out
}
