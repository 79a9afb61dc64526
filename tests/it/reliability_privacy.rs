//! 1:1 notes are confidential: everything Bearing creates is private whatever the umask, failing
//! commands never echo a note, and Bearing never opens a network socket.

use crate::support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use support::{Pty, bearing, command, ok, stderr};

const SECRET: &str = "private: Ana asked about a transfer";

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Runs `bearing ARGS` with umask 000, the most permissive a user could have set.
fn with_open_umask(db: &Path, args: &[&str]) {
    let plain = command(db, args);
    let out = Command::new("sh")
        .args(["-c", "umask 000; exec \"$@\"", "sh"])
        .arg(plain.get_program())
        .args(plain.get_args())
        .envs(plain.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
}

#[test]
fn database_backups_and_exports_are_private_even_with_umask_000() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("bearing.db");
    with_open_umask(&db, &["person", "add", "--name", "Ana"]);
    with_open_umask(&db, &["note", "add", "Ana", SECRET]);
    let export = dir.path().join("out").join("export.json");
    std::fs::create_dir(export.parent().unwrap()).unwrap();
    with_open_umask(
        &db,
        &["export", "--format", "json", "-o", export.to_str().unwrap()],
    );
    with_open_umask(
        &db,
        &[
            "export",
            "--format",
            "md",
            "-o",
            &format!("{}.md", export.display()),
        ],
    );
    with_open_umask(&db, &["backup"]);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&export), 0o600);
    assert_eq!(mode(Path::new(&format!("{}.md", export.display()))), 0o600);
    let backups = data.join("backups");
    assert_eq!(mode(&backups), 0o700);
    for entry in std::fs::read_dir(&backups).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }

    // While a cockpit is open the write-ahead log and shared-memory files exist: private too.
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Bearing");
    for suffix in ["-wal", "-shm"] {
        let side = Path::new(&format!("{}{suffix}", db.display())).to_path_buf();
        assert_eq!(mode(&side), 0o600, "{}", side.display());
    }
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn failing_commands_never_echo_note_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["person", "add", "--name", "Ana"]);
    let cases: [&[&str]; 5] = [
        &["note", "add", "Nobody", SECRET],
        &["note", "add", "Ana", "--date", "someday", SECRET],
        &["note", "add", "Ana", "   "],
        &["topic", "add", "Nobody", SECRET],
        &["note", "add", "Ana", SECRET, "--unknown-flag"],
    ];
    for args in cases {
        let out = bearing(&db, args);
        let err = stderr(&out);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            !err.contains("Ana asked"),
            "{args:?} echoed the note: {err}"
        );
    }
}

/// The kinds of the open file descriptors of process `pid`.
fn descriptor_targets(pid: u32) -> Vec<String> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|dir| {
            dir.filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
                .map(|t| t.to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Inodes of the Unix-domain sockets visible to `pid`: local pipes, not network.
fn unix_socket_inodes(pid: u32) -> Vec<String> {
    std::fs::read_to_string(format!("/proc/{pid}/net/unix"))
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(6).map(String::from))
        .collect()
}

/// Signal handling (the terminal library's and the cockpit's signal thread) uses Unix socket
/// pairs as self-pipes; anything else (TCP, UDP, netlink) would be a network socket.
#[test]
fn the_cockpit_holds_no_network_socket() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok(&db, &["demo", "--no-tui"]);
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Bearing");
    for keys in ["2", "3", "4", "5", "1"] {
        tui.send(keys);
        let fds = descriptor_targets(tui.pid());
        assert!(!fds.is_empty(), "cannot see /proc/{}/fd", tui.pid());
        let local = unix_socket_inodes(tui.pid());
        for socket in fds.iter().filter_map(|t| t.strip_prefix("socket:[")) {
            let inode = socket.trim_end_matches(']');
            assert!(
                local.iter().any(|l| l == inode),
                "socket {inode} is not a local Unix socket: {fds:?}"
            );
        }
    }
    tui.send("q");
    tui.wait_exit();
}

#[test]
fn commands_make_no_network_calls_under_strace() {
    let works = Command::new("strace")
        .args(["-f", "-e", "trace=network", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !works {
        println!("skipped: strace is missing or cannot trace here; the /proc fd test still runs");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let ics = dir.path().join("c.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART:20261124T100000\r\nSUMMARY:x\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let export = dir.path().join("e.json");
    let runs: [&[&str]; 6] = [
        &["demo", "--no-tui"],
        &["agenda", "--format", "json"],
        &["import-ics", ics.to_str().unwrap(), "--name", "work"],
        &["export", "--format", "json", "-o", export.to_str().unwrap()],
        &["backup"],
        &["next"],
    ];
    for args in runs {
        let plain = command(&db, args);
        let out = Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=network"])
            .arg(plain.get_program())
            .args(plain.get_args())
            .envs(plain.get_envs().filter_map(|(k, v)| Some((k, v?))))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!err.contains("socket("), "{args:?} opened a socket: {err}");
        assert!(!err.contains("connect("), "{args:?} connected: {err}");
    }
}
