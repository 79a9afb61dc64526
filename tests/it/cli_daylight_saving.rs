//! Meetings on the days the clocks change, through the real binary in Berlin and New York: a time
//! the clocks skip is shown when they get there (RFC 5545 §3.3.5), one they repeat at its first
//! instant, and nothing ends before it starts, for imported events and rituals alike.

use crate::support;

use serde_json::Value;
use std::path::Path;
use support::{FIXED_NOW, stderr, stdout};

fn bearing(db: &Path, zone: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .arg("--db")
        .arg(db)
        .arg("--ignore-config")
        .args(args)
        .env("BEARING_NOW", FIXED_NOW)
        .env("TZ", zone)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Each zone's changes in 2026, and a daily meeting inside the hour it repeats.
struct Zone {
    name: &'static str,
    spring: &'static str,
    fall: &'static str,
    /// The repeated hour's meeting: start, end, and as the agenda shows it.
    repeated: (&'static str, &'static str, &'static str),
}

/// Both skip 02:00–03:00 in spring, so a 02:30 meeting shows at 03:30–04:00.
const ZONES: [Zone; 2] = [
    Zone {
        name: "Europe/Berlin",
        spring: "2026-03-29",
        fall: "2026-10-25",
        repeated: ("02:30", "03:00", "02:30-03:00"),
    },
    Zone {
        name: "America/New_York",
        spring: "2026-03-08",
        fall: "2026-11-01",
        repeated: ("01:30", "02:00", "01:30-02:00"),
    },
];

fn date(day: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap()
}

/// A daily event from `start` to `end` (HH:MM) in `zone` (or floating), from the day before `day`.
fn vevent(uid: &str, zone: Option<&str>, day: &str, start: &str, end: &str) -> String {
    let first = (date(day) - chrono::Days::new(1)).format("%Y%m%d");
    let tzid = zone.map(|z| format!(";TZID={z}")).unwrap_or_default();
    let (start, end) = (start.replace(':', ""), end.replace(':', ""));
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid}\r\nDTSTART{tzid}:{first}T{start}00\r\n\
         DTEND{tzid}:{first}T{end}00\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n"
    )
}

fn items(db: &Path, zone: &str, from: &str, days: &str) -> Vec<Value> {
    let json = bearing(
        db,
        zone,
        &["agenda", "--from", from, "--days", days, "--format", "json"],
    );
    serde_json::from_str(&json).unwrap()
}

fn shown(items: &[Value], title: &str) -> String {
    let item = items
        .iter()
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("{title} missing: {items:?}"));
    format!(
        "{}-{}",
        item["start"].as_str().unwrap(),
        item["end"].as_str().unwrap()
    )
}

#[test]
fn on_the_days_the_clocks_change_meetings_start_when_the_clocks_get_there_and_never_end_first() {
    for zone in ZONES {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.db");
        let (repeated, repeated_end, repeated_shown) = zone.repeated;
        let events = [
            vevent(
                "zoned-spring",
                Some(zone.name),
                zone.spring,
                "02:30",
                "03:00",
            ),
            vevent("floating-spring", None, zone.spring, "02:30", "03:00"),
            vevent(
                "zoned-fall",
                Some(zone.name),
                zone.fall,
                repeated,
                repeated_end,
            ),
        ];
        let ics = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}END:VCALENDAR\r\n",
            events.concat()
        );
        let file = dir.path().join("dst.ics");
        std::fs::write(&file, ics).unwrap();
        bearing(&db, zone.name, &["import-ics", file.to_str().unwrap()]);
        for (name, day, time) in [
            ("ritual-spring", zone.spring, "02:30"),
            ("ritual-fall", zone.fall, repeated),
        ] {
            let start = format!("{}T{time}", date(day) - chrono::Days::new(1));
            let add = [
                "ritual",
                "add",
                "--name",
                name,
                "--rrule",
                "FREQ=DAILY;COUNT=3",
                "--start",
                &start,
                "--duration",
                "30",
            ];
            bearing(&db, zone.name, &add);
        }

        let spring = items(&db, zone.name, zone.spring, "1");
        for title in ["zoned-spring", "floating-spring", "ritual-spring"] {
            assert_eq!(
                shown(&spring, title),
                "03:30-04:00",
                "{} {title}",
                zone.name
            );
        }
        let ritual = spring
            .iter()
            .find(|i| i["title"] == "ritual-spring")
            .unwrap();
        assert_eq!(ritual["occurrence"], format!("{}T02:30", zone.spring));
        assert_eq!(ritual["moved"], false);
        let fall = items(&db, zone.name, zone.fall, "1");
        for title in ["zoned-fall", "ritual-fall"] {
            assert_eq!(shown(&fall, title), repeated_shown, "{} {title}", zone.name);
        }
        // Every timed item of the days around both changes starts before it ends.
        for (day, series) in [(zone.spring, 3), (zone.fall, 2)] {
            let from = (date(day) - chrono::Days::new(1)).to_string();
            let around = items(&db, zone.name, &from, "3");
            assert_eq!(around.len(), 3 * series, "{}: {around:?}", zone.name);
            for item in &around {
                assert!(
                    item["start"].as_str() < item["end"].as_str(),
                    "{}: {item}",
                    zone.name
                );
            }
        }
    }
}
