//! Deleting a person in slices (issue 18): their bulky rows go a few hundred at a time, each
//! slice its own short transaction, then the person row itself. `person.deleting` marks a
//! person whose delete has begun, so a delete cut short (a crash, a kill) is found and can be
//! finished.
//! Every statement is fixed text.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension};

use super::{StoreError, codec};

/// The rows a person's delete takes before the person row, in the order they go: talking
/// points before notes (a point names the note it came from, which would otherwise be updated
/// just before being deleted), the 1:1 series' meeting records last. What is left after them
/// (the series, decision attendance, links, cleared references) is small and goes with the
/// person row by cascade.
const SLICED: &[(&str, &str)] = &[
    (
        "SELECT count(*) FROM topic WHERE person_id = ?1",
        "DELETE FROM topic WHERE id IN \
         (SELECT id FROM topic WHERE person_id = ?1 ORDER BY id LIMIT ?2)",
    ),
    (
        "SELECT count(*) FROM action_item WHERE person_id = ?1",
        "DELETE FROM action_item WHERE id IN \
         (SELECT id FROM action_item WHERE person_id = ?1 ORDER BY id LIMIT ?2)",
    ),
    (
        "SELECT count(*) FROM note WHERE person_id = ?1",
        "DELETE FROM note WHERE id IN \
         (SELECT id FROM note WHERE person_id = ?1 ORDER BY id LIMIT ?2)",
    ),
    (
        "SELECT count(*) FROM person_context WHERE person_id = ?1",
        "DELETE FROM person_context WHERE id IN \
         (SELECT id FROM person_context WHERE person_id = ?1 ORDER BY id LIMIT ?2)",
    ),
    (
        "SELECT count(*) FROM health_read WHERE person_id = ?1",
        "DELETE FROM health_read WHERE id IN \
         (SELECT id FROM health_read WHERE person_id = ?1 ORDER BY id LIMIT ?2)",
    ),
    (
        "SELECT count(*) FROM occurrence WHERE ritual_id IN \
         (SELECT id FROM ritual WHERE person_id = ?1)",
        "DELETE FROM occurrence WHERE id IN \
         (SELECT id FROM occurrence WHERE ritual_id IN \
          (SELECT id FROM ritual WHERE person_id = ?1) ORDER BY id LIMIT ?2)",
    ),
];

/// Marks the person as being deleted at `now` (a delete resumed is marked anew). False when
/// there is no such person.
pub fn mark(conn: &Connection, id: i64, now: NaiveDateTime) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("UPDATE person SET deleting = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id, codec::stamp(now)])?
        > 0)
}

/// When the person's delete began: `Some(None)` when they are not being deleted, `None` when
/// there is no such person.
pub fn deleting_since(conn: &Connection, id: i64) -> Result<Option<Option<String>>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT deleting FROM person WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The people whose delete began and did not finish, by id, with when it began.
pub fn marked(conn: &Connection) -> Result<Vec<(i64, String)>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, deleting FROM person WHERE deleting IS NOT NULL ORDER BY id")?;
    let ids = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids)
}

/// How many of the person's rows the slices still have to delete.
pub fn left(conn: &Connection, id: i64) -> Result<u64, StoreError> {
    let mut total = 0u64;
    for (count, _) in SLICED {
        let n: i64 = conn.prepare_cached(count)?.query_row([id], |r| r.get(0))?;
        total += n.max(0) as u64;
    }
    Ok(total)
}

/// Deletes up to `limit` of the person's rows (see [`SLICED`] for which, in what order);
/// returns how many it deleted (none: none are left).
pub fn delete_some(conn: &Connection, id: i64, limit: usize) -> Result<usize, StoreError> {
    let mut deleted = 0;
    for (_, delete) in SLICED {
        if deleted >= limit {
            break;
        }
        let room = (limit - deleted) as i64;
        deleted += conn
            .prepare_cached(delete)?
            .execute(rusqlite::params![id, room])?;
    }
    Ok(deleted)
}
