//! The Rituals tab: every series with its schedule in words; add, edit, delete.

use crate::ops::rituals::RitualOverview;
use crate::tui::action::Action;
use crate::tui::model::{FormPurpose, Model, Overlay};
use crate::tui::msg::Effect;
use crate::tui::widgets::list::{Keyed, ListState};

use super::ritual_form::ritual_form;

pub type RitualsPane = ListState<RitualOverview>;

impl Keyed for RitualOverview {
    fn key(&self) -> i64 {
        self.ritual.id
    }
}

pub fn on_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let pane = &mut model.rituals;
    if pane.navigate(action) {
        return Vec::new();
    }
    match action {
        Action::Add => {
            let start = (model.now + chrono::Duration::days(1))
                .date()
                .and_hms_opt(10, 0, 0)
                .unwrap_or(model.now);
            let form = ritual_form(None, start, &model.people.rows, model.now);
            model.overlay = Some(Overlay::Form {
                form: Box::new(form),
                purpose: FormPurpose::AddRitual,
            });
        }
        Action::Edit => {
            if let Some(id) = pane.current().map(|r| r.ritual.id) {
                edit(model, id);
            }
        }
        Action::Delete => {
            if let Some(r) = pane.current() {
                model.overlay = Some(Overlay::Confirm {
                    message: format!(
                        "Delete \"{}\" and the notes of all its meetings? To stop it but keep its history, edit its schedule instead.",
                        r.ritual.fields.name
                    ),
                    on_yes: Effect::DeleteRitual(r.ritual.id),
                });
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Opens the edit form of series `id`, as the list has it now.
pub fn edit(model: &mut Model, id: i64) {
    let Some(r) = model.rituals.rows.iter().find(|r| r.ritual.id == id) else {
        return;
    };
    let form = ritual_form(
        Some(r),
        r.ritual.fields.dtstart,
        &model.people.rows,
        model.now,
    );
    model.overlay = Some(Overlay::Form {
        form: Box::new(form),
        purpose: FormPurpose::EditRitual(Box::new(r.ritual.clone())),
    });
}
