//! Backups: on demand, daily and rotating, and restore with a safety copy of what it replaces.
//! Backups live in `backups/` beside the database, private like the database itself, and are
//! named after the database's whole file name (`team.db.daily-2026-11-29.db`), so two databases
//! in one folder (`team.db`, `team.sqlite`) never share one. Every copy is written to a temporary
//! name, checked, and renamed only when complete (see [`crate::output_file`]): a run killed
//! half-way never leaves a half copy under a backup's name.

use chrono::{NaiveDate, NaiveDateTime};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::OpsError;
use crate::output_file::{
    OutputFile, Policy, create_private_dir, folder_of, remove_stale_temporaries,
};
use crate::store::{FileSummary, Store, StoreError, quick_verify, summarize};

/// Where the backups of the database at `db` go.
pub fn backup_dir(db: &Path) -> PathBuf {
    folder_of(db).join("backups")
}

/// The database's whole file name, extension included: `team.db` and `team.sqlite` differ.
fn file_name(db: &Path) -> String {
    db.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bearing.db".into())
}

/// Daily copies are `NAME.daily-YYYY-MM-DD.db`. Earlier Bearings wrote `STEM-daily-…` and then
/// `NAME-daily-…`; the dot keeps the names apart: `NAME-daily-…` for a database `team` is also
/// what `team.db` was given under the first scheme, so rotating by it deleted the copies of
/// another database. No name of this scheme is a name of either earlier one, nor of another
/// database's copies.
fn daily_prefix(db: &Path) -> String {
    format!("{}.daily-", file_name(db))
}

/// Copies the database to `dest` (a new file, or a directory to put a dated copy in); without
/// `dest`, a dated copy in the backup directory. An existing file is replaced only with
/// `replace` (`--force`). Returns where the copy went.
pub fn backup(
    store: &Store,
    dest: Option<&Path>,
    replace: bool,
    now: NaiveDateTime,
) -> Result<PathBuf, OpsError> {
    let dated = |dir: &Path| {
        dir.join(format!(
            "{}-{}.db",
            file_name(store.path()),
            now.format("%Y-%m-%d-%H%M%S")
        ))
    };
    let target = match dest {
        None => dated(&backup_dir(store.path())),
        Some(d) if d.is_dir() => dated(d),
        Some(d) => d.to_path_buf(),
    };
    write_copy(store, &target, replace)?;
    Ok(target)
}

/// Writes a checked copy of the database to `target` through a temporary file, creating its
/// folder (private) if missing. Never replaces the database itself, a link, or (without
/// `replace`) any existing file.
fn write_copy(store: &Store, target: &Path, replace: bool) -> Result<(), OpsError> {
    if let Some(dir) = target.parent() {
        create_private_dir(dir).map_err(|source| StoreError::Io {
            path: target.to_path_buf(),
            source,
        })?;
    }
    let policy = Policy {
        replace,
        database: Some(store.path()),
    };
    let out = OutputFile::create(target, policy)?;
    store.backup_into(out.temp_path(), target)?;
    out.commit()?;
    Ok(())
}

/// The first start of a day copies the database to `NAME.daily-YYYY-MM-DD.db` and removes the
/// oldest daily copies beyond `keep`. A day whose copy is missing or not sound (damaged, cut
/// short) gets a new one at the next start; temporaries that killed runs left are removed.
/// Returns the new copy, if one was made (`keep` 0: never).
pub fn daily(store: &Store, keep: u32, today: NaiveDate) -> Result<Option<PathBuf>, OpsError> {
    if keep == 0 || store.is_read_only() {
        return Ok(None);
    }
    let dir = backup_dir(store.path());
    // Best effort: a temporary that cannot be removed now is tried again at the next start.
    let _ = remove_stale_temporaries(&dir);
    let target = dir.join(format!(
        "{}{}.db",
        daily_prefix(store.path()),
        today.format("%Y-%m-%d")
    ));
    let made = match quick_verify(&target) {
        Ok(()) => None,
        Err(StoreError::Io { source, .. }) if source.kind() == ErrorKind::NotFound => {
            match write_copy(store, &target, false) {
                Ok(()) => Some(target),
                // Another Bearing starting at the same moment made it first.
                Err(_) if quick_verify(&target).is_ok() => None,
                Err(e) => return Err(e),
            }
        }
        Err(_) => {
            write_copy(store, &target, true)?;
            Some(target)
        }
    };
    rotate(&dir, store.path(), keep, today)?;
    Ok(made)
}

