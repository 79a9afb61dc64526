//! The dates and times people type into forms and the command line, and how dates are shown back.
//!
//! Accepted date forms (case-insensitive, surrounding whitespace ignored):
//!
//! - ISO `2026-12-01`, checked against the calendar (`2026-02-30` is refused, `2028-02-29` is fine);
//! - `today`, `tomorrow`, `yesterday`;
//! - a weekday, short or long (`fri`, `friday`, `tue`, `tues`, `thu`, `thurs`, ...): the nearest such
//!   day on or after today, so "due fri" typed on a Friday means today;
//! - `next <weekday>`: that weekday in the next calendar week, weeks starting on Monday. Typed on a
//!   Wednesday, `next mon` is 5 days away and `next fri` 9 days away; typed on a Sunday, `next mon`
//!   is tomorrow. The result is always 1 to 13 days ahead;
//! - offsets `+3d`, `-2d`, `+2w`, `+1m`, `+1y` (unit words such as `+3days` work too). Months and
//!   years are calendar units clamped to the month's end: 2026-01-31 `+1m` is 2026-02-28;
//! - `in 3 days`, `in 2 weeks`, `in 1 month`, and `3 days ago`.
//!
//! Offsets reach at most about [`MAX_OFFSET_YEARS`] years, so a slip like `+100000d` is an error
//! rather than a date in another century. "Today" is always a parameter: nothing here reads the clock.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

const DATE_FORMS: &str =
    "use 2026-12-01, today, tomorrow, yesterday, mon..sun, next mon, +3d, -2d, +2w, +1m";
const TIME_FORMS: &str = "use 24-hour H:MM or HH:MM, e.g. 9:30 or 14:00";
const DATETIME_FORMS: &str =
    "use 2026-12-01 10:00, 2026-12-01T10:00, tomorrow 10:00, fri 14:30, next mon 9:00, +2d 10:00";

/// How far a relative offset may reach, in either direction.
pub const MAX_OFFSET_YEARS: u32 = 100;

/// Inputs are echoed back in messages; a pasted paragraph should not flood the status bar.
const MAX_ECHO_CHARS: usize = 40;

/// A user-facing message: it names the input and says what would have been accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(pub String);

/// Why a date input failed, before it is turned into a message naming the input.
#[derive(Debug)]
enum Problem {
    Unrecognised,
    NotInCalendar(String),
    TooFar,
    OutsideIsoYears,
}

impl Problem {
    fn for_input(self, input: &str) -> DateError {
        let shown = quote(input);
        DateError(match self {
            Problem::Unrecognised => format!("{shown} is not a date: {DATE_FORMS}"),
            Problem::NotInCalendar(why) => format!("{shown} is not a calendar date: {why}"),
            Problem::TooFar => {
                format!("{shown} is too far away: offsets reach at most {MAX_OFFSET_YEARS} years")
            }
            Problem::OutsideIsoYears => {
                format!("{shown} falls outside the years 0000 to 9999")
            }
        })
    }
}

/// Quotes (and escapes) an input for a message, shortening it if it is long.
fn quote(input: &str) -> String {
    let mut shown: String = input.chars().take(MAX_ECHO_CHARS).collect();
    if input.chars().nth(MAX_ECHO_CHARS).is_some() {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// Parses a date in any of the forms listed in the module documentation, relative to `today`.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DateError("a date is required".to_string()));
    }
    resolve_date(trimmed, today).map_err(|problem| problem.for_input(trimmed))
}

