//! The command palette through `update`: what it offers, and that running an action from it is
//! the same as pressing the action's key.

use super::tests::{keys, model};
use super::*;
use crate::tui::model::FormPurpose;
use crate::tui::panes::people::PeopleForm;

fn palette(m: &Model) -> &PaletteState {
    match &m.overlay {
        Some(Overlay::Palette(state)) => state,
        other => panic!("no palette open: {other:?}"),
    }
}

#[test]
fn colon_opens_the_palette_with_the_panes_actions_first() {
    let mut m = model();
    keys(&mut m, "4:");
    let state = palette(&m);
    assert_eq!(state.entries[0].action, Action::Add);
    assert!(
        state.entries.iter().all(|e| e.action != Action::CycleSort),
        "risk-only actions are not offered on the people list"
    );
    keys(&mut m, "\x1b");
    assert!(m.overlay.is_none(), "Esc closes");
}

#[test]
fn enter_runs_the_chosen_action_as_its_key_would() {
    let mut pressed = model();
    keys(&mut pressed, "4j");
    let by_key = keys(&mut pressed, "e");
    let mut chosen = model();
    keys(&mut chosen, "4j:edit the sel");
    let by_palette = keys(&mut chosen, "\n");
    assert_eq!(by_key, by_palette);
    let purpose = |m: &Model| match &m.overlay {
        Some(Overlay::Form { purpose, .. }) => Some(purpose.clone()),
        _ => None,
    };
    assert!(
        matches!(purpose(&chosen), Some(FormPurpose::People(PeopleForm::EditPerson(p))) if p.person.id == 2),
        "{:?}",
        purpose(&chosen)
    );
    assert_eq!(purpose(&pressed), purpose(&chosen));
}

#[test]
fn palette_actions_obey_read_only_and_switch_tabs() {
    let mut m = model();
    m.read_only = true;
    keys(&mut m, "4:add a new\n");
    assert!(m.overlay.is_none());
    assert!(m.status.as_ref().unwrap().text.contains("read-only"));
    keys(&mut m, ":risk register\n");
    assert_eq!(m.tab, Tab::Risks);
    keys(&mut m, ":quit\n");
    assert!(m.quit);
}
