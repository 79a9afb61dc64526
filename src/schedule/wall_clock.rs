//! Wall-clock times in a zone that changes its clocks, read as RFC 5545 §3.3.5 says: a time that
//! happens twice (the fall-back overlap) names the first of the two instants, and a time the
//! clocks skip (the spring-forward gap) is read with the UTC offset in force before the gap, so
//! it lands as far after the gap as it was into it (02:30 → 03:30 in Berlin on 2026-03-29).
//! Imported calendar events and rituals both go through here, so a meeting never shows at a time
//! that does not exist, and never ends before it starts.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};

/// The instant the wall-clock time `t` names in `tz`. None only at the ends of the calendar.
pub fn instant<Z: TimeZone>(tz: &Z, t: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&t) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Some(at.with_timezone(&Utc)),
        LocalResult::None => {
            // Inside a gap. A day earlier is before it: no zone skips more than a day (Samoa
            // skipped exactly one, 2011-12-30), and none changes twice within one.
            let before = t.checked_sub_signed(Duration::days(1))?;
            let offset = tz.offset_from_local_datetime(&before).earliest()?.fix();
            let utc =
                t.checked_sub_signed(Duration::seconds(i64::from(offset.local_minus_utc())))?;
            Some(Utc.from_utc_datetime(&utc))
        }
    }
}

/// `t` as the clocks in `tz` show it when it happens: unchanged, unless the clocks skip it,
/// then moved forward by the gap's length.
pub fn as_shown<Z: TimeZone>(tz: &Z, t: NaiveDateTime) -> NaiveDateTime {
    instant(tz, t).map_or(t, |at| at.with_timezone(tz).naive_local())
}

#[cfg(test)]
#[path = "wall_clock_tests.rs"]
mod tests;
