//! Recurrence of rituals: RFC 5545 RRULE bodies expanded over floating wall-clock times.
//!
//! Bearing's meeting times have no time zone: a 10:00 weekly meeting is at 10:00 in whatever zone
//! the director is in, before and after a daylight-saving change. The `rrule` crate only knows
//! zone-aware times, so the naive time is handed to it as if it were UTC, where no day has 23 or
//! 25 hours, and read back unchanged. UNTIL is filtered here rather than by the crate, because the
//! crate reads a zone-less UNTIL in the machine's local zone.

use std::fmt;

use chrono::{
    Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike,
    Weekday,
};
use rrule::{Frequency, NWeekday, RRule, RRuleSet, Tz, Unvalidated};

use super::rule_limits::{self, MAX_COUNT, MAX_PER_DAY};

const EXAMPLE: &str = "expected e.g. FREQ=WEEKLY;BYDAY=MO";

/// A rule Bearing cannot use; the message is shown as is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecurrenceError {
    /// Not a rule Bearing can read, or one that never produces a meeting.
    #[error("{0}")]
    Invalid(String),
    /// A valid rule that repeats beyond what a meeting planner follows (`rule_limits`): the
    /// message, and the reason alone (it quotes nothing from the rule but its numbers).
    #[error("{message}")]
    OverLimit { message: String, reason: String },
}

/// Parsed, validated rule ready for expansion. Cheap to clone.
///
/// DTSTART counts as an occurrence only when the rule matches it, as in the `rrule` crate and
/// python-dateutil (RFC 5545 leaves the other case undefined): a Tuesday rule started on a Monday
/// first meets on Tuesday, and COUNT counts only real meetings.
#[derive(Debug, Clone)]
pub struct Recurrence {
    dtstart: NaiveDateTime,
    rule: Option<Rule>,
}

#[derive(Debug, Clone)]
struct Rule {
    /// Normalised `KEY=VALUE` parts in the user's order, kept to rewrite the rule faithfully.
    parts: Vec<(String, String)>,
    /// Without UNTIL. In a `Recurrence`, every default the crate would derive from DTSTART is
    /// made explicit, so expansion can start at any period boundary and give the same dates.
    rrule: RRule<Unvalidated>,
    until: Option<NaiveDateTime>,
}

#[path = "recurrence_end.rs"]
mod end;
pub use end::{ending_on, until_at_end_of_day, without_end};

impl Recurrence {
    pub fn new(
        rule: Option<&str>,
        dtstart: NaiveDateTime,
        week_start: Weekday,
    ) -> Result<Self, RecurrenceError> {
        // Sub-second precision would make `occurs_at` miss the crate's whole-second results.
        let dtstart = dtstart.with_nanosecond(0).unwrap_or(dtstart);
        let Some(text) = rule else {
            return Ok(Self {
                dtstart,
                rule: None,
            });
        };
        let parsed = parse_rule(text, Some(week_start))?;
        if let Some(until) = parsed.until.filter(|until| *until < dtstart) {
            let reason = format!(
                "UNTIL {} is before the first meeting on {}",
                until.format("%Y-%m-%d %H:%M"),
                dtstart.format("%Y-%m-%d %H:%M")
            );
            return Err(invalid(text, reason));
        }
        parsed
            .rrule
            .clone()
            .validate(as_utc(dtstart))
            .map_err(|e| invalid(text, crate_reason(&e)))?;
        let rrule = pin_defaults(parsed.rrule, dtstart);
        let rule = Some(Rule { rrule, ..parsed });
        let recurrence = Self { dtstart, rule };
        if recurrence.iter_from(dtstart, true).next().is_none() {
            return Err(invalid(text, "it never produces a meeting"));
        }
        Ok(recurrence)
    }

    pub fn is_repeating(&self) -> bool {
        self.rule.is_some()
    }

