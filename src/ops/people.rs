//! People: list, add, edit, delete, and find by id or name.

use chrono::{NaiveDateTime, NaiveTime, Weekday};
use serde::Serialize;

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use super::ritual_carry;
use super::rituals::has_met;
use crate::domain::Invalid;
use crate::domain::one_on_one::{CadenceState, cadence_state};
use crate::domain::org;
use crate::domain::person::{Person, PersonDraft, PersonFields};
use crate::domain::ritual::{Ritual, RitualFields};
use crate::domain::terminal_safe::terminal_safe;
use crate::schedule::agenda::{next_meeting_of, typical_gap};
use crate::schedule::recurrence::{Recurrence, describe};
use crate::store::{Store, actions, notes, occurrences, people, person_delete, rituals, topics};
use std::collections::HashMap;

pub const DEFAULT_ONE_ON_ONE_MIN: u32 = 30;

/// The regular 1:1 a person should have: a rule, its first meeting, and its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOnOnePlan {
    pub rrule: String,
    pub start: NaiveDateTime,
    pub duration_min: u32,
}

/// A person as the user typed them, with the 1:1 cadence to keep (None: no regular 1:1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonInput {
    pub draft: PersonDraft,
    pub one_on_one: Option<OneOnOnePlan>,
}

/// What the person form edits: the person and their current 1:1 series, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub person: Person,
    pub one_on_one: Option<Ritual>,
}

impl From<&PersonOverview> for PersonRecord {
    fn from(p: &PersonOverview) -> Self {
        PersonRecord {
            person: p.person.clone(),
            one_on_one: p.one_on_one.clone(),
        }
    }
}

/// The person and their current series as they are now (inside the caller's transaction).
fn person_record(conn: &rusqlite::Connection, id: i64) -> Result<PersonRecord, OpsError> {
    let person = people::get(conn, id)?
        .ok_or_else(|| OpsError::NotFound(format!("no person with id {id}")))?;
    let one_on_one = current_series(&rituals::one_on_ones(conn)?, id);
    Ok(PersonRecord { person, one_on_one })
}

/// A person's current 1:1 series: the newest that repeats (older ones ended when the cadence
/// changed), else the newest. A one-off 1:1 booked beside the rhythm never replaces it.
fn current_series(series: &[Ritual], person: i64) -> Option<Ritual> {
    let theirs = || series.iter().filter(|r| r.fields.person_id == Some(person));
    theirs()
        .rfind(|r| r.fields.rrule.is_some())
        .or_else(|| theirs().next_back())
        .cloned()
}

/// The person's repeating 1:1 series still meeting after `now`, other than `except`.
pub(super) fn running_series(
    series: &[Ritual],
    person: i64,
    except: Option<i64>,
    now: NaiveDateTime,
) -> Vec<Ritual> {
    series
        .iter()
        .filter(|r| r.fields.person_id == Some(person) && Some(r.id) != except)
        .filter(|r| r.fields.rrule.is_some())
        // A series a change replaced is its successor's past, not a rhythm beside it (it may
        // still end in a 1:1 held early this morning).
        .filter(|r| !series.iter().any(|s| s.previous_id == Some(r.id)))
        .filter(|r| {
            Recurrence::of(&r.fields)
                .is_ok_and(|rec| rec.next_after(now - chrono::Duration::seconds(1)).is_some())
        })
        .cloned()
        .collect()
}

/// A person with what the lists show beside them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonOverview {
    #[serde(flatten)]
    pub person: Person,
    /// The current 1:1 series, if any.
    #[serde(skip)]
    pub one_on_one: Option<Ritual>,
    /// The 1:1 cadence in words, e.g. "every 2 weeks on Tuesday at 10:00".
    pub cadence: Option<String>,
    pub cadence_rrule: Option<String>,
    /// "HH:MM" of the 1:1.
    pub at: Option<String>,
    /// The name of the person they report to (None: they report to me).
    pub manager: Option<String>,
    pub stats: PersonStats,
    /// When their delete began or last ran a slice, while it is under way (or was cut short
    /// and waits for `d` or `person delete` to finish it): `YYYY-MM-DDTHH:MM:SS`. Nothing can
    /// be added for them or changed meanwhile.
    pub deleting: Option<String>,
}

/// How a person's 1:1s are going, for the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PersonStats {
    /// The latest 1:1 held (or note written).
    pub last: Option<NaiveDateTime>,
    pub next: Option<NaiveDateTime>,
    pub days_since: Option<i64>,
    /// The usual days between 1:1s.
    pub cadence_days: Option<i64>,
    pub state: Option<CadenceState>,
    pub open_mine: u32,
    pub open_theirs: u32,
    pub topics: u32,
}

