//! Backups: on demand, daily and rotating, and restore with a safety copy of what it replaces.
//! Backups live in `backups/` beside the database, private like the database itself.

use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

use super::OpsError;
use crate::store::{FileSummary, Store, StoreError, summarize};

/// Where the backups of the database at `db` go.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bearing".into())
}

fn daily_prefix(db: &Path) -> String {
    format!("{}-daily-", stem(db))
}

/// Copies the database to `dest` (a new file, or a directory to put a dated copy in); without
/// `dest`, a dated copy in the backup directory. Returns where the copy went.
pub fn backup(store: &Store, dest: Option<&Path>, now: NaiveDateTime) -> Result<PathBuf, OpsError> {
    let dated = |dir: &Path| {
        dir.join(format!(
            "{}-{}.db",
            stem(store.path()),
            now.format("%Y-%m-%d-%H%M%S")
        ))
    };
    let target = match dest {
        None => dated(&backup_dir(store.path())),
        Some(d) if d.is_dir() => dated(d),
        Some(d) => d.to_path_buf(),
    };
    if target.exists() {
        return Err(OpsError::Refused(format!(
            "{} already exists; a backup never overwrites a file. Choose another name or move it away.",
            target.display()
        )));
    }
    store.backup_to(&target)?;
    Ok(target)
}

/// The first start of a day copies the database to `NAME-daily-YYYY-MM-DD.db` and removes the
/// oldest daily copies beyond `keep`. Returns the new copy, if one was made (`keep` 0: never).
pub fn daily(store: &Store, keep: u32, today: NaiveDate) -> Result<Option<PathBuf>, OpsError> {
    if keep == 0 || store.is_read_only() {
        return Ok(None);
    }
    let dir = backup_dir(store.path());
    let prefix = daily_prefix(store.path());
    let target = dir.join(format!("{prefix}{}.db", today.format("%Y-%m-%d")));
    if target.exists() {
        return Ok(None);
    }
    store.backup_to(&target)?;
    let mut dailies = daily_backups(&dir, &prefix)?;
    dailies.sort();
    let excess = dailies.len().saturating_sub(keep as usize);
    for old in &dailies[..excess] {
        std::fs::remove_file(old).map_err(|source| StoreError::Io {
            path: old.clone(),
            source,
        })?;
    }
    Ok(Some(target))
}

fn daily_backups(dir: &Path, prefix: &str) -> Result<Vec<PathBuf>, OpsError> {
    let entries = std::fs::read_dir(dir).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    Ok(entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".db"))
        })
        .collect())
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
    let restored = inspect(src)?;
    if same_file(store.path(), src) {
        return Err(OpsError::Refused(format!(
            "{} is the database itself; pick a backup file",
            src.display()
        )));
    }
    let safety_copy = backup_dir(store.path()).join(format!(
        "{}-before-restore-{}.db",
        stem(store.path()),
        now.format("%Y-%m-%d-%H%M%S")
    ));
    backup(store, Some(&safety_copy), now)?;
    store.restore_from(src)?;
    Ok(Restored {
        safety_copy,
        restored,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn daily_backups_happen_once_a_day_and_rotate() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("work.db")).unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert!(daily(&store, 2, day(20)).unwrap().is_some());
        assert!(daily(&store, 2, day(20)).unwrap().is_none(), "once a day");
        // A manual backup is never rotated away.
        backup(&store, None, day(20).and_hms_opt(12, 0, 0).unwrap()).unwrap();
        daily(&store, 2, day(21)).unwrap();
        daily(&store, 2, day(23)).unwrap();
        assert_eq!(
            names(&dir.path().join("backups")),
            [
                "work-2026-11-20-120000.db",
                "work-daily-2026-11-21.db",
                "work-daily-2026-11-23.db"
            ]
        );
        assert!(
            daily(&store, 0, day(24)).unwrap().is_none(),
            "0 turns them off"
        );
    }
}
