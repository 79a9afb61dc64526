use super::*;
use rusqlite::Connection;
use rusqlite::config::DbConfig;

/// A WAL-mode file whose changes after `base` stay in its `-wal` (no checkpoint on close), as a
/// program that crashed or is still running leaves it.
fn with_pending_log(path: &Path, base: &str, pending: &[&str]) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(base).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .unwrap();
    for sql in pending {
        conn.execute_batch(sql).unwrap();
    }
    drop(conn);
    assert!(wal_path(path).exists(), "the log is still pending");
}

#[test]
fn an_empty_file_has_no_identity_and_text_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    assert_eq!(check(&empty).unwrap(), None);
    let text = dir.path().join("text.db");
    std::fs::write(&text, "SQLite format 3\0 but far too short").unwrap();
    assert!(matches!(check(&text), Err(StoreError::NotADatabase { .. })));
}

#[test]
fn the_newest_committed_page_one_in_a_pending_log_wins_over_the_main_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    with_pending_log(
        &db,
        "PRAGMA user_version = 1;",
        &[
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY);",
            "PRAGMA application_id = 7; PRAGMA user_version = 5;",
        ],
    );
    let main_only = {
        let bytes = std::fs::read(&db).unwrap();
        (bytes[60..64].to_vec(), bytes[68..72].to_vec())
    };
    assert_eq!(main_only, (vec![0, 0, 0, 1], vec![0, 0, 0, 0]));
    let id = read(&db).unwrap().unwrap();
    assert_eq!((id.application_id, id.user_version), (7, 5));
    assert!(id.has_schema && id.wal_mode);
    assert!(matches!(check(&db), Err(StoreError::NotBearing { .. })));
}

#[test]
fn a_torn_or_damaged_last_frame_is_ignored_as_sqlite_would() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    with_pending_log(
        &db,
        "",
        &[
            "PRAGMA application_id = 1112690247; PRAGMA user_version = 1;",
            "PRAGMA user_version = 2;",
        ],
    );
    assert_eq!(read(&db).unwrap().unwrap().user_version, 2);
    let wal = wal_path(&db);
    let log = std::fs::read(&wal).unwrap();
    // The last transaction is one frame (page 1): flip a byte of its page, then cut it short.
    let mut damaged = log.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0xff;
    std::fs::write(&wal, &damaged).unwrap();
    assert_eq!(read(&db).unwrap().unwrap().user_version, 1);
    std::fs::write(&wal, &log[..log.len() - 100]).unwrap();
    let id = read(&db).unwrap().unwrap();
    assert_eq!((id.application_id, id.user_version), (APPLICATION_ID, 1));
}

#[test]
fn a_newer_schema_waiting_in_the_log_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newer.db");
    let newer = migrations::LATEST_VERSION + 1;
    with_pending_log(
        &db,
        &format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1; \
             CREATE TABLE t (x);"
        ),
        &[&format!("PRAGMA user_version = {newer};")],
    );
    assert!(matches!(check(&db), Err(StoreError::TooNew { .. })));
}
