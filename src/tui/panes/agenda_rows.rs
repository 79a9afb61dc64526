//! What a day of the agenda lists, in order: meetings and events first (in time order), then
//! what is due, kind by kind. Many due items of one kind fold into one row ("▲ 12 risk reviews
//! due") that `Enter` unfolds; done actions and goals are left out into a row of their own
//! unless there are only a few.

use chrono::NaiveDate;
use std::collections::BTreeSet;

use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::ops::markdown::plural;

/// More open items of one kind than this on a day fold into one row.
pub const FOLD_OVER: usize = 3;
/// Done items of one kind up to this many are shown (dimmed); more fold into one row.
pub const DONE_SHOWN_UP_TO: usize = 2;

/// The kinds of due items, in the order a day lists them.
const DUE_KINDS: [ItemKind; 3] = [ItemKind::GoalDue, ItemKind::ActionDue, ItemKind::RiskReview];

/// A group of one day's due items of one kind, open or done: what a folded row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    pub date: NaiveDate,
    pub kind: ItemKind,
    pub done: bool,
}

/// One selectable row of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRow<'a> {
    Item(&'a AgendaItem),
    /// A folded (or unfolded) group; `count` items stand behind it.
    Group {
        key: GroupKey,
        count: usize,
        open: bool,
    },
    /// An item of an unfolded group, drawn under it.
    Member(&'a AgendaItem),
}

impl<'a> DayRow<'a> {
    /// The item the row shows, unless it is a group.
    pub fn item(&self) -> Option<&'a AgendaItem> {
        match *self {
            DayRow::Item(i) | DayRow::Member(i) => Some(i),
            DayRow::Group { .. } => None,
        }
    }
}

/// The rows of one day's `items` (in agenda order), with the groups in `unfolded` open.
pub fn day_rows<'a>(items: &[&'a AgendaItem], unfolded: &BTreeSet<GroupKey>) -> Vec<DayRow<'a>> {
    let mut rows: Vec<DayRow<'a>> = items
        .iter()
        .filter(|i| !DUE_KINDS.contains(&i.kind))
        .map(|i| DayRow::Item(i))
        .collect();
    let Some(date) = items.first().map(|i| i.date) else {
        return rows;
    };
    for kind in DUE_KINDS {
        for done in [false, true] {
            let group: Vec<&AgendaItem> = items
                .iter()
                .copied()
                .filter(|i| i.kind == kind && i.done == done)
                .collect();
            let shown_up_to = if done { DONE_SHOWN_UP_TO } else { FOLD_OVER };
            if group.len() <= shown_up_to {
                rows.extend(group.into_iter().map(DayRow::Item));
                continue;
            }
            let key = GroupKey { date, kind, done };
            let open = unfolded.contains(&key);
            rows.push(DayRow::Group {
                key,
                count: group.len(),
                open,
            });
            if open {
                rows.extend(group.into_iter().map(DayRow::Member));
            }
        }
    }
    rows
}

/// "12 risk reviews due", "5 actions done", "2 goals overdue": what a group row says.
pub fn group_words(key: GroupKey, count: usize, today: NaiveDate) -> String {
    let noun = match key.kind {
        ItemKind::GoalDue => "goal",
        ItemKind::ActionDue => "action",
        ItemKind::RiskReview => "risk review",
        ItemKind::OneOnOne | ItemKind::Ritual | ItemKind::Calendar | ItemKind::MetricsDue => "item",
    };
    let state = match (key.done, key.date < today) {
        (true, _) => "done",
        (false, true) => "overdue",
        (false, false) => "due",
    };
    format!("{} {state}", plural(count, noun))
}

#[cfg(test)]
#[path = "agenda_rows_tests.rs"]
mod tests;
