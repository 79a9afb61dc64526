//! `bearing import-ics`: an outside calendar's events on the agenda, read-only.
//!
//! Each VEVENT is stored as the file gave it, rules, zone and all, and expanded when the agenda
//! shows it, with the same engine as rituals: an imported calendar reaches as far ahead as its
//! rules do and follows a change of this machine's time zone. The import still expands the
//! calendar once, over the years around `now`, to refuse a file that would flood the agenda
//! and to report what it holds.

use chrono::{Duration, NaiveDateTime, TimeZone};
use std::collections::BTreeSet;

use super::OpsError;
use super::ics_read::read_calendar;
use crate::domain::Invalid;
use crate::domain::calendar::{CalendarEntry, ImportSummary};
use crate::schedule::calendar::{IMPORT_LIMITS, days_reached, expand};
use crate::store::{Store, calendar};

/// The years around the import that it checks against the limits and counts for its report.
pub const CHECK_DAYS_BACK: i64 = 365;
pub const CHECK_DAYS_AHEAD: i64 = 2 * 365;

/// What to do with series whose rule repeats beyond what Bearing follows (`rule_limits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusedSeries {
    /// Refuse the whole import, naming them. The default: a re-import replaces the calendar's
    /// earlier events, so importing only part of it would quietly drop what was there.
    RefuseImport,
    /// Import the rest; the summary names them.
    Skip,
}

/// Replaces every event of `source` by the events of the iCalendar `text`, in one transaction.
/// `local` is the zone the agenda shows times in. Nothing changes when the text cannot be read,
/// is too large, or (see `import_ics_with`) holds a series Bearing refuses.
pub fn import_ics<L: TimeZone>(
    store: &mut Store,
    source: &str,
    text: &str,
    now: NaiveDateTime,
    local: &L,
) -> Result<ImportSummary, OpsError> {
    import_ics_with(store, source, text, now, local, RefusedSeries::RefuseImport)
}

/// `import_ics`, choosing what happens to series whose rule Bearing refuses.
pub fn import_ics_with<L: TimeZone>(
    store: &mut Store,
    source: &str,
    text: &str,
    now: NaiveDateTime,
    local: &L,
    refused: RefusedSeries,
) -> Result<ImportSummary, OpsError> {
    let file = read_calendar(text)?;
    let entries: Vec<CalendarEntry> = file
        .events
        .into_iter()
        .zip(1..)
        .map(|(event, id)| CalendarEntry {
            id,
            source: source.to_string(),
            event,
        })
        .collect();
    let from = now.date() - Duration::days(CHECK_DAYS_BACK);
    let to = now.date() + Duration::days(CHECK_DAYS_AHEAD);
    let expansion = expand(&entries, from, to, local, IMPORT_LIMITS)
        .map_err(|e| Invalid::new(e.to_string()))?;
    let mut summary = expansion.summary;
    summary.this_and_future = file.this_and_future;
    summary.calendar_zone = file.calendar_zone.map(|tz| tz.name().to_string());
    summary.in_calendar_zone = file.in_calendar_zone;
    if refused == RefusedSeries::RefuseImport && !summary.refused.is_empty() {
        return Err(refusal(&summary).into());
    }
    // A refused series goes with its overrides, which would otherwise show on their own.
    let refused_uids: BTreeSet<&str> = summary
        .refused
        .iter()
        .filter_map(|r| entries.iter().find(|e| e.id == r.id))
        .map(|e| e.event.uid.as_str())
        .collect();
    let kept = entries.iter().filter(|e| {
        let event = &e.event;
        // A cancelled event has nothing to show; a cancelled override takes its instance away.
        let shown = !event.cancelled || event.recurrence_id.is_some();
        shown && !refused_uids.contains(event.uid.as_str())
    });
    summary.replaced = store.write(|tx| -> Result<usize, OpsError> {
        let replaced = calendar::remove_source(tx, source)?;
        for entry in kept {
            calendar::insert(tx, source, &entry.event, days_reached(&entry.event))?;
        }
        Ok(replaced)
    })?;
    Ok(summary)
}

/// The message for an import with refused series: each one (the first few) and why.
fn refusal(summary: &ImportSummary) -> Invalid {
    const LISTED: usize = 5;
    let refused = &summary.refused;
    let mut list: Vec<String> = refused
        .iter()
        .take(LISTED)
        .map(|r| format!("{}: {}", r.label, r.reason))
        .collect();
    if refused.len() > LISTED {
        list.push(format!("and {} more", refused.len() - LISTED));
    }
    let (count, verb) = match refused.len() {
        1 => ("1 event".to_string(), "repeats"),
        n => (format!("{n} events"), "repeat"),
    };
    let rest = match summary.events {
        0 => "the file has no other events".to_string(),
        n => format!("`--skip-refused` imports the other {n} without them"),
    };
    Invalid::new(format!(
        "{count} {verb} more often than Bearing follows: {}. {rest}",
        list.join("; ")
    ))
}

/// Removes every event imported from `source`; returns how many events it had.
pub fn remove_calendar(store: &mut Store, source: &str) -> Result<usize, OpsError> {
    let sources = calendar::sources(store.conn())?;
    if !sources.iter().any(|s| s == source) {
        let known = if sources.is_empty() {
            "no calendar has been imported".to_string()
        } else {
            format!("imported: {}", sources.join(", "))
        };
        return Err(
            Invalid::new(format!("no calendar was imported as \"{source}\"; {known}")).into(),
        );
    }
    store.write(|tx| Ok(calendar::remove_source(tx, source)?))
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
