//! Exports: ICS for calendar programs.

use chrono::NaiveDateTime;

use super::OpsError;
use super::ics::{IcsTodo, to_ics};
use crate::schedule::wall_clock::instant;
use crate::store::{Store, agenda, occurrences, rituals};

/// Rituals and 1:1s as recurring events, action items with due dates as to-dos. `now` is the
/// export's local time; DTSTAMP holds it in UTC, as RFC 5545 requires.
pub fn ics_export(store: &Store, now: NaiveDateTime) -> Result<String, OpsError> {
    let stamp = instant(&chrono::Local, now).map_or(now, |at| at.naive_utc());
    let conn = store.conn();
    let rituals = rituals::list(conn)?;
    let records = occurrences::all(conn)?;
    let todos: Vec<IcsTodo> = agenda::actions_with_due(conn)?
        .into_iter()
        .map(|a| IcsTodo {
            id: a.id,
            title: a.title,
            due: a.date,
            done: a.done,
        })
        .collect();
    Ok(to_ics(&rituals, &records, &todos, stamp))
}
