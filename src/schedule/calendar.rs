//! Turning stored VEVENTs into the happenings the agenda shows, when it shows them: a series'
//! instances are DTSTART, every RRULE's (through `Recurrence`, like rituals) and every RDATE,
//! less its EXDATEs; RECURRENCE-ID overrides take the place of the instance they replace,
//! cancelled ones are dropped, and every time is converted to local time (`calendar_frame`).
//! That is how the calendar programs people compare with show them (recurring_ical_events,
//! ical.js, khal): DTSTART counts even where the rule does not match it, and an override whose
//! series is not in the file is that one instance, not a series of its own. Pure: the window and
//! the local zone are parameters.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::calendar_frame::{Frame, Shape, in_frame, rule_in_frame, to_local};
pub use super::calendar_limits::{IMPORT_LIMITS, Limits, TooLarge};
use super::recurrence::{Recurrence, RecurrenceError};
use crate::domain::calendar::{
    CalendarEntry, CalendarEvent, CalendarEventFields, EventSpan, IcsEvent, IcsTime, ImportSummary,
    RefusedEvent, event_label,
};

fn overlaps(span: &EventSpan, from: NaiveDate, to: NaiveDate) -> bool {
    span.first_day() < to && span.last_day() >= from
}

/// What `expand` made of a calendar: the happenings in the window, and the counts for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expansion {
    pub events: Vec<CalendarEvent>,
    pub summary: ImportSummary,
}

/// The days the frame's wall clock can reach from one day of the agenda's (zones differ by at
/// most 26 hours), and more than a series' own frame needs to find an instance shown on it.
const MARGIN: Duration = Duration::days(2);

/// Every happening of `entries` that touches the local days `[from, to)`, in local time. A
/// series whose rule repeats beyond `rule_limits` is left out and listed in `summary.refused`;
/// a calendar that expands beyond `limits` is refused whole. Overrides belong to the series of
/// the same source and UID.
pub fn expand<L: TimeZone>(
    entries: &[CalendarEntry],
    from: NaiveDate,
    to: NaiveDate,
    local: &L,
    limits: Limits,
) -> Result<Expansion, TooLarge> {
    let mut overrides: HashMap<Key<'_>, Vec<&CalendarEntry>> = HashMap::new();
    let mut masters: Vec<&CalendarEntry> = Vec::new();
    for e in entries {
        match e.event.recurrence_id {
            Some(_) => overrides.entry(key(e)).or_default().push(e),
            None => masters.push(e),
        }
    }
    let master_keys: BTreeSet<Key<'_>> = masters.iter().map(|m| key(m)).collect();
    // An override whose series is missing is that one instance, shown as an event of its own.
    let orphans = entries
        .iter()
        .filter(|e| e.event.recurrence_id.is_some() && !master_keys.contains(&key(e)));

    let mut out = Expansion::default();
    let mut unknown = BTreeSet::new();
    let mut steps_left = limits.steps;
    let mut largest = (String::new(), 0);
    // A UID used by two series: the overrides go with the first.
    let mut claimed: BTreeSet<Key<'_>> = BTreeSet::new();
    for entry in masters.iter().copied().chain(orphans) {
        let master = &entry.event;
        if master.cancelled {
            continue;
        }
        let own_overrides = match master.recurrence_id {
            None if claimed.insert(key(entry)) => {
                overrides.get(&key(entry)).cloned().unwrap_or_default()
            }
            _ => Vec::new(),
        };
        let label = || event_label(&master.title, &master.uid);
        let series = EventSeries {
            entry,
            overrides: &own_overrides,
            from,
            to,
        };
        let happenings = match series.happenings(local, &mut steps_left, &mut out.summary) {
            Ok(list) => list,
            Err(Stop::Refused(reason)) => {
                let (id, label) = (entry.id, label());
                out.summary.refused.push(RefusedEvent { id, label, reason });
                continue;
            }
            Err(Stop::OutOfSteps) => {
                let (limit, at) = (limits.steps, label());
                return Err(TooLarge::Steps { limit, at });
            }
        };
        out.summary.events += 1;
        note_zones(master, &mut out.summary, &mut unknown);
        let before = out.events.len();
        out.events.extend(
            happenings
                .into_iter()
                .filter(|h| overlaps(&h.fields.span, from, to)),
        );
        let count = out.events.len() - before;
        if count > largest.1 {
            largest = (label(), count);
        }
        if out.events.len() > limits.happenings {
            let (largest, count) = largest;
            let limit = limits.happenings;
            return Err(TooLarge::Happenings {
                limit,
                from,
                to,
                largest,
                count,
            });
        }
    }
    out.summary.unknown_zones = unknown.into_iter().collect();
    // Overrides come out of a map: sort so the same rows always give the same agenda.
    out.events.sort_by(|a, b| {
        let key = |e: &CalendarEvent| (span_key(&e.fields.span), e.fields.uid.clone(), e.id);
        key(a).cmp(&key(b))
    });
    Ok(out)
}

