use super::*;
use crate::domain::person::PersonDraft;
use crate::ops::people::{self, PersonInput};
use crate::ops::{history, risks};
use chrono::{NaiveDate, Weekday};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let input = PersonInput {
        draft: PersonDraft {
            name: "Aisha Bello".into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    };
    people::add_person(&mut store, input, Weekday::Mon, now()).unwrap();
    let risk = crate::domain::risk::RiskDraft {
        title: "Vendor slips".into(),
        likelihood: 3,
        impact: 4,
        ..Default::default()
    };
    risks::add_risk(&mut store, risk, &Default::default(), now()).unwrap();
    store.journal(Some(now())).unwrap();
    (dir, store)
}

fn r(kind: LinkKind, id: i64) -> ObjectRef {
    ObjectRef::new(kind, id)
}

#[test]
fn links_read_with_the_other_ends_title_from_either_side() {
    let (_dir, mut store) = store();
    assert!(
        link(
            &mut store,
            r(LinkKind::Risk, 1),
            r(LinkKind::Person, 1),
            now()
        )
        .unwrap()
    );
    assert!(
        !link(
            &mut store,
            r(LinkKind::Person, 1),
            r(LinkKind::Risk, 1),
            now()
        )
        .unwrap()
    );
    let of_risk = links_of(&store, r(LinkKind::Risk, 1)).unwrap();
    assert_eq!(
        of_risk,
        [Linked {
            kind: LinkKind::Person,
            id: 1,
            title: "Aisha Bello".into()
        }]
    );
    let json = serde_json::to_string(&of_risk).unwrap();
    assert_eq!(json, r#"[{"kind":"person","id":1,"title":"Aisha Bello"}]"#);
    assert_eq!(
        links_of(&store, r(LinkKind::Person, 1)).unwrap()[0].title,
        "Vendor slips"
    );
}

#[test]
fn bad_links_are_refused_and_write_nothing() {
    let (_dir, mut store) = store();
    let before = crate::ops::json::json_export(&store).unwrap();
    let missing = link(
        &mut store,
        r(LinkKind::Risk, 1),
        r(LinkKind::Goal, 9),
        now(),
    );
    let err = missing.unwrap_err();
    assert!(err.to_string().contains("no goal with id 9"), "{err}");
    assert_eq!(err.exit_code(), 2);
    let itself = link(
        &mut store,
        r(LinkKind::Risk, 1),
        r(LinkKind::Risk, 1),
        now(),
    );
    assert!(itself.unwrap_err().to_string().contains("itself"));
    let not_linked = unlink(&mut store, r(LinkKind::Risk, 1), r(LinkKind::Person, 1));
    assert!(
        not_linked
            .unwrap_err()
            .to_string()
            .contains("are not linked")
    );
    assert_eq!(crate::ops::json::json_export(&store).unwrap(), before);
}

#[test]
fn deleting_an_end_removes_the_link_and_undo_puts_both_back() {
    let (_dir, mut store) = store();
    link(
        &mut store,
        r(LinkKind::Risk, 1),
        r(LinkKind::Person, 1),
        now(),
    )
    .unwrap();
    risks::delete_risk(&mut store, 1, None).unwrap();
    assert!(links_of(&store, r(LinkKind::Person, 1)).unwrap().is_empty());
    history::undo(&mut store).unwrap();
    assert_eq!(links_of(&store, r(LinkKind::Person, 1)).unwrap().len(), 1);
    history::undo(&mut store).unwrap();
    assert!(links_of(&store, r(LinkKind::Person, 1)).unwrap().is_empty());
}

#[test]
fn links_survive_a_json_export_and_import_byte_for_byte() {
    let (_dir, mut store) = store();
    link(
        &mut store,
        r(LinkKind::Risk, 1),
        r(LinkKind::Person, 1),
        now(),
    )
    .unwrap();
    let text = crate::ops::json::json_export(&store).unwrap();
    assert!(text.contains("\"link\""), "the export lists the link table");
    let (_dir2, mut copy) = {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("copy.db")).unwrap();
        (dir, s)
    };
    let export = crate::ops::json::read_export(&text, "test").unwrap();
    crate::ops::json::json_import(&mut copy, &export).unwrap();
    assert_eq!(crate::ops::json::json_export(&copy).unwrap(), text);
    assert_eq!(links_of(&copy, r(LinkKind::Person, 1)).unwrap().len(), 1);
}

