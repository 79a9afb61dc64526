use super::*;
use crate::domain::one_on_one::Owner;
use crate::domain::person::PersonDraft;
use crate::domain::ritual::RitualFields;
use crate::ops::one_on_ones::{add_action, add_note, prep};
use crate::ops::people::{OneOnOnePlan, PersonInput, add_person, list_people};
use crate::ops::report::{Outcome, week_report};
use crate::ops::rituals::{add_ritual, move_occurrence, set_status};
use chrono::Weekday;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn at(d: u32, h: u32) -> NaiveDateTime {
    day(d).and_hms_opt(h, 0, 0).unwrap()
}

/// Sunday 29 November 2026, evening: the week's meetings are all over.
fn sunday() -> NaiveDateTime {
    at(29, 18)
}

/// Marcus has a weekly 1:1 on Mondays at 10:00 since 2 November; his last note is of the 16th.
fn marcus() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let input = PersonInput {
        draft: PersonDraft {
            name: "Marcus Oyelaran".into(),
            ..PersonDraft::default()
        },
        one_on_one: Some(OneOnOnePlan {
            rrule: "FREQ=WEEKLY;BYDAY=MO".into(),
            start: at(2, 10),
            duration_min: 30,
        }),
    };
    add_person(&mut store, input, Weekday::Mon, at(1, 9)).unwrap();
    add_note(&mut store, 1, day(16), "Earlier 1:1", at(16, 11)).unwrap();
    store
}

fn input(date: NaiveDate, meeting: Option<OneOnOneMeeting>) -> Record {
    Record {
        date,
        meeting,
        note: "Talked about the cut-over".into(),
        discussed: Vec::new(),
        done_actions: Vec::new(),
        actions: Vec::new(),
    }
}

#[test]
fn the_latest_meeting_not_written_up_is_the_one_r_records() {
    let store = marcus();
    let latest = latest_unrecorded(&store, 1, sunday()).unwrap().unwrap();
    assert_eq!(
        (latest.original, latest.start),
        (at(23, 10), at(23, 10)),
        "Monday 23rd: the 16th has its note, the 30th is still to come"
    );
    // On the Monday morning itself, that day's 1:1 counts ("on or before today").
    let monday = latest_unrecorded(&store, 1, at(30, 8)).unwrap().unwrap();
    assert_eq!(monday.start, at(30, 10));
}

#[test]
fn skipped_meetings_are_not_offered_and_moved_ones_are_offered_where_they_went() {
    let mut store = marcus();
    set_status(&mut store, 1, at(23, 10), OccurrenceStatus::Skipped, None).unwrap();
    let latest = latest_unrecorded(&store, 1, sunday()).unwrap();
    assert_eq!(latest, None, "the 16th is written up, the 23rd skipped");
    set_status(&mut store, 1, at(23, 10), OccurrenceStatus::Scheduled, None).unwrap();
    move_occurrence(&mut store, 1, at(23, 10), at(25, 15), None).unwrap();
    let latest = latest_unrecorded(&store, 1, sunday()).unwrap().unwrap();
    assert_eq!((latest.original, latest.start), (at(23, 10), at(25, 15)));
    assert_eq!(meeting_on(&store, 1, day(25)).unwrap(), Some(latest));
    assert_eq!(
        meeting_on(&store, 1, day(23)).unwrap(),
        None,
        "it moved away"
    );
}

