//! The all-day companion through `update`: reminders announced once with their bell and command,
//! and the mouse (tabs, rows, the wheel) mapped through the layout `view` draws with.

use super::tests::{keys, model};
use super::*;
use crate::domain::agenda::AgendaItem;
use crate::domain::ritual::{Ritual, RitualFields};
use crate::ops::rituals::RitualOverview;
use chrono::{Duration, NaiveDateTime};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

fn meeting(m: &Model, id: i64, title: &str, in_min: i64) -> AgendaItem {
    reminders::test_meeting(id, title, m.now + Duration::minutes(in_min))
}

fn ritual(id: i64, name: &str, prep_min: u32, start: NaiveDateTime) -> RitualOverview {
    RitualOverview {
        ritual: Ritual {
            id,
            fields: RitualFields {
                prep_min,
                ..RitualFields::new(name, Some("FREQ=WEEKLY".into()), start, 30)
            },
            previous_id: None,
        },
        schedule: "weekly".into(),
        next: Some(start),
        last: None,
        person: None,
        ended: false,
    }
}

fn status(m: &Model) -> Option<&str> {
    m.status.as_ref().map(|s| s.text.as_str())
}

#[test]
fn a_meeting_inside_the_lead_is_announced_once_with_bell_and_command() {
    let mut m = model();
    m.reminder_bell = true;
    m.reminder_command = vec!["notify-send".into(), "Bearing".into()];
    let staff = meeting(&m, 7, "Staff meeting", 5);
    let start = staff.starts_at();
    let effects = update(&mut m, Msg::UpcomingLoaded(vec![staff.clone()]));
    assert_eq!(status(&m), Some("Staff meeting in 5 min"));
    assert_eq!(
        effects,
        vec![
            Effect::Bell,
            Effect::RunDetached(vec![
                "notify-send".into(),
                "Bearing".into(),
                "Staff meeting".into(),
                start.format("%H:%M").to_string(),
            ])
        ]
    );
    // A minute later the same occurrence is not announced again.
    let later = m.now + Duration::minutes(1);
    let effects = update(&mut m, Msg::Tick(later));
    assert!(!effects.contains(&Effect::Bell), "{effects:?}");
    assert!(
        !effects.contains(&Effect::LoadUpcoming),
        "within the day the loaded list is enough: {effects:?}"
    );
    let effects = update(&mut m, Msg::UpcomingLoaded(vec![staff]));
    assert!(effects.is_empty());
}

#[test]
fn no_bell_or_command_unless_configured_and_far_meetings_wait() {
    let mut m = model();
    let far = meeting(&m, 7, "Staff meeting", 20);
    assert!(update(&mut m, Msg::UpcomingLoaded(vec![far])).is_empty());
    assert_eq!(status(&m), None);
    let near = meeting(&m, 8, "Delivery review", 3);
    assert!(update(&mut m, Msg::UpcomingLoaded(vec![near])).is_empty());
    assert_eq!(status(&m), Some("Delivery review in 3 min"));
}

#[test]
fn a_ritual_with_longer_prep_is_announced_at_its_prep_lead() {
    let mut m = model();
    let roadmap = meeting(&m, 9, "Roadmap checkpoint", 30);
    m.rituals.list.set_rows(vec![ritual(
        9,
        "Roadmap checkpoint",
        30,
        roadmap.starts_at(),
    )]);
    update(&mut m, Msg::UpcomingLoaded(vec![roadmap]));
    assert_eq!(status(&m), Some("Roadmap checkpoint in 30 min"));
}

#[test]
fn a_failed_reminder_command_becomes_a_status_message() {
    let mut m = model();
    update(
        &mut m,
        Msg::Reminded(Err("The reminder command \"nope\" could not start".into())),
    );
    let s = m.status.as_ref().unwrap();
    assert_eq!(s.kind, crate::tui::model::StatusKind::Error);
    assert!(s.text.contains("nope"));
    update(&mut m, Msg::Reminded(Ok(())));
    assert!(m.status.is_some(), "success says nothing more");
}

fn click(m: &mut Model, column: u16, row: u16) -> Vec<Effect> {
    mouse(m, MouseEventKind::Down(MouseButton::Left), column, row)
}

fn mouse(m: &mut Model, kind: MouseEventKind, column: u16, row: u16) -> Vec<Effect> {
    update(
        m,
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    )
}

fn sized(width: u16, height: u16) -> Model {
    let mut m = model();
    update(&mut m, Msg::Resize { width, height });
    m
}

