//! The pure heart of the TUI: `(Model, Msg) -> effects`. No terminal, no database, no clock.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::model::{FormPurpose, Model, Overlay, Tab};
use super::msg::{Effect, Msg};
use super::panes;
use super::reminders;
use super::screen::{self, Hit};
use super::widgets::form::{Form, FormOutcome};
use super::widgets::palette::{PaletteOutcome, PaletteState};
use super::widgets::search::SearchOutcome;
use crate::domain::Invalid;
use crate::domain::ritual::OccurrenceStatus;
use crate::ops::one_on_ones::SearchResult;

/// Every load the screen depends on: after a save, or when another process changed the file.
pub fn reload_all(model: &Model) -> Vec<Effect> {
    let mut loads = vec![
        Effect::LoadPeople,
        Effect::LoadRituals,
        Effect::LoadPlan,
        Effect::LoadRisks,
        panes::agenda::reload(model),
        Effect::LoadUpcoming,
    ];
    loads.extend(panes::person::load(model));
    loads
}

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
        Msg::Key(key) => on_key(model, key),
        Msg::Mouse(event) => on_mouse(model, event),
        Msg::Resize { width, height } => {
            model.screen = ratatui::layout::Rect::new(0, 0, width, height);
            Vec::new()
        }
        Msg::Tick(now) => {
            let new_day = now.date() != model.now.date();
            let was_today = model.agenda.day.is_none_or(|d| d == model.now.date());
            model.now = now;
            let mut effects = announce(model);
            effects.push(Effect::LoadUpcoming);
            if new_day && was_today {
                // Midnight: the agenda follows today unless the user is looking elsewhere.
                model.agenda.day = Some(now.date());
                model.agenda.from = None;
                effects.push(panes::agenda::reload(model));
            } else {
                // Once a minute: the next meeting and the radar move on with the clock.
                effects.push(panes::agenda::reload(model));
            }
            effects
        }
        Msg::UpcomingLoaded(meetings) => {
            model.upcoming = meetings;
            announce(model)
        }
        Msg::Reminded(result) => {
            if let Err(message) = result {
                model.error(message);
            }
            Vec::new()
        }
        Msg::PeopleLoaded(rows) => {
            model.people.set_rows(rows);
            Vec::new()
        }
        Msg::PersonLoaded(detail) => {
            if model.person.person_id == Some(detail.overview.person.id) {
                model.person.set_detail(*detail);
            }
            Vec::new()
        }
        Msg::PlanLoaded(view) => {
            model.plan.set_view(*view);
            Vec::new()
        }
        Msg::PrepLoaded(prep) => {
            if model.person.person_id == Some(prep.person.person.id) {
                model.person.prep = Some(*prep);
            }
            Vec::new()
        }
        Msg::RecordReady { person, topics } => {
            panes::person::record_form(model, person, topics);
            Vec::new()
        }
        Msg::Edited(result) => {
            if let Some(Overlay::Form { form, .. }) = &mut model.overlay {
                match result {
                    Ok(text) => form.set_focused_text(&text),
                    Err(message) => form.show_error(&Invalid::new(message)),
                }
            }
            Vec::new()
        }
        Msg::SearchResults { query, results } => {
            if let Some(Overlay::Search(state)) = &mut model.overlay {
                state.answer(query, results);
            }
            Vec::new()
        }
        Msg::RitualsLoaded(rows) => {
            model.rituals.set_rows(rows);
            Vec::new()
        }
        Msg::RisksLoaded(rows) => {
            model.risks.set_all(rows);
            Vec::new()
        }
        Msg::AgendaLoaded {
            agenda,
            next,
            with_radar,
        } => {
            let today = model.today();
            model.agenda.set_data(agenda, next, with_radar, today);
            Vec::new()
        }
        Msg::OccurrenceLoaded { item, record } => {
            if item.occurrence.is_none() {
                return Vec::new();
            }
            let focus = match &model.overlay {
                // Reloaded after a refusal: the cursor stays where it was.
                Some(Overlay::Form {
                    form,
                    purpose: FormPurpose::Occurrence { .. },
                }) => form.focus,
                _ => 0,
            };
            let statuses = vec!["scheduled".to_string(), "held".into(), "skipped".into()];
            // A meeting being written up has happened: default to held once it has started.
            let status = match record.status {
                OccurrenceStatus::Scheduled if item.starts_at() <= model.now => 1,
                OccurrenceStatus::Scheduled => 0,
                OccurrenceStatus::Held => 1,
                OccurrenceStatus::Skipped => 2,
            };
            let when = item.starts_at().format("%a %-d %b %H:%M");
            let form = Form::new(format!("{} · {when}", item.title))
                .choice("status", "Status", statuses, status)
                .multiline("notes", "Notes", &record.notes, "what was said")
                .multiline(
                    "decisions",
                    "Decisions",
                    &record.decisions,
                    "what was decided, one per line",
                );
            let mut form = Box::new(form);
            form.focus = focus.min(form.fields.len().saturating_sub(1));
            model.overlay = Some(Overlay::Form {
                form,
                purpose: FormPurpose::Occurrence {
                    item: Box::new(item),
                    opened: Box::new(record),
                },
            });
            Vec::new()
        }
        Msg::Saved { message, select } => {
            if matches!(model.overlay, Some(Overlay::Form { .. })) {
                model.overlay = None;
            }
            model.info(message);
            if let Some(id) = select {
                match model.tab {
                    Tab::Rituals => model.rituals.select_id = Some(id),
                    Tab::Risks => model.risks.list.select_id = Some(id),
                    _ => model.people.select_id = Some(id),
                }
            }
            reload_all(model)
        }
        Msg::Failed { message, field } => {
            if let Some(Overlay::Form { form, .. }) = &mut model.overlay {
                form.show_error(&Invalid { field, message });
            } else {
                model.error(message);
            }
            Vec::new()
        }
        Msg::Stale => {
            // The form and its draft stay; the panes load what the other writer saved, so
            // Ctrl-L can refill the form from them.
            if let Some(Overlay::Form { form, .. }) = &mut model.overlay {
                form.offer_reload(STALE_FORM);
            } else {
                model.error(STALE_KEY);
            }
            reload_all(model)
        }
    }
}

