//! The command-line contract (SPEC.md §2): outputs, exit codes, and nothing changed on errors.

use crate::support;

use std::process::Command;
use support::{bearing, stderr, stdout};

#[test]
fn person_add_then_list_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let out = bearing(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Priya Raman",
            "--role",
            "Engineering Manager",
            "--team",
            "Payments",
            "--relation",
            "report",
            "--cadence",
            "FREQ=WEEKLY;BYDAY=TU",
            "--at",
            "10:00",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Added Priya Raman (id 1)"));

    let out = bearing(&db, &["person", "list", "--format", "json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let people = json.as_array().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0]["name"], "Priya Raman");
    assert_eq!(people[0]["relation"], "report");
    assert_eq!(people[0]["team"], "Payments");
    assert_eq!(people[0]["cadence_rrule"], "FREQ=WEEKLY;BYDAY=TU");
    assert_eq!(people[0]["at"], "10:00");
    assert_eq!(people[0]["id"], 1);

    let text = stdout(&bearing(&db, &["person", "list"]));
    assert!(
        text.contains("Priya Raman") && text.contains("weekly on Tuesday at 10:00"),
        "{text}"
    );
}

#[test]
fn bad_input_exits_2_with_a_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    assert!(
        bearing(&db, &["person", "add", "--name", "Ada"])
            .status
            .success()
    );

    let cases: &[(&[&str], &str)] = &[
        (
            &["person", "add", "--name", "ada"],
            "already in your people",
        ),
        (&["person", "add", "--name", "  "], "a name is required"),
        (
            &["person", "add", "--name", "Bo", "--relation", "boss"],
            "report, peer, manager or stakeholder",
        ),
        (
            &[
                "person",
                "add",
                "--name",
                "Bo",
                "--cadence",
                "FREQ=SOMETIMES",
                "--at",
                "10:00",
            ],
            "--cadence",
        ),
        (
            &[
                "person",
                "add",
                "--name",
                "Bo",
                "--cadence",
                "FREQ=WEEKLY",
                "--at",
                "25:00",
            ],
            "--at",
        ),
        (
            &["person", "add", "--name", "Bo", "--cadence", "FREQ=WEEKLY"],
            "--at",
        ),
        (&["person", "list", "--format", "xml"], "xml"),
    ];
    for (args, expected) in cases {
        let out = bearing(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = bearing(&db, &["person", "list", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1, "nothing was added");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_exit_2_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.txt");
    std::fs::write(&db, "precious").unwrap();
    let out = bearing(&db, &["person", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not a Bearing database"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&db).unwrap(), "precious");
}

#[test]
fn a_bad_config_names_the_line_and_ignore_config_bypasses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "# mine\nweek_start = \"someday\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
            "person",
            "list",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("line 2") && err.contains("config.toml"),
        "{err}"
    );
    crate::support::empty_db(&db);
    assert!(
        bearing(&db, &["person", "list"]).status.success(),
        "--ignore-config runs"
    );
}

#[test]
fn demo_without_tui_fills_a_fresh_database_and_refuses_a_used_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = bearing(&db, &["demo", "--no-tui"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("8 people"));
    let out = bearing(&db, &["demo", "--no-tui"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already has data"));
}

#[test]
fn the_database_is_created_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new").join("b.db");
    assert!(
        bearing(&db, &["person", "add", "--name", "Priya"])
            .status
            .success()
    );
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn next_prints_the_next_meeting_for_a_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    crate::support::empty_db(&db);
    let out = bearing(&db, &["next"]);
    assert_eq!(stdout(&out).trim(), "no meetings in the next two weeks");
    bearing(
        &db,
        &[
            "ritual",
            "add",
            "--name",
            "Staff",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=MO",
            "--start",
            "2026-11-02T10:00",
            "--duration",
            "60",
        ],
    );
    // The fixed clock is Mon 23 Nov 09:00.
    assert_eq!(stdout(&bearing(&db, &["next"])).trim(), "Staff in 1h00m");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&bearing(&db, &["next", "--format", "json"]))).unwrap();
    assert_eq!(json["title"], "Staff");
    assert_eq!(json["date"], "2026-11-23");
    assert_eq!(json["start"], "10:00");
}

#[test]
fn config_path_and_default_work_even_with_a_broken_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "this is = = broken").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args(["--config", config.to_str().unwrap(), "config", "path"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), config.to_str().unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args(["config", "default"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("# week_start = \"monday\""));
}
