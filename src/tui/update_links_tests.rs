//! Every detail view lists its links: the ritual, decision, person and metric details, like the
//! goal's and the risk's. A link another writer makes shows after the reload an outside change
//! brings; `]` selects it, Enter opens it in its pane, Esc comes back.

use super::*;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::tui::effects::Runner;
use crate::tui::run::settle;
use crate::tui::testing::{demo, keys_settled, screen};

/// The last risk of the demo (none of the demo's links reach it), and the start of its title
/// as a detail shows it.
fn a_risk(runner: &Runner) -> (i64, String) {
    let risks = crate::ops::risks::list_risks(&runner.store).unwrap();
    let r = risks.last().expect("the demo has risks");
    (r.id, r.fields.title.chars().take(24).collect())
}

/// `bearing link` from another process, and the reload its change brings (no key pressed).
fn link_elsewhere(m: &mut Model, runner: &mut Runner, of: ObjectRef, risk: i64) {
    let other = ObjectRef::new(LinkKind::Risk, risk);
    crate::ops::links::link(&mut runner.store, of, other, m.now).unwrap();
    let loads = reload_all(m);
    settle(m, runner, loads);
}

/// The detail open on `of` shows the risk's link once linked elsewhere; `]` Enter opens the
/// risk, Esc comes back to `tab`.
fn follows(m: &mut Model, runner: &mut Runner, of: ObjectRef, tab: Tab) {
    let (risk, title) = a_risk(runner);
    let before = screen(m, 160, 48);
    assert!(before.contains("Links"), "{before}");
    assert!(!before.contains(&title), "{before}");
    link_elsewhere(m, runner, of, risk);
    let after = screen(m, 160, 48);
    assert!(after.contains(&format!("risk    {title}")), "{after}");
    keys_settled(m, runner, "]");
    assert!(m.overlay.is_none(), "{:?}", m.overlay.is_some());
    keys_settled(m, runner, "\n");
    assert_eq!(m.tab, Tab::Risks, "Enter on the link opens the risk");
    assert!(m.overlay.is_none(), "not a form");
    assert_eq!(m.risks.current().map(|r| r.id), Some(risk));
    keys_settled(m, runner, "<Esc>");
    assert_eq!(m.tab, tab, "Esc comes back");
}

#[test]
fn the_ritual_detail_lists_its_links_and_follows_one() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "3");
    let id = m.rituals.current().unwrap().ritual.id;
    let of = ObjectRef::new(LinkKind::Ritual, id);
    follows(&mut m, &mut runner, of, Tab::Rituals);
    assert_eq!(m.rituals.current().map(|r| r.ritual.id), Some(id));
    // Enter with no link selected still edits the series.
    keys_settled(&mut m, &mut runner, "<Esc>\n");
    assert!(matches!(
        m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::Rituals(_),
            ..
        })
    ));
}

#[test]
fn the_decision_detail_lists_its_links_and_follows_one() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "6");
    let id = m.decisions.list.current().unwrap().decision.id;
    // The demo's first decision may be linked already: one of its own.
    let of = ObjectRef::new(LinkKind::Decision, id);
    for l in crate::ops::links::links_of(&runner.store, of).unwrap() {
        let other = ObjectRef::new(l.kind, l.id);
        crate::ops::links::unlink(&mut runner.store, of, other).unwrap();
    }
    let loads = reload_all(&m);
    settle(&mut m, &mut runner, loads);
    follows(&mut m, &mut runner, of, Tab::Decisions);
    assert_eq!(m.decisions.list.current().map(|d| d.decision.id), Some(id));
}

#[test]
fn the_person_page_lists_their_links_and_follows_one() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "4\n");
    assert_eq!(m.people.page.view, PeopleView::Detail);
    let id = m.people.page.person_id.unwrap();
    follows(
        &mut m,
        &mut runner,
        ObjectRef::new(LinkKind::Person, id),
        Tab::People,
    );
    assert_eq!(m.people.page.view, PeopleView::Detail, "back on their page");
    // Enter with no link selected edits the person, as before.
    keys_settled(&mut m, &mut runner, "<Esc>\n");
    assert!(matches!(
        m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::People(_),
            ..
        })
    ));
}

