//! The agenda for a range of days and its radar, assembled from every pane's dated items.

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone};
use serde::Serialize;
use std::collections::HashMap;

use super::OpsError;
use crate::domain::agenda::{AgendaItem, ItemKind, RadarItem, RadarKind, days_word};
use crate::domain::calendar::CalendarEvent;
use crate::domain::plan::{GoalStatus, is_behind};
use crate::domain::ritual::OccurrenceStatus;
use crate::schedule::agenda::{
    Series, calendar_items, calendar_starts, mark_conflicts, meetings, one_on_one_overdue, sort,
};
use crate::schedule::calendar::{IMPORT_LIMITS, expand};
use crate::store::agenda::{self as due, DatedRow};
use crate::store::{Reading, Store, calendar, occurrences, people, rituals};

/// How far ahead `next` looks for the next meeting.
const NEXT_HORIZON_DAYS: i64 = 14;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub from: NaiveDate,
    pub days: u32,
    pub items: Vec<AgendaItem>,
    pub radar: Vec<RadarItem>,
}

/// The cockpit's start: the moment it starts at (to the minute), and its radar for that moment,
/// read on a second connection while the store opened ([`Store::open_reading`]; none when it
/// could not be, and then the cockpit reads it on the store).
pub struct Start {
    pub now: NaiveDateTime,
    pub radar: RadarReading,
}

/// The radar, read on a connection of its own ([`Store::open_reading`]).
pub type RadarReading = Reading<Result<Vec<RadarItem>, OpsError>>;

impl Start {
    /// Opens the cockpit's store, reading the radar for `now` beside it.
    pub fn open(
        path: &std::path::Path,
        now: NaiveDateTime,
        lead_days: u32,
        skip_level_weeks: u32,
    ) -> Result<(Store, Start), crate::store::StoreError> {
        let now = crate::clock::minute(now);
        let (store, radar) = Store::open_reading(path, move |store| {
            radar(store, now, lead_days, skip_level_weeks)
        })?;
        Ok((store, Start { now, radar }))
    }

    /// A start at `now` with nothing read ahead.
    pub fn at(now: NaiveDateTime) -> Start {
        Start {
            now: crate::clock::minute(now),
            radar: Reading::none(),
        }
    }
}

fn names(store: &Store) -> Result<HashMap<i64, String>, OpsError> {
    Ok(people::names(store.conn())?)
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
        conflict: false,
        lasts_until: None,
    })
}

/// Everything dated in `days` days from `from`, with the radar as of `now` (warning of what is
/// due within `lead_days`; skip-levels overdue after `skip_level_weeks`).
pub fn agenda(
    store: &Store,
    from: NaiveDate,
    days: u32,
    now: NaiveDateTime,
    lead_days: u32,
    skip_level_weeks: u32,
) -> Result<Agenda, OpsError> {
    let mut agenda = week(store, from, days)?;
    agenda.radar = radar(store, now, lead_days, skip_level_weeks)?;
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
    items.extend(super::scorecard::due_items(store, from, to)?);
    sort(&mut items);
    mark_conflicts(&mut items);
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
                    conflict: false,
                    lasts_until: None,
                    title: g.fields.title,
                })
            })
            .collect(),
    )
}

pub use crate::domain::agenda::RADAR_LEAD_DAYS;

