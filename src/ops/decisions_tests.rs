use super::*;
use crate::domain::person::PersonDraft;
use crate::domain::ritual::RitualFields;
use crate::ops::rituals::add_ritual;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn now() -> NaiveDateTime {
    d(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap()
}

fn person(store: &mut Store, name: &str) -> i64 {
    let fields = PersonDraft {
        name: name.into(),
        ..PersonDraft::default()
    }
    .validate()
    .unwrap();
    store
        .write(|tx| crate::store::people::insert(tx, &fields, now()))
        .unwrap()
}

fn input(title: &str) -> DecisionInput {
    let mut draft = DecisionDraft::new(title, d(2026, 11, 20));
    draft.status = DecisionStatus::Accepted;
    DecisionInput::new(draft)
}

#[test]
fn a_decision_is_stored_with_its_people_and_meeting() {
    let mut store = Store::open_in_memory().unwrap();
    let aisha = person(&mut store, "Aisha");
    let ben = person(&mut store, "Ben");
    let staff = add_ritual(
        &mut store,
        RitualFields::new(
            "Staff",
            Some("FREQ=WEEKLY".into()),
            d(2026, 11, 2).and_hms_opt(10, 0, 0).unwrap(),
            60,
        ),
        now(),
    )
    .unwrap();
    let mut i = input("Use Postgres");
    i.decided_by = vec![aisha];
    i.consulted = vec![ben, aisha];
    i.meeting = Some(MeetingRef {
        ritual_id: staff.id,
        original: d(2026, 11, 16).and_hms_opt(10, 0, 0).unwrap(),
    });
    let saved = add_decision(&mut store, i, None, now()).unwrap();
    assert_eq!(saved.decided_by, vec![aisha]);
    assert_eq!(saved.consulted, vec![ben], "one role each, deciding wins");
    assert!(saved.fields.occurrence_id.is_some());
}

#[test]
fn an_unknown_person_or_meeting_is_refused_and_nothing_saved() {
    let mut store = Store::open_in_memory().unwrap();
    let mut i = input("Use Postgres");
    i.decided_by = vec![99];
    let e = add_decision(&mut store, i, None, now()).unwrap_err();
    assert_eq!(e.field(), Some("decided_by"));
    let mut i = input("Use Postgres");
    i.meeting = Some(MeetingRef {
        ritual_id: 7,
        original: now(),
    });
    assert!(add_decision(&mut store, i, None, now()).is_err());
    assert!(list_decisions(&store).unwrap().is_empty());
}

#[test]
fn superseding_marks_the_old_record_and_the_chain_reads_both_ways() {
    let mut store = Store::open_in_memory().unwrap();
    let old = add_decision(&mut store, input("Deploy on Fridays"), None, now()).unwrap();
    let new = add_decision(&mut store, input("No Friday deploys"), Some(old.id), now()).unwrap();
    let old = get_decision(&store, old.id).unwrap();
    assert_eq!(old.fields.status, DecisionStatus::Superseded);
    assert_eq!(old.fields.superseded_by, Some(new.id));
    assert_eq!(new.supersedes, vec![old.id]);
    // Already superseded: refused, nothing added.
    let e = add_decision(&mut store, input("Third"), Some(old.id), now()).unwrap_err();
    assert_eq!(e.field(), Some("supersedes"));
    let e = add_decision(&mut store, input("Fourth"), Some(42), now()).unwrap_err();
    assert_eq!(e.field(), Some("supersedes"));
    assert_eq!(list_decisions(&store).unwrap().len(), 2);
    // Deleting the replacement lets the old one stand again.
    delete_decision(&mut store, new.id, None).unwrap();
    let old = get_decision(&store, old.id).unwrap();
    assert_eq!(old.fields.status, DecisionStatus::Accepted);
    assert_eq!(old.fields.superseded_by, None);
    // So does rejecting a proposed replacement: it left nothing in force and no step back.
    let mut proposal = input("Deploy only on Tuesdays");
    proposal.draft.status = DecisionStatus::Proposed;
    let proposal = add_decision(&mut store, proposal, Some(old.id), now()).unwrap();
    let superseded = get_decision(&store, old.id).unwrap().fields;
    assert_eq!(superseded.status, DecisionStatus::Superseded);
    set_status(
        &mut store,
        proposal.id,
        DecisionStatus::Rejected,
        None,
        now(),
    )
    .unwrap();
    let old = get_decision(&store, old.id).unwrap();
    assert_eq!(
        (old.fields.status, old.fields.superseded_by),
        (DecisionStatus::Accepted, None)
    );
    assert!(
        get_decision(&store, proposal.id)
            .unwrap()
            .supersedes
            .is_empty()
    );
}

#[test]
fn status_changes_follow_the_rules_and_refuse_stale_forms() {
    let mut store = Store::open_in_memory().unwrap();
    let mut i = input("Adopt RFCs");
    i.draft.status = DecisionStatus::Proposed;
    let p = add_decision(&mut store, i, None, now()).unwrap();
    let e = set_status(&mut store, p.id, DecisionStatus::Deprecated, None, now()).unwrap_err();
    assert_eq!(e.field(), Some("status"));
    let accepted = set_status(&mut store, p.id, DecisionStatus::Accepted, None, now()).unwrap();
    assert!(accepted.changed);
    // A form opened on the proposal saves over nothing newer.
    let e = set_status(&mut store, p.id, DecisionStatus::Rejected, Some(&p), now()).unwrap_err();
    assert!(matches!(e, OpsError::Stale(_)), "{e:?}");
    let same = set_status(&mut store, p.id, DecisionStatus::Accepted, None, now()).unwrap();
    assert!(!same.changed);
}

#[test]
fn old_proposals_are_pending() {
    let mut store = Store::open_in_memory().unwrap();
    let mut i = input("Adopt RFCs");
    i.draft.status = DecisionStatus::Proposed;
    i.draft.date = d(2026, 11, 1);
    add_decision(&mut store, i, None, now()).unwrap();
    add_decision(&mut store, input("Accepted long ago"), None, now()).unwrap();
    let pending = pending(&store, d(2026, 11, 23), 14).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].fields.title, "Adopt RFCs");
}

