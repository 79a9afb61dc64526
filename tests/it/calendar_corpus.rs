//! Real calendar files from independent projects' test suites (`tests/fixtures/calendars/`, with
//! their sources in its README): Bearing's expansion must show what those projects state, and
//! what python-recurring-ical-events shows for every file of the corpus.

use bearing::domain::calendar::{CalendarEntry, CalendarEvent, EventSpan};
use bearing::ops::ics_read::read_events;
use bearing::schedule::calendar::{IMPORT_LIMITS, expand};
use chrono::{Duration, NaiveDate, TimeZone};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calendars")
}

fn entries(file: &Path) -> Vec<CalendarEntry> {
    let text = std::fs::read_to_string(file).unwrap();
    read_events(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .into_iter()
        .zip(1..)
        .map(|(event, id)| CalendarEntry {
            id,
            source: "corpus".into(),
            event,
        })
        .collect()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// "start end title", starts in `[from, to)` of `local`: date-times as `YYYY-MM-DDTHH:MM:SS`,
/// all-day events as their first day and exclusive end.
fn shown<L: TimeZone>(file: &Path, from: NaiveDate, to: NaiveDate, local: &L) -> Vec<String> {
    let expansion = expand(&entries(file), from, to, local, IMPORT_LIMITS).unwrap();
    let mut lines: Vec<String> = expansion
        .events
        .iter()
        .filter(|e| e.fields.span.first_day() >= from)
        .map(line)
        .collect();
    lines.sort();
    lines
}

fn line(e: &CalendarEvent) -> String {
    let (start, end) = match e.fields.span {
        EventSpan::Timed { start, end } => (
            start.format("%Y-%m-%dT%H:%M:%S").to_string(),
            end.format("%Y-%m-%dT%H:%M:%S").to_string(),
        ),
        EventSpan::AllDay { first, end } => (first.to_string(), end.to_string()),
    };
    format!("{start} {end} {}", e.fields.title)
}

fn starts_on(lines: &[String], date: &str) -> usize {
    lines.iter().filter(|l| l.starts_with(date)).count()
}

fn utc() -> chrono::Utc {
    chrono::Utc
}

#[test]
fn what_the_sources_state() {
    let file = |path: &str| corpus().join(path);
    let (from, to) = (day("1960-01-01"), day("2040-01-01"));

    // recurring_ical_events test_rdate.py: twelve RDATEs, each its day's one event.
    let hpr = shown(
        &file("recurring-ical-events/rdate_hackerpublicradio.ics"),
        from,
        to,
        &utc(),
    );
    assert_eq!(hpr.len(), 12, "{hpr:?}");
    for d in [
        "2013-08-03",
        "2013-08-31",
        "2013-10-05",
        "2013-11-02",
        "2013-11-30",
        "2014-01-04",
        "2014-02-01",
        "2014-03-01",
        "2014-04-05",
        "2014-05-03",
        "2014-05-31",
        "2014-07-05",
    ] {
        assert_eq!(starts_on(&hpr, d), 1, "{d}");
    }
    // An RDATE the rule also gives counts once; EXDATE takes an RDATE away.
    let rdate = shown(&file("recurring-ical-events/rdate.ics"), from, to, &utc());
    assert_eq!(starts_on(&rdate, "2014-07-05"), 1);
    assert_eq!(starts_on(&rdate, "2015-07-05"), 0);
    assert_eq!(starts_on(&rdate, "2025-07-05"), 0);

    // test_multiple_rrule.py: both rules, 20 + 2 events in 2023.
    let multiple = shown(
        &file("recurring-ical-events/multiple_rrule.ics"),
        day("2023-01-01"),
        day("2024-01-01"),
        &utc(),
    );
    assert_eq!(multiple.len(), 22, "{multiple:?}");
    for d in ["2023-02-09", "2023-02-13", "2023-02-16", "2023-03-13"] {
        assert_eq!(starts_on(&multiple, d), 1, "{d}");
    }

    // test_issue_113_period_in_rdate.py: a PERIOD RDATE keeps its own end.
    let vancouver: chrono_tz::Tz = "America/Vancouver".parse().unwrap();
    let period = shown(
        &file("recurring-ical-events/issue_113_period_in_rdate.ics"),
        day("2023-12-13"),
        day("2023-12-14"),
        &vancouver,
    );
    assert_eq!(
        period,
        ["2023-12-13T12:00:00 2023-12-13T15:00:00 Test RDATE"]
    );
    let duration = shown(
        &file("recurring-ical-events/issue_113_period_rdate_duration.ics"),
        day("2024-09-13"),
        day("2024-09-14"),
        &utc(),
    );
    assert_eq!(
        duration,
        ["2024-09-13T12:00:00 2024-09-13T14:00:00 The RDATE is a period with a duration."]
    );

    // test_daylight_saving_time.py: 19:00 in Berlin in winter and in summer time.
    let berlin: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
    let dst = file("recurring-ical-events/daylight_saving_time.ics");
    for d in ["2019-03-20", "2019-04-24"] {
        let on = shown(&dst, day(d), day(d) + Duration::days(1), &berlin);
        assert!(on[0].starts_with(&format!("{d}T19:00:00")), "{on:?}");
    }

    // khal backend_test.py: overrides of a series that is not in the file, one carrying the
    // series' RRULE, are those instances only (not a series each).
    let berlin_floating = shown(
        &file("khal/event_dt_recuid_no_master.ics"),
        from,
        to,
        &utc(),
    );
    assert_eq!(
        berlin_floating,
        ["2017-03-29T16:00:00 2017-03-29T16:25:00 Infrastructure Planning"]
    );
    let lone = shown(
        &file("khal/event_dt_multi_recuid_no_master.ics"),
        from,
        to,
        &utc(),
    );
    assert_eq!(
        lone,
        [
            "2014-06-30T07:30:00 2014-06-30T12:00:00 Arbeit",
            "2014-07-07T08:30:00 2014-07-07T12:00:00 Arbeit",
        ]
    );
    // khalendar_utils_test.py: four all-day RDATEs, a Zulu EXDATE, a yearly birthday since 1965.
    let rdates = shown(&file("khal/event_d_rdate.ics"), from, to, &berlin);
    let days: Vec<&str> = rdates.iter().map(|l| &l[..21]).collect();
    assert_eq!(
        days,
        [
            "2015-08-12 2015-08-13",
            "2015-08-13 2015-08-14",
            "2015-08-14 2015-08-15",
            "2015-08-15 2015-08-16"
        ]
    );
    assert_eq!(
        shown(&file("khal/event_dtr_exdatez.ics"), from, to, &berlin).len(),
        3
    );
    let birthdays = shown(
        &file("khal/event_r_past.ics"),
        day("1965-01-01"),
        day("2038-01-01"),
        &berlin,
    );
    assert_eq!(birthdays.len(), 73);
    assert!(birthdays[0].starts_with("1965-04-23") && birthdays[72].starts_with("2037-04-23"));

    // ical.js recur_expansion_test.js: the instances (by their original starts) with RDATEs and
    // EXDATEs, in UTC.
    let originals = |path: &str, to: &str| -> Vec<String> {
        let out = expand(
            &entries(&file(path)),
            day("2012-01-01"),
            day(to),
            &utc(),
            IMPORT_LIMITS,
        )
        .unwrap();
        let mut starts: Vec<String> = out
            .events
            .iter()
            .map(|e| {
                let t = e.fields.recurrence_id.unwrap();
                t.format("%Y-%m-%dT%H:%M").to_string()
            })
            .collect();
        starts.sort();
        starts
    };
    let expected = [
        "2012-10-02T17:00",
        "2012-11-05T18:00",
        "2012-11-06T18:00",
        "2012-11-10T18:00",
        "2012-11-30T18:00",
        "2013-01-01T18:00",
    ];
    assert_eq!(
        originals("icaljs/recur_instances.ics", "2013-01-02"),
        expected
    );
    assert_eq!(
        originals("icaljs/recur_instances_finite.ics", "2030-01-01"),
        [
            "2012-10-02T17:00",
            "2012-11-05T18:00",
            "2012-11-06T18:00",
            "2012-11-10T18:00",
            "2012-12-04T18:00",
        ]
    );
    let exdate_day = shown(&file("icaljs/rdate_exdate.ics"), from, to, &utc());
    let starts: Vec<&str> = exdate_day.iter().map(|l| &l[..19]).collect();
    assert_eq!(
        starts,
        [
            "2024-06-09T03:00:00",
            "2024-06-10T03:00:00",
            "2024-06-12T03:00:00"
        ]
    );
}

/// Every corpus file, over three years from its first event.
fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for source in std::fs::read_dir(corpus()).unwrap() {
        let source = source.unwrap().path();
        if !source.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&source).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "ics") {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

/// What python-recurring-ical-events shows for `file` in `[from, to)`, in the same lines as
/// `shown` in UTC; None (and why) when Python or the library is missing.
/// What recurring_ical_events shows of each file between its dates, one Python run for all of
/// them (starting Python with the libraries takes longer than expanding a file): per file, its
/// sorted lines, or `None` where the library cannot read the file (Google's `RDATE:20131210Z`;
/// Bearing can).
fn recurring_ical_events(
    files: &[(PathBuf, NaiveDate, NaiveDate)],
) -> Result<Vec<Option<Vec<String>>>, String> {
    use std::io::Write;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/expand_ics.py");
    let mut child = std::process::Command::new("python3")
        .arg(&script)
        .arg("--batch")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("python3 cannot run ({e})"))?;
    let request: String = files
        .iter()
        .map(|(file, from, to)| format!("{} {from} {to}\n", file.display()))
        .collect();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.code() == Some(3) {
        return Err(stderr.trim().to_string());
    }
    assert!(out.status.success(), "{stderr}");
    let mut shown: Vec<Option<Vec<String>>> = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if line.starts_with("== ") {
            shown.push(Some(Vec::new()));
        } else if line.starts_with("!! ") {
            shown.push(None);
        } else if let Some(Some(lines)) = shown.last_mut() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            lines.push(format!("{} {} {}", s("start"), s("end"), s("title")));
        }
    }
    for lines in shown.iter_mut().flatten() {
        lines.sort();
    }
    assert_eq!(shown.len(), files.len(), "{stderr}");
    Ok(shown)
}

