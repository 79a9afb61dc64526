//! The plan tab through `update`: its columns and its one list, goals by phase, the plan start.

use super::tests::{keys, model};
use super::*;
use crate::domain::plan::Confidence;
use crate::ops::plan::tests::fields;
use crate::ops::plan::{add_goal, plan_view, start_plan};
use crate::store::Store;
use crate::tui::effects::plan::PlanEffect;
use crate::tui::panes::plan::{PlanForm, PlanMsg};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn with_plan(start: Option<NaiveDate>) -> Model {
    with_goals(start, ["Meet leaders".to_string()])
}

/// The plan tab on a plan started on `start` (none: no plan), its first phase holding a
/// goal for each of `titles`.
fn with_goals(start: Option<NaiveDate>, titles: impl IntoIterator<Item = String>) -> Model {
    let mut store = Store::open_in_memory().unwrap();
    let mut m = model();
    if let Some(start) = start {
        start_plan(&mut store, start, None, m.now).unwrap();
        for title in titles {
            add_goal(&mut store, fields(30, &title), m.now).unwrap();
        }
    }
    let view = plan_view(&store, m.today()).unwrap();
    update(&mut m, Msg::Plan(PlanMsg::Loaded(Box::new(view))));
    keys(&mut m, "2");
    m
}

#[test]
fn a_long_phase_scrolls_to_the_selected_goal_in_the_wide_columns() {
    let started = model().today() - chrono::Duration::days(5);
    let mut m = with_goals(Some(started), (1..=60).map(|i| format!("Goal {i:03}")));
    let top = crate::tui::testing::screen(&mut m, 160, 48);
    assert!(top.contains("Goal 001"), "{top}");
    keys(&mut m, &"j".repeat(39));
    let title = m.plan.selected().map(|g| g.goal.fields.title.clone());
    assert_eq!(title.as_deref(), Some("Goal 040"));
    let moved = crate::tui::testing::screen(&mut m, 160, 48);
    let column: Vec<&str> = moved.lines().map(|l| l.get(..31).unwrap_or(l)).collect();
    assert!(
        column.iter().any(|l| l.contains("Goal 040")),
        "the selected goal is in its column:\n{moved}"
    );
    assert!(!column.iter().any(|l| l.contains("Goal 001")), "{moved}");
}

#[test]
fn a_phase_of_long_titles_keeps_every_selected_goal_in_its_column() {
    let started = model().today() - chrono::Duration::days(5);
    let word = "abcdefghijklmnopqrstuvwxyza";
    let titles = (1..=30).map(|i| format!("G{i:02} {word} {word} {word} {word}"));
    let mut m = with_goals(Some(started), titles);
    for (width, height) in [(160, 48), (140, 30), (200, 24)] {
        keys(&mut m, "gg");
        for step in 1..=30 {
            let shown = crate::tui::testing::screen(&mut m, width, height);
            // The columns' rows end in their border; the detail below does not.
            let first_column: String = shown
                .lines()
                .filter(|l| l.trim_end().ends_with('│'))
                .map(|l| l.chars().take(usize::from(width) / 3).collect::<String>() + "\n")
                .collect();
            assert!(
                first_column.contains(&format!("G{step:02} ")),
                "{width}x{height}, goal {step}:\n{shown}"
            );
            keys(&mut m, "j");
        }
    }
}

