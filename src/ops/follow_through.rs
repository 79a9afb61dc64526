//! Records one line of a meeting's write-up (a decision or an action) inside the meeting's save.

use chrono::{NaiveDate, NaiveDateTime};

use super::OpsError;
use super::decisions::{DecisionInput, insert};
use super::rituals::Recorded;
use crate::domain::Word;
use crate::domain::decision::{DecisionDraft, DecisionStatus};
use crate::domain::meeting_lines::Follow;
use crate::store::actions::{self, NewAction};

/// Records `follow` as made in meeting `occurrence_id` on `day`; returns the line's marker
/// ("decision 12", "action 7"). A decision or an action the meeting already holds with the same
/// words (and, for an action, the same owner) is that line's, not a new one: a write-up sent
/// again without its markers (a script, or the text pasted again) recorded each line twice. Such
/// an action takes the line's due date.
pub(super) fn record(
    tx: &rusqlite::Connection,
    follow: &Follow,
    occurrence_id: i64,
    day: NaiveDate,
    now: NaiveDateTime,
    recorded: &mut Recorded,
) -> Result<String, OpsError> {
    match follow {
        Follow::Decision { title } => {
            if let Some(known) = crate::store::decisions::of_occurrence(tx, occurrence_id)?
                .into_iter()
                .find(|d| d.fields.title == *title)
            {
                return Ok(format!("decision {}", known.id));
            }
            let mut draft = DecisionDraft::new(title.clone(), day);
            draft.status = DecisionStatus::Accepted;
            draft.occurrence_id = Some(occurrence_id);
            let id = insert(tx, DecisionInput::new(draft), None, now)?;
            recorded.decisions.push(id);
            Ok(format!("decision {id}"))
        }
        Follow::Action {
            owner,
            person,
            body,
            due,
        } => {
            let action = NewAction {
                person_id: *person,
                occurrence_id: Some(occurrence_id),
                owner: owner.as_str(),
                body,
                due: *due,
            };
            if let Some(known) = actions::of_occurrence(tx, occurrence_id)?
                .into_iter()
                .find(|a| {
                    a.body == *body && a.person_id == *person && a.owner.as_str() == owner.as_str()
                })
            {
                // Sent again with another due date: the write-up says when it is due now.
                if known.due != *due {
                    actions::update(tx, known.id, &action)?;
                }
                return Ok(format!("action {}", known.id));
            }
            let id = actions::insert(tx, &action, now)?;
            recorded.actions.push(id);
            Ok(format!("action {id}"))
        }
    }
}
