//! The meeting dialog (`Enter` on a meeting in the agenda): whether it was held, the series'
//! agenda as a checklist to tick off, what was said and what was decided.

use crate::domain::agenda::AgendaItem;
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus};
use crate::ops::links::Linked;
use crate::ops::rituals::{WriteUp, meeting_ref};
use crate::tui::linkables::with_links_field;
use crate::tui::pane::Ctx;
use crate::tui::panes::detail_links::DetailLinks;
use crate::tui::widgets::form::Form;

/// The tick boxes' group in the form.
const AGENDA: &str = "agenda";

/// The items to tick: the series' agenda, then any ticked before that the agenda no longer
/// lists (so saving never drops a tick the user made).
fn items(checklist: &[String], record: &OccurrenceRecord) -> Vec<(String, bool)> {
    let done: Vec<&str> = record
        .agenda_done
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut items: Vec<(String, bool)> = checklist
        .iter()
        .map(|item| (item.clone(), done.contains(&item.as_str())))
        .collect();
    for gone in done.iter().filter(|d| !checklist.iter().any(|c| c == *d)) {
        items.push((gone.to_string(), true));
    }
    items
}

/// A meeting's dialog, on its stored state and its series' agenda.
pub fn occurrence_form(
    item: &AgendaItem,
    record: &OccurrenceRecord,
    checklist: &[String],
    links: Vec<Linked>,
    ctx: &Ctx<'_>,
) -> Form {
    let statuses = vec!["scheduled".to_string(), "held".into(), "skipped".into()];
    // A meeting being written up has happened: default to held once it has started.
    let status = match record.status {
        OccurrenceStatus::Scheduled if item.starts_at() <= ctx.now => 1,
        OccurrenceStatus::Scheduled => 0,
        OccurrenceStatus::Held => 1,
        OccurrenceStatus::Skipped => 2,
    };
    let when = item.starts_at().format("%a %-d %b %H:%M");
    let mut f =
        Form::new(format!("{} · {when}", item.title)).choice("status", "Status", statuses, status);
    for (i, (text, done)) in items(checklist, record).into_iter().enumerate() {
        f = f.check_owned(AGENDA, i64::try_from(i).unwrap_or(0), text, done);
    }
    let f = f
        .multiline("notes", "Notes", &record.notes, "what was said")
        .multiline(
            "decisions",
            "Decisions",
            &record.decisions,
            "what was decided, one per line",
        );
    // The links hang on the occurrence's row: none before its first save, which creates it.
    let me = (record.id != 0).then(|| meeting_ref(record.id));
    let mut held = DetailLinks::default();
    if let Some(me) = me {
        held.set(me, links);
    }
    with_links_field(f, me, &held)
}

/// What the dialog saves.
pub fn write_up(form: &Form) -> WriteUp {
    WriteUp {
        status: match form.choice_index("status") {
            1 => OccurrenceStatus::Held,
            2 => OccurrenceStatus::Skipped,
            _ => OccurrenceStatus::Scheduled,
        },
        notes: form.value("notes"),
        decisions: form.value("decisions"),
        agenda_done: form.checked_labels(AGENDA).join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::agenda::ItemKind;
    use crate::domain::ritual::OccurrenceStatus;
    use crate::tui::model::Overlay;
    use crate::tui::testing::{demo, keys_settled, screen};
    use crate::tui::widgets::form::{FieldKind, Form};

    fn form(m: &crate::tui::model::Model) -> &Form {
        match &m.overlay {
            Some(Overlay::Form { form, .. }) => form,
            _ => panic!("no form"),
        }
    }

    fn ticks(form: &Form) -> Vec<(String, bool)> {
        form.fields
            .iter()
            .filter(|f| f.kind == FieldKind::Check)
            .map(|f| (f.shown_label().to_string(), f.text() == "yes"))
            .collect()
    }

    #[test]
    fn the_meeting_dialog_lists_the_series_agenda_to_tick_and_keeps_the_ticks() {
        let (mut m, mut runner) = demo();
        let today = m.today();
        let index = m
            .agenda
            .items_on(today)
            .iter()
            .position(|i| i.kind == ItemKind::Ritual)
            .expect("a meeting today");
        m.agenda.item = index;
        let ritual = m.agenda.items_on(today)[index].id;
        let agenda = crate::ops::rituals::get_ritual(&runner.store, ritual)
            .unwrap()
            .fields
            .agenda;
        let items: Vec<&str> = agenda.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            items.len() >= 2,
            "the demo's meeting has an agenda: {agenda:?}"
        );
        keys_settled(&mut m, &mut runner, "\n");
        let listed = ticks(form(&m));
        assert_eq!(
            listed,
            items
                .iter()
                .map(|i| (i.trim().to_string(), false))
                .collect::<Vec<_>>()
        );
        for (w, h) in [(80, 24), (160, 48)] {
            let text = screen(&mut m, w, h);
            assert!(text.contains(&format!("[ ] {}", items[0].trim())), "{text}");
        }
        // Tick the second item and save.
        keys_settled(&mut m, &mut runner, "\t\t<Space><C-s>");
        assert!(m.overlay.is_none(), "saved");
        let original = m.agenda.items_on(today)[index].occurrence.unwrap();
        let record = crate::ops::rituals::occurrence(&runner.store, ritual, original).unwrap();
        assert_eq!(record.agenda_done, items[1].trim());
        assert_eq!(
            record.status,
            OccurrenceStatus::Scheduled,
            "not started yet"
        );
        // Opened again, it shows the tick.
        keys_settled(&mut m, &mut runner, "\n");
        let listed = ticks(form(&m));
        assert_eq!(listed[1], (items[1].trim().to_string(), true));
        assert!(!listed[0].1);
    }
}

#[cfg(test)]
#[path = "meeting_follow_tests.rs"]
mod follow_tests;

#[cfg(test)]
#[path = "meeting_links_tests.rs"]
mod links_tests;
