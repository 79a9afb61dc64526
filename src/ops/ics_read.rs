//! Reading VEVENTs out of an iCalendar file (Google Calendar, Outlook, Apple) with the
//! `icalendar` crate's parser. Only what the agenda needs is kept; a TZID is resolved to a zone
//! chrono-tz knows, or a fixed offset, with the help of the file's VTIMEZONE blocks
//! (`ics_zones`).

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use chrono_tz::Tz;
use icalendar::parser::{Component, Property, read_calendar_simple, unfold};

use super::ics_versions::{Version, newest};
use super::ics_zones::{Zone, Zones};
use crate::domain::Invalid;
use crate::domain::calendar::{IcsEvent, IcsTime, RDate, event_label, printable};
use crate::domain::text::fit_line;
use crate::schedule::wall_clock::instant;

/// The largest calendar file read. A busy calendar's full export is a few megabytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// How deep components may nest. Calendars nest three deep (VCALENDAR, VEVENT, VALARM); the
/// parser recurses once per level, and 10,000 levels overflow the stack.
pub const MAX_NESTING: usize = 16;
/// The most VEVENTs read from one file: years of a busy calendar.
pub const MAX_EVENTS: usize = 50_000;

/// What a calendar file holds for the agenda: its events, and what of them Bearing reads
/// differently from what the file means, for the import's report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IcsFile {
    pub events: Vec<IcsEvent>,
    /// Titles of changes that apply to a meeting and every later one
    /// (`RECURRENCE-ID;RANGE=THISANDFUTURE`), which Bearing applies to that meeting only.
    pub this_and_future: Vec<String>,
    /// The calendar's own zone (X-WR-TIMEZONE) when chrono-tz knows it: floating times are
    /// read in it, as Google Calendar, which writes it, reads them.
    pub calendar_zone: Option<Tz>,
    /// Titles of the events whose floating start was read in that zone.
    pub in_calendar_zone: Vec<String>,
}

/// Every VEVENT in `text`, in file order. Fails when the text is not iCalendar, is larger or
/// more deeply nested than the limits above, or when an event lacks what every event needs (a
/// DTSTART) or has a value that cannot be read.
pub fn read_events(text: &str) -> Result<Vec<IcsEvent>, Invalid> {
    read_calendar(text).map(|file| file.events)
}

/// `read_events`, with what the import reports about them.
pub fn read_calendar(text: &str) -> Result<IcsFile, Invalid> {
    if text.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let text = text.trim_start_matches('\u{feff}');
    let looks_like_ics = text
        .trim_start()
        .get(..15)
        .is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCALENDAR"));
    if !looks_like_ics {
        return Err(Invalid::new(
            "it is not an iCalendar file (it should start with BEGIN:VCALENDAR)",
        ));
    }
    let unfolded = unfold(&crlf_lines(text));
    check_shape(&unfolded)?;
    // The parser's own error formatting (`read_calendar`, nom-language's `convert_error`) panics
    // on a line longer than 65,535 characters; this one reports where it stopped instead.
    let mut components = read_calendar_simple(&unfolded).map_err(|e| {
        let at = unfolded.len().saturating_sub(e.input.len());
        let line = unfolded.get(..at).unwrap_or("").matches('\n').count() + 1;
        Invalid::new(format!(
            "it is not valid iCalendar (content line {line} cannot be read)"
        ))
    })?;
    let in_calendar = components
        .first()
        .is_some_and(|root| root.name.as_str().eq_ignore_ascii_case("VCALENDAR"));
    let calendar_zone = components
        .first()
        .filter(|_| in_calendar)
        .and_then(|root| value(root, "X-WR-TIMEZONE"))
        .and_then(|name| name.trim_start_matches('/').parse::<Tz>().ok());
    let events = if in_calendar {
        components.swap_remove(0).components
    } else {
        components
    };
    let zones = Zones::of(&events);
    let mut in_zone = Vec::new();
    let mut versions = Vec::new();
    let vevents = events
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"));
    for (n, c) in vevents.enumerate() {
        let mut event = read_event(n, c, &zones)?;
        if let Some(zone) = calendar_zone
            && read_in_zone(&mut event, zone)
            && !in_zone.contains(&event.title)
        {
            in_zone.push(event.title.clone());
        }
        let this_and_future = props(c, "RECURRENCE-ID")
            .filter_map(|p| param(p, "RANGE"))
            .any(|range| range.eq_ignore_ascii_case("THISANDFUTURE"));
        versions.push((event, version(c), this_and_future));
    }
    let mut file = IcsFile {
        calendar_zone,
        in_calendar_zone: in_zone,
        ..IcsFile::default()
    };
    for (event, this_and_future) in newest(versions) {
        if this_and_future && !file.this_and_future.contains(&event.title) {
            file.this_and_future.push(event.title.clone());
        }
        file.events.push(event);
    }
    Ok(file)
}

