use chrono::FixedOffset;
use chrono_tz::Tz;
use icalendar::parser::{read_calendar_simple, unfold};

use super::{WINDOWS_ZONES, Zone, Zones, parse_offset, windows};

fn tz(name: &str) -> Zone {
    Zone::Named(name.parse::<Tz>().unwrap())
}

fn east(hours: i32, minutes: i32) -> Zone {
    Zone::Fixed(FixedOffset::east_opt(hours * 3600 + minutes * 60).unwrap())
}

/// What each TZID resolves to in a calendar holding the VTIMEZONE blocks `vtimezones`.
fn resolved(vtimezones: &str, tzids: &[&str]) -> Vec<Option<Zone>> {
    let text = format!("BEGIN:VCALENDAR\r\n{vtimezones}END:VCALENDAR\r\n").replace("\r\n", "\n");
    let text = unfold(&text.replace('\n', "\r\n"));
    let components = read_calendar_simple(&text).unwrap();
    let zones = Zones::of(&components[0].components);
    tzids.iter().map(|id| zones.resolve(id)).collect()
}

fn vtimezone(tzid: &str, extra: &str, observances: &str) -> String {
    format!("BEGIN:VTIMEZONE\nTZID:{tzid}\n{extra}{observances}END:VTIMEZONE\n")
}

fn observance(kind: &str, to: &str, rule: &str) -> String {
    format!(
        "BEGIN:{kind}\nDTSTART:19700101T000000\nTZOFFSETFROM:{to}\nTZOFFSETTO:{to}\n{rule}END:{kind}\n"
    )
}

#[test]
fn iana_names_resolve_as_before_with_or_without_a_leading_slash() {
    assert_eq!(
        resolved("", &["Europe/Berlin", "/America/New_York", "UTC"]),
        [
            Some(tz("Europe/Berlin")),
            Some(tz("America/New_York")),
            Some(tz("UTC"))
        ]
    );
}

#[test]
fn x_lic_location_names_the_zone_of_a_tzid_chrono_tz_does_not_know() {
    let london = vtimezone("Custom London", "X-LIC-LOCATION:Europe/London\n", "");
    // It comes before a path's tail: Evolution's location is what it means.
    let path = vtimezone(
        "/example.org/Tzfile/Europe/Paris",
        "X-LIC-LOCATION:Europe/Lisbon\n",
        "",
    );
    // A location chrono-tz does not know is passed over.
    let unknown = vtimezone("Mars time", "X-LIC-LOCATION:Mars/Olympus\n", "");
    assert_eq!(
        resolved(
            &format!("{london}{path}{unknown}"),
            &[
                "Custom London",
                "/example.org/Tzfile/Europe/Paris",
                "Mars time"
            ]
        ),
        [Some(tz("Europe/London")), Some(tz("Europe/Lisbon")), None]
    );
}

#[test]
fn a_path_ending_in_an_iana_name_resolves_to_it() {
    assert_eq!(
        resolved(
            "",
            &[
                "/freeassociation.sourceforge.net/Tzfile/Europe/London",
                "/freeassociation.sourceforge.net/America/Argentina/Buenos_Aires",
                "/mozilla.org/20050126_1/Europe/Berlin",
                "/softwarestudio.org/Olson_20011030_5/America/New_York",
                "/example.org/not/a/zone",
                "/example.org/",
            ]
        ),
        [
            Some(tz("Europe/London")),
            Some(tz("America/Argentina/Buenos_Aires")),
            Some(tz("Europe/Berlin")),
            Some(tz("America/New_York")),
            None,
            None,
        ]
    );
}

#[test]
fn windows_names_resolve_by_the_cldr_table() {
    assert_eq!(
        resolved(
            "",
            &[
                "W. Europe Standard Time",
                "Eastern Standard Time",
                "GMT Standard Time",
                "Pacific Standard Time",
                "India Standard Time",
                "Tokyo Standard Time",
                "UTC",
                "Eastern Standard Time (Mexico)",
            ]
        ),
        [
            Some(tz("Europe/Berlin")),
            Some(tz("America/New_York")),
            Some(tz("Europe/London")),
            Some(tz("America/Los_Angeles")),
            Some(tz("Asia/Calcutta")),
            Some(tz("Asia/Tokyo")),
            Some(tz("UTC")),
            Some(tz("America/Cancun")),
        ]
    );
}

#[test]
fn the_windows_table_is_sorted_and_every_zone_in_it_is_known() {
    assert!(WINDOWS_ZONES.windows(2).all(|w| w[0].0 < w[1].0));
    for (name, zone) in WINDOWS_ZONES {
        assert!(zone.parse::<Tz>().is_ok(), "{name}: {zone}");
        assert!(windows(name).is_some(), "{name}");
    }
    assert_eq!(WINDOWS_ZONES.len(), 139);
}

#[test]
fn a_vtimezone_with_one_offset_and_no_rules_is_that_fixed_offset() {
    let five = vtimezone("+0500", "", &observance("STANDARD", "+0500", ""));
    let india = vtimezone(
        "India (no DST)",
        "",
        &format!(
            "{}{}",
            observance("STANDARD", "+0530", ""),
            observance("DAYLIGHT", "+0530", "")
        ),
    );
    let west = vtimezone("Custom west", "", &observance("STANDARD", "-0330", ""));
    // Two offsets, or a rule: a zone that changes its clocks, which Bearing does not evaluate.
    let two = vtimezone(
        "Two offsets",
        "",
        &format!(
            "{}{}",
            observance("STANDARD", "+0100", ""),
            observance("DAYLIGHT", "+0200", "")
        ),
    );
    let ruled = vtimezone(
        "Ruled",
        "",
        &observance(
            "STANDARD",
            "+0100",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n",
        ),
    );
    let empty = vtimezone("Empty", "", "");
    assert_eq!(
        resolved(
            &format!("{five}{india}{west}{two}{ruled}{empty}"),
            &[
                "+0500",
                "India (no DST)",
                "Custom west",
                "Two offsets",
                "Ruled",
                "Empty",
                "No VTIMEZONE"
            ]
        ),
        [
            Some(east(5, 0)),
            Some(east(5, 30)),
            Some(east(-3, -30)),
            None,
            None,
            None,
            None
        ]
    );
}

#[test]
fn utc_offsets_read_as_rfc_5545_writes_them() {
    let secs = |s: i32| FixedOffset::east_opt(s);
    assert_eq!(parse_offset("+0500"), secs(5 * 3600));
    assert_eq!(parse_offset("-0330"), secs(-(3 * 3600 + 30 * 60)));
    assert_eq!(parse_offset("+001730"), secs(17 * 60 + 30));
    for bad in ["0500", "+05", "+05:00", "+0560", "+2500", "", "+", "-0a00"] {
        assert_eq!(parse_offset(bad), None, "{bad}");
    }
}

#[test]
fn a_hostile_path_of_a_tzid_is_resolved_quickly() {
    // Every tail of 100,000 segments was looked up: quadratic in the TZID's length.
    let tzid = format!("{}Europe/Nowhere", "/x".repeat(100_000));
    let started = std::time::Instant::now();
    assert_eq!(resolved("", &[&tzid]), [None]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