/// Python is optional on a developer's machine; CI (`.ci/run`) installs the libraries and sets
/// BEARING_REQUIRE_PYTHON=1, so a missing one fails there instead of skipping.
fn skip_or_fail(why: &str) {
    let message = format!(
        "skipped: python-recurring-ical-events is not available ({why}); \
         `pip install icalendar recurring-ical-events` to run this check"
    );
    assert!(
        std::env::var_os("BEARING_REQUIRE_PYTHON").is_none(),
        "{message}"
    );
    eprintln!("{message}");
}

#[test]
fn every_corpus_file_shows_what_recurring_ical_events_shows() {
    let (mut compared, mut unread, mut differ) = (0, Vec::new(), Vec::new());
    let files: Vec<(PathBuf, NaiveDate, NaiveDate)> = corpus_files()
        .into_iter()
        .map(|file| {
            let first = entries(&file)
                .iter()
                .map(|e| e.event.start.naive().date())
                .min()
                .unwrap();
            (file, first, first + Duration::days(3 * 366))
        })
        .collect();
    let all_theirs = match recurring_ical_events(&files) {
        Ok(all) => all,
        Err(why) => return skip_or_fail(&why),
    };
    for ((file, from, to), theirs) in files.iter().zip(all_theirs) {
        let Some(theirs) = theirs else {
            unread.push(file.display().to_string());
            continue;
        };
        let ours = shown(file, *from, *to, &utc());
        if ours != theirs {
            let only_ours: Vec<&String> = ours.iter().filter(|l| !theirs.contains(l)).collect();
            let only_theirs: Vec<&String> = theirs.iter().filter(|l| !ours.contains(l)).collect();
            differ.push(format!(
                "{}:\n  only Bearing: {only_ours:?}\n  only recurring_ical_events: {only_theirs:?}",
                file.display()
            ));
        }
        compared += theirs.len();
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    eprintln!(
        "corpus: {compared} occurrences agree with recurring_ical_events; it cannot read {unread:?}"
    );
}
