//! The pure heart of the TUI: `(Model, Msg) -> effects`. No terminal, no database, no clock.
//! Keys resolve to actions; what belongs to no pane (tabs, help, search, the palette, undo,
//! quick capture) is handled here, the rest goes to the pane shown, whose requests come back
//! through [`apply`].

use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::keymap::KeyContext;
use super::model::{FormPurpose, Model, Overlay, Tab};
use super::msg::{Effect, Msg};
use super::pane::{READ_ONLY, Request, Submit};
use super::panes::agenda::{AgendaForm, AgendaMsg};
use super::panes::person::PeopleView;
use super::reminders;
use super::screen::{self, Hit};
use super::widgets::form::{Form, FormOutcome};
use super::widgets::palette::{PaletteOutcome, PaletteState};
use super::widgets::search::SearchOutcome;
use crate::domain::Invalid;
use crate::ops::one_on_ones::SearchResult;

/// Every load the screen depends on: after a save, or when another process changed the file.
pub fn reload_all(model: &Model) -> Vec<Effect> {
    reload_all_but(model, None)
}

/// Every load the screen depends on but `loaded`'s: at the start, once the first frame (the
/// agenda, read before it) is drawn.
pub fn reload_all_but(model: &Model, loaded: Option<Tab>) -> Vec<Effect> {
    let mut loads = tab_loads(model, loaded);
    loads.push(Effect::LoadUpcoming);
    loads
}

/// The loads of every tab but `loaded`.
fn tab_loads(model: &Model, loaded: Option<Tab>) -> Vec<Effect> {
    let ctx = model.ctx();
    Tab::ALL
        .iter()
        .filter(|tab| Some(**tab) != loaded)
        .flat_map(|tab| model.pane(*tab).reload(&ctx))
        .collect()
}

/// After a change (a save, another writer): the loads of the tab on screen. The other tabs'
/// loads wait in `model.reload_later` until the screen is redrawn and no key is waiting
/// ([`reload_rest`]): a save on a person's page with ten years of notes redraws after one
/// pane's load, not every pane's.
pub fn reload_changed(model: &mut Model) -> Vec<Effect> {
    forget_kept(model);
    model.reload_later = Some(model.tab);
    let ctx = model.ctx();
    model
        .pane(model.tab)
        .reload(&ctx)
        .into_iter()
        .chain([Effect::LoadUpcoming])
        .collect()
}

/// The database changed: every pane drops what it read ahead (it was read before the change).
pub(super) fn forget_kept(model: &mut Model) {
    let (mut panes, _) = model.parts();
    for tab in Tab::ALL {
        panes.get(*tab).forget_kept();
    }
}

/// What waits for the screen to be redrawn and no key to be waiting: the loads
/// [`reload_changed`] left for later, then what panes asked for with `Request::Later`.
pub fn run_later(model: &mut Model) -> Vec<Effect> {
    let mut effects = reload_rest(model);
    // A load a key put back may be among the reloads a later change asked for: once is enough.
    for effect in std::mem::take(&mut model.later) {
        if !effects.contains(&effect) {
            effects.push(effect);
        }
    }
    effects
}

