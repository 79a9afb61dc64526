//! Where "now" comes from: the system clock, or a fixed time (`--now`, `BEARING_NOW`: tests,
//! demos, screenshots). Any clock gives a time in the years 1–9999, so date arithmetic on it
//! (a week ahead, two years of calendar) can never overflow.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(NaiveDateTime),
}

impl Clock {
    pub fn now(self) -> NaiveDateTime {
        match self {
            // The one place the wall clock is read (clippy.toml refuses it elsewhere).
            #[allow(clippy::disallowed_methods)]
            Clock::System => local_time(SystemTime::now(), &chrono::Local),
            Clock::Fixed(t) => t,
        }
    }

    /// A fixed clock at `t`, refused outside the years 1–9999.
    pub fn fixed(t: NaiveDateTime) -> Result<Clock, String> {
        if (earliest()..=latest()).contains(&t) {
            Ok(Clock::Fixed(t))
        } else {
            Err(format!(
                "{} is out of range: use a year from 1 to 9999",
                t.format("%Y")
            ))
        }
    }
}

/// `t` to the minute: the cockpit's time (its clock line, the radar, reminders) moves a minute at a
/// time.
pub fn minute(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

fn earliest() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(1, 1, 1)
        .unwrap_or(NaiveDate::MIN)
        .and_time(NaiveTime::MIN)
}

fn latest() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(9999, 12, 31)
        .unwrap_or(NaiveDate::MAX)
        .and_hms_opt(23, 59, 59)
        .unwrap_or(NaiveDateTime::MAX)
}

/// The wall-clock time of `t` in `zone`, for any system time. chrono's `Local::now()` panics
/// when the system clock is set before 1970 ("system time before Unix epoch"); this reads the
/// seconds either side of the epoch itself, and keeps an absurd clock inside the years 1–9999.
pub fn local_time<Tz: chrono::TimeZone>(t: SystemTime, zone: &Tz) -> NaiveDateTime {
    let seconds = match t.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let before = before.duration();
            let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            // Round down, towards the past, like a clock.
            -whole - i64::from(before.subsec_nanos() > 0)
        }
    };
    // A day inside the range, so no zone's offset can carry the time out of it.
    let day = 86_400;
    let low = earliest().and_utc().timestamp() + day;
    let high = latest().and_utc().timestamp() - day;
    let seconds = seconds.clamp(low, high);
    DateTime::from_timestamp(seconds, 0)
        .map(|utc| utc.with_timezone(zone).naive_local())
        .unwrap_or_else(earliest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, Utc};
    use std::time::Duration;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn a_system_clock_before_1970_reads_as_that_time() {
        let hour_before = UNIX_EPOCH - Duration::from_secs(3600);
        assert_eq!(local_time(hour_before, &Utc), at("1969-12-31T23:00:00"));
        let half_second_before = UNIX_EPOCH - Duration::from_millis(500);
        assert_eq!(
            local_time(half_second_before, &Utc),
            at("1969-12-31T23:59:59")
        );
        let east = FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(local_time(hour_before, &east), at("1970-01-01T01:00:00"));
    }

    #[test]
    fn the_epoch_and_after_read_as_usual() {
        assert_eq!(local_time(UNIX_EPOCH, &Utc), at("1970-01-01T00:00:00"));
        let later = UNIX_EPOCH + Duration::from_secs(1_795_424_400);
        assert_eq!(local_time(later, &Utc), at("2026-11-23T09:00:00"));
    }

    #[test]
    fn an_absurd_clock_stays_inside_the_years_1_to_9999() {
        let far_past = UNIX_EPOCH - Duration::from_secs(u64::MAX / 2);
        let far_future = UNIX_EPOCH + Duration::from_secs(u64::MAX / 2);
        for t in [far_past, far_future] {
            let local = local_time(t, &Utc);
            assert!((earliest()..=latest()).contains(&local), "{local}");
        }
    }

    #[test]
    fn the_system_clock_reads_without_panicking() {
        let now = Clock::System.now();
        assert!((earliest()..=latest()).contains(&now));
    }

    #[test]
    fn fixed_clocks_outside_the_years_1_to_9999_are_refused() {
        assert!(Clock::fixed(at("1969-12-31T23:00:00")).is_ok());
        assert!(Clock::fixed(at("0001-01-01T00:00:00")).is_ok());
        assert!(Clock::fixed(at("9999-12-31T23:59:00")).is_ok());
        let too_late = NaiveDate::from_ymd_opt(10_000, 1, 1)
            .unwrap()
            .and_time(NaiveTime::MIN);
        let err = Clock::fixed(too_late).unwrap_err();
        assert!(err.contains("year from 1 to 9999"), "{err}");
        let too_early = NaiveDate::from_ymd_opt(0, 12, 31)
            .unwrap()
            .and_time(NaiveTime::MIN);
        assert!(Clock::fixed(too_early).is_err());
    }
}