#[test]
fn recording_a_past_meeting_dates_it_that_day_marks_it_held_and_everything_agrees() {
    let mut store = marcus();
    let meeting = latest_unrecorded(&store, 1, sunday()).unwrap();
    let done = record(&mut store, 1, input(day(23), meeting), sunday()).unwrap();
    assert_eq!(done.meeting, meeting);
    let held = occurrences::get(store.conn(), 1, at(23, 10))
        .unwrap()
        .unwrap();
    assert_eq!(held.status, OccurrenceStatus::Held);
    let note = notes::get(store.conn(), done.note_id).unwrap().unwrap();
    assert_eq!(note.date, day(23));
    // The people list and the week's report say the same as the agenda.
    let people = list_people(&store, sunday()).unwrap();
    assert_eq!(people[0].stats.last.map(|t| t.date()), Some(day(23)));
    assert_eq!(people[0].stats.days_since, Some(6));
    let report = week_report(&store, day(23), Weekday::Mon, sunday()).unwrap();
    let outcomes: Vec<Outcome> = report.one_on_ones.iter().map(|m| m.outcome).collect();
    assert_eq!(outcomes, [Outcome::Held]);
    // Written up: nothing left to record until the next one.
    assert_eq!(latest_unrecorded(&store, 1, sunday()).unwrap(), None);
}

#[test]
fn a_moved_meeting_is_recorded_on_the_day_it_took_place() {
    let mut store = marcus();
    move_occurrence(&mut store, 1, at(23, 10), at(24, 16), None).unwrap();
    // Without a meeting given, the date finds it where it went.
    let done = record(&mut store, 1, input(day(24), None), sunday()).unwrap();
    assert_eq!(done.meeting.map(|m| m.original), Some(at(23, 10)));
    let record = occurrences::get(store.conn(), 1, at(23, 10))
        .unwrap()
        .unwrap();
    assert_eq!(
        (record.status, record.moved_to),
        (OccurrenceStatus::Held, Some(at(24, 16)))
    );
}

#[test]
fn a_meeting_of_someone_else_or_gone_from_the_calendar_is_refused_and_nothing_saved() {
    let mut store = marcus();
    let fields = RitualFields::new(
        "Staff meeting",
        Some("FREQ=WEEKLY;BYDAY=MO".into()),
        at(2, 9),
        60,
    );
    let staff = add_ritual(&mut store, fields, at(1, 9)).unwrap();
    let not_his = OneOnOneMeeting {
        ritual: staff.id,
        original: at(23, 9),
        start: at(23, 9),
    };
    let err = record(&mut store, 1, input(day(23), Some(not_his)), sunday()).unwrap_err();
    assert!(
        err.to_string().contains("not one of this person's 1:1s"),
        "{err}"
    );
    let skipped = OneOnOneMeeting {
        ritual: 1,
        original: at(23, 10),
        start: at(23, 10),
    };
    set_status(&mut store, 1, at(23, 10), OccurrenceStatus::Skipped, None).unwrap();
    let err = record(&mut store, 1, input(day(23), Some(skipped)), sunday()).unwrap_err();
    assert!(
        err.to_string().contains("no longer on the calendar"),
        "{err}"
    );
    assert_eq!(notes::for_person(store.conn(), 1, None).unwrap().len(), 1);
}

#[test]
fn ticked_open_actions_are_done_and_ones_changed_elsewhere_are_left_alone() {
    let mut store = marcus();
    let mine = add_action(
        &mut store,
        Some(1),
        Owner::Me,
        "Send the plan",
        None,
        at(20, 9),
    )
    .unwrap();
    let theirs = add_action(
        &mut store,
        Some(1),
        Owner::Them,
        "Draft the memo",
        None,
        at(20, 9),
    )
    .unwrap();
    let listed = prep(&store, 1, sunday()).unwrap();
    let ticked: Vec<ActionItem> = listed.mine.iter().chain(&listed.theirs).cloned().collect();
    assert_eq!(ticked.len(), 2);
    // Another window closes "Draft the memo" while the form is open.
    crate::ops::actions::set_action_done(&mut store, theirs, true, None, at(29, 12)).unwrap();
    let mut with_ticks = input(day(23), listed.unrecorded);
    with_ticks.done_actions = ticked;
    let done = record(&mut store, 1, with_ticks, sunday()).unwrap();
    assert_eq!((done.actions_done, done.gone), (1, 1));
    let after = actions::get(store.conn(), mine).unwrap().unwrap();
    assert_eq!(after.done_at, Some(sunday()));
    let other = actions::get(store.conn(), theirs).unwrap().unwrap();
    assert_eq!(
        other.done_at,
        Some(at(29, 12)),
        "the other window's close stays"
    );
}