impl PersonOverview {
    fn new(person: Person, one_on_one: Option<Ritual>) -> Self {
        let cadence = one_on_one.as_ref().map(|r| {
            format!(
                "{} at {}",
                describe(r.fields.rrule.as_deref(), r.fields.dtstart),
                r.fields.dtstart.format("%H:%M")
            )
        });
        PersonOverview {
            cadence_rrule: one_on_one.as_ref().and_then(|r| r.fields.rrule.clone()),
            at: one_on_one
                .as_ref()
                .map(|r| r.fields.dtstart.format("%H:%M").to_string()),
            cadence,
            one_on_one,
            person,
            manager: None,
            stats: PersonStats::default(),
            deleting: None,
        }
    }
}

/// Fills in each person's 1:1 statistics as of `now`.
fn add_stats(
    store: &Store,
    list: &mut [PersonOverview],
    now: NaiveDateTime,
) -> Result<(), OpsError> {
    let conn = store.conn();
    let held: HashMap<i64, NaiveDateTime> = occurrences::last_held_one_on_ones(conn)?
        .into_iter()
        .collect();
    let noted: HashMap<i64, NaiveDateTime> = notes::latest_dates(conn)?
        .into_iter()
        .map(|(p, d)| (p, d.and_time(NaiveTime::MIN)))
        .collect();
    let open: HashMap<i64, (u32, u32)> = actions::open_counts(conn)?
        .into_iter()
        .map(|(p, m, t)| (p, (m, t)))
        .collect();
    let queued: HashMap<i64, u32> = topics::queued_counts(conn)?.into_iter().collect();
    let upcoming = occurrences::upcoming(conn, now)?;
    let names: HashMap<i64, String> = people::names(conn)?;
    let series = rituals::one_on_ones(conn)?;
    for row in list {
        let id = row.person.id;
        row.manager = row.person.reports_to.and_then(|m| names.get(&m).cloned());
        // Two rhythms at once (from an import, or an older version): both are said.
        let current = row.one_on_one.as_ref().map(|r| r.id);
        let others = running_series(&series, id, current, now).len();
        if others > 0
            && let Some(cadence) = &mut row.cadence
        {
            let more = if others == 1 {
                "1 more series".to_string()
            } else {
                format!("{others} more series")
            };
            cadence.push_str(&format!(" + {more}"));
        }
        // A 1:1 marked held took place, even when written up before its hour (it happened
        // early): it counts as now. A note dated ahead does not count.
        let last = held
            .get(&id)
            .map(|t| (*t).min(now))
            .max(noted.get(&id).copied().filter(|t| *t <= now));
        let rec = row
            .one_on_one
            .as_ref()
            .and_then(|r| Recurrence::of(&r.fields).ok());
        let gap = rec
            .as_ref()
            .and_then(|r| typical_gap(r, now))
            .map(|g| g.num_days());
        let days_since = last.map(|t| (now.date() - t.date()).num_days());
        let (open_mine, open_theirs) = open.get(&id).copied().unwrap_or_default();
        row.stats = PersonStats {
            last,
            next: rec
                .as_ref()
                .zip(row.one_on_one.as_ref())
                .and_then(|(rec, series)| next_meeting_of(rec, series.id, &upcoming, now)),
            days_since,
            cadence_days: gap,
            state: match (days_since, gap) {
                (Some(days), Some(gap)) => Some(cadence_state(days, gap)),
                _ => None,
            },
            open_mine,
            open_theirs,
            topics: queued.get(&id).copied().unwrap_or(0),
        };
    }
    Ok(())
}

pub fn list_people(store: &Store, now: NaiveDateTime) -> Result<Vec<PersonOverview>, OpsError> {
    let people = people::list(store.conn())?;
    let series = rituals::one_on_ones(store.conn())?;
    let mut list: Vec<PersonOverview> = people
        .into_iter()
        .map(|p| {
            let current = current_series(&series, p.id);
            PersonOverview::new(p, current)
        })
        .collect();
    for (id, since) in person_delete::marked(store.conn())? {
        if let Some(p) = list.iter_mut().find(|p| p.person.id == id) {
            p.deleting = Some(since);
        }
    }
    add_stats(store, &mut list, now)?;
    Ok(list)
}