#[test]
fn the_metric_detail_lists_its_links_and_follows_one() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "7\n");
    let id = m.scorecard.detail.expect("Enter opens the metric");
    follows(
        &mut m,
        &mut runner,
        ObjectRef::new(LinkKind::Metric, id),
        Tab::Scorecard,
    );
    assert_eq!(m.scorecard.detail, Some(id), "its detail is still open");
    // Esc with no link selected leaves the detail.
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(
        m.scorecard.detail,
        Some(id),
        "the first Esc unselects the link"
    );
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.scorecard.detail, None);
}

#[test]
fn links_of_another_object_are_not_shown_for_the_selected_one() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "3");
    let first = m.rituals.current().unwrap().ritual.id;
    let (risk, title) = a_risk(&runner);
    link_elsewhere(
        &mut m,
        &mut runner,
        ObjectRef::new(LinkKind::Ritual, first),
        risk,
    );
    keys_settled(&mut m, &mut runner, "j");
    assert_ne!(m.rituals.current().map(|r| r.ritual.id), Some(first));
    let text = screen(&mut m, 160, 48);
    assert!(!text.contains(&format!("risk    {title}")), "{text}");
    // An answer for a row no longer selected is dropped.
    update(
        &mut m,
        Msg::Links(
            ObjectRef::new(LinkKind::Ritual, first),
            vec![crate::ops::links::Linked {
                kind: LinkKind::Risk,
                id: risk,
                title: title.clone(),
            }],
        ),
    );
    assert!(m.rituals.links.links.is_empty());
}

/// The Links field of a form (the last field: Shift-Tab from the first reaches it).
const TO_LINKS: &str = "<S-Tab>";

fn goal_shown(m: &Model) -> i64 {
    m.plan
        .selected()
        .map(|g| g.goal.id)
        .expect("a goal is selected")
}

fn linked_objects(runner: &Runner, of: ObjectRef) -> Vec<ObjectRef> {
    crate::ops::links::links_of(&runner.store, of)
        .unwrap()
        .iter()
        .map(crate::ops::links::Linked::object)
        .collect()
}

#[test]
fn the_goal_form_adds_a_link_with_the_picker_and_one_undo_takes_back_the_save() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "2");
    let goal = ObjectRef::new(LinkKind::Goal, goal_shown(&m));
    let before = linked_objects(&runner, goal);
    let title_before = crate::ops::plan::get_goal(&runner.store, goal.id)
        .unwrap()
        .fields
        .title;
    let (risk, title) = a_risk(&runner);
    let risk = ObjectRef::new(LinkKind::Risk, risk);
    // A new title and a new link, saved together.
    keys_settled(&mut m, &mut runner, "e<C-u>Renamed goal");
    keys_settled(&mut m, &mut runner, TO_LINKS);
    keys_settled(&mut m, &mut runner, &format!("{risk} {title}"));
    let shown = screen(&mut m, 160, 48);
    assert!(shown.contains(&format!("+ ‹ {risk}")), "{shown}");
    keys_settled(&mut m, &mut runner, "\n");
    assert!(
        m.overlay.is_some(),
        "Enter in the links field adds, it does not save"
    );
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    let after = linked_objects(&runner, goal);
    assert!(after.contains(&risk), "{after:?}");
    assert_eq!(after.len(), before.len() + 1, "the links it had are kept");
    let saved = crate::ops::plan::get_goal(&runner.store, goal.id).unwrap();
    assert_eq!(saved.fields.title, "Renamed goal");
    // One undo: the title and the link together.
    keys_settled(&mut m, &mut runner, "u");
    assert_eq!(linked_objects(&runner, goal), before);
    let undone = crate::ops::plan::get_goal(&runner.store, goal.id).unwrap();
    assert_eq!(undone.fields.title, title_before);
}

