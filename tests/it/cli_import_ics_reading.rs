//! `bearing import-ics`: how a file's lines, versions and zones are read, and what the import
//! says about them.

use crate::support;

use std::path::Path;
use support::{FIXED_NOW, stderr, stdout};

/// Like `support::bearing`, with the local time zone pinned: imported times are converted to it.
fn bearing(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .arg("--db")
        .arg(db)
        .arg("--ignore-config")
        .args(args)
        .env("BEARING_NOW", FIXED_NOW)
        .env("TZ", "Europe/Berlin")
        .output()
        .unwrap()
}

/// Imports `bytes` as a calendar file into the database `db`: standard output and error.
fn import(dir: &Path, db: &Path, bytes: &[u8]) -> (String, String) {
    let file = dir.join("cal.ics");
    std::fs::write(&file, bytes).unwrap();
    let out = bearing(db, &["import-ics", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    (stdout(&out), stderr(&out))
}

#[test]
fn a_line_folded_inside_a_character_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let folded = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n\
        SUMMARY:Caf\xc3\r\n \xa9 r\xc3\r\n \xa9union\r\nDTSTART:20261124T100000Z\r\n\
        DTEND:20261124T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    import(dir.path(), &db, folded);
    let out = bearing(&db, &["agenda"]);
    assert!(
        stdout(&out).contains("  11:00–12:00  Café réunion  (calendar)"),
        "{}",
        stdout(&out)
    );
}
