//! The only place with SQL. Opens the database safely (never overwriting a file that is not ours),
//! migrates it forward, and maps rows to domain types, one file per entity.

pub mod actions;
pub mod agenda;
mod backup;
mod batch;
pub mod calendar;
pub(crate) mod codec;
pub mod decisions;
pub mod dependents;
pub mod dump;
mod error;
pub mod fresh;
pub mod generated;
pub mod health;
pub mod history;
mod identity;
pub mod ids;
mod journal;
pub mod links;
pub mod metrics;
mod migrations;
pub mod notes;
pub mod occurrences;
mod open;
pub mod people;
pub mod person_delete;
pub mod plan;
pub mod risks;
pub mod rituals;
mod schema;
pub mod search;
mod search_terms;
pub mod topics;

#[cfg(test)]
mod beside_tests;
#[cfg(test)]
mod cost_tests;

pub use backup::{FileSummary, quick_verify, summarize};
pub use error::StoreError;
pub use journal::{journaled_tables, new_group};
pub use migrations::{LATEST_VERSION, upgrade_rows};
pub use open::{APPLICATION_ID, OpenMode, ReadOnlyCause};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The page cache Bearing keeps (SQLite's default is about as much): the cockpit stays small in
/// memory.
pub const DEFAULT_CACHE_MIB: u32 = 2;

/// The page cache of a bulk fill ([`Store::fill`]).
const FILL_CACHE_MIB: u32 = 64;

/// Pages the log may hold before it is copied into the file: SQLite's own default.
pub const AUTO_CHECKPOINT_PAGES: i32 = 1000;

/// An open Bearing database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    mode: OpenMode,
    /// Set while writes are journaled for undo: the time stamped on the next entry.
    journal_at: Option<chrono::NaiveDateTime>,
    /// The journal's temporary triggers exist on this connection.
    journal_ready: bool,
    /// Stamped on this store's journal entries: undo and redo take only these.
    session: String,
    /// This session's entries an undo or redo refused: they stay as they are, and later steps
    /// go past them to older (or newer) ones instead of being blocked.
    refused: std::collections::BTreeSet<i64>,
    /// Stamped on the journal entry of the write under way: the entries of one user action
    /// made in several transactions (a person deleted in slices) share it, and undo and redo
    /// take them together. See [`Store::write_in_group`].
    group: Option<String>,
    /// The log is copied into the file by whoever reads [`log_pages`], not within a commit
    /// ([`Store::copy_log_aside`]).
    log_aside: bool,
    /// The file's device and inode as it was opened (none in memory): [`Beside::open`] opens
    /// that file or nothing.
    file: Option<(u64, u64)>,
}

/// Another connection to a store's file, to open on a thread of its own (the daily backup, the
/// log's copy): [`Store::beside`].
pub struct Beside {
    path: PathBuf,
    mode: OpenMode,
    file: Option<(u64, u64)>,
}

impl Beside {
    /// Opens the connection, by SQLite alone. [`Store::open`] first reads the file's identity
    /// through a file handle of its own, and closing a handle on a file drops every lock this
    /// process holds on it, the other connections' included (POSIX advisory locks): a store
    /// opened that way beside the cockpit's made the cockpit's shared lock vanish, and a
    /// program closing its connection after that found itself the file's last user, copied the
    /// log in and deleted `-wal` and `-shm` under the open cockpit, whose later saves went to a
    /// log nobody would read. SQLite keeps the locks of all its connections to one file
    /// together. The file was checked, migrated and switched to WAL when the store opened it;
    /// one moved, replaced or removed since (or an in-memory store's) is refused, never opened
    /// unchecked.
    pub fn open(self) -> Result<Store, StoreError> {
        if self.file.is_none() || crate::paths::file_id(&self.path) != self.file {
            return Err(StoreError::Io {
                path: self.path,
                source: std::io::Error::other(
                    "it was moved, replaced or removed since it was opened",
                ),
            });
        }
        let conn = open::connect(&self.path, self.mode)?;
        open::configure(&conn).map_err(|e| open::reclassify(&self.path, e))?;
        let mut store = Store::with(conn, self.path, self.mode);
        store.file = self.file;
        Ok(store)
    }
}

/// What [`Store::open_reading`]'s read gave.
pub struct Reading<T> {
    /// Where the result comes, with the store's `data_version` before the read began.
    result: Option<(std::sync::mpsc::Receiver<T>, i64)>,
}

impl<T> Reading<T> {
    /// No read: the caller reads on its store.
    pub fn none() -> Reading<T> {
        Reading { result: None }
    }

    /// The read's result, waiting for it, with the store's [`Store::data_version`] as it was
    /// before the read began (a save another program made since changes it); `None` when the
    /// read did not run.
    pub fn take(self) -> Option<(T, i64)> {
        let (result, version) = self.result?;
        Some((receive_soon(&result)?, version))
    }
}

