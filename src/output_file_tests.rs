use super::*;

/// The names of the files in `dir`, sorted (also for other modules' tests).
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

const FORCE: Policy<'static> = Policy {
    replace: true,
    database: None,
};

#[test]
fn a_new_file_is_private_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    write_file(&target, b"hello", Policy::NEW_ONLY).unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"hello");
    assert_eq!(mode(&target), 0o600);
    assert_eq!(names(dir.path()), ["out.md"]);
}

#[test]
fn an_existing_file_is_refused_unless_replacing_and_then_becomes_private() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    fs::write(&target, "theirs").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
    let err = write_file(&target, b"ours", Policy::NEW_ONLY).unwrap_err();
    assert!(matches!(err, OutputError::Exists(_)), "{err}");
    assert!(err.to_string().contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "theirs");
    write_file(&target, b"ours", FORCE).unwrap();
    assert_eq!(fs::read_to_string(&target).unwrap(), "ours");
    assert_eq!(mode(&target), 0o600);
    assert_eq!(names(dir.path()), ["out.md"]);
}

#[test]
fn a_symlink_is_never_written_through_even_when_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    fs::write(&victim, "keep").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let dangling = dir.path().join("dangling.md");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
    for target in [&link, &dangling] {
        for policy in [Policy::NEW_ONLY, FORCE] {
            let err = write_file(target, b"x", policy).unwrap_err();
            assert!(matches!(err, OutputError::Symlink(_)), "{err}");
        }
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    assert!(!dir.path().join("nowhere").exists());
    assert_eq!(names(dir.path()), ["dangling.md", "link.md", "victim"]);
}

#[test]
fn the_database_and_its_companions_are_refused_even_when_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.db");
    fs::write(&db, "db").unwrap();
    let wal = dir.path().join("work.db-wal");
    fs::write(&wal, "wal").unwrap();
    let hard = dir.path().join("another-name");
    fs::hard_link(&db, &hard).unwrap();
    let policy = Policy {
        replace: true,
        database: Some(&db),
    };
    // By name (existing or not), through another path, and through a hard link.
    let dotted = dir.path().join(".").join("work.db");
    let absent = dir.path().join("work.db-shm");
    for target in [&db, &wal, &dotted, &absent, &hard] {
        let err = write_file(target, b"x", policy).unwrap_err();
        assert!(matches!(err, OutputError::Database(_)), "{target:?}: {err}");
    }
    assert_eq!(fs::read_to_string(&db).unwrap(), "db");
    assert_eq!(fs::read_to_string(&wal).unwrap(), "wal");
    assert!(!absent.exists());
    write_file(&dir.path().join("other.db"), b"fine", policy).unwrap();
}

#[test]
fn a_directory_or_a_missing_folder_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let err = write_file(dir.path(), b"x", FORCE).unwrap_err();
    assert!(matches!(err, OutputError::NotAFile(_)), "{err}");
    let err = write_file(&dir.path().join("no/such.md"), b"x", FORCE).unwrap_err();
    assert!(matches!(err, OutputError::NoFolder(_)), "{err}");
    assert!(err.is_bad_input());
}

#[test]
fn an_abandoned_output_leaves_nothing_and_the_target_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    fs::write(&target, "before").unwrap();
    let mut out = OutputFile::create(&target, FORCE).unwrap();
    out.write_all(b"half").unwrap();
    assert_eq!(mode(out.temp_path()), 0o600);
    drop(out);
    assert_eq!(fs::read_to_string(&target).unwrap(), "before");
    assert_eq!(names(dir.path()), ["out.md"]);
}

#[test]
fn a_target_that_appears_meanwhile_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    let mut out = OutputFile::create(&target, Policy::NEW_ONLY).unwrap();
    out.write_all(b"ours").unwrap();
    fs::write(&target, "theirs").unwrap();
    let err = out.commit().unwrap_err();
    assert!(matches!(err, OutputError::Exists(_)), "{err}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "theirs");
    assert_eq!(names(dir.path()), ["out.md"]);
}

#[test]
fn only_temporaries_nobody_holds_are_stale() {
    let dir = tempfile::tempdir().unwrap();
    let live = OutputFile::create(&dir.path().join("live.db"), Policy::NEW_ONLY).unwrap();
    // What a killed run leaves: a temporary with no lock held.
    let dead = dir
        .path()
        .join(format!("{TEMP_PREFIX}0123456789abcdef-dead.db"));
    fs::write(&dead, "half").unwrap();
    fs::write(dir.path().join("mine.db"), "not a temporary").unwrap();
    assert_eq!(remove_stale_temporaries(dir.path()).unwrap(), 1);
    assert!(!dead.exists());
    assert!(live.temp_path().exists(), "a live temporary is kept");
    assert!(dir.path().join("mine.db").exists());
    live.commit().unwrap();
    assert_eq!(names(dir.path()), ["live.db", "mine.db"]);
    assert_eq!(
        remove_stale_temporaries(&dir.path().join("absent")).unwrap(),
        0
    );
}
