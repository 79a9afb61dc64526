//! Issue 22: a detail view with its links (the risk's, one of them selected), at 80×24 and
//! 160×48.

use crate::snapshots::{model, now, press, screen};
use bearing::domain::link::{LinkKind, ObjectRef};
use bearing::ops::links::link;

#[test]
fn risk_detail_with_links() {
    let mut m = model(true);
    press(&mut m, "5");
    let risk = m.risks.current().map(|r| r.id).unwrap();
    let risk = ObjectRef::new(LinkKind::Risk, risk);
    for other in [
        ObjectRef::new(LinkKind::Goal, 1),
        ObjectRef::new(LinkKind::Person, 1),
    ] {
        link(&mut m.runner.store, risk, other, now()).unwrap();
    }
    // Away and back: the cursor's risk loads its links.
    press(&mut m, "jk]");
    insta::assert_snapshot!("risk_links_80x24", screen(&m.model, 80, 24));
    insta::assert_snapshot!("risk_links_160x48", screen(&m.model, 160, 48));
}

/// Links `of` to goal 1 and risk 1, then `keys` (which open its detail and select a link).
fn linked_detail(of: ObjectRef, keys: &str) -> crate::snapshots::App {
    let mut m = model(true);
    for other in [
        ObjectRef::new(LinkKind::Goal, 1),
        ObjectRef::new(LinkKind::Risk, 1),
    ] {
        // The demo links some already; the section shows them all.
        let _ = link(&mut m.runner.store, of, other, now());
    }
    // As after another writer's change: every pane reads again.
    let loads = bearing::tui::update::reload_all(&m.model);
    bearing::tui::run::settle(&mut m.model, &mut m.runner, loads);
    press(&mut m, keys);
    m
}

#[test]
fn ritual_detail_with_links() {
    let m = linked_detail(ObjectRef::new(LinkKind::Ritual, 8), "3]");
    insta::assert_snapshot!("ritual_links_80x24", screen(&m.model, 80, 24));
    insta::assert_snapshot!("ritual_links_160x48", screen(&m.model, 160, 48));
}

#[test]
fn decision_detail_with_links() {
    let mut m = model(true);
    press(&mut m, "6");
    let id = m.decisions.list.current().map(|d| d.decision.id).unwrap();
    let m = linked_detail(ObjectRef::new(LinkKind::Decision, id), "6]");
    insta::assert_snapshot!("decision_links_80x24", screen(&m.model, 80, 24));
    insta::assert_snapshot!("decision_links_160x48", screen(&m.model, 160, 48));
}

#[test]
fn person_page_with_links() {
    let mut m = model(true);
    press(&mut m, "4");
    let id = m.people.list.current().map(|p| p.person.id).unwrap();
    let m = linked_detail(ObjectRef::new(LinkKind::Person, id), "4\n]");
    insta::assert_snapshot!("person_links_80x24", screen(&m.model, 80, 24));
    insta::assert_snapshot!("person_links_160x48", screen(&m.model, 160, 48));
}

#[test]
fn metric_detail_with_links() {
    let m = linked_detail(ObjectRef::new(LinkKind::Metric, 1), "7\n]");
    insta::assert_snapshot!("metric_links_80x24", screen(&m.model, 80, 24));
    insta::assert_snapshot!("metric_links_160x48", screen(&m.model, 160, 48));
}

/// The goal form's Links field focused: the links held (one marked), then a match being typed.
#[test]
fn goal_form_links_field() {
    let mut m = linked_detail(ObjectRef::new(LinkKind::Goal, 6), "2");
    assert_eq!(m.plan.selected().map(|g| g.goal.id), Some(6));
    press(&mut m, "e<S-Tab><Left>");
    insta::assert_snapshot!("goal_form_links_80x24", screen(&m.model, 80, 24));
    press(&mut m, "vendor");
    insta::assert_snapshot!("goal_form_links_typing_160x48", screen(&m.model, 160, 48));
}

/// The action edit form (`e` in the all-actions list) with its Links field holding the link
/// the action has.
#[test]
fn action_form_with_links() {
    let mut m = model(true);
    press(&mut m, "O");
    let action = m.people.actions.current().map(|r| r.action.id).unwrap();
    let action = ObjectRef::new(LinkKind::Action, action);
    link(
        &mut m.runner.store,
        action,
        ObjectRef::new(LinkKind::Goal, 1),
        now(),
    )
    .unwrap();
    // Away and back: the cursor's action loads its links.
    press(&mut m, "jke<S-Tab>");
    insta::assert_snapshot!("action_form_links_80x24", screen(&m.model, 80, 24));
}
