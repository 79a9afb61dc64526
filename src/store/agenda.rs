//! The dated items other panes own, as the agenda and its radar need them.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{StoreError, codec};

/// An action item, goal or risk review with its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedRow {
    pub id: i64,
    pub title: String,
    pub date: NaiveDate,
    pub person_id: Option<i64>,
    pub done: bool,
    /// Owner for actions ("me"/"them"), category for risks, phase for goals.
    pub tag: String,
}

fn rows(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<DatedRow>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(args, |row| {
            let date: String = row.get(2)?;
            Ok(DatedRow {
                id: row.get(0)?,
                title: row.get(1)?,
                date: codec::parse_date(2, &date)?,
                person_id: row.get(3)?,
                done: row.get(4)?,
                tag: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Action items due in `[from, to)`.
pub fn actions_due(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DatedRow>, StoreError> {
    rows(
        conn,
        "SELECT id, body, due, person_id, done_at IS NOT NULL, owner FROM action_item \
         WHERE due >= ?1 AND due < ?2 ORDER BY due, id",
        params![codec::date(from), codec::date(to)],
    )
}

/// Open action items due before `today`.
pub fn actions_overdue(conn: &Connection, today: NaiveDate) -> Result<Vec<DatedRow>, StoreError> {
    rows(conn, ACTIONS_OVERDUE, params![codec::date(today)])
}

pub(super) const ACTIONS_OVERDUE: &str = "SELECT id, body, due, person_id, 0, owner \
    FROM action_item WHERE done_at IS NULL AND due < ?1 ORDER BY due, id";

/// Reviews of risks still open or monitored, due in `[from, to)`.
pub fn reviews_due(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DatedRow>, StoreError> {
    rows(
        conn,
        REVIEWS_DUE,
        params![codec::date(from), codec::date(to)],
    )
}

pub(super) const REVIEWS_DUE: &str = "SELECT id, title, next_review, NULL, 0, category FROM risk \
    WHERE status != 'closed' AND next_review >= ?1 AND next_review < ?2 ORDER BY next_review, id";

/// Reviews of risks still open or monitored that are past due.
pub fn reviews_overdue(conn: &Connection, today: NaiveDate) -> Result<Vec<DatedRow>, StoreError> {
    rows(conn, REVIEWS_OVERDUE, params![codec::date(today)])
}

pub(super) const REVIEWS_OVERDUE: &str = "SELECT id, title, next_review, NULL, 0, category \
    FROM risk WHERE status != 'closed' AND next_review < ?1 ORDER BY next_review, id";

/// Accepted risks, still open or monitored, whose acceptance ran out before `today`: the date
/// is the acceptance's last day.
pub fn acceptances_expired(
    conn: &Connection,
    today: NaiveDate,
) -> Result<Vec<DatedRow>, StoreError> {
    rows(conn, ACCEPTANCES_EXPIRED, params![codec::date(today)])
}

pub(super) const ACCEPTANCES_EXPIRED: &str = "SELECT id, title, accept_expiry, NULL, 0, category \
    FROM risk WHERE status != 'closed' AND response = 'accept' AND accept_expiry < ?1 \
    ORDER BY accept_expiry, id";

/// A goal's schedule as the behind-schedule rule needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalProgress {
    pub id: i64,
    pub title: String,
    pub phase: u32,
    pub progress: u32,
    pub plan_start: NaiveDate,
    pub due: Option<NaiveDate>,
    pub person_id: Option<i64>,
}

/// Unfinished goals with their plan's start.
pub fn open_goals(conn: &Connection) -> Result<Vec<GoalProgress>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.title, g.phase, g.progress, p.start_date, g.due, g.person_id FROM goal g \
         JOIN plan p ON p.id = g.plan_id WHERE g.status IN ('todo', 'doing') ORDER BY g.id",
    )?;
    let rows = stmt
        .query_map([], |row| {
            let start: String = row.get(4)?;
            let due: Option<String> = row.get(5)?;
            Ok(GoalProgress {
                id: row.get(0)?,
                title: row.get(1)?,
                phase: row.get(2)?,
                progress: row.get(3)?,
                plan_start: codec::parse_date(4, &start)?,
                due: due.map(|d| codec::parse_date(5, &d)).transpose()?,
                person_id: row.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every action item that has a due date, for calendar export.
pub fn actions_with_due(conn: &Connection) -> Result<Vec<DatedRow>, StoreError> {
    rows(
        conn,
        "SELECT id, body, due, person_id, done_at IS NOT NULL, owner FROM action_item \
         WHERE due IS NOT NULL ORDER BY id",
        [],
    )
}
