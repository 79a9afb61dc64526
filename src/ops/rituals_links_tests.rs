//! A meeting's links saved with its write-up (issue 22): after the occurrence's upsert, on the
//! id it returns, in the same transaction; refused whole when stale or when an end is gone.

use chrono::{NaiveDate, NaiveDateTime};

use super::{WriteUp, add_ritual, meeting_ref, occurrence, save_write_up_linked};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::ritual::{OccurrenceStatus, RitualFields};
use crate::ops::links::{LinkChanges, links_of};
use crate::store::Store;

fn on(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .unwrap()
}

/// A weekly series on Mondays at 10:00 from 16 Nov; its id and the link target (the series).
fn weekly() -> (Store, i64, ObjectRef) {
    let mut store = Store::open_in_memory().unwrap();
    let f = RitualFields::new("Sync", Some("FREQ=WEEKLY;BYDAY=MO".into()), on(16, 10), 30);
    let id = add_ritual(&mut store, f, on(10, 8)).unwrap().id;
    (store, id, ObjectRef::new(LinkKind::Ritual, id))
}

fn notes(text: &str) -> WriteUp {
    WriteUp {
        status: OccurrenceStatus::Held,
        notes: text.into(),
        decisions: String::new(),
        agenda_done: String::new(),
    }
}

fn adding(other: ObjectRef) -> LinkChanges {
    LinkChanges {
        add: vec![other],
        remove: Vec::new(),
    }
}

#[test]
fn a_first_save_creates_the_meeting_and_links_it_on_its_new_row() {
    let (mut store, id, other) = weekly();
    let opened = occurrence(&store, id, on(16, 10)).unwrap();
    assert_eq!(opened.id, 0, "never saved");
    let w = notes("We met.");
    save_write_up_linked(
        &mut store,
        id,
        on(16, 10),
        &w,
        Some(&opened),
        &adding(other),
        on(16, 11),
    )
    .unwrap();
    let saved = occurrence(&store, id, on(16, 10)).unwrap();
    assert_ne!(saved.id, 0);
    assert_eq!(saved.notes, "We met.");
    let links = links_of(&store, meeting_ref(saved.id)).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].object(), other);
}

#[test]
fn a_stale_meeting_or_a_gone_end_refuses_the_whole_save() {
    let (mut store, id, other) = weekly();
    let opened = occurrence(&store, id, on(16, 10)).unwrap();
    // Another writer saves notes meanwhile: the dialog's save is refused, its link not made.
    let none = LinkChanges::default();
    let elsewhere = notes("Theirs.");
    save_write_up_linked(
        &mut store,
        id,
        on(16, 10),
        &elsewhere,
        None,
        &none,
        on(16, 11),
    )
    .unwrap();
    let mine = notes("Mine.");
    let stale = save_write_up_linked(
        &mut store,
        id,
        on(16, 10),
        &mine,
        Some(&opened),
        &adding(other),
        on(16, 11),
    );
    assert!(stale.is_err());
    let now = occurrence(&store, id, on(16, 10)).unwrap();
    assert_eq!(now.notes, "Theirs.");
    assert!(links_of(&store, meeting_ref(now.id)).unwrap().is_empty());
    // A link to an object that is not there: nothing saved, not even the notes.
    let gone = ObjectRef::new(LinkKind::Goal, 999);
    let refused = save_write_up_linked(
        &mut store,
        id,
        on(23, 10),
        &mine,
        None,
        &adding(gone),
        on(23, 11),
    );
    assert!(refused.is_err());
    let untouched = occurrence(&store, id, on(23, 10)).unwrap();
    assert_eq!(untouched.id, 0, "no row was created");
    assert!(untouched.notes.is_empty());
}
