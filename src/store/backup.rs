//! Consistent copies through SQLite's online backup API: safe while other instances read and write.

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::Path;
use std::time::Duration;

use super::{Store, StoreError, dump, migrations, open};

/// What a database file holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub schema_version: i64,
    /// Rows in the user tables, in all.
    pub rows: i64,
    pub people: i64,
    pub risks: i64,
}

impl Store {
    /// Copies the whole database, as of one moment, into a new private file at `dest`, which must
    /// not exist yet. The copy is a self-contained file (no write-ahead log beside it) that passed
    /// `PRAGMA integrity_check`; on any failure nothing is left at `dest`.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        open::private_parent(dest)?;
        open::create_private(dest)?;
        let copy = || -> Result<(), StoreError> {
            let mut target = Connection::open(dest)?;
            copy_all(&self.conn, &mut target)?;
            let _mode: String =
                target.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
            check_integrity(&target, dest)
        };
        copy().inspect_err(|_| {
            let _ = fs::remove_file(dest);
        })
    }

    /// Replaces this database's contents with the Bearing database at `src` (checked first with
    /// [`summarize`]), then migrates it forward if it came from an older version.
    pub fn restore_from(&mut self, src: &Path) -> Result<(), StoreError> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        summarize(src)?;
        let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        copy_all(&source, &mut self.conn)?;
        migrations::migrate(&self.conn, &self.path)?;
        check_integrity(&self.conn, &self.path)
    }
}

/// Opens `path` read-only and says what it holds; refuses anything that is not a sound Bearing
/// database this version can read.
pub fn summarize(path: &Path) -> Result<FileSummary, StoreError> {
    match fs::metadata(path) {
        Ok(meta) if meta.len() == 0 || meta.is_dir() => {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
            });
        }
        Ok(_) => {}
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    open::check_header(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open::classify(path, e))?;
    open::inspect(&conn, path)?;
    let schema_version = migrations::user_version(&conn)?;
    if schema_version == 0 {
        return Err(StoreError::NotBearing {
            path: path.to_path_buf(),
        });
    }
    check_integrity(&conn, path)?;
    let count = |table: &str| -> Result<i64, StoreError> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(FileSummary {
        schema_version,
        rows: dump::row_count(&conn).map_err(|e| open::reclassify(path, e))?,
        people: count("person")?,
        risks: count("risk")?,
    })
}

/// Copies every page in one step, so the copy is one consistent snapshot even while another
/// process writes (a step-by-step copy would restart on every outside write).
fn copy_all(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(from, to)?;
    for _attempt in 0..50 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database stayed busy for 5 seconds; try again".into()),
    )))
}

fn check_integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| open::classify(path, e))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: verdict,
        })
    }
}
