//! The clocks of imported events: each series is expanded in the wall-clock time of its own
//! DTSTART (its zone, UTC, or floating) and only then converted to the local zone the agenda is
//! shown in, so a 09:00 New York meeting stays at 09:00 in New York across daylight-saving
//! changes. Pure: the local zone is a parameter.

use chrono::{Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::wall_clock::{as_shown, instant};
use crate::domain::calendar::{EventSpan, IcsEvent, IcsTime};

/// The clock a series is expanded in: that of its DTSTART.
#[derive(Debug, Clone, Copy)]
pub(super) enum Frame {
    Utc,
    Zone(Tz),
    /// A zone with one offset all year.
    Offset(FixedOffset),
    /// Floating times, unknown zones and all-day dates: local wall-clock time as written.
    Wall,
}

impl Frame {
    pub(super) fn of(t: &IcsTime) -> Frame {
        match t {
            IcsTime::Utc(_) => Frame::Utc,
            IcsTime::Zoned(_, tz) => Frame::Zone(*tz),
            IcsTime::Offset(_, offset) => Frame::Offset(*offset),
            _ => Frame::Wall,
        }
    }
}

/// `t` as a wall-clock time in `frame`, to compare it with the series' instances. A floating
/// time is one of the frame's own: a RECURRENCE-ID, EXDATE or DTEND written with no zone in a
/// series with one names its meetings by the series' clock, not by this machine's.
pub(super) fn in_frame<L: TimeZone>(t: &IcsTime, frame: Frame, local: &L) -> NaiveDateTime {
    let instant = match (t, frame) {
        (IcsTime::Date(_) | IcsTime::Floating(_), _)
        | (IcsTime::UnknownZone(..), Frame::Wall)
        | (IcsTime::Utc(_), Frame::Utc) => None,
        (IcsTime::Zoned(_, tz), Frame::Zone(frame_tz)) if *tz == frame_tz => None,
        (IcsTime::Offset(_, offset), Frame::Offset(frame_offset)) if *offset == frame_offset => {
            None
        }
        (IcsTime::Utc(n), _) => Some(Utc.from_utc_datetime(n)),
        (IcsTime::Zoned(n, tz), _) => instant(tz, *n),
        (IcsTime::Offset(n, offset), _) => instant(offset, *n),
        (IcsTime::UnknownZone(n, _), _) => instant(local, *n),
    };
    match (instant, frame) {
        (None, _) => t.naive(),
        (Some(i), Frame::Utc) => i.naive_utc(),
        (Some(i), Frame::Zone(tz)) => i.with_timezone(&tz).naive_local(),
        (Some(i), Frame::Offset(offset)) => i.with_timezone(&offset).naive_local(),
        (Some(i), Frame::Wall) => i.with_timezone(local).naive_local(),
    }
}

/// A wall-clock time of the frame as the local clocks show it.
pub(super) fn to_local<L: TimeZone>(t: NaiveDateTime, frame: Frame, local: &L) -> NaiveDateTime {
    let at = match frame {
        Frame::Wall => return as_shown(local, t),
        Frame::Utc => Some(Utc.from_utc_datetime(&t)),
        Frame::Zone(tz) => instant(&tz, t),
        Frame::Offset(offset) => instant(&offset, t),
    };
    at.map_or(t, |i| i.with_timezone(local).naive_local())
}

/// A wall-clock time of the frame as the frame's own clocks show it: moved past a gap.
fn shown_in_frame<L: TimeZone>(t: NaiveDateTime, frame: Frame, local: &L) -> NaiveDateTime {
    match frame {
        Frame::Wall => as_shown(local, t),
        Frame::Utc | Frame::Offset(_) => t,
        Frame::Zone(tz) => as_shown(&tz, t),
    }
}

/// The rule with a UTC `UNTIL` rewritten into the frame's wall-clock time, since `Recurrence`
/// reads every UNTIL as a wall-clock time.
pub(super) fn rule_in_frame<L: TimeZone>(rule: &str, frame: Frame, local: &L) -> String {
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
pub(super) const LONGEST_EVENT: Duration = Duration::days(10 * 366);

/// One event's shape: where its instances start (in its frame) and how long they last.
pub(super) struct Shape {
    pub(super) frame: Frame,
    pub(super) all_day: bool,
    pub(super) length: Duration,
}

impl Shape {
    pub(super) fn of<L: TimeZone>(event: &IcsEvent, local: &L) -> Shape {
        let frame = Frame::of(&event.start);
        let all_day = event.start.is_date();
        let start = event.start.naive();
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

    pub(super) fn span<L: TimeZone>(&self, start: NaiveDateTime, local: &L) -> EventSpan {
        self.span_of(start, self.length, local)
    }

    /// The span of an instance at `start` lasting `length` (an RDATE PERIOD's own length).
    pub(super) fn span_of<L: TimeZone>(
        &self,
        start: NaiveDateTime,
        length: Duration,
        local: &L,
    ) -> EventSpan {
        let length = length.clamp(Duration::zero(), LONGEST_EVENT);
        if self.all_day {
            let first = start.date();
            let days = length.num_days().max(1);
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
        let after = |t: NaiveDateTime| t.checked_add_signed(length);
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