/// The event's floating times as times of `zone`; true when its start was one.
fn read_in_zone(event: &mut IcsEvent, zone: Tz) -> bool {
    let in_zone = |t: &mut IcsTime| {
        if let IcsTime::Floating(n) = *t {
            *t = IcsTime::Zoned(n, zone);
        }
    };
    let floating = matches!(event.start, IcsTime::Floating(_));
    in_zone(&mut event.start);
    event.end.iter_mut().for_each(in_zone);
    event.recurrence_id.iter_mut().for_each(in_zone);
    event.exdates.iter_mut().for_each(in_zone);
    event.rdates.iter_mut().for_each(|r| in_zone(&mut r.start));
    floating
}

/// How new this version of its event is: SEQUENCE and DTSTAMP, when they can be read.
fn version(c: &Component<'_>) -> Version {
    Version {
        sequence: value(c, "SEQUENCE")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        stamp: value(c, "DTSTAMP").and_then(|s| parse_date_time(s.trim_end_matches(['Z', 'z']))),
    }
}

/// The text of an iCalendar file's `bytes`, its folded lines joined. RFC 5545 §3.1 folds at
/// octets, so a line may be cut inside a multi-byte UTF-8 character: the folds come out before
/// the bytes are read as UTF-8, or each half would read as U+FFFD. Bytes that are not UTF-8
/// still read as U+FFFD.
pub fn unfolded_text(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let line_end = match (byte, bytes.get(at + 1)) {
            (b'\r', Some(b'\n')) => Some(2),
            (b'\r' | b'\n', _) => Some(1),
            _ => None,
        };
        if let Some(width) = line_end
            && matches!(bytes.get(at + width), Some(b' ' | b'\t'))
        {
            at += width + 1;
            continue;
        }
        out.push(byte);
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every line break as CRLF, as RFC 5545 writes them. A file with bare CRs (classic Mac OS line
/// ends) is one endless line to the parser, and on bare LFs it looks for each value's end with
/// `take_until("\r\n")` first, through the rest of the file: a 50,000-event file then took
/// over a minute.
fn crlf_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                out.push_str("\r\n");
                chars.next_if_eq(&'\n');
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

/// The message for a file larger than `MAX_FILE_BYTES`.
pub fn too_big() -> Invalid {
    Invalid::new(format!(
        "it is larger than {} MB, the most Bearing reads (export a shorter period)",
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// Checks nesting and the number of events before the parser sees the text. The parser enters a
/// component at a line starting with `BEGIN:` (any case) and fails at the first `END:` that does
/// not close it, so counting those lines bounds how deep it can recurse.
fn check_shape(unfolded: &str) -> Result<(), Invalid> {
    let (mut depth, mut deepest, mut events) = (0usize, 0usize, 0usize);
    for line in unfolded.split('\n') {
        let head = |prefix: &str| {
            line.get(..prefix.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
        };
        if head("BEGIN:") {
            depth += 1;
            deepest = deepest.max(depth);
            let name = line.get(6..).unwrap_or("").trim_end();
            events += usize::from(name.eq_ignore_ascii_case("VEVENT"));
        } else if head("END:") {
            depth = depth.saturating_sub(1);
        }
    }
    if deepest > MAX_NESTING {
        return Err(Invalid::new(format!(
            "its components nest {deepest} deep (at most {MAX_NESTING} are allowed; a calendar \
             nests 3: VCALENDAR, VEVENT, VALARM)"
        )));
    }
    if events > MAX_EVENTS {
        return Err(Invalid::new(format!(
            "it holds {events} events (Bearing reads at most {MAX_EVENTS}; export a shorter \
             period)"
        )));
    }
    Ok(())
}

fn props<'a>(c: &'a Component<'_>, name: &'static str) -> impl Iterator<Item = &'a Property<'a>> {
    c.properties
        .iter()
        .filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn value<'a>(c: &'a Component<'_>, name: &'static str) -> Option<&'a str> {
    props(c, name).next().map(|p| p.val.as_str().trim())
}

fn read_event(n: usize, c: &Component<'_>, zones: &Zones<'_>) -> Result<IcsEvent, Invalid> {
    // Another program's title: cut to fit a one-line field rather than refuse the calendar.
    let title = value(c, "SUMMARY")
        .map(fit_line)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "(no title)".to_string());
    let uid = value(c, "UID")
        .filter(|s| !s.is_empty())
        .map_or_else(|| format!("no-uid-{}", n + 1), str::to_string);
    let which = || format!("event {}", event_label(&title, &uid));
    let cannot_read = |name: &str, part: &str| {
        Invalid::new(format!(
            "{}: cannot read {name} \"{}\"",
            which(),
            printable(part)
        ))
    };
    let time = |name: &'static str| -> Result<Option<IcsTime>, Invalid> {
        props(c, name)
            .next()
            .map(|p| {
                parse_time(p, p.val.as_str().trim(), zones)
                    .ok_or_else(|| cannot_read(name, p.val.as_str()))
            })
            .transpose()
    };
    let start =
        time("DTSTART")?.ok_or_else(|| Invalid::new(format!("{} has no DTSTART", which())))?;
    let duration = value(c, "DURATION")
        .map(|d| parse_duration(d).ok_or_else(|| cannot_read("DURATION", d)))
        .transpose()?;
    let mut exdates = Vec::new();
    for (p, part) in list_values(c, "EXDATE") {
        exdates.push(parse_time(p, part, zones).ok_or_else(|| cannot_read("EXDATE", part))?);
    }
    let mut rdates = Vec::new();
    for (p, part) in list_values(c, "RDATE") {
        rdates.push(parse_rdate(p, part, zones).ok_or_else(|| cannot_read("RDATE", part))?);
    }
    let rrules = props(c, "RRULE")
        .map(|p| p.val.as_str().trim())
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Ok(IcsEvent {
        end: time("DTEND")?,
        recurrence_id: time("RECURRENCE-ID")?,
        rrules,
        rdates,
        cancelled: value(c, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")),
        uid,
        title,
        start,
        duration,
        exdates,
    })
}

/// Every comma-separated value of every `name` property, with the property it came from.
fn list_values<'a>(
    c: &'a Component<'_>,
    name: &'static str,
) -> impl Iterator<Item = (&'a Property<'a>, &'a str)> {
    props(c, name).flat_map(|p| {
        p.val
            .as_str()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(move |part| (p, part))
    })
}

/// One RDATE value: a date, a date-time, or a PERIOD (`start/end` or `start/duration`), whose
/// length is that instance's own (RFC 5545 §3.8.5.2).
fn parse_rdate(p: &Property<'_>, text: &str, zones: &Zones<'_>) -> Option<RDate> {
    let Some((start, rest)) = text.split_once('/') else {
        return Some(RDate {
            start: parse_time(p, text, zones)?,
            length: None,
        });
    };
    let start = parse_time(p, start, zones)?;
    let length = match parse_duration(rest) {
        Some(length) => length,
        None => {
            let end = parse_time(p, rest, zones)?;
            // A UTC end after a zoned start (the form RFC 5545 shows) is compared as instants.
            match (&start, &end) {
                (IcsTime::Zoned(s, tz), IcsTime::Utc(e)) => {
                    e.signed_duration_since(instant(tz, *s)?.naive_utc())
                }
                (IcsTime::Offset(s, offset), IcsTime::Utc(e)) => {
                    e.signed_duration_since(instant(offset, *s)?.naive_utc())
                }
                _ => end.naive().signed_duration_since(start.naive()),
            }
        }
    };
    Some(RDate {
        start,
        length: Some(length.max(TimeDelta::zero())),
    })
}

fn param<'a>(p: &'a Property<'_>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|param| param.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|param| param.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// One date or date-time `text` with the parameters (VALUE, TZID) of its property `p`.
fn parse_time(p: &Property<'_>, text: &str, zones: &Zones<'_>) -> Option<IcsTime> {
    // Google writes birthdays' RDATEs as `20131210Z`: a date all the same.
    let bare = text.trim_end_matches(['Z', 'z']);
    let is_date = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (bare.len() == 8 && !bare.contains('T'));
    if is_date {
        return NaiveDate::parse_from_str(bare, "%Y%m%d")
            .ok()
            .map(IcsTime::Date);
    }
    if let Some(utc) = text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        return parse_date_time(utc).map(IcsTime::Utc);
    }
    let t = parse_date_time(text)?;
    Some(match param(p, "TZID") {
        None => IcsTime::Floating(t),
        Some(name) => match zones.resolve(name) {
            Some(Zone::Named(tz)) => IcsTime::Zoned(t, tz),
            Some(Zone::Fixed(offset)) => IcsTime::Offset(t, offset),
            None => IcsTime::UnknownZone(t, name.to_string()),
        },
    })
}

fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M"))
        .ok()
}