/// Removes the oldest of the database's daily copies beyond `keep`, never today's. Only files
/// named exactly `NAME.daily-YYYY-MM-DD.db` for this database are counted: not manual backups,
/// not another database's, and none of the names earlier Bearings gave daily copies
/// (`STEM-daily-…`, `NAME-daily-…`), which cannot be attributed to one database (they are left
/// alone).
fn rotate(dir: &Path, db: &Path, keep: u32, today: NaiveDate) -> Result<(), OpsError> {
    let io = |source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let prefix = daily_prefix(db);
    let mut dailies: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            let date = name.strip_prefix(&prefix)?.strip_suffix(".db")?;
            let parsed = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
            (parsed.format("%Y-%m-%d").to_string() == date).then(|| (parsed, e.path()))
        })
        .collect();
    dailies.sort_by_key(|d| std::cmp::Reverse(d.0));
    for (date, old) in dailies.iter().skip(keep as usize) {
        if *date != today {
            std::fs::remove_file(old).map_err(|source| StoreError::Io {
                path: old.clone(),
                source,
            })?;
        }
    }
    Ok(())
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// The copy of the contents the restore replaced.
    pub safety_copy: PathBuf,
    pub restored: FileSummary,
}

/// Checks that `src` is a sound Bearing database this version can read, without changing it.
pub fn inspect(src: &Path) -> Result<FileSummary, OpsError> {
    let shown = src.display();
    summarize(src).map_err(|e| match e {
        StoreError::NotADatabase { .. } | StoreError::NotBearing { .. } => OpsError::Refused(
            format!("{shown} is not a Bearing backup; nothing was restored"),
        ),
        StoreError::NotAFile { kind, .. } => OpsError::Refused(format!(
            "{shown} is {kind}, not a backup file; nothing was restored"
        )),
        StoreError::UnexpectedSchema { finding, .. } => OpsError::Refused(format!(
            "{shown} is not a Bearing backup as Bearing writes it: {finding}. Another program \
             changed it, and restoring it would bring what it added into your database; nothing \
             was restored. Pick another backup."
        )),
        StoreError::Corrupt { detail, .. } => OpsError::Refused(format!(
            "{shown} is damaged ({detail}); nothing was restored. Pick another backup."
        )),
        StoreError::Io { source, .. } => OpsError::Refused(format!(
            "cannot read {shown}: {source}; nothing was restored"
        )),
        other => other.into(),
    })
}

/// Replaces the database's contents with the backup at `src`, after copying the current contents
/// to the backup directory.
pub fn restore(store: &mut Store, src: &Path, now: NaiveDateTime) -> Result<Restored, OpsError> {
    // Before `inspect`, which reads the file through handles of its own: closing one on the
    // database would drop this process's locks on it (see `Store::beside`).
    if same_file(store.path(), src) {
        return Err(OpsError::Refused(format!(
            "{} is the database itself; pick a backup file",
            src.display()
        )));
    }
    let restored = inspect(src)?;
    let safety_copy = backup_dir(store.path()).join(format!(
        "{}-before-restore-{}.db",
        file_name(store.path()),
        now.format("%Y-%m-%d-%H%M%S")
    ));
    write_copy(store, &safety_copy, false)?;
    match store.restore_from(src, super::json::rows_readable) {
        // Refused before anything was copied: the safety copy is of what stays.
        Err(e @ StoreError::UnreadableRows { .. }) => {
            let _ = std::fs::remove_file(&safety_copy);
            return Err(OpsError::Refused(e.to_string()));
        }
        done => done?,
    }
    Ok(Restored {
        safety_copy,
        restored,
    })
}

/// The same file, by device and inode: under another path, through a symbolic link or a hard
/// link (which no path comparison finds).
fn same_file(a: &Path, b: &Path) -> bool {
    let a = crate::paths::file_id(a);
    a.is_some() && a == crate::paths::file_id(b)
}

#[cfg(test)]
#[path = "backups_tests.rs"]
mod tests;