#[test]
fn clicking_a_tab_switches_to_it() {
    // At 80 columns every title still shows: the brand shrinks to its mark and the labels
    // touch (each has a space at both ends): " ◆ " " 1 Agenda "" 2 Plan "" 3 Rituals " …
    let bar = ratatui::layout::Rect::new(0, 0, 80, 1);
    let labels = crate::tui::screen::tab_rects(bar, Tab::Agenda);
    assert_eq!(labels.len(), Tab::ALL.len(), "no tab falls off the bar");
    for (tab, rect, label) in &labels {
        assert_eq!(label, &format!(" {} {} ", tab.index() + 1, tab.title()));
        assert_eq!(
            usize::from(rect.width),
            label.chars().count(),
            "{label} is cut"
        );
    }
    let mut m = sized(80, 24);
    click(&mut m, 16, 0);
    assert_eq!(m.tab, Tab::Plan);
    let mut m = sized(100, 30);
    // " ◆ Bearing "  " 1 Agenda " " 2 Plan " " 3 Rituals " " 4 1:1s " " 5 Risks "
    click(&mut m, 47, 0);
    assert_eq!(m.tab, Tab::People);
    click(&mut m, 25, 0);
    assert_eq!(m.tab, Tab::Plan);
    click(&mut m, 55, 0);
    assert_eq!(m.tab, Tab::Risks);
    click(&mut m, 3, 0);
    assert_eq!(m.tab, Tab::Risks, "the brand is not a tab");
    click(&mut m, 22, 0);
    assert_eq!(m.tab, Tab::Risks, "nor the space between tabs");
    // At 60 columns the brand shrinks to its mark and the tabs not shown to their numbers, so
    // that every tab fits: " ◆ " " 1 Agenda " " 2 " " 3 " " 4 " " 5 " …
    let mut m = sized(60, 20);
    click(&mut m, 28, 0);
    assert_eq!(m.tab, Tab::Risks);
    click(&mut m, 5, 0);
    assert_eq!(m.tab, Tab::Agenda);
    let bar = ratatui::layout::Rect::new(0, 0, 60, 1);
    let labels = crate::tui::screen::tab_rects(bar, Tab::Risks);
    assert_eq!(labels.len(), Tab::ALL.len(), "no tab falls off the bar");
    assert!(
        labels
            .iter()
            .any(|(t, _, l)| *t == Tab::Risks && l == " 5 Risks ")
    );
}

#[test]
fn clicking_a_row_selects_it_and_the_wheel_moves_the_selection() {
    let mut m = sized(80, 24);
    keys(&mut m, "4");
    // Tabs on line 0, a blank line, the table's rule and its header: rows from line 4.
    click(&mut m, 10, 5);
    assert_eq!(m.people.list.selected, 1);
    click(&mut m, 10, 4);
    assert_eq!(m.people.list.selected, 0);
    click(&mut m, 10, 12);
    assert_eq!(
        m.people.list.selected, 0,
        "below the last row nothing changes"
    );
    mouse(&mut m, MouseEventKind::ScrollDown, 10, 10);
    assert_eq!(m.people.list.selected, 1);
    mouse(&mut m, MouseEventKind::ScrollUp, 10, 10);
    assert_eq!(m.people.list.selected, 0);
}

#[test]
fn the_mouse_waits_while_an_overlay_is_open_and_below_the_minimum_size() {
    let mut m = sized(80, 24);
    keys(&mut m, "4?");
    click(&mut m, 10, 5);
    mouse(&mut m, MouseEventKind::ScrollDown, 10, 10);
    assert_eq!(m.people.list.selected, 0);
    keys(&mut m, "\x1b");
    let mut small = sized(50, 12);
    click(&mut small, 47, 0);
    assert_eq!(small.tab, Tab::Agenda);
}

#[test]
fn a_click_lands_on_the_row_drawn_under_it_even_when_scrolled() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut m = sized(80, 24);
    let rows = (1..=40)
        .map(|i| super::tests::person(i, &format!("Person {i:02}")))
        .collect();
    m.people.list.set_rows(rows);
    keys(&mut m, "4");
    for _ in 0..30 {
        keys(&mut m, "j");
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| crate::tui::view::view(&m, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let line = |y: u16| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>();
    let mut clicked = 0;
    for y in 0..24 {
        let mut probe = m.clone();
        click(&mut probe, 10, y);
        if probe.people.list.selected != m.people.list.selected || line(y).contains("Person 31") {
            let name = &probe.people.list.current().unwrap().person.name;
            assert!(
                line(y).contains(name.as_str()),
                "line {y}: {:?} vs {name}",
                line(y)
            );
            clicked += 1;
        }
    }
    assert!(clicked >= 15, "only {clicked} rows were clickable");
}
