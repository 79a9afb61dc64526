//! The Decisions tab: the decision log, newest first, filtered by status (`f`), words (`t`) and
//! person (`p`), `x` or `Esc` clearing them, with the selected record's details; add, edit,
//! change status, supersede, delete.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Invalid;
use crate::domain::Word;
use crate::domain::decision::{Decision as Record, DecisionStatus};
use crate::ops::objects::decision::{DecisionFilter, DecisionView, Named};
use crate::tui::action::Action;
use crate::tui::effects::decisions::DecisionsEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Pane, READ_ONLY, Request, Submit, Target, done, error};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::list::{Keyed, ListState};

use super::decisions_form::{
    decision_form, decision_submit, status_form, status_submit, text_filter_form,
};
use super::detail_links::DetailLinks;
use super::hit::{ListRows, table_rows};
use crate::domain::link::{LinkKind, ObjectRef};

impl Keyed for DecisionView {
    fn key(&self) -> i64 {
        self.decision.id
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionsPane {
    /// The decisions shown (those the filter admits), newest first.
    pub list: ListState<DecisionView>,
    /// Every decision, as last loaded.
    pub all: Vec<DecisionView>,
    /// What the list narrows to: a status, words, a person (decided or consulted).
    pub filter: DecisionFilter,
    /// The selected record's links (they come with it), shown in its detail.
    pub links: DetailLinks,
}

#[derive(Debug, Clone)]
pub enum DecisionsMsg {
    Loaded(Vec<DecisionView>),
}

/// The decision forms: a new record (replacing `supersedes`), an edit, a change of status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionsForm {
    Add {
        supersedes: Option<i64>,
    },
    Edit(Box<Record>),
    Status(Box<Record>),
    /// The words the list must contain.
    Filter,
}

fn purpose(form: DecisionsForm) -> FormPurpose {
    FormPurpose::Decisions(form)
}

impl DecisionsPane {
    pub fn on_msg(&mut self, msg: DecisionsMsg) -> Vec<Request> {
        match msg {
            DecisionsMsg::Loaded(rows) => {
                self.all = rows;
                self.refilter();
            }
        }
        Vec::new()
    }

    fn refilter(&mut self) {
        let shown = self
            .all
            .iter()
            .filter(|d| self.filter.admits(&d.decision))
            .cloned()
            .collect();
        self.list.set_rows(shown);
        self.follow_links();
    }

    /// The detail's links: the selected record's, as last loaded (a reload after another
    /// writer's `bearing link` brings them).
    fn follow_links(&mut self) {
        match self.list.current() {
            Some(d) => {
                let of = ObjectRef::new(LinkKind::Decision, d.decision.id);
                if !self.links.is_of(of) {
                    self.links.unselect();
                }
                self.links.set(of, d.links.clone());
            }
            None => self.links = DetailLinks::default(),
        }
    }

    /// The filters set, in words: "proposed · \"cache\" · Aisha Khan" (empty: none).
    pub fn describe_filter(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.filter.status {
            parts.push(s.to_string());
        }
        if let Some(text) = &self.filter.text {
            parts.push(format!("\"{text}\""));
        }
        if let Some(person) = self.filter.person {
            let name = self.named().into_iter().find(|n| n.id == person);
            parts.push(name.map_or_else(|| format!("person {person}"), |n| n.name));
        }
        parts.join(" · ")
    }

    /// Everyone who decided or was consulted on a record loaded, by name.
    fn named(&self) -> Vec<Named> {
        let mut named: Vec<Named> = self
            .all
            .iter()
            .flat_map(|d| d.deciders.iter().chain(&d.consultees))
            .cloned()
            .collect();
        named.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        named.dedup_by_key(|n| n.id);
        named
    }

    /// The person filter's next step: anyone, then each person named in the log in turn.
    fn cycle_person(&mut self) -> String {
        let named = self.named();
        let next = match self.filter.person {
            None => named.first(),
            Some(p) => named
                .iter()
                .position(|n| n.id == p)
                .and_then(|i| named.get(i + 1)),
        };
        self.filter.person = next.map(|n| n.id);
        self.refilter();
        match next {
            Some(n) => format!("Decisions {} decided or was consulted on.", n.name),
            None if named.is_empty() => "No decision names anyone yet.".to_string(),
            None => "Decisions of anyone.".to_string(),
        }
    }

    /// Applies the words typed into the filter form.
    fn apply_text_filter(&mut self, text: &str) -> Request {
        let text = text.trim();
        self.filter.text = (!text.is_empty()).then(|| text.to_string());
        self.refilter();
        Request::Info(match &self.filter.text {
            None => "Text filter cleared.".to_string(),
            Some(t) => format!("{} of the decisions contain \"{t}\".", self.list.rows.len()),
        })
    }

    fn clear_filters(&mut self) -> Request {
        self.filter = DecisionFilter::default();
        self.refilter();
        Request::Info("Showing every decision.".into())
    }

    fn find(&self, id: i64) -> Option<&DecisionView> {
        self.all.iter().find(|d| d.decision.id == id)
    }

    fn edit(&self, id: i64, ctx: &Ctx<'_>) -> Option<Request> {
        let d = self.find(id)?;
        Some(Request::form(
            decision_form(Some(d), None, ctx),
            purpose(DecisionsForm::Edit(Box::new(d.decision.clone()))),
        ))
    }

    fn status(&self, id: i64) -> Option<Request> {
        let d = self.find(id)?;
        Some(Request::form(
            status_form(&d.decision),
            purpose(DecisionsForm::Status(Box::new(d.decision.clone()))),
        ))
    }

