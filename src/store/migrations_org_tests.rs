//! Migration 8 (issue 22) on a database that already holds people and risks.

use super::*;
use std::path::Path;

/// A database as version 4 left it, then migrated to the latest.
fn migrated_from_4(setup: &str) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    for sql in &MIGRATIONS[..4] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 4).unwrap();
    conn.execute_batch(setup).unwrap();
    migrate(&conn, Path::new("t.db")).unwrap();
    conn
}

#[test]
fn risk_owners_that_are_exactly_a_persons_name_are_linked_the_rest_stay_text() {
    let conn = migrated_from_4(
        "INSERT INTO person (id, name, created_at, updated_at) VALUES
             (1, 'Priya Raman', 't', 't'), (2, 'Sam', 't', 't');
         INSERT INTO risk (id, title, likelihood, impact, owner, created_at, updated_at) VALUES
             (1, 'a', 1, 1, 'Priya Raman', 't', 't'),
             (2, 'b', 1, 1, ' priya raman ', 't', 't'),
             (3, 'c', 1, 1, 'Priya', 't', 't'),
             (4, 'd', 1, 1, 'Vendor Co', 't', 't'),
             (5, 'e', 1, 1, '', 't', 't'),
             (6, 'f', 1, 1, 'Sam', 't', 't');",
    );
    let rows: Vec<(i64, Option<i64>, String)> = conn
        .prepare("SELECT id, owner_id, owner FROM risk ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let linked: Vec<(i64, Option<i64>)> = rows.iter().map(|(id, o, _)| (*id, *o)).collect();
    assert_eq!(
        linked,
        vec![
            (1, Some(1)),
            (2, Some(1)),
            (3, None),
            (4, None),
            (5, None),
            (6, Some(2))
        ]
    );
    // The text is kept as it was: nothing the user typed is lost.
    assert_eq!(rows[3].2, "Vendor Co");
    assert_eq!(rows[1].2, " priya raman ");
}

#[test]
fn existing_people_report_to_me_after_the_migration() {
    let conn = migrated_from_4(
        "INSERT INTO person (id, name, created_at, updated_at) VALUES (1, 'Ada', 't', 't');",
    );
    let reports_to: Option<i64> = conn
        .query_row("SELECT reports_to FROM person WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(reports_to, None);
}
