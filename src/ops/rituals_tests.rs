use chrono::{NaiveDate, NaiveDateTime};

use super::{
    WriteUp, add_ritual, move_occurrence, refused_rules, save_occurrence, set_status, update_ritual,
};
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, RitualFields};
use crate::ops::OpsError;
use crate::ops::agenda::week;
use crate::ops::json::json_export;
use crate::store::{Store, occurrences, rituals};

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .unwrap()
}

fn fields(rule: &str) -> RitualFields {
    RitualFields::new("Pings", Some(rule.into()), at(2, 9), 15)
}

#[test]
fn a_stored_rule_that_meets_too_often_is_named_left_off_and_can_be_fixed() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add_ritual(&mut store, fields("FREQ=WEEKLY"), at(1, 8))
        .unwrap()
        .id;
    // As an older version could have saved it: the store does not check rules.
    let dense = fields("FREQ=DAILY;BYHOUR=9,10,11,12,13,14");
    store
        .write(|tx| rituals::update(tx, id, &dense, at(1, 8)))
        .unwrap();
    let refused = refused_rules(&store).unwrap();
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0].1.starts_with("it meets 6 times a day"),
        "{refused:?}"
    );
    assert!(week(&store, at(23, 0).date(), 7).unwrap().items.is_empty());

    // Editing it "from this meeting on" cannot split a rule it cannot read: it replaces it.
    let fixed = update_ritual(
        &mut store,
        id,
        fields("FREQ=DAILY;BYHOUR=9,14"),
        Some(at(23, 0)),
        None,
        at(20, 8),
    )
    .unwrap();
    assert_eq!(fixed.value.id, id);
    assert!(refused_rules(&store).unwrap().is_empty());
    assert_eq!(week(&store, at(23, 0).date(), 7).unwrap().items.len(), 14);

    // A rule that cannot be read at all (an import took it) is left off and named too.
    let garbage = fields("garbage");
    store
        .write(|tx| rituals::update(tx, id, &garbage, at(1, 8)))
        .unwrap();
    let refused = refused_rules(&store).unwrap();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0]
            .1
            .starts_with("invalid recurrence rule \"garbage"),
        "{refused:?}"
    );
    assert!(week(&store, at(23, 0).date(), 7).unwrap().items.is_empty());
}

#[test]
fn two_rhythms_stored_by_an_older_version_or_an_import_are_both_said() {
    use crate::domain::person::PersonDraft;
    use crate::ops::people::{PersonInput, add_person, list_people};
    let mut store = Store::open_in_memory().unwrap();
    let input = PersonInput {
        draft: PersonDraft {
            name: "Priya".into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    };
    add_person(&mut store, input, chrono::Weekday::Mon, at(1, 8)).unwrap();
    let mut weekly = fields("FREQ=WEEKLY;BYDAY=TU");
    weekly.person_id = Some(1);
    add_ritual(&mut store, weekly, at(1, 8)).unwrap();
    // The second one is refused through ops; written as an import would write it:
    let mut second = fields("FREQ=WEEKLY;BYDAY=FR");
    second.person_id = Some(1);
    let err = add_ritual(&mut store, second.clone(), at(1, 8)).unwrap_err();
    assert!(
        err.to_string().contains("already has a 1:1 series"),
        "{err}"
    );
    store
        .write(|tx| rituals::insert(tx, &second, None, at(1, 8)))
        .unwrap();
    let people = list_people(&store, at(23, 8)).unwrap();
    let cadence = people[0].cadence.clone().unwrap();
    assert!(cadence.ends_with(" + 1 more series"), "{cadence}");
    // Editing either of them is not refused over the other (it is not a new rhythm).
    let mut renamed = second.clone();
    renamed.name = "Priya (Fridays)".into();
    assert!(update_ritual(&mut store, 2, renamed, None, None, at(23, 8)).is_ok());
}

fn on(month: u32, day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .unwrap()
}

/// The tester's series: weekly on Mondays at 10:00 from 16 Nov, held on the 16th, skipped on
/// 30 Nov, the 7 Dec meeting moved to Tuesday 8 Dec 15:00, notes for 14 Dec.
fn sync() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let mut f = fields("FREQ=WEEKLY;BYDAY=MO");
    f.name = "Sync".into();
    f.dtstart = on(11, 16, 10);
    f.duration_min = 30;
    let id = add_ritual(&mut store, f, on(11, 10, 8)).unwrap().id;
    set_status(&mut store, id, on(11, 16, 10), OccurrenceStatus::Held, None).unwrap();
    set_status(
        &mut store,
        id,
        on(11, 30, 10),
        OccurrenceStatus::Skipped,
        None,
    )
    .unwrap();
    move_occurrence(&mut store, id, on(12, 7, 10), on(12, 8, 15), None).unwrap();
    save_occurrence(
        &mut store,
        id,
        on(12, 14, 10),
        &WriteUp {
            status: OccurrenceStatus::Scheduled,
            notes: "agenda: budget".into(),
            decisions: String::new(),
            agenda_done: String::new(),
        },
        None,
    )
    .unwrap();
    (store, id)
}

