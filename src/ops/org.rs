//! The org below me as use-cases: skip-levels overdue for the radar.

use chrono::{NaiveDateTime, NaiveTime};
use std::collections::HashMap;

use super::OpsError;
use crate::domain::agenda::{RadarItem, RadarKind};
use crate::domain::org;
use crate::store::{Store, notes, occurrences, people};

/// The skip-levels (people two levels down) I have not met or written a note about for more than
/// `weeks` weeks as of `now`, longest first.
pub fn skip_levels_overdue(
    store: &Store,
    now: NaiveDateTime,
    weeks: u32,
) -> Result<Vec<RadarItem>, OpsError> {
    let conn = store.conn();
    let everyone = people::list(conn)?;
    let skips = org::skip_levels(&everyone);
    if skips.is_empty() {
        return Ok(Vec::new());
    }
    let names: HashMap<i64, &str> = everyone.iter().map(|p| (p.id, p.name.as_str())).collect();
    let mut last: HashMap<i64, NaiveDateTime> = occurrences::last_held_one_on_ones(conn)?
        .into_iter()
        .filter(|(_, t)| *t <= now)
        .collect();
    for (person, date) in notes::latest_dates(conn)? {
        let noted = date.and_time(NaiveTime::MIN);
        if noted <= now {
            let seen = last.entry(person).or_insert(noted);
            *seen = (*seen).max(noted);
        }
    }
    let limit = i64::from(weeks) * 7;
    let mut overdue: Vec<RadarItem> = skips
        .into_iter()
        .filter_map(|(person, manager)| {
            let via = names.get(&manager).copied().unwrap_or_default();
            let title = names.get(&person).copied().unwrap_or_default().to_string();
            match last.get(&person) {
                Some(t) => {
                    let days = (now.date() - t.date()).num_days();
                    (days > limit).then(|| RadarItem {
                        kind: RadarKind::SkipLevelOverdue,
                        title,
                        detail: format!("skip-level via {via}, last seen {days} days ago"),
                        id: person,
                        person_id: Some(person),
                        date: t.date(),
                        days,
                    })
                }
                None => Some(RadarItem {
                    kind: RadarKind::SkipLevelOverdue,
                    title,
                    detail: format!("skip-level via {via}, no 1:1 or note yet"),
                    id: person,
                    person_id: Some(person),
                    date: now.date(),
                    days: 0,
                }),
            }
        })
        .collect();
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then(a.title.cmp(&b.title)));
    Ok(overdue)
}
