//! Which meetings to announce now: a pure function of the clock, the coming meetings, their prep
//! time and what was already announced, so it can be tested with any "now".

use chrono::NaiveDateTime;
use std::collections::BTreeSet;

use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::ritual::OccurrenceStatus;

/// One occurrence of a meeting: its kind and series (a ritual's and an imported event's ids are
/// counted apart) and the start it was given. Announced once.
pub type ReminderKey = (ItemKind, i64, NaiveDateTime);

/// A meeting to announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub key: ReminderKey,
    pub title: String,
    pub start: NaiveDateTime,
    /// Whole minutes from now to the start.
    pub minutes: i64,
}

impl Reminder {
    /// "Staff meeting in 5 min", for the status bar.
    pub fn text(&self) -> String {
        match self.minutes {
            0 => format!("{} starts now", self.title),
            m => format!("{} in {m} min", self.title),
        }
    }
}

/// The key of a meeting occurrence: its series and its original start (stable when moved).
pub fn key_of(item: &AgendaItem) -> ReminderKey {
    (
        item.kind,
        item.id,
        item.occurrence.unwrap_or_else(|| item.starts_at()),
    )
}

/// The meetings due for an announcement at `now`: not yet started, not skipped nor held already
/// (written up before its hour), not announced,
/// and starting within `lead_min` minutes — or within their prep minutes (`prep_of` the ritual),
/// when that is longer. Imported calendars' timed events count as meetings (`meetings` holds
/// them only when the config lets them count). Soonest first.
pub fn due_reminders(
    now: NaiveDateTime,
    meetings: &[AgendaItem],
    prep_of: impl Fn(i64) -> u32,
    lead_min: u32,
    announced: &BTreeSet<ReminderKey>,
) -> Vec<Reminder> {
    let mut due: Vec<Reminder> = meetings
        .iter()
        .filter(|m| (m.kind.is_meeting() || m.kind == ItemKind::Calendar) && m.start.is_some())
        .filter(|m| m.status.is_none_or(OccurrenceStatus::is_to_come))
        .filter(|m| !announced.contains(&key_of(m)))
        .filter_map(|m| {
            let minutes = (m.starts_at() - now).num_minutes();
            let prep = if m.kind.is_meeting() {
                prep_of(m.id)
            } else {
                0
            };
            let lead = i64::from(lead_min.max(prep));
            (m.starts_at() >= now && minutes <= lead).then(|| Reminder {
                key: key_of(m),
                title: m.display_title(),
                start: m.starts_at(),
                minutes,
            })
        })
        .collect();
    due.sort_by_key(|r| (r.start, r.key));
    due
}

/// Forgets announcements of meetings that started more than a day ago, so the set stays small.
pub fn forget_past(announced: &mut BTreeSet<ReminderKey>, now: NaiveDateTime) {
    announced.retain(|(_, _, start)| *start + chrono::Duration::days(1) > now);
}

