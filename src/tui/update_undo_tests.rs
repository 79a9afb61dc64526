//! `u` and Ctrl-R through `update`: they ask the runner to undo or redo, from every tab, and the
//! answer reloads every pane.

use super::tests::{keys, model};
use super::*;
use crate::tui::model::StatusKind;
use crate::tui::testing::assert_reloads_everything;
use crossterm::event::{KeyCode, KeyModifiers};

fn ctrl_r(m: &mut Model) -> Vec<Effect> {
    update(
        m,
        Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
    )
}

#[test]
fn u_undoes_and_ctrl_r_redoes_on_every_tab() {
    let mut m = model();
    for tab in ["1", "2", "3", "4", "5", "4\n"] {
        keys(&mut m, tab);
        assert_eq!(keys(&mut m, "u"), vec![Effect::Undo], "tab {tab}");
        assert_eq!(ctrl_r(&mut m), vec![Effect::Redo], "tab {tab}");
    }
}

#[test]
fn the_answer_is_shown_and_every_pane_reloads() {
    let mut m = model();
    let effects = update(
        &mut m,
        Msg::Saved {
            message: "Undid: adding Grace.".into(),
            select: None,
        },
    );
    assert_reloads_everything(&mut m, effects);
    assert_eq!(
        m.status.as_ref().map(|s| s.text.as_str()),
        Some("Undid: adding Grace.")
    );
}

#[test]
fn read_only_refuses_undo_and_redo() {
    let mut m = model();
    m.read_only = true;
    assert!(keys(&mut m, "u").is_empty());
    assert_eq!(m.status.as_ref().map(|s| s.kind), Some(StatusKind::Error));
    assert!(ctrl_r(&mut m).is_empty());
}

#[test]
fn help_lists_undo_and_redo() {
    assert_eq!(Action::Undo.description(), "Undo the last change made here");
    assert_eq!(Action::from_name("redo"), Some(Action::Redo));
}

/// Ten years of data: a save on a person's page redraws after that tab's load; the other tabs
/// load after the redraw (the loop runs `reload_rest` when no key is waiting).
#[test]
fn a_save_loads_the_tab_on_screen_first_and_the_others_after_the_redraw() {
    use crate::tui::effects::people::PeopleEffect;
    use crate::tui::effects::risks::RisksEffect;
    let mut m = model();
    keys(&mut m, "4");
    let now = update(
        &mut m,
        Msg::Saved {
            message: "Ticked.".into(),
            select: None,
        },
    );
    assert!(now.contains(&Effect::People(PeopleEffect::Load)), "{now:?}");
    assert!(!now.contains(&Effect::Risks(RisksEffect::Load)), "{now:?}");
    assert_eq!(m.reload_later, Some(Tab::People));
    let later = reload_rest(&mut m);
    assert!(
        later.contains(&Effect::Risks(RisksEffect::Load)),
        "{later:?}"
    );
    assert!(
        !later.contains(&Effect::People(PeopleEffect::Load)),
        "{later:?}"
    );
    assert!(reload_rest(&mut m).is_empty(), "once");
}
