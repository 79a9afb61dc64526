//! Issue 19: `bearing completions SHELL` and `bearing man`, generated from the grammar, need no
//! database and name the new verbs.

use crate::support::{bearing, stderr, stdout};

#[test]
fn completions_generate_for_every_shell_and_a_man_page_for_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef bearing"),
        ("fish", "complete -c bearing"),
        ("elvish", "edit:completion:arg-completer[bearing]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = bearing(&db, &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: {script:.200}");
        for verb in ["reopen", "rollover", "delete", "end", "completions"] {
            assert!(script.contains(verb), "{shell} completes no {verb}");
        }
    }
    let out = bearing(&db, &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page:.200}");
    assert!(page.contains(".TH bearing 1"), "{page:.300}");
    assert!(
        page.contains("completions"),
        "the man page lists the commands"
    );
    assert!(!db.exists(), "neither opens the database");
    let out = bearing(&db, &["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}
