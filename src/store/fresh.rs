//! A database file a command is about to create, with the folders it creates for it: taken away
//! again when the command fails, so a refused command (`person add --name ""` on a new `--db`)
//! leaves nothing behind, as it leaves an existing database unchanged.

use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{StoreError, dump};

/// What did not exist before the command: the file, and its missing folders, deepest first.
#[derive(Debug)]
pub struct Fresh {
    file: PathBuf,
    dirs: Vec<PathBuf>,
}

impl Fresh {
    /// None when something is at `path` already (or it cannot be looked at): that is never
    /// removed.
    pub fn note(path: &Path) -> Option<Fresh> {
        if !missing(path) {
            return None;
        }
        let mut dirs = Vec::new();
        let mut at = path.parent();
        while let Some(dir) = at.filter(|d| !d.as_os_str().is_empty()) {
            if !missing(dir) {
                break;
            }
            dirs.push(dir.to_path_buf());
            at = dir.parent();
        }
        Some(Fresh {
            file: path.to_path_buf(),
            dirs,
        })
    }

    /// Removes the file if it holds nothing: Bearing's, no row in any table, and no log or
    /// shared memory beside it (another connection opened since would have them, and keeps the
    /// file). Then the folders made for it, when they are empty. Anything unexpected leaves
    /// everything where it is. Returns whether the file was removed.
    pub fn discard_if_empty(self) -> bool {
        if !missing(&self.file) {
            if opened_beside(&self.file) || !holds_nothing(&self.file).unwrap_or(false) {
                return false;
            }
            // Moved aside first, and given a moment: a program that opened the file just before
            // makes its log or shared memory beside the name at its first read, and the file
            // goes back (a file removed under it would swallow its saves). One opening it after
            // the move makes a new file of its own.
            let aside = aside_name(&self.file);
            if fs::rename(&self.file, &aside).is_err() {
                return false;
            }
            std::thread::sleep(OPENED_MEANWHILE);
            if opened_beside(&self.file) {
                if missing(&self.file) {
                    let _ = fs::rename(&aside, &self.file);
                }
                return false;
            }
            if fs::remove_file(&aside).is_err() {
                return false;
            }
        }
        // Deepest first; one that is not empty (or not ours to remove) stops the rest.
        for dir in &self.dirs {
            if fs::remove_dir(dir).is_err() {
                break;
            }
        }
        true
    }
}

/// How long a file moved aside waits for a program that opened it just before to show itself.
const OPENED_MEANWHILE: std::time::Duration = std::time::Duration::from_millis(50);

/// Whether a log, shared memory or rollback journal is beside `file`: a connection has it open.
fn opened_beside(file: &Path) -> bool {
    crate::paths::COMPANIONS
        .iter()
        .any(|suffix| !missing(&crate::paths::companion(file, suffix)))
}

/// `.NAME.discard-PID` beside `file`.
fn aside_name(file: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(file.file_name().unwrap_or_default());
    name.push(format!(".discard-{}", std::process::id()));
    file.with_file_name(name)
}

fn missing(path: &Path) -> bool {
    matches!(fs::symlink_metadata(path), Err(e) if e.kind() == ErrorKind::NotFound)
}

/// Whether `path` is a Bearing database with no rows, read without a lock or a shared-memory
/// file (`immutable=1`: nothing else has it open, see the caller).
fn holds_nothing(path: &Path) -> Result<bool, StoreError> {
    let conn = Connection::open_with_flags(
        super::open::immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )?;
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    Ok(app == super::open::APPLICATION_ID && dump::row_count(&conn)? == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn an_empty_file_made_for_a_failed_command_goes_with_its_folders() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a b?#%/c/work.db");
        let fresh = Fresh::note(&db).unwrap();
        drop(Store::open(&db).unwrap());
        assert!(db.exists());
        assert!(fresh.discard_if_empty());
        assert!(!db.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "folders left");
    }

    #[test]
    fn a_file_with_rows_one_that_was_there_and_one_open_elsewhere_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        // Rows written before the command failed.
        let db = dir.path().join("rows.db");
        let fresh = Fresh::note(&db).unwrap();
        let store = Store::open(&db).unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO person (name, created_at, updated_at)
                 VALUES ('Ana', '2026-11-23T09:00:00', '2026-11-23T09:00:00')",
            )
            .unwrap();
        drop(store);
        assert!(!fresh.discard_if_empty());
        assert!(db.exists());
        // There before: never noted.
        assert!(Fresh::note(&db).is_none());
        // Opened by another connection meanwhile (its log and shared memory are beside it).
        let other = dir.path().join("other.db");
        let fresh = Fresh::note(&other).unwrap();
        let open = Store::open(&other).unwrap();
        assert!(!fresh.discard_if_empty());
        assert!(other.exists());
        drop(open);
        // A folder someone else put a file in stays.
        let nested = dir.path().join("made/work.db");
        let fresh = Fresh::note(&nested).unwrap();
        drop(Store::open(&nested).unwrap());
        fs::write(dir.path().join("made/keep.txt"), "x").unwrap();
        assert!(fresh.discard_if_empty());
        assert!(dir.path().join("made/keep.txt").exists());
    }
}
