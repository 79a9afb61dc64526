//! The prep view and the person page on the demo organisation: recording the meeting the user
//! came from, Esc back to where they were, and scrolling at 80×24 so every row can be reached.

use super::*;
use crate::domain::agenda::ItemKind;
use crate::domain::ritual::OccurrenceStatus;
use crate::tui::effects::Runner;
use crate::tui::panes::person::Row;
use crate::tui::run::settle;
use crate::tui::testing::{demo, keys, keys_settled, screen};
use chrono::{NaiveDate, NaiveDateTime};

/// Sunday 29 November 2026, 18:00: the demo's week (loaded on the Monday) is over and none of
/// its 1:1s are marked.
fn sunday() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 29)
        .and_then(|d| d.and_hms_opt(18, 0, 0))
        .unwrap()
}

fn demo_on_sunday() -> (Model, Runner) {
    let (mut m, mut runner) = demo();
    let effects = update(&mut m, Msg::Tick(sunday()));
    settle(&mut m, &mut runner, effects);
    // On a Sunday the agenda opens on the coming week; `[` goes back to the demo's.
    keys_settled(&mut m, &mut runner, "[");
    (m, runner)
}

/// Selects the agenda's first 1:1 before today; its date and person.
fn select_past_one_on_one(m: &mut Model) -> (NaiveDate, i64) {
    let today = m.today();
    let item = m
        .agenda
        .data
        .as_ref()
        .and_then(|a| {
            a.items
                .iter()
                .find(|i| i.kind == ItemKind::OneOnOne && i.date < today)
        })
        .cloned()
        .expect("a past 1:1 in the demo's week");
    m.agenda.day = Some(item.date);
    m.agenda.item = m
        .agenda
        .items_on(item.date)
        .iter()
        .position(|i| i.kind == item.kind && i.id == item.id)
        .unwrap_or(0);
    (item.date, item.person_id.unwrap_or_default())
}

fn form_value(m: &Model, key: &str) -> String {
    match &m.overlay {
        Some(Overlay::Form { form, .. }) => form.value(key),
        _ => panic!("no form open"),
    }
}

#[test]
fn recording_from_a_past_meeting_records_that_meeting_on_its_day() {
    let (mut m, mut runner) = demo_on_sunday();
    let (day, person) = select_past_one_on_one(&mut m);
    keys_settled(&mut m, &mut runner, "\n");
    assert_eq!(m.tab, Tab::People);
    assert!(m.people.page.meeting.is_some(), "prep knows its meeting");
    keys_settled(&mut m, &mut runner, "r");
    assert_eq!(form_value(&m, "date"), day.format("%Y-%m-%d").to_string());
    keys_settled(&mut m, &mut runner, "Went through the cut-over plan.<C-s>");
    assert!(m.overlay.is_none(), "saved");
    let status = m.status.clone().unwrap().text;
    let shown = day.format("%a %-d %b").to_string();
    assert!(
        status.starts_with(&format!("1:1 of {shown} recorded (marked held)")),
        "{status}"
    );
    // The agenda shows it held; the people list dates the last 1:1 that day, not today.
    let held = m.agenda.data.as_ref().and_then(|a| {
        a.items
            .iter()
            .find(|i| i.kind == ItemKind::OneOnOne && i.date == day && i.person_id == Some(person))
    });
    assert_eq!(held.and_then(|i| i.status), Some(OccurrenceStatus::Held));
    let row = m
        .people
        .list
        .rows
        .iter()
        .find(|p| p.person.id == person)
        .unwrap();
    assert_eq!(row.stats.last.map(|t| t.date()), Some(day));
    // Esc goes back to the agenda it came from.
    keys(&mut m, "<Esc>");
    assert_eq!(m.tab, Tab::Agenda);
}

#[test]
fn r_on_the_person_page_defaults_to_their_latest_meeting_not_written_up() {
    let (mut m, mut runner) = demo_on_sunday();
    let (day, person) = select_past_one_on_one(&mut m);
    keys(&mut m, "4");
    let index = m
        .people
        .list
        .rows
        .iter()
        .position(|p| p.person.id == person)
        .unwrap();
    m.people.list.selected = index;
    keys_settled(&mut m, &mut runner, "\nr");
    let date = form_value(&m, "date");
    assert!(
        date.as_str() >= day.format("%Y-%m-%d").to_string().as_str() && date != "2026-11-29",
        "the week's meeting, not today: {date}"
    );
}

#[test]
fn esc_goes_back_where_the_user_came_from() {
    let (mut m, mut runner) = demo_on_sunday();
    select_past_one_on_one(&mut m);
    // Agenda → prep → Esc: the agenda.
    keys_settled(&mut m, &mut runner, "\n");
    assert_eq!(m.people.page.view, PeopleView::Prep);
    keys(&mut m, "<Esc>");
    assert_eq!(m.tab, Tab::Agenda);
    // The 1:1s tab shows its list again, not a stale prep view.
    keys(&mut m, "4");
    assert_eq!(m.people.page.view, PeopleView::List);
    // List → page → prep → Esc: the page; Esc: the list; Esc: stays.
    keys_settled(&mut m, &mut runner, "\np");
    assert_eq!(m.people.page.view, PeopleView::Prep);
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.people.page.view, PeopleView::Detail);
    keys(&mut m, "<Esc>");
    assert_eq!(m.people.page.view, PeopleView::List);
    keys(&mut m, "<Esc>");
    assert_eq!(m.tab, Tab::People);
    // A tab switched to by hand forgets where the user came from.
    keys(&mut m, "1");
    select_past_one_on_one(&mut m);
    keys_settled(&mut m, &mut runner, "\n");
    keys(&mut m, "5");
    keys(&mut m, "4<Esc>");
    assert_eq!(m.tab, Tab::People);
}

