//! `export -o FILE` and `backup PATH` through the real binary: an existing file is refused unless
//! `--force` (and then replaced by a private one), a symbolic link is refused even with `--force`
//! and its target left alone, and the open database and its `-wal` are refused even with
//! `--force`, with a cockpit holding the database open beside the command.

use crate::support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use support::{Pty, bearing, integrity, names_in, ok, stderr};

/// The two commands that write a file the user names.
#[derive(Debug, Clone, Copy)]
enum Output {
    Export,
    Backup,
}

const BOTH: [Output; 2] = [Output::Export, Output::Backup];

impl Output {
    fn args(self, target: &Path, force: bool) -> Vec<String> {
        let target = target.to_str().unwrap().to_string();
        let mut args: Vec<String> = match self {
            Output::Export => ["export", "--format", "md", "-o", &target]
                .map(String::from)
                .into(),
            Output::Backup => vec!["backup".into(), target],
        };
        if force {
            args.push("--force".into());
        }
        args
    }

    /// Runs the command; returns its exit code and standard error.
    fn run(self, db: &Path, target: &Path, force: bool) -> (Option<i32>, String) {
        let args = self.args(target, force);
        let out = bearing(db, &args.iter().map(String::as_str).collect::<Vec<_>>());
        (out.status.code(), stderr(&out))
    }

    /// Whether `file` holds what this command writes.
    fn wrote(self, file: &Path) -> bool {
        match self {
            Output::Export => std::fs::read_to_string(file).is_ok_and(|t| t.contains("Ana")),
            Output::Backup => bearing::store::summarize(file).is_ok_and(|s| s.people == 1),
        }
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

fn database(dir: &Path) -> PathBuf {
    let db = dir.join("work.db");
    ok(&db, &["person", "add", "--name", "Ana"]);
    db
}

#[test]
fn an_existing_file_is_refused_and_replaced_only_with_force_then_private() {
    for output in BOTH {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path());
        let target = dir.path().join("theirs.txt");
        std::fs::write(&target, "someone else's file\n").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();

        let (code, err) = output.run(&db, &target, false);
        assert_eq!(code, Some(2), "{output:?}: {err}");
        assert!(
            err.contains("already exists") && err.contains("--force"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "someone else's file\n"
        );
        assert_eq!(mode(&target), 0o644);

        let (code, err) = output.run(&db, &target, true);
        assert_eq!(code, Some(0), "{output:?}: {err}");
        assert!(output.wrote(&target), "{output:?}");
        assert_eq!(
            mode(&target),
            0o600,
            "{output:?}: replaced by a private file"
        );
        assert_eq!(
            names_in(dir.path()),
            ["theirs.txt", "work.db"],
            "{output:?}"
        );
    }
}

#[test]
fn a_symbolic_link_is_refused_even_with_force_and_its_target_is_left_alone() {
    for output in BOTH {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path());
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me\n").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink(dir.path().join("nowhere.md"), &dangling).unwrap();
        for target in [&link, &dangling] {
            for force in [false, true] {
                let (code, err) = output.run(&db, target, force);
                assert_eq!(code, Some(2), "{output:?} {target:?} {force}: {err}");
                assert!(err.contains("symbolic link"), "{err}");
            }
        }
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(
            names_in(dir.path()),
            ["dangling.md", "link.md", "victim.txt", "work.db"],
            "{output:?}: nothing created, not even the dangling link's target"
        );
    }
}

#[test]
fn the_open_database_and_its_wal_are_refused_even_with_force() {
    for output in BOTH {
        let dir = tempfile::tempdir().unwrap();
        let db = database(dir.path());
        // A cockpit holds the database open: its -wal and -shm exist beside it.
        let mut tui = Pty::start(&db, &[], 100, 30);
        tui.wait_for("Agenda");
        let wal = dir.path().join("work.db-wal");
        assert!(wal.exists());
        let hard_link = dir.path().join("same-file.db");
        std::fs::hard_link(&db, &hard_link).unwrap();
        let dotted = dir.path().join(".").join("work.db");
        for target in [&db, &wal, &dotted, &hard_link] {
            let (code, err) = output.run(&db, target, true);
            assert_eq!(code, Some(2), "{output:?} {target:?}: {err}");
            assert!(err.contains("open database"), "{err}");
        }
        tui.send("q");
        tui.wait_exit();
        assert_eq!(integrity(&db), "ok");
        assert!(ok(&db, &["person", "list"]).contains("Ana"), "{output:?}");
    }
}

#[test]
fn a_missing_folder_for_export_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let (code, err) = Output::Export.run(&db, &dir.path().join("no/such/out.md"), false);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("folder does not exist"), "{err}");
    let out = bearing(&db, &["export", "--format", "md", "--force"]);
    assert_eq!(out.status.code(), Some(2), "--force needs -o");
}
