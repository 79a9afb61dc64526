//! Talking points: ticking them discussed or back into the queue
//! (`bearing topic done|reopen`), and editing.

use chrono::NaiveDateTime;

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use crate::domain::one_on_one::{Topic, check_text};
use crate::store::{Store, people, topics};

/// Marks several talking points discussed (or queued again) in one transaction: all of them
/// or, when one is missing, none. One already in that state is left as it is. Returns the ids
/// that changed.
pub fn set_many_discussed(
    store: &mut Store,
    ids: &[i64],
    discussed: bool,
    now: NaiveDateTime,
) -> Result<Vec<i64>, OpsError> {
    store.write(|tx| -> Result<Vec<i64>, OpsError> {
        let mut changed = Vec::new();
        for &id in ids {
            let topic = topics::get(tx, id)?.ok_or_else(|| {
                OpsError::NotFound(format!(
                    "no talking point with id {id} (see `bearing topic list`); nothing was changed"
                ))
            })?;
            if topic.discussed_at.is_some() != discussed && !changed.contains(&id) {
                topics::set_discussed(tx, id, discussed.then_some(now), None)?;
                changed.push(id);
            }
        }
        Ok(changed)
    })
}

/// Saves an edited talking point: its text, or the person whose queue it is in. With `opened`
/// it is refused when the topic changed since; the same values write nothing.
pub fn update_topic(
    store: &mut Store,
    id: i64,
    person_id: i64,
    text: &str,
    opened: Option<&Topic>,
) -> Result<Edited<Topic>, OpsError> {
    let body = check_text("topic", text)?;
    store.write(|tx| -> Result<Edited<Topic>, OpsError> {
        let before = topics::get(tx, id)?.ok_or_else(|| {
            OpsError::NotFound(format!(
                "no talking point with id {id} (see `bearing topic list`)"
            ))
        })?;
        ensure_as_opened(|| format!("talking point {id}"), &before, opened)?;
        if people::get(tx, person_id)?.is_none() {
            return Err(OpsError::NotFound(format!("no person with id {person_id}")));
        }
        let after = Topic {
            person_id,
            body,
            ..before.clone()
        };
        if after == before {
            return Ok(Edited::unchanged(before));
        }
        topics::update(tx, id, person_id, &after.body)?;
        Ok(Edited::changed(after))
    })
}