    /// The first meeting: DTSTART when the rule matches it, else the rule's first match after it
    /// (a Tuesday series started on a Monday first meets on Tuesday). `new` made sure there is one.
    pub fn first(&self) -> NaiveDateTime {
        self.iter_from(self.dtstart, true)
            .next()
            .unwrap_or(self.dtstart)
    }

    /// Occurrence start times with from <= t < to (dates: whole days, `to` exclusive), in order.
    ///
    /// Bounded like every expansion: `rule_limits` keeps a rule Bearing accepts under the bound,
    /// so it only cuts short a series that bypassed them (it cannot, since `new` checks them).
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDateTime> {
        let days = usize::try_from((to - from).num_days()).unwrap_or(0);
        self.walk(from, to, step_bound(days)).times
    }

    /// Like `between`, stepping through at most `max_steps` occurrences of the series to find
    /// them: a series with COUNT steps from its first meeting, any other from the start of the
    /// rule's period around `from`. Says how many steps it took, and whether it got to `to`.
    pub fn walk(&self, from: NaiveDate, to: NaiveDate, max_steps: usize) -> Walk {
        let (start, end) = (from.and_time(NaiveTime::MIN), to.and_time(NaiveTime::MIN));
        let mut walk = Walk::default();
        let mut occurrences = self.iter_unskipped(start, true);
        loop {
            let Some(t) = occurrences.next().filter(|t| *t < end) else {
                walk.complete = true;
                return walk;
            };
            if walk.steps == max_steps {
                return walk;
            }
            walk.steps += 1;
            if t >= start {
                walk.times.push(t);
            }
        }
    }

    /// First occurrence strictly after `after` (or None).
    pub fn next_after(&self, after: NaiveDateTime) -> Option<NaiveDateTime> {
        self.iter_from(after, true).find(|t| *t > after)
    }

    /// Latest occurrence at or before `at`.
    pub fn last_at_or_before(&self, at: NaiveDateTime) -> Option<NaiveDateTime> {
        // Search back in growing windows, each expanding only what the previous did not: the gap
        // between occurrences is unknown (a leap-day rule waits eight years), but expanding from
        // DTSTART every time would be slow. Occurrences are whole seconds, so truncating is safe.
        let mut end = at.with_nanosecond(0)?.min(horizon()?);
        let mut days_back = 400;
        loop {
            let start = TimeDelta::try_days(days_back)
                .and_then(|back| end.checked_sub_signed(back))
                .map_or(self.dtstart, |start| start.max(self.dtstart));
            let last = self.iter_from(start, true).take_while(|t| *t <= end).last();
            if last.is_some() || start <= self.dtstart {
                return last;
            }
            end = start.checked_sub_signed(TimeDelta::seconds(1))?;
            days_back = days_back.saturating_mul(4);
        }
    }

    /// True if `t` is an occurrence of the series.
    pub fn occurs_at(&self, t: NaiveDateTime) -> bool {
        self.iter_from(t, true).next() == Some(t)
    }

    /// The same series ending before `t`, for "change from this occurrence on". UNTIL becomes the
    /// last occurrence before `t`, so the list shows the real last date. None for a one-off, and
    /// also when nothing would remain (then the whole series should be replaced, not split).
    pub fn rule_ending_before(&self, t: NaiveDateTime) -> Option<String> {
        let rule = self.rule.as_ref()?;
        let before = t.checked_sub_signed(TimeDelta::seconds(1))?;
        let last = self.last_at_or_before(before)?;
        let mut parts: Vec<String> = rule
            .parts
            .iter()
            .filter(|(key, _)| key != "UNTIL" && key != "COUNT")
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        parts.push(format!("UNTIL={}", last.format("%Y%m%dT%H%M%S")));
        Some(parts.join(";"))
    }