    pub fn submit(
        &mut self,
        form: &Form,
        which: &DecisionsForm,
        ctx: &Ctx<'_>,
    ) -> Result<Submit, Invalid> {
        match which {
            DecisionsForm::Status(opened) => status_submit(form, opened).map(Submit::Save),
            DecisionsForm::Edit(opened) => {
                decision_submit(form, Some(opened), None, ctx).map(Submit::Save)
            }
            DecisionsForm::Add { supersedes } => {
                decision_submit(form, None, *supersedes, ctx).map(Submit::Save)
            }
            DecisionsForm::Filter => Ok(Submit::Done(vec![
                self.apply_text_filter(&form.value("text")),
            ])),
        }
    }

    /// Ctrl-L after a refusal: the form again on the decision as it is now (none: it is gone).
    pub fn reopen(&self, form: Form, which: DecisionsForm, ctx: &Ctx<'_>) -> Vec<Request> {
        match which {
            DecisionsForm::Edit(d) => self.edit(d.id, ctx).into_iter().collect(),
            DecisionsForm::Status(d) => self.status(d.id).into_iter().collect(),
            again @ (DecisionsForm::Add { .. } | DecisionsForm::Filter) => {
                vec![Request::Form(Box::new(form), purpose(again))]
            }
        }
    }

    /// The status filter's next step: all, then each status in turn.
    fn cycle_status(&mut self) -> String {
        let all = DecisionStatus::ALL;
        self.filter.status = match self.filter.status {
            None => all.first().copied(),
            Some(s) => all
                .iter()
                .position(|x| *x == s)
                .and_then(|i| all.get(i + 1))
                .copied(),
        };
        self.refilter();
        match self.filter.status {
            Some(s) => format!("Showing {s} decisions."),
            None => "Showing every decision.".to_string(),
        }
    }
}

impl Pane for DecisionsPane {
    fn context(&self) -> KeyContext {
        KeyContext::Decisions
    }

    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if let Some(requests) = self.links.on_action(action, Action::Open, "decision") {
            return Some(requests);
        }
        if self.list.navigate(action) {
            self.follow_links();
            return done();
        }
        let current = self.list.current().map(|d| d.decision.id);
        let writes = matches!(
            action,
            Action::Add
                | Action::Edit
                | Action::Open
                | Action::Delete
                | Action::SetStatus
                | Action::Supersede
        );
        if writes && ctx.read_only {
            return error(READ_ONLY);
        }
        Some(match action {
            Action::Add => vec![Request::form(
                decision_form(None, None, ctx),
                purpose(DecisionsForm::Add { supersedes: None }),
            )],
            Action::Supersede => {
                let Some(old) = current.and_then(|id| self.find(id)) else {
                    return done();
                };
                vec![Request::form(
                    decision_form(None, Some(old), ctx),
                    purpose(DecisionsForm::Add {
                        supersedes: Some(old.decision.id),
                    }),
                )]
            }
            // Enter with no link selected: the record's form, as `e`.
            Action::Edit | Action::Open => current
                .and_then(|id| self.edit(id, ctx))
                .into_iter()
                .collect(),
            Action::SetStatus => current.and_then(|id| self.status(id)).into_iter().collect(),
            Action::Delete => current
                .and_then(|id| self.find(id))
                .map(|d| Request::Confirm {
                    message: format!(
                        "Delete decision {} \"{}\"?{} Decisions it superseded stand again.",
                        d.decision.id,
                        d.decision.fields.title,
                        links_going(d.links.len())
                    ),
                    on_yes: Effect::Decisions(DecisionsEffect::Delete(
                        d.decision.id,
                        Box::new(d.decision.clone()),
                    )),
                })
                .into_iter()
                .collect(),
            Action::FilterStatus => vec![Request::Info(self.cycle_status())],
            Action::FilterPerson => vec![Request::Info(self.cycle_person())],
            Action::FilterText => vec![Request::form(
                text_filter_form(self.filter.text.as_deref().unwrap_or_default()),
                purpose(DecisionsForm::Filter),
            )],
            Action::ClearFilters => vec![self.clear_filters()],
            // Esc steps back out of a filter first, then out of the tab.
            Action::Back if self.filter.is_set() => vec![self.clear_filters()],
            _ => return None,
        })
    }

    fn reload(&self, _ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::Decisions(DecisionsEffect::Load)]
    }

    fn show(&mut self, target: Target, _ctx: &Ctx<'_>) -> Vec<Request> {
        if let Target::Decision(id) = target {
            if self.list.rows.iter().all(|d| d.decision.id != id) {
                // Filtered away: show everything so the record can be seen.
                self.filter = DecisionFilter::default();
                self.refilter();
            }
            self.list.select_id = Some(id);
            if let Some(i) = self.list.rows.iter().position(|d| d.decision.id == id) {
                self.list.selected = i;
            }
            self.follow_links();
        }
        Vec::new()
    }

    fn select(&mut self, target: Target) {
        if let Target::Decision(id) = target {
            self.list.select_id = Some(id);
        }
    }

    fn list_rows(&self, body: Rect) -> Option<(ListRows, usize)> {
        let (list, _) = super::decisions_view::split(body);
        (!self.list.rows.is_empty())
            .then(|| (table_rows(list, self.list.selected), self.list.rows.len()))
    }

    fn select_row(&mut self, index: usize) {
        self.list.selected = index.min(self.list.rows.len().saturating_sub(1));
        self.follow_links();
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        super::decisions_view::render(frame, area, self, ctx);
    }
}

/// " Its 2 links go with it (the linked objects stay)." — or nothing when it has none.
fn links_going(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => " Its link goes with it (the linked object stays).".into(),
        n => format!(" Its {n} links go with it (the linked objects stay)."),
    }
}

#[cfg(test)]
#[path = "decisions_tests.rs"]
mod tests;
