//! A database file's identity (application id, schema version, whether it holds tables), read
//! straight from its bytes: page 1 of the main file, or the newest committed copy of page 1 in a
//! pending write-ahead log. Nothing is opened for writing and SQLite never sees the file, so a file
//! that is not ours is refused before anything can change it: a connection SQLite opens on a file
//! with a pending `-wal`, even one that only reads, replays the log, and the last one to close
//! merges it into the main file and deletes the `-wal` and `-shm`.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, ErrorKind, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::open::{APPLICATION_ID, not_a_file};
use super::{StoreError, migrations};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The bytes of page 1 that matter here: the 100-byte file header and the schema table's page
/// header after it.
const PAGE1_PREFIX: usize = 108;
const WAL_HEADER: usize = 32;
const WAL_FRAME_HEADER: usize = 24;
/// A log frame's checksums are computed over big-endian words when the magic's low bit is set.
const WAL_MAGIC_LE: u32 = 0x377f_0682;
const WAL_MAGIC_BE: u32 = 0x377f_0683;
const WAL_VERSION: u32 = 3_007_000;

/// What a database file says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Identity {
    pub application_id: i32,
    pub user_version: i64,
    /// The schema table has entries: the file holds tables (or indexes, views, triggers).
    pub has_schema: bool,
    /// The main file is in WAL mode (SQLite needs a `-wal` and `-shm` beside it to open it).
    pub wal_mode: bool,
}

/// Refuses a file that is not an SQLite database, one of another program, or one from a newer
/// Bearing, without writing anything; an empty file (not created yet) passes.
pub(super) fn check(path: &Path) -> Result<Option<Identity>, StoreError> {
    let identity = read(path)?;
    if let Some(id) = identity {
        if id.application_id != APPLICATION_ID && (id.application_id != 0 || id.has_schema) {
            return Err(StoreError::NotBearing {
                path: path.to_path_buf(),
            });
        }
        if id.user_version > migrations::LATEST_VERSION {
            return Err(migrations::too_new(path, id.user_version));
        }
    }
    Ok(identity)
}

/// The `-wal` file beside `path`.
pub(super) fn wal_path(path: &Path) -> PathBuf {
    crate::paths::companion(path, "-wal")
}

/// Reads the identity; `None` for an empty file.
pub(super) fn read(path: &Path) -> Result<Option<Identity>, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let not_a_database = || StoreError::NotADatabase {
        path: path.to_path_buf(),
    };
    // Without blocking: opening a named pipe for reading waits for a writer, forever if none
    // comes. Only a regular file is read.
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(not_a_file(path, &meta));
    }
    let mut head = Vec::with_capacity(PAGE1_PREFIX);
    file.take(PAGE1_PREFIX as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    // An empty main file may still have a log: a program that created the file in WAL mode and
    // has not checkpointed yet (SQLite writes page 1 to the main file only then).
    if !head.is_empty() && (head.len() < PAGE1_PREFIX || !head.starts_with(SQLITE_MAGIC)) {
        return Err(not_a_database());
    }
    let page_size = match head.get(16..18).map(|b| u16::from_be_bytes([b[0], b[1]])) {
        Some(1) => Some(65_536),
        Some(n) => Some(usize::from(n)),
        None => None,
    };
    let wal_mode = head.get(18..20).is_some_and(|v| v.contains(&2));
    let logged = newest_logged_page1(&wal_path(path), page_size).map_err(io)?;
    let page1 = match logged.as_deref() {
        Some(page) => page,
        None if head.is_empty() => return Ok(None),
        None => &head,
    };
    let be32 =
        |at: usize| i32::from_be_bytes([page1[at], page1[at + 1], page1[at + 2], page1[at + 3]]);
    let (page_type, cells) = (page1[100], u16::from_be_bytes([page1[103], page1[104]]));
    Ok(Some(Identity {
        application_id: be32(68),
        user_version: i64::from(be32(60)),
        // 0x05: an interior page (the schema spans several pages); 0x0D: a leaf with `cells` rows.
        has_schema: page_type == 0x05 || cells > 0,
        wal_mode,
    }))
}

/// The start of page 1 as of the last transaction committed to the log at `wal`, if the log holds
/// one; the same frames SQLite's recovery would accept (matching salts, valid running checksums).
/// `page_size` is the main file's, when it has a header; the log must agree with it.
fn newest_logged_page1(wal: &Path, page_size: Option<usize>) -> std::io::Result<Option<Vec<u8>>> {
    let file = match File::open(wal) {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut log = BufReader::new(file);
    let mut header = [0u8; WAL_HEADER];
    if !read_exact_or_end(&mut log, &mut header)? {
        return Ok(None);
    }
    let word = |b: &[u8], at: usize| u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let big_endian = match word(&header, 0) {
        WAL_MAGIC_BE => true,
        WAL_MAGIC_LE => false,
        _ => return Ok(None),
    };
    let logged_size = word(&header, 8) as usize;
    let valid_size = logged_size.is_power_of_two() && (512..=65_536).contains(&logged_size);
    if word(&header, 4) != WAL_VERSION
        || !valid_size
        || page_size.is_some_and(|size| size != logged_size)
    {
        return Ok(None);
    }
    let page_size = logged_size;
    let mut sum = checksum((0, 0), &header[..24], big_endian);
    if sum != (word(&header, 24), word(&header, 28)) {
        return Ok(None);
    }
    let salts = &header[16..24];
    let (mut pending, mut committed) = (None, None);
    let mut frame = vec![0u8; WAL_FRAME_HEADER + page_size];
    while read_exact_or_end(&mut log, &mut frame)? {
        if &frame[8..16] != salts {
            break;
        }
        sum = checksum(sum, &frame[..8], big_endian);
        sum = checksum(sum, &frame[WAL_FRAME_HEADER..], big_endian);
        if sum != (word(&frame, 16), word(&frame, 20)) {
            break;
        }
        if word(&frame, 0) == 1 {
            pending = Some(frame[WAL_FRAME_HEADER..WAL_FRAME_HEADER + PAGE1_PREFIX].to_vec());
        }
        // A commit frame records the database's size after the transaction; others record 0.
        if word(&frame, 4) != 0 && pending.is_some() {
            committed = pending.take();
        }
    }
    Ok(committed)
}

/// SQLite's log checksum: a running pair of sums over the data as 32-bit words.
fn checksum(start: (u32, u32), data: &[u8], big_endian: bool) -> (u32, u32) {
    let (mut s0, mut s1) = start;
    for pair in data.chunks_exact(8) {
        let w = |b: &[u8]| {
            let bytes = [b[0], b[1], b[2], b[3]];
            if big_endian {
                u32::from_be_bytes(bytes)
            } else {
                u32::from_le_bytes(bytes)
            }
        };
        s0 = s0.wrapping_add(w(&pair[..4])).wrapping_add(s1);
        s1 = s1.wrapping_add(w(&pair[4..])).wrapping_add(s0);
    }
    (s0, s1)
}

/// Fills `buf` completely (true) or finds the end of the file first (false).
fn read_exact_or_end(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<bool> {
    match r.read_exact(buf) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
#[path = "identity_tests.rs"]
mod tests;