    /// The same series continued from its first meeting at or after `t`, for "change from this
    /// date on" when the schedule itself stays: that meeting as the new DTSTART (so a fortnightly
    /// or a plain weekly or monthly rule keeps its weeks and days), and the rule with a COUNT
    /// lowered by the meetings before it. None when it has no meeting from `t` on.
    pub fn continued_from(&self, t: NaiveDateTime) -> Option<(NaiveDateTime, String)> {
        let rule = self.rule.as_ref()?;
        let first = self.iter_from(t, true).next()?;
        let held = self
            .iter_from(self.dtstart, false)
            .take_while(|m| *m < first)
            .count();
        let parts: Vec<String> = rule
            .parts
            .iter()
            .map(
                |(key, value)| match (key.as_str(), value.parse::<usize>()) {
                    ("COUNT", Ok(count)) => format!("COUNT={}", count.saturating_sub(held).max(1)),
                    _ => format!("{key}={value}"),
                },
            )
            .collect();
        Some((first, parts.join(";")))
    }

    /// Occurrences at or after `from`, in order. `rebase` lets expansion start at the period
    /// containing `from` instead of at DTSTART; tests turn it off to check it changes nothing.
    fn iter_from(
        &self,
        from: NaiveDateTime,
        rebase: bool,
    ) -> impl Iterator<Item = NaiveDateTime> + '_ {
        self.iter_unskipped(from, rebase)
            .skip_while(move |t| *t < from)
    }

    /// As `iter_from`, but also giving the occurrences before `from` that expansion steps through.
    fn iter_unskipped(
        &self,
        from: NaiveDateTime,
        rebase: bool,
    ) -> impl Iterator<Item = NaiveDateTime> + '_ {
        let single = self.rule.is_none().then_some(self.dtstart);
        let series = self.rule.as_ref().and_then(|rule| {
            let start = if rebase {
                rule.period_start(self.dtstart, from)
            } else {
                self.dtstart
            };
            let rrule = rule.rrule.clone().validate(as_utc(start)).ok()?;
            // `limit` makes the crate give up on a stretch of periods with no match.
            let set = RRuleSet::new(as_utc(start)).rrule(rrule).limit();
            let until = rule.until;
            Some(
                (&set)
                    .into_iter()
                    .map(|t| t.naive_utc())
                    .take_while(move |t| until.is_none_or(|until| *t <= until)),
            )
        });
        single.into_iter().chain(series.into_iter().flatten())
    }
}

impl Rule {
    /// Midnight at the start of the rule's period (day, week, month or year, stepped by INTERVAL
    /// from DTSTART's period) that contains `from`; DTSTART itself when that is not later, or when
    /// COUNT needs every occurrence from the beginning.
    fn period_start(&self, dtstart: NaiveDateTime, from: NaiveDateTime) -> NaiveDateTime {
        if self.rrule.get_count().is_some() || from <= dtstart {
            return dtstart;
        }
        self.first_day_of_period(dtstart.date(), from.date())
            .map(|d| d.and_time(NaiveTime::MIN))
            .filter(|t| *t > dtstart)
            .unwrap_or(dtstart)
    }

    fn first_day_of_period(&self, start: NaiveDate, target: NaiveDate) -> Option<NaiveDate> {
        let step = i64::from(self.rrule.get_interval().max(1));
        let whole_steps = |n: i64| n.div_euclid(step) * step;
        match self.rrule.get_freq() {
            Frequency::Weekly => {
                let wkst = self.rrule.get_week_start();
                let (w0, w1) = (week_floor(start, wkst), week_floor(target, wkst));
                let weeks = whole_steps((w1 - w0).num_days() / 7);
                w0.checked_add_signed(TimeDelta::try_weeks(weeks)?)
            }
            Frequency::Monthly => {
                let months = whole_steps(month_index(target) - month_index(start));
                let months = Months::new(u32::try_from(months).ok()?);
                start.with_day(1)?.checked_add_months(months)
            }
            Frequency::Yearly => {
                let years = whole_steps(i64::from(target.year() - start.year()));
                let year = i32::try_from(i64::from(start.year()) + years).ok()?;
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
            _ => {
                let days = whole_steps((target - start).num_days());
                start.checked_add_days(Days::new(u64::try_from(days).ok()?))
            }
        }
    }
}

/// What `Recurrence::walk` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    pub times: Vec<NaiveDateTime>,
    /// Occurrences stepped through, those before the window included.
    pub steps: usize,
    /// False when the steps ran out before the window's end.
    pub complete: bool,
}

