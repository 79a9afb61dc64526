use rusqlite::ErrorCode;
use std::fmt;
use std::path::PathBuf;

use super::ReadOnlyCause;
use crate::output_file::folder_of;

/// Why the database could not be opened or used. Every message says what is wrong and what to do.
#[derive(Debug)]
pub enum StoreError {
    NotADatabase {
        path: PathBuf,
    },
    NotBearing {
        path: PathBuf,
    },
    Corrupt {
        path: PathBuf,
        detail: String,
    },
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The schema is not exactly what Bearing's migrations make: `finding` names the first object
    /// that differs.
    UnexpectedSchema {
        path: PathBuf,
        finding: String,
    },
    ReadOnly {
        path: PathBuf,
        cause: ReadOnlyCause,
    },
    /// A log is pending beside the file, and reading it needs a folder that can be written.
    FolderNotWritable {
        path: PathBuf,
    },
    /// The path names a directory, a named pipe, a device or a socket.
    NotAFile {
        path: PathBuf,
        kind: &'static str,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Sqlite(rusqlite::Error),
}

impl StoreError {
    /// True when the cause is the file itself (the user can fix it by pointing elsewhere), not a
    /// failure inside SQLite; the CLI answers those with exit code 2.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, StoreError::Sqlite(_) | StoreError::Io { .. })
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NotADatabase { path } => write!(
                f,
                "{} is not a Bearing database (it is not an SQLite file); it was left untouched. \
                 Point --db at another path or move the file away.",
                path.display()
            ),
            StoreError::NotBearing { path } => write!(
                f,
                "{} is an SQLite database of another program, not Bearing's; it was left untouched. \
                 Point --db at another path.",
                path.display()
            ),
            StoreError::Corrupt { path, detail } => write!(
                f,
                "{} is damaged ({detail}); it was left untouched. Restore a backup with \
                 `bearing restore FILE`, or point --db elsewhere.",
                path.display()
            ),
            StoreError::TooNew {
                path,
                found,
                supported,
            } => write!(
                f,
                "{} was written by a newer Bearing (schema version {found}; this one knows up to \
                 {supported}); it was left untouched. Upgrade Bearing to open it.",
                path.display()
            ),
            StoreError::UnexpectedSchema { path, finding } => write!(
                f,
                "{} is not a Bearing database as Bearing makes it: {finding}. Another program \
                 changed it, and SQLite would run what it added inside Bearing, so it was left \
                 untouched. Move it away and restore a backup into a new file (`bearing --db \
                 NEW.db restore BACKUP`), or point --db elsewhere.",
                path.display()
            ),
            StoreError::ReadOnly {
                path,
                cause: ReadOnlyCause::File,
            } => write!(
                f,
                "{} is read-only: nothing was changed. Check the file's permissions to make changes.",
                path.display()
            ),
            StoreError::ReadOnly {
                path,
                cause: ReadOnlyCause::Folder,
            } => write!(
                f,
                "{} is read-only here: its folder {} cannot be written, and SQLite keeps the \
                 database's -wal and -shm files beside it; nothing was changed. Make the folder \
                 writable (chmod u+w) to make changes.",
                path.display(),
                folder_of(path).display()
            ),
            StoreError::FolderNotWritable { path } => write!(
                f,
                "cannot read {}: changes are pending in its -wal file, and SQLite needs to write \
                 its -shm file in the folder {}, which cannot be written; it was left untouched. \
                 Make the folder writable (chmod u+w), or open it as the user who owns it.",
                path.display(),
                folder_of(path).display()
            ),
            StoreError::NotAFile { path, kind } => write!(
                f,
                "{} is {kind}, not a database file; it was left untouched. Point --db at a \
                 regular file, or at a path that does not exist yet to start a new database.",
                path.display()
            ),
            StoreError::Io { path, source } => {
                write!(f, "cannot use {}: {source}", path.display())
            }
            StoreError::Sqlite(e) => match e.sqlite_error_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => f.write_str(
                    "the database stayed locked by another Bearing for too long; try again",
                ),
                Some(ErrorCode::DiskFull) => {
                    f.write_str("the disk is full: nothing was changed; free some space and retry")
                }
                // What a full disk usually looks like in WAL mode: the shared-memory or log file
                // cannot grow, and SQLite reports an I/O error rather than SQLITE_FULL.
                Some(ErrorCode::SystemIoFailure) => f.write_str(
                    "cannot read or write the database's files (disk I/O error): the disk may be \
                     full or failing; nothing was changed. Free some space or check the disk, \
                     and retry",
                ),
                _ => write!(f, "database error: {e}"),
            },
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}
