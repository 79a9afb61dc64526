//! Ctrl-L in an edit form whose save was refused because the row changed elsewhere: the form
//! opens again on the row as the panes have it now (they were reloaded with the refusal), with
//! the cursor on the same field. The draft is dropped; that is what the key says it does.

use super::{agenda, people, person, plan, risks, rituals};
use crate::tui::model::{FormPurpose, Model, Overlay};
use crate::tui::msg::Effect;
use crate::tui::widgets::form::Form;

pub const RELOADED: &str = "Loaded the values saved elsewhere: make your changes again and save.";
pub const GONE: &str = "It is no longer there (deleted or moved elsewhere): nothing was saved.";

pub fn reopen(model: &mut Model, form: Form, purpose: FormPurpose) -> Vec<Effect> {
    let focus = form.focus;
    match &purpose {
        FormPurpose::EditPerson(p) => {
            people::edit(model, p.person.id);
        }
        FormPurpose::EditRitual(r) => rituals::edit(model, r.id),
        FormPurpose::Occurrence { item, .. } => {
            // A meeting's notes are not kept in the panes: load them; this form stays until
            // they arrive and replace it.
            let item = agenda::current_item(model, item).unwrap_or_else(|| (**item).clone());
            model.overlay = Some(Overlay::Form {
                form: Box::new(form),
                purpose,
            });
            model.info(RELOADED);
            return vec![Effect::LoadOccurrence(item)];
        }
        FormPurpose::MoveOccurrence(item) => {
            if let Some(item) = agenda::current_item(model, item) {
                agenda::move_form(model, item);
            }
        }
        FormPurpose::EditNote(note) => person::edit_note(model, note.id),
        FormPurpose::StartPlan(_) => plan::start_form(model),
        FormPurpose::EditGoal(goal) => plan::edit_goal(model, goal.id),
        FormPurpose::Checkin(goal) => plan::checkin_form(model, goal.id),
        FormPurpose::EditRisk(risk) => risks::edit(model, risk.id),
        FormPurpose::ReviewRisk(risk) => risks::review(model, risk.id),
        // Forms that add rows have no version and are never refused as stale.
        _ => {
            model.overlay = Some(Overlay::Form {
                form: Box::new(form),
                purpose,
            });
            return Vec::new();
        }
    }
    match &mut model.overlay {
        Some(Overlay::Form { form, .. }) => {
            form.focus = focus.min(form.fields.len().saturating_sub(1));
            model.info(RELOADED);
        }
        _ => model.error(GONE),
    }
    Vec::new()
}