/// What needs attention as of `now`: what is late, kind by kind (actions, risks whose
/// acceptance ran out, reviews, goals behind, lapsed 1:1s), then what is due within `lead_days`
/// (today included), soonest first. Each risk appears once: an expired acceptance says more
/// than a late review.
pub fn radar(
    store: &Store,
    now: NaiveDateTime,
    lead_days: u32,
    skip_level_weeks: u32,
) -> Result<Vec<RadarItem>, OpsError> {
    let names = names(store)?;
    let today = now.date();
    let conn = store.conn();
    let days = |date: NaiveDate| (today - date).num_days();
    let mut radar = Vec::new();
    for row in due::actions_overdue(conn, today)? {
        radar.push(action_item(row, RadarKind::OverdueAction, today, &names));
    }
    let expired = due::acceptances_expired(conn, today)?;
    let expired_ids: std::collections::HashSet<i64> = expired.iter().map(|r| r.id).collect();
    for row in expired {
        radar.push(risk_item(row, RadarKind::AcceptanceExpired, today));
    }
    for row in due::reviews_overdue(conn, today)? {
        if !expired_ids.contains(&row.id) {
            radar.push(risk_item(row, RadarKind::OverdueReview, today));
        }
    }
    for goal in due::open_goals(conn)? {
        if is_behind(goal.plan_start, goal.phase, goal.due, goal.progress, today) {
            let date = goal.due.unwrap_or_else(|| {
                crate::domain::plan::phase_window(goal.plan_start, goal.phase).1 - Duration::days(1)
            });
            radar.push(RadarItem {
                kind: RadarKind::GoalBehind,
                title: goal.title,
                detail: format!("{}% done", goal.progress),
                id: goal.id,
                person_id: goal.person_id,
                date,
                days: days(date),
            });
        }
    }
    radar.extend(super::scorecard::radar_items(store, today)?);
    radar.extend(lapsed_one_on_ones(store, now, &names)?);
    for d in super::decisions::pending(store, today, super::objects::decision::PENDING_DAYS)? {
        radar.push(RadarItem {
            kind: RadarKind::DecisionPending,
            title: d.fields.title,
            detail: format!("decision {}", d.id),
            id: d.id,
            person_id: None,
            date: d.fields.date,
            days: days(d.fields.date),
        });
    }
    radar.extend(super::org::skip_levels_overdue(
        store,
        now,
        skip_level_weeks,
    )?);
    // Warnings ahead: due today up to `lead_days` from now, soonest first.
    let horizon = today + Duration::days(i64::from(lead_days) + 1);
    let mut ahead: Vec<RadarItem> = due::actions_due(conn, today, horizon)?
        .into_iter()
        .filter(|row| !row.done)
        .map(|row| action_item(row, RadarKind::ActionDueSoon, today, &names))
        .chain(
            due::reviews_due(conn, today, horizon)?
                .into_iter()
                .filter(|row| !expired_ids.contains(&row.id))
                .map(|row| risk_item(row, RadarKind::ReviewDueSoon, today)),
        )
        .collect();
    ahead.sort_by_key(|a| (a.date, a.kind, a.id));
    radar.extend(ahead);
    Ok(radar)
}

fn action_item(
    row: DatedRow,
    kind: RadarKind,
    today: NaiveDate,
    names: &HashMap<i64, String>,
) -> RadarItem {
    let who = row.person_id.and_then(|id| names.get(&id));
    let detail = match (row.tag.as_str(), who) {
        ("them", Some(name)) => format!("{name} owes it"),
        (_, Some(name)) => format!("yours, for {name}"),
        _ => "yours".to_string(),
    };
    RadarItem {
        kind,
        title: row.title,
        detail,
        id: row.id,
        person_id: row.person_id,
        date: row.date,
        days: (today - row.date).num_days(),
    }
}

fn risk_item(row: DatedRow, kind: RadarKind, today: NaiveDate) -> RadarItem {
    RadarItem {
        kind,
        title: row.title,
        detail: format!("{} risk", row.tag),
        id: row.id,
        person_id: None,
        date: row.date,
        days: (today - row.date).num_days(),
    }
}

/// People whose last 1:1 is older than twice their cadence, the longest gap first.
fn lapsed_one_on_ones(
    store: &Store,
    now: NaiveDateTime,
    names: &HashMap<i64, String>,
) -> Result<Vec<RadarItem>, OpsError> {
    let conn = store.conn();
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
            let held = last_held.get(person).copied();
            one_on_one_overdue(&s.recurrence, s.ritual.fields.dtstart, held, now)?;
            let since = held.unwrap_or(s.ritual.fields.dtstart).date();
            // Calendar days, like every other radar item (not whole 24-hour spans).
            let days = (now.date() - since).num_days();
            Some(RadarItem {
                kind: RadarKind::OneOnOneOverdue,
                detail: match held {
                    Some(_) => format!("last 1:1 {} ago", days_word(days)),
                    None => "no 1:1 recorded yet".to_string(),
                },
                title: s.person.clone().unwrap_or_default(),
                id: *person,
                person_id: Some(*person),
                date: since,
                days,
            })
        })
        .collect();
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then(a.title.cmp(&b.title)));
    Ok(overdue)
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
            calendar_starts(&events, from, to)
                .into_iter()
                .filter(|i| i.start.is_some()),
        );
        sort(&mut items);
    }
    Ok(items)
}

/// The next meeting that has not started yet (skipped ones do not count, nor held ones: a 1:1
/// written up before its hour took place early); with `with_calendars` an imported calendar's
/// event counts too.
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
        .filter(|i| i.starts_at() >= now && i.status.is_none_or(OccurrenceStatus::is_to_come))
        .min_by_key(|i| i.starts_at()))
}
