//! Action items: the parts the agenda needs (marking done).

use chrono::NaiveDateTime;

use super::OpsError;
use crate::store::{Store, actions};

pub fn set_action_done(
    store: &mut Store,
    id: i64,
    done: bool,
    now: NaiveDateTime,
) -> Result<(), OpsError> {
    let found = store
        .write(|tx| -> Result<bool, OpsError> { Ok(actions::set_done(tx, id, done, now)?) })?;
    if found {
        Ok(())
    } else {
        Err(OpsError::NotFound(format!("no action item with id {id}")))
    }
}