/// Below 140 columns the phases are one list. Only its rows in view are made; the window
/// must still be the rows around the selected goal, in order, across phases, an empty phase
/// (its one line selected when it is) included.
#[test]
fn the_narrow_list_shows_the_rows_around_the_selected_goal_across_phases() {
    let mut store = Store::open_in_memory().unwrap();
    let mut m = model();
    let started = m.today() - chrono::Duration::days(5);
    start_plan(&mut store, started, None, m.now).unwrap();
    let title = |phase: u32, i: u32| format!("P{phase}G{i:02}");
    for phase in [30, 90] {
        for i in 1..=40 {
            add_goal(&mut store, fields(phase, &title(phase, i)), m.now).unwrap();
        }
    }
    let view = plan_view(&store, m.today()).unwrap();
    update(&mut m, Msg::Plan(PlanMsg::Loaded(Box::new(view))));
    keys(&mut m, "2");
    // The whole list: each phase's title, then its goals or its empty line.
    let mut list: Vec<String> = vec!["Days 1–30".into()];
    list.extend((1..=40).map(|i| title(30, i)));
    list.extend(["Days 31–60".into(), "no goals".into(), "Days 61–90".into()]);
    list.extend((1..=40).map(|i| title(90, i)));
    // What is selected in turn, and the keys that move on from it: down the first phase, onto
    // the empty one, then down the third.
    let mut steps: Vec<(String, &str)> = (1..=40).map(|i| (title(30, i), "j")).collect();
    steps.last_mut().unwrap().1 = "l";
    steps.push(("no goals".into(), "l"));
    steps.extend((1..=40).map(|i| (title(90, i), "j")));
    for (want, next) in &steps {
        let shown = crate::tui::testing::screen(&mut m, 80, 24);
        // The list sits between the rule below the gauges and the detail's rule.
        let rules: Vec<usize> = (shown.lines().enumerate())
            .filter(|(_, l)| l.starts_with("────"))
            .map(|(i, _)| i)
            .collect();
        let rows: Vec<&str> = shown.lines().take(rules[1]).skip(rules[0] + 1).collect();
        // At the end of the list the row after the selected one is blank.
        let labels: Vec<&str> = rows
            .iter()
            .filter(|row| !row.trim().is_empty())
            .map(|row| {
                list.iter()
                    .find(|label| row.contains(label.as_str()))
                    .map_or(*row, |label| label.as_str())
            })
            .collect();
        let focus = list.iter().position(|l| l == want).unwrap();
        let first = (focus + 2).saturating_sub(rows.len());
        assert_eq!(
            labels,
            list[first..(first + rows.len()).min(list.len())].to_vec(),
            "the rows in view are the list's, scrolled to keep {want} and the row after \
             it in view:\n{shown}"
        );
        assert!(
            rows[focus - first].starts_with('▌'),
            "{want} is marked selected:\n{shown}"
        );
        keys(&mut m, next);
    }
}

#[test]
fn goals_wait_for_a_plan_start() {
    let mut m = with_plan(None);
    keys(&mut m, "a");
    assert!(m.overlay.is_none());
    assert_eq!(
        m.status.as_ref().map(|s| s.kind),
        Some(crate::tui::model::StatusKind::Error)
    );
    keys(&mut m, "S");
    assert!(matches!(
        m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::Plan(PlanForm::Start(None)),
            ..
        })
    ));
}

#[test]
fn check_in_and_roll_over_the_selected_goal() {
    // Started 46 days ago: day 47, so days 1–30 have ended.
    let start = model().today() - chrono::Duration::days(46);
    let mut m = with_plan(Some(start));
    keys(&mut m, "h");
    assert_eq!(m.plan.selected().map(|g| g.goal.id), Some(1));
    keys(&mut m, "c");
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
    );
    let effects = keys(&mut m, "35\n");
    let [
        Effect::Plan(PlanEffect::Checkin {
            id: 1,
            progress: 35,
            confidence: Some(Confidence::OnTrack),
            note,
            opened,
        }),
    ] = effects.as_slice()
    else {
        panic!("expected a check-in, got {effects:?}");
    };
    assert!(note.is_empty());
    assert_eq!(opened.progress, 0, "the goal as the form opened it");
    update(
        &mut m,
        Msg::Saved {
            message: "ok".into(),
            select: None,
        },
    );
    keys(&mut m, "o");
    assert!(matches!(m.overlay, Some(Overlay::Confirm { .. })));
    assert_eq!(
        keys(&mut m, "y"),
        vec![Effect::Plan(PlanEffect::RollOver(1))]
    );
}
