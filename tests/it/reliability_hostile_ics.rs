//! Hostile calendar files and recurrence rules: deep nesting, rules that repeat every minute or
//! second, a huge COUNT, huge files, calendars that expand without end. Each is refused with exit
//! code 2, a message naming the event or the limit, and the database file byte for byte as it
//! was; a ritual with such a rule is refused wherever it can come in, and one already stored
//! leaves the agenda fast and whole.

use crate::support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use support::{stderr, stdout};

const GOOGLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/google.ics");
const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

/// `bearing --db DB ARGS` with the fixed clock, killed (and the test failed) if it runs longer
/// than `limit`: a hostile file must not keep Bearing busy.
fn run_within(db: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = support::command(db, args)
        .env("TZ", "Europe/Berlin")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{args:?} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn run(db: &Path, args: &[&str]) -> Output {
    run_within(db, args, Duration::from_secs(60))
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Adds a weekly hour-long ritual.
fn weekly(db: &Path, name: &str, start: &str) {
    let rule = "FREQ=WEEKLY";
    let duration = "60";
    ok(
        db,
        &[
            "ritual",
            "add",
            "--name",
            name,
            "--rrule",
            rule,
            "--start",
            start,
            "--duration",
            duration,
        ],
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
}

/// A VEVENT at 09:00 UTC on `day` (YYYYMMDD) with an optional rule.
fn vevent(uid: &str, day: &str, rule: Option<&str>) -> String {
    let rule = rule.map(|r| format!("RRULE:{r}\r\n")).unwrap_or_default();
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid}\r\nDTSTART:{day}T090000Z\r\n\
         DTEND:{day}T091500Z\r\n{rule}END:VEVENT\r\n"
    )
}

/// The generated files of the table, each with what its message must say.
fn generated(dir: &Path) -> Vec<(PathBuf, String)> {
    let nested = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}{}END:VCALENDAR\r\n",
        "BEGIN:VEVENT\r\n".repeat(10_000),
        "END:VEVENT\r\n".repeat(10_000)
    );
    // A valid calendar just over the limit: one event and an extension property, repeated.
    let end = "END:VCALENDAR\r\n";
    let mut huge = calendar(&vevent("big", "20261123", None)).into_bytes();
    huge.truncate(huge.len() - end.len());
    let pad = b"X-PAD:0123456789012345678901234567890123456789012345678901234567890123456789\r\n";
    while huge.len() + end.len() <= 64 * 1024 * 1024 {
        huge.extend_from_slice(pad);
    }
    huge.extend_from_slice(end.as_bytes());
    let big = dir.join("huge.ics");
    std::fs::write(&big, &huge).unwrap();
    let many: String = (0..50_001)
        .map(|n| format!("BEGIN:VEVENT\r\nUID:{n}\r\nDTSTART:20261123T090000Z\r\nEND:VEVENT\r\n"))
        .collect();
    // Thirty series of four meetings a day: 4,400 each in the three years kept.
    let busy: String = (0..30)
        .map(|n| {
            let rule = "FREQ=DAILY;BYHOUR=8,10,13,15";
            vevent(&format!("busy-{n}"), "20250101", Some(rule))
        })
        .collect();
    // A series with COUNT is stepped through from its first meeting: 101 × 10,000 steps.
    let ancient: String = (0..101)
        .map(|n| {
            vevent(
                &format!("ancient-{n}"),
                "10000101",
                Some("FREQ=DAILY;COUNT=10000"),
            )
        })
        .collect();
    vec![
        (
            write(dir, "nested.ics", &nested),
            "its components nest 10001 deep (at most 16 are allowed".into(),
        ),
        (
            big,
            "it is larger than 64 MB, the most Bearing reads".into(),
        ),
        (
            "/dev/zero".into(),
            "it is larger than 64 MB, the most Bearing reads".into(),
        ),
        (
            write(dir, "many.ics", &calendar(&many)),
            "it holds 50001 events (Bearing reads at most 50000".into(),
        ),
        (
            write(dir, "busy.ics", &calendar(&busy)),
            "it puts more than 100000 events on the agenda from 2025-11-23 to 2028-11-21 \
             (Bearing keeps at most 100000; event \"busy-0\" (UID busy-0) alone has 4380)"
                .into(),
        ),
        (
            write(dir, "ancient.ics", &calendar(&ancient)),
            "run through more than 1000000 occurrences (a series with COUNT counts from its \
             first meeting; Bearing reads at most 1000000), the last at event \"ancient-100\""
                .into(),
        ),
    ]
}

