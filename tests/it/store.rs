//! Storage on real temporary files: opening, migrating, refusing files that are not ours, and
//! round-tripping people.

use bearing::domain::person::{PersonDraft, Relation};
use bearing::ops::OpsError;
use bearing::ops::people::{
    PersonInput, add_person, delete_person, list_people, resolve_person, update_person,
};
use bearing::store::{LATEST_VERSION, Store, StoreError};
use chrono::{NaiveDate, NaiveDateTime, Weekday};
use std::os::unix::fs::PermissionsExt;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn input(name: &str) -> PersonInput {
    PersonInput {
        draft: PersonDraft {
            name: name.into(),
            role: "Engineering Manager".into(),
            team: "Payments".into(),
            relation: Some(Relation::Report),
            career_goals: "Senior manager in 18 months".into(),
            context: "Prefers async updates".into(),
            prompts: String::new(),
            reports_to: None,
        },
        one_on_one: None,
    }
}

#[test]
fn a_new_database_is_private_migrated_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("bearing.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "database file must be private");
    let dir_mode = std::fs::metadata(path.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700, "created directory must be private");

    let tables: Vec<String> = store
        .conn()
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'search\\_%\\_%' ESCAPE '\\' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for expected in [
        "action_item",
        "calendar_event",
        "change_log",
        "checkin",
        "goal",
        "meta",
        "note",
        "occurrence",
        "person",
        "person_context",
        "plan",
        "risk",
        "risk_review",
        "ritual",
        "search_action",
        "search_goal",
        "search_note",
        "search_person",
        "search_risk",
        "search_ritual",
        "search_topic",
        "topic",
    ] {
        assert!(
            tables.iter().any(|t| t == expected),
            "missing table {expected}: {tables:?}"
        );
    }
    let journal: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    let fk: i64 = store
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn reopening_does_not_migrate_again_and_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.db");
    let mut store = Store::open(&path).unwrap();
    add_person(&mut store, input("Ada"), Weekday::Mon, now()).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert_eq!(list_people(&store, now()).unwrap().len(), 1);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer Bearing"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_text_file_is_not_a_database_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "my precious notes\n").unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.is_bad_input());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "my precious notes\n"
    );
}

#[test]
fn another_programs_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotBearing { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_corrupt_file_gets_a_clear_error_and_keeps_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.db");
    drop(Store::open(&path).unwrap());
    let mut bytes = std::fs::read(&path).unwrap();
    // Keep the magic, wreck the rest of the header and the schema page.
    for b in bytes.iter_mut().skip(16).take(200) {
        *b = 0xAB;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(err.is_bad_input(), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_read_only_file_opens_read_only_and_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    let mut store = Store::open(&path).unwrap();
    add_person(&mut store, input("Ada"), Weekday::Mon, now()).unwrap();
    // Fold the WAL into the main file so a read-only open needs nothing else.
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        .unwrap();
    drop(store);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    if std::fs::OpenOptions::new().append(true).open(&path).is_ok() {
        return; // running as a user who can write anyway (root): nothing to check
    }
    let mut store = Store::open(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(list_people(&store, now()).unwrap().len(), 1);
    let err = add_person(&mut store, input("Grace"), Weekday::Mon, now()).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
}

#[test]
fn people_round_trip_and_edit_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("p.db")).unwrap();
    let ada = add_person(&mut store, input("Ada Lovelace"), Weekday::Mon, now()).unwrap();
    let listed = list_people(&store, now()).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].person, ada);
    assert_eq!(ada.career_goals, "Senior manager in 18 months");

    let mut edited = input("Ada King");
    edited.draft.relation = Some(Relation::Peer);
    let ada2 = update_person(&mut store, ada.id, edited, None, Weekday::Mon, now())
        .unwrap()
        .value;
    assert_eq!(ada2.name, "Ada King");
    assert_eq!(ada2.relation, Relation::Peer);
    assert_eq!(resolve_person(&store, "ada king").unwrap().id, ada.id);
    // The names that label rows (the agenda, the radar, the lists) follow the edit.
    let grace = add_person(&mut store, input("Grace Hopper"), Weekday::Mon, now()).unwrap();
    let names = bearing::store::people::names(store.conn()).unwrap();
    assert_eq!(
        names,
        [
            (ada.id, "Ada King".to_string()),
            (grace.id, "Grace Hopper".to_string())
        ]
        .into()
    );

    delete_person(&mut store, ada.id, now()).unwrap();
    delete_person(&mut store, grace.id, now()).unwrap();
    assert!(list_people(&store, now()).unwrap().is_empty());
    assert!(
        bearing::store::people::names(store.conn())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn duplicate_names_are_refused_case_insensitively_on_the_name_field() {
    let mut store = Store::open_in_memory().unwrap();
    add_person(&mut store, input("Ada"), Weekday::Mon, now()).unwrap();
    let err = add_person(&mut store, input("  ADA "), Weekday::Mon, now()).unwrap_err();
    assert_eq!(err.field(), Some("name"));
    assert_eq!(err.exit_code(), 2);
    assert_eq!(list_people(&store, now()).unwrap().len(), 1);
}

#[test]
fn a_bad_cadence_saves_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let mut bad = input("Ada");
    bad.one_on_one = Some(bearing::ops::people::OneOnOnePlan {
        rrule: "FREQ=SOMETIMES".into(),
        start: now(),
        duration_min: 30,
    });
    let err = add_person(&mut store, bad, Weekday::Mon, now()).unwrap_err();
    assert_eq!(err.field(), Some("cadence"));
    assert!(list_people(&store, now()).unwrap().is_empty());
}

