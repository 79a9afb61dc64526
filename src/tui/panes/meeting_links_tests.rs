//! Issue 22 in the meeting dialog: its Links field links the meeting (its occurrence) to the
//! goals and risks reviewed there, saved with the write-up as one undo step.

use crate::domain::agenda::ItemKind;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::rituals::meeting_ref;
use crate::tui::effects::Runner;
use crate::tui::model::{Model, Overlay};
use crate::tui::testing::{demo, keys_settled, screen};

/// Selects today's first meeting in the agenda; its series and its start.
fn select_todays_meeting(m: &mut Model) -> (i64, chrono::NaiveDateTime) {
    let today = m.today();
    let index = m
        .agenda
        .items_on(today)
        .iter()
        .position(|i| i.kind == ItemKind::Ritual)
        .expect("a meeting today");
    m.agenda.item = index;
    let item = m.agenda.items_on(today)[index];
    (item.id, item.occurrence.expect("a meeting"))
}

/// The last risk of the demo, as the picker names it.
fn a_risk(runner: &Runner) -> (ObjectRef, String) {
    let risks = crate::ops::risks::list_risks(&runner.store).unwrap();
    let r = risks.last().expect("the demo has risks");
    (ObjectRef::new(LinkKind::Risk, r.id), r.fields.title.clone())
}

/// The meeting's links (none while it has no row).
fn meeting_links(runner: &Runner, ritual: i64, original: chrono::NaiveDateTime) -> Vec<ObjectRef> {
    let record = crate::ops::rituals::occurrence(&runner.store, ritual, original).unwrap();
    if record.id == 0 {
        return Vec::new();
    }
    crate::ops::links::links_of(&runner.store, meeting_ref(record.id))
        .unwrap()
        .iter()
        .map(crate::ops::links::Linked::object)
        .collect()
}

#[test]
fn the_meeting_dialog_links_a_risk_with_the_picker_and_one_undo_takes_back_the_save() {
    let (mut m, mut runner) = demo();
    let (ritual, original) = select_todays_meeting(&mut m);
    let (risk, title) = a_risk(&runner);
    assert!(meeting_links(&runner, ritual, original).is_empty());
    // Never saved before: the save creates the occurrence and links it.
    let before = crate::ops::rituals::occurrence(&runner.store, ritual, original).unwrap();
    assert_eq!(before.id, 0, "the demo's meeting today has no row yet");
    keys_settled(&mut m, &mut runner, "\n<S-Tab>");
    keys_settled(&mut m, &mut runner, &format!("{risk} {title}"));
    let shown = screen(&mut m, 160, 48);
    assert!(shown.contains(&format!("+ ‹ {risk}")), "{shown}");
    keys_settled(&mut m, &mut runner, "\n");
    assert!(m.overlay.is_some(), "Enter in the links field adds");
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    assert_eq!(meeting_links(&runner, ritual, original), vec![risk]);
    // Opened again, the field shows the link.
    keys_settled(&mut m, &mut runner, "\n");
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("the dialog opens again")
    };
    let (added, removed) = form.link_changes("links");
    assert!(added.is_empty() && removed.is_empty());
    let shown = screen(&mut m, 160, 48);
    assert!(shown.contains(&risk.to_string()), "{shown}");
    keys_settled(&mut m, &mut runner, "<Esc>");
    // One undo takes back the save, the link with it.
    keys_settled(&mut m, &mut runner, "u");
    assert!(meeting_links(&runner, ritual, original).is_empty());
}

#[test]
fn the_meeting_dialog_removes_a_link_and_keeps_its_notes_and_the_risk() {
    let (mut m, mut runner) = demo();
    let (ritual, original) = select_todays_meeting(&mut m);
    let (risk, _) = a_risk(&runner);
    // Linked elsewhere (`bearing link`) on a meeting already written up.
    let write_up = crate::ops::rituals::WriteUp {
        status: crate::domain::ritual::OccurrenceStatus::Scheduled,
        notes: "We met.".into(),
        decisions: String::new(),
        agenda_done: String::new(),
    };
    crate::ops::rituals::save_write_up(&mut runner.store, ritual, original, &write_up, None, m.now)
        .unwrap();
    let row = crate::ops::rituals::occurrence(&runner.store, ritual, original)
        .unwrap()
        .id;
    crate::ops::links::link(&mut runner.store, meeting_ref(row), risk, m.now).unwrap();
    keys_settled(&mut m, &mut runner, "\n<S-Tab><BS><C-s>");
    assert!(m.overlay.is_none(), "{:?}", m.status);
    assert!(meeting_links(&runner, ritual, original).is_empty());
    let record = crate::ops::rituals::occurrence(&runner.store, ritual, original).unwrap();
    assert_eq!(record.notes, "We met.");
    assert!(crate::ops::risks::get_risk(&runner.store, risk.id).is_ok());
}
