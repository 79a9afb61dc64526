//! What else a delete takes with it, counted before asking: the rows a cascade deletes and the
//! rows whose link to it is cleared. Every statement is fixed text: no name comes from data.

use rusqlite::Connection;

use super::StoreError;
use crate::domain::link::{LinkKind, ObjectRef};

/// One kind of row a delete reaches, and how many: `table` is a journaled table's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    pub table: &'static str,
    pub count: i64,
    /// True: the rows are deleted with it; false: only their link to it is cleared.
    pub deleted: bool,
}

fn count(conn: &Connection, sql: &str, id: i64) -> Result<i64, StoreError> {
    Ok(conn.prepare_cached(sql)?.query_row([id], |r| r.get(0))?)
}

fn reached(
    conn: &Connection,
    id: i64,
    queries: &[(&'static str, bool, &'static str)],
) -> Result<Vec<Reached>, StoreError> {
    let mut out = Vec::new();
    for (table, deleted, sql) in queries {
        let n = count(conn, sql, id)?;
        if n > 0 {
            out.push(Reached {
                table,
                count: n,
                deleted: *deleted,
            });
        }
    }
    Ok(out)
}

/// What [`reached`] counts, and then the object's links (deleted with it, see 005_links.sql).
fn linked(
    conn: &Connection,
    kind: LinkKind,
    id: i64,
    queries: &[(&'static str, bool, &'static str)],
) -> Result<Vec<Reached>, StoreError> {
    let mut out = reached(conn, id, queries)?;
    let count = super::links::count_of(conn, ObjectRef::new(kind, id))?;
    if count > 0 {
        out.push(Reached {
            table: "link",
            count,
            deleted: true,
        });
    }
    Ok(out)
}

/// A person's notes, talking points, actions, context, health reads, 1:1 series and their
/// meetings' records; goals and metrics linked to them, decisions made in their 1:1s, their
/// reports and the risks they own lose the link.
pub fn of_person(conn: &Connection, id: i64) -> Result<Vec<Reached>, StoreError> {
    linked(
        conn,
        LinkKind::Person,
        id,
        &[
            (
                "note",
                true,
                "SELECT count(*) FROM note WHERE person_id = ?1",
            ),
            (
                "topic",
                true,
                "SELECT count(*) FROM topic WHERE person_id = ?1",
            ),
            (
                "action_item",
                true,
                "SELECT count(*) FROM action_item WHERE person_id = ?1",
            ),
            (
                "person_context",
                true,
                "SELECT count(*) FROM person_context WHERE person_id = ?1",
            ),
            (
                "ritual",
                true,
                "SELECT count(*) FROM ritual WHERE person_id = ?1",
            ),
            (
                "occurrence",
                true,
                "SELECT count(*) FROM occurrence WHERE ritual_id IN \
                 (SELECT id FROM ritual WHERE person_id = ?1)",
            ),
            (
                "goal",
                false,
                "SELECT count(*) FROM goal WHERE person_id = ?1",
            ),
            (
                "decision",
                false,
                "SELECT count(*) FROM decision WHERE occurrence_id IN \
                 (SELECT id FROM occurrence WHERE ritual_id IN \
                 (SELECT id FROM ritual WHERE person_id = ?1))",
            ),
            (
                "decision_person",
                true,
                "SELECT count(*) FROM decision_person WHERE person_id = ?1",
            ),
            (
                "health_read",
                true,
                "SELECT count(*) FROM health_read WHERE person_id = ?1",
            ),
            (
                "person",
                false,
                "SELECT count(*) FROM person WHERE reports_to = ?1",
            ),
            (
                "risk",
                false,
                "SELECT count(*) FROM risk WHERE owner_id = ?1",
            ),
            (
                "metric",
                false,
                "SELECT count(*) FROM metric WHERE owner_id = ?1",
            ),
        ],
    )
}

/// A series' meeting records (held, skipped, moved, their notes and decisions); notes,
/// actions, goals and later series linked to it lose the link.
pub fn of_ritual(conn: &Connection, id: i64) -> Result<Vec<Reached>, StoreError> {
    linked(
        conn,
        LinkKind::Ritual,
        id,
        &[
            (
                "occurrence",
                true,
                "SELECT count(*) FROM occurrence WHERE ritual_id = ?1",
            ),
            (
                "note",
                false,
                "SELECT count(*) FROM note WHERE occurrence_id IN \
                 (SELECT id FROM occurrence WHERE ritual_id = ?1)",
            ),
            (
                "action_item",
                false,
                "SELECT count(*) FROM action_item WHERE occurrence_id IN \
                 (SELECT id FROM occurrence WHERE ritual_id = ?1)",
            ),
            (
                "decision",
                false,
                "SELECT count(*) FROM decision WHERE occurrence_id IN \
                 (SELECT id FROM occurrence WHERE ritual_id = ?1)",
            ),
            (
                "goal",
                false,
                "SELECT count(*) FROM goal WHERE ritual_id = ?1",
            ),
            (
                "ritual",
                false,
                "SELECT count(*) FROM ritual WHERE previous_id = ?1",
            ),
        ],
    )
}

/// A goal's check-ins and roll-overs, and its links.
pub fn of_goal(conn: &Connection, id: i64) -> Result<Vec<Reached>, StoreError> {
    linked(
        conn,
        LinkKind::Goal,
        id,
        &[(
            "checkin",
            true,
            "SELECT count(*) FROM checkin WHERE goal_id = ?1",
        )],
    )
}

/// A risk's score history; goals linked to it lose the link.
pub fn of_risk(conn: &Connection, id: i64) -> Result<Vec<Reached>, StoreError> {
    linked(
        conn,
        LinkKind::Risk,
        id,
        &[
            (
                "risk_review",
                true,
                "SELECT count(*) FROM risk_review WHERE risk_id = ?1",
            ),
            (
                "goal",
                false,
                "SELECT count(*) FROM goal WHERE risk_id = ?1",
            ),
        ],
    )
}

/// Who was on a decision; the decisions it superseded lose the link (and stand again).
pub fn of_decision(conn: &Connection, id: i64) -> Result<Vec<Reached>, StoreError> {
    linked(
        conn,
        LinkKind::Decision,
        id,
        &[
            (
                "decision_person",
                true,
                "SELECT count(*) FROM decision_person WHERE decision_id = ?1",
            ),
            (
                "decision",
                false,
                "SELECT count(*) FROM decision WHERE superseded_by = ?1",
            ),
        ],
    )
}

/// A metric's values; goals it measures lose the link (and keep their last progress).
pub fn of_metric(conn: &Connection, id: i64) -> Result<Vec<Reached>, StoreError> {
    linked(
        conn,
        LinkKind::Metric,
        id,
        &[
            (
                "metric_value",
                true,
                "SELECT count(*) FROM metric_value WHERE metric_id = ?1",
            ),
            (
                "goal",
                false,
                "SELECT count(*) FROM goal WHERE metric_id = ?1",
            ),
        ],
    )
}

/// Talking points that were discussed in a note keep their tick but lose the link to it.
pub fn of_note(conn: &Connection, id: i64) -> Result<Vec<Reached>, StoreError> {
    reached(
        conn,
        id,
        &[(
            "topic",
            false,
            "SELECT count(*) FROM topic WHERE note_id = ?1",
        )],
    )
}
