use chrono::NaiveDate;

use super::{ActionMeeting, arrange, came_from_shown};
use crate::domain::one_on_one::{ActionItem, Owner};
use crate::ops::objects::action::ActionView;
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::model::{Overlay, Tab};
use crate::tui::msg::{Effect, Msg};
use crate::tui::pane::{Request, Target};
use crate::tui::panes::people::PeopleMsg;
use crate::tui::panes::person::PeopleView;
use crate::tui::testing::{demo, keys, keys_settled, model, screen};
use crate::tui::update::update;

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, d)
}

fn row(id: i64, owner: Owner, person: Option<(i64, &str)>, due: Option<NaiveDate>) -> ActionView {
    let today = day(23).unwrap_or_default();
    let action = ActionItem {
        id,
        person_id: person.map(|p| p.0),
        owner,
        body: format!("action {id}"),
        due,
        done_at: None,
    };
    ActionView {
        overdue: action.is_overdue(today),
        person: person.map(|p| p.1.to_string()),
        meeting: None,
        done: false,
        action,
    }
}

fn ids(rows: &[ActionView]) -> Vec<i64> {
    rows.iter().map(|r| r.action.id).collect()
}

#[test]
fn mine_come_first_then_theirs_by_person_overdue_first_then_by_due_date() {
    let mut rows = vec![
        row(1, Owner::Them, Some((2, "Grace")), day(20)),
        row(2, Owner::Me, None, None),
        row(3, Owner::Me, Some((1, "Ada")), day(30)),
        row(4, Owner::Them, Some((1, "Ada")), day(25)),
        row(5, Owner::Me, Some((2, "Grace")), day(21)),
        row(6, Owner::Them, None, day(24)),
        row(7, Owner::Them, Some((1, "Ada")), day(22)),
        row(8, Owner::Me, None, day(26)),
    ];
    arrange(&mut rows);
    // Mine: overdue 5, then 8 (26th), 3 (30th), undated 2; Ada's: overdue 7, then 4; Grace's;
    // theirs from a meeting with nobody named last.
    assert_eq!(ids(&rows), vec![5, 8, 3, 2, 7, 4, 1, 6]);
}

#[test]
fn o_opens_the_list_from_anywhere_and_x_e_enter_esc_act_on_it() {
    let mut m = model();
    keys(&mut m, "2");
    assert_eq!(m.tab, Tab::Plan);
    let effects = keys(&mut m, "O");
    assert_eq!(m.tab, Tab::People);
    assert_eq!(m.people.page.view, PeopleView::Actions);
    assert!(
        effects.contains(&Effect::OneOnOnes(OneOnOneEffect::LoadAllActions)),
        "{effects:?}"
    );
    let rows = vec![
        row(10, Owner::Them, Some((2, "Grace")), day(20)),
        row(11, Owner::Me, Some((1, "Ada")), day(30)),
    ];
    update(&mut m, Msg::People(PeopleMsg::ActionsLoaded(rows)));
    assert_eq!(ids(&m.people.actions.rows), vec![11, 10]);

    // x on the second row (Grace's, overdue) marks it done, as listed.
    let listed = Box::new(m.people.actions.rows[1].action.clone());
    let effects = keys(&mut m, "jx");
    assert_eq!(
        effects,
        vec![Effect::OneOnOnes(OneOnOneEffect::SetActionDone {
            id: 10,
            done: true,
            opened: Some(listed),
        })]
    );

    // e opens the action's edit form; Esc closes it and the list is still there.
    keys(&mut m, "e");
    assert!(matches!(m.overlay, Some(Overlay::Form { .. })));
    keys(&mut m, "<Esc>");
    assert!(m.overlay.is_none());
    assert_eq!(m.people.page.view, PeopleView::Actions);

    // Enter: the person's page the action is with.
    let effects = keys(&mut m, "<Enter>");
    assert_eq!(m.people.page.view, PeopleView::Detail);
    assert_eq!(m.people.page.person_id, Some(2));
    assert!(
        effects.contains(&Effect::OneOnOnes(OneOnOneEffect::LoadDetail(2))),
        "{effects:?}"
    );

    // Esc from that page comes back to the list, where the user was.
    let effects = keys(&mut m, "<Esc>");
    assert_eq!(m.people.page.view, PeopleView::Actions);
    assert_eq!(m.tab, Tab::People);
    assert!(
        effects.contains(&Effect::OneOnOnes(OneOnOneEffect::LoadAllActions)),
        "{effects:?}"
    );

    // Esc from the list goes back to where the user came from.
    keys(&mut m, "<Esc>");
    assert_eq!(m.people.page.view, PeopleView::List);
    assert_eq!(m.tab, Tab::Plan);
}