fn records(store: &Store, id: i64) -> Vec<OccurrenceRecord> {
    occurrences::for_ritual(store.conn(), id).unwrap()
}

fn at_eleven(store: &Store, id: i64) -> RitualFields {
    let mut f = super::get_ritual(store, id).unwrap().fields;
    f.dtstart = f.dtstart.date().and_hms_opt(11, 0, 0).unwrap();
    f
}

/// Saves "Sync" at 11:00 from the edit form (opened as it is now), changing from `from`.
fn eleven_from_the_form(
    store: &mut Store,
    id: i64,
    from: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<crate::ops::edit::Edited<crate::domain::ritual::Ritual>, OpsError> {
    let opened = super::get_ritual(store, id).unwrap().fields;
    let eleven = at_eleven(store, id);
    update_ritual(store, id, eleven, from, Some(&opened), now)
}

#[test]
fn a_new_time_carries_skips_moves_and_notes_to_the_same_days() {
    let (mut store, id) = sync();
    let saved = eleven_from_the_form(&mut store, id, Some(on(11, 23, 0)), on(11, 20, 9)).unwrap();
    let new_id = saved.value.id;
    assert_ne!(new_id, id, "split from 23 Nov");
    // The held meeting stays with the old series, at the time it was held.
    let old = records(&store, id);
    assert_eq!(old.len(), 1);
    assert_eq!(
        (old[0].original_start, old[0].status),
        (on(11, 16, 10), OccurrenceStatus::Held)
    );
    let new: Vec<_> = records(&store, new_id)
        .into_iter()
        .map(|r| (r.original_start, r.status, r.moved_to, r.notes))
        .collect();
    assert_eq!(
        new,
        [
            (
                on(11, 30, 11),
                OccurrenceStatus::Skipped,
                None,
                String::new()
            ),
            (
                on(12, 7, 11),
                OccurrenceStatus::Scheduled,
                Some(on(12, 8, 15)),
                String::new()
            ),
            (
                on(12, 14, 11),
                OccurrenceStatus::Scheduled,
                None,
                "agenda: budget".into()
            ),
        ]
    );
    // The agenda shows them so: 30 Nov skipped at 11:00, 7 Dec's meeting on 8 Dec at 15:00,
    // 14 Dec at 11:00.
    let shown: Vec<_> = week(&store, on(11, 30, 0).date(), 21)
        .unwrap()
        .items
        .into_iter()
        .map(|i| (i.date, i.start, i.status, i.moved))
        .collect();
    let time = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0);
    assert_eq!(
        shown,
        [
            (
                on(11, 30, 0).date(),
                time(11),
                Some(OccurrenceStatus::Skipped),
                false
            ),
            (
                on(12, 8, 0).date(),
                time(15),
                Some(OccurrenceStatus::Scheduled),
                true
            ),
            (
                on(12, 14, 0).date(),
                time(11),
                Some(OccurrenceStatus::Scheduled),
                false
            ),
        ]
    );
}