/// Which series an override belongs to: the same source and UID.
type Key<'a> = (&'a str, &'a str);

fn key(e: &CalendarEntry) -> Key<'_> {
    (e.source.as_str(), e.event.uid.as_str())
}

/// Counts the limitations an event runs into: a zone Bearing does not know, or floating times.
fn note_zones(event: &IcsEvent, summary: &mut ImportSummary, unknown: &mut BTreeSet<String>) {
    let zones = std::iter::once(&event.start).chain(&event.end);
    let mut unknown_here = zones.filter_map(|t| match t {
        IcsTime::UnknownZone(_, name) => Some(name.clone()),
        _ => None,
    });
    if let Some(name) = unknown_here.next() {
        summary.unknown_zone_events += 1;
        summary.unknown_zone_titles.push(event.title.clone());
        unknown.insert(name);
    }
    if matches!(event.start, IcsTime::Floating(_)) {
        summary.floating.push(event.title.clone());
    }
}

fn span_key(span: &EventSpan) -> NaiveDateTime {
    match span {
        EventSpan::Timed { start, .. } => *start,
        EventSpan::AllDay { first, .. } => first.and_time(NaiveTime::MIN),
    }
}

/// Why a series gave no happenings.
enum Stop {
    /// Its rule repeats beyond `rule_limits`: the reason.
    Refused(String),
    /// The calendar's steps ran out while expanding it.
    OutOfSteps,
}

/// One event (or series, with the overrides of its instances) to expand over `[from, to)`.
struct EventSeries<'a> {
    entry: &'a CalendarEntry,
    overrides: &'a [&'a CalendarEntry],
    from: NaiveDate,
    to: NaiveDate,
}