fn on_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    if model.overlay.is_some() {
        return on_overlay_key(model, key);
    }
    model.status = None;
    let Some(action) = model.keymap.resolve(model.context(), &key) else {
        return Vec::new();
    };
    run_action(model, action)
}

/// What an action does in the current pane: reached by its key, or chosen in the palette.
fn run_action(model: &mut Model, action: Action) -> Vec<Effect> {
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
        Action::Search => {
            model.overlay = Some(Overlay::Search(Default::default()));
            Vec::new()
        }
        Action::Palette => {
            let palette = PaletteState::new(&model.keymap, model.context());
            model.overlay = Some(Overlay::Palette(palette));
            Vec::new()
        }
        Action::Add
        | Action::Edit
        | Action::Delete
        | Action::Record
        | Action::AddTopic
        | Action::AddAction
        | Action::AddNote
        | Action::AddContext
        | Action::Toggle
        | Action::CaptureTopic
        | Action::StartPlan
        | Action::Checkin
        | Action::RollOver
        | Action::ReviewRisk
        | Action::Undo
        | Action::Redo
            if model.read_only =>
        {
            model.error("This database is read-only: changes are disabled.");
            Vec::new()
        }
        Action::CaptureTopic => {
            panes::person::capture_form(model);
            Vec::new()
        }
        Action::Undo => vec![Effect::Undo],
        Action::Redo => vec![Effect::Redo],
        other => match model.tab {
            Tab::Agenda => panes::agenda::on_action(model, other),
            Tab::People if model.person.view == panes::person::PeopleView::List => {
                panes::people::on_action(model, other)
            }
            Tab::People => panes::person::on_action(model, other),
            Tab::Rituals => panes::rituals::on_action(model, other),
            Tab::Plan => panes::plan::on_action(model, other),
            Tab::Risks => panes::risks::on_action(model, other),
        },
    }
}

