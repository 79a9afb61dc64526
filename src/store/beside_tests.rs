use super::*;

fn people(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .unwrap()
}

/// Whether this process holds a POSIX lock on `path` (`/proc/locks`: "1: POSIX  ADVISORY  READ
/// PID MAJ:MIN:INODE START END").
fn locked_by_us(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(path).unwrap().ino().to_string();
    let pid = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .any(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            fields.get(4) == Some(&pid.as_str())
                && fields
                    .get(5)
                    .and_then(|id| id.rsplit(':').next())
                    .is_some_and(|i| i == inode)
        })
}

#[test]
fn a_connection_beside_reads_the_same_file_and_leaves_its_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.db");
    let store = Store::open(&path).unwrap();
    store
        .conn()
        .execute(
            "INSERT INTO person (name, created_at, updated_at) VALUES ('Ana', '2026-11-25T09:00:00', '2026-11-25T09:00:00')",
            [],
        )
        .unwrap();
    assert_eq!(people(&store), 1);
    assert!(locked_by_us(&path), "the store holds the file");
    let beside = store.beside().open().unwrap();
    assert_eq!(people(&beside), 1);
    beside.checkpoint().unwrap();
    drop(beside);
    assert!(
        locked_by_us(&path),
        "closing the connection beside dropped the lock"
    );
}

#[test]
fn a_file_moved_replaced_or_removed_since_is_never_opened_beside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.db");
    let store = Store::open(&path).unwrap();
    let beside = store.beside();
    std::fs::rename(&path, dir.path().join("moved.db")).unwrap();
    drop(Store::open(&dir.path().join("other.db")).unwrap());
    std::fs::rename(dir.path().join("other.db"), &path).unwrap();
    let refused = beside.open().err().unwrap().to_string();
    assert!(refused.contains("moved, replaced or removed"), "{refused}");
    std::fs::remove_file(&path).unwrap();
    assert!(store.beside().open().is_err());
    assert!(Store::open_in_memory().unwrap().beside().open().is_err());
}