#[test]
fn hostile_calendar_files_exit_2_and_leave_the_database_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["import-ics", GOOGLE, "--name", "work"]);
    weekly(&db, "Staff", "2026-11-23T10:00");
    let agenda = ok(&db, &["agenda", "--format", "json"]);
    let bytes = std::fs::read(&db).unwrap();

    let fixture = |name: &str| PathBuf::from(format!("{HOSTILE}/{name}"));
    let mut cases: Vec<(PathBuf, String)> = vec![
        (
            fixture("dense-byhour-byminute.ics"),
            "1 event repeats more often than Bearing follows: \"Every minute\" (UID \
             dense@hostile): it meets 1440 times a day (BYHOUR × BYMINUTE × BYSECOND = 24 × 60 \
             × 1); a meeting repeats at most 4 times a day"
                .into(),
        ),
        (
            fixture("dense-bysecond.ics"),
            "\"Every second\" (UID seconds@hostile): it meets 86400 times a day".into(),
        ),
        (
            fixture("freq-secondly.ics"),
            "\"Tick\" (UID tick@hostile): FREQ=SECONDLY repeats more often than daily".into(),
        ),
        (
            fixture("huge-count.ics"),
            "\"Forever\" (UID forever@hostile): COUNT=999999999 asks for more than 10000 \
             meetings"
                .into(),
        ),
        // 72 KB on bare CRs with a mismatched END at the end, and a 70,000-character line
        // with a bad byte at its end: the parser's error formatting panicked on both (exit 101).
        (
            fixture("bare-cr-long.ics"),
            "it is not valid iCalendar (content line 12006 cannot be read)".into(),
        ),
        (
            fixture("long-line.ics"),
            "it is not valid iCalendar (content line 3 cannot be read)".into(),
        ),
    ];
    cases.extend(generated(dir.path()));
    for (file, expected) in &cases {
        let started = Instant::now();
        let file = file.to_str().unwrap();
        let out = run(&db, &["import-ics", file, "--name", "work"]);
        let took = started.elapsed();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert!(err.contains(expected.as_str()), "{file}: {err}");
        assert!(
            err.starts_with(&format!("bearing: cannot import {file}: ")),
            "{file}: {err}"
        );
        assert!(
            err.trim_end().ends_with("nothing was changed"),
            "{file}: {err}"
        );
        assert_eq!(stdout(&out), "", "{file}");
        assert!(
            std::fs::read(&db).unwrap() == bytes,
            "{file} changed the database file"
        );
        eprintln!("{file}: refused in {took:?}");
    }
    assert_eq!(ok(&db, &["agenda", "--format", "json"]), agenda);
}

#[test]
fn line_ends_of_any_kind_read_alike_and_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    // The tester's file: 12,000 properties on bare CRs and no event. It panicked (exit 101);
    // it is a calendar without events.
    let cr = format!(
        "BEGIN:VCALENDAR\rVERSION:2.0\r{}END:VCALENDAR\r",
        "X-A:b\r".repeat(12_000)
    );
    let file = write(dir.path(), "cr_long.ics", &cr);
    let out = ok(&db, &["import-ics", file.to_str().unwrap()]);
    assert!(out.starts_with("Imported 0 events"), "{out}");
    // The same events on CRLF, bare LF and bare CR. On bare LFs the parser searched the rest of
    // the file for a CRLF at every line: 20,000 events took 8.8 s instead of 0.3 s, and a file
    // of 2,000 events and 200,000 properties longer than this test allows.
    let events: String = (0..2_000)
        .map(|n| vevent(&format!("e{n}"), "20261124", None))
        .collect();
    let padding = "X-PAD:0123456789\r\n".repeat(200_000);
    let crlf = calendar(&format!("{events}{padding}"));
    for (name, text) in [
        ("crlf.ics", crlf.clone()),
        ("lf.ics", crlf.replace("\r\n", "\n")),
        ("cr.ics", crlf.replace("\r\n", "\r")),
    ] {
        let file = write(dir.path(), name, &text);
        let started = Instant::now();
        let out = run_within(
            &db,
            &["import-ics", file.to_str().unwrap(), "--name", "same"],
            Duration::from_secs(30),
        );
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert!(
            stdout(&out).starts_with("Imported 2000 events"),
            "{name}: {}",
            stdout(&out)
        );
        eprintln!("{name}: imported in {:?}", started.elapsed());
    }
}

