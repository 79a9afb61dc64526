//! One text-limit policy on the command line: a one-line field (names, titles) takes up to 300
//! characters and a long text (notes, agendas, mitigation) up to 20,000. Longer input is refused
//! with exit code 2, a message naming the flag and the limit, and the database unchanged.

use crate::support;

use support::{bearing, ok, stderr};

const LINE_MAX: usize = 300;
const BODY_MAX: usize = 20_000;

fn export(db: &std::path::Path) -> String {
    ok(db, &["export", "--format", "json"])
}

fn seeded(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("b.db");
    ok(&db, &["person", "add", "--name", "Ada"]);
    ok(&db, &["plan", "start", "2026-11-23"]);
    ok(
        &db,
        &[
            "risk",
            "add",
            "--title",
            "If CI stays flaky, then releases slip",
            "--likelihood",
            "3",
            "--impact",
            "3",
        ],
    );
    db
}

/// Runs `args` with `{}` replaced by `text`; it must fail with exit 2 naming `flag` and `limit`
/// without echoing the text, and leave the database as it was.
fn refused(db: &std::path::Path, args: &[&str], text: &str, flag: &str, limit: usize) {
    let before = export(db);
    let args: Vec<&str> = args
        .iter()
        .map(|a| if *a == "{}" { text } else { a })
        .collect();
    let out = bearing(db, &args);
    let err = stderr(&out);
    let shown = &args[..2];
    assert_eq!(out.status.code(), Some(2), "{shown:?}: {err}");
    assert!(err.contains(flag), "{shown:?} should name {flag}: {err}");
    assert!(
        err.contains(&format!("at most {limit}")),
        "{shown:?} should name the limit {limit}: {err}"
    );
    assert!(
        err.len() < 400,
        "{shown:?} echoed the text: {} bytes",
        err.len()
    );
    assert_eq!(export(db), before, "{shown:?} changed the database");
}

#[test]
fn a_hundred_thousand_character_ritual_name_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let name = "R".repeat(100_000);
    refused(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "{}",
            "--start",
            "2026-11-30T10:00",
            "--duration",
            "30",
        ],
        &name,
        "--name",
        LINE_MAX,
    );
}

#[test]
fn every_flag_refuses_text_over_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let line = "L".repeat(LINE_MAX + 1);
    let body = "B".repeat(BODY_MAX + 1);
    let ritual = |flag: &'static str| -> Vec<&'static str> {
        let mut args = vec![
            "ritual",
            "add",
            "--name",
            "Staff",
            "--start",
            "2026-11-30T10:00",
            "--duration",
            "30",
        ];
        if flag == "--name" {
            args.truncate(2);
            args.extend(["--start", "2026-11-30T10:00", "--duration", "30"]);
        }
        args.extend([flag, "{}"]);
        args
    };
    let cases: Vec<(Vec<&str>, &str, &str, usize)> = vec![
        (ritual("--name"), &line, "--name", LINE_MAX),
        (ritual("--agenda"), &body, "--agenda", BODY_MAX),
        (ritual("--attendees"), &body, "--attendees", BODY_MAX),
        (
            vec!["person", "add", "--name", "{}"],
            &line,
            "--name",
            LINE_MAX,
        ),
        (
            vec!["person", "add", "--name", "Bo", "--role", "{}"],
            &line,
            "--role",
            LINE_MAX,
        ),
        (
            vec!["person", "add", "--name", "Bo", "--team", "{}"],
            &line,
            "--team",
            LINE_MAX,
        ),
        (
            vec!["goal", "add", "--phase", "30", "--title", "{}"],
            &line,
            "--title",
            LINE_MAX,
        ),
        (
            vec![
                "goal",
                "add",
                "--phase",
                "30",
                "--title",
                "G",
                "--criteria",
                "{}",
            ],
            &body,
            "--criteria",
            BODY_MAX,
        ),
        (
            vec![
                "risk",
                "add",
                "--title",
                "{}",
                "--likelihood",
                "2",
                "--impact",
                "2",
            ],
            &line,
            "--title",
            LINE_MAX,
        ),
        (
            vec!["risk", "update", "1", "--owner", "{}"],
            &line,
            "--owner",
            LINE_MAX,
        ),
        (
            vec!["risk", "update", "1", "--mitigation", "{}"],
            &body,
            "--mitigation",
            BODY_MAX,
        ),
        (
            vec!["risk", "update", "1", "--note", "{}"],
            &body,
            "--note",
            BODY_MAX,
        ),
        (vec!["note", "add", "Ada", "{}"], &body, "TEXT", BODY_MAX),
        (vec!["topic", "add", "Ada", "{}"], &body, "TEXT", BODY_MAX),
        (
            vec!["action", "add", "--due", "fri", "{}"],
            &body,
            "TEXT",
            BODY_MAX,
        ),
    ];
    for (args, text, flag, limit) in cases {
        refused(&db, &args, text, flag, limit);
    }
}

#[test]
fn text_at_the_limit_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let name = "R".repeat(LINE_MAX);
    let out = bearing(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            &name,
            "--start",
            "2026-11-30T10:00",
            "--duration",
            "30",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let note = "n".repeat(BODY_MAX);
    ok(&db, &["note", "add", "Ada", &note]);
}