/// One person with their current 1:1 series (no statistics: cheap).
pub fn get_person(store: &Store, id: i64) -> Result<PersonOverview, OpsError> {
    let record = person_record(store.conn(), id)?;
    let mut person = PersonOverview::new(record.person, record.one_on_one);
    person.deleting = person_delete::deleting_since(store.conn(), id)?.flatten();
    Ok(person)
}

/// One person as the list shows them, with statistics as of `now`.
pub fn person_overview(
    store: &Store,
    id: i64,
    now: NaiveDateTime,
) -> Result<PersonOverview, OpsError> {
    let mut one = [get_person(store, id)?];
    add_stats(store, &mut one, now)?;
    let [person] = one;
    Ok(person)
}

/// The org tree: my direct reports and everyone below them, then the people outside my org.
pub fn org_tree(store: &Store) -> Result<(Vec<org::OrgNode>, Vec<org::OrgNode>), OpsError> {
    Ok(org::tree(&people::list(store.conn())?))
}

/// Finds a person by id or by name, ignoring case; a unique partial name also matches.
pub fn resolve_person(store: &Store, query: &str) -> Result<Person, OpsError> {
    use super::objects::{Object, person::Person as PersonObject};
    let id = PersonObject::find(store, query)?;
    people::get(store.conn(), id)?
        .ok_or_else(|| OpsError::NotFound(format!("no person with id {id}")))
}

fn check_unique_name(store: &Store, name: &str, own_id: Option<i64>) -> Result<(), OpsError> {
    match people::find_by_name(store.conn(), name)? {
        Some(other) if Some(other.id) != own_id => Err(Invalid::field(
            "name",
            format!(
                "{} is already in your people (id {}); use another name",
                other.name, other.id
            ),
        )
        .into()),
        _ => Ok(()),
    }
}

/// A manager must be someone in the list, and not below the person (that would make a loop,
/// named in the message).
fn check_manager(
    conn: &rusqlite::Connection,
    id: Option<i64>,
    manager: Option<i64>,
) -> Result<(), OpsError> {
    let Some(manager) = manager else {
        return Ok(());
    };
    let all = people::list(conn)?;
    let name = |id: i64| {
        all.iter().find(|p| p.id == id).map_or_else(
            || format!("person {id}"),
            |p| terminal_safe(&p.name).into_owned(),
        )
    };
    if !all.iter().any(|p| p.id == manager) {
        return Err(Invalid::field(
            "reports_to",
            format!("there is no person {manager} to report to (see `bearing person list`)"),
        )
        .into());
    }
    let Some(id) = id else {
        return Ok(());
    };
    match org::loop_through(&all, id, Some(manager)) {
        Some(chain) if chain.len() <= 2 => Err(Invalid::field(
            "reports_to",
            format!("{} cannot report to themselves", name(id)),
        )
        .into()),
        Some(chain) => {
            let names: Vec<String> = chain.iter().map(|&id| name(id)).collect();
            Err(Invalid::field(
                "reports_to",
                format!(
                    "{} cannot report to {}: that makes a loop ({}); choose someone above them",
                    names[0],
                    names[1],
                    names.join(" → ")
                ),
            )
            .into())
        }
        None => Ok(()),
    }
}