/// A scheduled ritual occurrence starting at `start`, for tests here and in `update`.
#[cfg(test)]
pub(crate) fn test_meeting(id: i64, title: &str, start: NaiveDateTime) -> AgendaItem {
    AgendaItem {
        date: start.date(),
        start: Some(start.time()),
        end: Some(start.time() + chrono::Duration::minutes(30)),
        kind: crate::domain::agenda::ItemKind::Ritual,
        title: title.into(),
        id,
        person: None,
        person_id: None,
        status: Some(OccurrenceStatus::Scheduled),
        occurrence: Some(start),
        moved: false,
        done: false,
        conflict: false,
        lasts_until: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agenda::ItemKind;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn meeting(id: i64, title: &str, h: u32, m: u32) -> AgendaItem {
        test_meeting(id, title, at(h, m))
    }

    fn titles(due: &[Reminder]) -> Vec<String> {
        due.iter().map(Reminder::text).collect()
    }

    #[test]
    fn a_meeting_is_due_inside_the_lead_time_and_not_before() {
        let meetings = [meeting(1, "Staff meeting", 10, 0)];
        let none = BTreeSet::new();
        assert!(due_reminders(at(9, 54), &meetings, |_| 0, 5, &none).is_empty());
        assert_eq!(
            titles(&due_reminders(at(9, 55), &meetings, |_| 0, 5, &none)),
            ["Staff meeting in 5 min"]
        );
        assert_eq!(
            titles(&due_reminders(at(10, 0), &meetings, |_| 0, 5, &none)),
            ["Staff meeting starts now"]
        );
        assert!(
            due_reminders(at(10, 1), &meetings, |_| 0, 5, &none).is_empty(),
            "a meeting under way is not announced"
        );
    }

    #[test]
    fn prep_minutes_announce_earlier_only_when_longer_than_the_lead() {
        let meetings = [meeting(1, "Roadmap", 11, 0), meeting(2, "Sync", 10, 10)];
        let prep = |id| if id == 1 { 30 } else { 2 };
        let none = BTreeSet::new();
        assert!(due_reminders(at(10, 29), &meetings, prep, 5, &none).is_empty());
        assert_eq!(
            titles(&due_reminders(at(10, 30), &meetings, prep, 5, &none)),
            ["Roadmap in 30 min"]
        );
        assert_eq!(
            titles(&due_reminders(at(10, 5), &meetings, prep, 5, &none)),
            ["Sync in 5 min"],
            "two minutes of prep do not shorten the five-minute lead"
        );
    }

    #[test]
    fn once_per_occurrence_and_skipped_or_held_ones_never() {
        let mut skipped = meeting(3, "Delivery review", 10, 0);
        skipped.status = Some(OccurrenceStatus::Skipped);
        // A 1:1 that took place early and is written up already.
        let mut held = meeting(4, "1:1 Priya", 10, 0);
        held.status = Some(OccurrenceStatus::Held);
        let meetings = [meeting(1, "Staff meeting", 10, 0), skipped, held];
        let mut announced = BTreeSet::new();
        let due = due_reminders(at(9, 56), &meetings, |_| 0, 5, &announced);
        assert_eq!(titles(&due), ["Staff meeting in 4 min"]);
        announced.extend(due.iter().map(|r| r.key));
        assert!(due_reminders(at(9, 57), &meetings, |_| 0, 5, &announced).is_empty());
        // The next week's occurrence of the same series is a new one.
        let next_week = {
            let mut m = meeting(1, "Staff meeting", 10, 0);
            m.date += chrono::Duration::days(7);
            m.occurrence = Some(m.starts_at());
            m
        };
        let now = at(9, 56) + chrono::Duration::days(7);
        forget_past(&mut announced, now);
        assert!(
            announced.is_empty(),
            "last week's announcement is forgotten"
        );
        assert_eq!(
            due_reminders(now, &[next_week], |_| 0, 5, &announced).len(),
            1
        );
    }

    #[test]
    fn a_moved_meeting_keeps_its_identity_and_is_announced_at_its_new_time() {
        let mut moved = meeting(1, "Staff meeting", 14, 0);
        moved.occurrence = Some(at(10, 0));
        moved.moved = true;
        let none = BTreeSet::new();
        assert!(due_reminders(at(9, 56), &[moved.clone()], |_| 0, 5, &none).is_empty());
        let due = due_reminders(at(13, 58), &[moved], |_| 0, 5, &none);
        assert_eq!(due[0].key, (ItemKind::Ritual, 1, at(10, 0)));
        assert_eq!(due[0].minutes, 2);
    }

    #[test]
    fn an_imported_event_is_announced_apart_from_a_ritual_with_its_id_and_without_its_prep() {
        let ritual = meeting(7, "Staff meeting", 10, 0);
        let mut event = meeting(7, "Vendor call", 10, 0);
        event.kind = ItemKind::Calendar;
        let mut announced = BTreeSet::new();
        let prep = |_| 30;
        let due = due_reminders(at(9, 56), &[event.clone()], prep, 5, &announced);
        assert_eq!(titles(&due), ["Vendor call in 4 min"], "no ritual's prep");
        assert!(due_reminders(at(9, 40), &[event.clone()], prep, 5, &announced).is_empty());
        announced.insert(due[0].key);
        let due = due_reminders(at(9, 56), &[ritual, event], |_| 0, 5, &announced);
        assert_eq!(
            titles(&due),
            ["Staff meeting in 4 min"],
            "the same id, another kind"
        );
    }

    #[test]
    fn untimed_items_and_non_meetings_are_never_announced() {
        let mut goal = meeting(4, "Goal due", 10, 0);
        goal.kind = ItemKind::GoalDue;
        let mut untimed = meeting(5, "All day", 10, 0);
        untimed.start = None;
        let none = BTreeSet::new();
        assert!(due_reminders(at(9, 58), &[goal, untimed], |_| 0, 5, &none).is_empty());
    }
}