#[test]
fn a_change_that_would_strand_a_mark_is_refused_and_changes_nothing() {
    let (mut store, id) = sync();
    let before = json_export(&store).unwrap();
    let mut tuesdays = super::get_ritual(&store, id).unwrap().fields;
    tuesdays.rrule = Some("FREQ=WEEKLY;BYDAY=TU".into());
    let err = update_ritual(
        &mut store,
        id,
        tuesdays,
        Some(on(11, 23, 0)),
        None,
        on(11, 20, 9),
    )
    .unwrap_err();
    assert!(matches!(err, OpsError::Refused(_)), "{err}");
    assert_eq!(
        err.to_string(),
        "\"Sync\": the new schedule has no meeting on 3 days that are marked, moved or noted \
         (Mon 30 Nov 2026 (skipped), Mon 7 Dec 2026 (moved), Mon 14 Dec 2026 (notes)); saving \
         would drop them, so nothing was saved. Keep those days in the schedule, change it \
         from a later date, or clear them first."
    );
    assert!(!err.to_string().contains("budget"));
    assert_eq!(json_export(&store).unwrap(), before);
}

#[test]
fn a_series_that_has_not_met_changes_whole_and_keeps_its_marks() {
    let (mut store, id) = sync();
    // Changed as a whole before its first meeting: every record follows.
    let saved = eleven_from_the_form(&mut store, id, Some(on(11, 16, 0)), on(11, 10, 9)).unwrap();
    assert_eq!(saved.value.id, id, "changed in place");
    let starts: Vec<NaiveDateTime> = records(&store, id)
        .into_iter()
        .map(|r| r.original_start)
        .collect();
    assert_eq!(
        starts,
        [
            on(11, 16, 11),
            on(11, 30, 11),
            on(12, 7, 11),
            on(12, 14, 11)
        ]
    );
}

#[test]
fn a_whole_series_change_without_a_date_is_refused_once_it_has_met() {
    let (mut store, id) = sync();
    let before = json_export(&store).unwrap();
    let from_form = eleven_from_the_form(&mut store, id, None, on(11, 20, 9));
    assert!(
        matches!(from_form, Err(OpsError::Stale(_))),
        "{from_form:?}"
    );
    let eleven = at_eleven(&store, id);
    let scripted = update_ritual(&mut store, id, eleven, None, None, on(11, 20, 9));
    assert!(
        matches!(&scripted, Err(OpsError::Refused(m)) if m.contains("has already met")),
        "{scripted:?}"
    );
    assert_eq!(json_export(&store).unwrap(), before);
    // A new name alone is no schedule change.
    let opened = super::get_ritual(&store, id).unwrap().fields;
    let mut renamed = opened.clone();
    renamed.name = "Weekly sync".into();
    update_ritual(&mut store, id, renamed, None, Some(&opened), on(11, 20, 9)).unwrap();
}

/// A series added on a Tuesday for Thursdays has not met on the Wednesday, though its DTSTART
/// (the Tuesday) is past: a change without a date changes it whole, from the form and from a
/// script. It was refused as "already met" (from the form: as changed elsewhere).
#[test]
fn a_whole_series_change_without_a_date_is_taken_before_the_first_meeting() {
    let mut store = Store::open_in_memory().unwrap();
    let mut thursdays = fields("FREQ=WEEKLY;BYDAY=TH");
    thursdays.dtstart = on(12, 1, 10);
    let id = add_ritual(&mut store, thursdays, on(12, 1, 9)).unwrap().id;
    let wednesday = on(12, 2, 9);
    let saved = eleven_from_the_form(&mut store, id, None, wednesday).unwrap();
    assert_eq!((saved.value.id, saved.changed), (id, true));
    let mut longer = super::get_ritual(&store, id).unwrap().fields;
    longer.duration_min = 45;
    update_ritual(&mut store, id, longer, None, None, wednesday).unwrap();
    assert_eq!(
        meetings(&store, "Pings")[..2],
        [(on(12, 3, 11), 45), (on(12, 10, 11), 45)]
    );
    // Once it has met, it is refused as before.
    let mut shorter = super::get_ritual(&store, id).unwrap().fields;
    shorter.duration_min = 20;
    let err = update_ritual(&mut store, id, shorter, None, None, on(12, 3, 12)).unwrap_err();
    assert!(err.to_string().contains("has already met"), "{err}");
}

