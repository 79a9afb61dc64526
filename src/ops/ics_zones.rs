//! Which zone a TZID names. chrono-tz knows IANA names; other programs write others, and say
//! what they mean in the file's VTIMEZONE blocks: Evolution and Thunderbird prefix the IANA name
//! with a path and add `X-LIC-LOCATION`, Outlook and Exchange use Windows names (mapped by the
//! Unicode CLDR table), and some write a zone of their own with one fixed offset. A TZID none of
//! these resolves stays unknown and is read as local time (the import names those events).

use std::collections::HashMap;

use chrono::FixedOffset;
use chrono_tz::Tz;
use icalendar::parser::Component;

use super::windows_zones::WINDOWS_ZONES;

/// A resolved TZID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Named(Tz),
    Fixed(FixedOffset),
}

/// The VTIMEZONE blocks of one file, by their TZID.
#[derive(Debug, Default)]
pub struct Zones<'a> {
    defined: HashMap<&'a str, &'a Component<'a>>,
}

impl<'a> Zones<'a> {
    /// The VTIMEZONE blocks among `components` (a calendar's children). The first of a TZID
    /// counts.
    pub fn of(components: &'a [Component<'a>]) -> Zones<'a> {
        let mut defined = HashMap::new();
        for c in components
            .iter()
            .filter(|c| c.name.as_str().eq_ignore_ascii_case("VTIMEZONE"))
        {
            if let Some(tzid) = value(c, "TZID") {
                defined.entry(tzid).or_insert(c);
            }
        }
        Zones { defined }
    }

    /// The zone `tzid` names, in this order: an IANA name chrono-tz knows (after leading `/`),
    /// the IANA name its VTIMEZONE gives as `X-LIC-LOCATION`, an IANA name after a
    /// `/`-separated prefix (`/mozilla.org/20050126_1/Europe/Berlin`), a Windows name, or the
    /// one offset its VTIMEZONE keeps all year. None otherwise.
    pub fn resolve(&self, tzid: &str) -> Option<Zone> {
        let tzid = tzid.trim();
        let defined = self.defined.get(tzid).copied();
        iana(tzid.trim_start_matches('/'))
            .or_else(|| {
                defined
                    .and_then(|c| value(c, "X-LIC-LOCATION"))
                    .and_then(iana)
            })
            .or_else(|| after_prefix(tzid))
            .or_else(|| windows(tzid))
            .map(Zone::Named)
            .or_else(|| defined.and_then(fixed_offset).map(Zone::Fixed))
    }
}

/// Longer than any IANA name (the longest is 32 bytes): what is longer is not looked up, so a
/// hostile TZID of many path segments is not looked up once per segment.
const LONGEST_NAME: usize = 64;

fn iana(name: &str) -> Option<Tz> {
    let name = name.trim();
    if name.len() > LONGEST_NAME {
        return None;
    }
    name.parse::<Tz>().ok()
}

/// The IANA name at the end of a path: the longest tail after a `/` that chrono-tz knows.
fn after_prefix(tzid: &str) -> Option<Tz> {
    let shortest_start = tzid.len().saturating_sub(LONGEST_NAME + 1);
    tzid.match_indices('/')
        .filter(|(at, _)| *at >= shortest_start)
        .find_map(|(at, _)| tzid.get(at + 1..).filter(|t| !t.is_empty()).and_then(iana))
}

/// The IANA zone CLDR maps a Windows zone name to (its territory "001" row).
pub fn windows(name: &str) -> Option<Tz> {
    let at = WINDOWS_ZONES
        .binary_search_by(|(windows, _)| (*windows).cmp(name))
        .ok()?;
    WINDOWS_ZONES.get(at).and_then(|(_, zone)| iana(zone))
}

/// The offset of a VTIMEZONE whose observances (STANDARD, DAYLIGHT) never repeat (no RRULE, no
/// RDATE) and all turn the clocks to the same offset: a zone with one offset all year.
fn fixed_offset(vtimezone: &Component<'_>) -> Option<FixedOffset> {
    let observances: Vec<&Component<'_>> = vtimezone
        .components
        .iter()
        .filter(|c| {
            let name = c.name.as_str();
            name.eq_ignore_ascii_case("STANDARD") || name.eq_ignore_ascii_case("DAYLIGHT")
        })
        .collect();
    let repeats = observances
        .iter()
        .any(|c| value(c, "RRULE").is_some() || value(c, "RDATE").is_some());
    if observances.is_empty() || repeats {
        return None;
    }
    let mut offsets = observances
        .iter()
        .map(|c| value(c, "TZOFFSETTO").and_then(parse_offset));
    let first = offsets.next()??;
    offsets.all(|o| o == Some(first)).then_some(first)
}

/// An RFC 5545 §3.3.14 UTC offset: `+0500`, `-0330`, `+053000`.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, digits) = match text.trim().as_bytes().first()? {
        b'+' => (1, text.trim().get(1..)?),
        b'-' => (-1, text.trim().get(1..)?),
        _ => return None,
    };
    if !matches!(digits.len(), 4 | 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let part = |range: std::ops::Range<usize>| digits.get(range)?.parse::<i32>().ok();
    let (hours, minutes) = (part(0..2)?, part(2..4)?);
    let seconds = if digits.len() == 6 { part(4..6)? } else { 0 };
    if minutes > 59 || seconds > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60 + seconds))
}

fn value<'a>(c: &'a Component<'_>, name: &str) -> Option<&'a str> {
    c.properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
        .map(|p| p.val.as_str().trim())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
#[path = "ics_zones_tests.rs"]
mod tests;
