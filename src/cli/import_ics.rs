//! `bearing import-ics FILE [--name NAME]` and `bearing import-ics --remove NAME`.

use std::path::Path;

use super::args::ImportIcsArgs;
use super::{CliError, Context};
use crate::domain::calendar::{ImportSummary, printable};
use crate::limited_read::{Limited, read_limited};
use crate::ops::OpsError;
use crate::ops::calendar::{RefusedSeries, import_ics_with, remove_calendar};
use crate::ops::ics_read::{MAX_FILE_BYTES, too_big, unfolded_text};

pub fn run(ctx: &Context, args: &ImportIcsArgs) -> Result<(), CliError> {
    if let Some(name) = &args.remove {
        return remove(ctx, name);
    }
    let Some(file) = &args.file else {
        return Err(CliError::usage(
            "import-ics needs a FILE (or --remove NAME)",
        ));
    };
    let shown = file.display();
    let refuse =
        |why: String| CliError::usage(format!("cannot import {shown}: {why}; nothing was changed"));
    let read = std::fs::File::open(file).and_then(|f| read_limited(f, MAX_FILE_BYTES as u64));
    let bytes = match read.map_err(|e| CliError::usage(format!("cannot read {shown}: {e}")))? {
        Limited::Within(bytes) => bytes,
        Limited::Over => return Err(refuse(too_big().to_string())),
    };
    let text = unfolded_text(&bytes);
    let source = match &args.name {
        Some(name) => crate::domain::text::required_line("name", name)
            .map_err(|e| CliError::usage(format!("--name: {e}")))?,
        None => canonical(file),
    };
    let refused = if args.skip_refused {
        RefusedSeries::Skip
    } else {
        RefusedSeries::RefuseImport
    };
    // Not journaled: a calendar is outside data, replaced whole by the next import, and
    // journaling 50,000 events took 23 s instead of 3 s and added 16 MB (RELIABILITY.md).
    let mut store = ctx.open_unjournaled()?;
    let summary = import_ics_with(
        &mut store,
        &source,
        &text,
        ctx.now(),
        &chrono::Local,
        refused,
    )
    .map_err(|e| match e {
        OpsError::Invalid(why) => refuse(why.to_string()),
        other => other.into(),
    })?;
    say!(
        "Imported {} ({} recurring) from {shown}; replaced {}.",
        events(summary.events),
        summary.recurring,
        summary.replaced
    )?;
    for note in limitation_notes(&summary) {
        note!("Note: {note}");
    }
    for r in &summary.refused {
        note!("Skipped event {}: {}.", r.label, r.reason);
    }
    Ok(())
}

/// What the import could not show as the file meant it, once per import, naming the events.
fn limitation_notes(summary: &ImportSummary) -> Vec<String> {
    let mut notes = Vec::new();
    if summary.unknown_zone_events > 0 {
        let n = summary.unknown_zone_events;
        let (zones, their) = match n {
            1 => ("a time zone", "its"),
            _ => ("time zones", "their"),
        };
        notes.push(format!(
            "{} {zones} Bearing does not know ({}); {their} times were read as local time: {}.",
            events_that(n, "uses", "use"),
            listed(&summary.unknown_zones),
            listed(&summary.unknown_zone_titles)
        ));
    }
    if let Some(zone) = &summary.calendar_zone
        && !summary.in_calendar_zone.is_empty()
    {
        notes.push(format!(
            "{} no time zone of {}, read in the calendar's zone {} (X-WR-TIMEZONE): {}.",
            events_that(summary.in_calendar_zone.len(), "has", "have"),
            if summary.in_calendar_zone.len() == 1 {
                "its own"
            } else {
                "their own"
            },
            printable(zone),
            listed(&summary.in_calendar_zone)
        ));
    }
    if !summary.floating.is_empty() {
        notes.push(format!(
            "{} floating times (no time zone), shown at those times in this machine's zone: {}.",
            events_that(summary.floating.len(), "has", "have"),
            listed(&summary.floating)
        ));
    }
    if !summary.this_and_future.is_empty() {
        notes.push(format!(
            "these change one meeting of a series and every later one (RANGE=THISANDFUTURE), \
             which Bearing does not follow; only that one meeting was changed: {}.",
            listed(&summary.this_and_future)
        ));
    }
    if !summary.unexpanded.is_empty() {
        notes.push(format!(
            "these repeat in a way Bearing cannot follow; that rule was left out (with no other \
             rule, only their first time is shown): {}.",
            listed(&summary.unexpanded)
        ));
    }
    notes
}

fn events(n: usize) -> String {
    match n {
        1 => "1 event".to_string(),
        n => format!("{n} events"),
    }
}

/// "1 event has", "2 events have": the count with the verb that agrees with it.
fn events_that(n: usize, one: &str, more: &str) -> String {
    format!("{} {}", events(n), if n == 1 { one } else { more })
}

/// Names printable and quoted, the first few of them.
fn listed(names: &[String]) -> String {
    const LISTED: usize = 8;
    let mut shown: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|n| format!("\"{}\"", printable(n)))
        .collect();
    if names.len() > LISTED {
        shown.push(format!("and {} more", names.len() - LISTED));
    }
    shown.join(", ")
}

fn canonical(file: &Path) -> String {
    std::fs::canonicalize(file)
        .unwrap_or_else(|_| file.to_path_buf())
        .display()
        .to_string()
}

/// Removes by name; a path names the calendar imported from that file without --name.
fn remove(ctx: &Context, name: &str) -> Result<(), CliError> {
    let mut store = ctx.open_existing()?;
    let path = Path::new(name);
    let source = if path.exists() {
        canonical(path)
    } else {
        name.to_string()
    };
    let removed = match remove_calendar(&mut store, &source) {
        Err(_) if source != name => remove_calendar(&mut store, name)?,
        other => other?,
    };
    say!("Removed {} imported as {name}.", events(removed))?;
    Ok(())
}
