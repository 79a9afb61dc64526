//! Turning imported VEVENTs into the happenings the agenda shows: series expanded by their RRULE
//! (through `Recurrence`, like rituals), EXDATEs removed, RECURRENCE-ID overrides put in place of
//! the instance they replace, cancelled ones dropped, and every time converted to local time.
//!
//! A series is expanded in its own zone's wall-clock time, so a 09:00 New York meeting stays at
//! 09:00 in New York across daylight-saving changes, and only then converted to `local`, where
//! it may move when the two zones change on different dates. Pure: the window and the local zone
//! are parameters.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use std::collections::{BTreeSet, HashMap};

pub use super::calendar_limits::{IMPORT_LIMITS, Limits, TooLarge};
use super::recurrence::{Recurrence, RecurrenceError};
use super::wall_clock::{as_shown, instant};
use crate::domain::calendar::{
    CalendarEventFields, EventSpan, IcsEvent, IcsTime, ImportSummary, RefusedEvent, event_label,
};

/// The clock a series is expanded in: that of its DTSTART.
#[derive(Debug, Clone, Copy)]
enum Frame {
    Utc,
    Zone(Tz),
    /// Floating times, unknown zones and all-day dates: local wall-clock time as written.
    Wall,
}

impl Frame {
    fn of(t: &IcsTime) -> Frame {
        match t {
            IcsTime::Utc(_) => Frame::Utc,
            IcsTime::Zoned(_, tz) => Frame::Zone(*tz),
            _ => Frame::Wall,
        }
    }
}

fn naive(t: &IcsTime) -> NaiveDateTime {
    match t {
        IcsTime::Date(d) => d.and_time(NaiveTime::MIN),
        IcsTime::Utc(t)
        | IcsTime::Zoned(t, _)
        | IcsTime::UnknownZone(t, _)
        | IcsTime::Floating(t) => *t,
    }
}

/// `t` as a wall-clock time in `frame`, to compare it with the series' instances.
fn in_frame<L: TimeZone>(t: &IcsTime, frame: Frame, local: &L) -> NaiveDateTime {
    let instant = match (t, frame) {
        (IcsTime::Date(_), _)
        | (IcsTime::Floating(_) | IcsTime::UnknownZone(..), Frame::Wall)
        | (IcsTime::Utc(_), Frame::Utc) => None,
        (IcsTime::Zoned(_, tz), Frame::Zone(frame_tz)) if *tz == frame_tz => None,
        (IcsTime::Utc(n), _) => Some(Utc.from_utc_datetime(n)),
        (IcsTime::Zoned(n, tz), _) => instant(tz, *n),
        (IcsTime::Floating(n) | IcsTime::UnknownZone(n, _), _) => instant(local, *n),
    };
    match (instant, frame) {
        (None, _) => naive(t),
        (Some(i), Frame::Utc) => i.naive_utc(),
        (Some(i), Frame::Zone(tz)) => i.with_timezone(&tz).naive_local(),
        (Some(i), Frame::Wall) => i.with_timezone(local).naive_local(),
    }
}

/// A wall-clock time of the frame as the local clocks show it.
fn to_local<L: TimeZone>(t: NaiveDateTime, frame: Frame, local: &L) -> NaiveDateTime {
    let at = match frame {
        Frame::Wall => return as_shown(local, t),
        Frame::Utc => Some(Utc.from_utc_datetime(&t)),
        Frame::Zone(tz) => instant(&tz, t),
    };
    at.map_or(t, |i| i.with_timezone(local).naive_local())
}

/// A wall-clock time of the frame as the frame's own clocks show it: moved past a gap.
fn shown_in_frame<L: TimeZone>(t: NaiveDateTime, frame: Frame, local: &L) -> NaiveDateTime {
    match frame {
        Frame::Wall => as_shown(local, t),
        Frame::Utc => t,
        Frame::Zone(tz) => as_shown(&tz, t),
    }
}

