//! Writing an output file (an export, a backup) without ever destroying anything: the one way
//! Bearing writes a file the user named.
//!
//! The target is checked first: an existing file is refused unless the caller may replace it
//! (`--force`), a symbolic link is always refused (never followed), and the open database, its
//! `-wal`, `-shm` and `-journal` are refused even with `--force`. The content goes to a private
//! temporary file beside the target (created with `O_EXCL | O_NOFOLLOW`, 0600), is synced, and
//! only then gets the target's name by a rename; a failure or a kill leaves at most the temporary,
//! never a half-written file under the final name. The temporary holds an advisory lock while it
//! lives, so [`remove_stale_temporaries`] can tell one left by a killed run from one in use.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Every temporary's name starts with this, so stale ones can be found and only they removed.
const TEMP_PREFIX: &str = ".bearing-tmp-";

/// How an output file may treat what is already at its path.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    /// Replace an existing regular file (`--force`). Symbolic links and the database stay refused.
    pub replace: bool,
    /// The open database: neither it nor its `-wal`, `-shm` or `-journal` is ever replaced.
    pub database: Option<&'a Path>,
}

impl Policy<'_> {
    /// Never replace anything.
    pub const NEW_ONLY: Policy<'static> = Policy {
        replace: false,
        database: None,
    };
}

/// Why an output file was not written. Nothing was left at the target's path in any case.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{} already exists, and Bearing never overwrites a file unless told to: choose another \
         name, move the file away, or pass --force to replace it",
        .0.display()
    )]
    Exists(PathBuf),
    #[error(
        "{} is a symbolic link, and Bearing never writes through one (not even with --force): \
         name the file itself, or choose another name",
        .0.display()
    )]
    Symlink(PathBuf),
    #[error(
        "{} exists and is not a regular file (a directory or a device): give the path of a file",
        .0.display()
    )]
    NotAFile(PathBuf),
    #[error(
        "{} is the open database (or one of its -wal, -shm, -journal files), and Bearing never \
         writes over it, not even with --force: choose another name",
        .0.display()
    )]
    Database(PathBuf),
    #[error(
        "cannot write {}: its folder does not exist; create the folder first or choose another \
         path",
        .0.display()
    )]
    NoFolder(PathBuf),
    #[error(
        "cannot write {}: you may not create files in its folder; choose another folder",
        .0.display()
    )]
    FolderNotWritable(PathBuf),
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl OutputError {
    /// True when the user can fix it by choosing another path or passing `--force` (exit code 2).
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, OutputError::Io { .. })
    }
}

/// Writes `bytes` to `target` by the rules of the module: checked, private, whole or not at all.
pub fn write_file(target: &Path, bytes: &[u8], policy: Policy<'_>) -> Result<(), OutputError> {
    let mut out = OutputFile::create(target, policy)?;
    out.write_all(bytes)?;
    out.commit()
}

/// An output file being written: a private temporary beside the target until [`commit`]
/// renames it. Dropped without a commit, it removes the temporary.
///
/// [`commit`]: OutputFile::commit
#[derive(Debug)]
pub struct OutputFile {
    target: PathBuf,
    temp: PathBuf,
    file: File,
    replace: bool,
    database: Option<PathBuf>,
    done: bool,
}

impl OutputFile {
    /// Checks `target` against `policy` and creates the temporary file beside it.
    pub fn create(target: &Path, policy: Policy<'_>) -> Result<OutputFile, OutputError> {
        check_target(target, policy)?;
        let dir = folder_of(target);
        // Best effort: what an earlier, killed run left here goes before a new one is made.
        let _ = remove_stale_temporaries(&dir);
        let io = |source: std::io::Error| match source.kind() {
            ErrorKind::NotFound => OutputError::NoFolder(target.to_path_buf()),
            ErrorKind::PermissionDenied => OutputError::FolderNotWritable(target.to_path_buf()),
            _ => OutputError::Io {
                path: target.to_path_buf(),
                source,
            },
        };
        let (temp, file) = create_temporary(&dir, target).map_err(io)?;
        let out = OutputFile {
            target: target.to_path_buf(),
            temp,
            file,
            replace: policy.replace,
            database: policy.database.map(Path::to_path_buf),
            done: false,
        };
        // The lock tells a concurrent cleanup that this temporary is in use (see the module doc).
        lock(&out.file).map_err(io)?;
        Ok(out)
    }

