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

/// The demo with one person made another's manager, and the manager's prep open.
fn manager_prep() -> (Model, crate::tui::effects::Runner, i64) {
    use crate::domain::person::PersonDraft;
    use crate::ops::people::{OneOnOnePlan, PersonInput, PersonRecord, get_person, update_person};
    let (mut m, mut runner) = demo();
    let ids: Vec<i64> = m.people.list.rows.iter().map(|p| p.person.id).collect();
    let (manager, report) = (ids[0], ids[1]);
    let record = PersonRecord::from(&get_person(&runner.store, report).unwrap());
    let mut draft = PersonDraft::from(&record.person);
    draft.reports_to = Some(manager);
    let input = PersonInput {
        draft,
        one_on_one: record.one_on_one.as_ref().map(|r| OneOnOnePlan {
            rrule: r.fields.rrule.clone().unwrap_or_default(),
            start: r.fields.dtstart,
            duration_min: r.fields.duration_min,
        }),
    };
    update_person(&mut runner.store, report, input, None, m.week_start, m.now).unwrap();
    let effects = apply(
        &mut m,
        vec![Request::Show(Target::Person(manager, PeopleView::Prep))],
    );
    settle(&mut m, &mut runner, effects);
    (m, runner, manager)
}

#[test]
fn enter_on_a_report_opens_their_prep_and_esc_returns_to_the_managers() {
    let (mut m, mut runner, manager) = manager_prep();
    let report = m.people.page.prep.as_ref().unwrap().picture.team[0].id;
    select(&mut m, |r| *r == Row::Report(report));
    let row = m.people.page.prep_cursor;
    keys_settled(&mut m, &mut runner, "\n");
    assert_eq!(m.people.page.person_id, Some(report));
    assert_eq!(m.people.page.view, PeopleView::Prep);
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.tab, Tab::People);
    assert_eq!(m.people.page.view, PeopleView::Prep, "back in a prep");
    assert_eq!(m.people.page.person_id, Some(manager), "the manager's");
    assert_eq!(m.people.page.prep_cursor, row, "on the report's row");
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.people.page.view, PeopleView::List, "then out, as before");
}

/// The person edit form (12 fields, 3 of them multi-line) fits 80×24 with its title in view,
/// whichever field has the focus.
#[test]
fn the_person_edit_form_keeps_its_title_at_80x24() {
    let (mut m, _runner) = demo();
    keys(&mut m, "4e");
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("the person form");
    };
    let (title, fields) = (form.title.clone(), form.fields.len());
    for _ in 0..fields {
        let text = crate::tui::testing::screen(&mut m, 80, 24);
        assert!(
            text.lines().next().unwrap_or_default().contains(&title),
            "{text}"
        );
        assert!(
            text.contains("Reports to") && text.contains("Name"),
            "{text}"
        );
        keys(&mut m, "\t");
    }
}