fn resolve_date(trimmed: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    // Every accepted form is ASCII; checking once makes byte-wise slicing below safe.
    if !trimmed.is_ascii() {
        return Err(Problem::Unrecognised);
    }
    if let Some(date) = parse_iso(trimmed)? {
        return Ok(date);
    }
    let lower = trimmed.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let date = match words.as_slice() {
        ["today"] => Some(today),
        ["tomorrow"] => today.succ_opt(),
        ["yesterday"] => today.pred_opt(),
        [word] if word.starts_with(['+', '-']) => {
            let (sign, rest) = word.split_at(1);
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let (count, unit) = rest.split_at(digits);
            let direction = if sign == "+" { Ahead } else { Back };
            shift(today, direction, count, unit)?
        }
        [word] => weekday(word)
            .map(|day| on_or_after(today, day))
            .ok_or(Problem::Unrecognised)?,
        ["next", word] => weekday(word)
            .map(|day| in_next_week(today, day))
            .ok_or(Problem::Unrecognised)?,
        ["in", count, unit] => shift(today, Ahead, count, unit)?,
        [count, unit, "ago"] => shift(today, Back, count, unit)?,
        _ => return Err(Problem::Unrecognised),
    };
    // Relative dates must stay printable as YYYY-MM-DD so that they read back as themselves.
    date.filter(|d| (0..=9999).contains(&d.year()))
        .ok_or(Problem::OutsideIsoYears)
}

/// `Ok(None)` means "not shaped like YYYY-MM-DD"; an error means shaped like it but not a real day.
fn parse_iso(s: &str) -> Result<Option<NaiveDate>, Problem> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Ok(None);
    }
    let number = |range: std::ops::Range<usize>| {
        s.get(range)
            .and_then(|part| part.parse::<u32>().ok())
            .ok_or(Problem::Unrecognised)
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let year = i32::try_from(year).map_err(|_| Problem::Unrecognised)?;
    if !(1..=12).contains(&month) {
        return Err(Problem::NotInCalendar(
            "months run from 01 to 12".to_string(),
        ));
    }
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => Ok(Some(date)),
        None => {
            let days =
                NaiveDate::from_ymd_opt(year, month, 1).map_or(31, |d| d.num_days_in_month());
            Err(Problem::NotInCalendar(format!(
                "{year:04}-{month:02} has days 01 to {days}"
            )))
        }
    }
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// The nearest `day` on or after `today` (0 to 6 days ahead).
fn on_or_after(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today.checked_add_days(Days::new(ahead.into()))
}

/// `day` in the Monday-to-Sunday week after the one containing `today` (1 to 13 days ahead).
fn in_next_week(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let ahead = 7 - today.weekday().num_days_from_monday() + day.num_days_from_monday();
    today.checked_add_days(Days::new(ahead.into()))
}

#[derive(Clone, Copy)]
enum Direction {
    Ahead,
    Back,
}
use Direction::{Ahead, Back};

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn from_word(word: &str) -> Option<Unit> {
        Some(match word {
            "d" | "day" | "days" => Unit::Day,
            "w" | "wk" | "wks" | "week" | "weeks" => Unit::Week,
            // Not "mon": that is Monday.
            "m" | "mo" | "month" | "months" => Unit::Month,
            "y" | "yr" | "yrs" | "year" | "years" => Unit::Year,
            _ => return None,
        })
    }

    fn max_count(self) -> u32 {
        match self {
            Unit::Day => MAX_OFFSET_YEARS * 366,
            Unit::Week => MAX_OFFSET_YEARS * 53,
            Unit::Month => MAX_OFFSET_YEARS * 12,
            Unit::Year => MAX_OFFSET_YEARS,
        }
    }
}

/// Moves `today` by `count` `unit`s; returns `Ok(None)` only if chrono's own range is exceeded.
fn shift(
    today: NaiveDate,
    direction: Direction,
    count: &str,
    unit: &str,
) -> Result<Option<NaiveDate>, Problem> {
    let unit = Unit::from_word(unit).ok_or(Problem::Unrecognised)?;
    if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Unrecognised);
    }
    // The digits are valid, so a parse failure can only be an overflow.
    let count: u32 = count.parse().map_err(|_| Problem::TooFar)?;
    if count > unit.max_count() {
        return Err(Problem::TooFar);
    }
    let (days, months) = match unit {
        Unit::Day => (u64::from(count), 0),
        Unit::Week => (u64::from(count) * 7, 0),
        Unit::Month => (0, count),
        Unit::Year => (0, count * 12),
    };
    Ok(match direction {
        Ahead => today
            .checked_add_days(Days::new(days))
            .and_then(|d| d.checked_add_months(Months::new(months))),
        Back => today
            .checked_sub_days(Days::new(days))
            .and_then(|d| d.checked_sub_months(Months::new(months))),
    })
}