#[test]
fn the_risk_form_removes_a_link_with_backspace_and_keeps_the_risk_at_the_other_end() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "5");
    let risk = ObjectRef::new(LinkKind::Risk, m.risks.current().unwrap().id);
    let goal = ObjectRef::new(LinkKind::Goal, 1);
    crate::ops::links::link(&mut runner.store, risk, goal, m.now).unwrap();
    let loads = reload_all(&m);
    settle(&mut m, &mut runner, loads);
    let before = linked_objects(&runner, risk);
    assert!(before.contains(&goal));
    keys_settled(&mut m, &mut runner, &format!("e{TO_LINKS}"));
    // Mark the goal's link (the last added is marked first) and remove it.
    let at = before.iter().position(|o| *o == goal).unwrap();
    for _ in at..before.len() - 1 {
        keys_settled(&mut m, &mut runner, "<Left>");
    }
    keys_settled(&mut m, &mut runner, "<BS><C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    let after = linked_objects(&runner, risk);
    assert!(!after.contains(&goal), "{after:?}");
    assert_eq!(after.len(), before.len() - 1);
    assert!(crate::ops::plan::get_goal(&runner.store, goal.id).is_ok());
}

#[test]
fn typed_text_not_added_is_not_saved_quietly() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "2");
    let goal = ObjectRef::new(LinkKind::Goal, goal_shown(&m));
    let before = linked_objects(&runner, goal);
    keys_settled(&mut m, &mut runner, &format!("e{TO_LINKS}payments<C-s>"));
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("the form stays open");
    };
    let (_, message) = form.error.clone().unwrap();
    assert!(message.contains("Enter adds"), "{message}");
    assert_eq!(linked_objects(&runner, goal), before);
}

/// The risk form's owner field (the fifth), emptied.
const TO_OWNER: &str = "e\t\t\t\t<C-u>";

fn owner_of_current(m: &Model, runner: &Runner) -> (String, Option<i64>) {
    let id = m.risks.current().unwrap().id;
    let r = crate::ops::risks::get_risk(&runner.store, id).unwrap();
    (r.fields.owner, r.fields.owner_id)
}

#[test]
fn the_risk_owner_is_picked_fuzzily_from_the_people() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "5");
    let aisha = m
        .directory
        .iter()
        .find(|p| p.name == "Aisha Bello")
        .unwrap()
        .id;
    keys_settled(&mut m, &mut runner, &format!("{TO_OWNER}aish"));
    let shown = screen(&mut m, 160, 48);
    assert!(shown.contains("‹ Aisha Bello ›  in the list"), "{shown}");
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    assert_eq!(
        owner_of_current(&m, &runner),
        ("Aisha Bello".into(), Some(aisha))
    );
}

#[test]
fn the_risk_owner_may_be_someone_outside_the_people_list() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "5");
    // Nobody matches: the name as typed.
    keys_settled(&mut m, &mut runner, &format!("{TO_OWNER}Vendor Qx<C-s>"));
    assert!(m.overlay.is_none(), "{:?}", m.status);
    assert_eq!(owner_of_current(&m, &runner), ("Vendor Qx".into(), None));
    // A name close to a person's: ← from the match reaches the name as typed.
    keys_settled(&mut m, &mut runner, &format!("{TO_OWNER}Aisha B"));
    let shown = screen(&mut m, 160, 48);
    assert!(
        shown.contains("‹ Aisha Bello ›"),
        "the match first: {shown}"
    );
    keys_settled(&mut m, &mut runner, "<Left>");
    let shown = screen(&mut m, 160, 48);
    assert!(shown.contains("‹ Aisha B ›  as typed"), "{shown}");
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert_eq!(owner_of_current(&m, &runner), ("Aisha B".into(), None));
    // Opened again, the outside name is kept as it is.
    keys_settled(&mut m, &mut runner, "e<C-s>");
    assert_eq!(owner_of_current(&m, &runner), ("Aisha B".into(), None));
}

