//! Ids are never given twice. SQLite gives a new row the largest id + 1, so deleting the newest
//! person and adding another gave the newcomer the deleted one's number, and what still named
//! the old one by it (a note form left open on their page, the 1:1 write-up, a quick capture)
//! saved onto the newcomer. The highest id given so far is kept in `meta`, which the undo
//! journal leaves alone: an add undone does not give its number again either.

use rusqlite::{Connection, OptionalExtension};

use super::StoreError;

/// The tables whose rows forms and commands name by id while the user works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Person,
    Ritual,
    Goal,
    Risk,
}

impl Named {
    fn table(self) -> &'static str {
        match self {
            Named::Person => "person",
            Named::Ritual => "ritual",
            Named::Goal => "goal",
            Named::Risk => "risk",
        }
    }
}

/// An id for a new row of `named` that no row of it has had: above its rows' and above every
/// id given before. Call it inside the transaction that inserts the row.
pub fn claim(conn: &Connection, named: Named) -> Result<i64, StoreError> {
    let table = named.table();
    let key = format!("last_id.{table}");
    let given: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([&key], |r| r.get(0))
        .optional()?;
    let given = given.and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    // `table` is one of the four names above, never data.
    let highest: i64 = conn
        .prepare_cached(&format!("SELECT coalesce(max(id), 0) FROM {table}"))?
        .query_row([], |r| r.get(0))?;
    let id = given.max(highest) + 1;
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(rusqlite::params![key, id.to_string()])?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn the_newest_row_deleted_does_not_give_its_number_to_the_next() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        for named in [Named::Person, Named::Ritual, Named::Goal, Named::Risk] {
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
