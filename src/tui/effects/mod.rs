//! Runs effects against the store and reports back as messages. The only TUI code that calls
//! `ops`; panes never touch the database. One module per entity, each a small `match`.

pub mod agenda;
mod companion;
pub mod decisions;
pub mod one_on_ones;
pub mod people;
pub mod plan;
pub mod risks;
pub mod rituals;
pub mod scorecard;

use chrono::{NaiveDateTime, Weekday};

use super::msg::{Effect, Msg};
use super::pane::Target;
use crate::config::Config;
use crate::domain::risk_score::ReviewIntervals;
use crate::ops::edit::Edited;
use crate::ops::{self, OpsError};
use crate::store::Store;

pub struct Runner {
    pub store: Store,
    pub week_start: Weekday,
    /// Set when the screen was handed to another program and must be redrawn in full.
    pub screen_lent: bool,
    /// Days to a risk's next review by band, when a save does not set the date.
    pub review_intervals: ReviewIntervals,
    /// Mouse capture is on, so it is handed back after `$EDITOR`.
    pub mouse: bool,
    /// Imported calendars' events count for the next meeting and reminders.
    pub calendar_reminders: bool,
    /// Days ahead the radar warns of what comes due.
    pub radar_lead_days: u32,
    /// Weeks after which a skip-level is overdue on the radar.
    pub skip_level_weeks: u32,
    /// The names the search box matches typos against, read when the box opens (or at a search,
    /// if none are kept) and kept while only searches run, with the `data_version` they were
    /// read at (another process's change reads them again; any other effect, which may write,
    /// drops them).
    search_names: Option<(i64, ops::search::Names)>,
    /// The radar read while the store opened ([`ops::agenda::Start`]), for the first effect
    /// alone, if it is the first frame's load: any other effect may change what it shows.
    pub first_radar: Option<ops::agenda::RadarReading>,
}

impl Runner {
    pub fn new(store: Store, config: &Config) -> Runner {
        Runner {
            store,
            week_start: config.week_start,
            review_intervals: config.risk_review_days,
            screen_lent: false,
            mouse: config.mouse,
            calendar_reminders: config.calendar_reminders,
            radar_lead_days: config.radar_lead_days,
            skip_level_weeks: config.skip_level_weeks,
            search_names: None,
            first_radar: None,
        }
    }

    /// One keystroke's search, with the names kept from the last one when nothing changed.
    fn search(&mut self, query: String) -> Result<Msg, OpsError> {
        let names = kept_search_names(&self.store, &mut self.search_names)?;
        let results = ops::search::search_with_names(&self.store, &query, 30, names)?;
        Ok(Msg::SearchResults { results, query })
    }
}

/// The names kept for the search box, read again when another process changed the file since
/// (its `data_version`) or when none are kept.
fn kept_search_names<'a>(
    store: &Store,
    kept: &'a mut Option<(i64, ops::search::Names)>,
) -> Result<&'a ops::search::Names, OpsError> {
    let version = store.data_version()?;
    let names = match kept.take() {
        Some((read_at, names)) if read_at == version => names,
        _ => ops::search::Names::load(store)?,
    };
    Ok(&kept.insert((version, names)).1)
}

/// What the entity runners need besides the store.
pub(super) struct Env {
    pub now: NaiveDateTime,
    pub week_start: Weekday,
    pub intervals: ReviewIntervals,
    /// Imported calendars' events count as meetings for the next one and reminders.
    pub calendars: bool,
    /// Days ahead the radar warns of what comes due.
    pub lead_days: u32,
    pub skip_level_weeks: u32,
}

fn failed(e: &OpsError) -> Msg {
    match e {
        OpsError::Stale(_) => Msg::Stale,
        // What the cockpit shows existed when it was read: another writer deleted it. The
        // command line's hint ("see `bearing decision list`") means nothing here. A save that
        // fails so keeps its form open, which says nothing was saved.
        OpsError::NotFound(what) => Msg::Failed {
            message: deleted_elsewhere(what),
            field: e.field(),
        },
        _ => Msg::Failed {
            message: e.to_string(),
            field: e.field(),
        },
    }
}

