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
    risks::delete_risk(&mut store, 1).unwrap();
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
