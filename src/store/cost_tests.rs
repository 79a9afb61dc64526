//! What one edit or delete costs must not grow with the rest of the database (issue 18). Each
//! statement runs against one person's rows in two databases that differ only in how much else
//! they hold (ten times more people, notes, talking points, actions, meetings, goals and risks),
//! and must take exactly as many SQLite VM steps in both, with no full scan. The steps count the
//! triggers and foreign-key actions a statement sets off; a trigger that looks a row up in the
//! full-text index by a column it does not index, or a foreign key whose referring column has no
//! index, scans a table and takes more steps the more rows there are.

use rusqlite::{Connection, StatementStatus, params, params_from_iter};

use super::Store;

/// Person 1 ("Ada") and everything that refers to her, then `others` people with as much each.
fn database(others: i64) -> Store {
    let store = Store::open_in_memory().unwrap();
    for person in 1..=1 + others {
        fill(store.conn(), person);
    }
    store
}

/// One person with a 1:1 series that met twice, notes (one from a meeting), talking points (one
/// discussed in a note), actions (one from a meeting), context, a goal and a risk with reviews.
fn fill(conn: &Connection, p: i64) {
    let t = "2026-11-23T09:00:00";
    conn.execute(
        "INSERT INTO person (id, name, role, team, career_goals, context, created_at, updated_at) \
         VALUES (?1, 'Person ' || ?1, 'Manager', 'Payments', 'staff engineer', 'on-call', ?2, ?2)",
        params![p, t],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO person_context (person_id, date, kind, body) \
         VALUES (?1, '2026-11-01', 'career', 'wants a bigger team')",
        [p],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO ritual (id, name, rrule, dtstart, duration_min, person_id, created_at, \
         updated_at) VALUES (2 * ?1 - 1, '1:1', 'FREQ=WEEKLY', '2026-01-05T10:00', 30, ?1, ?2, ?2)",
        params![p, t],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO ritual (id, name, rrule, dtstart, duration_min, previous_id, created_at, \
         updated_at) VALUES (2 * ?1, 'Staff', 'FREQ=WEEKLY', '2026-01-05T09:00', 60, 2 * ?1 - 1, \
         ?2, ?2)",
        params![p, t],
    )
    .unwrap();
    for week in 1..=2 {
        conn.execute(
            "INSERT INTO occurrence (ritual_id, original_start, status) \
             VALUES (2 * ?1 - 1, '2026-01-' || printf('%02d', 5 * ?2) || 'T10:00', 'held')",
            params![p, week],
        )
        .unwrap();
    }
    let occurrence = conn.last_insert_rowid();
    for n in 0..3 {
        conn.execute(
            "INSERT INTO note (person_id, occurrence_id, date, body, created_at, updated_at) \
             VALUES (?1, ?2, '2026-11-0' || ?3, 'budget review and on-call load, note ' || ?3, \
             ?4, ?4)",
            params![p, (n == 0).then_some(occurrence), n + 1, t],
        )
        .unwrap();
        let note = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO topic (person_id, body, created_at, note_id) \
             VALUES (?1, 'promotion case ' || ?2, ?3, ?4)",
            params![p, n, t, (n == 0).then_some(note)],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO action_item (person_id, occurrence_id, body, due, created_at) \
             VALUES (?1, ?2, 'send the budget ' || ?3, '2026-12-01', ?4)",
            params![p, (n == 0).then_some(occurrence), n, t],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO risk (id, title, likelihood, impact, mitigation, created_at, updated_at) \
         VALUES (?1, 'If the budget slips', 3, 4, 'hire', ?2, ?2)",
        params![p, t],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO risk_review (risk_id, date, likelihood, impact) VALUES (?1, '2026-11-01', 3, 4)",
        [p],
    )
    .unwrap();
    conn.execute(
        "INSERT OR IGNORE INTO plan (id, start_date, created_at) VALUES (1, '2026-11-01', ?1)",
        [t],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO goal (id, plan_id, phase, title, person_id, risk_id, ritual_id, created_at, \
         updated_at) VALUES (?1, 1, 30, 'Stabilize the budget', ?1, ?1, 2 * ?1 - 1, ?2, ?2)",
        params![p, t],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO checkin (goal_id, date, progress) VALUES (?1, '2026-11-10', 20)",
        [p],
    )
    .unwrap();
}