/// The most steps an expansion over `days` days can need under `rule_limits`: COUNT meetings
/// from the first one, then at most `MAX_PER_DAY` a day over the rule's period before the window
/// (up to a year) and the window itself.
fn step_bound(days: usize) -> usize {
    let count = usize::try_from(MAX_COUNT).unwrap_or(usize::MAX);
    let days = days.saturating_add(2 * 366);
    count.saturating_add(MAX_PER_DAY.saturating_mul(days))
}

fn week_floor(date: NaiveDate, week_start: Weekday) -> NaiveDate {
    let back = (date.weekday().num_days_from_monday() + 7 - week_start.num_days_from_monday()) % 7;
    date.checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(date)
}

/// The crate expands nothing after the year 10000, so no search needs to look later.
fn horizon() -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(10_000, 12, 31)?.and_hms_opt(23, 59, 59)
}

fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn as_utc(t: NaiveDateTime) -> chrono::DateTime<Tz> {
    Tz::UTC.from_utc_datetime(&t)
}

/// Makes explicit what the crate would otherwise derive from DTSTART (day, weekday, month, time
/// of day), mirroring `RRule::finalize_parsed_rrule`, so a later expansion start keeps them.
fn pin_defaults(rrule: RRule<Unvalidated>, dtstart: NaiveDateTime) -> RRule<Unvalidated> {
    let mut rrule = rrule;
    let no_day_rule = rrule.get_by_week_no().is_empty()
        && rrule.get_by_year_day().is_empty()
        && rrule.get_by_month_day().is_empty()
        && rrule.get_by_weekday().is_empty();
    let day = i8::try_from(dtstart.day()).unwrap_or(1);
    if no_day_rule {
        match rrule.get_freq() {
            Frequency::Yearly => {
                if rrule.get_by_month().is_empty() {
                    let month = u8::try_from(dtstart.month()).unwrap_or(1);
                    let month = chrono::Month::try_from(month).unwrap_or(chrono::Month::January);
                    rrule = rrule.by_month(&[month]);
                }
                rrule = rrule.by_month_day(vec![day]);
            }
            Frequency::Monthly => rrule = rrule.by_month_day(vec![day]),
            Frequency::Weekly => rrule = rrule.by_weekday(vec![NWeekday::Every(dtstart.weekday())]),
            _ => {}
        }
    }
    let clock = |v: u32| vec![u8::try_from(v).unwrap_or(0)];
    if rrule.get_by_hour().is_empty() {
        rrule = rrule.by_hour(clock(dtstart.hour()));
    }
    if rrule.get_by_minute().is_empty() {
        rrule = rrule.by_minute(clock(dtstart.minute()));
    }
    if rrule.get_by_second().is_empty() {
        rrule = rrule.by_second(clock(dtstart.second()));
    }
    rrule
}

fn invalid(rule: &str, reason: impl fmt::Display) -> RecurrenceError {
    RecurrenceError::Invalid(format!("invalid recurrence rule \"{rule}\": {reason}"))
}

fn crate_reason(error: &rrule::RRuleError) -> String {
    match error {
        rrule::RRuleError::ParserError(e) => e.to_string(),
        rrule::RRuleError::ValidationError(e) => e.to_string(),
        rrule::RRuleError::IterError(e) => e.clone(),
    }
}

/// Accepts what people paste: lowercase, spaces, an `RRULE:` prefix, stray semicolons.
fn normalise(text: &str) -> String {
    let upper: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let body = upper.strip_prefix("RRULE:").unwrap_or(&upper);
    body.trim_matches(';').to_string()
}