/// Parses a 24-hour wall-clock time: `9:30`, `09:05`, `14:00`. Minutes always have two digits.
pub fn parse_time(input: &str) -> Result<NaiveTime, DateError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DateError("a time is required".to_string()));
    }
    let refuse = || DateError(format!("{} is not a time: {TIME_FORMS}", quote(trimmed)));
    let (hour, minute) = trimmed.split_once(':').ok_or_else(refuse)?;
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let shaped = (1..=2).contains(&hour.len())
        && minute.len() == 2
        && all_digits(hour)
        && all_digits(minute);
    if !shaped {
        return Err(refuse());
    }
    let hour: u32 = hour.parse().map_err(|_| refuse())?;
    let minute: u32 = minute.parse().map_err(|_| refuse())?;
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(refuse)
}

/// Parses a date followed by a time: `2026-12-01T10:00`, `2026-12-01 10:00`, `tomorrow 10:00`,
/// `fri 14:30`, `next mon 9:00`, `+2d 10:00`. The date part accepts every form of [`parse_date`].
pub fn parse_datetime(input: &str, today: NaiveDate) -> Result<NaiveDateTime, DateError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(DateError("a date and time are required".to_string()));
    }
    let (date, time) = split_date_and_time(trimmed).ok_or_else(|| {
        DateError(format!(
            "{} is not a date and time: {DATETIME_FORMS}",
            quote(trimmed)
        ))
    })?;
    Ok(parse_date(date, today)?.and_time(parse_time(time)?))
}

/// Splits off the trailing time, which must contain a colon so that `next mon` alone is reported
/// as a missing time rather than as "next" not being a date.
fn split_date_and_time(s: &str) -> Option<(&str, &str)> {
    let (date, time) = match s.rsplit_once(char::is_whitespace) {
        Some(parts) => parts,
        None => {
            let separator = s.get(10..11)?;
            if !separator.eq_ignore_ascii_case("t") {
                return None;
            }
            (s.get(..10)?, s.get(11..)?)
        }
    };
    time.contains(':').then_some((date, time))
}

/// The first day of the week containing `date`, for weeks starting on `week_start`.
pub fn week_floor(date: NaiveDate, week_start: Weekday) -> NaiveDate {
    let back = (date.weekday().num_days_from_monday() + 7 - week_start.num_days_from_monday()) % 7;
    date - chrono::Duration::days(i64::from(back))
}

/// The canonical stored and exported form, `2026-12-01`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A day and month, "1 Dec", with the year when it is not the current one: "1 Dec 2024".
pub fn day_month(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%-d %b").to_string()
    } else {
        d.format("%-d %b %Y").to_string()
    }
}

/// A short human form: "today", "in 3 days", "3 days ago", then "Tue 1 Dec" within the current
/// year and "1 Dec 2027" outside it.
pub fn format_relative(d: NaiveDate, today: NaiveDate) -> String {
    match d.signed_duration_since(today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        n @ 2..=6 => format!("in {n} days"),
        n @ -6..=-2 => format!("{} days ago", -n),
        _ if d.year() == today.year() => d.format("%a %-d %b").to_string(),
        _ => d.format("%-d %b %Y").to_string(),
    }
}

/// How far `d` is from `today`, in days and always in words: "today", "tomorrow", "yesterday",
/// "in 14 days", "3 days ago".
pub fn distance_in_days(d: NaiveDate, today: NaiveDate) -> String {
    match d.signed_duration_since(today).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        n if n > 1 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// A day and how far it is: "Sun 13 Dec (in 14 days)", "Tue 1 Dec 2027 (in 367 days)". The
/// distance is always in days, so the date is never said twice.
pub fn date_and_distance(d: NaiveDate, today: NaiveDate) -> String {
    let day = if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    };
    format!("{day} ({})", distance_in_days(d, today))
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
