//! Action items: marking done or open again (the agenda's `x`, `bearing action done|reopen`)
//! and editing.

use chrono::{NaiveDate, NaiveDateTime};

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use super::links::LinkChanges;
use crate::domain::Word;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::one_on_one::{ActionItem, Owner, check_text};
use crate::store::{Store, actions, people};

/// Marks action `id` done (or open again). With `opened` (the action as the list showing it
/// read it) it is refused when the action changed since: another writer's edit, done or reopen
/// is not overwritten by a key pressed on an older screen.
pub fn set_action_done(
    store: &mut Store,
    id: i64,
    done: bool,
    opened: Option<&ActionItem>,
    now: NaiveDateTime,
) -> Result<(), OpsError> {
    store.write(|tx| -> Result<(), OpsError> {
        let before = actions::get(tx, id)?
            .ok_or_else(|| OpsError::NotFound(format!("no action item with id {id}")))?;
        ensure_as_opened(|| format!("action {id}"), &before, opened)?;
        actions::set_done(tx, id, done, now)?;
        Ok(())
    })
}

/// Marks several actions done (or open again) in one transaction: all of them or, when one is
/// missing, none. An action already in that state keeps it (and the day it was done). Returns
/// the ids that changed.
pub fn set_many_done(
    store: &mut Store,
    ids: &[i64],
    done: bool,
    now: NaiveDateTime,
) -> Result<Vec<i64>, OpsError> {
    store.write(|tx| -> Result<Vec<i64>, OpsError> {
        let mut changed = Vec::new();
        for &id in ids {
            let action = actions::get(tx, id)?.ok_or_else(|| {
                OpsError::NotFound(format!(
                    "no action with id {id} (see `bearing action list`); nothing was changed"
                ))
            })?;
            if action.done_at.is_some() != done && !changed.contains(&id) {
                actions::set_done(tx, id, done, now)?;
                changed.push(id);
            }
        }
        Ok(changed)
    })
}

pub use crate::store::actions::ActionMeeting;

/// The meeting action `id` came from, if it came from one: where `Enter` on it goes.
pub fn came_from(store: &Store, id: i64) -> Result<Option<ActionMeeting>, OpsError> {
    Ok(actions::meeting_of(store.conn(), id)?)
}

/// An action's editable content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionChange {
    pub person_id: Option<i64>,
    pub owner: Owner,
    pub body: String,
    pub due: Option<NaiveDate>,
}

impl From<&ActionItem> for ActionChange {
    fn from(a: &ActionItem) -> Self {
        ActionChange {
            person_id: a.person_id,
            owner: a.owner,
            body: a.body.clone(),
            due: a.due,
        }
    }
}

/// Saves an edited action. With `opened` (the action as read before the change was made) it
/// is refused when the action changed since; the same values write nothing.
pub fn update_action(
    store: &mut Store,
    id: i64,
    change: ActionChange,
    opened: Option<&ActionItem>,
) -> Result<Edited<ActionItem>, OpsError> {
    save_action(store, id, change, opened, None)
}

/// [`update_action`] with the form's link changes, applied in the same transaction (one undo
/// step): a save that only links or unlinks still counts as a change.
pub fn update_action_linked(
    store: &mut Store,
    id: i64,
    change: ActionChange,
    opened: Option<&ActionItem>,
    links: &LinkChanges,
    now: NaiveDateTime,
) -> Result<Edited<ActionItem>, OpsError> {
    save_action(store, id, change, opened, Some((links, now)))
}

fn save_action(
    store: &mut Store,
    id: i64,
    change: ActionChange,
    opened: Option<&ActionItem>,
    links: Option<(&LinkChanges, NaiveDateTime)>,
) -> Result<Edited<ActionItem>, OpsError> {
    let body = check_text("action", &change.body)?;
    store.write(|tx| -> Result<Edited<ActionItem>, OpsError> {
        let before = actions::get(tx, id)?.ok_or_else(|| {
            OpsError::NotFound(format!(
                "no action with id {id} (see `bearing action list`)"
            ))
        })?;
        ensure_as_opened(|| format!("action {id}"), &before, opened)?;
        // Checked when the edit changes whose it is: one an earlier version stored as theirs
        // with nobody named stays editable as it is.
        if (change.owner, change.person_id) != (before.owner, before.person_id) {
            change.owner.check_with(change.person_id)?;
        }
        if let Some(p) = change.person_id
            && people::get(tx, p)?.is_none()
        {
            return Err(OpsError::NotFound(format!("no person with id {p}")));
        }
        let after = ActionItem {
            person_id: change.person_id,
            owner: change.owner,
            body,
            due: change.due,
            ..before.clone()
        };
        let linked = match links {
            Some((links, now)) => {
                super::links::apply(tx, ObjectRef::new(LinkKind::Action, id), links, now)?
            }
            None => false,
        };
        if after == before {
            return Ok(if linked {
                Edited::changed(before)
            } else {
                Edited::unchanged(before)
            });
        }
        actions::update(
            tx,
            id,
            &actions::NewAction {
                person_id: after.person_id,
                occurrence_id: None,
                owner: after.owner.as_str(),
                body: &after.body,
                due: after.due,
            },
        )?;
        Ok(Edited::changed(after))
    })
}
