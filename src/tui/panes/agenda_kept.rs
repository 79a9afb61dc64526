//! The agenda's neighbouring weeks, read ahead once the days shown are loaded (after the redraw,
//! when no key waits: `Request::Later`), so `]`/`[` and a day step across the edge show them at
//! once. A kept week carries the database's `data_version` from before its read: shown, it is
//! checked against the store (`AgendaEffect::Verify`) and loaded again if another writer changed
//! anything since; every change this cockpit sees drops them (`Pane::forget_kept`).

use chrono::{Duration, NaiveDate};

use crate::ops::agenda::Agenda;

/// Days read ahead, and the `data_version` the store had before reading them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub agenda: Agenda,
    pub read_at: i64,
}

/// At most the two spans beside the days shown: the previous and the next `from`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Neighbours {
    kept: Vec<Kept>,
}

/// The first days of the spans beside the one from `from`, before and after.
pub fn beside(from: NaiveDate, days: u32) -> [NaiveDate; 2] {
    let span = Duration::days(i64::from(days));
    [from - span, from + span]
}

impl Neighbours {
    pub fn forget(&mut self) {
        self.kept.clear();
    }

    /// Keeps `kept` if it is beside the days shown from `shown` (the user may have moved on
    /// while it was read), in place of what was kept for those days.
    pub fn keep(&mut self, shown: Option<NaiveDate>, days: u32, kept: Kept) {
        let Some(shown) = shown else {
            return;
        };
        if !beside(shown, days).contains(&kept.agenda.from) || kept.agenda.days != days {
            return;
        }
        self.kept.retain(|k| k.agenda.from != kept.agenda.from);
        self.kept.push(kept);
    }

    /// The days from `from`, if they are kept; they are kept no more.
    pub fn take(&mut self, from: NaiveDate) -> Option<Kept> {
        let at = self.kept.iter().position(|k| k.agenda.from == from)?;
        Some(self.kept.swap_remove(at))
    }

    /// The days from `from`, made of the days `shown` and a span kept beside them when the two
    /// hold all of them (the rolling view moved by a day): checked against the store like
    /// the span kept.
    pub fn spliced(&self, shown: &Agenda, from: NaiveDate, days: u32) -> Option<Kept> {
        let span = Duration::days(i64::from(days));
        let to = from + span;
        let kept = self.kept.iter().find(|k| {
            let start = k.agenda.from.min(shown.from);
            start <= from && start + span + span >= to
        })?;
        let mut items: Vec<_> = shown
            .items
            .iter()
            .chain(&kept.agenda.items)
            .filter(|i| i.date >= from && i.date < to)
            .cloned()
            .collect();
        crate::schedule::agenda::sort(&mut items);
        Some(Kept {
            agenda: Agenda {
                from,
                days,
                items,
                radar: Vec::new(),
            },
            read_at: kept.read_at,
        })
    }

    /// Drops what is not beside the days shown from `shown`.
    pub fn keep_beside(&mut self, shown: NaiveDate, days: u32) {
        let beside = beside(shown, days);
        self.kept
            .retain(|k| beside.contains(&k.agenda.from) && k.agenda.days == days);
    }

    /// The first days of the spans beside `shown` that are not kept.
    pub fn missing(&self, shown: NaiveDate, days: u32) -> Vec<NaiveDate> {
        beside(shown, days)
            .into_iter()
            .filter(|from| !self.kept.iter().any(|k| k.agenda.from == *from))
            .collect()
    }

    /// The first days of the spans kept.
    pub fn froms(&self) -> Vec<NaiveDate> {
        self.kept.iter().map(|k| k.agenda.from).collect()
    }
}
