//! Loading the agenda: a week's days (with the radar and the next meeting when asked), and the
//! meetings reminders may be due for.

use chrono::{Days, NaiveDate};

use super::Env;
use crate::ops::agenda::RadarReading;
use crate::ops::{self, OpsError};
use crate::store::{Reading, Store};
use crate::tui::msg::Msg;
use crate::tui::panes::agenda::AgendaMsg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaEffect {
    Load {
        from: NaiveDate,
        days: u32,
        /// Also the radar and the next meeting (after changes, and as the clock moves).
        with_radar: bool,
    },
    /// Only the next meeting from now (the one the status bar showed has started).
    Next,
    /// Reads the days from `from` ahead, to keep beside the days shown (a neighbouring week),
    /// with the database's `data_version` as it was before the read.
    Prefetch { from: NaiveDate, days: u32 },
    /// Days read ahead at `read_at` are being shown: nothing to do unless another writer
    /// changed the database since, and then they load again.
    Verify {
        from: NaiveDate,
        days: u32,
        read_at: i64,
    },
}

/// Runs `effect`; `first_radar` is the radar read while the store opened, for the cockpit's
/// first load (see [`super::Runner::first_radar`]).
pub(super) fn run(
    store: &mut Store,
    effect: AgendaEffect,
    env: &Env,
    first_radar: Option<RadarReading>,
) -> Result<Msg, OpsError> {
    let now = env.now;
    Ok(match effect {
        AgendaEffect::Load {
            from,
            days,
            with_radar: true,
        } => {
            // Read before the days, as for days read ahead.
            let read_at = store.data_version()?;
            let mut agenda = ops::agenda::week(store, from, days)?;
            let next = ops::agenda::next_meeting(store, now, env.calendars)?;
            let (radar, read_at) = match first_radar.and_then(Reading::take) {
                // Read for the same moment, before `read_at`: the version before it.
                Some((Ok(radar), version)) => (radar, version),
                // Not read there (or it failed there): read here.
                Some((Err(_), _)) | None => (
                    ops::agenda::radar(store, now, env.lead_days, env.skip_level_weeks)?,
                    read_at,
                ),
            };
            agenda.radar = radar;
            Msg::Agenda(AgendaMsg::Loaded {
                read_at,
                agenda,
                next,
                with_radar: true,
            })
        }
        AgendaEffect::Load {
            from,
            days,
            with_radar: false,
        } => Msg::Agenda(AgendaMsg::Loaded {
            read_at: store.data_version()?,
            agenda: ops::agenda::week(store, from, days)?,
            next: None,
            with_radar: false,
        }),
        AgendaEffect::Prefetch { from, days } => {
            // Read before the days: a write landing in between makes the days look older
            // than they are (loaded again when shown), never newer.
            let read_at = store.data_version()?;
            match ops::agenda::week(store, from, days) {
                Ok(agenda) => Msg::Agenda(AgendaMsg::Kept { agenda, read_at }),
                // Nobody asked for these days yet: the load when they are asked for reports it.
                Err(_) => Msg::Agenda(AgendaMsg::Current),
            }
        }
        AgendaEffect::Verify {
            from,
            days,
            read_at,
        } => {
            if store.data_version()? == read_at {
                Msg::Agenda(AgendaMsg::Current)
            } else {
                return run(
                    store,
                    AgendaEffect::Load {
                        from,
                        days,
                        with_radar: true,
                    },
                    env,
                    None,
                );
            }
        }
        AgendaEffect::Next => Msg::Agenda(AgendaMsg::NextLoaded(ops::agenda::next_meeting(
            store,
            now,
            env.calendars,
        )?)),
    })
}

/// The meetings of the next day or so that have not started: reminders are chosen from them.
pub(super) fn upcoming(store: &mut Store, env: &Env) -> Result<Msg, OpsError> {
    // The longest prep a ritual can have is a day: look that far ahead.
    let today = env.now.date();
    let (from, to) = (today, today + Days::new(2));
    let meetings = ops::agenda::meetings_and_events(store, from, to, env.calendars)?;
    Ok(Msg::UpcomingLoaded(
        meetings
            .into_iter()
            .filter(|m| m.starts_at() >= env.now)
            .collect(),
    ))
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