/// Announces the meetings whose reminder is due: a status message, and the bell and command
/// when the config asks for them. Each occurrence once.
fn announce(model: &mut Model) -> Vec<Effect> {
    reminders::forget_past(&mut model.announced, model.now);
    let rituals = &model.rituals.rows;
    let prep_of = |id: i64| {
        rituals
            .iter()
            .find(|r| r.ritual.id == id)
            .map_or(0, |r| r.ritual.fields.prep_min)
    };
    let due = reminders::due_reminders(
        model.now,
        &model.upcoming,
        prep_of,
        model.reminder_lead_min,
        &model.announced,
    );
    if due.is_empty() {
        return Vec::new();
    }
    let mut effects = Vec::new();
    if model.reminder_bell {
        effects.push(Effect::Bell);
    }
    for reminder in &due {
        model.announced.insert(reminder.key);
        if !model.reminder_command.is_empty() {
            let mut argv = model.reminder_command.clone();
            argv.push(reminder.title.clone());
            argv.push(reminder.start.format("%H:%M").to_string());
            effects.push(Effect::RunDetached(argv));
        }
    }
    let text = due
        .iter()
        .map(reminders::Reminder::text)
        .collect::<Vec<_>>();
    model.info(text.join(" · "));
    effects
}

/// A left click on a tab switches to it and on a list row selects it; the wheel moves the
/// selection as `j`/`k` would. Overlays keep the keyboard's focus, so the mouse waits.
fn on_mouse(model: &mut Model, event: MouseEvent) -> Vec<Effect> {
    if model.overlay.is_some() {
        return Vec::new();
    }
    match event.kind {
        MouseEventKind::ScrollDown => run_action(model, Action::Down),
        MouseEventKind::ScrollUp => run_action(model, Action::Up),
        MouseEventKind::Down(MouseButton::Left) => {
            match screen::hit_at(model, model.screen, event.column, event.row) {
                Hit::Tab(tab) => return switch(model, tab),
                Hit::Row(index) => panes::hit::select_row(model, index),
                Hit::Nothing => {}
            }
            Vec::new()
        }
        _ => Vec::new(),
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
        Overlay::Search(mut state) => match state.handle_key(key) {
            SearchOutcome::Close => Vec::new(),
            SearchOutcome::Continue(query) => {
                model.overlay = Some(Overlay::Search(state));
                query.map(Effect::Search).into_iter().collect()
            }
            SearchOutcome::Open(result) => open_result(model, &result),
        },
        Overlay::Palette(mut state) => match state.handle_key(key) {
            PaletteOutcome::Continue => {
                model.overlay = Some(Overlay::Palette(state));
                Vec::new()
            }
            PaletteOutcome::Close => Vec::new(),
            PaletteOutcome::Run(action) => run_action(model, action),
        },
        Overlay::Confirm { message, on_yes } => match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => vec![on_yes],
            KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => Vec::new(),
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
            FormOutcome::ExternalEdit => {
                let text = form.focused().map(|f| f.text()).unwrap_or_default();
                model.overlay = Some(Overlay::Form { form, purpose });
                vec![Effect::EditInEditor(text)]
            }
            FormOutcome::Reload => panes::reopen::reopen(model, *form, purpose),
            FormOutcome::Submit => match submit(&form, &purpose, model) {
                Ok(Submitted::Effect(effect)) => {
                    // The form stays open until the store confirms, so a refusal can be shown
                    // next to the field at fault.
                    model.overlay = Some(Overlay::Form { form, purpose });
                    vec![effect]
                }
                Ok(Submitted::Done(effects)) => effects,
                Err(invalid) => {
                    form.show_error(&invalid);
                    model.overlay = Some(Overlay::Form { form, purpose });
                    Vec::new()
                }
            },
        },
    }
}

/// Shown in a form whose save was refused because the row changed elsewhere.
pub const STALE_FORM: &str = "Changed elsewhere since you opened it: nothing was saved.";
/// Shown when a key acted on something that had changed elsewhere since it was drawn.
pub const STALE_KEY: &str =
    "Changed elsewhere since it was shown: nothing was changed. The screen now shows it as it is.";

/// What a submitted form leads to: a save the store must confirm, or a change already made to
/// the model (with any loads it needs).
enum Submitted {
    Effect(Effect),
    Done(Vec<Effect>),
}