/// Every row of the view shown, selected in turn, is drawn with the cursor at `w`×`h`.
fn every_row_is_reachable(m: &mut Model, w: u16, h: u16) {
    let rows = m.people.page.rows();
    assert!(rows.len() > 5, "a view worth scrolling: {rows:?}");
    keys(m, "g");
    for (i, row) in rows.iter().enumerate() {
        let text = screen(m, w, h);
        let marked: Vec<&str> = text.lines().filter(|l| l.contains('▌')).collect();
        assert!(
            !marked.is_empty(),
            "row {i} ({row:?}) is not on screen at {w}x{h}:\n{text}"
        );
        keys(m, "j");
    }
}

#[test]
fn the_prep_view_and_the_person_page_scroll_to_every_row_at_80x24() {
    let (mut m, mut runner) = demo();
    keys(&mut m, "4");
    // The person with the most on their page.
    let busiest = m
        .people
        .list
        .rows
        .iter()
        .enumerate()
        .max_by_key(|(_, p)| p.stats.topics + p.stats.open_mine + p.stats.open_theirs)
        .map(|(i, _)| i)
        .unwrap();
    m.people.list.selected = busiest;
    keys_settled(&mut m, &mut runner, "p");
    for (w, h) in [(80, 24), (60, 20), (160, 48)] {
        every_row_is_reachable(&mut m, w, h);
    }
    // The prompts are reachable in the prep view.
    keys(&mut m, "G");
    assert!(matches!(m.people.page.current(), Some(Row::Prompt(_))));
    let text = screen(&mut m, 80, 24);
    assert!(text.contains("▌ • "), "{text}");
    keys_settled(&mut m, &mut runner, "<Esc>\n");
    assert_eq!(m.people.page.view, PeopleView::Detail);
    for (w, h) in [(80, 24), (60, 20), (160, 48)] {
        every_row_is_reachable(&mut m, w, h);
    }
}

/// A person deleted elsewhere while their page is open: the page kept their header, context and
/// prompts with its lists emptied; it closes to the list and says so (adversarial pass).
#[test]
fn a_page_whose_person_was_deleted_elsewhere_closes_and_says_so() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "4\n");
    assert_eq!(m.people.page.view, PeopleView::Detail);
    let id = m.people.page.person_id.unwrap();
    let name = m
        .people
        .page
        .detail
        .as_ref()
        .map(|d| d.overview.person.name.clone())
        .unwrap();
    crate::store::people::delete(runner.store.conn(), id).unwrap();
    // What a reload after another writer's change runs for the open page.
    let reload = m.people.page.load().into_iter().collect();
    settle(&mut m, &mut runner, reload);
    assert_eq!(m.people.page.view, PeopleView::List);
    assert!(m.people.page.detail.is_none());
    let status = m
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert_eq!(status, format!("{name} was deleted elsewhere."));
    assert!(!screen(&mut m, 80, 24).contains("Private context"));
}

/// A note form left open on a person whom another writer deleted, and then added someone else:
/// the newcomer took the deleted person's number, and the note was saved on them with "Note
/// saved." (adversarial pass). Numbers are not given twice: the save finds nobody.
#[test]
fn a_note_form_open_on_a_deleted_person_does_not_save_onto_the_next_one_added() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "4\n");
    let id = m.people.page.person_id.unwrap();
    keys_settled(&mut m, &mut runner, "n");
    // Elsewhere: the person and everyone added after them go, then someone new comes.
    let conn = runner.store.conn();
    conn.execute("DELETE FROM person WHERE id >= ?1", [id])
        .unwrap();
    let input = crate::ops::people::PersonInput {
        draft: crate::domain::person::PersonDraft {
            name: "Zoe Zed".into(),
            ..Default::default()
        },
        one_on_one: None,
    };
    let zoe = crate::ops::people::add_person(&mut runner.store, input, chrono::Weekday::Mon, m.now)
        .unwrap();
    assert_ne!(zoe.id, id, "a number given once is not given again");
    keys_settled(&mut m, &mut runner, "\tsalary band question<C-s>");
    let notes: i64 = runner
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM note WHERE person_id = ?1",
            [zoe.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(notes, 0);
    // The form stays open with the text typed, and says why.
    let shown = screen(&mut m, 80, 24);
    assert!(shown.contains("it was deleted elsewhere"), "{shown}");
    assert!(shown.contains("salary band question"), "{shown}");
}

/// `e` on a talking point or an action of the person page opened the person's form; the help
/// says it edits the selected item (adversarial pass).
#[test]
fn e_on_a_talking_point_or_an_action_does_not_open_the_persons_form() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "4\n");
    for (row, says) in [
        (Row::Topic(0), "talking point"),
        (Row::Action(0), "O, then e"),
    ] {
        let at = m
            .people
            .page
            .rows()
            .iter()
            .position(|r| std::mem::discriminant(r) == std::mem::discriminant(&row))
            .expect("the demo's first person has both");
        m.people.page.cursor = at;
        keys(&mut m, "e");
        assert!(m.overlay.is_none(), "no form: {:?}", m.overlay);
        let status = m
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(status.contains(says), "{status}");
    }
}
