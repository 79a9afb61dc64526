//! A series' end through a change of its schedule. An end the user set (`ritual end`, or an
//! UNTIL or COUNT in the rule) is theirs: a new cadence, hour or length keeps it.

use chrono::NaiveDateTime;

use super::OpsError;
use crate::domain::Invalid;
use crate::domain::ritual::RitualFields;
use crate::schedule::recurrence::{Recurrence, ending_on, until_at_end_of_day};

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
