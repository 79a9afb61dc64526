//! The agenda for a range of days and its radar, assembled from every pane's dated items.

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone};
use serde::Serialize;
use std::collections::HashMap;

use super::OpsError;
use crate::domain::agenda::{AgendaItem, ItemKind, RadarItem, RadarKind};
use crate::domain::calendar::CalendarEvent;
use crate::domain::plan::{GoalStatus, is_behind};
use crate::domain::ritual::OccurrenceStatus;
use crate::schedule::agenda::{Series, calendar_items, meetings, one_on_one_overdue, sort};
use crate::schedule::calendar::{IMPORT_LIMITS, expand};
use crate::store::agenda::{self as due, DatedRow};
use crate::store::{Store, calendar, occurrences, people, rituals};

/// How far ahead `next` looks for the next meeting.
const NEXT_HORIZON_DAYS: i64 = 14;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub from: NaiveDate,
    pub days: u32,
    pub items: Vec<AgendaItem>,
    pub radar: Vec<RadarItem>,
}

fn names(store: &Store) -> Result<HashMap<i64, String>, OpsError> {
    Ok(people::list(store.conn())?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

fn series_for(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    names: &HashMap<i64, String>,
) -> Result<Vec<Series>, OpsError> {
    Ok(rituals::for_range(store.conn(), from, to)?
        .into_iter()
        .filter_map(|r| {
            let person = r.fields.person_id.and_then(|id| names.get(&id).cloned());
            Series::new(r, person)
        })
        .collect())
}

/// Meetings only, in `[from, to)`.
pub fn meetings_between(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<AgendaItem>, OpsError> {
    let names = names(store)?;
    let series = series_for(store, from, to, &names)?;
    let records = occurrences::in_range(store.conn(), from, to)?;
    Ok(meetings(&series, &records, from, to, &chrono::Local))
}

fn dated(
    rows: Vec<DatedRow>,
    kind: ItemKind,
    names: &HashMap<i64, String>,
) -> impl Iterator<Item = AgendaItem> + '_ {
    rows.into_iter().map(move |row| AgendaItem {
        date: row.date,
        start: None,
        end: None,
        kind,
        title: row.title,
        id: row.id,
        person: row.person_id.and_then(|id| names.get(&id).cloned()),
        person_id: row.person_id,
        status: None,
        occurrence: None,
        moved: false,
        done: row.done,
    })
}

/// Everything dated in `days` days from `from`, with the radar as of `now` (skip-levels are
/// overdue after `skip_level_weeks`).
pub fn agenda(
    store: &Store,
    from: NaiveDate,
    days: u32,
    now: NaiveDateTime,
    skip_level_weeks: u32,
) -> Result<Agenda, OpsError> {
    let mut agenda = week(store, from, days)?;
    agenda.radar = radar(store, now, &names(store)?)?;
    agenda.radar.extend(super::org::skip_levels_overdue(
        store,
        now,
        skip_level_weeks,
    )?);
    Ok(agenda)
}

/// Everything dated in `days` days from `from`, without the radar (which does not depend on the
/// days shown: moving through weeks need not recompute it).
pub fn week(store: &Store, from: NaiveDate, days: u32) -> Result<Agenda, OpsError> {
    let to = from + Duration::days(i64::from(days));
    let names = names(store)?;
    let series = series_for(store, from, to, &names)?;
    let records = occurrences::in_range(store.conn(), from, to)?;
    let mut items = meetings(&series, &records, from, to, &chrono::Local);
    let conn = store.conn();
    items.extend(goals_due(store, from, to, &names)?);
    items.extend(dated(
        due::actions_due(conn, from, to)?,
        ItemKind::ActionDue,
        &names,
    ));
    items.extend(dated(
        due::reviews_due(conn, from, to)?,
        ItemKind::RiskReview,
        &names,
    ));
    items.extend(calendar_items(
        &calendar_days(store, from, to)?.events,
        from,
        to,
    ));
    sort(&mut items);
    Ok(Agenda {
        from,
        days,
        items,
        radar: Vec::new(),
    })
}

/// Goals due in `[from, to)`: on their own due date, or on their phase's last day.
fn goals_due(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    names: &HashMap<i64, String>,
) -> Result<Vec<AgendaItem>, OpsError> {
    let Some((_, start)) = crate::store::plan::get(store.conn())? else {
        return Ok(Vec::new());
    };
    // Only the phases that end inside the range can contribute goals without a due date.
    let phases: Vec<u32> = crate::domain::plan::PHASES
        .into_iter()
        .filter(|&p| {
            let end = crate::domain::plan::phase_window(start, p).1 - Duration::days(1);
            end >= from && end < to
        })
        .collect();
    Ok(
        crate::store::plan::goals_due_between(store.conn(), from, to, &phases)?
            .into_iter()
            .filter(|g| g.fields.status != GoalStatus::Dropped)
            .filter_map(|g| {
                let date = g.fields.due_or_phase_end(start);
                (date >= from && date < to).then(|| AgendaItem {
                    date,
                    start: None,
                    end: None,
                    kind: ItemKind::GoalDue,
                    person: g.fields.person_id.and_then(|id| names.get(&id).cloned()),
                    person_id: g.fields.person_id,
                    id: g.id,
                    status: None,
                    occurrence: None,
                    moved: false,
                    done: g.fields.status == GoalStatus::Done,
                    title: g.fields.title,
                })
            })
            .collect(),
    )
}

/// What needs attention as of `now`, most urgent kinds first.
pub fn radar(
    store: &Store,
    now: NaiveDateTime,
    names: &HashMap<i64, String>,
) -> Result<Vec<RadarItem>, OpsError> {
    let today = now.date();
    let conn = store.conn();
    let mut radar = Vec::new();
    for row in due::actions_overdue(conn, today)? {
        let who = row.person_id.and_then(|id| names.get(&id));
        let owner = match (row.tag.as_str(), who) {
            ("them", Some(name)) => format!("{name} owes it"),
            (_, Some(name)) => format!("yours, for {name}"),
            _ => "yours".to_string(),
        };
        radar.push(RadarItem {
            kind: RadarKind::OverdueAction,
            title: row.title,
            detail: owner,
            id: row.id,
            days: (today - row.date).num_days(),
        });
    }
    for row in due::reviews_overdue(conn, today)? {
        radar.push(RadarItem {
            kind: RadarKind::OverdueReview,
            title: row.title,
            detail: format!("{} risk", row.tag),
            id: row.id,
            days: (today - row.date).num_days(),
        });
    }
    for goal in due::open_goals(conn)? {
        if is_behind(goal.plan_start, goal.phase, goal.due, goal.progress, today) {
            radar.push(RadarItem {
                kind: RadarKind::GoalBehind,
                title: goal.title,
                detail: format!("{}% done", goal.progress),
                id: goal.id,
                days: 0,
            });
        }
    }
    let last_held: HashMap<i64, NaiveDateTime> = occurrences::last_held_one_on_ones(conn)?
        .into_iter()
        .collect();
    let mut current: HashMap<i64, Series> = HashMap::new();
    for r in rituals::one_on_ones(conn)? {
        let Some(person) = r.fields.person_id else {
            continue;
        };
        // Ordered by start, so the newest series for a person wins.
        if let Some(s) = Series::new(r, names.get(&person).cloned()) {
            current.insert(person, s);
        }
    }
    let mut overdue: Vec<RadarItem> = current
        .iter()
        .filter_map(|(person, s)| {
            let days = one_on_one_overdue(
                &s.recurrence,
                s.ritual.fields.dtstart,
                last_held.get(person).copied(),
                now,
            )?;
            let name = s.person.clone().unwrap_or_default();
            Some(RadarItem {
                kind: RadarKind::OneOnOneOverdue,
                detail: match last_held.get(person) {
                    Some(_) => format!("last 1:1 {days} days ago"),
                    None => "no 1:1 recorded yet".to_string(),
                },
                title: name,
                id: *person,
                days,
            })
        })
        .collect();
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then(a.title.cmp(&b.title)));
    radar.extend(overdue);
    Ok(radar)
}

/// The happenings of imported calendars in `[from, to)`, expanded now in this machine's zone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarDays {
    pub events: Vec<CalendarEvent>,
    /// Why they were left off: they would put more on these days than an agenda can show, which
    /// only a file made to do so can (the import checked the years around it).
    pub left_off: Option<String>,
}

