//! Edit use-cases for people, rituals, single meetings, notes and recording a 1:1, with a second
//! writer beside the cockpit (see `edit_tests.rs` for the harness).

use super::OpsError;
use super::tests::{Two, day, now, stale};
use crate::domain::person::PersonDraft;
use crate::domain::ritual::{OccurrenceStatus, RitualFields};
use crate::ops::one_on_ones::{Record, add_note, add_topic, delete_topic, record, update_note};
use crate::ops::people::{PersonInput, PersonRecord, add_person, get_person, update_person};
use crate::ops::rituals::{
    Slot, add_ritual, get_ritual, move_occurrence, occurrence, save_occurrence, set_status,
    update_ritual,
};
use crate::store::Store;
use crate::store::{notes, topics};
use chrono::{NaiveDateTime, Weekday};

fn write_up(notes: &str, status: OccurrenceStatus) -> crate::ops::rituals::WriteUp {
    crate::ops::rituals::WriteUp {
        status,
        notes: notes.into(),
        decisions: String::new(),
        agenda_done: String::new(),
    }
}

fn ten(d: u32) -> NaiveDateTime {
    day(d).and_hms_opt(10, 0, 0).unwrap()
}

fn with_ada(store: &mut Store) {
    let input = PersonInput {
        draft: PersonDraft {
            name: "Ada".into(),
            role: "Engineering Manager".into(),
            ..PersonDraft::default()
        },
        one_on_one: Some(crate::ops::people::OneOnOnePlan {
            rrule: "FREQ=WEEKLY;BYDAY=TU".into(),
            start: ten(24),
            duration_min: 30,
        }),
    };
    add_person(store, input, Weekday::Mon, now()).unwrap();
}

/// What the person form sends for `record` when only the draft is edited.
fn input(record: &PersonRecord) -> PersonInput {
    PersonInput {
        draft: PersonDraft::from(&record.person),
        one_on_one: record
            .one_on_one
            .as_ref()
            .map(|r| crate::ops::people::OneOnOnePlan {
                rrule: r.fields.rrule.clone().unwrap_or_default(),
                start: r.fields.dtstart,
                duration_min: r.fields.duration_min,
            }),
    }
}

#[test]
fn a_person_edit_is_refused_over_a_newer_person_or_series() {
    let mut t = Two::new(with_ada);
    let opened = PersonRecord::from(&get_person(&t.form, 1).unwrap());

    let mark = t.mark();
    let saved = update_person(
        &mut t.form,
        1,
        input(&opened),
        Some(&opened),
        Weekday::Mon,
        now(),
    )
    .unwrap();
    assert!(!saved.changed);
    assert_eq!(t.mark(), mark, "no commit, no undo step");

    let mut theirs = input(&opened);
    theirs.draft.role = "Director".into();
    update_person(&mut t.other, 1, theirs, None, Weekday::Mon, now()).unwrap();
    let mut mine = input(&opened);
    mine.draft.team = "Payments".into();
    let err = update_person(&mut t.form, 1, mine, Some(&opened), Weekday::Mon, now());
    stale(err.unwrap_err());
    let fresh = PersonRecord::from(&get_person(&t.form, 1).unwrap());
    assert_eq!(
        (fresh.person.role.as_str(), fresh.person.team.as_str()),
        ("Director", "")
    );

    let mut mine = input(&fresh);
    mine.draft.team = "Payments".into();
    let saved = update_person(&mut t.form, 1, mine, Some(&fresh), Weekday::Mon, now()).unwrap();
    assert!(saved.changed);
    assert_eq!(
        (saved.value.role.as_str(), saved.value.team.as_str()),
        ("Director", "Payments")
    );
}

fn with_staff(store: &mut Store) {
    let fields = RitualFields::new("Staff", Some("FREQ=WEEKLY;BYDAY=TU".into()), ten(24), 30);
    add_ritual(store, fields, now()).unwrap();
}