/// `text` with each whole-word `old` (not inside a longer name: "Al" in "Alice" stays) made
/// `new`: a person's new name in their series' name and attendees.
fn swap_name(text: &str, old: &str, new: &str) -> String {
    if old.is_empty() {
        return text.to_string();
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(old) {
        let before = rest[..at].chars().last().or_else(|| out.chars().last());
        let after = rest[at + old.len()..].chars().next();
        out.push_str(&rest[..at]);
        if word(before) || word(after) {
            out.push_str(old);
        } else {
            out.push_str(new);
        }
        rest = &rest[at + old.len()..];
    }
    out.push_str(rest);
    out
}

fn one_on_one_fields(
    plan: &OneOnOnePlan,
    person_id: i64,
    name: &str,
    week_start: Weekday,
) -> Result<RitualFields, OpsError> {
    Recurrence::new(Some(&plan.rrule), plan.start, week_start)
        .map_err(|e| Invalid::field("cadence", e.to_string()))?;
    Ok(RitualFields {
        name: crate::domain::text::fit_line(&format!("1:1 {name}")),
        rrule: Some(plan.rrule.clone()),
        dtstart: plan.start,
        duration_min: plan.duration_min,
        week_start,
        person_id: Some(person_id),
        attendees: name.to_string(),
        agenda: String::new(),
        prep_min: 5,
        location: String::new(),
    }
    .check()?)
}

pub fn add_person(
    store: &mut Store,
    input: PersonInput,
    week_start: Weekday,
    now: NaiveDateTime,
) -> Result<Person, OpsError> {
    let fields = input.draft.validate()?;
    check_unique_name(store, &fields.name, None)?;
    if let Some(plan) = &input.one_on_one {
        // Checked before anything is written so a bad rule saves nothing.
        one_on_one_fields(plan, 0, &fields.name, week_start)?;
    }
    let id = store.write(|tx| -> Result<i64, OpsError> {
        check_manager(tx, None, fields.reports_to)?;
        let id = people::insert(tx, &fields, now)?;
        if let Some(plan) = &input.one_on_one {
            let ritual = one_on_one_fields(plan, id, &fields.name, week_start)?;
            rituals::insert(tx, &ritual, None, now)?;
        }
        Ok(id)
    })?;
    people::get(store.conn(), id)?
        .ok_or_else(|| OpsError::NotFound(format!("person {id} vanished after saving")))
}

/// Saves edits. A changed 1:1 cadence ends the old series before `now` (keeping its history)
/// and starts a new one, which ends when the old one would have (`series_end`). With `opened` (the person and series the edit form showed) it is
/// refused when either changed since; values equal to the stored ones write nothing.
pub fn update_person(
    store: &mut Store,
    id: i64,
    input: PersonInput,
    opened: Option<&PersonRecord>,
    week_start: Weekday,
    now: NaiveDateTime,
) -> Result<Edited<Person>, OpsError> {
    // Its undo would have to choose between the edit and the delete.
    super::person_delete::refuse_if_deleting(store.conn(), id)?;
    let fields = input.draft.validate()?;
    check_unique_name(store, &fields.name, Some(id))?;
    let mut new_series = match &input.one_on_one {
        Some(plan) => Some(one_on_one_fields(plan, id, &fields.name, week_start)?),
        None => None,
    };
    let changed = store.write(|tx| -> Result<bool, OpsError> {
        // Again in the write: a delete may have begun since the check above.
        super::person_delete::refuse_if_deleting(tx, id)?;
        let before = person_record(tx, id)?;
        ensure_as_opened(|| format!("person {id}"), &before, opened)?;
        if fields.reports_to != before.person.reports_to {
            check_manager(tx, Some(id), fields.reports_to)?;
        }
        let old = before.one_on_one.as_ref();
        let same_schedule = match (old, &new_series) {
            (Some(old), Some(new)) => {
                old.fields.rrule == new.rrule
                    && old.fields.dtstart == new.dtstart
                    && old.fields.duration_min == new.duration_min
            }
            (None, None) => true,
            _ => false,
        };
        let renamed = fields.name != before.person.name;
        // A new cadence, hour or length changes only that: what the series was given (`ritual
        // edit`) goes on with it. A new name takes the old one's place in the series' name and
        // attendees; a name of its own and the others invited stay.
        if let (Some(old), Some(new)) = (old, &mut new_series) {
            new.agenda.clone_from(&old.fields.agenda);
            new.prep_min = old.fields.prep_min;
            new.location.clone_from(&old.fields.location);
            let swap = |text: &str| swap_name(text, &before.person.name, &fields.name);
            new.name = crate::domain::text::fit_line(&swap(&old.fields.name));
            new.attendees = swap(&old.fields.attendees);
        }
        if same_schedule && !renamed && PersonFields::from(&before.person) == fields {
            return Ok(false);
        }
        people::update(tx, id, &fields, now)?;
        if renamed {
            crate::store::risks::rename_owner(tx, id, &fields.name)?;
        }
        if same_schedule {
            if let (Some(old), Some(new)) = (old, &new_series)
                && renamed
                && (old.fields.name != new.name || old.fields.attendees != new.attendees)
            {
                let mut series = old.fields.clone();
                series.name = new.name.clone();
                series.attendees = new.attendees.clone();
                rituals::update(tx, old.id, &series, now)?;
            }
            return Ok(true);
        }
        // A 1:1 held stays as it was, with the old series, even one written up before its hour;
        // the new cadence starts on a later day than the last one held (it moved a 1:1 held
        // early this morning to the new hour, or met a second time the same day).
        let held = match old {
            Some(old) => super::rituals::last_held(tx, old.id, now.date())?,
            None => None,
        };
        let cut = held.map_or(now, |h| (h + chrono::Duration::seconds(1)).max(now));
        // The end `ritual end` gave the old series stays, whatever else changed.
        if let (Some(old), Some(new)) = (old, &mut new_series) {
            super::series_end::keep_end(&old.fields, new, cut, "cadence")?;
        }
        if let (Some(h), Some(new)) = (held, &mut new_series)
            && new.dtstart.date() <= h.date()
        {
            let rec = Recurrence::of(new).map_err(|e| Invalid::field("cadence", e.to_string()))?;
            if let Some(next) = rec.next_after(
                h.date().and_time(NaiveTime::MIN) + chrono::Duration::days(1)
                    - chrono::Duration::seconds(1),
            ) {
                new.dtstart = next;
            }
        }
        // What the old series' coming 1:1s carry (a skip, a move, notes) follows them to the new
        // cadence's 1:1 on the same day; nothing is saved if one would be left behind.
        let carry = match (old, &new_series) {
            (Some(old), Some(new)) => {
                let upcoming: Vec<_> = occurrences::for_ritual(tx, old.id)?
                    .into_iter()
                    .filter(|r| r.original_start >= cut)
                    .collect();
                let rec =
                    Recurrence::of(new).map_err(|e| Invalid::field("cadence", e.to_string()))?;
                let carry = ritual_carry::plan(&upcoming, old.fields.rrule.is_none(), &rec);
                carry.ensure_nothing_stranded(&new.name)?;
                Some(carry)
            }
            _ => None,
        };
        if let Some(new) = &new_series {
            // A series that had not started yet is removed below, not ended: nothing follows it.
            let previous = old.filter(|o| has_met(o, cut)).map(|o| o.id);
            let new_id = rituals::insert(tx, new, previous, now)?;
            if let Some(carry) = &carry {
                carry.apply(tx, new_id)?;
            }
        }
        if let Some(old) = old {
            end_series_before(tx, old, cut, now)?;
        }
        Ok(true)
    })?;
    let person = people::get(store.conn(), id)?
        .ok_or_else(|| OpsError::NotFound(format!("no person with id {id}")))?;
    Ok(Edited {
        value: person,
        changed,
    })
}

/// Ends a series so that nothing from `now` on is generated, or removes it outright if it had not
/// started yet (there is no history to keep). True when it removed it.
fn end_series_before(
    tx: &rusqlite::Transaction<'_>,
    old: &Ritual,
    cut: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<bool, OpsError> {
    // By its first meeting, not DTSTART: a Thursday 1:1 added on a Tuesday and changed on the
    // Wednesday had no meeting to end on, and stayed beside the new cadence.
    if !has_met(old, cut) {
        rituals::delete(tx, old.id)?;
        return Ok(true);
    }
    // A stored rule Bearing no longer accepts (saved by an older version) cannot be cut short;
    // the series stays as it is, off the agenda, and the new cadence replaces it there.
    let Ok(recurrence) = Recurrence::of(&old.fields) else {
        return Ok(false);
    };
    if let Some(ended) = recurrence.rule_ending_before(cut) {
        let mut fields = old.fields.clone();
        fields.rrule = Some(ended);
        rituals::update(tx, old.id, &fields, now)?;
    }
    Ok(false)
}

pub use super::person_delete::delete_person;

/// The first 1:1 on or after `now`'s date for a cadence anchored on a time of day: today at that
/// time if it has not passed, else tomorrow; the rule's BYDAY then picks the real first day.
pub fn first_meeting(now: NaiveDateTime, at: NaiveTime) -> NaiveDateTime {
    let today = now.date().and_time(at);
    if today >= now {
        today
    } else {
        today + chrono::Duration::days(1)
    }
}

#[cfg(test)]
mod swap_tests {
    use super::swap_name;

    #[test]
    fn a_new_name_takes_the_old_ones_place_as_a_whole_word_only() {
        for (text, old, new, swapped) in [
            ("1:1 Rosa", "Rosa", "Rosie", "1:1 Rosie"),
            ("Rosa, Sam", "Rosa", "Rosie", "Rosie, Sam"),
            ("Rosa weekly with Rosa", "Rosa", "R", "R weekly with R"),
            ("Alice, Al", "Al", "Albert", "Alice, Albert"),
            ("Sam", "Rosa", "Rosie", "Sam"),
            ("Zoë 李, Sam", "Zoë 李", "Zoë Li", "Zoë Li, Sam"),
            ("", "Rosa", "Rosie", ""),
        ] {
            assert_eq!(swap_name(text, old, new), swapped, "{text}");
        }
    }
}
