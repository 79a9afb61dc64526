//! Input that never ends: `bearing import /dev/zero`, `yes '"a",' | bearing import -`,
//! `bearing note add P - </dev/zero`, `yes | bearing topic add P -`, `--config /dev/zero`.
//! Each read stops at its limit (an import at 128 MB, a text from standard input one character
//! past what the field holds, a config file at 1 MB): exit code 2 within the test's time limit,
//! a message naming the limit, and the database as it was. The child runs with its address
//! space capped at 3 GB, so a regression fails here instead of exhausting the machine's memory.

use crate::support;

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};
use support::{ok, stderr};

/// What standard input gets.
enum Input<'a> {
    File(&'a str),
    Endless(&'static [u8]),
    Once(Vec<u8>),
}

fn spawn(db: &Path, args: &[&str], input: &Input<'_>) -> Child {
    let mut cmd = if args.first() == Some(&"--config") {
        // support::command passes --ignore-config, which would skip the file.
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"));
        cmd.arg("--db").arg(db).args(args);
        cmd
    } else {
        support::command(db, args)
    };
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    match input {
        Input::File(path) => cmd.stdin(std::fs::File::open(path).unwrap()),
        Input::Endless(_) | Input::Once(_) => cmd.stdin(Stdio::piped()),
    };
    // SAFETY: setrlimit is async-signal-safe and touches only the child's own limits.
    unsafe {
        cmd.pre_exec(|| {
            let cap = 3 << 30;
            let limit = libc::rlimit {
                rlim_cur: cap,
                rlim_max: cap,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    cmd.spawn().unwrap()
}

/// Runs `bearing ARGS` with `input` on standard input, killed (and the test failed) after 60 s.
fn run(db: &Path, args: &[&str], input: Input<'_>) -> Output {
    let mut child = spawn(db, args, &input);
    let writer = child.stdin.take().map(|mut stdin| {
        let input = match input {
            Input::Endless(chunk) => Err(chunk.repeat(4096)),
            Input::Once(bytes) => Ok(bytes),
            Input::File(_) => Ok(Vec::new()),
        };
        std::thread::spawn(move || match input {
            // Until Bearing closes its end: it stopped reading.
            Err(chunk) => while stdin.write_all(&chunk).is_ok() {},
            Ok(bytes) => {
                let _ = stdin.write_all(&bytes);
            }
        })
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("{args:?} still ran after 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    eprintln!("{args:?}: {:?}", started.elapsed());
    out
}

fn refused(db: &Path, args: &[&str], input: Input<'_>, expected: &str) {
    let out = run(db, args, input);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(expected), "{args:?}: {err}");
}

#[test]
fn endless_input_is_refused_at_its_limit_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["person", "add", "--name", "Priya"]);
    let before = ok(&db, &["export", "--format", "json"]);

    let too_big = "it is larger than 128 MB, the most Bearing imports";
    let fresh = dir.path().join("fresh.db");
    refused(
        &fresh,
        &["import", "/dev/zero"],
        Input::File("/dev/null"),
        too_big,
    );
    refused(&fresh, &["import", "-"], Input::Endless(b"\"a\","), too_big);
    assert!(!fresh.exists(), "no database was created");

    let long = |what: &str| {
        format!(
            "TEXT: the {what} on standard input is too long: more than 20000 characters, at \
             most 20000; nothing was saved"
        )
    };
    refused(
        &db,
        &["note", "add", "Priya", "-"],
        Input::File("/dev/zero"),
        &long("note"),
    );
    refused(
        &db,
        &["topic", "add", "Priya", "-"],
        Input::Endless(b"y\n"),
        &long("topic"),
    );
    refused(
        &db,
        &["action", "add", "--due", "+2d", "-"],
        Input::Endless(b"y\n"),
        &long("action"),
    );
    refused(
        &db,
        &["--config", "/dev/zero", "person", "list"],
        Input::File("/dev/null"),
        "it is larger than 1024 KB, the most Bearing reads",
    );
    assert_eq!(ok(&db, &["export", "--format", "json"]), before);
}

#[test]
fn standard_input_up_to_the_limit_is_taken_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["person", "add", "--name", "Priya"]);
    // 20,000 characters of four bytes each: the most a note holds, in the most bytes.
    let note = "🚀".repeat(20_000);
    let out = run(
        &db,
        &["note", "add", "Priya", "-"],
        Input::Once(note.clone().into_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let one_more = format!("{note}a");
    let out = run(
        &db,
        &["topic", "add", "Priya", "-"],
        Input::Once(one_more.into_bytes()),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("TEXT: the topic is too long: 20001 characters, at most 20000"),
        "{}",
        stderr(&out)
    );
    let export = ok(&db, &["export", "--format", "json"]);
    assert!(export.contains(&note));
}
