//! `d` on the Rituals tab reads the series with its meetings' records before it asks, says how
//! many meetings' notes would go, and deletes the series only as it was read.

use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus, Ritual, RitualFields};
use crate::ops::ritual_delete::SeriesShown;
use crate::ops::rituals::RitualOverview;
use crate::tui::effects::rituals::RitualsEffect;
use crate::tui::model::{Overlay, Tab};
use crate::tui::msg::{Effect, Msg};
use crate::tui::panes::rituals::RitualsMsg;
use crate::tui::testing::{at, demo, keys, keys_settled, model};
use crate::tui::update::update;

fn staff() -> Ritual {
    Ritual {
        id: 7,
        fields: RitualFields::new("Staff", Some("FREQ=WEEKLY".into()), at(10, 0), 30),
        previous_id: None,
    }
}

fn meeting(day: i64, notes: &str) -> OccurrenceRecord {
    OccurrenceRecord {
        id: day,
        ritual_id: 7,
        original_start: at(10, 0) - chrono::Duration::days(7 * day),
        status: OccurrenceStatus::Held,
        moved_to: None,
        notes: notes.into(),
        decisions: String::new(),
        agenda_done: String::new(),
    }
}

fn question(m: &crate::tui::model::Model) -> &str {
    match &m.overlay {
        Some(Overlay::Confirm { message, .. }) => message,
        other => panic!("no question: {other:?}"),
    }
}

#[test]
fn d_reads_the_meetings_first_then_asks_and_deletes_only_what_it_read() {
    let mut m = model();
    let row = RitualOverview {
        ritual: staff(),
        schedule: "every week at 10:00, 30 min".into(),
        next: None,
        last: None,
        person: None,
        ended: false,
    };
    update(&mut m, Msg::Rituals(RitualsMsg::Loaded(vec![row])));
    keys(&mut m, "3");
    assert_eq!(m.tab, Tab::Rituals);

    let effects = keys(&mut m, "d");
    assert_eq!(effects, [Effect::Rituals(RitualsEffect::AskDelete(7))]);
    assert!(
        m.overlay.is_none(),
        "no question before the meetings are read"
    );

    // Three meeting records, two written up; the held mark alone has no notes.
    let read = SeriesShown {
        ritual: staff(),
        meetings: vec![meeting(1, "Budget"), meeting(2, ""), meeting(3, "Hiring")],
    };
    update(
        &mut m,
        Msg::Rituals(RitualsMsg::AskDelete(Box::new(read.clone()))),
    );
    assert_eq!(
        question(&m),
        "Delete \"Staff\" and the notes of 2 of its meetings? To stop it but keep its history, \
         edit its schedule instead."
    );
    let effects = keys(&mut m, "y");
    assert_eq!(
        effects,
        [Effect::Rituals(RitualsEffect::Delete(Box::new(read)))],
        "the delete compares with what the question was asked from"
    );
    assert!(m.overlay.is_none());

    // A series with no notes says so; n deletes nothing.
    keys(&mut m, "d");
    let bare = SeriesShown {
        ritual: staff(),
        meetings: vec![meeting(2, "")],
    };
    update(&mut m, Msg::Rituals(RitualsMsg::AskDelete(Box::new(bare))));
    assert!(
        question(&m).starts_with("Delete \"Staff\"? None of its meetings has notes."),
        "{}",
        question(&m)
    );
    assert!(keys(&mut m, "n").is_empty());
    assert!(m.overlay.is_none());
}

/// With the store behind it: the question counts the notes stored on the series' meetings.
#[test]
fn on_the_demo_the_question_counts_the_notes_stored_and_yes_deletes() {
    use crate::ops::rituals::{WriteUp, save_occurrence};
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, "3");
    let id = m.rituals.current().map(|r| r.ritual.id).unwrap();
    let shown = crate::ops::ritual_delete::series_shown(&runner.store, id).unwrap();
    // The demo's meetings carry marks, not notes: two of them get some.
    for record in shown.meetings.iter().take(2) {
        let up = WriteUp {
            status: record.status,
            notes: "Agreed the hiring plan".into(),
            decisions: String::new(),
            agenda_done: String::new(),
        };
        save_occurrence(&mut runner.store, id, record.original_start, &up, None).unwrap();
    }
    keys_settled(&mut m, &mut runner, "d");
    let asked = question(&m).to_string();
    assert!(
        asked.contains("and the notes of 2 of its meetings?"),
        "{asked}"
    );
    keys_settled(&mut m, &mut runner, "y");
    assert!(crate::ops::rituals::get_ritual(&runner.store, id).is_err());
    let status = m
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.starts_with("Deleted \""), "{status}");
}
