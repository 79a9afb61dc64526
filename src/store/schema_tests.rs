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

/// `schema_latest.json` is what the migrations make: a file exactly Bearing's is accepted without
/// running them. (Were it stale, such files would only be checked the slow way.)
#[test]
fn the_shipped_schema_is_what_the_migrations_make() {
    let reference = reference().unwrap();
    let made = Shipped {
        version: migrations::LATEST_VERSION,
        objects: reference.by_version[reference.by_version.len() - 1].clone(),
        statistics: reference.statistics.clone(),
    };
    if shipped() != Some(&made) {
        let json = serde_json::to_string_pretty(&made).unwrap() + "\n";
        if std::env::var_os("BEARING_UPDATE_SCHEMA").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/store/schema_latest.json");
            std::fs::write(path, json).unwrap();
        } else {
            panic!(
                "src/store/schema_latest.json is not what the migrations make; rewrite it with \
                 `BEARING_UPDATE_SCHEMA=1 cargo test --lib store::schema` and commit it"
            );
        }
    }
}

#[test]
fn a_file_exactly_bearings_is_accepted_without_the_migrations_and_any_change_is_not() {
    let store = Store::open_in_memory().unwrap();
    let version = store.schema_version().unwrap();
    let mut found = schema_of(&store);
    assert!(is_shipped(&found, version));
    store.conn().execute_batch("ANALYZE").unwrap();
    assert!(
        is_shipped(&schema_of(&store), version),
        "planner statistics"
    );
    assert!(!is_shipped(&found, version - 1), "another version");
    found.pop();
    assert!(!is_shipped(&found, version), "an object missing");
    let evil = "CREATE TRIGGER evil AFTER INSERT ON note BEGIN DELETE FROM risk; END;";
    store.conn().execute_batch(evil).unwrap();
    assert!(!is_shipped(&schema_of(&store), version), "a trigger added");
}