/// "No decision with id 2: it was deleted elsewhere." (a message that says so already is
/// left as it is).
fn deleted_elsewhere(what: &str) -> String {
    let what = what
        .split(" (see `bearing")
        .next()
        .unwrap_or(what)
        .trim_end();
    let mut chars = what.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    let what = format!("{}{}", first.unwrap_or_default(), chars.as_str());
    if what.contains("elsewhere") {
        format!("{what}.")
    } else {
        format!("{what}: it was deleted elsewhere.")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn not_found_is_said_in_the_cockpits_words() {
        for (from, to) in [
            (
                "no decision with id 2 (see `bearing decision list`)",
                "No decision with id 2: it was deleted elsewhere.",
            ),
            (
                "no person with id 3",
                "No person with id 3: it was deleted elsewhere.",
            ),
            (
                "no value with id 5 (deleted elsewhere?)",
                "No value with id 5 (deleted elsewhere?).",
            ),
        ] {
            assert_eq!(super::deleted_elsewhere(from), to);
        }
    }
}

fn saved(message: impl Into<String>, select: Option<Target>) -> Msg {
    Msg::Saved {
        message: message.into(),
        select,
    }
}

pub const NO_CHANGES: &str = "No changes to save.";

/// The save's message, or that there was nothing to save (the form's values were stored already).
fn saved_edit<T>(edited: Edited<T>, message: impl FnOnce(T) -> (String, Option<Target>)) -> Msg {
    if edited.changed {
        let (message, select) = message(edited.value);
        saved(message, select)
    } else {
        saved(NO_CHANGES, None)
    }
}

/// The first start of a day backs the database up (keeping `keep` daily copies); `Some` says
/// why it failed, which is worth a message but must not stop the cockpit.
pub fn daily_backup(store: &Store, keep: u32, now: NaiveDateTime) -> Option<Msg> {
    match ops::backups::daily(store, keep, now.date()) {
        Ok(_) => None,
        Err(e) => Some(Msg::Failed {
            message: format!("The daily backup failed: {e}"),
            field: None,
        }),
    }
}

impl Runner {
    pub fn run(&mut self, effect: Effect, now: NaiveDateTime) -> Msg {
        // Every change made here is journaled, stamped with the time of the action, so `u` can
        // take it back; CLI writes are not (their scripts have no undo key to press).
        if let Err(e) = self.store.journal(Some(now)) {
            return failed(&e.into());
        }
        self.try_run(effect, now).unwrap_or_else(|e| failed(&e))
    }

    fn try_run(&mut self, effect: Effect, now: NaiveDateTime) -> Result<Msg, OpsError> {
        // Anything but a search may change a name.
        if !matches!(effect, Effect::Search(_) | Effect::ReadSearchNames) {
            self.search_names = None;
        }
        let env = Env {
            now,
            week_start: self.week_start,
            intervals: self.review_intervals,
            calendars: self.calendar_reminders,
            lead_days: self.radar_lead_days,
            skip_level_weeks: self.skip_level_weeks,
        };
        let first_radar = self.first_radar.take();
        let store = &mut self.store;
        Ok(match effect {
            Effect::Agenda(e) => agenda::run(store, e, &env, first_radar)?,
            Effect::Rituals(e) => rituals::run(store, e, &env)?,
            Effect::People(e) => people::run(store, e, &env)?,
            Effect::OneOnOnes(e) => one_on_ones::run(store, e, &env)?,
            Effect::Plan(e) => plan::run(store, e, &env)?,
            Effect::Risks(e) => risks::run(store, e, &env)?,
            Effect::Decisions(e) => decisions::run(store, e, &env)?,
            Effect::Scorecard(e) => scorecard::run(store, e, &env)?,
            Effect::Links(of) => Msg::Links(of, ops::links::links_of(store, of)?),
            Effect::LoadUpcoming => agenda::upcoming(store, &env)?,
            Effect::Search(query) => return self.search(query),
            Effect::ReadSearchNames => {
                kept_search_names(&self.store, &mut self.search_names)?;
                Msg::SearchReady
            }
            Effect::EditInEditor(text) => {
                self.screen_lent = true;
                Msg::Edited(super::editor::edit_externally(&text, self.mouse))
            }
            Effect::Undo => saved(
                ops::history::undo(store).map_err(go_on("Undo", "before"))?,
                None,
            ),
            Effect::Redo => saved(
                ops::history::redo(store).map_err(go_on("Redo", "after"))?,
                None,
            ),
            Effect::Bell => Msg::Reminded(companion::ring_bell()),
            Effect::RunDetached(argv) => Msg::Reminded(companion::run_detached(&argv)),
        })
    }
}

/// A refused undo (or redo) leaves that change as it is; the next press goes on past it, and
/// the message says so.
fn go_on(key: &'static str, way: &'static str) -> impl Fn(OpsError) -> OpsError {
    move |e| match e {
        OpsError::Refused(message) => OpsError::Refused(format!(
            "{message} {key} again goes on to the change {way} it."
        )),
        other => other,
    }
}

#[cfg(test)]
#[path = "search_names_tests.rs"]
mod search_names_tests;
