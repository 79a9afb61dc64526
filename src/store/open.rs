//! Opening a database file without ever damaging one that is not ours.

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, ffi};
use std::ffi::CString;
use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use super::{StoreError, identity, migrations, schema};
use crate::output_file::{create_private_dir, folder_of};

/// A file's device and inode ([`crate::paths::file_id`]).
pub(super) type FileId = (u64, u64);

/// "BRNG": marks the file as Bearing's, so another program's SQLite file is recognised and refused.
pub const APPLICATION_ID: i32 = 0x4252_4E47;

/// How long a save waits for another Bearing's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    ReadWrite,
    /// The file cannot be written: Bearing shows it with a banner and refuses changes.
    ReadOnly(ReadOnlyCause),
}

/// Why a database opened read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyCause {
    /// The file's permissions.
    File,
    /// Its folder cannot be written, and SQLite keeps a database's `-wal` and `-shm` beside it.
    Folder,
}

/// Creates `path`'s directory, if missing, readable by the user alone (0700).
pub(super) fn private_parent(path: &Path) -> Result<(), StoreError> {
    match path.parent() {
        Some(dir) => create_private_dir(dir).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
        None => Ok(()),
    }
}

/// Creates the new, empty file `path` (it must not exist), private (0600) from its first byte.
pub(super) fn create_private(path: &Path) -> Result<(), StoreError> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// Opens `path` as [`super::Store::open`] does, with the device and inode of the file the
/// connection has, if it is still at the path (none if another was moved in meanwhile).
/// `connected` gets the connection, its mode and that file the moment SQLite has it open,
/// before the schema is read: every file handle of this process's own on it (the identity
/// check, the test for write permission) is closed by then, so a second connection opened from
/// that moment keeps its locks (see [`super::Beside::open`]).
pub(super) fn open_file(
    path: &Path,
    connected: impl FnOnce(&Connection, OpenMode, Option<FileId>),
) -> Result<(Connection, OpenMode, Option<FileId>), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    private_parent(path)?;
    let mode = match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(not_a_file(path, &meta)),
        Ok(_) => existing_mode(path)?,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            // Created here, before SQLite sees it, so it is private from its first byte.
            match create_private(path) {
                Ok(()) => OpenMode::ReadWrite,
                // Another Bearing starting at the same moment created it first.
                Err(StoreError::Io { source, .. }) if source.kind() == ErrorKind::AlreadyExists => {
                    existing_mode(path)?
                }
                Err(e) => return Err(e),
            }
        }
        Err(e) => return Err(io(e)),
    };
    // The file SQLite opens is the one at the path just before and just after it does (a file
    // moved into the path meanwhile makes them differ, and the connection's file is unknown).
    let before = crate::paths::file_id(path);
    let conn = connect(path, mode)?;
    let file = before.filter(|_| crate::paths::file_id(path) == before);
    connected(&conn, mode, file);
    inspect(&conn, path).map_err(|e| unreadable(path, mode, e))?;
    configure(&conn).map_err(|e| reclassify(path, e))?;
    match mode {
        OpenMode::ReadWrite => migrations::migrate(&conn, path)?,
        OpenMode::ReadOnly(cause) => {
            let version = migrations::user_version(&conn)?;
            if version < migrations::LATEST_VERSION {
                return Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                    cause,
                });
            }
        }
    }
    // Still at the path once opened; otherwise the store knows no file it may open again
    // beside itself (`Beside::open` refuses).
    let file = file.filter(|_| crate::paths::file_id(path) == file);
    Ok((conn, mode, file))
}

