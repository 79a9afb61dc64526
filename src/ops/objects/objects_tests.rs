use super::resolve::{Candidate, resolve};
use super::*;
use crate::store::dependents::Reached;

fn people() -> Vec<Candidate> {
    vec![
        Candidate::new(1, "Priya Raman"),
        Candidate::new(2, "Priya Shah"),
        Candidate::new(3, "Marcus Oyelaran"),
    ]
}

#[test]
fn ids_names_and_unique_parts_resolve_ignoring_case() {
    assert_eq!(resolve("person", "3", &people()).unwrap(), 3);
    assert_eq!(resolve("person", " priya RAMAN ", &people()).unwrap(), 1);
    assert_eq!(resolve("person", "marc", &people()).unwrap(), 3);
}

#[test]
fn ambiguous_and_unknown_names_list_the_candidates() {
    let err = resolve("person", "priya", &people()).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(
        err.to_string()
            .contains("Priya Raman (id 1), Priya Shah (id 2)"),
        "{err}"
    );
    let err = resolve("person", "zed", &people()).unwrap_err();
    assert!(
        err.to_string()
            .contains("known people: Marcus Oyelaran, Priya Raman, Priya Shah")
    );
    let err = resolve("person", "9", &people()).unwrap_err();
    assert!(err.to_string().contains("no person with id 9"), "{err}");
    assert!(resolve("person", "  ", &people()).is_err());
}

#[test]
fn a_current_series_wins_over_the_ones_it_replaced() {
    let series = vec![
        Candidate {
            id: 4,
            name: "Staff meeting".into(),
            current: false,
        },
        Candidate::new(9, "Staff meeting"),
    ];
    assert_eq!(resolve("ritual", "staff meeting", &series).unwrap(), 9);
    let both_current = vec![Candidate::new(4, "Staff"), Candidate::new(9, "Staff")];
    assert!(resolve("ritual", "staff", &both_current).is_err());
}

#[test]
fn what_a_delete_reaches_is_said_in_words() {
    let reached = [
        Reached {
            table: "note",
            count: 12,
            deleted: true,
        },
        Reached {
            table: "action_item",
            count: 3,
            deleted: true,
        },
        Reached {
            table: "goal",
            count: 1,
            deleted: false,
        },
    ];
    assert_eq!(
        reach_words("person", &reached, false).unwrap(),
        "deletes 12 notes and 3 actions; unlinks 1 goal (they stay)"
    );
    assert_eq!(reach_words("topic", &[], true), None);
    // A person's reports and metrics are handed on, not left without one.
    let handed = [
        Reached {
            table: "person",
            count: 2,
            deleted: false,
        },
        Reached {
            table: "metric",
            count: 1,
            deleted: false,
        },
    ];
    assert_eq!(
        reach_words("person", &handed, false).unwrap(),
        "moves 2 reports up to their manager; makes 1 metric yours"
    );
    assert_eq!(
        reach_words("person", &handed, true).unwrap(),
        "moved 2 reports up to their manager; made 1 metric yours"
    );
}

#[test]
fn cards_render_as_text_and_markdown_without_empty_fields() {
    let card = Card::new("goal", 7, "Ship it")
        .field("status", "doing")
        .field("person", "")
        .field("criteria", "one\ntwo")
        .section("History", vec!["2026-11-20  40%".into()]);
    assert_eq!(
        card.text(),
        "goal 7  Ship it\n  status:   doing\n  criteria: one\n            two\n\nHistory\n  2026-11-20  40%\n"
    );
    let md = card.markdown();
    assert!(
        md.starts_with("# Ship it\n\n*goal 7*\n\n- **Status:** doing\n"),
        "{md}"
    );
    assert!(md.contains("\n## History\n\n- 2026-11-20  40%\n"), "{md}");
    assert!(!md.contains("Person"));
}

