//! Every key the shipped keymap binds does something where it is bound: each pane handles the
//! actions of its own context and of the lists', `update` handles the global ones, and each
//! overlay the actions of its own. A binding nobody handles is a key that silently does nothing.

use super::*;
use crate::domain::ritual::OccurrenceStatus;
use crate::tui::keymap::Keymap;
use crate::tui::pane::Target;
use crate::tui::panes::risks::RiskView;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::palette::PaletteState;
use crate::tui::widgets::search::SearchState;

fn demo() -> Model {
    crate::tui::testing::demo().0
}

/// The model in each state a pane's keys are read in: every tab, the person page, the prep
/// view, the heat map, the agenda's radar.
fn states() -> Vec<(String, Model)> {
    let base = demo();
    let mut states = Vec::new();
    for &tab in Tab::ALL {
        let mut m = base.clone();
        m.tab = tab;
        states.push((format!("{tab:?}"), m));
    }
    let person = base.people.list.rows[0].person.id;
    for view in [PeopleView::Detail, PeopleView::Prep] {
        let mut m = base.clone();
        apply(&mut m, vec![Request::Show(Target::Person(person, view))]);
        states.push((format!("{view:?}"), m));
    }
    let mut map = base.clone();
    map.tab = Tab::Risks;
    map.risks.view = RiskView::HeatMap;
    states.push(("heat map".into(), map));
    let mut radar = base.clone();
    radar.agenda.radar.focused = true;
    states.push(("radar".into(), radar));
    let mut metric = base.clone();
    metric.tab = Tab::Scorecard;
    metric.scorecard.detail = metric.scorecard.card.metrics.first().map(|m| m.id());
    assert!(metric.scorecard.detail.is_some(), "the demo has metrics");
    states.push(("metric detail".into(), metric));
    states
}

#[test]
fn every_pane_handles_the_actions_bound_in_its_context_and_the_lists() {
    let keymap = Keymap::shipped();
    for (name, model) in states() {
        let context = model.context();
        let mut actions: Vec<Action> = keymap
            .bindings(context)
            .into_iter()
            .chain(keymap.bindings(KeyContext::List))
            .map(|(action, _)| action)
            .collect();
        actions.dedup();
        for action in actions {
            let mut m = model.clone();
            let tab = m.tab;
            let (mut panes, ctx) = m.parts();
            assert!(
                panes.get(tab).on_action(action, &ctx).is_some(),
                "{name} ({context}): {} is bound but does nothing",
                action.name()
            );
        }
    }
}

#[test]
fn every_global_action_is_handled_by_update() {
    for (action, _) in Keymap::shipped().bindings(KeyContext::Global) {
        let mut m = demo();
        assert!(
            run_global(&mut m, action).is_some(),
            "global: {} is bound but does nothing",
            action.name()
        );
    }
}

#[test]
fn every_overlay_handles_the_actions_bound_in_its_context() {
    let keymap = Keymap::shipped();
    type Handles = fn(Action) -> bool;
    let handled: [(KeyContext, Handles); 5] = [
        (KeyContext::Form, Form::handles),
        (KeyContext::Palette, PaletteState::handles),
        (KeyContext::Search, SearchState::handles),
        (KeyContext::Confirm, |a| {
            matches!(a, Action::Confirm | Action::Decline)
        }),
        (KeyContext::Help, |a| {
            matches!(
                a,
                Action::Down | Action::Up | Action::PageDown | Action::PageUp
            )
        }),
    ];
    for (context, handles) in handled {
        let bound = keymap.bindings(context);
        assert!(!bound.is_empty(), "{context} has no keys");
        for (action, _) in bound {
            assert!(
                handles(action),
                "{context}: {} is bound but does nothing",
                action.name()
            );
        }
    }
}

#[test]
fn the_demo_has_meetings_to_act_on() {
    // The agenda's keys act on the selected item; the test above is only as good as the week.
    let m = demo();
    assert!(
        m.agenda
            .data
            .iter()
            .flat_map(|a| a.items.iter())
            .any(|i| i.status == Some(OccurrenceStatus::Scheduled))
    );
}

#[test]
fn every_tab_has_a_key_and_every_pane_context_has_bindings() {
    let keymap = Keymap::shipped();
    for &tab in Tab::ALL {
        assert!(
            keymap.key_for(KeyContext::Global, tab.action()).is_some(),
            "no key switches to {tab:?}"
        );
    }
    for (name, model) in states() {
        assert!(
            !keymap.bindings(model.context()).is_empty(),
            "{name}: its keymap section is missing"
        );
    }
}
