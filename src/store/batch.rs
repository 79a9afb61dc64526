//! Many rows in one statement. SQLite hands a full-text index a savepoint at every statement
//! that writes, and FTS5 writes out what it gathered at each: inserting rows one statement at a
//! time into a table with a search index writes one index segment per row, and merges them
//! after (46% of the time building the huge demo, half of an undo that puts a person's 9,000
//! rows back). One statement of hundreds of rows writes one.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::StoreError;

/// Rows per statement: well under SQLite's limit of 32,766 parameters.
const CHUNK: usize = 500;

/// Runs `head` (`INSERT INTO t (a, b) VALUES `, its names from the caller's closed set) followed
/// by one `(?, …)` group per row, `CHUNK` rows to a statement, the values bound as parameters.
pub(super) fn insert_rows(
    conn: &Connection,
    head: &str,
    rows: impl Iterator<Item = Vec<Value>>,
) -> Result<(), StoreError> {
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(CHUNK).collect();
        let width = chunk.first().map_or(0, Vec::len);
        let group = format!("({})", vec!["?"; width].join(", "));
        let sql = format!("{head}{}", vec![group; chunk.len()].join(", "));
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(chunk.iter().flatten()))?;
    }
    Ok(())
}
