//! A series' end: `ritual end`, and the end kept through a change of schedule. An end the user
//! set (`ritual end`, or an UNTIL or COUNT in the rule) is theirs: a new cadence, hour or
//! length keeps it.

use chrono::{NaiveDate, NaiveDateTime};

use super::OpsError;
use super::edit::Edited;
use super::rituals::{current, recurrence};
use crate::domain::Invalid;
use crate::domain::ritual::{Ritual, RitualFields};
use crate::schedule::recurrence::{Recurrence, ending_on, until_at_end_of_day};
use crate::store::{Store, rituals};

/// Gives `new`, the schedule that replaces `old`'s from `from` on, the end `old` still had
/// ahead. A new rule without an end of its own ends on the same day; the old rule carried over
/// ends on that day at any hour (a COUNT would count again from the new start). A new rule with
/// an UNTIL or COUNT of its own is how the end changes. A series over by `from` has no end ahead
/// to keep: a schedule after it starts afresh. Refused on `field` when the new schedule has no
/// meeting by the end.
pub(super) fn keep_end(
    old: &RitualFields,
    new: &mut RitualFields,
    from: NaiveDateTime,
    field: &'static str,
) -> Result<(), OpsError> {
    let Some(rule) = new.rrule.clone() else {
        return Ok(());
    };
    let same_rule = old.rrule.as_deref() == Some(rule.as_str());
    let end = Recurrence::of(old)
        .ok()
        .filter(|rec| {
            rec.next_after(from - chrono::Duration::seconds(1))
                .is_some()
        })
        .and_then(|rec| rec.end_day());
    let own_end = || {
        Recurrence::new(Some(&rule), new.dtstart, new.week_start)
            .is_ok_and(|rec| rec.end_day().is_some())
    };
    let (kept, day) = match end {
        Some(day) if same_rule || !own_end() => (ending_on(&rule, day), day),
        // The old rule at a new hour: an UNTIL at the old hour would leave out its last day.
        _ if same_rule => {
            new.rrule = Some(until_at_end_of_day(&rule));
            return Ok(());
        }
        _ => return Ok(()),
    };
    new.rrule = Some(kept);
    // From the change on: a series split there starts on its day.
    let after = new.dtstart.max(from) - chrono::Duration::seconds(1);
    if Recurrence::of(new).is_ok_and(|rec| rec.next_after(after).is_some()) {
        return Ok(());
    }
    Err(Invalid::field(
        field,
        format!(
            "\"{}\" ends on {}, and the new schedule has no meeting by then; to meet later, give \
             the rule an end of its own (UNTIL=YYYYMMDD); nothing was saved",
            old.name,
            day.format("%a %Y-%m-%d")
        ),
    )
    .into())
}

/// Ends a series on `on`: its last meeting is the last one on or before that day, the ones
/// before keep their records (held, notes, decisions), none come after. A one-off meeting has
/// nothing to end, and a series with no meeting by then is deleted rather than ended.
pub fn end_series(
    store: &mut Store,
    id: i64,
    on: NaiveDate,
    now: NaiveDateTime,
) -> Result<Edited<Ritual>, OpsError> {
    store.write(|tx| -> Result<Edited<Ritual>, OpsError> {
        let mut ritual = current(tx, id)?;
        let rec = recurrence(&ritual.fields)?;
        let name = &ritual.fields.name;
        if !rec.is_repeating() {
            return Err(Invalid::field(
                "on",
                format!("\"{name}\" is a one-off meeting: there is no series to end (delete it instead: `bearing ritual delete {id}`)"),
            )
            .into());
        }
        let after = on.succ_opt().unwrap_or(on).and_time(chrono::NaiveTime::MIN);
        if rec.next_after(after - chrono::Duration::seconds(1)).is_none() {
            return Ok(Edited::unchanged(ritual));
        }
        let ended = rec.rule_ending_before(after).ok_or_else(|| {
            Invalid::field(
                "on",
                format!(
                    "\"{name}\" has no meeting on or before {}: there is no history to keep (delete it instead: `bearing ritual delete {id}`)",
                    on.format("%a %Y-%m-%d")
                ),
            )
        })?;
        ritual.fields.rrule = Some(ended);
        rituals::update(tx, id, &ritual.fields, now)?;
        Ok(Edited::changed(ritual))
    })
}

/// The last meeting of a series on or before `day`, if any.
pub fn last_meeting_by(ritual: &Ritual, day: NaiveDate) -> Option<NaiveDateTime> {
    let end = day.succ_opt()?.and_time(chrono::NaiveTime::MIN) - chrono::Duration::seconds(1);
    Recurrence::of(&ritual.fields).ok()?.last_at_or_before(end)
}
