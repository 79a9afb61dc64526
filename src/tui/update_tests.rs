use super::*;
use crate::domain::person::{Person, Relation};
use crate::ops::people::PersonOverview;
use crate::tui::keymap::Keymap;
use chrono::{NaiveDate, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

fn model() -> Model {
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    let mut m = Model::new(Keymap::load(&BTreeMap::new()).unwrap(), now, Weekday::Mon);
    m.people
        .set_rows(vec![person(1, "Ada"), person(2, "Grace")]);
    m
}

fn person(id: i64, name: &str) -> PersonOverview {
    PersonOverview {
        person: Person {
            id,
            name: name.into(),
            role: "EM".into(),
            team: String::new(),
            relation: Relation::Report,
            career_goals: String::new(),
            context: String::new(),
        },
        one_on_one: None,
        cadence: None,
        cadence_rrule: None,
        at: None,
    }
}

/// Feeds keys written as a string ("4aAda\n"), returning the effects of the last key.
fn keys(m: &mut Model, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        effects = update(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    effects
}

#[test]
fn number_keys_and_tab_switch_panes() {
    let mut m = model();
    assert_eq!(m.tab, Tab::Agenda);
    keys(&mut m, "4");
    assert_eq!(m.tab, Tab::People);
    keys(&mut m, "\t");
    assert_eq!(m.tab, Tab::Risks);
    keys(&mut m, "\t");
    assert_eq!(m.tab, Tab::Agenda, "tab wraps around");
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
    );
    assert_eq!(m.tab, Tab::Risks);
}

#[test]
fn q_quits_and_question_mark_toggles_help() {
    let mut m = model();
    keys(&mut m, "?");
    assert!(matches!(m.overlay, Some(Overlay::Help(0))));
    keys(&mut m, "j");
    assert!(
        matches!(m.overlay, Some(Overlay::Help(1))),
        "j scrolls the help"
    );
    keys(&mut m, "?");
    assert!(m.overlay.is_none());
    assert!(!m.quit, "closing help does not quit");
    keys(&mut m, "q");
    assert!(m.quit);
}

#[test]
fn adding_a_person_through_the_form_emits_one_add_effect() {
    let mut m = model();
    keys(&mut m, "4a");
    assert!(matches!(
        m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::AddPerson,
            ..
        })
    ));
    let effects = keys(&mut m, "Linus\tKernel lead\n");
    let [Effect::AddPerson(input)] = effects.as_slice() else {
        panic!("expected one AddPerson, got {effects:?}");
    };
    assert_eq!(input.draft.name, "Linus");
    assert_eq!(input.draft.role, "Kernel lead");
    assert_eq!(
        input.one_on_one, None,
        "the default cadence is no regular 1:1"
    );
    // The form stays until the store answers.
    assert!(m.overlay.is_some());
    let effects = update(
        &mut m,
        Msg::Saved {
            message: "Added Linus.".into(),
            select: Some(9),
        },
    );
    assert!(effects.contains(&Effect::LoadPeople), "{effects:?}");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadAgenda { .. })),
        "the agenda shows 1:1s too"
    );
    assert!(m.overlay.is_none());
    assert_eq!(m.people.select_id, Some(9));
}

#[test]
fn an_empty_name_is_refused_inline_and_nothing_is_saved() {
    let mut m = model();
    let effects = keys(&mut m, "4a\n");
    assert!(effects.is_empty());
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("form closed");
    };
    assert_eq!(form.error, Some((Some(0), "a name is required".into())));
}

#[test]
fn a_refusal_from_the_store_lands_on_its_field() {
    let mut m = model();
    keys(&mut m, "4aAda\n");
    update(
        &mut m,
        Msg::Failed {
            message: "Ada is already in your people".into(),
            field: Some("name"),
        },
    );
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("form closed");
    };
    assert_eq!(form.error.as_ref().map(|e| e.0), Some(Some(0)));
}

#[test]
fn weekly_cadence_builds_a_rule_on_the_chosen_day() {
    let mut m = model();
    keys(&mut m, "4aAda\t\t\t\t");
    // Now on the cadence choice: one step right is "weekly".
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)),
    );
    let effects = keys(&mut m, "\n");
    let [Effect::AddPerson(input)] = effects.as_slice() else {
        panic!("expected AddPerson, got {effects:?}");
    };
    let plan = input.one_on_one.as_ref().expect("a 1:1 plan");
    assert_eq!(plan.rrule, "FREQ=WEEKLY;BYDAY=TU");
    assert_eq!(plan.start.to_string(), "2026-11-24 10:00:00");
    assert_eq!(plan.duration_min, 30);
}

#[test]
fn editing_prefills_and_targets_the_selected_person() {
    let mut m = model();
    let effects = keys(&mut m, "4j\n\n");
    let [Effect::UpdatePerson(id, input)] = effects.as_slice() else {
        panic!("expected UpdatePerson, got {effects:?}");
    };
    assert_eq!(*id, 2);
    assert_eq!(input.draft.name, "Grace");
}

#[test]
fn delete_asks_first_and_only_yes_deletes() {
    let mut m = model();
    let effects = keys(&mut m, "4d");
    assert!(effects.is_empty());
    assert!(matches!(m.overlay, Some(Overlay::Confirm { .. })));
    assert!(keys(&mut m, "n").is_empty());
    assert!(m.overlay.is_none());
    assert_eq!(keys(&mut m, "dy"), vec![Effect::DeletePerson(1)]);
}

#[test]
fn list_movement_is_clamped() {
    let mut m = model();
    keys(&mut m, "4kkk");
    assert_eq!(m.people.selected, 0);
    keys(&mut m, "jjjj");
    assert_eq!(m.people.selected, 1);
    keys(&mut m, "g");
    assert_eq!(m.people.selected, 0);
    keys(&mut m, "G");
    assert_eq!(m.people.selected, 1);
}

#[test]
fn read_only_refuses_changes_with_a_message() {
    let mut m = model();
    m.read_only = true;
    keys(&mut m, "4a");
    assert!(m.overlay.is_none());
    assert_eq!(
        m.status.as_ref().map(|s| s.kind),
        Some(crate::tui::model::StatusKind::Error)
    );
}

#[test]
fn reload_keeps_the_cursor_on_the_same_person() {
    let mut m = model();
    keys(&mut m, "4j");
    update(
        &mut m,
        Msg::PeopleLoaded(vec![
            person(0, "Aaron"),
            person(1, "Ada"),
            person(2, "Grace"),
        ]),
    );
    assert_eq!(m.people.current().map(|p| p.person.id), Some(2));
}
