use chrono::{NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::{as_shown, instant};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

/// "ZONE | wall-clock time | as the clocks show it | the instant in UTC".
const TABLE: &[&str] = &[
    // Spring forward: the skipped hour moves forward by the gap's length.
    "Europe/Berlin | 2026-03-29T02:30 | 2026-03-29T03:30 | 2026-03-29T01:30",
    "Europe/Berlin | 2026-03-29T02:00 | 2026-03-29T03:00 | 2026-03-29T01:00",
    "Europe/Berlin | 2026-03-29T02:59 | 2026-03-29T03:59 | 2026-03-29T01:59",
    "Europe/Berlin | 2026-03-29T03:00 | 2026-03-29T03:00 | 2026-03-29T01:00",
    "America/New_York | 2026-03-08T02:30 | 2026-03-08T03:30 | 2026-03-08T07:30",
    // Half-hour gap (Lord Howe Island) and a skipped day (Samoa crossing the date line).
    "Australia/Lord_Howe | 2026-10-04T02:15 | 2026-10-04T02:45 | 2026-10-03T15:45",
    "Pacific/Apia | 2011-12-30T10:00 | 2011-12-31T10:00 | 2011-12-30T20:00",
    // Fall back: the repeated hour names its first instant (summer time).
    "Europe/Berlin | 2026-10-25T02:30 | 2026-10-25T02:30 | 2026-10-25T00:30",
    "America/New_York | 2026-11-01T01:30 | 2026-11-01T01:30 | 2026-11-01T05:30",
    // Ordinary times are left alone.
    "Europe/Berlin | 2026-11-23T09:00 | 2026-11-23T09:00 | 2026-11-23T08:00",
    "America/New_York | 2026-07-01T09:00 | 2026-07-01T09:00 | 2026-07-01T13:00",
];

#[test]
fn skipped_times_move_forward_by_the_gap_and_repeated_ones_take_the_first_instant() {
    for row in TABLE {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let zone: Tz = cells[0].parse().unwrap();
        let t = at(cells[1]);
        assert_eq!(as_shown(&zone, t), at(cells[2]), "{row}");
        assert_eq!(
            instant(&zone, t).unwrap().naive_utc(),
            at(cells[3]),
            "{row}"
        );
    }
}

#[test]
fn a_zone_without_changes_and_the_ends_of_the_calendar() {
    assert_eq!(
        as_shown(&Utc, at("2026-03-29T02:30")),
        at("2026-03-29T02:30")
    );
    assert_eq!(
        instant(&Utc, NaiveDateTime::MAX).unwrap().naive_utc(),
        NaiveDateTime::MAX
    );
    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    assert_eq!(as_shown(&berlin, NaiveDateTime::MIN), NaiveDateTime::MIN);
}
