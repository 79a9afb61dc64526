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

#[test]
fn a_read_beside_the_opening_runs_only_on_a_file_ready_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.db");
    let count = |store: &Store| {
        store
            .conn()
            .query_row("SELECT count(*) FROM person", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    // A new file is made and migrated by the store. The reader sees it empty or half made and
    // reads nothing, unless its thread got there only once the store had made it whole (a
    // loaded machine): then it reads the file as made, never a part of it.
    let (store, reading) = Store::open_reading(&path, count).unwrap();
    if let Some((people, version)) = reading.take() {
        assert_eq!(people, 0);
        assert!(version <= store.data_version().unwrap());
    }
    drop(store);

    // At the latest version and in WAL mode: the read runs on its own connection.
    let (store, reading) = Store::open_reading(&path, count).unwrap();
    let (people, version) = reading.take().expect("the read ran");
    assert_eq!(people, 0);
    assert_eq!(store.data_version().unwrap(), version, "nobody saved since");
    drop(store);

    // Not a Bearing file: the store refuses it, and the thread waiting beside it ends.
    let foreign = dir.path().join("foreign.db");
    std::fs::write(
        &foreign,
        b"not a database at all, just some bytes long enough to look",
    )
    .unwrap();
    assert!(Store::open_reading(&foreign, count).is_err());
}

#[test]
fn the_read_beside_the_opening_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.db");
    drop(Store::open(&path).unwrap());
    let (_store, reading) = Store::open_reading(&path, |store: &Store| {
        store
            .conn()
            .execute("INSERT INTO person (name) VALUES ('x')", [])
            .map_err(|e| e.to_string())
    })
    .unwrap();
    let (refused, _) = reading.take().unwrap();
    assert!(refused.unwrap_err().contains("readonly"), "query_only");
}

#[test]
fn the_reader_beside_the_opening_reads_only_the_file_the_store_has() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.db");
    drop(Store::open(&path).unwrap());
    let id = crate::paths::file_id(&path);
    assert!(open::reader(&path, OpenMode::ReadWrite, id).is_some());
    // Another file put in the path's place since the store opened it: nothing is read.
    let other = id.map(|(device, inode)| (device, inode + 1));
    assert!(open::reader(&path, OpenMode::ReadWrite, other).is_none());
    assert!(open::reader(&path, OpenMode::ReadWrite, None).is_none());
}

#[test]
fn the_reader_beside_the_opening_never_copies_the_log_into_the_file_even_when_it_closes_last() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.db");
    let mut store = Store::open(&path).unwrap();
    store.auto_checkpoint(false).unwrap();
    store
        .write(|tx| {
            tx.execute(
                "INSERT INTO person (name, created_at, updated_at) \
                 VALUES ('Ada', '2026-11-23T09:00:00', '2026-11-23T09:00:00')",
                [],
            )
            .map_err(StoreError::from)
        })
        .unwrap();
    let wal = crate::paths::companion(&path, "-wal");
    let logged = std::fs::metadata(&wal).unwrap().len();
    assert!(logged > 0);
    let reader = open::reader(&path, OpenMode::ReadWrite, crate::paths::file_id(&path)).unwrap();
    let people: i64 = reader
        .query_row("SELECT count(*) FROM person", [], |r| r.get(0))
        .unwrap();
    assert_eq!(people, 1);
    // The store goes first; the reader, its file's last connection, closes without a checkpoint.
    drop(store);
    drop(reader);
    assert_eq!(
        std::fs::metadata(&wal).unwrap().len(),
        logged,
        "the log is left as it was"
    );
}

#[test]
fn a_file_moved_into_the_path_while_the_store_opens_is_never_taken_for_the_stores() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bearing.db");
    let other = dir.path().join("other.db");
    drop(Store::open(&path).unwrap());
    drop(Store::open(&other).unwrap());
    let ours = crate::paths::file_id(&path);
    let mut told = None;
    let (conn, mode, file) = open::open_file(&path, |_, _, file| {
        told = file;
        // Another program moves its file over ours once SQLite has ours open.
        std::fs::rename(&other, &path).unwrap();
    })
    .unwrap();
    assert_eq!(
        told, ours,
        "the reader beside it is told the file SQLite opened"
    );
    assert!(
        open::reader(&path, mode, told).is_none(),
        "and reads nothing: the path holds another file now"
    );
    assert_eq!(file, None, "the store knows no file at the path");
    let mut store = Store::with(conn, path.clone(), mode);
    store.file = file;
    assert!(
        store.beside().open().is_err(),
        "the backup never opens the other file"
    );
}