    /// Where the content goes until the commit (for writers that need a path, like SQLite's
    /// backup). The file exists, is empty and is private.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        self.file
            .write_all(bytes)
            .map_err(|source| OutputError::Io {
                path: self.target.clone(),
                source,
            })
    }

    /// Syncs the temporary, gives it the target's name (checking the target again: it may have
    /// appeared meanwhile) and syncs the folder, so the name survives a power loss.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let io = |source| OutputError::Io {
            path: self.target.clone(),
            source,
        };
        self.file.sync_all().map_err(io)?;
        // The temporary must still be the file this process created and wrote.
        let ours = self.file.metadata().map_err(io)?;
        let now = fs::symlink_metadata(&self.temp).map_err(io)?;
        if (ours.dev(), ours.ino()) != (now.dev(), now.ino()) {
            return Err(io(std::io::Error::other(
                "its temporary file was replaced while it was written",
            )));
        }
        let policy = Policy {
            replace: self.replace,
            database: self.database.as_deref(),
        };
        check_target(&self.target, policy)?;
        if self.replace {
            fs::rename(&self.temp, &self.target).map_err(io)?;
        } else {
            link_new(&self.temp, &self.target)?;
        }
        self.done = true;
        // Best effort: the file is complete under its name either way, and some filesystems
        // refuse to sync a directory; reporting a failure now would say nothing was written.
        if let Ok(dir) = File::open(folder_of(&self.target)) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Creates `dir` and any missing parents, readable by the user alone (0700).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Removes the temporaries a killed run left in `dir` (those no live process holds locked), and
/// returns how many. A missing `dir` has none.
pub fn remove_stale_temporaries(dir: &Path) -> std::io::Result<usize> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let is_temp = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(TEMP_PREFIX));
        if !is_temp || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let stale = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .and_then(|f| lock(&f))
            .is_ok();
        if stale && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// The folder `path` is in: its parent, or `.` for a bare file name.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses a target that must not be written: a symbolic link, something that is not a regular
/// file, the database or its companions, or an existing file without `replace`.
fn check_target(target: &Path, policy: Policy<'_>) -> Result<(), OutputError> {
    if let Some(db) = policy.database
        && is_database_file(target, db)
    {
        return Err(OutputError::Database(target.to_path_buf()));
    }
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(source) => Err(OutputError::Io {
            path: target.to_path_buf(),
            source,
        }),
        Ok(meta) if meta.file_type().is_symlink() => {
            Err(OutputError::Symlink(target.to_path_buf()))
        }
        Ok(meta) if !meta.is_file() => Err(OutputError::NotAFile(target.to_path_buf())),
        Ok(_) if !policy.replace => Err(OutputError::Exists(target.to_path_buf())),
        Ok(_) => Ok(()),
    }
}

/// Whether `target` is the database at `db` or one of its companion files: the same file by
/// device and inode (whatever the path says), or the same name in the same folder.
fn is_database_file(target: &Path, db: &Path) -> bool {
    let companions = std::iter::once(db.to_path_buf())
        .chain(crate::paths::COMPANIONS.map(|suffix| crate::paths::companion(db, suffix)))
        .collect::<Vec<_>>();
    let id = crate::paths::file_id;
    if let Some(target_id) = id(target)
        && companions.iter().any(|c| id(c) == Some(target_id))
    {
        return true;
    }
    let folder = |p: &Path| fs::canonicalize(folder_of(p)).ok();
    let same_folder = folder(target).is_some() && folder(target) == folder(db);
    same_folder
        && companions
            .iter()
            .any(|c| c.file_name().is_some() && c.file_name() == target.file_name())
}

/// Creates a new private temporary in `dir`, named after `target` so a person can tell what it
/// was for. `O_EXCL` and `O_NOFOLLOW`: it is always a new file, never a link planted in advance.
fn create_temporary(dir: &Path, target: &Path) -> std::io::Result<(PathBuf, File)> {
    let base: String = target
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(80).collect())
        .unwrap_or_default();
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!("{TEMP_PREFIX}{:016x}-{base}", fastrand::u64(..)));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&temp)
        {
            Ok(file) => {
                // The umask can only take bits away; set the mode exactly anyway.
                file.set_permissions(fs::Permissions::from_mode(0o600))?;
                return Ok((temp, file));
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 8 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Gives the complete temporary the name `target`, failing if `target` exists: a hard link
/// cannot replace anything. Where the filesystem has no hard links, a rename after a fresh
/// check is the closest it allows.
fn link_new(temp: &Path, target: &Path) -> Result<(), OutputError> {
    let io = |source| OutputError::Io {
        path: target.to_path_buf(),
        source,
    };
    match fs::hard_link(temp, target) {
        Ok(()) => fs::remove_file(temp).map_err(io),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            Err(OutputError::Exists(target.to_path_buf()))
        }
        Err(_) => match fs::symlink_metadata(target) {
            Err(e) if e.kind() == ErrorKind::NotFound => fs::rename(temp, target).map_err(io),
            _ => Err(OutputError::Exists(target.to_path_buf())),
        },
    }
}

/// Takes the advisory lock that marks a temporary as in use; fails at once if another holds it.
fn lock(file: &File) -> std::io::Result<()> {
    // SAFETY: flock only reads the descriptor, which `file` keeps open for the call.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(test)]
#[path = "output_file_tests.rs"]
pub(crate) mod tests;