/// The rule with a UTC `UNTIL` rewritten into the frame's wall-clock time, since `Recurrence`
/// reads every UNTIL as a wall-clock time.
fn rule_in_frame<L: TimeZone>(rule: &str, frame: Frame, local: &L) -> String {
    let parts: Vec<String> = rule
        .split(';')
        .map(|part| {
            let Some(until) = part
                .strip_prefix("UNTIL=")
                .and_then(|v| v.strip_suffix('Z'))
                .and_then(|v| NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").ok())
            else {
                return part.to_string();
            };
            let until = in_frame(&IcsTime::Utc(until), frame, local);
            format!("UNTIL={}", until.format("%Y%m%dT%H%M%S"))
        })
        .collect();
    parts.join(";")
}

/// No event lasts longer than this; a longer DTEND or DURATION (`P99999999W`) is cut to it, so
/// a hostile file cannot overflow the date arithmetic below.
const LONGEST_EVENT: Duration = Duration::days(10 * 366);

/// One event's shape: where its instances start (in its frame) and how long they last.
struct Shape {
    frame: Frame,
    all_day: bool,
    length: Duration,
}

impl Shape {
    fn of<L: TimeZone>(event: &IcsEvent, local: &L) -> Shape {
        let frame = Frame::of(&event.start);
        let all_day = event.start.is_date();
        let start = naive(&event.start);
        let length = match (&event.end, event.duration) {
            (Some(end), _) => in_frame(end, frame, local) - start,
            (None, Some(d)) => d,
            (None, None) if all_day => Duration::days(1),
            (None, None) => Duration::zero(),
        };
        Shape {
            frame,
            all_day,
            length: length.clamp(Duration::zero(), LONGEST_EVENT),
        }
    }

    fn span<L: TimeZone>(&self, start: NaiveDateTime, local: &L) -> EventSpan {
        if self.all_day {
            let first = start.date();
            let days = self.length.num_days().max(1);
            return EventSpan::AllDay {
                first,
                end: first
                    .checked_add_signed(Duration::days(days))
                    .unwrap_or(NaiveDate::MAX),
            };
        }
        // The end keeps the event's length from the start as it happens: a start the clocks
        // skip moves forward (RFC 5545 §3.3.5), and its end with it.
        let first = shown_in_frame(start, self.frame, local);
        let after = |t: NaiveDateTime| t.checked_add_signed(self.length);
        let start = to_local(first, self.frame, local);
        let end = to_local(
            after(first).unwrap_or(NaiveDateTime::MAX),
            self.frame,
            local,
        );
        // Shown in another zone's fall-back hour, a later instant can read earlier on the clock;
        // the length is what the agenda can show then.
        let end = if end < start {
            after(start).unwrap_or(NaiveDateTime::MAX)
        } else {
            end
        };
        EventSpan::Timed { start, end }
    }
}

fn overlaps(span: &EventSpan, from: NaiveDate, to: NaiveDate) -> bool {
    match span {
        EventSpan::Timed { start, .. } => start.date() >= from && start.date() < to,
        EventSpan::AllDay { first, end } => *first < to && *end > from,
    }
}

/// What `expand` made of a file: the happenings in the window, and the counts for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expansion {
    pub events: Vec<CalendarEventFields>,
    pub summary: ImportSummary,
}

