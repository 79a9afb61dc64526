//! Consistent copies through SQLite's online backup API: safe while other instances read and write.

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::Path;
use std::time::Duration;

use super::{Store, StoreError, dump, identity, migrations, open};

/// What a database file holds, read without changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub schema_version: i64,
    /// Rows in the user tables, in all.
    pub rows: i64,
    pub people: i64,
    pub risks: i64,
    /// When the newest change it journals was made (none when it journals none).
    pub newest_change: Option<chrono::NaiveDateTime>,
}

impl Store {
    /// A private in-memory database holding what this one holds, as a fresh
    /// [`Store::open_in_memory`] would hold it after the same writes (a session of its own, not
    /// journaling). Tests build a fixture such as the demo once and copy it, instead of building
    /// it again for every test.
    pub fn in_memory_copy(&self) -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        copy_all(&self.conn, &mut conn)?;
        open::configure(&conn)?;
        Ok(Store::in_memory(conn))
    }

    /// Copies the whole database, as of one moment, into the empty private file `temp` (an
    /// output file's temporary; it must exist). The copy is a self-contained file (no write-ahead
    /// log beside it) that passed `PRAGMA integrity_check` and reads as a Bearing database.
    /// Errors name `target`, the file the copy is for.
    pub fn backup_into(&self, temp: &Path, target: &Path) -> Result<(), StoreError> {
        // No CREATE flag: if the temporary vanished, fail rather than create a file SQLite's way.
        let mut copy = Connection::open_with_flags(
            temp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open::classify(target, e))?;
        // The rollback journal stays in memory: a copy cut short is thrown away whole, so a
        // journal file beside it would only be one more thing a killed run leaves behind.
        let _mode: String =
            copy.pragma_update_and_check(None, "journal_mode", "MEMORY", |r| r.get(0))?;
        copy_all(&self.conn, &mut copy)?;
        let _mode: String =
            copy.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        check_integrity(&copy, target)?;
        check_bearing(&copy, target)?;
        copy.close().map_err(|(_, e)| open::classify(target, e))
    }

    /// Replaces this database's contents with the Bearing database at `src`, then migrates it
    /// forward if it came from an older version. `src` is checked as [`summarize`] checks it
    /// (identity, exactly Bearing's schema, `PRAGMA integrity_check`), and its rows by
    /// `rows_hold` (whose queries need this version's schema: an older backup is copied into
    /// memory and brought forward first), and copied from the same read transaction, so what is
    /// copied is what was checked. The copy is one write
    /// transaction on the live database: it lands whole or not at all.
    pub fn restore_from(
        &mut self,
        src: &Path,
        rows_hold: impl FnOnce(&Connection) -> Result<(), String>,
    ) -> Result<(), StoreError> {
        if let Some(e) = self.read_only_error() {
            return Err(e);
        }
        let floors = super::ids::all_given(&self.conn)?;
        let source = open_source(src)?;
        source
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| open::classify(src, e))?;
        verify(&source, src, Check::Integrity)?;
        let unreadable = |finding| StoreError::UnreadableRows {
            path: src.to_path_buf(),
            finding,
        };
        if migrations::user_version(&source)? == migrations::LATEST_VERSION {
            rows_hold(&source).map_err(unreadable)?;
            copy_all(&source, &mut self.conn)?;
        } else {
            // An older version's backup is brought forward in memory first, so its rows are
            // checked by this version's queries before anything reaches the database.
            let mut forward = Connection::open_in_memory()?;
            copy_all(&source, &mut forward)?;
            drop(source);
            migrations::migrate(&forward, src)?;
            rows_hold(&forward).map_err(unreadable)?;
            copy_all(&forward, &mut self.conn)?;
        }
        migrations::migrate(&self.conn, &self.path)?;
        begin_again(&mut self.conn, &floors)?;
        check_integrity(&self.conn, &self.path)
    }
}

/// After a restore: no window undoes (or redoes) a change journaled before it, as what it
/// would put back is no longer what the window saw (the copy made before the restore holds
/// it), and ids go on above every one given before the restore as well as in the backup, so
/// nothing a window still names by number is taken by a newcomer. The entries keep who made
/// them (a session's first letter) for the audit trail.
fn begin_again(
    conn: &mut Connection,
    floors: &[(super::ids::Named, i64)],
) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE change_log SET session = session || '.before-restore' \
         WHERE session IS NOT NULL AND session NOT LIKE '%.before-restore'",
        [],
    )?;
    super::ids::keep_at_least(&tx, floors)?;
    tx.commit()?;
    Ok(())
}

/// Opens `path` read-only and says what it holds; refuses anything that is not a sound Bearing
/// database this version can read.
pub fn summarize(path: &Path) -> Result<FileSummary, StoreError> {
    let conn = open_checked(path, Check::Integrity)?;
    let count = |table: &str| -> Result<i64, StoreError> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(FileSummary {
        schema_version: migrations::user_version(&conn)?,
        rows: dump::row_count(&conn).map_err(|e| open::reclassify(path, e))?,
        people: count("person")?,
        risks: count("risk")?,
        newest_change: newest_change(&conn)?,
    })
}

