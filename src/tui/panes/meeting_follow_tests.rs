//! Issue 20 in the cockpit: a staff meeting's lines become a decision and an action; both are
//! found with `/`; an unknown person is refused on its field and nothing is saved.

use crate::domain::agenda::ItemKind;
use crate::domain::one_on_one::Owner;
use crate::ops::search::SearchKind;
use crate::tui::model::{Overlay, Tab};
use crate::tui::testing::{demo, keys_settled};

fn open_todays_meeting(m: &mut crate::tui::model::Model, runner: &mut crate::tui::effects::Runner) {
    let today = m.today();
    let index = m
        .agenda
        .items_on(today)
        .iter()
        .position(|i| i.kind == ItemKind::Ritual)
        .expect("a meeting today");
    m.agenda.item = index;
    keys_settled(m, runner, "\n");
    let Some(Overlay::Form { form, .. }) = &mut m.overlay else {
        panic!("the meeting dialog opens")
    };
    form.focus = form
        .fields
        .iter()
        .position(|f| f.key == "notes")
        .expect("a notes field");
}

fn first_name(runner: &crate::tui::effects::Runner) -> (i64, String) {
    let p = crate::store::people::list(runner.store.conn()).unwrap();
    let first = &p[0];
    (first.id, first.name.clone())
}

#[test]
fn a_staff_meetings_lines_become_a_decision_and_an_action_found_with_search() {
    let (mut m, mut runner) = demo();
    let (person, name) = first_name(&runner);
    let first = name.split_whitespace().next().unwrap().to_string();
    open_todays_meeting(&mut m, &mut runner);
    let text = format!(
        "Quarterly planning\n@{first}: send the zebra runbook due fri\ndecided: Adopt the quokka rollout plan"
    );
    keys_settled(&mut m, &mut runner, &format!("{text}<C-s>"));
    assert!(m.overlay.is_none(), "saved: {:?}", m.status);
    let status = m
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.contains("recorded 1 decision and 1 action"),
        "{status}"
    );

    let decisions = crate::ops::decisions::list_decisions(&runner.store).unwrap();
    let d = decisions
        .iter()
        .find(|d| d.fields.title == "Adopt the quokka rollout plan")
        .expect("the decision");
    assert!(d.fields.occurrence_id.is_some(), "made in the meeting");
    let actions =
        crate::store::actions::list(runner.store.conn(), Some(Some(person)), Some(false)).unwrap();
    let a = actions
        .iter()
        .find(|a| a.body == "send the zebra runbook")
        .expect("the action");
    assert_eq!(a.owner, Owner::Them);

    // `/` finds both; Enter on the decision opens it on tab 6.
    keys_settled(&mut m, &mut runner, "/quokka");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search is open")
    };
    assert!(
        search
            .results
            .iter()
            .any(|r| r.kind == SearchKind::Decision && r.id == d.id),
        "{:?}",
        search.results
    );
    keys_settled(&mut m, &mut runner, "<Esc>/zebra");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search is open")
    };
    assert!(
        search
            .results
            .iter()
            .any(|r| r.kind == SearchKind::Action && r.id == a.id)
    );
    keys_settled(&mut m, &mut runner, "<Esc>/quokka\n");
    assert_eq!(m.tab, Tab::Decisions);
    assert_eq!(
        m.decisions.list.current().map(|v| v.decision.id),
        Some(d.id)
    );
}

#[test]
fn an_unknown_person_is_refused_inline_and_nothing_is_saved() {
    let (mut m, mut runner) = demo();
    let before = crate::ops::decisions::list_decisions(&runner.store)
        .unwrap()
        .len();
    open_todays_meeting(&mut m, &mut runner);
    keys_settled(
        &mut m,
        &mut runner,
        "decided: Something\n@Nobodyatall: call<C-s>",
    );
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("the dialog stays open: {:?}", m.status)
    };
    let shown = format!("{form:?}");
    assert!(shown.contains("line 2: no person is called"), "{shown}");
    assert!(shown.contains("did you mean"), "{shown}");
    assert_eq!(
        crate::ops::decisions::list_decisions(&runner.store)
            .unwrap()
            .len(),
        before
    );
}

#[test]
fn enter_on_a_meeting_found_by_search_selects_it_on_its_day_even_in_another_week() {
    use crate::domain::ritual::OccurrenceStatus;
    use crate::ops::rituals::{WriteUp, save_occurrence};
    let (mut m, mut runner) = demo();
    let staff = crate::store::rituals::list(runner.store.conn())
        .unwrap()
        .into_iter()
        .find(|r| r.fields.name == "Incident and reliability review")
        .expect("the demo's incident review, after a 1:1 on its Tuesdays");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 17).unwrap();
    let write_up = WriteUp {
        status: OccurrenceStatus::Held,
        notes: "The pelican cutover slips a week".into(),
        decisions: String::new(),
        agenda_done: String::new(),
    };
    let start = day.and_time(staff.fields.dtstart.time());
    save_occurrence(&mut runner.store, staff.id, start, &write_up, None).unwrap();

    keys_settled(&mut m, &mut runner, "4/pelican");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search is open")
    };
    assert_eq!(
        search.results.first().map(|r| (r.kind, r.title.as_str())),
        Some((
            SearchKind::Meeting,
            "Incident and reliability review, Tue 17 Nov"
        ))
    );
    keys_settled(&mut m, &mut runner, "\n");
    assert_eq!(m.tab, Tab::Agenda);
    assert_eq!(m.agenda.day, Some(day));
    let selected = m.agenda.selected(m.today()).expect("a row selected");
    assert_eq!(
        (selected.id, selected.date),
        (staff.id, day),
        "{selected:?}"
    );
    assert!(selected.kind.is_meeting());
    assert!(m.agenda.item > 0, "not simply the day's first row");
    assert_eq!(m.agenda.wanted, None, "done once selected");
}
