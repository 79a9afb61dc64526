//! Migrating a database that already holds data.

use super::*;
use crate::store::{Store, search};

/// The schema version before `006_search_by_row.sql`.
const BEFORE_SEARCH_BY_ROW: usize = 5;

/// A file as the Bearing before per-kind search indexes left it: its schema, and rows its one
/// full-text table indexed.
fn one_search_table(path: &Path) {
    let conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..BEFORE_SEARCH_BY_ROW] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", BEFORE_SEARCH_BY_ROW as i64)
        .unwrap();
    conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO person (id, name, role, team, career_goals, context, created_at, updated_at)
             VALUES (1, 'Zoë Quill', 'Manager', 'Payments', 'lead a platform group',
                     'prefers written updates', '2026-11-01T09:00:00', '2026-11-01T09:00:00');
         INSERT INTO ritual (id, name, rrule, dtstart, duration_min, person_id, attendees, agenda,
                             created_at, updated_at)
             VALUES (1, 'Architecture review', 'FREQ=WEEKLY', '2026-11-02T10:00', 60, NULL,
                     'staff engineers', 'tradeoffs', '2026-11-01T09:00:00', '2026-11-01T09:00:00');
         INSERT INTO note (id, person_id, date, body, created_at, updated_at)
             VALUES (1, 1, '2026-11-03', 'Quarterly budget looks tight', '2026-11-03T09:00:00',
                     '2026-11-03T09:00:00');
         INSERT INTO topic (id, person_id, body, created_at)
             VALUES (1, 1, 'Hiring plan for the spring', '2026-11-03T09:00:00');
         INSERT INTO action_item (id, person_id, body, created_at)
             VALUES (1, 1, 'Draft the vendor contract', '2026-11-03T09:00:00');
         INSERT INTO plan (id, start_date, created_at) VALUES (1, '2026-11-01', '2026-11-01T09:00:00');
         INSERT INTO goal (id, plan_id, phase, title, criteria, created_at, updated_at)
             VALUES (1, 1, 30, 'Map the critical systems', 'an owner for each',
                     '2026-11-01T09:00:00', '2026-11-01T09:00:00');
         INSERT INTO risk (id, title, likelihood, impact, mitigation, owner, created_at, updated_at)
             VALUES (1, 'If the pager rotation thins out', 3, 4, 'cross-train', 'Marcus',
                     '2026-11-01T09:00:00', '2026-11-01T09:00:00');
         -- Edited and deleted rows: the old index must not bring them back.
         UPDATE note SET body = 'Quarterly budget approved' WHERE id = 1;
         INSERT INTO note (id, person_id, date, body, created_at, updated_at)
             VALUES (2, 1, '2026-11-04', 'Obsolete remark', '2026-11-04T09:00:00',
                     '2026-11-04T09:00:00');
         DELETE FROM note WHERE id = 2;",
    )
    .unwrap();
}

fn found(store: &Store, text: &str) -> Vec<(String, i64)> {
    search::search(store.conn(), text, 10)
        .unwrap()
        .into_iter()
        .map(|h| (h.kind.to_string(), h.id))
        .collect()
}

#[test]
fn a_file_with_one_search_table_gets_per_kind_indexes_built_from_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    one_search_table(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    for (text, kind) in [
        ("zoe", "person"),
        ("platform", "person"),
        ("written", "person"),
        ("architecture", "ritual"),
        ("staff", "ritual"),
        ("tradeoffs", "ritual"),
        ("approved", "note"),
        ("2026-11-03", "note"),
        ("hiring", "topic"),
        ("vendor", "action"),
        ("critical", "goal"),
        ("owner each", "goal"),
        ("pager", "risk"),
        ("cross", "risk"),
        ("marcus", "risk"),
    ] {
        assert_eq!(found(&store, text), vec![(kind.to_string(), 1)], "{text}");
    }
    assert!(
        found(&store, "tight").is_empty(),
        "the text before the edit"
    );
    assert!(found(&store, "obsolete").is_empty(), "a deleted note");
    search::verify_index(store.conn()).unwrap();
    let old: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_index%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, 0, "the old index and its triggers are gone");
}

/// The schema version before `010_search_meetings.sql`.
const BEFORE_SEARCH_MEETINGS: usize = 9;

#[test]
fn meetings_and_context_written_before_version_10_are_found_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..BEFORE_SEARCH_MEETINGS] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", BEFORE_SEARCH_MEETINGS as i64)
            .unwrap();
        conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO person (id, name, created_at, updated_at)
                 VALUES (1, 'Zoë Quill', '2026-11-01T09:00:00', '2026-11-01T09:00:00');
             INSERT INTO person_context (id, person_id, date, kind, body)
                 VALUES (1, 1, '2026-11-12', 'feedback', 'Strong incident write-up');
             INSERT INTO ritual (id, name, rrule, dtstart, duration_min, created_at, updated_at)
                 VALUES (1, 'Staff', 'FREQ=WEEKLY', '2026-11-02T10:00', 60,
                         '2026-11-01T09:00:00', '2026-11-01T09:00:00');
             INSERT INTO occurrence (id, ritual_id, original_start, status, notes, decisions,
                                     agenda_done)
                 VALUES (1, 1, '2026-11-16T10:00', 'held', 'Budget is frozen',
                         'Pause the hiring loop', 'Headcount review');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    for (text, kind, title) in [
        ("incident", "context", "Zoë Quill — feedback, 12 Nov"),
        ("frozen", "meeting", "Staff, Mon 16 Nov"),
        ("hiring loop", "meeting", "Staff, Mon 16 Nov"),
        ("headcount", "meeting", "Staff, Mon 16 Nov"),
    ] {
        let hits = search::search(store.conn(), text, 10).unwrap();
        let got: Vec<(String, &str)> = hits
            .iter()
            .map(|h| (h.kind.to_string(), h.title.as_str()))
            .collect();
        assert_eq!(got, [(kind.to_string(), title)], "{text}");
    }
    search::verify_index(store.conn()).unwrap();
}
