//! `bearing import-ics`: an outside calendar's events on the agenda, read-only.
//!
//! Series are expanded when the file is imported, over a window around `now`, and stored one row
//! per happening in local time. Expanding at agenda time instead would need each event's zone
//! stored and converted on every redraw; expanding once keeps the agenda a plain range query and
//! the zone conversion in one place. The cost is the window: re-import to see further ahead
//! (calendar exports go stale anyway).

use chrono::{Duration, NaiveDateTime, TimeZone};

use super::OpsError;
use super::ics_read::read_events;
use crate::domain::Invalid;
use crate::domain::calendar::ImportSummary;
use crate::schedule::calendar::expand;
use crate::store::{Store, calendar};

/// How far back and ahead of the import series are expanded.
pub const KEEP_DAYS_BACK: i64 = 365;
pub const KEEP_DAYS_AHEAD: i64 = 2 * 365;

/// Replaces every event of `source` by the events of the iCalendar `text`, in one transaction.
/// `local` is the zone the agenda shows times in. Nothing changes when the text cannot be read.
pub fn import_ics<L: TimeZone>(
    store: &mut Store,
    source: &str,
    text: &str,
    now: NaiveDateTime,
    local: &L,
) -> Result<ImportSummary, OpsError> {
    let events = read_events(text)?;
    let from = now.date() - Duration::days(KEEP_DAYS_BACK);
    let to = now.date() + Duration::days(KEEP_DAYS_AHEAD);
    let expansion = expand(&events, from, to, local);
    let mut summary = expansion.summary;
    summary.replaced = store.write(|tx| -> Result<usize, OpsError> {
        let replaced = calendar::remove_source(tx, source)?;
        for event in &expansion.events {
            calendar::insert(tx, source, event)?;
        }
        Ok(replaced)
    })?;
    Ok(summary)
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