#[test]
fn a_pending_decision_is_on_the_radar() {
    use crate::domain::agenda::RadarKind;
    let mut store = Store::open_in_memory().unwrap();
    let mut i = input("Adopt RFCs");
    i.draft.status = DecisionStatus::Proposed;
    i.draft.date = d(2026, 11, 1);
    let id = add_decision(&mut store, i, None, now()).unwrap().id;
    let radar = crate::ops::agenda::radar(&store, now(), 3, 6).unwrap();
    let item = radar
        .iter()
        .find(|r| r.kind == RadarKind::DecisionPending)
        .unwrap();
    assert_eq!(item.id, id);
    assert_eq!(
        item.describe(),
        "Adopt RFCs — proposed 22 days ago, still to decide"
    );
}

#[test]
fn undo_and_redo_keep_decision_numbers_and_never_hand_one_out_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.db")).unwrap();
    store.journal(Some(now())).unwrap();
    add_decision(&mut store, input("One"), None, now()).unwrap();
    let two = add_decision(&mut store, input("Two"), None, now()).unwrap();
    delete_decision(&mut store, two.id, None).unwrap();
    crate::ops::history::undo(&mut store).unwrap();
    assert_eq!(get_decision(&store, two.id).unwrap().fields.title, "Two");
    crate::ops::history::redo(&mut store).unwrap();
    assert!(get_decision(&store, two.id).is_err());
    let three = add_decision(&mut store, input("Three"), None, now()).unwrap();
    assert_eq!(three.id, two.id + 1, "a deleted number is not reused");
    crate::ops::history::undo(&mut store).unwrap();
    crate::ops::history::redo(&mut store).unwrap();
    assert_eq!(
        get_decision(&store, three.id).unwrap().fields.title,
        "Three"
    );
    let four = add_decision(&mut store, input("Four"), None, now()).unwrap();
    assert_eq!(four.id, three.id + 1);
}
