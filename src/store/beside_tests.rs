use super::*;

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
