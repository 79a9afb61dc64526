//! Series and their meetings: add, edit, delete a series; a meeting's notes, status and move.

use chrono::NaiveDateTime;

use super::{Env, saved, saved_edit};
use crate::domain::agenda::AgendaItem;
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, RitualFields};
use crate::ops::ritual_delete::SeriesShown;
use crate::ops::rituals::Slot;
use crate::ops::{self, OpsError};
use crate::store::Store;
use crate::tui::msg::Msg;
use crate::tui::pane::Target;
use crate::tui::panes::agenda::AgendaMsg;
use crate::tui::panes::rituals::RitualsMsg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RitualsEffect {
    Load,
    Add(RitualFields),
    Update {
        id: i64,
        fields: RitualFields,
        from: Option<NaiveDateTime>,
        opened: Box<RitualFields>,
        /// Whether a new rule without an end keeps the series' end.
        ending: ops::rituals::Ending,
    },
    /// `d` on a series: read it with its meetings' records, to ask whether to delete them.
    AskDelete(i64),
    /// The series, with its meetings' records as the question showed them.
    Delete(Box<SeriesShown>),
    /// A meeting's stored state, to open its notes form.
    LoadOccurrence(AgendaItem),
    SetOccurrenceStatus {
        ritual: i64,
        original: NaiveDateTime,
        status: OccurrenceStatus,
        /// The meeting as the agenda showed it when the key was pressed.
        shown: Slot,
    },
    MoveOccurrence {
        ritual: i64,
        original: NaiveDateTime,
        to: NaiveDateTime,
        opened: Slot,
    },
    SaveOccurrence {
        ritual: i64,
        original: NaiveDateTime,
        write_up: ops::rituals::WriteUp,
        opened: Box<OccurrenceRecord>,
        /// What the dialog's Links field changed.
        links: Box<ops::links::LinkChanges>,
    },
}

pub(super) fn run(store: &mut Store, effect: RitualsEffect, env: &Env) -> Result<Msg, OpsError> {
    let now = env.now;
    Ok(match effect {
        RitualsEffect::Load => {
            Msg::Rituals(RitualsMsg::Loaded(ops::rituals::list_rituals(store, now)?))
        }
        RitualsEffect::Add(fields) => {
            let r = ops::rituals::add_ritual(store, fields, now)?;
            let when = ops::rituals::first_meeting(&r).format("%a %-d %b %H:%M");
            saved(
                format!("Added \"{}\", first on {when}.", r.fields.name),
                Some(Target::Ritual(r.id)),
            )
        }
        RitualsEffect::Update {
            id,
            fields,
            from,
            opened,
            ending,
        } => saved_edit(
            ops::rituals::update_ritual_ending(
                store,
                id,
                fields,
                from,
                Some(&opened),
                ending,
                now,
            )?,
            |r| {
                let note = if r.id == id {
                    ""
                } else {
                    " from the chosen date on; earlier meetings keep the old schedule"
                };
                (
                    format!("Saved \"{}\"{note}.", r.fields.name),
                    Some(Target::Ritual(r.id)),
                )
            },
        ),
        RitualsEffect::AskDelete(id) => Msg::Rituals(RitualsMsg::AskDelete(Box::new(
            ops::ritual_delete::series_shown(store, id)?,
        ))),
        RitualsEffect::Delete(opened) => {
            let r = ops::ritual_delete::delete_ritual(store, opened.ritual.id, Some(&opened))?;
            saved(format!("Deleted \"{}\".", r.fields.name), None)
        }
        RitualsEffect::LoadOccurrence(item) => {
            let original = item.occurrence.unwrap_or_else(|| item.starts_at());
            let ritual = ops::rituals::get_ritual(store, item.id)?;
            let record = ops::rituals::occurrence(store, item.id, original)?;
            // A meeting never saved has no row yet, and so no links.
            let links = match record.id {
                0 => Vec::new(),
                row => ops::links::links_of(store, ops::rituals::meeting_ref(row))?,
            };
            Msg::Agenda(AgendaMsg::OccurrenceLoaded {
                record: Box::new(record),
                checklist: ops::rituals::checklist(&ritual.fields),
                links,
                item,
            })
        }
        RitualsEffect::SetOccurrenceStatus {
            ritual,
            original,
            status,
            shown,
        } => {
            let r = ops::rituals::set_status(store, ritual, original, status, Some(&shown))?.value;
            let when = original.format("%a %-d %b %H:%M");
            let what = match status {
                OccurrenceStatus::Held => "held",
                OccurrenceStatus::Skipped => "skipped",
                OccurrenceStatus::Scheduled => "back on",
            };
            let title = ops::rituals::title(store, &r)?;
            // As the command line warns: a meeting to come marked held is most likely a slip.
            let early = if status == OccurrenceStatus::Held && original > now {
                " It has not happened yet: `u` takes it back."
            } else {
                ""
            };
            saved(format!("\"{title}\" on {when}: {what}.{early}"), None)
        }
        RitualsEffect::MoveOccurrence {
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
        RitualsEffect::SaveOccurrence {
            ritual,
            original,
            write_up,
            opened,
            links,
        } => saved_edit(
            ops::rituals::save_write_up_linked(
                store,
                ritual,
                original,
                &write_up,
                Some(&opened),
                &links,
                now,
            )?,
            |(r, recorded)| {
                (
                    format!(
                        "Saved the notes of \"{}\"{}.",
                        r.fields.name,
                        recorded.words()
                    ),
                    None,
                )
            },
        ),
    })
}
