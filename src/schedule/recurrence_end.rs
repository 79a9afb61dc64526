//! A series' end: the last day it may meet, and a rule that keeps it through a change.

use chrono::NaiveDate;

use super::Recurrence;

/// `rule` with a timed UNTIL moved to the end of its day (`UNTIL=20261217T100000` →
/// `…T235959`), so the series' last day keeps its meeting at any hour.
pub fn until_at_end_of_day(rule: &str) -> String {
    rule.split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.eq_ignore_ascii_case("UNTIL") && value.len() >= 15 => {
                let (day, rest) = value.split_at(9);
                let zone = if rest.ends_with(['Z', 'z']) { "Z" } else { "" };
                format!("{key}={day}235959{zone}")
            }
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// `rule` ending on `day`, at any hour: an UNTIL or COUNT of its own gives way to
/// `UNTIL=<day>T235959`.
pub fn ending_on(rule: &str, day: NaiveDate) -> String {
    format!(
        "{};UNTIL={}T235959",
        without_end(rule),
        day.format("%Y%m%d")
    )
}

/// `rule` going on for good: its UNTIL or COUNT taken out (`ritual edit --no-end`).
pub fn without_end(rule: &str) -> String {
    let is_end = |part: &&str| {
        part.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim();
            key.eq_ignore_ascii_case("UNTIL") || key.eq_ignore_ascii_case("COUNT")
        })
    };
    let kept: Vec<&str> = rule
        .split(';')
        .filter(|part| !part.trim().is_empty())
        .filter(|part| !is_end(part))
        .collect();
    kept.join(";")
}

impl Recurrence {
    /// The last day the series may meet: its UNTIL's day, or its last meeting's under a COUNT.
    /// None for a series that goes on, and for a one-off meeting.
    pub fn end_day(&self) -> Option<NaiveDate> {
        let rule = self.rule.as_ref()?;
        if let Some(until) = rule.until {
            return Some(until.date());
        }
        rule.rrule.get_count()?;
        // COUNT is bounded (`rule_limits`), so this walk is too.
        self.iter_from(self.dtstart, true).last().map(|t| t.date())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn end_of(rule: &str) -> Option<NaiveDate> {
        let start = day(11, 5).and_hms_opt(10, 0, 0).unwrap();
        Recurrence::new(Some(rule), start, Weekday::Mon)
            .unwrap()
            .end_day()
    }

    #[test]
    fn the_end_day_is_the_until_day_or_the_last_counted_meeting() {
        assert_eq!(end_of("FREQ=WEEKLY;BYDAY=TH"), None);
        assert_eq!(end_of("FREQ=WEEKLY;UNTIL=20261220"), Some(day(12, 20)));
        assert_eq!(
            end_of("FREQ=WEEKLY;BYDAY=TH;UNTIL=20261217T100000"),
            Some(day(12, 17))
        );
        assert_eq!(end_of("FREQ=WEEKLY;BYDAY=TH;COUNT=6"), Some(day(12, 10)));
        let once = day(11, 5).and_hms_opt(10, 0, 0).unwrap();
        assert_eq!(
            Recurrence::new(None, once, Weekday::Mon).unwrap().end_day(),
            None
        );
    }

    #[test]
    fn a_rule_ending_on_a_day_drops_its_own_end() {
        assert_eq!(
            ending_on("FREQ=WEEKLY;BYDAY=FR", day(12, 17)),
            "FREQ=WEEKLY;BYDAY=FR;UNTIL=20261217T235959"
        );
        assert_eq!(
            ending_on("FREQ=WEEKLY;count=6;BYDAY=TH;", day(12, 10)),
            "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261210T235959"
        );
        assert_eq!(
            ending_on("FREQ=WEEKLY;UNTIL=20270101;WKST=MO", day(12, 17)),
            "FREQ=WEEKLY;WKST=MO;UNTIL=20261217T235959"
        );
    }
}
