use super::*;
use crate::store::Store;

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-11-23T09:00", "%Y-%m-%dT%H:%M").unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    store
        .conn()
        .execute_batch(
            "INSERT INTO person (id, name, created_at, updated_at) VALUES (1, 'Aisha', 'x', 'x');
             INSERT INTO person (id, name, created_at, updated_at) VALUES (2, 'Marcus', 'x', 'x');
             INSERT INTO risk (id, title, likelihood, impact, created_at, updated_at)
                 VALUES (7, 'Vendor exit', 3, 4, 'x', 'x');",
        )
        .unwrap();
    (dir, store)
}

fn r(kind: LinkKind, id: i64) -> ObjectRef {
    ObjectRef::new(kind, id)
}

#[test]
fn a_link_is_found_from_both_ends_and_added_once_either_way_round() {
    let (_dir, store) = store();
    let c = store.conn();
    let risk = r(LinkKind::Risk, 7);
    let aisha = r(LinkKind::Person, 1);
    assert!(add(c, risk, aisha, now()).unwrap());
    assert!(!add(c, aisha, risk, now()).unwrap(), "the same link twice");
    let from_risk = of(c, risk).unwrap();
    let from_person = of(c, aisha).unwrap();
    assert_eq!(from_risk, from_person);
    assert_eq!(from_risk.len(), 1);
    assert_eq!(from_risk[0].other(risk), Some(aisha));
    assert_eq!(count_of(c, risk).unwrap(), 1);
    assert!(remove(c, risk, aisha).unwrap());
    assert!(!remove(c, aisha, risk).unwrap());
    assert!(of(c, risk).unwrap().is_empty());
}

#[test]
fn deleting_one_end_removes_the_link_and_never_the_other_object() {
    let (_dir, store) = store();
    let c = store.conn();
    let risk = r(LinkKind::Risk, 7);
    add(c, risk, r(LinkKind::Person, 1), now()).unwrap();
    add(c, risk, r(LinkKind::Person, 2), now()).unwrap();
    c.execute("DELETE FROM person WHERE id = 1", []).unwrap();
    assert_eq!(of(c, risk).unwrap().len(), 1, "Marcus's link stays");
    c.execute("DELETE FROM risk WHERE id = 7", []).unwrap();
    assert_eq!(count_of(c, r(LinkKind::Person, 2)).unwrap(), 0);
    assert!(
        exists(c, r(LinkKind::Person, 2)).unwrap(),
        "the person stays"
    );
}

#[test]
fn titles_and_existence_come_from_each_kinds_own_table() {
    let (_dir, store) = store();
    let c = store.conn();
    assert_eq!(
        title(c, r(LinkKind::Person, 2)).unwrap().as_deref(),
        Some("Marcus")
    );
    assert_eq!(
        title(c, r(LinkKind::Risk, 7)).unwrap().as_deref(),
        Some("Vendor exit")
    );
    assert!(!exists(c, r(LinkKind::Risk, 1)).unwrap());
    assert!(!exists(c, r(LinkKind::Goal, 7)).unwrap());
}

#[test]
fn the_schema_refuses_unknown_kinds_and_self_links() {
    let (_dir, store) = store();
    let c = store.conn();
    let bad = [
        "INSERT INTO link (a_kind, a_id, b_kind, b_id, created_at) VALUES ('table', 1, 'risk', 7, 'x')",
        "INSERT INTO link (a_kind, a_id, b_kind, b_id, created_at) VALUES ('risk', 7, 'risk', 7, 'x')",
        "INSERT INTO link (a_kind, a_id, b_kind, b_id, created_at) VALUES ('risk', 0, 'goal', 7, 'x')",
    ];
    for sql in bad {
        assert!(c.execute(sql, []).is_err(), "{sql}");
    }
}

#[test]
fn every_kind_but_decisions_has_a_table_to_read_titles_from() {
    let (_dir, store) = store();
    for &kind in LinkKind::ALL {
        let read = title(store.conn(), r(kind, 1));
        assert!(read.is_ok(), "{kind}: {read:?}");
    }
}
