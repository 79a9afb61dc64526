//! The `link` table: links between objects of the closed set of kinds in
//! [`crate::domain::link::LinkKind`]. Every statement is fixed text: a kind picks one of the
//! statements below by `match`, so no table name ever comes from data.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, codec};
use crate::domain::Word;
use crate::domain::link::{Link, LinkKind, ObjectRef, ends};

const COLUMNS: &str = "id, a_kind, a_id, b_kind, b_id, created_at";

fn kind(column: usize, text: &str) -> rusqlite::Result<LinkKind> {
    LinkKind::from_word(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            "not a kind of object a link can join".into(),
        )
    })
}

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Link> {
    let a_kind: String = row.get(1)?;
    let b_kind: String = row.get(3)?;
    Ok(Link {
        id: row.get(0)?,
        a: ObjectRef::new(kind(1, &a_kind)?, row.get(2)?),
        b: ObjectRef::new(kind(3, &b_kind)?, row.get(4)?),
        created_at: codec::get_date_time(row, 5)?,
    })
}

/// Links `x` and `y` (in either order); false when they already were. The caller checks both
/// exist ([`exists`]) and that they differ.
pub fn add(
    conn: &Connection,
    x: ObjectRef,
    y: ObjectRef,
    now: NaiveDateTime,
) -> Result<bool, StoreError> {
    let Ok((a, b)) = ends(x, y) else {
        return Ok(false);
    };
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO link (a_kind, a_id, b_kind, b_id, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            a.kind.as_str(),
            a.id,
            b.kind.as_str(),
            b.id,
            codec::stamp(now)
        ])?;
    Ok(n > 0)
}

/// Removes the link between `x` and `y`; false when there was none.
pub fn remove(conn: &Connection, x: ObjectRef, y: ObjectRef) -> Result<bool, StoreError> {
    let Ok((a, b)) = ends(x, y) else {
        return Ok(false);
    };
    let n = conn
        .prepare_cached(
            "DELETE FROM link WHERE a_kind = ?1 AND a_id = ?2 AND b_kind = ?3 AND b_id = ?4",
        )?
        .execute(params![a.kind.as_str(), a.id, b.kind.as_str(), b.id])?;
    Ok(n > 0)
}

/// Every link of `r`, oldest first.
pub fn of(conn: &Connection, r: ObjectRef) -> Result<Vec<Link>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM link WHERE a_kind = ?1 AND a_id = ?2 \
         UNION ALL SELECT {COLUMNS} FROM link WHERE b_kind = ?1 AND b_id = ?2 \
         ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map(params![r.kind.as_str(), r.id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every link, by id (an import's checks read them all).
pub fn all(conn: &Connection) -> Result<Vec<Link>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM link ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many links `r` has (what deleting it removes with it).
pub fn count_of(conn: &Connection, r: ObjectRef) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM link WHERE a_kind = ?1 AND a_id = ?2) \
                  + (SELECT count(*) FROM link WHERE b_kind = ?1 AND b_id = ?2)",
        )?
        .query_row(params![r.kind.as_str(), r.id], |row| row.get(0))?)
}

/// The statement reading an object's title by id, one fixed text per kind. Kinds whose table
/// is not in this schema yet have none.
fn title_sql(kind: LinkKind) -> Option<&'static str> {
    match kind {
        LinkKind::Person => Some("SELECT name FROM person WHERE id = ?1"),
        LinkKind::Goal => Some("SELECT title FROM goal WHERE id = ?1"),
        LinkKind::Risk => Some("SELECT title FROM risk WHERE id = ?1"),
        LinkKind::Action => Some("SELECT body FROM action_item WHERE id = ?1"),
        LinkKind::Meeting => Some(
            "SELECT r.name || ' on ' || substr(coalesce(o.moved_to, o.original_start), 1, 10) \
             FROM occurrence o JOIN ritual r ON r.id = o.ritual_id WHERE o.id = ?1",
        ),
        LinkKind::Ritual => Some("SELECT name FROM ritual WHERE id = ?1"),
        LinkKind::Decision => Some("SELECT title FROM decision WHERE id = ?1"),
        LinkKind::Metric => Some("SELECT name FROM metric WHERE id = ?1"),
    }
}

/// The title of the object `r` names (a person's name, a meeting's series and day), or None
/// when there is no such object.
pub fn title(conn: &Connection, r: ObjectRef) -> Result<Option<String>, StoreError> {
    let Some(sql) = title_sql(r.kind) else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row([r.id], |row| row.get(0))
        .optional()?)
}

/// Whether the object `r` names exists.
pub fn exists(conn: &Connection, r: ObjectRef) -> Result<bool, StoreError> {
    Ok(title(conn, r)?.is_some())
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
