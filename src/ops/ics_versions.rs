//! Which VEVENT stands when a file holds several versions of one event: an organizer's update
//! raises its SEQUENCE (RFC 5545 §3.8.7.4), and of two with the same SEQUENCE the later DTSTAMP
//! is the newer (RFC 5546 §2.1.5), as python's recurring_ical_events reads them too.

use chrono::NaiveDateTime;
use std::collections::HashMap;

use crate::domain::calendar::{IcsEvent, IcsTime};

/// How new a version of an event is: its SEQUENCE (0 when absent), then its DTSTAMP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Version {
    pub sequence: i64,
    pub stamp: Option<NaiveDateTime>,
}

/// One event per UID and RECURRENCE-ID (a series, or one of its changed meetings): the newest
/// version, the last in the file of equally new ones, in the place of the first.
pub(super) fn newest<T>(events: Vec<(IcsEvent, Version, T)>) -> Vec<(IcsEvent, T)> {
    let mut kept: Vec<(IcsEvent, Version, T)> = Vec::with_capacity(events.len());
    let mut at: HashMap<(String, Option<(bool, NaiveDateTime)>), usize> = HashMap::new();
    for (event, version, extra) in events {
        let rid = event
            .recurrence_id
            .as_ref()
            .map(|t: &IcsTime| (t.is_date(), t.naive()));
        match at.get(&(event.uid.clone(), rid)) {
            Some(&n) => {
                if kept.get(n).is_some_and(|(_, old, _)| version >= *old)
                    && let Some(slot) = kept.get_mut(n)
                {
                    *slot = (event, version, extra);
                }
            }
            None => {
                at.insert((event.uid.clone(), rid), kept.len());
                kept.push((event, version, extra));
            }
        }
    }
    kept.into_iter().map(|(e, _, extra)| (e, extra)).collect()
}