#[test]
fn a_one_on_one_recorded_before_its_hour_is_the_last_one_and_no_longer_the_next() {
    // Monday the 30th at 08:00: the 10:00 1:1 took place early, and is written up.
    let mut store = marcus();
    let early = at(30, 8);
    let meeting = latest_unrecorded(&store, 1, early).unwrap();
    assert_eq!(meeting.map(|m| m.start), Some(at(30, 10)));
    record(&mut store, 1, input(day(30), meeting), early).unwrap();
    let next_week = NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let people = list_people(&store, early).unwrap();
    assert_eq!(people[0].stats.last.map(|t| t.date()), Some(day(30)));
    assert_eq!(people[0].stats.days_since, Some(0), "last 1:1 today");
    assert_eq!(
        people[0].stats.next,
        Some(next_week),
        "not the one just held"
    );
    // The status bar's next meeting passes over it too.
    let next = crate::ops::agenda::next_meeting(&store, early, false)
        .unwrap()
        .map(|i| i.starts_at());
    assert_eq!(next, Some(next_week));
}

/// Another writer rewords a ticked talking point and a ticked action while the write-up is
/// open: they are still the ones ticked, and the record marks them. One deleted and another
/// added meanwhile (which once took its number) stays unticked.
#[test]
fn ticked_items_reworded_elsewhere_are_still_ticked_and_a_newcomer_is_not() {
    use crate::ops::actions::{ActionChange, update_action};
    use crate::ops::one_on_ones::{add_topic, delete_topic};
    use crate::ops::topics::update_topic;
    let mut store = marcus();
    let action = add_action(&mut store, Some(1), Owner::Me, "Send plan", None, at(20, 9)).unwrap();
    let reworded = add_topic(&mut store, 1, "Budget", at(20, 9)).unwrap().id;
    let deleted = add_topic(&mut store, 1, "Hiring", at(20, 9)).unwrap().id;
    let listed = prep(&store, 1, sunday()).unwrap();
    let mut with_ticks = input(day(23), listed.unrecorded);
    with_ticks.done_actions = listed.mine.clone();
    with_ticks.discussed = listed.topics.clone();
    assert_eq!(
        (with_ticks.discussed.len(), with_ticks.done_actions.len()),
        (2, 1)
    );

    // Meanwhile, elsewhere.
    let mut change = ActionChange::from(&listed.mine[0]);
    change.body = "Send the plan to finance".into();
    change.due = Some(day(30));
    update_action(&mut store, action, change, None).unwrap();
    update_topic(&mut store, reworded, 1, "Budget for Q1", None).unwrap();
    delete_topic(&mut store, deleted).unwrap();
    let newcomer = add_topic(&mut store, 1, "Offsite", at(29, 12)).unwrap().id;
    assert_ne!(newcomer, deleted);

    let done = record(&mut store, 1, with_ticks, sunday()).unwrap();
    assert_eq!((done.discussed, done.actions_done, done.gone), (1, 1, 1));
    let a = actions::get(store.conn(), action).unwrap().unwrap();
    assert_eq!(
        (a.done_at, a.body.as_str()),
        (Some(sunday()), "Send the plan to finance")
    );
    let t = topics::get(store.conn(), reworded).unwrap().unwrap();
    assert_eq!(
        (t.discussed_at, t.body.as_str()),
        (Some(sunday()), "Budget for Q1")
    );
    let n = topics::get(store.conn(), newcomer).unwrap().unwrap();
    assert_eq!(n.discussed_at, None, "the newcomer is still queued");
}
