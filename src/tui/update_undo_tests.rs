//! `u` and Ctrl-R through `update`: they ask the runner to undo or redo, from every tab, and the
//! answer reloads every pane.

use super::tests::{keys, model};
use super::*;
use crate::tui::model::StatusKind;
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
    assert_eq!(effects, reload_all(&m));
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