#[test]
fn a_one_off_meeting_moved_to_another_day_keeps_its_notes() {
    let mut store = Store::open_in_memory().unwrap();
    let mut f = fields("FREQ=WEEKLY");
    f.rrule = None;
    f.dtstart = on(12, 3, 13);
    let id = add_ritual(&mut store, f.clone(), on(11, 20, 9)).unwrap().id;
    save_occurrence(
        &mut store,
        id,
        on(12, 3, 13),
        &WriteUp {
            status: OccurrenceStatus::Scheduled,
            notes: "bring the numbers".into(),
            decisions: String::new(),
            agenda_done: String::new(),
        },
        None,
    )
    .unwrap();
    f.dtstart = on(12, 4, 9);
    update_ritual(&mut store, id, f, None, None, on(11, 20, 9)).unwrap();
    let kept = records(&store, id);
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].original_start, kept[0].notes.as_str()),
        (on(12, 4, 9), "bring the numbers")
    );
}

/// The meetings of every series named `name`, from 1 Nov 2026 for ten weeks: (start, minutes).
fn meetings(store: &Store, name: &str) -> Vec<(NaiveDateTime, i64)> {
    week(store, at(1, 0).date(), 70)
        .unwrap()
        .items
        .iter()
        .filter(|i| i.title == name)
        .filter_map(|i| {
            let (start, end) = (i.date.and_time(i.start?), i.date.and_time(i.end?));
            Some((start, (end - start).num_minutes()))
        })
        .collect()
}

#[test]
fn a_new_length_from_a_day_between_meetings_keeps_every_meeting_on_its_day() {
    // Found by the adversarial pass: the new series started on the day of the change, so a
    // fortnightly 1:1 went to the other weeks, a plain weekly one to the day of the change, and
    // a COUNT series met four more times.
    for rule in [
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        "FREQ=WEEKLY",
        "FREQ=MONTHLY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;BYDAY=TH;COUNT=4",
    ] {
        let mut store = Store::open_in_memory().unwrap();
        let start = at(5, 16); // a Thursday
        let id = add_ritual(
            &mut store,
            RitualFields::new("Sync", Some(rule.into()), start, 30),
            at(1, 8),
        )
        .unwrap()
        .id;
        let before = meetings(&store, "Sync");
        let mut longer = rituals::get(store.conn(), id).unwrap().unwrap().fields;
        longer.duration_min = 45;
        let from = at(24, 0); // a Tuesday
        let saved = update_ritual(&mut store, id, longer, Some(from), None, at(24, 9)).unwrap();
        assert_ne!(saved.value.id, id, "{rule}: split");
        let after = meetings(&store, "Sync");
        let days = |m: &[(NaiveDateTime, i64)]| m.iter().map(|(t, _)| *t).collect::<Vec<_>>();
        assert_eq!(days(&after), days(&before), "{rule}");
        assert!(
            after
                .iter()
                .all(|(t, d)| *d == if *t < from { 30 } else { 45 }),
            "{rule}: {after:?}"
        );
    }
}

#[test]
fn a_new_length_for_a_series_that_ended_before_the_change_is_refused_in_words() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add_ritual(
        &mut store,
        RitualFields::new(
            "Ops",
            Some("FREQ=WEEKLY;BYDAY=MO;COUNT=2".into()),
            at(2, 10),
            30,
        ),
        at(1, 8),
    )
    .unwrap()
    .id;
    let mut longer = rituals::get(store.conn(), id).unwrap().unwrap().fields;
    longer.duration_min = 45;
    let err = update_ritual(&mut store, id, longer, Some(at(24, 0)), None, at(24, 9)).unwrap_err();
    assert!(
        matches!(&err, OpsError::Refused(m) if m.contains("no meeting from Tue 2026-11-24 on")),
        "{err}"
    );
    assert_eq!(meetings(&store, "Ops").len(), 2);
}

/// A meeting held today stays as it was, and a new rule starts the day after it: the new series
/// started at the old series' next meeting, a week on, and left out the new rule's meetings
/// before it (review).
#[test]
fn a_new_rule_after_todays_meeting_was_held_starts_tomorrow() {
    let mut store = Store::open_in_memory().unwrap();
    let thursday = RitualFields::new("Sync", Some("FREQ=WEEKLY;BYDAY=TH".into()), at(5, 10), 30);
    let id = add_ritual(&mut store, thursday, at(1, 8)).unwrap().id;
    let now = at(26, 11); // Thursday 26 Nov, after the meeting
    set_status(&mut store, id, at(26, 10), OccurrenceStatus::Held, None).unwrap();
    let mut monday = rituals::get(store.conn(), id).unwrap().unwrap().fields;
    monday.rrule = Some("FREQ=WEEKLY;BYDAY=MO".into());
    update_ritual(&mut store, id, monday, Some(at(26, 0)), None, now).unwrap();
    let days: Vec<NaiveDateTime> = meetings(&store, "Sync").iter().map(|m| m.0).collect();
    assert!(days.contains(&at(26, 10)), "the held one stays: {days:?}");
    assert!(days.contains(&at(30, 10)), "Monday 30 Nov: {days:?}");
}