pub fn calendar_days(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<CalendarDays, OpsError> {
    calendar_days_in(store, from, to, &chrono::Local)
}

/// `calendar_days` shown in the zone `local`.
pub fn calendar_days_in<L: TimeZone>(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    local: &L,
) -> Result<CalendarDays, OpsError> {
    // The events' own clocks differ from this machine's by at most a day either way.
    let margin = Duration::days(2);
    let entries = calendar::in_range(store.conn(), from - margin, to + margin)?;
    Ok(match expand(&entries, from, to, local, IMPORT_LIMITS) {
        Ok(expansion) => CalendarDays {
            events: expansion.events,
            left_off: None,
        },
        Err(too_large) => CalendarDays {
            events: Vec::new(),
            left_off: Some(too_large.to_string()),
        },
    })
}

/// Meetings in `[from, to)` as `next` and reminders see them: rituals and 1:1s, and with
/// `with_calendars` the timed events of imported calendars (all-day ones are not meetings).
pub fn meetings_and_events(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    with_calendars: bool,
) -> Result<Vec<AgendaItem>, OpsError> {
    let mut items = meetings_between(store, from, to)?;
    if with_calendars {
        let events = calendar_days(store, from, to)?.events;
        items.extend(
            calendar_items(&events, from, to)
                .into_iter()
                .filter(|i| i.start.is_some()),
        );
        sort(&mut items);
    }
    Ok(items)
}

/// The next meeting that has not started yet (skipped ones do not count); with `with_calendars`
/// an imported calendar's event counts too.
pub fn next_meeting(
    store: &Store,
    now: NaiveDateTime,
    with_calendars: bool,
) -> Result<Option<AgendaItem>, OpsError> {
    let from = now.date();
    let to = from + Duration::days(NEXT_HORIZON_DAYS);
    let items = meetings_and_events(store, from, to, with_calendars)?;
    Ok(items
        .into_iter()
        .filter(|i| i.starts_at() >= now && i.status != Some(OccurrenceStatus::Skipped))
        .min_by_key(|i| i.starts_at()))
}
