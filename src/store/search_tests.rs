use super::{DEFAULT_HASH_BYTES, SearchKind, content_of, fts_query, search, verify_index};
use crate::domain::person::PersonDraft;
use crate::store::{Store, StoreError, history, notes, people};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::OptionalExtension;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// Writes a person and a note with `word`, in `store`'s transaction `tx`.
fn note(tx: &rusqlite::Connection, word: &str) -> Result<(), StoreError> {
    let fields = PersonDraft {
        name: format!("Person {word}"),
        ..PersonDraft::default()
    }
    .validate()
    .unwrap();
    let person = people::insert(tx, &fields, now())?;
    notes::insert(
        tx,
        person,
        None,
        now().date(),
        &format!("about {word}"),
        now(),
    )?;
    Ok(())
}

fn found(store: &Store, word: &str) -> usize {
    search(store.conn(), word, 10).unwrap().len()
}

/// How many rows `table`'s index holds (FTS5 keeps a size for each row indexed).
fn indexed(conn: &rusqlite::Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}_docsize"), [], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn a_fill_indexes_its_rows_and_leaves_the_triggers_on() {
    for journaled in [false, true] {
        let mut store = Store::open_in_memory().unwrap();
        if journaled {
            store.journal(Some(now())).unwrap();
        }
        store
            .fill(|tx| {
                note(tx, "quarterly")?;
                // Written with the triggers off: not indexed yet, nor noted as pending.
                assert_eq!(indexed(tx, "search_note"), 0);
                let pending: i64 =
                    tx.query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))?;
                assert_eq!(pending, 0);
                Ok::<_, StoreError>(())
            })
            .unwrap();
        verify_index(store.conn()).unwrap();
        assert_eq!(indexed(store.conn(), "search_note"), 1);
        // The person and the note; a prefix of four letters goes through the word list.
        assert_eq!(found(&store, "quarterly"), 2, "journaled: {journaled}");
        assert_eq!(found(&store, "quart"), 2, "journaled: {journaled}");
        // FTS5's memory is its default again.
        for kind in SearchKind::ALL {
            let table = super::index_of(*kind).table;
            let hash: Option<i64> = store
                .conn()
                .query_row(
                    &format!("SELECT v FROM {table}_config WHERE k = 'hashsize'"),
                    [],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            assert_eq!(hash.unwrap_or(DEFAULT_HASH_BYTES), DEFAULT_HASH_BYTES);
        }
        if journaled {
            // The journal's TEMP triggers ran during the fill: it is undone and done again.
            history::undo(&mut store).unwrap();
            verify_index(store.conn()).unwrap();
            assert_eq!(found(&store, "quarterly"), 0);
            history::redo(&mut store).unwrap();
            verify_index(store.conn()).unwrap();
            assert_eq!(found(&store, "quarterly"), 2);
        }
        store.write(|tx| note(tx, "roadmap")).unwrap();
        verify_index(store.conn()).unwrap();
        assert_eq!(found(&store, "roadmap"), 2, "journaled: {journaled}");
    }
}

/// Every index's table and columns, as the fill sizes its memory by them, are those the
/// schema's index is made from.
#[test]
fn each_index_is_made_from_the_columns_named_for_it() {
    let store = Store::open_in_memory().unwrap();
    for kind in SearchKind::ALL {
        let table = super::index_of(*kind).table;
        let (content, columns) = content_of(*kind);
        let sql: String = store
            .conn()
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert!(sql.contains(&format!("content = '{content}'")), "{sql}");
        let listed: Vec<String> = store
            .conn()
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(listed, columns, "{table}");
    }
}

#[test]
fn a_fill_that_fails_writes_nothing_and_leaves_the_triggers_on() {
    let mut store = Store::open_in_memory().unwrap();
    let failed = store.fill(|tx| {
        note(tx, "quarterly")?;
        Err::<(), _>(StoreError::Sqlite(rusqlite::Error::InvalidQuery))
    });
    assert!(failed.is_err());
    assert_eq!(found(&store, "quarterly"), 0);
    assert_eq!(crate::store::dump::row_count(store.conn()).unwrap(), 0);
    store.write(|tx| note(tx, "roadmap")).unwrap();
    verify_index(store.conn()).unwrap();
    assert_eq!(found(&store, "roadmap"), 2);
}

#[test]
fn user_text_becomes_safe_prefix_terms() {
    assert_eq!(
        fts_query("on-call burn").as_deref(),
        Some("\"on-call\"* \"burn\"*")
    );
    assert_eq!(
        fts_query("say \"hi\" AND (x").as_deref(),
        Some("\"say\"* \"\"\"hi\"\"\"* \"AND\"* \"(x\"*")
    );
    assert_eq!(fts_query("   "), None);
}
