use super::*;
use crate::domain::person::PersonDraft;

fn triggers(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_temp_schema WHERE type = 'trigger'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn at() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(9, 40, 0)
        .unwrap()
}

#[test]
fn the_triggers_are_made_at_the_first_write_and_it_is_journaled() {
    let mut store = Store::open_in_memory().unwrap();
    store.journal(Some(at())).unwrap();
    assert_eq!(
        triggers(&store),
        0,
        "a store that only reads parses no trigger"
    );
    let fields = PersonDraft {
        name: "Priya".into(),
        ..PersonDraft::default()
    }
    .validate()
    .unwrap();
    store
        .write(|tx| crate::store::people::insert(tx, &fields, at()))
        .unwrap();
    assert_eq!(triggers(&store), 3 * tables::TABLES.len() as i64);
    let entries: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, 1, "the first write is journaled");
}