/// A path that names something other than a regular file: a named pipe would block the first
/// read forever, and a device or socket is never a database.
pub(super) fn not_a_file(path: &Path, meta: &fs::Metadata) -> StoreError {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    StoreError::NotAFile {
        path: path.to_path_buf(),
        kind: if kind.is_dir() {
            "a directory"
        } else if kind.is_fifo() {
            "a named pipe"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else {
            "not a regular file"
        },
    }
}

/// Opens the SQLite connection for `mode`. In a folder that cannot be written, SQLite cannot
/// create the `-wal` and `-shm` a WAL-mode file needs even for reading; with no log pending, the
/// main file holds everything, and SQLite reads it as immutable (no locks, no companion files).
/// Nobody can write it meanwhile without writing the folder: a writer needs its `-wal` there.
pub(super) fn connect(path: &Path, mode: OpenMode) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let opened = match mode {
        OpenMode::ReadWrite => {
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_WRITE)
        }
        OpenMode::ReadOnly(ReadOnlyCause::Folder) if !identity::wal_path(path).exists() => {
            Connection::open_with_flags(
                immutable_uri(path),
                flags | OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
            )
        }
        OpenMode::ReadOnly(_) => {
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_READ_ONLY)
        }
    };
    let conn = opened.map_err(|e| unreadable(path, mode, classify(path, e)))?;
    conn.busy_handler(Some(wait_for_the_lock))
        .map_err(|e| classify(path, e))?;
    Ok(conn)
}

/// How often a write waiting for another Bearing's transaction tries again.
const BUSY_RETRY: Duration = Duration::from_millis(1);

