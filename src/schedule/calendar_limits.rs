//! How much one imported calendar may expand to, and the message when it is too much.

use chrono::{Duration, NaiveDate};

/// How much one calendar may expand to, so no file can fill the disk or keep Bearing busy: the
/// happenings kept, and the occurrences stepped through to find them (a series with COUNT is
/// stepped through from its first meeting, however long ago).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub happenings: usize,
    pub steps: usize,
}

/// The limits of `bearing import-ics`: a busy calendar has a few thousand happenings in three
/// years; the database grows by about 20 MB per 100,000.
pub const IMPORT_LIMITS: Limits = Limits {
    happenings: 100_000,
    steps: 1_000_000,
};

/// Why a calendar is too large to expand. Nothing of it should be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TooLarge {
    #[error(
        "it puts more than {limit} events on the agenda from {from} to {} (Bearing keeps at most \
         {limit}; event {largest} alone has {count})",
        *.to - Duration::days(1)
    )]
    Happenings {
        limit: usize,
        from: NaiveDate,
        to: NaiveDate,
        /// The series with the most happenings, and how many.
        largest: String,
        count: usize,
    },
    #[error(
        "its repeating events run through more than {limit} occurrences (a series with COUNT \
         counts from its first meeting; Bearing reads at most {limit}), the last at event {at}"
    )]
    Steps {
        limit: usize,
        /// The event being expanded when the steps ran out.
        at: String,
    },
}
