//! Issue 22 in the prep view: a risk owner's goals and risks are rows; `R` reviews a risk and
//! `c` checks in a goal over the prep (the tab stays), Enter opens one (Esc comes back).

use super::*;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::tui::model::FormPurpose;
use crate::tui::pane::{Request, Tab, Target};
use crate::tui::panes::person::{PeopleView, Row};
use crate::tui::panes::plan::PlanForm;
use crate::tui::panes::risks::RisksForm;
use crate::tui::run::settle;
use crate::tui::testing::{demo, keys, keys_settled};

/// The demo with Priya Raman's prep open.
fn priya_prep() -> (Model, crate::tui::effects::Runner) {
    let (mut m, mut runner) = demo();
    let id = m
        .people
        .list
        .rows
        .iter()
        .find(|p| p.person.name == "Priya Raman")
        .map(|p| p.person.id)
        .expect("Priya in the demo");
    let effects = apply(
        &mut m,
        vec![Request::Show(Target::Person(id, PeopleView::Prep))],
    );
    settle(&mut m, &mut runner, effects);
    (m, runner)
}

fn select(m: &mut Model, wanted: impl Fn(&Row) -> bool) {
    let at = m
        .people
        .page
        .rows()
        .iter()
        .position(wanted)
        .expect("the row");
    m.people.page.prep_cursor = at;
}

#[test]
fn r_reviews_an_owned_risk_over_the_prep_and_the_save_stays_there() {
    let (mut m, mut runner) = priya_prep();
    let prep = m.people.page.prep.clone().expect("prep loaded");
    let risk = prep
        .picture
        .risks
        .first()
        .expect("Priya owns a demo risk")
        .id;
    assert!(prep.picture.risks.iter().all(|r| r.owned));
    select(&mut m, |r| *r == Row::Risk(risk));
    keys(&mut m, "R");
    assert_eq!(m.tab, Tab::People, "the prep stays under the form");
    assert!(matches!(
        &m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::Risks(RisksForm::Review(r)),
            ..
        }) if r.id == risk
    ));
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert!(m.overlay.is_none(), "saved");
    assert_eq!(m.tab, Tab::People);
    assert_eq!(m.people.page.view, PeopleView::Prep);
}

#[test]
fn c_checks_in_a_goal_and_enter_opens_it_with_esc_back() {
    let (mut m, mut runner) = priya_prep();
    // A goal linked to her (the demo's goals have no person).
    let priya = m.people.page.person_id.expect("her prep");
    let goal = 1;
    let (g, p) = (
        ObjectRef::new(LinkKind::Goal, goal),
        ObjectRef::new(LinkKind::Person, priya),
    );
    crate::ops::links::link(&mut runner.store, g, p, m.now).unwrap();
    let effects = apply(
        &mut m,
        vec![Request::Show(Target::Person(priya, PeopleView::Prep))],
    );
    settle(&mut m, &mut runner, effects);
    let prep = m.people.page.prep.clone().expect("prep loaded");
    assert_eq!(prep.picture.goals[0].id, goal);
    assert!(!prep.picture.goals[0].owned, "linked, not owned");
    select(&mut m, |r| *r == Row::Goal(goal));
    keys(&mut m, "c");
    assert_eq!(m.tab, Tab::People);
    assert!(matches!(
        &m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::Plan(PlanForm::Checkin(g)),
            ..
        }) if g.id == goal
    ));
    keys_settled(&mut m, &mut runner, "<Esc>");
    // `c` off a goal says what it does instead of doing something else.
    select(&mut m, |r| {
        matches!(r, Row::Topic(_) | Row::Action(_) | Row::Risk(_))
    });
    keys(&mut m, "c");
    assert!(m.overlay.is_none());
    select(&mut m, |r| *r == Row::Goal(goal));
    keys_settled(&mut m, &mut runner, "<Enter>");
    assert_eq!(m.tab, Tab::Plan);
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.tab, Tab::People);
    assert_eq!(m.people.page.view, PeopleView::Prep);
}