fn parse_rule(text: &str, week_start: Option<Weekday>) -> Result<Rule, RecurrenceError> {
    let body = normalise(text);
    let mut parts: Vec<(String, String)> = Vec::new();
    for part in body.split(';').filter(|p| !p.is_empty()) {
        let Some((key, value)) = part
            .split_once('=')
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        else {
            return Err(invalid(
                text,
                format!("\"{part}\" is not KEY=VALUE; {EXAMPLE}"),
            ));
        };
        if parts.iter().any(|(k, _)| k == key) {
            return Err(invalid(text, format!("{key} appears twice")));
        }
        parts.push((key.to_string(), value.to_string()));
    }
    let value_of = |key: &str| {
        parts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    match value_of("FREQ") {
        None => return Err(invalid(text, format!("FREQ is missing; {EXAMPLE}"))),
        Some("DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY" | "HOURLY" | "MINUTELY" | "SECONDLY") => {}
        Some(_) => return Err(invalid(text, format!("unknown FREQ; {EXAMPLE}"))),
    }
    // Before the crate reads the rule: it would expand a dense one, or fail on a huge COUNT.
    rule_limits::check(&parts).map_err(|reason| RecurrenceError::OverLimit {
        message: format!("invalid recurrence rule \"{text}\": {reason}"),
        reason,
    })?;
    let ordinal_day = value_of("BYDAY").is_some_and(|v| v.contains(|c: char| c.is_ascii_digit()));
    let by_period = matches!(value_of("FREQ"), Some("MONTHLY" | "YEARLY"));
    let is_zero = |key: &str| value_of(key).and_then(|v| v.parse::<u32>().ok()) == Some(0);
    let problems = [
        (
            value_of("COUNT").is_some() && value_of("UNTIL").is_some(),
            "use either COUNT or UNTIL, not both",
        ),
        (is_zero("COUNT"), "COUNT must be at least 1"),
        (
            ordinal_day && !by_period,
            "a numbered BYDAY such as 2TU needs FREQ=MONTHLY or YEARLY",
        ),
        (is_zero("INTERVAL"), "INTERVAL must be at least 1"),
    ];
    if let Some((_, reason)) = problems.into_iter().find(|(found, _)| *found) {
        return Err(invalid(text, reason));
    }
    let until = value_of("UNTIL")
        .map(|v| {
            parse_until(v)
                .ok_or_else(|| invalid(text, "UNTIL must look like 20270301 or 20270301T100000"))
        })
        .transpose()?;
    if let (Some(week_start), None) = (week_start, value_of("WKST")) {
        parts.push(("WKST".to_string(), weekday_code(week_start)));
    }
    let for_crate: Vec<String> = parts
        .iter()
        .filter(|(key, _)| key != "UNTIL")
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    let rrule = for_crate
        .join(";")
        .parse::<RRule<Unvalidated>>()
        .map_err(|e| invalid(text, crate_reason(&e)))?;
    Ok(Rule {
        parts,
        rrule,
        until,
    })
}

/// A date-only UNTIL covers that whole day; a trailing `Z` is ignored since times are floating.
fn parse_until(value: &str) -> Option<NaiveDateTime> {
    let value = value.strip_suffix('Z').unwrap_or(value);
    NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S")
        .ok()
        .or_else(|| {
            let date = NaiveDate::parse_from_str(value, "%Y%m%d").ok()?;
            date.and_hms_opt(23, 59, 59)
        })
}

/// RFC 5545 two-letter code: chrono's "Tue" → "TU".
fn weekday_code(day: Weekday) -> String {
    day.to_string()[..2].to_ascii_uppercase()
}

/// The rule in plain English for lists. Unknown complex rules fall back to a readable
/// rendering of their parts; an unparseable rule is shown as typed.
pub fn describe(rule: Option<&str>, dtstart: NaiveDateTime) -> String {
    let Some(text) = rule else {
        return format!("once on {}", dtstart.format("%a %-d %b %Y"));
    };
    let Ok(parsed) = parse_rule(text, None) else {
        return format!("custom rule {}", normalise(text));
    };
    let r = &parsed.rrule;
    let mut words = plain_words(r, dtstart).unwrap_or_else(|| {
        let extra: Vec<String> = parsed
            .parts
            .iter()
            .filter(|(k, _)| {
                !matches!(k.as_str(), "FREQ" | "INTERVAL" | "COUNT" | "UNTIL" | "WKST")
            })
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!(
            "{} ({})",
            every(r.get_freq(), r.get_interval()),
            extra.join("; ")
        )
    });
    match r.get_count() {
        Some(1) => words.push_str(", once"),
        Some(count) => words.push_str(&format!(", {count} times")),
        None => {}
    }
    if let Some(until) = parsed.until {
        words.push_str(&format!(", until {}", until.format("%Y-%m-%d")));
    }
    words
}

/// None when the rule has no short English form.
fn plain_words(r: &RRule<Unvalidated>, dtstart: NaiveDateTime) -> Option<String> {
    let exotic = !r.get_by_year_day().is_empty()
        || !r.get_by_week_no().is_empty()
        || !r.get_by_hour().is_empty()
        || !r.get_by_minute().is_empty()
        || !r.get_by_second().is_empty();
    if exotic {
        return None;
    }
    let (freq, interval) = (r.get_freq(), r.get_interval());
    let (days, month_days) = (r.get_by_weekday(), r.get_by_month_day());
    let (months, set_pos) = (r.get_by_month(), r.get_by_set_pos());
    match freq {
        Frequency::Daily | Frequency::Weekly => {
            if !month_days.is_empty() || !months.is_empty() || !set_pos.is_empty() {
                return None;
            }
            let mut list = plain_weekdays(days)?;
            if list.is_empty() {
                if freq == Frequency::Daily {
                    return Some(every(freq, interval));
                }
                list.push(dtstart.weekday());
            }
            let weeks = every(Frequency::Weekly, interval);
            Some(match (list.as_slice(), interval) {
                (l, 1) if is_workdays(l) => "every weekday".to_string(),
                ([one], 1) => format!("weekly on {}", full_name(*one)),
                ([one], 2) => format!("every 2nd {}", full_name(*one)),
                ([one], _) => format!("{weeks} on {}", full_name(*one)),
                (l, _) => format!("{weeks} on {}", short_names(l)),
            })
        }
        Frequency::Monthly if months.is_empty() => {
            let day = month_day_words(days, month_days, set_pos, dtstart)?;
            Some(format!("{} on {day}", every(freq, interval)))
        }
        Frequency::Yearly => {
            let month = match months {
                [] if days.is_empty() && month_days.is_empty() => dtstart.month(),
                [one] => u32::from(*one),
                _ => return None,
            };
            let month_name = NaiveDate::from_ymd_opt(2000, month, 1)?;
            let when = match (days, month_days, set_pos) {
                ([], [], []) => format!("{} {}", dtstart.day(), month_name.format("%b")),
                ([], [d], []) if *d > 0 => format!("{d} {}", month_name.format("%b")),
                _ => format!(
                    "{} of {}",
                    month_day_words(days, month_days, set_pos, dtstart)?,
                    month_name.format("%B")
                ),
            };
            Some(format!("{} on {when}", every(freq, interval)))
        }
        _ => None,
    }
}

/// "the 15th", "the last Friday", "the last weekday": which day(s) of a month a rule picks.
fn month_day_words(
    days: &[NWeekday],
    month_days: &[i8],
    set_pos: &[i32],
    dtstart: NaiveDateTime,
) -> Option<String> {
    let day_word = |n: i32| match n {
        -1 => "the last day".to_string(),
        n if n < 0 => format!("the {}-to-last day", ordinal(-n)),
        n => format!("the {}", ordinal(n)),
    };
    match (days, month_days, set_pos) {
        ([], [], []) => Some(day_word(i32::try_from(dtstart.day()).ok()?)),
        ([], list, []) => {
            let words: Vec<String> = list.iter().map(|d| day_word(i32::from(*d))).collect();
            Some(words.join(" and "))
        }
        ([NWeekday::Nth(n, wd)], [], []) => {
            Some(format!("the {} {}", nth(i32::from(*n)), full_name(*wd)))
        }
        ([NWeekday::Every(wd)], [], [pos]) => Some(format!("the {} {}", nth(*pos), full_name(*wd))),
        (list, [], [pos]) if !list.is_empty() => {
            let plain = plain_weekdays(list)?;
            if is_workdays(&plain) {
                Some(format!("the {} weekday", nth(*pos)))
            } else {
                Some(format!("the {} of {}", nth(*pos), short_names(&plain)))
            }
        }
        _ => None,
    }
}

/// Plain weekdays (no ordinals), sorted and deduplicated; None if any has an ordinal.
fn plain_weekdays(days: &[NWeekday]) -> Option<Vec<Weekday>> {
    let mut plain = days
        .iter()
        .map(|d| match d {
            NWeekday::Every(wd) => Some(*wd),
            NWeekday::Nth(..) => None,
        })
        .collect::<Option<Vec<Weekday>>>()?;
    plain.sort_by_key(|d| d.num_days_from_monday());
    plain.dedup();
    Some(plain)
}

fn is_workdays(days: &[Weekday]) -> bool {
    days.len() == 5 && days.iter().all(|d| d.num_days_from_monday() < 5)
}

fn every(freq: Frequency, interval: u16) -> String {
    let (adjective, unit) = match freq {
        Frequency::Yearly => ("yearly", "year"),
        Frequency::Monthly => ("monthly", "month"),
        Frequency::Weekly => ("weekly", "week"),
        Frequency::Daily => ("daily", "day"),
        Frequency::Hourly => ("hourly", "hour"),
        Frequency::Minutely => ("every minute", "minute"),
        Frequency::Secondly => ("every second", "second"),
    };
    if interval == 1 {
        adjective.to_string()
    } else {
        format!("every {interval} {unit}s")
    }
}

/// Ordinal counted from either end: 2 → "2nd", -1 → "last", -2 → "2nd-to-last".
fn nth(n: i32) -> String {
    match n {
        -1 => "last".to_string(),
        n if n < 0 => format!("{}-to-last", ordinal(-n)),
        n => ordinal(n),
    }
}

fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn full_name(day: Weekday) -> String {
    let sample = NaiveDate::from_isoywd_opt(2026, 1, day);
    sample.map_or_else(|| day.to_string(), |d| d.format("%A").to_string())
}

fn short_names(days: &[Weekday]) -> String {
    let names: Vec<String> = days.iter().map(ToString::to_string).collect();
    names.join(", ")
}

/// Common cadences a form can offer without typing RRULE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    Once,
    Weekly,
    Biweekly,
    MonthlyNthWeekday,
    QuarterlyLastWeekday,
    Monthly,
    Custom,
}