impl Store {
    /// When the newest change the journal holds was made: what a restore would undo since.
    pub fn newest_change(&self) -> Result<Option<chrono::NaiveDateTime>, StoreError> {
        newest_change(&self.conn)
    }
}

/// The newest journal entry's time; an entry whose time cannot be read counts as none.
fn newest_change(conn: &Connection) -> Result<Option<chrono::NaiveDateTime>, StoreError> {
    let at: Option<String> = conn.query_row("SELECT max(at) FROM change_log", [], |r| r.get(0))?;
    Ok(at.and_then(|at| super::codec::parse_date_time(0, &at).ok()))
}

/// Whether `path` is a sound Bearing database, checked more cheaply than [`summarize`] does:
/// `PRAGMA quick_check` skips comparing indexes with their tables. For a backup that was fully
/// checked when it was made, at each start of the cockpit.
pub fn quick_verify(path: &Path) -> Result<(), StoreError> {
    open_checked(path, Check::Quick).map(drop)
}

/// How thoroughly SQLite checks a file.
#[derive(Clone, Copy)]
enum Check {
    /// `PRAGMA integrity_check`.
    Integrity,
    /// `PRAGMA quick_check`: the same, without comparing indexes with their tables.
    Quick,
}

/// A read-only connection to `path` after its identity (read without SQLite) and `check` found
/// a sound Bearing database this version can read.
fn open_checked(path: &Path, check: Check) -> Result<Connection, StoreError> {
    let conn = open_source(path)?;
    verify(&conn, path, check)?;
    Ok(conn)
}

/// A read-only connection to the regular file `path`, once its bytes say it is a Bearing
/// database this version can read.
fn open_source(path: &Path) -> Result<Connection, StoreError> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(open::not_a_file(path, &meta)),
        Ok(meta) if meta.len() == 0 => {
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
    identity::check(path)?;
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open::classify(path, e))
}

/// What SQLite says of an open file: Bearing's, with exactly Bearing's schema, and sound.
fn verify(conn: &Connection, path: &Path, check: Check) -> Result<(), StoreError> {
    check_bearing(conn, path)?;
    run_check(conn, path, check)
}

/// The identity as SQLite reads it: Bearing's, with a schema this version knows.
fn check_bearing(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    open::inspect(conn, path)?;
    if migrations::user_version(conn)? == 0 {
        return Err(StoreError::NotBearing {
            path: path.to_path_buf(),
        });
    }
    Ok(())
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
    run_check(conn, path, Check::Integrity)
}

fn run_check(conn: &Connection, path: &Path, check: Check) -> Result<(), StoreError> {
    let sql = match check {
        Check::Integrity => "PRAGMA integrity_check",
        Check::Quick => "PRAGMA quick_check",
    };
    let verdict: String = conn
        .query_row(sql, [], |r| r.get(0))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, migrations::MIGRATIONS};

    /// A backup as the version before migration `version + 1` left it, holding `rows` (SQL).
    fn older_backup(path: &Path, version: usize, rows: &str) {
        let conn = Connection::open(path).unwrap();
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", version as i64)
            .unwrap();
        conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch(rows).unwrap();
    }

    fn people(store: &Store) -> Vec<String> {
        crate::store::people::list(store.conn())
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn an_older_backup_is_brought_forward_and_its_rows_checked_before_it_lands() {
        let dir = tempfile::tempdir().unwrap();
        let mut live = Store::open(&dir.path().join("live.db")).unwrap();
        live.conn()
            .execute_batch(
                "INSERT INTO person (name, created_at, updated_at)
                 VALUES ('Keep Me', '2026-11-01T09:00:00', '2026-11-01T09:00:00')",
            )
            .unwrap();
        let person = "INSERT INTO person (id, name, created_at, updated_at)
                      VALUES (1, 'From the backup', '2026-11-01T09:00:00', '2026-11-01T09:00:00');";
        // A decision dated 30 February, in a backup from before the search terms (version 12):
        // restored unchecked, every export and the decision log failed on it.
        let bad = dir.path().join("bad.db");
        older_backup(
            &bad,
            12,
            &format!(
                "{person} INSERT INTO decision (id, title, date, status, created_at, updated_at)
                 VALUES (1, 'Use SQLite', '2026-02-30', 'accepted', '2026-11-01T09:00:00',
                         '2026-11-01T09:00:00');"
            ),
        );
        let err = live
            .restore_from(&bad, crate::ops::json::rows_readable)
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::UnreadableRows { finding, .. } if finding.contains("decision")),
            "{err}"
        );
        assert_eq!(people(&live), ["Keep Me"], "nothing reached the database");
        // A sound one of the same version restores, brought forward.
        let good = dir.path().join("good.db");
        older_backup(&good, 12, person);
        live.restore_from(&good, crate::ops::json::rows_readable)
            .unwrap();
        assert_eq!(people(&live), ["From the backup"]);
        assert_eq!(
            migrations::user_version(live.conn()).unwrap(),
            migrations::LATEST_VERSION
        );
    }
}
