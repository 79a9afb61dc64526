//! The pure heart of the TUI: `(Model, Msg) -> effects`. No terminal, no database, no clock.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::action::Action;
use super::model::{FormPurpose, Model, Overlay, Tab};
use super::msg::{Effect, Msg};
use super::panes;
use super::widgets::form::FormOutcome;

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
        Msg::Key(key) => on_key(model, key),
        Msg::Tick(now) => {
            model.now = now;
            Vec::new()
        }
        Msg::PeopleLoaded(rows) => {
            model.people.set_rows(rows);
            Vec::new()
        }
        Msg::Saved { message, select } => {
            if matches!(model.overlay, Some(Overlay::Form { .. })) {
                model.overlay = None;
            }
            model.info(message);
            if let Some(id) = select {
                model.people.select_id = Some(id);
            }
            vec![Effect::LoadPeople]
        }
        Msg::Failed { message, field } => {
            if let Some(Overlay::Form { form, .. }) = &mut model.overlay {
                form.show_error(&crate::domain::Invalid { field, message });
            } else {
                model.error(message);
            }
            Vec::new()
        }
    }
}

fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    if model.overlay.is_some() {
        return on_overlay_key(model, key);
    }
    model.status = None;
    let Some(action) = model.keymap.resolve(model.tab.context(), &key) else {
        return Vec::new();
    };
    match action {
        Action::Quit => {
            model.quit = true;
            Vec::new()
        }
        Action::Help => {
            model.overlay = Some(Overlay::Help(0));
            Vec::new()
        }
        Action::NextTab | Action::PrevTab => {
            model.tab = model.tab.cycle(action == Action::NextTab);
            Vec::new()
        }
        Action::TabAgenda => switch(model, Tab::Agenda),
        Action::TabPlan => switch(model, Tab::Plan),
        Action::TabRituals => switch(model, Tab::Rituals),
        Action::TabPeople => switch(model, Tab::People),
        Action::TabRisks => switch(model, Tab::Risks),
        Action::Add | Action::Edit | Action::Delete if model.read_only => {
            model.error("This database is read-only: changes are disabled.");
            Vec::new()
        }
        other => match model.tab {
            Tab::People => panes::people::on_action(model, other),
            _ => Vec::new(),
        },
    }
}

fn switch(model: &mut Model, tab: Tab) -> Vec<Effect> {
    model.tab = tab;
    Vec::new()
}

fn on_overlay_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let Some(overlay) = model.overlay.take() else {
        return Vec::new();
    };
    match overlay {
        Overlay::Help(scroll) => {
            // Scroll keys scroll; any other key closes (a second `?` must not reopen it).
            let scroll = match key.code {
                KeyCode::Char('j') | KeyCode::Down => Some(scroll.saturating_add(1)),
                KeyCode::Char('k') | KeyCode::Up => Some(scroll.saturating_sub(1)),
                KeyCode::PageDown | KeyCode::Char(' ') => Some(scroll.saturating_add(10)),
                KeyCode::PageUp => Some(scroll.saturating_sub(10)),
                _ => None,
            };
            model.overlay = scroll.map(Overlay::Help);
            Vec::new()
        }
        Overlay::Confirm { message, on_yes } => match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => vec![on_yes],
            KeyCode::Char('n' | 'N') | KeyCode::Esc | KeyCode::Char('q') => Vec::new(),
            _ => {
                model.overlay = Some(Overlay::Confirm { message, on_yes });
                Vec::new()
            }
        },
        Overlay::Form { mut form, purpose } => match form.handle_key(key) {
            FormOutcome::Continue => {
                model.overlay = Some(Overlay::Form { form, purpose });
                Vec::new()
            }
            FormOutcome::Cancel => Vec::new(),
            FormOutcome::Submit => {
                let effect = match purpose {
                    FormPurpose::AddPerson | FormPurpose::EditPerson(_) => {
                        panes::people::submit(&form, purpose, model)
                    }
                };
                match effect {
                    Ok(effect) => {
                        // The form stays open until the store confirms, so a refusal can be shown
                        // next to the field at fault.
                        model.overlay = Some(Overlay::Form { form, purpose });
                        vec![effect]
                    }
                    Err(invalid) => {
                        form.show_error(&invalid);
                        model.overlay = Some(Overlay::Form { form, purpose });
                        Vec::new()
                    }
                }
            }
        },
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
