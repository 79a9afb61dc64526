//! Dates, times and date-times in every form the CLI and the forms accept, relative ones included.
#![no_main]

use bearing::domain::dates::{parse_date, parse_datetime, parse_time};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for today in [
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        NaiveDate::MIN,
        NaiveDate::MAX,
    ] {
        let _ = parse_date(text, today);
        let _ = parse_datetime(text, today);
    }
    let _ = parse_time(text);
});