#[test]
fn a_crafted_export_with_an_unknown_kind_is_refused() {
    let (_dir, mut store) = store();
    link(
        &mut store,
        r(LinkKind::Risk, 1),
        r(LinkKind::Person, 1),
        now(),
    )
    .unwrap();
    let good = crate::ops::json::json_export(&store).unwrap();
    let text = good.replace("\"a_kind\": \"person\"", "\"a_kind\": \"sqlite_master\"");
    assert_ne!(text, good, "the crafted export names another kind");
    let dir = tempfile::tempdir().unwrap();
    let mut copy = Store::open(&dir.path().join("copy.db")).unwrap();
    let imported = crate::ops::json::read_export(&text, "test")
        .and_then(|export| crate::ops::json::json_import(&mut copy, &export));
    let err = imported.unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    assert!(crate::store::people::list(copy.conn()).unwrap().is_empty());
}

fn risk_draft(store: &Store) -> crate::domain::risk::RiskDraft {
    crate::domain::risk::RiskDraft::from(&risks::get_risk(store, 1).unwrap().fields)
}

/// The form's save of risk 1 with `changes`, opened on the risk as it is now.
fn save_risk_links(store: &mut Store, changes: &LinkChanges) -> Result<bool, OpsError> {
    let opened = risks::get_risk(store, 1).unwrap().fields;
    let edit = risks::RiskEdit {
        draft: risk_draft(store),
        note: "",
        links: changes,
    };
    risks::update_risk_with(store, 1, edit, Some(&opened), &Default::default(), now())
        .map(|e| e.changed)
}

fn others(store: &Store, of: ObjectRef) -> Vec<ObjectRef> {
    links_of(store, of)
        .unwrap()
        .iter()
        .map(Linked::object)
        .collect()
}

#[test]
fn a_forms_link_changes_merge_with_another_writers_links() {
    let (_dir, mut store) = store();
    let risk = r(LinkKind::Risk, 1);
    let person = r(LinkKind::Person, 1);
    // The form opened with no links; meanwhile another writer linked the person.
    link(&mut store, risk, person, now()).unwrap();
    let add = LinkChanges {
        add: vec![person],
        remove: Vec::new(),
    };
    // Adding what is there already is no change and no duplicate.
    assert!(!save_risk_links(&mut store, &add).unwrap());
    assert_eq!(others(&store, risk), [person]);
    // Removing a link another writer removed already is not an error.
    unlink(&mut store, risk, person).unwrap();
    let remove = LinkChanges {
        add: Vec::new(),
        remove: vec![person],
    };
    assert!(!save_risk_links(&mut store, &remove).unwrap());
    assert!(
        save_risk_links(&mut store, &add).unwrap(),
        "a link alone is a change"
    );
    assert_eq!(others(&store, risk), [person]);
}

#[test]
fn a_forms_link_to_itself_or_to_nothing_refuses_the_whole_save() {
    let (_dir, mut store) = store();
    let risk = r(LinkKind::Risk, 1);
    let before = crate::ops::json::json_export(&store).unwrap();
    for bad in [risk, r(LinkKind::Goal, 99)] {
        let mut draft = risk_draft(&store);
        draft.title = "Renamed".into();
        let opened = risks::get_risk(&store, 1).unwrap().fields;
        let changes = LinkChanges {
            add: vec![r(LinkKind::Person, 1), bad],
            remove: Vec::new(),
        };
        let edit = risks::RiskEdit {
            draft,
            note: "",
            links: &changes,
        };
        let err = risks::update_risk_with(
            &mut store,
            1,
            edit,
            Some(&opened),
            &Default::default(),
            now(),
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("links"), "{err}");
    }
    let after = crate::ops::json::json_export(&store).unwrap();
    assert_eq!(
        before, after,
        "nothing saved: not the title, not the other link"
    );
}

#[test]
fn a_stale_form_saves_no_link() {
    let (_dir, mut store) = store();
    let opened = risks::get_risk(&store, 1).unwrap().fields;
    // Another writer edits the risk.
    let mut theirs = risk_draft(&store);
    theirs.title = "Theirs".into();
    risks::update_risk(&mut store, 1, theirs, "", None, &Default::default(), now()).unwrap();
    let changes = LinkChanges {
        add: vec![r(LinkKind::Person, 1)],
        remove: Vec::new(),
    };
    let edit = risks::RiskEdit {
        draft: risk_draft(&store),
        note: "",
        links: &changes,
    };
    let err = risks::update_risk_with(
        &mut store,
        1,
        edit,
        Some(&opened),
        &Default::default(),
        now(),
    )
    .unwrap_err();
    assert!(matches!(err, OpsError::Stale(_)), "{err}");
    assert!(others(&store, r(LinkKind::Risk, 1)).is_empty());
}