/// What `channel` gives, looking for it without sleeping for a few milliseconds first: a thread
/// put to sleep on this machine woke 0.3–0.9 ms after it was sent something, which a start that
/// waits for the radar read beside it pays twice. `None` once the sender is gone.
fn receive_soon<T>(channel: &std::sync::mpsc::Receiver<T>) -> Option<T> {
    const LOOK: std::time::Duration = std::time::Duration::from_millis(5);
    let since = std::time::Instant::now();
    while since.elapsed() < LOOK {
        match channel.try_recv() {
            Ok(sent) => return Some(sent),
            Err(std::sync::mpsc::TryRecvError::Disconnected) => return None,
            Err(std::sync::mpsc::TryRecvError::Empty) => std::thread::yield_now(),
        }
    }
    channel.recv().ok()
}

/// Pages in the log after the latest commit on a connection that copies its log aside
/// ([`Store::copy_log_aside`]). Process-wide: SQLite's callback carries no state of ours, and
/// one connection of a process does this (the cockpit's).
static LOG_PAGES: AtomicI32 = AtomicI32::new(0);

fn note_log_pages(_: &rusqlite::hooks::Wal, pages: std::ffi::c_int) -> rusqlite::Result<()> {
    LOG_PAGES.store(pages, Ordering::Relaxed);
    Ok(())
}

/// How many pages the log held after the latest commit of a store that copies its log aside;
/// 0 once read by [`take_log_pages`].
pub fn log_pages() -> i32 {
    LOG_PAGES.load(Ordering::Relaxed)
}

/// [`log_pages`], counted from 0 again: the caller is copying the log now.
pub fn take_log_pages() -> i32 {
    LOG_PAGES.swap(0, Ordering::Relaxed)
}