/// Every happening of `events` that touches the local days `[from, to)`, in local time. A
/// series whose rule repeats beyond `rule_limits` is left out and listed in `summary.refused`;
/// a calendar that expands beyond `limits` is refused whole.
pub fn expand<L: TimeZone>(
    events: &[IcsEvent],
    from: NaiveDate,
    to: NaiveDate,
    local: &L,
    limits: Limits,
) -> Result<Expansion, TooLarge> {
    let mut overrides: HashMap<&str, Vec<&IcsEvent>> = HashMap::new();
    let mut masters: Vec<&IcsEvent> = Vec::new();
    for e in events {
        match e.recurrence_id {
            Some(_) => overrides.entry(e.uid.as_str()).or_default().push(e),
            None => masters.push(e),
        }
    }
    let master_uids: BTreeSet<&str> = masters.iter().map(|m| m.uid.as_str()).collect();
    // An override whose series is missing is shown as an event of its own.
    let orphans = events
        .iter()
        .filter(|e| e.recurrence_id.is_some() && !master_uids.contains(e.uid.as_str()));

    let mut out = Expansion::default();
    let mut unknown = BTreeSet::new();
    let mut steps_left = limits.steps;
    let mut largest = (String::new(), 0);
    for master in masters.iter().copied().chain(orphans) {
        if master.cancelled {
            continue;
        }
        let own_overrides = match master.recurrence_id {
            None => overrides
                .get(master.uid.as_str())
                .cloned()
                .unwrap_or_default(),
            Some(_) => Vec::new(),
        };
        let label = || event_label(&master.title, &master.uid);
        let series = EventSeries {
            master,
            overrides: &own_overrides,
            from,
            to,
        };
        let happenings = match series.happenings(local, &mut steps_left, &mut out.summary) {
            Ok(list) => list,
            Err(Stop::Refused(reason)) => {
                let label = label();
                out.summary.refused.push(RefusedEvent { label, reason });
                continue;
            }
            Err(Stop::OutOfSteps) => {
                let (limit, at) = (limits.steps, label());
                return Err(TooLarge::Steps { limit, at });
            }
        };
        out.summary.events += 1;
        let zones = std::iter::once(&master.start).chain(&master.end);
        let mut unknown_here = zones.filter_map(|t| match t {
            IcsTime::UnknownZone(_, name) => Some(name.clone()),
            _ => None,
        });
        if let Some(name) = unknown_here.next() {
            out.summary.unknown_zone_events += 1;
            unknown.insert(name);
        }
        let before = out.events.len();
        out.events.extend(
            happenings
                .into_iter()
                .filter(|h| overlaps(&h.span, from, to)),
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
    // Overrides come out of a map: sort so the same file always gives the same rows.
    out.events.sort_by(|a, b| {
        (span_key(&a.span), &a.uid, &a.title).cmp(&(span_key(&b.span), &b.uid, &b.title))
    });
    Ok(out)
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
    master: &'a IcsEvent,
    overrides: &'a [&'a IcsEvent],
    from: NaiveDate,
    to: NaiveDate,
}

impl EventSeries<'_> {
    /// The series' instances (or the single event) before the window filter.
    fn happenings<L: TimeZone>(
        &self,
        local: &L,
        steps_left: &mut usize,
        summary: &mut ImportSummary,
    ) -> Result<Vec<CalendarEventFields>, Stop> {
        let master = self.master;
        let shape = Shape::of(master, local);
        let start = naive(&master.start);
        let happening = |event: &IcsEvent, span, original| CalendarEventFields {
            uid: event.uid.clone(),
            title: event.title.clone(),
            span,
            rrule: master.rrule.clone(),
            recurrence_id: original,
        };
        let recurrence = match master.rrule.as_deref() {
            None => None,
            Some(rule) => {
                let rule = rule_in_frame(rule, shape.frame, local);
                match Recurrence::new(Some(&rule), start, Weekday::Mon) {
                    Ok(recurrence) => Some(recurrence),
                    Err(RecurrenceError::OverLimit { reason, .. }) => {
                        return Err(Stop::Refused(reason));
                    }
                    Err(RecurrenceError::Invalid(_)) => {
                        summary.unexpanded.push(master.title.clone());
                        None
                    }
                }
            }
        };
        let Some(recurrence) = recurrence else {
            let original = master
                .recurrence_id
                .as_ref()
                .map(|rid| to_local(in_frame(rid, shape.frame, local), shape.frame, local));
            return Ok(vec![happening(master, shape.span(start, local), original)]);
        };
        let excluded: BTreeSet<NaiveDateTime> = master
            .exdates
            .iter()
            .map(|t| in_frame(t, shape.frame, local))
            .collect();
        let replaced: HashMap<NaiveDateTime, &IcsEvent> = self
            .overrides
            .iter()
            .filter_map(|o| Some((in_frame(o.recurrence_id.as_ref()?, shape.frame, local), *o)))
            .collect();
        // The frame's days differ from local ones by at most a day each way.
        let margin = Duration::days(2);
        let walk = recurrence.walk(self.from - margin, self.to + margin, *steps_left);
        if !walk.complete {
            return Err(Stop::OutOfSteps);
        }
        *steps_left -= walk.steps;
        summary.recurring += 1;
        let mut out = Vec::new();
        for t in walk.times {
            if excluded.contains(&t) || replaced.contains_key(&t) {
                continue;
            }
            let original = (!shape.all_day).then(|| to_local(t, shape.frame, local));
            out.push(happening(master, shape.span(t, local), original));
        }
        for (original, o) in replaced {
            if o.cancelled || excluded.contains(&original) {
                continue;
            }
            let own = Shape::of(o, local);
            let span = own.span(naive(&o.start), local);
            let original = (!shape.all_day).then(|| to_local(original, shape.frame, local));
            out.push(happening(o, span, original));
        }
        Ok(out)
    }
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