impl EventSeries<'_> {
    /// The series' instances (or the single event), before the window filter.
    fn happenings<L: TimeZone>(
        &self,
        local: &L,
        steps_left: &mut usize,
        summary: &mut ImportSummary,
    ) -> Result<Vec<CalendarEvent>, Stop> {
        let master = &self.entry.event;
        let shape = Shape::of(master, local);
        let start = master.start.naive();
        let happening = |entry: &CalendarEntry, span, original| CalendarEvent {
            id: entry.id,
            source: entry.source.clone(),
            fields: CalendarEventFields {
                uid: entry.event.uid.clone(),
                title: entry.event.title.clone(),
                span,
                recurrence_id: original,
            },
        };
        let rules = self.rules(shape.frame, local, summary)?;
        if !master.repeats() || (rules.is_empty() && master.rdates.is_empty()) {
            let original = master
                .recurrence_id
                .as_ref()
                .map(|rid| to_local(in_frame(rid, shape.frame, local), shape.frame, local));
            return Ok(vec![happening(
                self.entry,
                shape.span(start, local),
                original,
            )]);
        }
        // Instances starting from here on can reach the window (a long all-day one too).
        let lowest = self.from - MARGIN - Duration::days(shape.length.num_days());
        let highest = self.to + MARGIN;
        let in_reach = |t: &NaiveDateTime| t.date() >= lowest && t.date() < highest;
        // Instance start → its own length, for an RDATE PERIOD.
        let mut times: BTreeMap<NaiveDateTime, Option<Duration>> = BTreeMap::new();
        times.insert(start, None);
        for rule in &rules {
            let walk = rule.walk(lowest, highest, *steps_left);
            if !walk.complete {
                return Err(Stop::OutOfSteps);
            }
            *steps_left -= walk.steps;
            for t in walk.times {
                times.entry(t).or_insert(None);
            }
        }
        for rdate in &master.rdates {
            times.insert(in_frame(&rdate.start, shape.frame, local), rdate.length);
        }
        times.retain(|t, _| in_reach(t));
        summary.recurring += 1;
        // An all-day series' instances are days. A RECURRENCE-ID or EXDATE written as a time in
        // a zone (Exchange writes midnight in its own zone) names the day it is there, as
        // recurring_ical_events reads it, not the day that instant falls on here.
        let in_series = |x: &IcsTime| match x {
            IcsTime::Zoned(..) | IcsTime::Offset(..) if shape.all_day => {
                x.naive().date().and_time(NaiveTime::MIN)
            }
            x => in_frame(x, shape.frame, local),
        };
        let excluded = |t: &NaiveDateTime| {
            master.exdates.iter().any(|x| match x {
                // A date excludes that day's instance, also of a timed series (as ical.js and
                // recurring_ical_events read it).
                IcsTime::Date(d) => t.date() == *d,
                x => in_series(x) == *t,
            })
        };
        let replaced: HashMap<NaiveDateTime, &CalendarEntry> = self
            .overrides
            .iter()
            .filter_map(|o| {
                let rid = o.event.recurrence_id.as_ref()?;
                Some((in_series(rid), *o))
            })
            .collect();
        let identity = |t: NaiveDateTime| (!shape.all_day).then(|| to_local(t, shape.frame, local));
        let mut out = Vec::new();
        for (t, length) in times {
            if excluded(&t) || replaced.contains_key(&t) {
                continue;
            }
            let span = shape.span_of(t, length.unwrap_or(shape.length), local);
            out.push(happening(self.entry, span, identity(t)));
        }
        for (original, o) in replaced {
            if o.event.cancelled || excluded(&original) {
                continue;
            }
            let own = Shape::of(&o.event, local);
            let span = own.span(o.event.start.naive(), local);
            out.push(happening(o, span, identity(original)));
        }
        Ok(out)
    }

    /// The series' rules as recurrences in its frame. A rule Bearing cannot read is left out and
    /// named in the summary; one that repeats beyond `rule_limits` refuses the series.
    fn rules<L: TimeZone>(
        &self,
        frame: Frame,
        local: &L,
        summary: &mut ImportSummary,
    ) -> Result<Vec<Recurrence>, Stop> {
        let master = &self.entry.event;
        if master.recurrence_id.is_some() {
            return Ok(Vec::new());
        }
        let mut rules = Vec::new();
        for rule in &master.rrules {
            let rule = rule_in_frame(rule, frame, local);
            match Recurrence::new(Some(&rule), master.start.naive(), Weekday::Mon) {
                Ok(recurrence) => rules.push(recurrence),
                Err(RecurrenceError::OverLimit { reason, .. }) => {
                    return Err(Stop::Refused(reason));
                }
                Err(RecurrenceError::Invalid(_)) => {
                    if !summary.unexpanded.contains(&master.title) {
                        summary.unexpanded.push(master.title.clone());
                    }
                }
            }
        }
        Ok(rules)
    }
}

/// The days (of the event's own clock) on which a stored event can have a happening: from its
/// first to its last, or with no end for a series with a rule that runs without UNTIL. The
/// store keeps them to load only what a range of the agenda can show; callers widen a range by
/// `MARGIN` for the clocks' differences.
pub fn days_reached(event: &IcsEvent) -> (NaiveDate, Option<NaiveDate>) {
    let starts = std::iter::once(&event.start)
        .chain(event.rdates.iter().map(|r| &r.start))
        .chain(&event.recurrence_id)
        .map(IcsTime::naive);
    let first = starts.clone().min().unwrap_or(event.start.naive()).date();
    let open_ended = event.repeats()
        && event.rrules.iter().any(|rule| {
            !rule
                .split(';')
                .any(|part| part.trim().to_ascii_uppercase().starts_with("UNTIL="))
        });
    if open_ended {
        return (first, None);
    }
    let untils = event.rrules.iter().filter_map(|rule| {
        let until = rule.split(';').find_map(|part| {
            let part = part.trim().to_ascii_uppercase();
            part.strip_prefix("UNTIL=").map(str::to_string)
        })?;
        NaiveDate::parse_from_str(until.get(..8)?, "%Y%m%d").ok()
    });
    let last_start = starts
        .map(|t| t.date())
        .chain(untils)
        .max()
        .unwrap_or(first);
    let longest = event
        .rdates
        .iter()
        .filter_map(|r| r.length)
        .chain(event.duration)
        .chain(
            event
                .end
                .as_ref()
                .map(|end| end.naive() - event.start.naive()),
        )
        .max()
        .unwrap_or_default()
        .clamp(Duration::zero(), super::calendar_frame::LONGEST_EVENT);
    let last = last_start
        .checked_add_signed(Duration::days(longest.num_days() + 1))
        .unwrap_or(NaiveDate::MAX);
    (first, Some(last))
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
