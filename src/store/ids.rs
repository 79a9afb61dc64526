//! Ids are never given twice. SQLite gives a new row the largest id + 1, so deleting the newest
//! person and adding another gave the newcomer the deleted one's number, and what still named
//! the old one by it (a note form left open on their page, the 1:1 write-up, a quick capture)
//! saved onto the newcomer. The highest id given so far is kept in `meta`, which the undo
//! journal leaves alone: an add undone does not give its number again either. The journal's own
//! entries are numbered the same way, as a window's undo remembers entries by number; and a
//! restore from a backup (which brings the backup's `meta`) keeps the highest given before it.

use rusqlite::{Connection, OptionalExtension};

use super::StoreError;

/// The tables whose rows forms and commands name by id while the user works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Person,
    Ritual,
    Goal,
    Risk,
    /// Talking points and actions, which the 1:1 write-up ticks by id.
    Topic,
    Action,
    /// The journal: a window remembers the entries whose undo it refused by their number.
    Change,
}

impl Named {
    pub const ALL: [Named; 7] = [
        Named::Person,
        Named::Ritual,
        Named::Goal,
        Named::Risk,
        Named::Topic,
        Named::Action,
        Named::Change,
    ];
}

impl Named {
    fn table(self) -> &'static str {
        match self {
            Named::Person => "person",
            Named::Ritual => "ritual",
            Named::Goal => "goal",
            Named::Risk => "risk",
            Named::Topic => "topic",
            Named::Action => "action_item",
            Named::Change => "change_log",
        }
    }
}

/// An id for a new row of `named` that no row of it has had: above its rows' and above every
/// id given before. Call it inside the transaction that inserts the row.
pub fn claim(conn: &Connection, named: Named) -> Result<i64, StoreError> {
    let id = given(conn, named)? + 1;
    keep(conn, named, id)?;
    Ok(id)
}

/// The highest id of `named` given so far: kept in `meta`, or a row's if higher.
pub fn given(conn: &Connection, named: Named) -> Result<i64, StoreError> {
    let table = named.table();
    let kept: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key(named)], |r| r.get(0))
        .optional()?;
    let kept = kept.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    // `table` is one of the names above, never data.
    let highest: i64 = conn
        .prepare_cached(&format!("SELECT coalesce(max(id), 0) FROM {table}"))?
        .query_row([], |r| r.get(0))?;
    Ok(kept.max(highest))
}

/// Every table's highest id given, for [`keep_at_least`] after the contents are replaced.
pub fn all_given(conn: &Connection) -> Result<Vec<(Named, i64)>, StoreError> {
    Named::ALL
        .into_iter()
        .map(|named| Ok((named, given(conn, named)?)))
        .collect()
}

/// After a restore brought another file's `meta`: ids go on above what this database had
/// given before as well as above what the backup had.
pub fn keep_at_least(conn: &Connection, floors: &[(Named, i64)]) -> Result<(), StoreError> {
    for &(named, floor) in floors {
        let now = given(conn, named)?;
        keep(conn, named, now.max(floor))?;
    }
    Ok(())
}

fn key(named: Named) -> String {
    format!("last_id.{}", named.table())
}

fn keep(conn: &Connection, named: Named, id: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(rusqlite::params![key(named), id.to_string()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn the_newest_row_deleted_does_not_give_its_number_to_the_next() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        for named in Named::ALL {
            let first = claim(conn, named).unwrap();
            let second = claim(conn, named).unwrap();
            assert_eq!(second, first + 1, "{named:?}");
        }
        // Rows put in without a claim (a bulk fill, an import) count too.
        conn.execute_batch(
            "INSERT INTO person (id, name, created_at, updated_at) VALUES (40, 'A', 'x', 'x')",
        )
        .unwrap();
        assert_eq!(claim(conn, Named::Person).unwrap(), 41);
    }
}
