//! Issue 22: the action edit form (`e` in the all-actions list `O`) has a Links field; the
//! action and its links are saved in one transaction, so one `u` takes both back.

use crate::domain::link::{LinkKind, ObjectRef};
use crate::tui::effects::Runner;
use crate::tui::testing::{demo, keys_settled, screen};

fn linked_objects(runner: &Runner, of: ObjectRef) -> Vec<ObjectRef> {
    crate::ops::links::links_of(&runner.store, of)
        .unwrap()
        .iter()
        .map(crate::ops::links::Linked::object)
        .collect()
}

fn body_of(runner: &Runner, id: i64) -> Option<String> {
    crate::store::actions::get(runner.store.conn(), id)
        .unwrap()
        .map(|a| a.body)
}

#[test]
fn the_action_form_adds_a_link_with_the_picker_and_one_undo_takes_back_the_save() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "O");
    let opened = m
        .people
        .actions
        .current()
        .expect("the demo has open actions");
    let action = ObjectRef::new(LinkKind::Action, opened.action.id);
    let body_before = opened.action.body.clone();
    let before = linked_objects(&runner, action);
    let risks = crate::ops::risks::list_risks(&runner.store).unwrap();
    let r = risks.last().expect("the demo has risks");
    let risk = ObjectRef::new(LinkKind::Risk, r.id);
    let title: String = r.fields.title.chars().take(24).collect();
    // A new text and a new link, saved together (Links is the last field).
    keys_settled(&mut m, &mut runner, "e<C-u>Renamed action<S-Tab>");
    keys_settled(&mut m, &mut runner, &format!("{risk} {title}\n"));
    let shown = screen(&mut m, 160, 48);
    assert!(shown.contains(&format!("›Links         {risk}")), "{shown}");
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    let after = linked_objects(&runner, action);
    assert!(after.contains(&risk), "{after:?}");
    assert_eq!(after.len(), before.len() + 1, "the links it had are kept");
    let saved = body_of(&runner, action.id);
    assert_eq!(saved, Some("Renamed action".to_string()));
    // One undo: the text and the link together.
    keys_settled(&mut m, &mut runner, "u");
    assert_eq!(linked_objects(&runner, action), before);
    let undone = body_of(&runner, action.id);
    assert_eq!(undone, Some(body_before));
}

#[test]
fn the_action_form_lists_the_links_it_has_and_a_link_alone_is_a_change() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "O");
    let id = m.people.actions.current().unwrap().action.id;
    let action = ObjectRef::new(LinkKind::Action, id);
    let goal = ObjectRef::new(LinkKind::Goal, 1);
    crate::ops::links::link(&mut runner.store, action, goal, m.now).unwrap();
    // Away and back: the selected action's links are read.
    keys_settled(&mut m, &mut runner, "jk");
    assert!(m.people.actions.links.is_of(action));
    keys_settled(&mut m, &mut runner, "e<S-Tab>");
    let shown = screen(&mut m, 160, 48);
    assert!(shown.contains(&goal.to_string()), "{shown}");
    // Removing it, with nothing else changed, saves.
    keys_settled(&mut m, &mut runner, "<BS><C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    assert!(!linked_objects(&runner, action).contains(&goal));
}

#[test]
fn a_stale_action_refuses_the_save_and_its_links_are_not_saved_either() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "O");
    let opened = m.people.actions.current().unwrap().action.clone();
    let action = ObjectRef::new(LinkKind::Action, opened.id);
    let before = linked_objects(&runner, action);
    let risks = crate::ops::risks::list_risks(&runner.store).unwrap();
    let r = risks.last().unwrap();
    let risk = ObjectRef::new(LinkKind::Risk, r.id);
    let title: String = r.fields.title.chars().take(24).collect();
    keys_settled(&mut m, &mut runner, &format!("e<S-Tab>{risk} {title}\n"));
    // Another writer edits the action while the form is open.
    let change = crate::ops::actions::ActionChange {
        person_id: opened.person_id,
        owner: opened.owner,
        body: "Changed elsewhere".into(),
        due: opened.due,
    };
    crate::ops::actions::update_action(&mut runner.store, opened.id, change, None).unwrap();
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert_eq!(linked_objects(&runner, action), before, "{:?}", m.status);
    assert_eq!(
        body_of(&runner, opened.id),
        Some("Changed elsewhere".to_string())
    );
}
