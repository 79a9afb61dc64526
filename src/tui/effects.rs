//! Runs effects against the store and reports back as messages. The only TUI code that calls
//! `ops`; panes never touch the database.

use chrono::{Days, NaiveDateTime, Weekday};

use super::msg::{Effect, Msg};
use crate::config::Config;
use crate::domain::risk_score::ReviewIntervals;
use crate::domain::ritual::OccurrenceStatus;
use crate::ops::edit::Edited;
use crate::ops::risks::SavedRisk;
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
        }
    }
}

fn failed(e: &OpsError) -> Msg {
    match e {
        OpsError::Stale(_) => Msg::Stale,
        _ => Msg::Failed {
            message: e.to_string(),
            field: e.field(),
        },
    }
}

fn saved(message: String, select: Option<i64>) -> Msg {
    Msg::Saved { message, select }
}

pub const NO_CHANGES: &str = "No changes to save.";

/// The save's message, or that there was nothing to save (the form's values were stored already).
fn saved_edit<T>(edited: Edited<T>, message: impl FnOnce(T) -> (String, Option<i64>)) -> Msg {
    if edited.changed {
        let (message, select) = message(edited.value);
        saved(message, select)
    } else {
        saved(NO_CHANGES.to_string(), None)
    }
}

/// "Added risk 3: 12 high ↑, next review Mon 7 Dec." with any warning after it.
fn saved_risk(verb: &str, outcome: &SavedRisk) -> Msg {
    let (message, select) = risk_message(verb, outcome);
    saved(message, select)
}