/// The VM steps and full-scan steps of `sql` (undone afterwards).
fn cost(store: &Store, sql: &str) -> (i32, i32) {
    let conn = store.conn();
    conn.execute_batch("SAVEPOINT measure").unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let changed = stmt.execute([]).unwrap();
    assert!(changed > 0, "{sql} changed nothing");
    let steps = (
        stmt.get_status(StatementStatus::VmStep),
        stmt.get_status(StatementStatus::FullscanStep),
    );
    drop(stmt);
    conn.execute_batch("ROLLBACK TO measure; RELEASE measure")
        .unwrap();
    steps
}

/// What the cockpit and the CLI do to one person's rows, as the store writes it.
const WRITES: &[&str] = &[
    "UPDATE note SET date = '2026-11-09', body = 'rewritten', updated_at = '2026-11-24' \
     WHERE id = 1",
    "DELETE FROM note WHERE id = 1",
    "UPDATE topic SET body = 'rewritten' WHERE id = 1",
    "UPDATE topic SET discussed_at = '2026-11-24T10:00' WHERE id = 2",
    "DELETE FROM topic WHERE id = 1",
    "UPDATE action_item SET body = 'rewritten' WHERE id = 1",
    "UPDATE action_item SET done_at = '2026-11-24T10:00' WHERE id = 2",
    "DELETE FROM action_item WHERE id = 1",
    "DELETE FROM occurrence WHERE id = 2",
    "UPDATE ritual SET name = 'Weekly 1:1' WHERE id = 1",
    "DELETE FROM ritual WHERE id = 1",
    "UPDATE goal SET title = 'Budget, stabilized', progress = 40 WHERE id = 1",
    "DELETE FROM goal WHERE id = 1",
    "UPDATE risk SET title = 'If the budget slips again', likelihood = 4 WHERE id = 1",
    "DELETE FROM risk WHERE id = 1",
    "UPDATE person SET name = 'Ada Lovelace', context = 'rewritten' WHERE id = 1",
    "DELETE FROM person WHERE id = 1",
];

#[test]
fn edits_and_deletes_cost_the_same_whatever_else_the_database_holds() {
    let (small, large) = (database(20), database(200));
    for sql in WRITES {
        let (few, many) = (cost(&small, sql), cost(&large, sql));
        assert_eq!(
            many.1, 0,
            "{sql}: scans a table ({} full-scan steps)",
            many.1
        );
        assert_eq!(
            few.0, many.0,
            "{sql}: {} VM steps with 21 people, {} with 201",
            few.0, many.0
        );
    }
}

#[test]
fn deleting_a_person_takes_their_rows_and_their_search_entries_with_them() {
    let store = database(3);
    let conn = store.conn();
    let found = |kind: &str| {
        let kind: super::search::SearchKind = kind.parse().unwrap();
        super::search::search(conn, "budget", 50)
            .unwrap()
            .iter()
            .filter(|h| h.kind == kind)
            .count()
    };
    assert_eq!((found("note"), found("action"), found("risk")), (12, 12, 4));
    conn.execute("DELETE FROM person WHERE id = 1", []).unwrap();
    // Ada's notes and actions go with her; her risk stays, as it does not belong to her.
    assert_eq!((found("note"), found("action"), found("risk")), (9, 9, 4));
    super::search::verify_index(conn).unwrap();
}

/// The VM steps of everything `f` runs on `conn`, FTS5's own statements included (SQLite calls
/// the progress handler about once per step).
fn work(conn: &Connection, f: impl FnOnce()) -> u64 {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let steps = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&steps);
    conn.progress_handler(
        1,
        Some(move || {
            counter.fetch_add(1, Ordering::Relaxed);
            false
        }),
    )
    .unwrap();
    f();
    conn.progress_handler(0, None::<fn() -> bool>).unwrap();
    steps.load(Ordering::Relaxed)
}