#[test]
fn skip_refused_imports_the_rest_and_names_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let google = std::fs::read_to_string(GOOGLE).unwrap();
    let dense = std::fs::read_to_string(format!("{HOSTILE}/dense-byhour-byminute.ics")).unwrap();
    let dense_event =
        &dense[dense.find("BEGIN:VEVENT").unwrap()..dense.find("END:VCALENDAR").unwrap()];
    let mixed = google.replace("END:VCALENDAR", &format!("{dense_event}END:VCALENDAR"));
    let file = write(dir.path(), "mixed.ics", &mixed);
    let file = file.to_str().unwrap();

    let out = run(&db, &["import-ics", file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`--skip-refused` imports the other 7 without them"),
        "{}",
        stderr(&out)
    );
    let out = run(&db, &["import-ics", file, "--skip-refused"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("Imported 7 events (2 recurring) from {file}; replaced 0.\n")
    );
    assert!(
        stderr(&out).contains(
            "Skipped event \"Every minute\" (UID dense@hostile): it meets 1440 times a day"
        ),
        "{}",
        stderr(&out)
    );
    let week = ok(&db, &["agenda", "--format", "json"]);
    assert!(
        week.contains("Standup") && !week.contains("Every minute"),
        "{week}"
    );
}

const DENSE: &str = "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,15,30,45";

#[test]
fn a_dense_rule_is_refused_at_ritual_add_person_cadence_and_json_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let message = "it meets 32 times a day (BYHOUR × BYMINUTE × BYSECOND = 8 × 4 × 1); a meeting \
                   repeats at most 4 times a day";
    support::fails(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Pings",
            "--rrule",
            DENSE,
            "--start",
            "2026-11-23T09:00",
            "--duration",
            "5",
        ],
        message,
    );
    support::fails(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Ada",
            "--cadence",
            DENSE,
            "--at",
            "09:00",
        ],
        message,
    );
    support::fails(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Ticks",
            "--rrule",
            "FREQ=MINUTELY",
            "--start",
            "2026-11-23T09:00",
            "--duration",
            "5",
        ],
        "FREQ=MINUTELY repeats more often than daily",
    );
    assert!(!db.exists(), "nothing was saved, so no database was made");

    // An export whose ritual was given a dense rule by hand.
    weekly(&db, "Staff", "2026-11-23T10:00");
    let export = ok(&db, &["export", "--format", "json"]);
    let mut json: serde_json::Value = serde_json::from_str(&export).unwrap();
    json["tables"]["ritual"][0]["rrule"] = DENSE.into();
    let file = write(dir.path(), "crafted.json", &json.to_string());
    let fresh = dir.path().join("fresh.db");
    support::fails(
        &fresh,
        &["import", file.to_str().unwrap()],
        &format!("table ritual, id 1 (\"Staff\"): {message}; change its rrule"),
    );
    assert!(
        !fresh.exists(),
        "nothing was imported, so no database was made"
    );
}

#[test]
fn a_dense_ritual_already_stored_leaves_the_agenda_fast_and_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    weekly(&db, "Staff", "2026-11-23T10:00");
    weekly(&db, "Every second", "2026-11-23T00:00");
    // As an older Bearing (or a hand edit) could have stored it: 86,400 meetings a day.
    let all = |n: u32| (0..n).map(|v| v.to_string()).collect::<Vec<_>>().join(",");
    let rule = format!(
        "FREQ=DAILY;BYHOUR={};BYMINUTE={};BYSECOND={}",
        all(24),
        all(60),
        all(60)
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE ritual SET rrule = ?1 WHERE name = 'Every second'",
        [&rule],
    )
    .unwrap();
    drop(conn);

    let started = Instant::now();
    let out = run_within(
        &db,
        &[
            "agenda",
            "--from",
            "2026-11-23",
            "--days",
            "366",
            "--format",
            "json",
        ],
        Duration::from_secs(20),
    );
    let took = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    eprintln!("agenda --days 366 with a stored 86,400-a-day ritual: {took:?}");
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let staff = items.iter().filter(|i| i["title"] == "Staff").count();
    assert_eq!(staff, 53, "every Monday of the year is still there");
    assert!(items.iter().all(|i| i["title"] != "Every second"));
    assert!(
        stderr(&out).contains(
            "Note: ritual 2 \"Every second\" is left off the agenda: it meets 86400 times a day"
        ),
        "{}",
        stderr(&out)
    );
    let next = ok(&db, &["next", "--format", "json"]);
    assert!(next.contains("Staff"), "{next}");
    // It is the user's own data: its backup restores (a restore checks that rows can be read,
    // not the rules new input must follow).
    let backup = dir.path().join("kept.db");
    ok(&db, &["backup", backup.to_str().unwrap()]);
    ok(&db, &["restore", backup.to_str().unwrap(), "--yes"]);
    assert!(ok(&db, &["ritual", "list"]).contains("Every second"));
}