fn risk_message(verb: &str, outcome: &SavedRisk) -> (String, Option<i64>) {
    let r = &outcome.risk;
    let f = &r.fields;
    let review = f
        .next_review
        .filter(|_| f.status != crate::domain::risk::RiskStatus::Closed)
        .map(|d| format!(", next review {}", d.format("%a %-d %b")))
        .unwrap_or_default();
    let mut message = format!(
        "{verb} risk {}: {} {} {}{review}.",
        r.id,
        f.score.value(),
        f.score.band(),
        r.trend().arrow()
    );
    if let Some(warning) = outcome.warnings.first() {
        message.push_str(&format!(" Note: {warning}."));
    }
    (message, Some(r.id))
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
        let week_start = self.week_start;
        let intervals = self.review_intervals;
        let calendars = self.calendar_reminders;
        let store = &mut self.store;
        Ok(match effect {
            Effect::LoadPeople => Msg::PeopleLoaded(ops::people::list_people(store, now)?),
            Effect::LoadRituals => Msg::RitualsLoaded(ops::rituals::list_rituals(store, now)?),
            Effect::LoadAgenda {
                from,
                days,
                with_radar: true,
            } => Msg::AgendaLoaded {
                agenda: ops::agenda::agenda(store, from, days, now)?,
                next: ops::agenda::next_meeting(store, now, calendars)?,
                with_radar: true,
            },
            Effect::LoadAgenda {
                from,
                days,
                with_radar: false,
            } => Msg::AgendaLoaded {
                agenda: ops::agenda::week(store, from, days)?,
                next: None,
                with_radar: false,
            },
            Effect::LoadOccurrence(item) => {
                let original = item.occurrence.unwrap_or_else(|| item.starts_at());
                Msg::OccurrenceLoaded {
                    record: ops::rituals::occurrence(store, item.id, original)?,
                    item,
                }
            }
            Effect::AddPerson(input) => {
                let p = ops::people::add_person(store, input, week_start, now)?;
                saved(format!("Added {}.", p.name), Some(p.id))
            }
            Effect::UpdatePerson { id, input, opened } => saved_edit(
                ops::people::update_person(store, id, input, Some(&opened), week_start, now)?,
                |p| (format!("Saved {}.", p.name), Some(p.id)),
            ),
            Effect::DeletePerson(id) => {
                let p = ops::people::delete_person(store, id)?;
                saved(format!("Deleted {} and their 1:1 history.", p.name), None)
            }
            Effect::AddRitual(fields) => {
                let r = ops::rituals::add_ritual(store, fields, now)?;
                let when = ops::rituals::first_meeting(&r).format("%a %-d %b %H:%M");
                saved(
                    format!("Added \"{}\", first on {when}.", r.fields.name),
                    Some(r.id),
                )
            }
            Effect::UpdateRitual {
                id,
                fields,
                from,
                opened,
            } => saved_edit(
                ops::rituals::update_ritual(store, id, fields, from, Some(&opened), now)?,
                |r| {
                    let note = if r.id == id {
                        ""
                    } else {
                        " from the chosen date on; earlier meetings keep the old schedule"
                    };
                    (format!("Saved \"{}\"{note}.", r.fields.name), Some(r.id))
                },
            ),
            Effect::DeleteRitual(id) => {
                let r = ops::rituals::delete_ritual(store, id)?;
                saved(format!("Deleted \"{}\".", r.fields.name), None)
            }
            Effect::SetOccurrenceStatus {
                ritual,
                original,
                status,
                shown,
            } => {
                let r =
                    ops::rituals::set_status(store, ritual, original, status, Some(&shown))?.value;
                let when = original.format("%a %-d %b %H:%M");
                let what = match status {
                    OccurrenceStatus::Held => "held",
                    OccurrenceStatus::Skipped => "skipped",
                    OccurrenceStatus::Scheduled => "back on",
                };
                saved(format!("\"{}\" on {when}: {what}.", r.fields.name), None)
            }
            Effect::MoveOccurrence {
                ritual,
                original,
                to,
                opened,
            } => saved_edit(
                ops::rituals::move_occurrence(store, ritual, original, to, Some(&opened))?,
                |r| {
                    let to = to.format("%a %-d %b %H:%M");
                    (format!("Moved \"{}\" to {to}.", r.fields.name), None)
                },
            ),
            Effect::SaveOccurrence {
                ritual,
                original,
                notes,
                decisions,
                status,
                opened,
            } => saved_edit(
                ops::rituals::save_occurrence(
                    store,
                    ritual,
                    original,
                    &notes,
                    &decisions,
                    status,
                    Some(&opened),
                )?,
                |r| (format!("Saved the notes of \"{}\".", r.fields.name), None),
            ),
            Effect::LoadPersonDetail(id) => {
                Msg::PersonLoaded(Box::new(ops::one_on_ones::person_detail(store, id, now)?))
            }
            Effect::LoadPrep(id) => {
                Msg::PrepLoaded(Box::new(ops::one_on_ones::prep(store, id, now)?))
            }
            Effect::StartRecord(person) => {
                let prep = ops::one_on_ones::prep(store, person, now)?;
                Msg::RecordReady {
                    person,
                    topics: prep.topics,
                }
            }
            Effect::LoadPlan => Msg::PlanLoaded(Box::new(ops::plan::plan_view(store, now.date())?)),
            Effect::StartPlan { date, opened } => saved_edit(
                ops::plan::start_plan(store, date, Some(&opened), now)?,
                |()| {
                    let day = date.format("%a %-d %b %Y");
                    (format!("The plan starts on {day}."), None)
                },
            ),
            Effect::AddGoal(fields) => {
                let g = ops::plan::add_goal(store, fields, now)?;
                saved(format!("Added goal \"{}\".", g.fields.title), None)
            }
            Effect::UpdateGoal { id, fields, opened } => saved_edit(
                ops::plan::update_goal(store, id, fields, Some(&opened), now)?,
                |g| (format!("Saved goal \"{}\".", g.fields.title), None),
            ),
            Effect::DeleteGoal(id) => {
                let g = ops::plan::delete_goal(store, id)?;
                saved(format!("Deleted goal \"{}\".", g.fields.title), None)
            }
            Effect::Checkin {
                id,
                progress,
                confidence,
                note,
                opened,
            } => {
                let g =
                    ops::plan::checkin(store, id, progress, confidence, &note, Some(&opened), now)?;
                saved(
                    format!("Checked in \"{}\": {}%.", g.fields.title, g.fields.progress),
                    None,
                )
            }
            Effect::RollOver(id) => {
                let g = ops::plan::roll_over(store, id, now)?;
                let phase = crate::domain::plan::phase_label(g.fields.phase);
                saved(
                    format!("Rolled \"{}\" over to {phase}.", g.fields.title),
                    None,
                )
            }
            Effect::EditInEditor(text) => {
                self.screen_lent = true;
                Msg::Edited(super::editor::edit_externally(&text, self.mouse))
            }
            Effect::Search(query) => Msg::SearchResults {
                results: ops::one_on_ones::search_all(store, &query, 30)?,
                query,
            },
            Effect::AddTopic { person, text } => {
                ops::one_on_ones::add_topic(store, person, &text, now)?;
                saved("Talking point queued for the next 1:1.".into(), None)
            }
            Effect::SetTopicDiscussed { id, discussed } => {
                ops::one_on_ones::set_topic_discussed(store, id, discussed, now)?;
                saved(
                    if discussed {
                        "Marked discussed."
                    } else {
                        "Back in the queue."
                    }
                    .into(),
                    None,
                )
            }
            Effect::DeleteTopic(id) => {
                ops::one_on_ones::delete_topic(store, id)?;
                saved("Talking point deleted.".into(), None)
            }
            Effect::AddAction {
                person,
                owner,
                text,
                due,
            } => {
                ops::one_on_ones::add_action(store, Some(person), owner, &text, due, now)?;
                saved("Action added.".into(), None)
            }
            Effect::DeleteAction(id) => {
                ops::one_on_ones::delete_action(store, id)?;
                saved("Action deleted.".into(), None)
            }
            Effect::AddNote { person, date, text } => {
                ops::one_on_ones::add_note(store, person, date, &text, now)?;
                saved("Note saved.".into(), None)
            }
            Effect::UpdateNote {
                id,
                date,
                text,
                opened,
            } => saved_edit(
                ops::one_on_ones::update_note(store, id, date, &text, Some(&opened), now)?,
                |()| ("Note saved.".into(), None),
            ),
            Effect::AddContext {
                person,
                date,
                kind,
                text,
            } => {
                ops::one_on_ones::add_context(store, person, date, kind, &text)?;
                saved("Private context saved.".into(), None)
            }
            Effect::DeleteNote(id) => {
                ops::one_on_ones::delete_note(store, id)?;
                saved("Note deleted.".into(), None)
            }
            Effect::Record { person, record } => {
                let actions = record.actions.len();
                let done = ops::one_on_ones::record(store, person, record, now)?;
                let gone = match done.gone {
                    0 => String::new(),
                    1 => " 1 ticked topic had been marked or deleted elsewhere: left as it is."
                        .to_string(),
                    n => format!(
                        " {n} ticked topics had been marked or deleted elsewhere: left as they are."
                    ),
                };
                saved(
                    format!(
                        "1:1 recorded: {} topics discussed, {actions} actions added.{gone}",
                        done.discussed
                    ),
                    None,
                )
            }
            Effect::SetActionDone { id, done } => {
                ops::actions::set_action_done(store, id, done, now)?;
                saved(
                    if done {
                        "Action done.".into()
                    } else {
                        "Action open again.".into()
                    },
                    None,
                )
            }
            Effect::LoadRisks => Msg::RisksLoaded(ops::risks::list_risks(store)?),
            Effect::AddRisk(draft) => saved_risk(
                "Added",
                &ops::risks::add_risk(store, draft, &intervals, now)?,
            ),
            Effect::UpdateRisk { id, draft, opened } => saved_edit(
                ops::risks::update_risk(store, id, draft, "", Some(&opened), &intervals, now)?,
                |outcome| risk_message("Saved", &outcome),
            ),
            Effect::ReviewRisk { id, review, opened } => saved_risk(
                "Reviewed",
                &ops::risks::review_risk(store, id, review, Some(&opened), &intervals, now)?,
            ),
            Effect::LoadUpcoming => {
                // The longest prep a ritual can have is a day: look that far ahead.
                let today = now.date();
                let (from, to) = (today, today + Days::new(2));
                let meetings = ops::agenda::meetings_and_events(store, from, to, calendars)?;
                Msg::UpcomingLoaded(
                    meetings
                        .into_iter()
                        .filter(|m| m.starts_at() >= now)
                        .collect(),
                )
            }
            Effect::Undo => saved(ops::history::undo(store)?, None),
            Effect::Redo => saved(ops::history::redo(store)?, None),
            Effect::Bell => Msg::Reminded(super::reminder_effects::ring_bell()),
            Effect::RunDetached(argv) => {
                Msg::Reminded(super::reminder_effects::run_detached(&argv))
            }
            Effect::DeleteRisk(id) => {
                let r = ops::risks::delete_risk(store, id)?;
                saved(
                    format!("Deleted risk {} and its score history.", r.id),
                    None,
                )
            }
        })
    }
}