/// The loads [`reload_changed`] left for later: every tab's but the one loaded then.
pub fn reload_rest(model: &mut Model) -> Vec<Effect> {
    match model.reload_later.take() {
        Some(loaded) => tab_loads(model, Some(loaded)),
        None => Vec::new(),
    }
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
            let before = model.now;
            model.now = now;
            // Within the day reminders are chosen from the meetings already loaded (today and
            // tomorrow), and saves and outside writes reload everything anyway.
            let mut effects = announce(model);
            if now.date() == before.date() {
                effects.extend(model.agenda.on_minute(now));
            } else {
                // Every tab counts in days (overdue, the last 1:1, the scorecard's period).
                model.agenda.follow_new_day(before.date(), now.date());
                forget_kept(model);
                effects.extend(reload_all(model));
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
        Msg::SearchReady => Vec::new(),
        Msg::Agenda(msg) => {
            // A meeting's notes reloaded after a refusal keep the cursor where it was.
            let focus = match (&msg, &model.overlay) {
                (
                    AgendaMsg::OccurrenceLoaded { .. },
                    Some(Overlay::Form {
                        form,
                        purpose: FormPurpose::Agenda(AgendaForm::Occurrence { .. }),
                    }),
                ) => form.focus,
                _ => 0,
            };
            let (panes, ctx) = model.parts();
            let requests = panes.agenda.on_msg(msg, &ctx);
            let effects = apply(model, requests);
            if let Some(Overlay::Form { form, .. }) = &mut model.overlay
                && focus > 0
            {
                form.focus = focus.min(form.fields.len().saturating_sub(1));
            }
            effects
        }
        Msg::Plan(msg) => {
            let requests = model.plan.on_msg(msg);
            apply(model, requests)
        }
        Msg::Rituals(msg) => {
            let requests = model.rituals.on_msg(msg);
            apply(model, requests)
        }
        Msg::People(msg) => {
            let loaded_list = matches!(msg, super::panes::people::PeopleMsg::Loaded(_));
            let (panes, ctx) = model.parts();
            let requests = panes.people.on_msg(msg, &ctx);
            if loaded_list {
                model.directory = model.people.directory();
                super::update_delete::go_on_after_redo(model);
            }
            apply(model, requests)
        }
        Msg::Risks(msg) => {
            let requests = model.risks.on_msg(msg);
            apply(model, requests)
        }
        Msg::Decisions(msg) => {
            let requests = model.decisions.on_msg(msg);
            apply(model, requests)
        }
        Msg::Scorecard(msg) => {
            let requests = model.scorecard.on_msg(msg);
            apply(model, requests)
        }
        Msg::Links(of, links) => {
            if let Some(tab) = super::panes::detail_links::home(of.kind) {
                let (mut panes, _) = model.parts();
                panes.get(tab).links_loaded(of, links);
            }
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
        Msg::Deleting(slice) => super::update_delete::on_slice(model, slice),
        Msg::DeleteFailed { id, message } => super::update_delete::on_failed(model, id, message),
        Msg::Saved { message, select } => {
            if matches!(model.overlay, Some(Overlay::Form { .. })) {
                model.overlay = None;
            }
            model.info(message);
            if let Some(target) = select {
                let (mut panes, _) = model.parts();
                panes.get(target.tab()).select(target);
            }
            reload_changed(model)
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
            reload_changed(model)
        }
    }
}

/// Carries out what a pane asked for; returns the effects among the requests.
pub fn apply(model: &mut Model, requests: Vec<Request>) -> Vec<Effect> {
    let mut effects = Vec::new();
    for request in requests {
        match request {
            Request::Run(effect) => effects.push(effect),
            Request::Later(effect) => {
                if !model.later.contains(&effect) {
                    model.later.push(effect);
                }
            }
            Request::Form(mut form, purpose) => {
                if form.has_links() {
                    form.offer(&super::linkables::collect(model));
                }
                model.overlay = Some(Overlay::Form { form, purpose });
            }
            Request::Confirm { message, on_yes } => {
                model.overlay = Some(Overlay::Confirm { message, on_yes });
            }
            Request::Show(target) => {
                let tab = target.tab();
                if tab != model.tab {
                    model.came_from.push(model.tab);
                    let excess = model.came_from.len().saturating_sub(HISTORY);
                    model.came_from.drain(..excess);
                }
                model.tab = tab;
                let (mut panes, ctx) = model.parts();
                let more = panes.get(tab).show(target, &ctx);
                effects.extend(apply(model, more));
            }
            Request::OpenOver(target) => {
                let (mut panes, ctx) = model.parts();
                let more = panes.get(target.tab()).show(target, &ctx);
                effects.extend(apply(model, more));
            }
            Request::Back => {
                if let Some(tab) = model.came_from.pop() {
                    model.tab = tab;
                }
            }
            Request::Info(text) => model.info(text),
            Request::Error(text) => model.error(text),
        }
    }
    effects
}

/// How many places back Esc can go.
const HISTORY: usize = 16;

/// Switches to `tab` by hand (its key, Tab, a click): where the user came from is forgotten.
fn switch_tab(model: &mut Model, tab: Tab) {
    model.tab = tab;
    model.came_from.clear();
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

/// What an action does: reached by its key, or chosen in the palette. Actions of no pane are
/// handled here; the rest goes to the pane shown.
fn run_action(model: &mut Model, action: Action) -> Vec<Effect> {
    if action.writes() && model.read_only {
        model.error(READ_ONLY);
        return Vec::new();
    }
    if let Some(effects) = run_global(model, action) {
        return effects;
    }
    let tab = model.tab;
    let (mut panes, ctx) = model.parts();
    let requests = panes.get(tab).on_action(action, &ctx).unwrap_or_default();
    apply(model, requests)
}

/// The actions that belong to no pane (the `[global]` keys); `None` for the others.
pub(super) fn run_global(model: &mut Model, action: Action) -> Option<Vec<Effect>> {
    if let Some(tab) = Tab::of_action(action) {
        switch_tab(model, tab);
        return Some(Vec::new());
    }
    match action {
        // The pane steps back within itself if it can; otherwise back to where the user came
        // from.
        Action::Back => {
            let tab = model.tab;
            let (mut panes, ctx) = model.parts();
            let requests = panes
                .get(tab)
                .on_action(action, &ctx)
                .unwrap_or_else(|| vec![Request::Back]);
            return Some(apply(model, requests));
        }
        Action::Quit => model.quit = true,
        Action::Help => model.overlay = Some(Overlay::Help(0)),
        Action::NextTab | Action::PrevTab => {
            let tab = model.tab.cycle(action == Action::NextTab);
            switch_tab(model, tab);
        }
        Action::Search => {
            model.overlay = Some(Overlay::Search(Default::default()));
            // Its names are read once the box is drawn, unless a key is already waiting.
            return Some(apply(model, vec![Request::Later(Effect::ReadSearchNames)]));
        }
        Action::Palette => {
            let palette = PaletteState::new(&model.keymap, model.context());
            model.overlay = Some(Overlay::Palette(palette));
        }
        Action::CaptureTopic => {
            let request = model.people.capture(&model.ctx());
            return Some(apply(model, vec![request]));
        }
        Action::AllActions => {
            return Some(apply(
                model,
                vec![Request::Show(super::pane::Target::Actions)],
            ));
        }
        Action::PrepNext => {
            let next = super::panes::person::next_prep(&model.upcoming, &model.people.list.rows);
            let request = match next {
                Some(target) => Request::Show(target),
                None => Request::Info(
                    "No 1:1 coming up: give someone a cadence (tab 4, e on them).".into(),
                ),
            };
            return Some(apply(model, vec![request]));
        }
        Action::Undo => return Some(vec![Effect::Undo]),
        Action::Redo => {
            model.redone = true;
            return Some(vec![Effect::Redo]);
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Announces the meetings whose reminder is due: a status message, and the bell and command
/// when the config asks for them. Each occurrence once.
fn announce(model: &mut Model) -> Vec<Effect> {
    reminders::forget_past(&mut model.announced, model.now);
    let rituals = &model.rituals.list.rows;
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
                Hit::Tab(tab) => switch_tab(model, tab),
                Hit::Row(index) => {
                    let tab = model.tab;
                    model.parts().0.get(tab).select_row(index);
                }
                Hit::Nothing => {}
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The keymap context of an overlay: its keys stand alone.
fn overlay_context(overlay: &Overlay) -> KeyContext {
    match overlay {
        Overlay::Help(_) => KeyContext::Help,
        Overlay::Form { .. } => KeyContext::Form,
        Overlay::Confirm { .. } => KeyContext::Confirm,
        Overlay::Search(_) => KeyContext::Search,
        Overlay::Palette(_) => KeyContext::Palette,
    }
}

/// A search box closed before its names were read does not read them.
fn forget_search_names(model: &mut Model) {
    model.later.retain(|e| *e != Effect::ReadSearchNames);
}

fn on_overlay_key(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let Some(overlay) = model.overlay.take() else {
        return Vec::new();
    };
    let action = model.keymap.resolve(overlay_context(&overlay), &key);
    match overlay {
        Overlay::Help(scroll) => {
            // Scroll keys scroll; any other key closes (a second `?` must not reopen it).
            let scroll = match action {
                Some(Action::Down) => Some(scroll.saturating_add(1)),
                Some(Action::Up) => Some(scroll.saturating_sub(1)),
                Some(Action::PageDown) => Some(scroll.saturating_add(10)),
                Some(Action::PageUp) => Some(scroll.saturating_sub(10)),
                _ => None,
            };
            model.overlay = scroll.map(Overlay::Help);
            Vec::new()
        }
        Overlay::Search(mut state) => match state.handle(key, action) {
            SearchOutcome::Close => {
                forget_search_names(model);
                Vec::new()
            }
            SearchOutcome::Continue(query) => {
                model.overlay = Some(Overlay::Search(state));
                query.map(Effect::Search).into_iter().collect()
            }
            SearchOutcome::Open(result) => {
                forget_search_names(model);
                let shown = result_target(&result).map(Request::Show);
                apply(model, shown.into_iter().collect())
            }
        },
        Overlay::Palette(mut state) => match state.handle(key, action) {
            PaletteOutcome::Continue => {
                model.overlay = Some(Overlay::Palette(state));
                Vec::new()
            }
            PaletteOutcome::Close => Vec::new(),
            PaletteOutcome::Run(action) => run_action(model, action),
        },
        Overlay::Confirm { message, on_yes } => match action {
            Some(Action::Confirm) => vec![on_yes],
            Some(Action::Decline) => Vec::new(),
            _ => {
                model.overlay = Some(Overlay::Confirm { message, on_yes });
                Vec::new()
            }
        },
        Overlay::Form {
            mut form,
            mut purpose,
        } => match form.handle(key, action) {
            FormOutcome::Continue => {
                purpose.follow(&mut form, model.today());
                model.overlay = Some(Overlay::Form { form, purpose });
                Vec::new()
            }
            FormOutcome::Cancel => Vec::new(),
            FormOutcome::ExternalEdit => {
                let text = form.focused().map(|f| f.text()).unwrap_or_default();
                model.overlay = Some(Overlay::Form { form, purpose });
                vec![Effect::EditInEditor(text)]
            }
            FormOutcome::Reload => reopen(model, *form, purpose),
            FormOutcome::Submit => match submit(&form, &purpose, model) {
                Ok(Submit::Save(effect)) => {
                    // The form stays open until the store confirms, so a refusal can be shown
                    // next to the field at fault.
                    model.overlay = Some(Overlay::Form { form, purpose });
                    vec![effect]
                }
                Ok(Submit::Done(requests)) => apply(model, requests),
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
/// After Ctrl-L: the form shows the row as it is now.
pub const RELOADED: &str = "Loaded the values saved elsewhere: make your changes again and save.";
/// After Ctrl-L on a row that no longer exists.
pub const GONE: &str = "It is no longer there (deleted or moved elsewhere): nothing was saved.";

/// A submitted form goes to the pane that owns it.
fn submit(form: &Form, purpose: &FormPurpose, model: &mut Model) -> Result<Submit, Invalid> {
    let (panes, ctx) = model.parts();
    match purpose {
        FormPurpose::Agenda(which) => panes.agenda.submit(form, which, &ctx),
        FormPurpose::Plan(which) => panes.plan.submit(form, which, &ctx),
        FormPurpose::Rituals(which) => panes.rituals.submit(form, which, &ctx),
        FormPurpose::People(which) => panes.people.submit(form, which, &ctx),
        FormPurpose::Risks(which) => panes.risks.submit(form, which, &ctx),
        FormPurpose::Decisions(which) => panes.decisions.submit(form, which, &ctx),
        FormPurpose::Scorecard(which) => panes.scorecard.submit(form, which, &ctx),
    }
}

/// Ctrl-L in an edit form whose save was refused because the row changed elsewhere: the owning
/// pane opens the form again on the row as it has it now (the panes were reloaded with the
/// refusal), with the cursor on the same field. The draft is dropped; that is what the key says
/// it does.
fn reopen(model: &mut Model, form: Form, purpose: FormPurpose) -> Vec<Effect> {
    let focus = form.focus;
    let requests = {
        let (panes, ctx) = model.parts();
        match purpose {
            FormPurpose::Agenda(which) => panes.agenda.reopen(form, which),
            FormPurpose::Plan(which) => panes.plan.reopen(form, which, &ctx),
            FormPurpose::Rituals(which) => panes.rituals.reopen(form, which, &ctx),
            FormPurpose::People(which) => panes.people.reopen(form, which, &ctx),
            FormPurpose::Risks(which) => panes.risks.reopen(form, which, &ctx),
            FormPurpose::Decisions(which) => panes.decisions.reopen(form, which, &ctx),
            FormPurpose::Scorecard(which) => panes.scorecard.reopen(form, which, &ctx),
        }
    };
    let effects = apply(model, requests);
    match &mut model.overlay {
        Some(Overlay::Form { form, .. }) => {
            form.focus = focus.min(form.fields.len().saturating_sub(1));
            model.info(RELOADED);
        }
        _ => model.error(GONE),
    }
    effects
}

/// Where a search result is dealt with: the person's page, or the item in its tab.
fn result_target(result: &SearchResult) -> Option<super::pane::Target> {
    use super::pane::Target;
    use crate::ops::search::SearchKind as K;
    let person = result
        .person_id
        .map(|person| Target::Person(person, PeopleView::Detail));
    match result.kind {
        K::Ritual => Some(Target::Ritual(result.id)),
        K::Decision => Some(Target::Decision(result.id)),
        K::Meeting => match (result.ritual_id, result.date) {
            (Some(ritual), Some(day)) => Some(Target::Meeting(ritual, day)),
            _ => person,
        },
        K::Goal => person.or(Some(Target::Goal(result.id))),
        K::Risk => person.or(Some(Target::Risk(result.id))),
        K::Person | K::Topic | K::Action | K::Note | K::Context => person,
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "update_plan_tests.rs"]
mod plan_tests;

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

#[cfg(test)]
#[path = "update_keys_tests.rs"]
mod keys_tests;

#[cfg(test)]
#[path = "update_prep_tests.rs"]
mod prep_tests;

#[cfg(test)]
#[path = "update_tick_tests.rs"]
mod tick_tests;

#[cfg(test)]
#[path = "update_prep_picture_tests.rs"]
mod prep_picture_tests;

#[cfg(test)]
#[path = "update_links_tests.rs"]
mod links_tests;

#[cfg(test)]
#[path = "update_action_links_tests.rs"]
mod action_links_tests;

#[cfg(test)]
#[path = "update_prefetch_tests.rs"]
mod prefetch_tests;