/// An ended series given a later hour keeps its last day's meeting: the UNTIL it was ended with
/// is at the old hour (review).
#[test]
fn a_later_hour_keeps_the_last_day_of_an_ended_series() {
    let mut store = Store::open_in_memory().unwrap();
    let weekly = RitualFields::new("Sync", Some("FREQ=WEEKLY;BYDAY=MO".into()), at(2, 10), 30);
    let id = add_ritual(&mut store, weekly, at(1, 8)).unwrap().id;
    let mut ended = rituals::get(store.conn(), id).unwrap().unwrap().fields;
    ended.rrule = Some("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261130T100000".into());
    store
        .write(|tx| rituals::update(tx, id, &ended, at(1, 8)))
        .unwrap();
    let mut later = ended.clone();
    later.dtstart = at(2, 11);
    update_ritual(&mut store, id, later, Some(at(17, 0)), None, at(17, 9)).unwrap();
    let last = meetings(&store, "Sync").last().map(|m| m.0);
    assert_eq!(last, Some(at(30, 11)));
}

/// A fortnightly Sunday series held today, given a new rule from today: the new rule counts its
/// fortnights from today, not from tomorrow's week (it met on the 13th, the wrong Sunday), and
/// its COUNT includes the meeting held (regression pass).
#[test]
fn a_new_rule_after_todays_meeting_keeps_the_fortnight() {
    let mut store = Store::open_in_memory().unwrap();
    let rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU";
    let sunday = RitualFields::new("Sync", Some(rule.into()), at(8, 10), 30);
    let id = add_ritual(&mut store, sunday, at(1, 8)).unwrap().id;
    let (today, now) = (on(12, 6, 10), on(12, 6, 18));
    set_status(&mut store, id, today, OccurrenceStatus::Held, None).unwrap();
    let mut counted = rituals::get(store.conn(), id).unwrap().unwrap().fields;
    counted.rrule = Some(format!("{rule};COUNT=3"));
    update_ritual(&mut store, id, counted, Some(on(12, 6, 0)), None, now).unwrap();
    let days: Vec<NaiveDateTime> = week(&store, on(12, 1, 0).date(), 60)
        .unwrap()
        .items
        .iter()
        .filter(|i| i.title == "Sync")
        .filter_map(|i| Some(i.date.and_time(i.start?)))
        .collect();
    assert_eq!(
        days,
        [
            today,
            on(12, 20, 10),
            NaiveDate::from_ymd_opt(2027, 1, 3)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap()
        ]
    );
}

/// A series a change replaced cannot take a new schedule of its own: it ran beside its
/// successor, every meeting twice (regression pass).
#[test]
fn a_replaced_series_refuses_a_new_schedule_and_names_its_successor() {
    let mut store = Store::open_in_memory().unwrap();
    let weekly = RitualFields::new("Sync", Some("FREQ=WEEKLY;BYDAY=MO".into()), at(2, 10), 30);
    let id = add_ritual(&mut store, weekly, at(1, 8)).unwrap().id;
    let mut longer = rituals::get(store.conn(), id).unwrap().unwrap().fields;
    longer.duration_min = 45;
    let next = update_ritual(&mut store, id, longer, Some(at(17, 0)), None, at(17, 9))
        .unwrap()
        .value
        .id;
    let mut again = rituals::get(store.conn(), id).unwrap().unwrap().fields;
    again.rrule = Some("FREQ=WEEKLY;BYDAY=TU".into());
    let err = update_ritual(&mut store, id, again, Some(at(17, 0)), None, at(17, 9)).unwrap_err();
    assert!(
        matches!(&err, OpsError::Refused(m) if m.contains(&format!("replaced by ritual {next}"))),
        "{err}"
    );
}
