//! `bearing import-ics FILE`: parsing iCalendar text and expanding its events into the agenda.
#![no_main]

use bearing::ops::calendar::import_ics;
use bearing::store::Store;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Some(now) = NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0))
    else {
        return;
    };
    if let Ok(mut store) = Store::open_in_memory() {
        let _ = import_ics(&mut store, "fuzz", text, now, &chrono_tz::Europe::Berlin);
    }
});
