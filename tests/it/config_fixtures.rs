//! Every kind of config mistake, as a file: the message names the file, the line and what was
//! expected; exit code 2; and `--ignore-config` still starts on the defaults.

use crate::support;

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

fn with_config(db: &Path, config: &Path, extra: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .arg("--db")
        .arg(db)
        .arg("--config")
        .arg(config)
        .args(extra)
        .args(["agenda", "--format", "json"])
        .env("BEARING_NOW", support::FIXED_NOW)
        .output()
        .unwrap()
}

#[test]
fn each_kind_of_config_error_names_file_line_and_expectation() {
    let cases = [
        ("syntax.toml", "line 2:", "string"),
        ("unknown_key.toml", "line 2:", "colour"),
        ("wrong_type.toml", "line 2:", "whole number"),
        ("bad_weekday.toml", "line 1:", "monday, tuesday"),
        ("lead_out_of_range.toml", "line 1:", "0 to 240"),
        ("review_days_out_of_range.toml", "line 3:", "1 to 365"),
        ("review_days_unknown_band.toml", "line 2:", "urgent"),
        ("working_hours_backwards.toml", "line 1:", "HH:MM-HH:MM"),
        (
            "backups_too_many.toml",
            "line 1:",
            "0 (no daily backups) to 365",
        ),
        ("bad_colour.toml", "line 2:", "#rrggbb"),
        ("unknown_theme_colour.toml", "line 2:", "accent, dim"),
        ("unknown_action.toml", "line 2:", "is not an action"),
        ("bad_key.toml", "line 2:", "hyper"),
        ("unknown_context.toml", "line 2:", "expected one of"),
        ("reminder_bell_not_bool.toml", "line 2:", "true or false"),
        ("reminder_command_empty.toml", "line 2:", "needs a program"),
        (
            "reminder_command_not_array.toml",
            "line 2:",
            "array of strings",
        ),
        ("mouse_not_bool.toml", "line 2:", "true or false"),
        // However the file spells the key, the line is the one it is on (these said "line 0").
        (
            "keys_bare_unknown_action.toml",
            "line 4:",
            "is not an action",
        ),
        (
            "keys_inline_unknown_action.toml",
            "line 3:",
            "is not an action",
        ),
        ("theme_inline_bad_colour.toml", "line 3:", "#rrggbb"),
        ("quoted_key_bad_weekday.toml", "line 3:", "monday, tuesday"),
        ("review_days_dotted.toml", "line 2:", "1 to 365"),
        (
            "agenda_view_unknown.toml",
            "line 2:",
            "\"week\" (the week holding today) or \"rolling\"",
        ),
        (
            "radar_lead_days_out_of_range.toml",
            "line 3:",
            "0 (only what is late) to 60 days",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    support::empty_db(&db);
    for (name, line, expected) in cases {
        let path = fixture(name);
        let out = with_config(&db, &path, &[]);
        let err = support::stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(&format!("invalid config {}", path.display())),
            "{name}: {err}"
        );
        assert!(err.contains(line), "{name}: wanted {line}: {err}");
        assert!(err.contains(expected), "{name}: wanted {expected}: {err}");
        assert!(err.contains("--ignore-config"), "{name}: {err}");
        // The way out works.
        let out = with_config(&db, &path, &["--ignore-config"]);
        assert!(
            out.status.success(),
            "{name} with --ignore-config: {}",
            support::stderr(&out)
        );
    }
}

#[test]
fn the_shipped_default_config_is_accepted_as_is_and_uncommented() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    support::empty_db(&db);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args(["config", "default"])
        .output()
        .unwrap();
    let text = support::stdout(&out);
    let shipped = dir.path().join("shipped.toml");
    std::fs::write(&shipped, &text).unwrap();
    assert!(with_config(&db, &shipped, &[]).status.success());
    // Every commented setting, switched on, is valid too: the comments show real syntax.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let on = dir.path().join("on.toml");
    std::fs::write(&on, uncommented).unwrap();
    let out = with_config(&db, &on, &[]);
    assert!(out.status.success(), "{}", support::stderr(&out));
}
