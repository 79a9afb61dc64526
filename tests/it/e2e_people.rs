//! The path a user walks, in a real pseudo-terminal: start, add a person through the form, quit,
//! start again, and the person is still there (and in the database).

use crate::support;

use support::Pty;

#[test]
fn add_a_person_quit_restart_and_see_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");

    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Bearing");
    tui.send("4");
    tui.wait_for("No people yet");
    tui.send("a");
    tui.wait_for("New person");
    tui.send("Ada Lovelace");
    tui.send("\t");
    tui.send("Compiler lead");
    tui.send("\r");
    tui.wait_for("Added Ada Lovelace.");
    tui.wait_for("Compiler lead");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(tui.on_main_screen(), "the terminal is restored on quit");

    let mut again = Pty::start(&db, &[], 100, 30);
    again.wait_for("Bearing");
    again.send("4");
    again.wait_for("Ada Lovelace");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (name, role): (String, String) = conn
        .query_row("SELECT name, role FROM person", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(
        (name.as_str(), role.as_str()),
        ("Ada Lovelace", "Compiler lead")
    );
}

#[test]
fn an_invalid_form_saves_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Bearing");
    tui.send("4a");
    tui.wait_for("New person");
    tui.send("\r");
    tui.wait_for("a name is required");
    tui.escape();
    tui.wait_for("No people yet");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count: i64 = conn
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut tui = Pty::start(&db, &[], 100, 30);
    tui.wait_for("Bearing");
    assert!(!tui.on_main_screen());
    let pid = tui.pid();
    let status = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
    tui.wait_exit();
    assert!(
        tui.on_main_screen(),
        "left the alternate screen after SIGTERM"
    );
}