fn submit(form: &Form, purpose: &FormPurpose, model: &mut Model) -> Result<Submitted, Invalid> {
    let today = model.today();
    Ok(match purpose {
        FormPurpose::AddPerson | FormPurpose::EditPerson(_) => {
            Submitted::Effect(panes::people::submit(form, purpose, model)?)
        }
        FormPurpose::AddRitual | FormPurpose::EditRitual(_) => {
            Submitted::Effect(panes::ritual_form::ritual_submit(form, purpose, model)?)
        }
        FormPurpose::Occurrence { opened, .. } => {
            let status = match form.choice_index("status") {
                1 => OccurrenceStatus::Held,
                2 => OccurrenceStatus::Skipped,
                _ => OccurrenceStatus::Scheduled,
            };
            Submitted::Effect(Effect::SaveOccurrence {
                ritual: opened.ritual_id,
                original: opened.original_start,
                notes: form.value("notes"),
                decisions: form.value("decisions"),
                status,
                opened: opened.clone(),
            })
        }
        FormPurpose::MoveOccurrence(item) => {
            let date = form.date_value("date", today)?.unwrap_or(today);
            let to = date.and_time(form.time_value("time")?);
            let Some((original, opened)) = panes::agenda::slot(item) else {
                return Err(Invalid::new("this item is not a meeting"));
            };
            Submitted::Effect(Effect::MoveOccurrence {
                ritual: item.id,
                original,
                to,
                opened,
            })
        }
        FormPurpose::AddTopic(_)
        | FormPurpose::CaptureTopic
        | FormPurpose::AddAction(_)
        | FormPurpose::AddNote(_)
        | FormPurpose::AddContext(_)
        | FormPurpose::EditNote(_)
        | FormPurpose::Record { .. } => {
            Submitted::Effect(panes::person::submit(form, purpose, model)?)
        }
        FormPurpose::StartPlan(_)
        | FormPurpose::AddGoal
        | FormPurpose::EditGoal(_)
        | FormPurpose::Checkin(_) => Submitted::Effect(panes::plan::submit(form, purpose, model)?),
        FormPurpose::AddRisk | FormPurpose::EditRisk(_) => {
            Submitted::Effect(panes::risk_form::risk_submit(form, purpose, model)?)
        }
        FormPurpose::ReviewRisk(risk) => {
            Submitted::Effect(panes::risk_form::review_submit(form, risk, model)?)
        }
        FormPurpose::FilterRisks => {
            panes::risks::apply_text_filter(model, &form.value("text"));
            Submitted::Done(Vec::new())
        }
        FormPurpose::JumpToDate => {
            let date = form.date_value("date", today)?.unwrap_or(today);
            model.tab = Tab::Agenda;
            model.agenda.day = Some(date);
            model.agenda.item = 0;
            Submitted::Done(vec![panes::agenda::load_week(model, date)])
        }
    })
}

/// Opens what a search result points at: the person's page, or the ritual in its tab.
fn open_result(model: &mut Model, result: &SearchResult) -> Vec<Effect> {
    if let Some(person) = result.person_id.filter(|_| result.kind != "ritual") {
        return panes::person::open(model, person, panes::person::PeopleView::Detail);
    }
    match result.kind.as_str() {
        "ritual" => {
            model.tab = Tab::Rituals;
            model.rituals.select_id = Some(result.id);
            if let Some(i) = model
                .rituals
                .rows
                .iter()
                .position(|r| r.ritual.id == result.id)
            {
                model.rituals.selected = i;
            }
            Vec::new()
        }
        "goal" => {
            model.plan.focus_goal(result.id);
            switch(model, Tab::Plan)
        }
        "risk" => {
            model.risks.focus(result.id);
            switch(model, Tab::Risks)
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "update_palette_tests.rs"]
mod palette_tests;

#[cfg(test)]
#[path = "update_companion_tests.rs"]
mod companion_tests;

#[cfg(test)]
#[path = "update_undo_tests.rs"]
mod undo_tests;

#[cfg(test)]
#[path = "update_stale_tests.rs"]
mod stale_tests;
