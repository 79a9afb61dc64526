//! The layering the code follows (STYLE.md), enforced: `domain` ← `schedule` ← `store` ← `ops` ←
//! (`cli`, `tui`). Inner layers never import the UI crates or an outer layer, SQL lives only in
//! `store/`, the two front ends never import each other, and the wall clock is read only in
//! `src/clock.rs` (clippy's `disallowed-methods` says the same at compile time).

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its production code only: test files (`*_tests.rs`) are
/// left out and a file's text stops at its first `#[cfg(test)]`.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.to_string_lossy().ends_with("_tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = match text.find("#[cfg(test)]") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                };
                out.push((path, code));
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(src())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// The lines of the code (comments dropped) that mention any of `words` as a path.
fn mentions(code: &str, words: &[&str]) -> Vec<String> {
    code.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| {
            words.iter().any(|w| {
                l.contains(&format!("{w}::"))
                    || l.contains(&format!("use {w}"))
                    || l.contains(&format!("{w} {{"))
            })
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn inner_layers_import_neither_the_ui_crates_nor_outer_layers() {
    // The config (theme colours included) belongs to the front ends.
    let front = [
        "ratatui",
        "crossterm",
        "clap",
        "crate::tui",
        "crate::cli",
        "crate::config",
    ];
    let rules: [(&str, Vec<&str>); 4] = [
        (
            "domain",
            [
                &front[..],
                &["crate::schedule", "crate::store", "crate::ops"],
            ]
            .concat(),
        ),
        (
            "schedule",
            [&front[..], &["crate::store", "crate::ops"]].concat(),
        ),
        ("store", [&front[..], &["crate::ops"]].concat()),
        ("ops", front.to_vec()),
    ];
    let mut found = Vec::new();
    for (layer, forbidden) in &rules {
        for (path, code) in sources(&src().join(layer)) {
            for line in mentions(&code, forbidden) {
                found.push(format!("{}: {line}", relative(&path)));
            }
        }
    }
    // The leaf modules any layer may use must not pull the UI in either.
    for leaf in ["clock.rs", "paths.rs", "output_file.rs"] {
        let path = src().join(leaf);
        let code = std::fs::read_to_string(&path).unwrap();
        let code = code.split("#[cfg(test)]").next().unwrap_or_default();
        for line in mentions(code, &front) {
            found.push(format!("{leaf}: {line}"));
        }
    }
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn the_front_ends_do_not_import_each_other() {
    let mut found = Vec::new();
    for (dir, other) in [("cli", "crate::tui"), ("tui", "crate::cli")] {
        for (path, code) in sources(&src().join(dir)) {
            for line in mentions(&code, &[other]) {
                found.push(format!("{}: {line}", relative(&path)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "front ends entangled:\n{}",
        found.join("\n")
    );
}

#[test]
fn sql_lives_only_in_the_store() {
    let statements = [
        "SELECT ",
        "INSERT INTO",
        "DELETE FROM",
        "CREATE TABLE",
        "CREATE INDEX",
        "CREATE TRIGGER",
        "CREATE TEMP",
        "PRAGMA ",
        "BEGIN IMMEDIATE",
        "UPDATE ",
    ];
    let mut found = Vec::new();
    for (path, code) in sources(&src()) {
        let name = relative(&path);
        if name.starts_with("store/") {
            continue;
        }
        for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
            // Only inside string literals: prose in comments may say "select".
            let quoted: String = line
                .split('"')
                .skip(1)
                .step_by(2)
                .collect::<Vec<_>>()
                .join(" ");
            if statements.iter().any(|s| quoted.contains(s)) {
                found.push(format!("{name}: {line}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside src/store:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_clock_is_read_in_one_place() {
    let reads = ["Local::now", "Utc::now", "SystemTime::now"];
    let mut found = Vec::new();
    for (path, code) in sources(&src()) {
        let name = relative(&path);
        if name == "clock.rs" {
            continue;
        }
        for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
            if reads.iter().any(|r| line.contains(r)) {
                found.push(format!("{name}: {line}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "clock read outside src/clock.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    // A test that finds nothing must be able to find something.
    assert_eq!(mentions("use ratatui::Frame;", &["ratatui"]).len(), 1);
    assert_eq!(mentions("// ratatui::Frame", &["ratatui"]).len(), 0);
    assert!(
        sources(&src().join("store"))
            .iter()
            .any(|(_, c)| c.contains("SELECT "))
    );
    assert!(
        std::fs::read_to_string(src().join("clock.rs"))
            .unwrap()
            .contains("SystemTime::now")
    );
}
