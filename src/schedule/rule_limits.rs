//! How much a recurrence rule may repeat. Bearing plans meetings, which meet at most a few times a
//! day; RFC 5545 allows a rule to fire every second, and a 420-byte calendar file with
//! `FREQ=DAILY;BYHOUR=…;BYMINUTE=…;BYSECOND=…` describes 86,400 meetings a day: gigabytes in the
//! database and minutes of expansion. One check, for rituals (typed, imported from JSON or already
//! stored) and imported calendar events alike, keeps every rule within what a person can attend.
//!
//! The per-day count is exact for the frequencies Bearing accepts (DAILY and slower): each day the
//! rule picks gives one meeting per BYHOUR × BYMINUTE × BYSECOND combination. BYSETPOS and
//! BYMONTHDAY choose days or positions but never add times within a day, so they need no check of
//! their own; the product also bounds the work the `rrule` crate does per period (it builds every
//! day × time combination before BYSETPOS picks from them).

use std::collections::BTreeSet;

/// The most meetings a rule may make on one day.
pub const MAX_PER_DAY: usize = 4;

/// The most meetings a rule may count (COUNT). A series with COUNT is expanded from its first
/// meeting every time, so COUNT also bounds the work of every expansion.
pub const MAX_COUNT: u32 = 10_000;

/// Why the rule's normalised `KEY=VALUE` parts repeat beyond what Bearing follows, if they do.
/// Syntax is checked elsewhere; values this cannot read are left to that check.
pub fn check(parts: &[(String, String)]) -> Result<(), String> {
    let value = |key: &str| {
        parts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    if let Some(freq @ ("HOURLY" | "MINUTELY" | "SECONDLY")) = value("FREQ") {
        return Err(format!(
            "FREQ={freq} repeats more often than daily; meetings repeat DAILY, WEEKLY, MONTHLY or \
             YEARLY, at most {MAX_PER_DAY} times a day (BYHOUR=9,14 meets twice a day)"
        ));
    }
    let [hours, minutes, seconds] = ["BYHOUR", "BYMINUTE", "BYSECOND"].map(|k| distinct(value(k)));
    let per_day = hours.saturating_mul(minutes).saturating_mul(seconds);
    if per_day > MAX_PER_DAY {
        return Err(format!(
            "it meets {per_day} times a day (BYHOUR × BYMINUTE × BYSECOND = {hours} × {minutes} × \
             {seconds}); a meeting repeats at most {MAX_PER_DAY} times a day"
        ));
    }
    if let Some(count) = value("COUNT").filter(|c| c.bytes().all(|b| b.is_ascii_digit())) {
        let digits = count.trim_start_matches('0');
        let over = digits.len() > 9 || digits.parse::<u32>().is_ok_and(|n| n > MAX_COUNT);
        if over {
            let asked = if digits.len() <= 12 {
                format!("COUNT={digits} asks")
            } else {
                "COUNT asks".to_string()
            };
            return Err(format!(
                "{asked} for more than {MAX_COUNT} meetings; leave COUNT out for a series \
                 without end, or end it with UNTIL"
            ));
        }
    }
    Ok(())
}

/// How many different values a BY-list holds (1 when absent: the time of DTSTART).
fn distinct(list: Option<&str>) -> usize {
    let Some(list) = list else {
        return 1;
    };
    let values: BTreeSet<Result<i64, &str>> = list
        .split(',')
        .map(|v| v.parse::<i64>().map_err(|_| v))
        .collect();
    values.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(rule: &str) -> Vec<(String, String)> {
        rule.split(';')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn hours(n: usize) -> String {
        (0..n).map(|h| h.to_string()).collect::<Vec<_>>().join(",")
    }

    #[test]
    fn up_to_four_meetings_a_day_pass_and_more_are_refused_with_the_product() {
        for ok in [
            "FREQ=WEEKLY;BYDAY=MO",
            "FREQ=DAILY;BYHOUR=9,14",
            "FREQ=DAILY;BYHOUR=9,11,14,16",
            "FREQ=DAILY;BYHOUR=9,14;BYMINUTE=0,30",
            "FREQ=DAILY;BYHOUR=9,09,9,9,9",
            "FREQ=MONTHLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,2,3,4,5,6,7,8",
            "FREQ=DAILY;COUNT=10000",
            "FREQ=DAILY;COUNT=0010000",
        ] {
            assert_eq!(check(&parts(ok)), Ok(()), "{ok}");
        }
        let dense = format!("FREQ=DAILY;BYHOUR={};BYMINUTE={}", hours(24), hours(60));
        let err = check(&parts(&dense)).unwrap_err();
        assert!(
            err.contains("1440 times a day (BYHOUR × BYMINUTE × BYSECOND = 24 × 60 × 1)"),
            "{err}"
        );
        assert!(err.contains("at most 4 times a day"), "{err}");
        let seconds = format!("{dense};BYSECOND={}", hours(60));
        assert!(check(&parts(&seconds)).unwrap_err().contains("86400 times"));
        let five = "FREQ=YEARLY;BYHOUR=1,2,3,4,5;BYSETPOS=1";
        assert!(check(&parts(five)).unwrap_err().contains("5 times a day"));
    }

    #[test]
    fn sub_daily_frequencies_and_huge_counts_are_refused() {
        for freq in ["HOURLY", "MINUTELY", "SECONDLY"] {
            let err = check(&parts(&format!("FREQ={freq};INTERVAL=12"))).unwrap_err();
            assert!(err.contains(&format!("FREQ={freq} repeats more often than daily")));
        }
        let err = check(&parts("FREQ=DAILY;COUNT=10001")).unwrap_err();
        assert!(
            err.contains("COUNT=10001 asks for more than 10000 meetings"),
            "{err}"
        );
        let huge = format!("FREQ=DAILY;COUNT={}", "9".repeat(40));
        let err = check(&parts(&huge)).unwrap_err();
        assert!(err.starts_with("COUNT asks for more than 10000"), "{err}");
        // Not a number: the syntax check names it, not this one.
        assert_eq!(check(&parts("FREQ=DAILY;COUNT=many")), Ok(()));
    }
}