/// Five people, each with `years` of history: a note, a discussed talking point and a done
/// action per week, and the same few open ones.
fn history(years: i64) -> Store {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    for p in 1..=5 {
        fill(conn, p);
        for week in 0..52 * years {
            conn.execute(
                "INSERT INTO note (person_id, date, body, created_at, updated_at) \
                 VALUES (?1, date('2016-01-04', '+' || (7 * ?2) || ' days'), 'weekly notes', \
                 '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
                params![p, week],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO topic (person_id, body, created_at, discussed_at) \
                 VALUES (?1, 'old topic', '2016-01-04T00:00:00', '2016-01-05T00:00:00')",
                [p],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO action_item (person_id, body, due, done_at, created_at) \
                 VALUES (?1, 'old action', '2016-01-04', '2016-01-05T00:00:00', \
                 '2016-01-04T00:00:00')",
                [p],
            )
            .unwrap();
        }
    }
    store
}

/// A read the cockpit makes, as it calls it.
type Read = fn(&Connection);

#[test]
fn the_people_list_and_a_person_page_read_the_same_whatever_the_history() {
    // Five years hold more than a page of notes already: what grows after is not shown.
    let (year, decade) = (history(5), history(10));
    let reads: [(&str, Read); 9] = [
        ("latest notes", |c| {
            drop(super::notes::latest_dates(c).unwrap())
        }),
        ("queued topics", |c| {
            drop(super::topics::queued_counts(c).unwrap())
        }),
        ("open actions", |c| {
            drop(super::actions::open_counts(c).unwrap())
        }),
        ("last 1:1 held", |c| {
            drop(super::occurrences::last_held_one_on_ones(c).unwrap())
        }),
        ("a page of notes", |c| {
            drop(super::notes::for_person(c, 1, Some(200)).unwrap())
        }),
        ("queued topics", |c| {
            drop(super::topics::queued(c, 1).unwrap())
        }),
        ("last discussed", |c| {
            drop(super::topics::discussed(c, 1, 10).unwrap())
        }),
        ("open and last done actions", |c| {
            drop(super::actions::for_person(c, 1, 10).unwrap())
        }),
        ("context", |c| {
            drop(super::notes::context_for(c, 1).unwrap())
        }),
    ];
    for (what, read) in reads {
        let (few, many) = (
            work(year.conn(), || read(year.conn())),
            work(decade.conn(), || read(decade.conn())),
        );
        assert_eq!(
            few, many,
            "{what}: {few} steps with five years, {many} with ten"
        );
    }
}

/// SQLite is built as `.cargo/config.toml` asks (`LIBSQLITE3_FLAGS`): without its memory
/// statistics, whose one process-wide mutex every allocation took. A build that lost the flag
/// (another config, a changed variable name) would quietly be slower again.
#[test]
fn sqlite_is_built_without_memory_statistics() {
    let store = Store::open_in_memory().unwrap();
    let mut stmt = store.conn().prepare("PRAGMA compile_options").unwrap();
    let options: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
        "{options:?}"
    );
}

/// The first screen's reads of open actions and due risks are answered from an index alone
/// (migration 12), in the order shown: on ten years of data a row read from its table is a page
/// read of its own, and the radar read every risk to find the accepted ones. Names the index each
/// must use, so a change to the query or a dropped index fails here rather than in a benchmark.
#[test]
fn the_first_screen_reads_open_actions_and_due_risks_from_indexes_alone() {
    let store = history(1);
    let plans: [(&str, &str, &str); 5] = [
        (
            super::agenda::ACTIONS_OVERDUE,
            "COVERING INDEX action_open",
            "overdue actions",
        ),
        (
            super::actions::OPEN_COUNTS,
            "COVERING INDEX action_open",
            "open actions per person",
        ),
        (
            super::agenda::REVIEWS_DUE,
            "COVERING INDEX risk_review_due",
            "reviews due",
        ),
        (
            super::agenda::REVIEWS_OVERDUE,
            "COVERING INDEX risk_review_due",
            "reviews overdue",
        ),
        (
            super::agenda::ACCEPTANCES_EXPIRED,
            "INDEX risk_accept_expiry",
            "acceptances expired",
        ),
    ];
    let dates = ["2026-11-23", "2026-11-30"];
    for (sql, index, what) in plans {
        let mut stmt = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(
                params_from_iter(dates.iter().take(stmt.parameter_count())),
                |r| r.get(3),
            )
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("; ");
        assert!(plan.contains(index), "{what}: {plan}");
        assert!(!plan.contains("SCAN"), "{what} scans: {plan}");
        assert!(
            !plan.contains("ORDER BY"),
            "{what} sorts what the index has in order: {plan}"
        );
    }
}
