use crate::domain::decision::DecisionStatus;
use crate::ops::decisions::list_decisions;
use crate::tui::model::{Overlay, Tab};
use crate::tui::testing::{demo, keys_settled, screen};

#[test]
fn a_decision_is_added_superseded_and_moved_on_from_tab_6() {
    let (mut m, mut runner) = demo();
    let before = list_decisions(&runner.store).unwrap().len();
    keys_settled(&mut m, &mut runner, "6");
    assert_eq!(m.tab, Tab::Decisions);
    keys_settled(&mut m, &mut runner, "aUse Postgres<C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    let all = list_decisions(&runner.store).unwrap();
    assert_eq!(all.len(), before + 1);
    let new = all
        .iter()
        .find(|d| d.fields.title == "Use Postgres")
        .unwrap();
    assert_eq!(new.fields.status, DecisionStatus::Accepted);
    assert_eq!(
        m.decisions.list.current().map(|d| d.decision.id),
        Some(new.id),
        "the cursor is on the new record"
    );

    // S: a new record superseding the selected one.
    keys_settled(&mut m, &mut runner, "SUse MySQL<C-s>");
    let old = crate::ops::decisions::get_decision(&runner.store, new.id).unwrap();
    assert_eq!(old.fields.status, DecisionStatus::Superseded);
    let replacement = old.fields.superseded_by.unwrap();

    // s on the superseded one offers nothing else; on the new one, deprecated.
    keys_settled(&mut m, &mut runner, "s");
    assert!(matches!(m.overlay, Some(Overlay::Form { .. })));
    keys_settled(&mut m, &mut runner, " <C-s>");
    let d = crate::ops::decisions::get_decision(&runner.store, replacement).unwrap();
    assert_eq!(
        d.fields.status,
        DecisionStatus::Deprecated,
        "{:?}",
        m.status
    );
}

#[test]
fn an_unknown_person_in_the_form_is_refused_on_its_field() {
    let (mut m, mut runner) = demo();
    let before = list_decisions(&runner.store).unwrap().len();
    keys_settled(&mut m, &mut runner, "6aTitle\t\t\t\t\t\tNobody<C-s>");
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("the form stays open: {:?}", m.status)
    };
    let text = format!("{form:?}");
    assert!(text.contains("no person matches"), "{text}");
    assert_eq!(list_decisions(&runner.store).unwrap().len(), before);
}

#[test]
fn the_status_filter_cycles_and_clears() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "6aOne<C-s>");
    keys_settled(&mut m, &mut runner, "f");
    assert_eq!(m.decisions.filter.status, Some(DecisionStatus::Proposed));
    assert!(
        m.decisions
            .list
            .rows
            .iter()
            .all(|d| d.decision.fields.status == DecisionStatus::Proposed)
    );
    keys_settled(&mut m, &mut runner, "x");
    assert_eq!(m.decisions.filter.status, None);
    let text = screen(&mut m, 80, 24);
    assert!(text.contains("One"), "{text}");
}

#[test]
fn the_log_filters_by_person_and_words_shown_in_its_title_and_esc_clears_them() {
    let (mut m, mut runner) = demo();
    let titles = |m: &crate::tui::model::Model| -> Vec<String> {
        m.decisions
            .list
            .rows
            .iter()
            .map(|d| d.decision.fields.title.clone())
            .collect()
    };
    keys_settled(&mut m, &mut runner, "6");
    let every = titles(&m).len();
    keys_settled(&mut m, &mut runner, "p");
    assert!(
        m.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Aisha Bello"))
    );
    assert_eq!(
        titles(&m).len(),
        3,
        "decided or consulted: {:?}",
        titles(&m)
    );
    keys_settled(&mut m, &mut runner, "trotation<C-s>");
    assert!(m.overlay.is_none());
    assert_eq!(
        titles(&m),
        [
            "Platform runs two on-call rotations",
            "One on-call rotation per team"
        ]
    );
    let text = screen(&mut m, 160, 48);
    assert!(
        text.contains("Decisions · \"rotation\" · Aisha Bello · x clears · 2"),
        "{text}"
    );
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.tab, Tab::Decisions, "Esc clears the filter first");
    assert_eq!(titles(&m).len(), every);
    assert!(!m.decisions.filter.is_set());
    keys_settled(&mut m, &mut runner, "tno such words<C-s>");
    let text = screen(&mut m, 80, 24);
    assert!(text.contains("No decisions match"), "{text}");
    keys_settled(&mut m, &mut runner, "x");
    assert_eq!(titles(&m).len(), every);
}

#[test]
fn deleting_a_linked_decision_says_its_links_go_with_it() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "6");
    let linked = list_decisions(&runner.store)
        .unwrap()
        .into_iter()
        .find(|d| {
            !crate::ops::links::links_of(
                &runner.store,
                crate::domain::link::ObjectRef::new(crate::domain::link::LinkKind::Decision, d.id),
            )
            .unwrap()
            .is_empty()
        })
        .expect("the demo links a decision");
    while m.decisions.list.current().map(|d| d.decision.id) != Some(linked.id) {
        keys_settled(&mut m, &mut runner, "j");
    }
    keys_settled(&mut m, &mut runner, "d");
    let Some(Overlay::Confirm { message, .. }) = &m.overlay else {
        panic!("no question: {:?}", m.status);
    };
    assert!(
        message.contains("goes with it") || message.contains("go with it"),
        "{message}"
    );
    assert!(message.contains("stand again"), "{message}");
}
