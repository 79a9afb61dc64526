//! The Rituals tab: every series with its schedule in words; add, edit, delete.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Invalid;
use crate::domain::ritual::Ritual;
use crate::ops::ritual_delete::SeriesShown;
use crate::ops::rituals::RitualOverview;
use crate::tui::action::Action;
use crate::tui::effects::rituals::RitualsEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Pane, Request, Submit, Target};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::list::{Keyed, ListState};

use super::detail_links::DetailLinks;
use super::hit::{ListRows, table_rows};
use super::ritual_form::{ritual_form, ritual_submit};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::links::Linked;

/// The series, with the cursor, and the selected one's links (shown in its detail).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RitualsPane {
    pub list: ListState<RitualOverview>,
    pub links: DetailLinks,
}

impl Keyed for RitualOverview {
    fn key(&self) -> i64 {
        self.ritual.id
    }
}

#[derive(Debug, Clone)]
pub enum RitualsMsg {
    Loaded(Vec<RitualOverview>),
    /// A series and its meetings' records, read when `d` was pressed: the question to ask.
    AskDelete(Box<SeriesShown>),
}

/// The ritual form: a new series (or a one-off meeting, from the agenda), or an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RitualsForm {
    Add,
    Edit(Box<Ritual>),
}

fn purpose(form: RitualsForm) -> FormPurpose {
    FormPurpose::Rituals(form)
}

/// The form for a new meeting starting at `start`: from this tab and from the agenda.
pub fn add_form(start: chrono::NaiveDateTime, ctx: &Ctx<'_>) -> Request {
    Request::form(
        ritual_form(None, start, ctx.people, ctx.now),
        purpose(RitualsForm::Add),
    )
}

impl RitualsPane {
    pub fn on_msg(&mut self, msg: RitualsMsg) -> Vec<Request> {
        match msg {
            RitualsMsg::Loaded(rows) => {
                self.list.set_rows(rows);
                // A change made elsewhere may have linked or unlinked it: read them again.
                self.links.load(self.shown(), true)
            }
            RitualsMsg::AskDelete(series) => vec![delete_question(*series)],
        }
    }

    /// The selected series, as a link end.
    fn shown(&self) -> Option<ObjectRef> {
        self.current()
            .map(|r| ObjectRef::new(LinkKind::Ritual, r.ritual.id))
    }

    pub fn current(&self) -> Option<&RitualOverview> {
        self.list.current()
    }

    /// The edit form of series `id`, as the list has it now.
    pub(crate) fn edit(&self, id: i64, ctx: &Ctx<'_>) -> Option<Request> {
        let r = self.list.rows.iter().find(|r| r.ritual.id == id)?;
        let form = ritual_form(Some(r), r.ritual.fields.dtstart, ctx.people, ctx.now);
        Some(Request::form(
            form,
            purpose(RitualsForm::Edit(Box::new(r.ritual.clone()))),
        ))
    }

    pub fn submit(
        &mut self,
        form: &Form,
        which: &RitualsForm,
        ctx: &Ctx<'_>,
    ) -> Result<Submit, Invalid> {
        ritual_submit(form, which, ctx).map(Submit::Save)
    }

    /// Ctrl-L after a refusal: the form again, on the series as it is now (none: it is gone).
    pub fn reopen(&self, form: Form, which: RitualsForm, ctx: &Ctx<'_>) -> Vec<Request> {
        match which {
            RitualsForm::Edit(r) => self.edit(r.id, ctx).into_iter().collect(),
            RitualsForm::Add => vec![Request::Form(Box::new(form), purpose(RitualsForm::Add))],
        }
    }
}

/// Whether to delete a series, saying how many meetings' notes go with it; a yes deletes it
/// only as it was read, so notes written elsewhere meanwhile are not deleted unseen.
fn delete_question(series: SeriesShown) -> Request {
    let notes = match series.written_up() {
        0 => "? None of its meetings has notes.".to_string(),
        1 => " and the notes of one of its meetings?".to_string(),
        n => format!(" and the notes of {n} of its meetings?"),
    };
    Request::Confirm {
        message: format!(
            "Delete \"{}\"{notes} To stop it but keep its history, edit its schedule instead.",
            series.ritual.fields.name
        ),
        on_yes: Effect::Rituals(RitualsEffect::Delete(Box::new(series))),
    }
}

impl Pane for RitualsPane {
    fn context(&self) -> KeyContext {
        KeyContext::Rituals
    }

    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if let Some(requests) = self.links.on_action(action, Action::Open, "ritual") {
            return Some(requests);
        }
        if self.list.navigate(action) {
            return Some(self.links.moved_to(self.shown()));
        }
        Some(match action {
            Action::Add => {
                let start = (ctx.now + chrono::Duration::days(1))
                    .date()
                    .and_hms_opt(10, 0, 0)
                    .unwrap_or(ctx.now);
                vec![add_form(start, ctx)]
            }
            // Enter with no link selected: the series' form, as `e`.
            Action::Edit | Action::Open => self
                .current()
                .and_then(|r| self.edit(r.ritual.id, ctx))
                .into_iter()
                .collect(),
            // The list does not hold the meetings' notes: they are read first, and the
            // question is asked from them (`RitualsMsg::AskDelete`).
            Action::Delete => self
                .current()
                .map(|r| Request::Run(Effect::Rituals(RitualsEffect::AskDelete(r.ritual.id))))
                .into_iter()
                .collect(),
            _ => return None,
        })
    }

    fn reload(&self, _ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::Rituals(RitualsEffect::Load)]
    }

    fn show(&mut self, target: Target, _ctx: &Ctx<'_>) -> Vec<Request> {
        if let Target::Ritual(id) = target {
            self.list.select_id = Some(id);
            if let Some(i) = self.list.rows.iter().position(|r| r.ritual.id == id) {
                self.list.selected = i;
            }
            return self.links.moved_to(self.shown());
        }
        Vec::new()
    }

    fn select(&mut self, target: Target) {
        if let Target::Ritual(id) = target {
            self.list.select_id = Some(id);
        }
    }

    fn list_rows(&self, body: Rect) -> Option<(ListRows, usize)> {
        let (list, _) = super::rituals_view::split(body);
        let rows = &self.list.rows;
        (!rows.is_empty()).then(|| (table_rows(list, self.list.selected), rows.len()))
    }

    fn select_row(&mut self, index: usize) {
        self.list.selected = index;
    }

    fn links_loaded(&mut self, of: ObjectRef, links: Vec<Linked>) {
        self.links.arrived(self.shown(), of, links);
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        super::rituals_view::render(frame, area, self, ctx);
    }
}

#[cfg(test)]
#[path = "rituals_tests.rs"]
mod tests;