std::thread_local! {
    /// When this thread's current wait for the lock began.
    static WAITING_SINCE: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

/// SQLite's busy handler: try again every millisecond for up to [`BUSY_TIMEOUT`]. SQLite's own
/// timeout backs off to sleeps of 100 ms, so a writer beside a delete made in slices
/// (`ops::person_delete`) would keep missing the few milliseconds between two slices and wait
/// for the whole delete; retrying every millisecond it gets in at the first gap (RELIABILITY.md,
/// "Deleting a person").
fn wait_for_the_lock(attempts: i32) -> bool {
    let now = Instant::now();
    let since = WAITING_SINCE.with(|since| {
        let start = match since.get() {
            Some(start) if attempts > 0 => start,
            _ => now,
        };
        since.set(Some(start));
        start
    });
    if now.duration_since(since) >= BUSY_TIMEOUT {
        return false;
    }
    std::thread::sleep(BUSY_RETRY);
    true
}

/// A read that failed because SQLite could not create or write a companion file in a folder that
/// cannot be written (a log is pending there) says so, instead of calling the file read-only.
fn unreadable(path: &Path, mode: OpenMode, e: StoreError) -> StoreError {
    let companion_refused = matches!(e, StoreError::ReadOnly { .. })
        || matches!(&e, StoreError::Sqlite(s) if s.sqlite_error_code() == Some(ErrorCode::CannotOpen));
    if mode == OpenMode::ReadOnly(ReadOnlyCause::Folder) && companion_refused {
        StoreError::FolderNotWritable {
            path: path.to_path_buf(),
        }
    } else {
        e
    }
}

/// `file:PATH?immutable=1`, with every byte of the path that a URI could misread escaped.
pub(super) fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// How an existing file can be opened; refuses it, before SQLite may touch it, when it is not a
/// Bearing database this version can open.
fn existing_mode(path: &Path) -> Result<OpenMode, StoreError> {
    identity::check(path)?;
    Ok(if !folder_writable(path) {
        OpenMode::ReadOnly(ReadOnlyCause::Folder)
    } else if OpenOptions::new().append(true).open(path).is_ok() {
        OpenMode::ReadWrite
    } else {
        OpenMode::ReadOnly(ReadOnlyCause::File)
    })
}

/// Whether this process may create files in `path`'s folder (where SQLite puts `-wal` and `-shm`).
fn folder_writable(path: &Path) -> bool {
    let Ok(dir) = CString::new(folder_of(path).into_os_string().into_vec()) else {
        return true;
    };
    // SAFETY: `dir` is a NUL-terminated string that outlives the call; access only reads it.
    // access() asks the kernel, which counts capabilities such as CAP_DAC_OVERRIDE.
    unsafe { libc::access(dir.as_ptr(), libc::W_OK) == 0 }
}

/// A second connection for reading `path`, opened while [`open_file`] is still checking it
/// (after `connected` was called): `None` unless the file is still the one the opening
/// connection has (`file`, its device and inode then), at the latest version, already in WAL
/// mode (the opening connection may be about to migrate it or switch its journal, and a reader
/// would only be in its way) and its schema passes the same inspection, version and schema read
/// in one snapshot; never for a file in a folder that cannot be written (read as immutable, see
/// [`connect`]). It never writes: `query_only`, and closing it never copies the log into the
/// file, even as the file's last connection.
pub(super) fn reader(path: &Path, mode: OpenMode, file: Option<FileId>) -> Option<Connection> {
    let same_file = || file.is_some() && crate::paths::file_id(path) == file;
    if mode == OpenMode::ReadOnly(ReadOnlyCause::Folder) || !same_file() {
        return None;
    }
    let conn = connect(path, mode).ok()?;
    // Before anything is read (SQLite opens the log and its shared memory at the first read):
    // a file put in the path's place meanwhile is never read, nor its log taken for its own.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .ok()?;
    if !same_file() {
        return None;
    }
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .ok()?;
    if !journal.eq_ignore_ascii_case("wal")
        || inspect(&conn, path).ok()? != migrations::LATEST_VERSION
    {
        return None;
    }
    conn.pragma_update(None, "query_only", true).ok()?;
    conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
    Some(conn)
}

/// Session settings every connection needs.
pub(super) fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
    conn.pragma_update(None, "foreign_keys", true)?;
    if !conn.is_readonly(rusqlite::MAIN_DB)? {
        enter_wal(conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    Ok(())
}

/// Prepared statements kept per connection (`prepare_cached`; rusqlite keeps 16): a search
/// alone uses about twenty, so at 16 every keystroke prepared most of them again.
const STATEMENTS_KEPT: usize = 64;

/// Switches the file to WAL. SQLite does not call the busy handler while it switches a file's
/// journal mode, so two Bearings starting on a new file at once would make one of them fail with
/// "database is locked" straight away; it waits here as long as the busy timeout would.
fn enter_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        {
            Ok(_) => return Ok(()),
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Reads the file's identity without writing: whose it is, which version, whether SQLite can
/// read its schema at all, and whether that schema is exactly the one Bearing's migrations make
/// for its version (a file changed by another program could run its own SQL inside Bearing).
///
/// The version read is returned: it is the schema's, from the same snapshot.
pub(super) fn inspect(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    let (app, version, objects) = snapshot(conn).map_err(|e| classify(path, e))?;
    if app != APPLICATION_ID && (app != 0 || !objects.is_empty()) {
        return Err(StoreError::NotBearing {
            path: path.to_path_buf(),
        });
    }
    if version > migrations::LATEST_VERSION {
        return Err(migrations::too_new(path, version));
    }
    match schema::difference(&objects, version).map_err(|e| classify(path, e))? {
        Some(finding) => Err(StoreError::UnexpectedSchema {
            path: path.to_path_buf(),
            finding,
        }),
        None => Ok(version),
    }
}

/// The application id, the schema version and the schema, from one snapshot: read one by one, a
/// Bearing starting beside us could commit its first migration in between, and we would see no
/// application id yet but its tables already, and refuse a brand-new database as foreign. Inside
/// the caller's transaction when there is one (a restore checks and copies one snapshot).
fn snapshot(conn: &Connection) -> rusqlite::Result<(i32, i64, Vec<schema::SchemaObject>)> {
    let own = if conn.is_autocommit() {
        Some(conn.unchecked_transaction()?)
    } else {
        None
    };
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects = schema::read(conn)?;
    if let Some(tx) = own {
        tx.commit()?;
    }
    Ok((app, version, objects))
}

pub(super) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
            cause: match e.sqlite_error().map(|s| s.extended_code) {
                Some(ffi::SQLITE_READONLY_DIRECTORY) => ReadOnlyCause::Folder,
                _ => ReadOnlyCause::File,
            },
        },
        _ => StoreError::Sqlite(e),
    }
}

/// [`classify`] for an error that already went through the store's error type.
pub(super) fn reclassify(path: &Path, e: StoreError) -> StoreError {
    match e {
        StoreError::Sqlite(e) => classify(path, e),
        other => other,
    }
}