mod writes {
    use crate::domain::person::PersonDraft;
    use crate::domain::ritual::RitualFields;
    use crate::ops::people::{OneOnOnePlan, PersonInput, add_person, get_person, update_person};
    use crate::ops::{actions, rituals};
    use crate::store::Store;
    use chrono::{NaiveDate, NaiveDateTime, Weekday};

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn plan(rule: &str, start: NaiveDateTime) -> Option<OneOnOnePlan> {
        Some(OneOnOnePlan {
            rrule: rule.into(),
            start,
            duration_min: 30,
        })
    }

    #[test]
    fn a_new_cadence_for_a_series_that_has_not_met_yet_replaces_it() {
        // The first 1:1 is later today: the old series is removed, and the new one must not
        // point at it (it did: "FOREIGN KEY constraint failed").
        let mut store = Store::open_in_memory().unwrap();
        let input = |rule: &str| PersonInput {
            draft: PersonDraft {
                name: "Priya".into(),
                ..PersonDraft::default()
            },
            one_on_one: plan(rule, at(23, 10)),
        };
        let p = add_person(
            &mut store,
            input("FREQ=WEEKLY;BYDAY=MO"),
            Weekday::Mon,
            at(23, 9),
        )
        .unwrap();
        let saved = update_person(
            &mut store,
            p.id,
            input("FREQ=WEEKLY;BYDAY=TH"),
            None,
            Weekday::Mon,
            at(23, 9),
        )
        .unwrap();
        assert!(saved.changed);
        let series = get_person(&store, p.id).unwrap().one_on_one.unwrap();
        assert_eq!(series.fields.rrule.as_deref(), Some("FREQ=WEEKLY;BYDAY=TH"));
        assert_eq!(series.previous_id, None);
    }

    #[test]
    fn ending_a_series_keeps_its_past_and_refuses_one_offs() {
        let mut store = Store::open_in_memory().unwrap();
        let weekly = rituals::add_ritual(
            &mut store,
            RitualFields::new("Staff", Some("FREQ=WEEKLY;BYDAY=MO".into()), at(2, 10), 60),
            at(2, 9),
        )
        .unwrap();
        let ended =
            rituals::end_series(&mut store, weekly.id, at(20, 0).date(), at(23, 9)).unwrap();
        assert!(ended.changed);
        assert_eq!(
            rituals::last_meeting_by(&ended.value, at(30, 0).date()),
            Some(at(16, 10))
        );
        let again =
            rituals::end_series(&mut store, weekly.id, at(25, 0).date(), at(23, 9)).unwrap();
        assert!(!again.changed, "nothing after the 25th: nothing to end");
        let once = rituals::add_ritual(
            &mut store,
            RitualFields::new("Offsite", None, at(26, 10), 60),
            at(23, 9),
        )
        .unwrap();
        assert!(rituals::end_series(&mut store, once.id, at(27, 0).date(), at(23, 9)).is_err());
        let same = rituals::same_slot(
            &store,
            &RitualFields::new(
                "Staff again",
                Some("FREQ=WEEKLY;BYDAY=MO".into()),
                at(2, 10),
                60,
            ),
            None,
            at(9, 9),
        )
        .unwrap();
        assert_eq!(same.iter().map(|r| r.id).collect::<Vec<_>>(), [weekly.id]);
    }

    #[test]
    fn ticking_several_actions_is_all_or_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let add = |store: &mut Store, text: &str| {
            crate::ops::one_on_ones::add_action(
                store,
                None,
                crate::domain::one_on_one::Owner::Me,
                text,
                None,
                at(23, 9),
            )
            .unwrap()
        };
        let a = add(&mut store, "one");
        let b = add(&mut store, "two");
        assert!(actions::set_many_done(&mut store, &[a, b, 99], true, at(23, 9)).is_err());
        assert!(
            crate::store::actions::get(store.conn(), a)
                .unwrap()
                .unwrap()
                .done_at
                .is_none()
        );
        assert_eq!(
            actions::set_many_done(&mut store, &[a, b, a], true, at(23, 9)).unwrap(),
            [a, b]
        );
        assert_eq!(
            actions::set_many_done(&mut store, &[a], true, at(24, 9)).unwrap(),
            Vec::<i64>::new(),
            "already done: the day it was done stays"
        );
    }
}