#[test]
fn a_link_made_in_the_form_goes_with_a_deleted_end_and_undo_brings_both_back() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "2");
    let goal = ObjectRef::new(LinkKind::Goal, goal_shown(&m));
    let (risk, title) = a_risk(&runner);
    let risk = ObjectRef::new(LinkKind::Risk, risk);
    keys_settled(
        &mut m,
        &mut runner,
        &format!("e{TO_LINKS}{risk} {title}\n<C-s>"),
    );
    assert!(linked_objects(&runner, goal).contains(&risk));
    // Delete the risk from its tab: the link goes, the goal stays.
    let requests = vec![Request::Show(crate::tui::pane::Target::Risk(risk.id))];
    let effects = apply(&mut m, requests);
    settle(&mut m, &mut runner, effects);
    keys_settled(&mut m, &mut runner, "dy");
    assert!(crate::ops::risks::get_risk(&runner.store, risk.id).is_err());
    assert!(!linked_objects(&runner, goal).contains(&risk));
    assert!(crate::ops::plan::get_goal(&runner.store, goal.id).is_ok());
    // Undo the delete: the risk and the link made in the form are back.
    keys_settled(&mut m, &mut runner, "u");
    assert!(crate::ops::risks::get_risk(&runner.store, risk.id).is_ok());
    assert!(linked_objects(&runner, goal).contains(&risk));
    // Undo again: the form's save (its link) is taken back too.
    keys_settled(&mut m, &mut runner, "u");
    assert!(!linked_objects(&runner, goal).contains(&risk));
    assert!(crate::ops::risks::get_risk(&runner.store, risk.id).is_ok());
}

#[test]
fn the_decision_form_adds_a_link_too() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "6");
    let decision = ObjectRef::new(
        LinkKind::Decision,
        m.decisions.list.current().unwrap().decision.id,
    );
    let before = linked_objects(&runner, decision);
    let (risk, title) = a_risk(&runner);
    let risk = ObjectRef::new(LinkKind::Risk, risk);
    keys_settled(
        &mut m,
        &mut runner,
        &format!("e{TO_LINKS}{risk} {title}\n<C-s>"),
    );
    assert!(m.overlay.is_none(), "{:?}", m.status);
    let after = linked_objects(&runner, decision);
    assert!(after.contains(&risk), "{after:?}");
    assert_eq!(after.len(), before.len() + 1);
    keys_settled(&mut m, &mut runner, "u");
    assert_eq!(linked_objects(&runner, decision), before);
}

#[test]
fn a_linked_persons_page_opens_from_a_page_and_esc_comes_back_to_the_first() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "4\n");
    let first = m.people.page.person_id.unwrap();
    let other = m.directory.iter().find(|p| p.id != first).unwrap().id;
    let of = ObjectRef::new(LinkKind::Person, first);
    crate::ops::links::link(
        &mut runner.store,
        of,
        ObjectRef::new(LinkKind::Person, other),
        m.now,
    )
    .unwrap();
    let loads = reload_all(&m);
    settle(&mut m, &mut runner, loads);
    keys_settled(&mut m, &mut runner, "j");
    let row = m.people.page.cursor;
    let at = m
        .people
        .page
        .links
        .links
        .iter()
        .position(|l| l.id == other)
        .unwrap();
    for _ in 0..=at {
        keys_settled(&mut m, &mut runner, "]");
    }
    keys_settled(&mut m, &mut runner, "\n");
    assert_eq!(m.people.page.person_id, Some(other), "their page");
    assert_eq!(m.people.page.view, PeopleView::Detail);
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(
        m.people.page.person_id,
        Some(first),
        "back on the first page"
    );
    assert_eq!(m.people.page.view, PeopleView::Detail);
    assert_eq!(m.people.page.cursor, row, "on the same row");
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.people.page.view, PeopleView::List);
}
