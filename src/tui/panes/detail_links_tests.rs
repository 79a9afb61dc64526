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
    assert!(!l.next(), "nothing to select");
    l.set(ObjectRef::new(LinkKind::Risk, 1), vec![goal(1), goal(2)]);
    assert!(l.next());
    assert_eq!(l.selected, Some(0));
    l.next();
    assert_eq!(l.selected, Some(1));
    l.next();
    assert_eq!(l.selected, None);
}

#[test]
fn a_reload_keeps_the_selected_link_and_another_object_clears_it() {
    let risk = ObjectRef::new(LinkKind::Risk, 1);
    let mut l = DetailLinks::default();
    l.set(risk, vec![goal(1), goal(2)]);
    l.next();
    l.next();
    l.set(risk, vec![goal(0), goal(2)]);
    assert_eq!(l.current(), Some(&goal(2)));
    l.set(risk, vec![goal(0)]);
    assert_eq!(l.selected, None, "the selected link went away");
    l.set(risk, vec![goal(0)]);
    l.next();
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