impl Cadence {
    pub const ALL: [Cadence; 7] = [
        Cadence::Once,
        Cadence::Weekly,
        Cadence::Biweekly,
        Cadence::MonthlyNthWeekday,
        Cadence::QuarterlyLastWeekday,
        Cadence::Monthly,
        Cadence::Custom,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Cadence::Once => "once",
            Cadence::Weekly => "weekly",
            Cadence::Biweekly => "every 2 weeks",
            Cadence::MonthlyNthWeekday => "monthly on the Nth weekday",
            Cadence::QuarterlyLastWeekday => "quarterly on the last weekday",
            Cadence::Monthly => "monthly on this date",
            Cadence::Custom => "custom RRULE…",
        }
    }

    /// The RRULE body for this cadence anchored on dtstart. A start in the month's last seven
    /// days that would be a "5th" weekday becomes "last", since most months have no 5th one.
    pub fn rule_for(self, dtstart: NaiveDateTime) -> Option<String> {
        let day = weekday_code(dtstart.weekday());
        match self {
            Cadence::Once | Cadence::Custom => None,
            Cadence::Weekly => Some(format!("FREQ=WEEKLY;BYDAY={day}")),
            Cadence::Biweekly => Some(format!("FREQ=WEEKLY;INTERVAL=2;BYDAY={day}")),
            Cadence::MonthlyNthWeekday => {
                let n = match (dtstart.day() - 1) / 7 + 1 {
                    5 => -1,
                    n => i64::from(n),
                };
                Some(format!("FREQ=MONTHLY;BYDAY={n}{day}"))
            }
            Cadence::QuarterlyLastWeekday => Some(format!("FREQ=MONTHLY;INTERVAL=3;BYDAY=-1{day}")),
            Cadence::Monthly => Some(format!("FREQ=MONTHLY;BYMONTHDAY={}", dtstart.day())),
        }
    }

    /// Best matching preset for an existing rule (Custom if none matches). Rules are compared by
    /// their first occurrences rather than by text, so `FREQ=WEEKLY` matches Weekly too.
    pub fn detect(rule: Option<&str>, dtstart: NaiveDateTime) -> Cadence {
        const SAMPLE: usize = 40;
        let Some(text) = rule else {
            return Cadence::Once;
        };
        let sample = |rule: &str| -> Option<Vec<NaiveDateTime>> {
            let recurrence = Recurrence::new(Some(rule), dtstart, Weekday::Mon).ok()?;
            let ends = recurrence
                .rule
                .as_ref()
                .is_some_and(|r| r.until.is_some() || r.rrule.get_count().is_some());
            (!ends).then(|| recurrence.iter_from(dtstart, true).take(SAMPLE).collect())
        };
        let Some(wanted) = sample(text) else {
            return Cadence::Custom;
        };
        Cadence::ALL
            .into_iter()
            .find(|cadence| {
                cadence
                    .rule_for(dtstart)
                    .is_some_and(|preset| sample(&preset).as_ref() == Some(&wanted))
            })
            .unwrap_or(Cadence::Custom)
    }
}