#[test]
fn a_ritual_edit_is_refused_over_a_newer_series() {
    let mut t = Two::new(with_staff);
    let opened = get_ritual(&t.form, 1).unwrap().fields;

    let mark = t.mark();
    let same = update_ritual(&mut t.form, 1, opened.clone(), None, Some(&opened), now());
    assert!(!same.unwrap().changed);
    assert_eq!(t.mark(), mark, "no commit, no undo step");

    let mut theirs = opened.clone();
    theirs.agenda = "incidents".into();
    update_ritual(&mut t.other, 1, theirs, None, None, now()).unwrap();
    let mut mine = opened.clone();
    mine.name = "Staff meeting".into();
    stale(update_ritual(&mut t.form, 1, mine, None, Some(&opened), now()).unwrap_err());
    let fresh = get_ritual(&t.form, 1).unwrap().fields;
    assert_eq!(
        (fresh.name.as_str(), fresh.agenda.as_str()),
        ("Staff", "incidents")
    );

    let mut mine = fresh.clone();
    mine.name = "Staff meeting".into();
    let saved = update_ritual(&mut t.form, 1, mine, None, Some(&fresh), now()).unwrap();
    assert!(saved.changed);
    assert_eq!(saved.value.fields.agenda, "incidents");
}

/// A series' delete takes its meetings' records along: a note, a held mark or a move written
/// elsewhere after the question was asked refuses it, and nothing is deleted; asked again on
/// the series as it is, it goes through.
#[test]
fn a_series_delete_is_refused_over_a_meeting_written_elsewhere_since_it_was_asked() {
    use crate::ops::ritual_delete::{delete_ritual, series_shown};
    type Write = fn(&mut Store);
    let writes: [(&str, Write); 3] = [
        ("a note", |s| {
            let up = write_up("Hiring plan agreed", OccurrenceStatus::Scheduled);
            save_occurrence(s, 1, ten(24), &up, None).unwrap();
        }),
        ("a held mark", |s| {
            set_status(s, 1, ten(24), OccurrenceStatus::Held, None).unwrap();
        }),
        ("a move", |s| {
            move_occurrence(s, 1, ten(24), ten(25), None).unwrap();
        }),
    ];
    for (what, write) in writes {
        // The meeting of 1 Dec already has notes when the question is asked.
        let mut t = Two::new(|s| {
            with_staff(s);
            let up = write_up("Budget", OccurrenceStatus::Held);
            save_occurrence(s, 1, ten(24) + chrono::Duration::days(7), &up, None).unwrap();
        });
        let asked = series_shown(&t.form, 1).unwrap();
        assert_eq!(asked.written_up(), 1, "{what}");
        write(&mut t.other);
        let mark = t.mark();
        stale(delete_ritual(&mut t.form, 1, Some(&asked)).unwrap_err());
        assert_eq!(t.mark(), mark, "{what}: no commit, no undo step");
        let kept = series_shown(&t.form, 1).unwrap();
        assert_eq!(kept.meetings.len(), 2, "{what}: both meetings stay");

        delete_ritual(&mut t.form, 1, Some(&kept)).unwrap();
        assert!(get_ritual(&t.form, 1).is_err(), "{what}");
    }
}

#[test]
fn meeting_notes_a_move_and_the_held_key_are_refused_over_a_newer_meeting() {
    let mut t = Two::new(with_staff);
    let original = ten(24);
    let opened = occurrence(&t.form, 1, original).unwrap();

    let mark = t.mark();
    let same = save_occurrence(
        &mut t.form,
        1,
        original,
        &write_up("", OccurrenceStatus::Scheduled),
        Some(&opened),
    );
    assert!(!same.unwrap().changed, "an untouched meeting gets no row");
    assert_eq!(t.mark(), mark, "no commit, no undo step");

    // The CLI marks it held; the notes form opened before must not put it back to scheduled.
    set_status(&mut t.other, 1, original, OccurrenceStatus::Held, None).unwrap();
    let err = save_occurrence(
        &mut t.form,
        1,
        original,
        &write_up("went well", OccurrenceStatus::Scheduled),
        Some(&opened),
    );
    stale(err.unwrap_err());
    let fresh = occurrence(&t.form, 1, original).unwrap();
    assert_eq!(
        (fresh.status, fresh.notes.as_str()),
        (OccurrenceStatus::Held, "")
    );
    let saved = save_occurrence(
        &mut t.form,
        1,
        original,
        &write_up("went well", fresh.status),
        Some(&fresh),
    )
    .unwrap();
    assert!(saved.changed);

    // The move form and the held/skip keys carry the meeting as the agenda showed it.
    let shown = Slot::of(&occurrence(&t.form, 1, original).unwrap());
    move_occurrence(&mut t.other, 1, original, ten(25), None).unwrap();
    stale(move_occurrence(&mut t.form, 1, original, ten(26), Some(&shown)).unwrap_err());
    stale(
        set_status(
            &mut t.form,
            1,
            original,
            OccurrenceStatus::Scheduled,
            Some(&shown),
        )
        .unwrap_err(),
    );
    let now_shown = Slot::of(&occurrence(&t.form, 1, original).unwrap());
    assert_eq!(
        (now_shown.start, now_shown.status),
        (ten(25), OccurrenceStatus::Held)
    );
    let moved = move_occurrence(&mut t.form, 1, original, ten(26), Some(&now_shown)).unwrap();
    assert!(moved.changed);
    assert_eq!(occurrence(&t.form, 1, original).unwrap().notes, "went well");
}

