//! RRULE text as typed in a ritual's or a 1:1's cadence, then expanded.
#![no_main]

use bearing::schedule::recurrence::{Recurrence, describe};
use chrono::{Days, NaiveDate, Weekday};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Some(start) = NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0))
    else {
        return;
    };
    let _ = describe(Some(text), start);
    if let Ok(r) = Recurrence::new(Some(text), start, Weekday::Mon) {
        let _ = r.next_after(start);
        let _ = r.last_at_or_before(start + Days::new(400));
        let _ = r.between(start.date(), start.date() + Days::new(2));
        let _ = r.rule_ending_before(start + Days::new(30));
    }
});
