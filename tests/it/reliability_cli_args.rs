//! Hostile command lines: the real binary run with random argument vectors built from its own
//! commands, flags and awkward values never panics (exit code 101 or "panicked" on stderr).
//! Seeded; `BEARING_RELIABILITY_ARGV=2000` runs more.

use crate::support;

use std::process::Stdio;
use std::thread;
use support::command;

const SEED: u64 = 0xA26_0010;

const WORDS: &[&str] = &[
    "person",
    "add",
    "list",
    "show",
    "edit",
    "note",
    "topic",
    "action",
    "done",
    "prep",
    "search",
    "agenda",
    "ritual",
    "skip",
    "held",
    "move",
    "risk",
    "update",
    "goal",
    "checkin",
    "plan",
    "start",
    "report",
    "week",
    "export",
    "import",
    "backup",
    "restore",
    "import-ics",
    "next",
    "init",
    "config",
    "path",
    "default",
    "--name",
    "--role",
    "--relation",
    "--cadence",
    "--at",
    "--duration",
    "--format",
    "json",
    "md",
    "ics",
    "text",
    "--from",
    "--days",
    "--date",
    "--title",
    "--likelihood",
    "--impact",
    "--status",
    "--sort",
    "--template",
    "--start",
    "--rrule",
    "--section",
    "-o",
    "--remove",
    "--yes",
    "--help",
    "-h",
    "--version",
    "--now",
    "--db",
    "Ana",
    "1",
    "0",
    "-1",
    "99999999999999999999",
    "today",
    "+3d",
    "next fri",
    "2026-02-30",
    "25:99",
    "FREQ=WEEKLY",
    "FREQ=SECONDLY;INTERVAL=0",
    "",
    " ",
    "-",
    "--",
    "é\u{301}",
    "👩‍👩‍👧",
    "🇯🇵",
    "مرحبا",
    "\u{7f}",
    "%s%n",
    "../../etc",
    "director",
    "weekly",
    "biweekly",
    "report",
];

/// Commands that would start the full-screen cockpit are left out: there is no terminal here.
fn starts_the_cockpit(args: &[String]) -> bool {
    let first = args.iter().find(|a| !a.starts_with('-'));
    match first.map(String::as_str) {
        None => !args
            .iter()
            .any(|a| a.starts_with("--h") || a == "-h" || a == "--version"),
        Some("demo") => !args.iter().any(|a| a == "--no-tui"),
        _ => false,
    }
}

fn argv(rng: &mut fastrand::Rng) -> Vec<String> {
    loop {
        let n = rng.usize(1..7);
        let args: Vec<String> = (0..n)
            .map(|_| WORDS[rng.usize(..WORDS.len())].to_string())
            .collect();
        if !starts_the_cockpit(&args) {
            return args;
        }
    }
}

#[test]
fn random_argument_vectors_never_panic() {
    let total: usize = std::env::var("BEARING_RELIABILITY_ARGV")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| support::sample(120, 300));
    let dir = tempfile::tempdir().unwrap();
    support::ok(&dir.path().join("b.db"), &["demo", "--no-tui"]);
    let workers: Vec<_> = (0..2u64)
        .map(|w| {
            let dir = dir.path().to_path_buf();
            thread::spawn(move || {
                let mut rng = fastrand::Rng::with_seed(SEED + w);
                let db = dir.join(format!("b{w}.db"));
                std::fs::copy(dir.join("b.db"), &db).unwrap();
                for case in 0..total / 2 {
                    let args = argv(&mut rng);
                    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                    let out = command(&db, &refs)
                        .current_dir(&dir)
                        .env("EDITOR", "true")
                        .stdin(Stdio::null())
                        .output()
                        .unwrap();
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert!(
                        out.status.code() != Some(101) && !err.contains("panicked"),
                        "worker {w} case {case}: bearing {args:?} panicked: {err}"
                    );
                    assert!(out.status.code().is_some(), "{args:?} died of a signal");
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    println!("reliability_cli_args: {total} argument vectors, no panic");
}

/// Most CLI tests run commands in the test's own process (`support::bearing`). Each kind of
/// outcome must come out exactly as the binary gives it: output, a refused input (exit 2), a
/// bad command line, help, a control character echoed in clap's error, and a question that
/// needs a terminal.
#[test]
fn commands_run_in_process_answer_exactly_as_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let (db, other) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let cases: &[&[&str]] = &[
        &["person", "add", "--name", "Ana Costa", "--role", "EM"],
        &["person", "list", "--format", "json"],
        &["person", "add", "--name", "Ana Costa"],
        &["person", "show", "Nobody"],
        &["person", "frobnicate"],
        &["person", "add", "--help"],
        &["--version"],
        &["note", "add", "Ana", "\u{1b}[31mred"],
        &["person", "delete", "Ana"],
        &["next"],
    ];
    for args in cases {
        let inside = support::bearing(&db, args);
        let binary = command(&other, args).stdin(Stdio::null()).output().unwrap();
        assert_eq!(inside.status.code(), binary.status.code(), "{args:?}");
        assert_eq!(
            support::stdout(&inside),
            support::stdout(&binary),
            "{args:?}"
        );
        let here = |text: String| text.replace(&*other.to_string_lossy(), &db.to_string_lossy());
        assert_eq!(
            support::stderr(&inside),
            here(support::stderr(&binary)),
            "{args:?}"
        );
    }
}
