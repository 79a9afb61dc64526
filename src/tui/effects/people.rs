//! People: add, edit (with their 1:1 series), delete.

use super::{Env, saved, saved_edit};
use crate::ops::people::{PersonInput, PersonRecord};
use crate::ops::person_delete::{self, Deleting, SLICE_ROWS, Slice};
use crate::ops::{self, OpsError};
use crate::store::Store;
use crate::tui::msg::Msg;
use crate::tui::pane::Target;
use crate::tui::panes::people::PeopleMsg;
use crate::tui::panes::person::PeopleView;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleEffect {
    Load,
    Add(PersonInput),
    Update {
        id: i64,
        input: PersonInput,
        opened: Box<PersonRecord>,
    },
    /// Begin (or resume) deleting the person: marks them; the slices follow as
    /// [`PeopleEffect::DeleteSlice`], one effect each, between keys.
    Delete(i64),
    /// The next slice of a delete under way.
    DeleteSlice(Deleting),
}

pub(super) fn run(store: &mut Store, effect: PeopleEffect, env: &Env) -> Result<Msg, OpsError> {
    let (now, week_start) = (env.now, env.week_start);
    let listed = |id| Some(Target::Person(id, PeopleView::List));
    Ok(match effect {
        PeopleEffect::Load => Msg::People(PeopleMsg::Loaded(ops::people::list_people(store, now)?)),
        PeopleEffect::Add(input) => {
            let p = ops::people::add_person(store, input, week_start, now)?;
            saved(format!("Added {}.", p.name), listed(p.id))
        }
        PeopleEffect::Update { id, input, opened } => saved_edit(
            ops::people::update_person(store, id, input, Some(&opened), week_start, now)?,
            |p| (format!("Saved {}.", p.name), listed(p.id)),
        ),
        // A refused begin (a delete under way elsewhere) is a plain failure: any delete this
        // window has under way goes on.
        PeopleEffect::Delete(id) => {
            Msg::Deleting(Slice::More(person_delete::begin(store, id, now)?))
        }
        PeopleEffect::DeleteSlice(run) => {
            deleting(run.id, person_delete::slice(store, &run, SLICE_ROWS, now))
        }
    })
}

/// A delete's step as a message; a failure names whose delete failed, so the window stops
/// counting it as under way.
fn deleting(id: i64, step: Result<Slice, OpsError>) -> Msg {
    match step {
        Ok(slice) => Msg::Deleting(slice),
        Err(e) => Msg::DeleteFailed {
            id,
            message: e.to_string(),
        },
    }
}
