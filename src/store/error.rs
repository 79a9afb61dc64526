use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};

use super::ReadOnlyCause;
use crate::output_file::folder_of;

/// Why the database could not be opened or used. Every message says what is wrong and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{} is not a Bearing database (it is not an SQLite file); it was left untouched. Point \
         --db at another path or move the file away.",
        .path.display()
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "{} is an SQLite database of another program, not Bearing's; it was left untouched. \
         Point --db at another path.",
        .path.display()
    )]
    NotBearing { path: PathBuf },
    #[error(
        "{} is damaged ({detail}); it was left untouched. Restore a backup with `bearing restore \
         FILE`, or point --db elsewhere.",
        .path.display()
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{} was written by a newer Bearing (schema version {found}; this one knows up to \
         {supported}); it was left untouched. Upgrade Bearing to open it.",
        .path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The schema is not exactly what Bearing's migrations make: `finding` names the first object
    /// that differs.
    #[error(
        "{} is not a Bearing database as Bearing makes it: {finding}. Another program changed \
         it, and SQLite would run what it added inside Bearing, so it was left untouched. Move \
         it away and restore a backup into a new file (`bearing --db NEW.db restore BACKUP`), or \
         point --db elsewhere.",
        .path.display()
    )]
    UnexpectedSchema { path: PathBuf, finding: String },
    /// A backup with a row Bearing cannot read (another program edited it): not restored.
    #[error(
        "{} holds a row Bearing cannot read: {finding}. Another program changed it; nothing was          restored. Pick another backup.",
        .path.display()
    )]
    UnreadableRows { path: PathBuf, finding: String },
    #[error("{}", read_only(.path, *.cause))]
    ReadOnly { path: PathBuf, cause: ReadOnlyCause },
    /// A log is pending beside the file, and reading it needs a folder that can be written.
    #[error(
        "cannot read {}: changes are pending in its -wal file, and SQLite needs to write its -shm \
         file in the folder {}, which cannot be written; it was left untouched. Make the folder \
         writable (chmod u+w), or open it as the user who owns it.",
        .path.display(),
        folder_of(.path).display()
    )]
    FolderNotWritable { path: PathBuf },
    /// The path names a directory, a named pipe, a device or a socket.
    #[error(
        "{} is {kind}, not a database file; it was left untouched. Point --db at a regular file, \
         or at a path that does not exist yet to start a new database.",
        .path.display()
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("cannot use {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// True when the cause is the file itself (the user can fix it by pointing elsewhere), not a
    /// failure inside SQLite; the CLI answers those with exit code 2.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, StoreError::Sqlite(_) | StoreError::Io { .. })
    }
}

fn read_only(path: &Path, cause: ReadOnlyCause) -> String {
    match cause {
        ReadOnlyCause::File => format!(
            "{} is read-only: nothing was changed. Check the file's permissions to make changes.",
            path.display()
        ),
        ReadOnlyCause::Folder => format!(
            "{} is read-only here: its folder {} cannot be written, and SQLite keeps the \
             database's -wal and -shm files beside it; nothing was changed. Make the folder \
             writable (chmod u+w) to make changes.",
            path.display(),
            folder_of(path).display()
        ),
    }
}

/// SQLite's failures in words a user can act on.
fn sqlite_message(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "the database stayed locked by another Bearing for too long; try again".into()
        }
        Some(ErrorCode::DiskFull) => {
            "the disk is full: nothing was changed; free some space and retry".into()
        }
        // What a full disk usually looks like in WAL mode: the shared-memory or log file cannot
        // grow, and SQLite reports an I/O error rather than SQLITE_FULL.
        Some(ErrorCode::SystemIoFailure) => {
            "cannot read or write the database's files (disk I/O error): the disk may be full or \
             failing; nothing was changed. Free some space or check the disk, and retry"
                .into()
        }
        _ => format!("database error: {e}"),
    }
}