#[cfg(test)]
#[path = "recurrence_tests.rs"]
mod tests;

impl Recurrence {
    /// The recurrence of a stored ritual series.
    ///
    /// Remembered for the process: the agenda reads each ritual's rule for the week, the next
    /// meeting and the lapsed 1:1s, again for each week read ahead, and parsing and checking a
    /// rule was a fifth of reading the agenda (three years of rituals, `perf`). Keyed by
    /// everything the result depends on, so an edited ritual is parsed anew; errors are not kept.
    pub fn of(fields: &crate::domain::ritual::RitualFields) -> Result<Self, RecurrenceError> {
        let key = (fields.rrule.clone(), fields.dtstart, fields.week_start);
        if let Some(known) = remembered().get(&key) {
            return Ok(known.clone());
        }
        let made = Recurrence::new(fields.rrule.as_deref(), fields.dtstart, fields.week_start)?;
        let mut memo = remembered();
        // Rituals are few; a bound keeps a long session's edits from piling up.
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(key, made.clone());
        Ok(made)
    }
}

/// How many parsed rules [`Recurrence::of`] keeps.
const MEMO_LIMIT: usize = 1024;

type MemoKey = (Option<String>, NaiveDateTime, Weekday);

/// The rules [`Recurrence::of`] parsed, by what they were parsed from. A poisoned lock (a panic
/// while holding it) only ever held complete entries, so it is used as is.
fn remembered() -> std::sync::MutexGuard<'static, std::collections::HashMap<MemoKey, Recurrence>> {
    static MEMO: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<MemoKey, Recurrence>>,
    > = std::sync::OnceLock::new();
    MEMO.get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