#[test]
fn x_and_e_save_to_the_store_and_the_list_follows() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "O");
    let open = m.people.actions.rows.len();
    assert!(open > 0);
    let first = m.people.actions.rows[0].action.id;
    keys_settled(&mut m, &mut runner, "x");
    let done = crate::store::actions::get(runner.store.conn(), first)
        .unwrap()
        .unwrap();
    assert!(done.done_at.is_some(), "{:?}", m.status);
    assert_eq!(m.people.actions.rows.len(), open - 1, "the list reloaded");

    let id = m.people.actions.rows[0].action.id;
    keys_settled(&mut m, &mut runner, "e<C-u>Ship the runbook<C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    let edited = crate::store::actions::get(runner.store.conn(), id)
        .unwrap()
        .unwrap();
    assert_eq!(edited.body, "Ship the runbook");
    let text = screen(&mut m, 80, 24);
    assert!(text.contains("Open actions"), "{text}");
}

/// An action from a team meeting held on Tuesday 17 November (a series that is not a 1:1),
/// for `person` or nobody: the action's id and the series'.
fn meeting_action(store: &mut crate::store::Store) -> i64 {
    meeting_action_for(store, None).0
}

fn meeting_action_for(store: &mut crate::store::Store, person: Option<i64>) -> (i64, i64) {
    use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus};
    use crate::store::{actions, occurrences, rituals};
    let ritual = rituals::list(store.conn())
        .unwrap()
        .into_iter()
        .find(|r| r.fields.person_id.is_none())
        .unwrap()
        .id;
    let start = day(17).unwrap().and_hms_opt(10, 0, 0).unwrap();
    store
        .write(|tx| -> Result<i64, crate::store::StoreError> {
            let record = OccurrenceRecord {
                id: 0,
                ritual_id: ritual,
                original_start: start,
                status: OccurrenceStatus::Held,
                moved_to: None,
                notes: String::new(),
                decisions: String::new(),
                agenda_done: String::new(),
            };
            let occurrence = occurrences::upsert(tx, &record)?;
            let action = actions::NewAction {
                person_id: person,
                occurrence_id: Some(occurrence),
                owner: "them",
                body: "Circulate the incident review",
                due: day(30),
            };
            actions::insert(tx, &action, start)
        })
        .map(|id| (id, ritual))
        .unwrap()
}

/// "Enter jumps to where it came from": an action a staff meeting gave Aisha opens that
/// meeting on the agenda, not her page.
#[test]
fn enter_on_an_action_from_a_team_meeting_opens_that_meeting_even_with_a_person_named() {
    let (m, mut runner) = demo();
    let person = m.people.list.rows[0].person.id;
    let (id, ritual) = meeting_action_for(&mut runner.store, Some(person));
    let effect = Effect::OneOnOnes(OneOnOneEffect::FindActionMeeting {
        id,
        person: Some(person),
    });
    let answer = runner.run(effect, m.now);
    let Msg::People(PeopleMsg::ActionMeeting { came_from, .. }) = answer else {
        panic!("{answer:?}");
    };
    let came_from = came_from.unwrap();
    assert_eq!((came_from.ritual_id, came_from.person_id), (ritual, None));
    let shown = came_from_shown(Some(came_from.clone()), Some(person));
    assert!(
        matches!(shown, Request::Show(Target::Meeting(r, d)) if r == ritual && d == came_from.start.date()),
        "{shown:?}"
    );
    // A 1:1's action opens the person's page, where the 1:1 lives.
    let one_on_one = ActionMeeting {
        person_id: Some(person),
        ..came_from
    };
    let shown = came_from_shown(Some(one_on_one), None);
    assert!(
        matches!(shown, Request::Show(Target::Person(p, PeopleView::Detail)) if p == person),
        "{shown:?}"
    );
}

#[test]
fn enter_on_a_meeting_action_with_nobody_named_shows_its_day_in_the_agenda() {
    let (mut m, mut runner) = demo();
    let id = meeting_action(&mut runner.store);
    keys_settled(&mut m, &mut runner, "O");
    let at = m
        .people
        .actions
        .rows
        .iter()
        .position(|r| r.action.id == id)
        .unwrap();
    keys_settled(&mut m, &mut runner, &format!("g{}<Enter>", "j".repeat(at)));
    assert_eq!(m.tab, Tab::Agenda, "{:?}", m.status);
    assert_eq!(m.agenda.day, day(17));
}