/// RFC 5545 §3.3.6 durations: `PT1H30M`, `P1D`, `P2W`, `P1DT12H`, `-PT15M` (negative ones, which
/// make no sense for an event's length, count as zero).
pub fn parse_duration(text: &str) -> Option<TimeDelta> {
    let text = text.trim().to_ascii_uppercase();
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text.as_str()),
    };
    let rest = rest.strip_prefix('P')?;
    let (days_part, time_part) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (rest, None),
    };
    let mut seconds: i64 = 0;
    let mut any = false;
    for (part, units) in [
        (days_part, &[('W', 7 * 86_400), ('D', 86_400)][..]),
        (
            time_part.unwrap_or(""),
            &[('H', 3_600), ('M', 60), ('S', 1)][..],
        ),
    ] {
        let mut number = String::new();
        for ch in part.chars() {
            if ch.is_ascii_digit() {
                number.push(ch);
                continue;
            }
            let (_, size) = units.iter().find(|(unit, _)| *unit == ch)?;
            let n: i64 = std::mem::take(&mut number).parse().ok()?;
            seconds = seconds.checked_add(n.checked_mul(*size)?)?;
            any = true;
        }
        if !number.is_empty() {
            return None;
        }
    }
    if !any {
        return None;
    }
    Some(if negative {
        TimeDelta::zero()
    } else {
        TimeDelta::try_seconds(seconds)?
    })
}

#[cfg(test)]
#[path = "ics_read_tests.rs"]
pub(crate) mod tests;
