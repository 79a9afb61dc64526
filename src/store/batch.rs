//! Many rows in one statement. SQLite hands a full-text index a savepoint at every statement
//! that writes, and FTS5 writes out what it gathered at each: inserting rows one statement at a
//! time into a table with a search index writes one index segment per row, and merges them
//! after (46% of the time building the huge demo, half of an undo that puts a person's 9,000
//! rows back). One statement of many rows writes one: as many rows as SQLite's parameter limit
//! lets into one statement (4,000–6,000 notes, talking points or actions), not 500, which took
//! the huge demo from 10.6 to 7.3–7.8 s to build (FTS5 merged 200 segments a table). The demos
//! now write with the triggers off ([`super::Store::fill`]); an undo or redo that puts rows back
//! writes through here.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::StoreError;

/// Parameters per statement at most: SQLite's limit is 32,766.
const PARAMETERS: usize = 32_000;

/// Runs `head` (`INSERT INTO t (a, b) VALUES `, its names from the caller's closed set) followed
/// by one `(?, …)` group per row, as many rows to a statement as `PARAMETERS` allows, the values
/// bound as parameters.
pub(super) fn insert_rows(
    conn: &Connection,
    head: &str,
    rows: impl Iterator<Item = Vec<Value>>,
) -> Result<(), StoreError> {
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let width = rows.peek().map_or(1, Vec::len).max(1);
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(PARAMETERS / width).collect();
        let group = format!("({})", vec!["?"; width].join(", "));
        let sql = format!("{head}{}", vec![group; chunk.len()].join(", "));
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(chunk.iter().flatten()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As many rows as fit SQLite's 32,766 parameters go in one statement, whatever the row's
    /// width: more would fail with "too many SQL variables".
    #[test]
    fn rows_of_any_width_go_in_statements_within_sqlites_parameter_limit() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE one (a); CREATE TABLE seven (a, b, c, d, e, f, g);")
            .unwrap();
        let one = (0..40_000).map(|i| vec![Value::Integer(i)]);
        insert_rows(&conn, "INSERT INTO one (a) VALUES ", one).unwrap();
        let seven = (0..10_000).map(|i| vec![Value::Integer(i); 7]);
        insert_rows(
            &conn,
            "INSERT INTO seven (a, b, c, d, e, f, g) VALUES ",
            seven,
        )
        .unwrap();
        let count = |table: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!((count("one"), count("seven")), (40_000, 10_000));
        let sum: i64 = conn
            .query_row("SELECT sum(g) FROM seven", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sum, (0..10_000).sum::<i64>());
    }
}
