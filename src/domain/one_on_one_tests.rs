use super::*;
use crate::domain::Word;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn topic(id: i64) -> Topic {
    Topic {
        id,
        person_id: 1,
        body: format!("topic {id}"),
        created_at: d(2026, 11, 1).and_hms_opt(9, 0, 0).unwrap(),
        discussed_at: None,
    }
}

fn action(id: i64, due: Option<NaiveDate>, done: bool) -> ActionItem {
    ActionItem {
        id,
        person_id: Some(1),
        owner: Owner::Me,
        body: format!("action {id}"),
        due,
        done_at: done.then(|| d(2026, 11, 20).and_hms_opt(9, 0, 0).unwrap()),
    }
}

#[test]
fn undiscussed_topics_carry_forward_in_their_order() {
    let (discussed, carried) =
        carry_forward(vec![topic(1), topic(2), topic(3), topic(4)], &[2, 4, 99]);
    assert_eq!(
        discussed.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![2, 4]
    );
    assert_eq!(carried.iter().map(|t| t.id).collect::<Vec<_>>(), vec![1, 3]);
}

#[test]
fn overdue_is_open_and_due_before_today() {
    let today = d(2026, 11, 23);
    assert!(action(1, Some(d(2026, 11, 22)), false).is_overdue(today));
    assert!(
        !action(2, Some(today), false).is_overdue(today),
        "due today is not late yet"
    );
    assert!(
        !action(3, Some(d(2026, 11, 1)), true).is_overdue(today),
        "done is never overdue"
    );
    assert!(!action(4, None, false).is_overdue(today));
}

#[test]
fn prep_order_puts_overdue_first_then_by_date_then_undated() {
    let today = d(2026, 11, 23);
    let mut list = vec![
        action(1, None, false),
        action(2, Some(d(2026, 11, 30)), false),
        action(3, Some(d(2026, 11, 20)), false),
        action(4, Some(d(2026, 11, 10)), false),
        action(5, Some(d(2026, 11, 24)), false),
    ];
    prep_order(&mut list, today);
    assert_eq!(
        list.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![4, 3, 5, 2, 1]
    );
}

#[test]
fn cadence_warns_past_the_cadence_and_alarms_past_twice() {
    assert_eq!(cadence_state(7, 7), CadenceState::Ok);
    assert_eq!(cadence_state(8, 7), CadenceState::Warning);
    assert_eq!(cadence_state(14, 7), CadenceState::Warning);
    assert_eq!(cadence_state(15, 7), CadenceState::Alarm);
    assert_eq!(cadence_state(29, 14), CadenceState::Alarm);
    assert_eq!(
        cadence_state(3, 0),
        CadenceState::Alarm,
        "a zero gap is treated as one day"
    );
}

#[test]
fn action_lines_take_an_owner_prefix_and_a_due_suffix() {
    let today = d(2026, 11, 23);
    let a = parse_action_line("them: Send the plan due fri", today).unwrap();
    assert_eq!(
        (a.owner, a.body.as_str(), a.due),
        (Owner::Them, "Send the plan", Some(d(2026, 11, 27)))
    );
    let b = parse_action_line("  Book the room  ", today).unwrap();
    assert_eq!((b.owner, b.due), (Owner::Me, None));
    let c = parse_action_line("ME: Call Ada due +2w", today).unwrap();
    assert_eq!((c.owner, c.due), (Owner::Me, Some(d(2026, 12, 7))));
    let err = parse_action_line("Fix it due someday", today).unwrap_err();
    assert_eq!(err.field, Some("actions"));
    assert!(err.message.contains("Fix it"), "{}", err.message);
    let empty = parse_action_line("them:   ", today).unwrap_err();
    assert_eq!(
        empty.message, "an action is empty: write what needs doing, or leave it out",
        "it said \"the actions is empty\""
    );
}

#[test]
fn text_is_required_and_bounded() {
    assert_eq!(check_text("note", "  hi \n").unwrap(), "hi");
    assert_eq!(
        check_text("note", " \n ").unwrap_err().message,
        "the note is empty"
    );
    assert!(check_text("note", &"x".repeat(crate::domain::text::BODY_MAX + 1)).is_err());
}

#[test]
fn every_relation_has_prompts() {
    for r in Relation::ALL {
        assert!(default_prompts(*r).len() >= 3);
    }
}