impl Store {
    /// Opens (creating if needed, privately) the database at `path` and brings its schema up to date.
    /// Not beside another connection of this process to the same file: [`Store::beside`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let (conn, mode, file) = open::open_file(path, |_, _, _| {})?;
        let mut store = Store::with(conn, path.to_path_buf(), mode);
        store.file = file;
        Ok(store)
    }

    /// Opens the database as [`Store::open`] does, and runs `read` on a second connection to it
    /// on a thread of its own, started before the file is checked: the two connections read
    /// the schema side by side, and the cockpit reads its radar there while the store reads the
    /// week (BENCHMARKS.md, twentieth pass). The read runs only on the file the store opened (not
    /// one put in the path's place meanwhile), already at the latest version and in WAL mode, whose
    /// schema passes the same inspection; its connection never writes, nor copies the log into the
    /// file when it closes ([`open::reader`]). Otherwise, or when the thread cannot start,
    /// [`Reading::take`] gives `None` and the caller reads on the store.
    pub fn open_reading<T: Send + 'static>(
        path: &Path,
        read: impl FnOnce(&Store) -> T + Send + 'static,
    ) -> Result<(Store, Reading<T>), StoreError> {
        type Told = (PathBuf, OpenMode, Option<open::FileId>);
        let (send, receive) = std::sync::mpsc::sync_channel::<Told>(1);
        let (give, result) = std::sync::mpsc::sync_channel::<T>(1);
        // Its result is sent, not returned: the caller need not wait for the thread to close
        // its connection and end (0.5–0.9 ms on this machine).
        let started = std::thread::Builder::new()
            .name("first read".into())
            .spawn(move || {
                // Nothing comes when the store could not be opened.
                let Some((path, mode, file)) = receive_soon(&receive) else {
                    return;
                };
                if let Some(conn) = open::reader(&path, mode, file) {
                    let _ = give.send(read(&Store::with(conn, path, mode)));
                }
            })
            .is_ok();
        let mut version = None;
        let (conn, mode, file) = open::open_file(path, |conn, mode, file| {
            // Before the read starts: another program's save landing after it changes this.
            version = conn
                .pragma_query_value(None, "data_version", |r| r.get(0))
                .ok();
            if version.is_some() && file.is_some() {
                let _ = send.send((path.to_path_buf(), mode, file));
            }
        })?;
        let mut store = Store::with(conn, path.to_path_buf(), mode);
        store.file = file;
        // No file known once opened (another was put in the path's place meanwhile): the read,
        // if it ran, is not this store's.
        let result = version
            .filter(|_| started && file.is_some())
            .map(|version| (result, version));
        Ok((store, Reading { result }))
    }

    /// What a thread needs to open another connection to this store's file ([`Beside::open`]).
    pub fn beside(&self) -> Beside {
        Beside {
            path: self.path.clone(),
            mode: self.mode,
            file: self.file,
        }
    }

    /// A private in-memory database, for tests and benchmarks.
    /// Migrated once per process: later ones are copies of the first (a fraction of the
    /// migrations' cost, which tests that make hundreds of stores feel).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        static EMPTY: OnceLock<Mutex<Store>> = OnceLock::new();
        if let Some(empty) = EMPTY.get() {
            return empty
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .in_memory_copy();
        }
        let conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        migrations::migrate(&conn, Path::new(":memory:"))?;
        let store = Store::in_memory(conn);
        let copy = store.in_memory_copy()?;
        // Another thread may have set it first: either copy is an empty, migrated database.
        let _ = EMPTY.set(Mutex::new(copy));
        Ok(store)
    }

    /// The store over the in-memory connection `conn`, already configured and migrated.
    fn in_memory(conn: Connection) -> Store {
        Store::with(conn, PathBuf::from(":memory:"), OpenMode::ReadWrite)
    }

    /// A store on a connection just opened: a session of its own, nothing journaled yet.
    fn with(conn: Connection, path: PathBuf, mode: OpenMode) -> Store {
        Store {
            conn,
            path,
            mode,
            journal_at: None,
            journal_ready: false,
            log_aside: false,
            file: None,
            session: journal::new_session(),
            refused: Default::default(),
            group: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.mode != OpenMode::ReadWrite
    }

    /// The error a write gets when the database was opened read-only.
    fn read_only_error(&self) -> Option<StoreError> {
        match self.mode {
            OpenMode::ReadWrite => None,
            OpenMode::ReadOnly(cause) => Some(StoreError::ReadOnly {
                path: self.path.clone(),
                cause,
            }),
        }
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` as one write transaction: either all of it lands or none of it does. When the store
    /// journals, the same transaction records what changed, for undo. `IMMEDIATE` takes
    /// the write lock up front so two processes never deadlock upgrading a read lock.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if let Some(e) = self.read_only_error() {
            return Err(e.into());
        }
        if self.journal_at.is_some() {
            self.watch()?;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        // The scratch table of touched rows starts empty for every write once the journal's
        // triggers are installed, journaling or not: rows left from an earlier write made a
        // cascade touching them again fail, and would pile up for as long as the store is open.
        if self.journal_ready {
            journal::begin(&tx)?;
        }
        let value = f(&tx)?;
        search_terms::absorb(&tx)?;
        if let Some(now) = self.journal_at {
            journal::record(&tx, now, &self.session, self.group.as_deref())?;
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// [`Store::write`] for a write of many rows at once (the large demos, an import): the rows
    /// go in with this connection's triggers off and every search index is built from them after
    /// ([`search::fill_then_index`]).
    pub fn fill<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        // Hundreds of megabytes in one transaction: with the default 2 MiB of cache SQLite
        // spills pages to the log mid-way and writes many of them twice (15 s -> 8 s for huge).
        self.set_cache_mib(FILL_CACHE_MIB)?;
        let filled = self.write(|tx| search::fill_then_index(tx, || f(tx)));
        self.set_cache_mib(DEFAULT_CACHE_MIB)?;
        filled
    }

    /// [`Store::write`], its journal entry one of the group `group`: undo and redo take every
    /// entry of a group together, as one step (see `history`).
    pub fn write_in_group<T, E>(
        &mut self,
        group: &str,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.group = Some(group.to_string());
        let result = self.write(f);
        self.group = None;
        result
    }

    /// Lets SQLite keep up to `mib` MiB of the file's pages in memory ([`DEFAULT_CACHE_MIB`]
    /// unless changed): for one transaction that writes hundreds of megabytes.
    fn set_cache_mib(&self, mib: u32) -> Result<(), StoreError> {
        let kib = -i64::from(mib) * 1024;
        Ok(self.conn.pragma_update(None, "cache_size", kib)?)
    }

    /// Whether a commit that leaves more than SQLite's 1,000 pages in the log (`-wal`) copies
    /// them into the file there and then (the default), or leaves that to [`Store::checkpoint`].
    /// Back on, a store that copies its log aside goes on doing so.
    pub fn auto_checkpoint(&self, on: bool) -> Result<(), StoreError> {
        if on && self.log_aside {
            self.conn.wal_hook(Some(note_log_pages));
            return Ok(());
        }
        let pages = if on { AUTO_CHECKPOINT_PAGES } else { 0 };
        Ok(self.conn.pragma_update(None, "wal_autocheckpoint", pages)?)
    }

    /// No commit copies the log into the file any more: SQLite's automatic copy, once the log
    /// passes 1,000 pages, took 20–45 ms within the save that passed it on ten years of data.
    /// Each commit notes the log's pages instead ([`log_pages`]), and the owner copies it with
    /// [`Store::checkpoint`] on a connection and thread of its own ([`Store::beside`]) when it
    /// passes [`AUTO_CHECKPOINT_PAGES`].
    pub fn copy_log_aside(&mut self) {
        self.log_aside = true;
        LOG_PAGES.store(0, Ordering::Relaxed);
        self.conn.wal_hook(Some(note_log_pages));
    }

    /// Copies what the log holds into the file, as far as no reader still needs it (passive:
    /// it never waits for another connection).
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Changes whenever another connection commits to the file: the TUI polls it to refresh.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}