#[test]
fn a_note_edit_is_refused_over_a_newer_note_and_never_quotes_it() {
    let mut t = Two::new(with_ada);
    add_note(&mut t.form, 1, day(20), "salary band question", now()).unwrap();
    let opened = notes::get(t.form.conn(), 1).unwrap().unwrap();

    let mark = t.mark();
    let same = update_note(
        &mut t.form,
        1,
        day(20),
        "salary band question",
        Some(&opened),
        now(),
    );
    assert!(!same.unwrap().changed);
    assert_eq!(t.mark(), mark, "no commit, no undo step");

    update_note(
        &mut t.other,
        1,
        day(20),
        "salary band: raised with HR",
        None,
        now(),
    )
    .unwrap();
    let err = update_note(
        &mut t.form,
        1,
        day(21),
        "salary band question",
        Some(&opened),
        now(),
    )
    .unwrap_err();
    assert!(!err.to_string().contains("salary"), "{err}");
    stale(err);
    let fresh = notes::get(t.form.conn(), 1).unwrap().unwrap();
    assert_eq!(fresh.body, "salary band: raised with HR");
    let saved = update_note(&mut t.form, 1, day(21), &fresh.body, Some(&fresh), now()).unwrap();
    assert!(saved.changed);
}

#[test]
fn recording_leaves_topics_marked_or_deleted_elsewhere_as_they_are() {
    let mut t = Two::new(with_ada);
    for text in ["budget", "hiring", "offsite"] {
        add_topic(&mut t.form, 1, text, now()).unwrap();
    }
    // The record form lists the queue; meanwhile another window ticks "hiring", deletes
    // "offsite" and queues a new topic, which does not take the freed id 3 (store::ids).
    let listed = topics::queued(t.form.conn(), 1).unwrap();
    crate::ops::one_on_ones::set_topic_discussed(&mut t.other, 2, true, now()).unwrap();
    delete_topic(&mut t.other, 3).unwrap();
    let newcomer = add_topic(&mut t.other, 1, "new hire", now()).unwrap();
    assert_eq!(
        newcomer.id, 4,
        "a deleted topic's number is not given again"
    );
    let input = Record {
        date: day(24),
        note: "good chat".into(),
        discussed: listed.clone(),
        actions: Vec::new(),
        meeting: None,
        done_actions: Vec::new(),
    };
    let done = record(&mut t.form, 1, input, now()).unwrap();
    assert_eq!((done.discussed, done.gone), (1, 2));
    let conn = t.form.conn();
    let linked = |id| {
        conn.query_row("SELECT note_id FROM topic WHERE id = ?1", [id], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .unwrap()
    };
    assert_eq!(linked(1), Some(done.note_id));
    assert_eq!(linked(2), None, "the other window's mark stays as it was");
    assert!(
        topics::get(conn, 3).unwrap().is_none(),
        "the deleted topic does not come back"
    );
    let new_hire = topics::get(conn, 4).unwrap().unwrap();
    assert_eq!(new_hire.discussed_at, None, "the new topic stays queued");

    // A topic of someone else's is refused, and nothing is saved.
    let grace = PersonInput {
        draft: PersonDraft {
            name: "Grace".into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    };
    add_person(&mut t.form, grace, Weekday::Mon, now()).unwrap();
    let theirs = add_topic(&mut t.form, 2, "grace's topic", now()).unwrap();
    let input = Record {
        date: day(24),
        note: "wrong person".into(),
        discussed: vec![theirs],
        actions: Vec::new(),
        meeting: None,
        done_actions: Vec::new(),
    };
    let err = record(&mut t.form, 1, input, now()).unwrap_err();
    assert!(matches!(err, OpsError::Invalid(_)), "{err:?}");
    assert!(notes::get(t.form.conn(), 2).unwrap().is_none());
}
