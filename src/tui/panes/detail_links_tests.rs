use super::*;

fn goal(id: i64) -> Linked {
    Linked {
        kind: LinkKind::Goal,
        id,
        title: format!("goal {id}"),
    }
}

#[test]
fn next_walks_the_links_and_back_to_none() {
    let mut l = DetailLinks::default();
    assert!(!l.select_next(), "nothing to select");
    l.set(ObjectRef::new(LinkKind::Risk, 1), vec![goal(1), goal(2)]);
    assert!(l.select_next());
    assert_eq!(l.selected, Some(0));
    l.select_next();
    assert_eq!(l.selected, Some(1));
    l.select_next();
    assert_eq!(l.selected, None);
}

#[test]
fn a_reload_keeps_the_selected_link_and_another_object_clears_it() {
    let risk = ObjectRef::new(LinkKind::Risk, 1);
    let mut l = DetailLinks::default();
    l.set(risk, vec![goal(1), goal(2)]);
    l.select_next();
    l.select_next();
    l.set(risk, vec![goal(0), goal(2)]);
    assert_eq!(l.current(), Some(&goal(2)));
    l.set(risk, vec![goal(0)]);
    assert_eq!(l.selected, None, "the selected link went away");
    l.set(risk, vec![goal(0)]);
    l.select_next();
    l.set(ObjectRef::new(LinkKind::Risk, 2), vec![goal(0)]);
    assert_eq!(l.selected, None);
}

#[test]
fn every_openable_kind_has_its_pane() {
    assert_eq!(target_of(&goal(3)), Some(Target::Goal(3)));
    let person = Linked {
        kind: LinkKind::Person,
        id: 4,
        title: String::new(),
    };
    assert_eq!(
        target_of(&person),
        Some(Target::Person(4, PeopleView::Detail))
    );
}

/// The goal detail through `update` and the demo's store: a link made in the store shows once
/// the goal is loaded again, `]` Enter opens the risk, Esc comes back to the goal.
#[test]
fn the_goal_detail_follows_a_link_to_its_risk_and_esc_comes_back() {
    use crate::tui::model::Tab;
    use crate::tui::testing::{demo, keys_settled, screen};
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "2");
    let goal = m.plan.selected().map(|g| g.goal.id).unwrap();
    crate::ops::links::link(
        &mut runner.store,
        ObjectRef::new(LinkKind::Goal, goal),
        ObjectRef::new(LinkKind::Risk, 1),
        m.now,
    )
    .unwrap();
    keys_settled(&mut m, &mut runner, "jk");
    assert_eq!(m.plan.links.links.len(), 1);
    let text = screen(&mut m, 80, 24);
    assert!(text.contains("Links risk If the payments"), "{text}");
    keys_settled(&mut m, &mut runner, "]\n");
    assert_eq!(m.tab, Tab::Risks);
    assert_eq!(m.risks.current().map(|r| r.id), Some(1));
    assert!(m.overlay.is_none());
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.tab, Tab::Plan);
    assert_eq!(m.plan.selected().map(|g| g.goal.id), Some(goal));
    // Esc unselects the link; Enter edits the goal again.
    keys_settled(&mut m, &mut runner, "<Esc>\n");
    assert!(
        m.overlay.is_some(),
        "Enter with no link selected edits the goal"
    );
}