#[test]
fn x_is_refused_when_another_writer_changed_the_action_since_it_was_listed() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "O");
    let listed = m.people.actions.rows[0].action.clone();
    // Another writer edits it while the list shows the old text (the list is not told).
    let change = crate::ops::actions::ActionChange {
        body: "Send the revised runbook".into(),
        ..crate::ops::actions::ActionChange::from(&listed)
    };
    crate::ops::actions::update_action(&mut runner.store, listed.id, change, None).unwrap();

    keys_settled(&mut m, &mut runner, "x");
    let now = crate::store::actions::get(runner.store.conn(), listed.id)
        .unwrap()
        .unwrap();
    assert!(now.done_at.is_none(), "not marked done over the change");
    assert_eq!(now.body, "Send the revised runbook");
    let status = m
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("Changed elsewhere"), "{status}");
    // The list now shows the action as it is; x then marks it done.
    let row = m
        .people
        .actions
        .rows
        .iter()
        .position(|r| r.action.id == listed.id);
    assert_eq!(
        row.map(|i| m.people.actions.rows[i].action.body.as_str()),
        Some("Send the revised runbook")
    );
    m.people.actions.cursor = row.unwrap();
    keys_settled(&mut m, &mut runner, "x");
    let now = crate::store::actions::get(runner.store.conn(), listed.id)
        .unwrap()
        .unwrap();
    assert!(now.done_at.is_some(), "{:?}", m.status);
}

/// Only the lines in view are made (ten years of data leave hundreds of actions open): the
/// window must still be the list's lines, group headings included, scrolled so the selected
/// action shows, at every position of the cursor.
#[test]
fn the_lines_in_view_are_the_lists_at_every_cursor_position() {
    let mut m = model();
    keys(&mut m, "O");
    let mut rows = Vec::new();
    for id in 100..175 {
        let person = match id % 5 {
            0 | 1 => None,
            2 => Some((1, "Ada")),
            _ => Some((2, "Grace")),
        };
        let owner = if id % 5 == 0 { Owner::Them } else { Owner::Me };
        let owner = if person.is_some() && id % 2 == 0 {
            Owner::Them
        } else {
            owner
        };
        rows.push(row(id, owner, person, day(1 + (id % 28) as u32)));
    }
    update(&mut m, Msg::People(PeopleMsg::ActionsLoaded(rows)));
    // The whole list: each group's heading, then its actions.
    let mut list: Vec<String> = Vec::new();
    let mut group = None;
    for r in &m.people.actions.rows {
        let (rank, name) = super::group_of(r);
        if group.as_ref() != Some(&(rank, name.clone())) {
            list.push(if rank == 1 {
                format!("Theirs · {name}")
            } else {
                name.clone()
            });
            group = Some((rank, name));
        }
        list.push(format!("action {}", r.action.id));
    }
    assert!(
        list.len() > 3 * 24,
        "more lines than a screen: {}",
        list.len()
    );
    for cursor in 0..m.people.actions.rows.len() {
        m.people.actions.cursor = cursor;
        let shown = screen(&mut m, 80, 24);
        let lines: Vec<&str> = shown.lines().collect();
        let title = lines
            .iter()
            .position(|l| l.contains(" Open actions "))
            .unwrap();
        // Between the list's title and the status bar.
        let rows = &lines[title + 1..lines.len() - 1];
        let labels: Vec<&str> = rows
            .iter()
            .filter_map(|l| list.iter().find(|label| l.contains(label.as_str())))
            .map(String::as_str)
            .collect();
        assert_eq!(
            labels.len(),
            rows.len(),
            "every line is the list's:\n{shown}"
        );
        let first = list.iter().position(|l| l == labels[0]).unwrap();
        assert_eq!(
            labels,
            list[first..first + labels.len()].to_vec(),
            "{shown}"
        );
        let want = format!("action {}", m.people.actions.rows[cursor].action.id);
        let selected = rows.iter().position(|l| l.starts_with('▌')).unwrap();
        assert_eq!(labels[selected], want, "{shown}");
        // Scrolled only as far as the selected action needs: it sits on the last line then.
        if first > 0 {
            assert_eq!(selected, rows.len() - 1, "{shown}");
        }
    }
}
