use super::*;
use crate::store::Store;

fn schema_of(store: &Store) -> Vec<SchemaObject> {
    read(store.conn()).unwrap()
}

#[test]
fn a_migrated_database_is_exactly_bearings() {
    let store = Store::open_in_memory().unwrap();
    let version = store.schema_version().unwrap();
    assert_eq!(difference(&schema_of(&store), version).unwrap(), None);
    assert_eq!(difference(&[], 0).unwrap(), None, "a new, empty file");
}

#[test]
fn every_kind_of_change_is_named() {
    let cases = [
        (
            "CREATE TRIGGER evil AFTER INSERT ON note BEGIN DELETE FROM risk; END;",
            "it holds a trigger \"evil\" that Bearing does not make",
        ),
        (
            "DROP TRIGGER search_note_ai; CREATE TRIGGER search_note_ai AFTER INSERT ON note \
             BEGIN DELETE FROM risk; END;",
            "its trigger \"search_note_ai\" is not the one Bearing makes",
        ),
        (
            "CREATE VIEW v AS SELECT 1;",
            "it holds a view \"v\" that Bearing does not make",
        ),
        (
            "CREATE INDEX spy ON person (name);",
            "it holds an index \"spy\" that Bearing does not make",
        ),
        (
            "DROP INDEX goal_due;",
            "Bearing's index \"goal_due\" is missing",
        ),
        (
            "ALTER TABLE person ADD COLUMN shoe TEXT;",
            "its table \"person\" is not the one Bearing makes",
        ),
        (
            "CREATE TABLE \"x\u{1b}[2J\" (a);",
            "it holds a table \"x␛[2J\" that Bearing does not make",
        ),
    ];
    for (sql, expected) in cases {
        let store = Store::open_in_memory().unwrap();
        store.conn().execute_batch(sql).unwrap();
        let version = store.schema_version().unwrap();
        let found = difference(&schema_of(&store), version).unwrap();
        assert_eq!(found.as_deref(), Some(expected), "{sql}");
    }
}

#[test]
fn a_removed_check_constraint_is_found() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.conn();
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'risk'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let loosened = sql.replace("CHECK (likelihood BETWEEN 1 AND 5)", "");
    assert_ne!(sql, loosened);
    conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
    conn.execute(
        "UPDATE sqlite_schema SET sql = ?1 WHERE name = 'risk'",
        [&loosened],
    )
    .unwrap();
    let version = store.schema_version().unwrap();
    assert_eq!(
        difference(&schema_of(&store), version).unwrap().as_deref(),
        Some("its table \"risk\" is not the one Bearing makes")
    );
}

#[test]
fn planner_statistics_are_tolerated_and_unknown_versions_are_not() {
    let store = Store::open_in_memory().unwrap();
    store.conn().execute_batch("ANALYZE").unwrap();
    let version = store.schema_version().unwrap();
    assert_eq!(difference(&schema_of(&store), version).unwrap(), None);
    assert!(
        difference(&schema_of(&store), version - 1)
            .unwrap()
            .is_some()
    );
    assert!(difference(&[], -1).unwrap().is_some());
}

#[test]
fn the_reference_is_built_in_milliseconds() {
    let started = std::time::Instant::now();
    let conn = Connection::open_in_memory().unwrap();
    for sql in migrations::MIGRATIONS {
        conn.execute_batch(sql).unwrap();
        read(&conn).unwrap();
    }
    let took = started.elapsed();
    eprintln!("building the reference schema took {took:?}");
    assert!(took < std::time::Duration::from_secs(2), "{took:?}");
}

/// The schema this version makes, as every file it wrote holds it. A change here (a new
/// migration aside) means files written before would be refused: an SQLite upgrade that writes
/// the full-text index's tables with other SQL, say. Then those objects need a rule of their own.
#[test]
fn the_schema_files_hold_is_pinned() {
    let store = Store::open_in_memory().unwrap();
    let text: String = schema_of(&store)
        .iter()
        .map(|o| {
            format!(
                "{} {} on {}: {}\n",
                o.kind,
                o.name,
                o.table,
                o.sql.as_deref().unwrap_or("(made by SQLite)")
            )
        })
        .collect();
    insta::assert_snapshot!(text);
}

/// `schema_latest.json` is exactly what the migrations make; after a change to the migrations,
/// `BEARING_WRITE_SCHEMA=1 cargo test --lib schema` writes it anew (review the diff).
#[test]
fn the_written_down_latest_schema_is_what_the_migrations_make() {
    let made = latest_made().unwrap();
    if std::env::var_os("BEARING_WRITE_SCHEMA").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/src/store/schema_latest.json"),
            &made,
        )
        .unwrap();
        return;
    }
    assert!(
        made == LATEST_JSON,
        "src/store/schema_latest.json is not what the migrations make: run \
         `BEARING_WRITE_SCHEMA=1 cargo test --lib schema` and review the diff"
    );
    assert!(latest().is_some(), "schema_latest.json does not parse");
}

#[test]
fn a_file_at_the_latest_version_is_checked_against_the_written_down_schema() {
    let store = Store::open_in_memory().unwrap();
    let version = store.schema_version().unwrap();
    assert_eq!(version, migrations::LATEST_VERSION);
    let objects = schema_of(&store);
    assert_eq!(compare(&objects, &latest().unwrap().objects, &[]), None);
    // Both paths name the same finding.
    store
        .conn()
        .execute_batch("CREATE TRIGGER evil AFTER INSERT ON note BEGIN DELETE FROM risk; END;")
        .unwrap();
    let found = schema_of(&store);
    let built = reference().unwrap();
    assert_eq!(
        difference(&found, version).unwrap(),
        compare(&found, built.by_version.last().unwrap(), &built.statistics)
    );
}

#[test]
fn a_new_file_holding_anything_is_refused() {
    let table = SchemaObject {
        kind: "table".into(),
        name: "x".into(),
        table: "x".into(),
        sql: Some("CREATE TABLE x (a)".into()),
    };
    assert_eq!(
        difference(&[table], 0).unwrap().as_deref(),
        Some("it holds a table \"x\" that Bearing does not make")
    );
}

/// A new file is made from the written-down schema at once, not by the migrations in turn: it
/// must hold exactly what they make, and its full-text indexes must work.
#[test]
fn a_new_file_is_made_at_once_with_exactly_what_the_migrations_make() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("new.db")).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST_VERSION);
    let built = reference().unwrap();
    assert_eq!(&schema_of(&store), built.by_version.last().unwrap());
    let conn = store.conn();
    conn.execute("INSERT INTO person (name, created_at, updated_at) VALUES ('Ana Costa', '2026-11-23T09:00', '2026-11-23T09:00')", [])
        .unwrap();
    let found: i64 = conn
        .query_row(
            "SELECT count(*) FROM search_person WHERE search_person MATCH 'cos*'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 1);
    conn.execute_batch(
        "INSERT INTO search_person (search_person, rank) VALUES ('integrity-check', 1)",
    )
    .unwrap();
}