#[test]
fn cadence_creates_a_one_on_one_series_and_changing_it_keeps_history() {
    let mut store = Store::open_in_memory().unwrap();
    let mut with = input("Ada");
    let start = NaiveDate::from_ymd_opt(2026, 10, 6)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    with.one_on_one = Some(bearing::ops::people::OneOnOnePlan {
        rrule: "FREQ=WEEKLY;BYDAY=TU".into(),
        start,
        duration_min: 30,
    });
    let ada = add_person(&mut store, with.clone(), Weekday::Mon, now()).unwrap();
    let row = &list_people(&store, now()).unwrap()[0];
    assert_eq!(row.cadence_rrule.as_deref(), Some("FREQ=WEEKLY;BYDAY=TU"));
    assert_eq!(row.at.as_deref(), Some("10:00"));

    let mut biweekly = with;
    biweekly.one_on_one = Some(bearing::ops::people::OneOnOnePlan {
        rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU".into(),
        start: NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
        duration_min: 30,
    });
    update_person(&mut store, ada.id, biweekly, None, Weekday::Mon, now()).unwrap();
    let series: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM ritual WHERE person_id = ?1",
            [ada.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(series, 2, "the old series is ended, not deleted");
    let old_rule: String = store
        .conn()
        .query_row(
            "SELECT rrule FROM ritual WHERE person_id = ?1 ORDER BY id LIMIT 1",
            [ada.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(old_rule.contains("UNTIL="), "{old_rule}");
    let row = &list_people(&store, now()).unwrap()[0];
    assert_eq!(
        row.cadence_rrule.as_deref(),
        Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    );
}

#[test]
fn a_new_cadence_carries_the_coming_one_on_ones_skips_and_notes_or_saves_nothing() {
    use bearing::domain::ritual::OccurrenceStatus;
    use bearing::ops::people::OneOnOnePlan;
    use bearing::ops::rituals::{save_occurrence, set_status};
    let mut store = Store::open_in_memory().unwrap();
    let at = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2026, 12, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    let plan = |rule: &str, start| OneOnOnePlan {
        rrule: rule.into(),
        start,
        duration_min: 30,
    };
    let mut with = input("Ada");
    with.one_on_one = Some(plan("FREQ=WEEKLY;BYDAY=TU", at(1, 10)));
    let ada = add_person(&mut store, with.clone(), Weekday::Mon, now()).unwrap();
    let series = |store: &Store| {
        list_people(store, now()).unwrap()[0]
            .one_on_one
            .clone()
            .unwrap()
            .id
    };
    let first = series(&store);
    set_status(
        &mut store,
        first,
        at(1, 10),
        OccurrenceStatus::Skipped,
        None,
    )
    .unwrap();
    save_occurrence(
        &mut store,
        first,
        at(8, 10),
        &bearing::ops::rituals::WriteUp {
            status: OccurrenceStatus::Scheduled,
            notes: "promotion case".into(),
            decisions: String::new(),
            agenda_done: String::new(),
        },
        None,
    )
    .unwrap();

    // Same days, an hour later: the skip and the notes follow.
    with.one_on_one = Some(plan("FREQ=WEEKLY;BYDAY=TU", at(1, 11)));
    update_person(&mut store, ada.id, with.clone(), None, Weekday::Mon, now()).unwrap();
    let second = series(&store);
    let skip = bearing::ops::rituals::occurrence(&store, second, at(1, 11)).unwrap();
    assert_eq!(skip.status, OccurrenceStatus::Skipped);
    let noted = bearing::ops::rituals::occurrence(&store, second, at(8, 11)).unwrap();
    assert_eq!(noted.notes, "promotion case");

    // Thursdays: those Tuesdays would be dropped, so nothing is saved.
    let before = bearing::ops::json::json_export(&store).unwrap();
    with.one_on_one = Some(plan("FREQ=WEEKLY;BYDAY=TH", at(3, 11)));
    let err = update_person(&mut store, ada.id, with, None, Weekday::Mon, now()).unwrap_err();
    assert!(
        err.to_string()
            .contains("Tue 1 Dec 2026 (skipped), Tue 8 Dec 2026 (notes)"),
        "{err}"
    );
    assert!(!err.to_string().contains("promotion"), "{err}");
    assert_eq!(bearing::ops::json::json_export(&store).unwrap(), before);
}

#[test]
fn unknown_and_ambiguous_people_list_the_candidates() {
    let mut store = Store::open_in_memory().unwrap();
    for n in ["Ada Lovelace", "Ada Byron", "Grace Hopper"] {
        add_person(&mut store, input(n), Weekday::Mon, now()).unwrap();
    }
    match resolve_person(&store, "ada") {
        Err(OpsError::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), 2),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(
        resolve_person(&store, "grace").unwrap().name,
        "Grace Hopper"
    );
    let err = resolve_person(&store, "linus").unwrap_err();
    assert!(err.to_string().contains("Grace Hopper"), "{err}");
    assert_eq!(err.exit_code(), 2);
}
