//! The Risks tab: the register as a sortable, filterable table or a 5×5 heat map; add, edit,
//! review and delete.

use crate::domain::Word;
use crate::ops::markdown::plural;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Invalid;
use crate::domain::risk::{Category, Risk};
use crate::domain::risk_list::{RiskFilter, RiskSort, StatusFilter, cycle, visible_indices};
use crate::domain::risk_score::{Band, RiskScore};
use crate::tui::action::Action;
use crate::tui::effects::risks::RisksEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Pane, READ_ONLY, Request, Submit, Target, done, error, info};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::list::{Keyed, ListState};

use super::detail_links::DetailLinks;
use super::hit::{ListRows, table_rows};
use super::risk_form::{review_form, review_submit, risk_form, risk_submit, text_filter_form};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::links::Linked;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RiskView {
    #[default]
    Table,
    HeatMap,
}

/// A row of the table: the risk's id and where it is in `RisksPane::all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub id: i64,
    pub index: usize,
}

impl Keyed for Shown {
    fn key(&self) -> i64 {
        self.id
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RisksPane {
    /// Every risk, as loaded.
    pub all: Vec<Risk>,
    /// The risks the filter lets through, in sort order, with the cursor.
    pub list: ListState<Shown>,
    pub filter: RiskFilter,
    pub sort: RiskSort,
    pub view: RiskView,
    /// The heat-map cursor: a likelihood (row) and an impact (column).
    pub cell: RiskScore,
    /// The selected risk's links, shown in its detail.
    pub links: DetailLinks,
}

impl Default for RisksPane {
    fn default() -> Self {
        RisksPane {
            all: Vec::new(),
            list: ListState::default(),
            filter: RiskFilter::default(),
            sort: RiskSort::default(),
            view: RiskView::default(),
            cell: RiskScore {
                likelihood: 3,
                impact: 3,
            },
            links: DetailLinks::default(),
        }
    }
}

impl RisksPane {
    /// Replaces the risks. A risk just saved (`list.select_id`) is shown even if the filters
    /// would hide it, so the user sees what they saved.
    pub fn set_all(&mut self, risks: Vec<Risk>) {
        self.all = risks;
        if let Some(id) = self.list.select_id {
            self.reveal(id);
        }
        self.refresh();
    }

    /// Loosens the filters until risk `id` passes them: first back to the defaults, then to
    /// every status (for a closed risk).
    fn reveal(&mut self, id: i64) {
        let Some(risk) = self.all.iter().find(|r| r.id == id) else {
            return;
        };
        if !self.filter.admits(risk) {
            self.filter = RiskFilter::default();
            if !self.filter.admits(risk) {
                self.filter.status = StatusFilter::All;
            }
        }
    }

    /// Re-applies the filter and the sort, keeping the cursor on the same risk if it is still shown.
    pub fn refresh(&mut self) {
        let shown = visible_indices(&self.all, &self.filter, self.sort)
            .into_iter()
            .filter_map(|index| self.all.get(index).map(|r| Shown { id: r.id, index }))
            .collect();
        self.list.set_rows(shown);
    }

    pub fn current(&self) -> Option<&Risk> {
        self.list.current().and_then(|s| self.all.get(s.index))
    }

    /// The shown risks, in order.
    pub fn rows(&self) -> impl Iterator<Item = &Risk> + '_ {
        self.list.rows.iter().filter_map(|s| self.all.get(s.index))
    }

    pub fn loaded(&self) -> bool {
        self.list.loaded
    }

    /// Puts the cursor on risk `id` in the table, clearing filters that would hide it.
    pub fn focus(&mut self, id: i64) {
        self.view = RiskView::Table;
        self.reveal(id);
        self.list.select_id = Some(id);
        self.refresh();
    }

    fn move_cell(&mut self, likelihood: i8, impact: i8) {
        let step = |v: u8, d: i8| (i16::from(v) + i16::from(d)).clamp(1, 5) as u8;
        self.cell = RiskScore {
            likelihood: step(self.cell.likelihood, likelihood),
            impact: step(self.cell.impact, impact),
        };
    }
}

#[derive(Debug, Clone)]
pub enum RisksMsg {
    Loaded(Vec<Risk>),
    /// The links of a risk, for its detail.
    Links(i64, Vec<Linked>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RisksForm {
    Add,
    Edit(Box<Risk>),
    Review(Box<Risk>),
    /// The words the table is filtered by.
    Filter,
}

fn form(form: Form, which: RisksForm) -> Request {
    Request::form(form, FormPurpose::Risks(which))
}

fn risk_ref(id: i64) -> ObjectRef {
    ObjectRef::new(LinkKind::Risk, id)
}

fn count(n: usize) -> String {
    plural(n, "risk")
}

impl RisksPane {
    pub fn on_msg(&mut self, msg: RisksMsg) -> Vec<Request> {
        match msg {
            RisksMsg::Loaded(rows) => {
                self.set_all(rows);
                // A change made elsewhere may have linked or unlinked it: read them again.
                return self.current_links(true);
            }
            RisksMsg::Links(id, links) => {
                if self.current().map(|r| r.id) == Some(id) {
                    self.links.set(risk_ref(id), links);
                }
            }
        }
        Vec::new()
    }

    /// The load of the selected risk's links, when they are not the ones shown (or `again`).
    fn current_links(&self, again: bool) -> Vec<Request> {
        match self.current().map(|r| r.id) {
            Some(id) if again || !self.links.is_of(risk_ref(id)) => {
                vec![Request::Run(Effect::Risks(RisksEffect::Links(id)))]
            }
            _ => Vec::new(),
        }
    }

    fn risk(&self, id: i64) -> Option<&Risk> {
        self.all.iter().find(|r| r.id == id)
    }

    /// The edit form of risk `id`, as the register has it now.
    pub(crate) fn edit(&self, id: i64, ctx: &Ctx<'_>) -> Option<Request> {
        let r = self.risk(id)?;
        Some(form(
            risk_form(Some(r), &self.links, ctx),
            RisksForm::Edit(Box::new(r.clone())),
        ))
    }

    /// The review form of risk `id`, as the register has it now.
    pub(crate) fn review(&self, id: i64) -> Option<Request> {
        let r = self.risk(id)?;
        Some(form(review_form(r), RisksForm::Review(Box::new(r.clone()))))
    }

    /// Applies the words typed into the filter form.
    fn apply_text_filter(&mut self, text: &str) -> Request {
        self.filter.text = text.trim().to_string();
        self.refresh();
        let shown = self.list.rows.len();
        Request::Info(if text.trim().is_empty() {
            "Text filter cleared.".to_string()
        } else {
            format!("{} contain \"{}\".", count(shown), text.trim())
        })
    }

    pub fn submit(
        &mut self,
        f: &Form,
        which: &RisksForm,
        ctx: &Ctx<'_>,
    ) -> Result<Submit, Invalid> {
        Ok(match which {
            RisksForm::Add => Submit::Save(risk_submit(f, None, ctx)?),
            RisksForm::Edit(r) => Submit::Save(risk_submit(f, Some(r), ctx)?),
            RisksForm::Review(r) => Submit::Save(review_submit(f, r, ctx)?),
            RisksForm::Filter => Submit::Done(vec![self.apply_text_filter(&f.value("text"))]),
        })
    }

    /// Ctrl-L after a refusal: the form again, on the risk as it is now (none: it is gone).
    pub fn reopen(&self, f: Form, which: RisksForm, ctx: &Ctx<'_>) -> Vec<Request> {
        match which {
            RisksForm::Edit(r) => self.edit(r.id, ctx).into_iter().collect(),
            RisksForm::Review(r) => self.review(r.id).into_iter().collect(),
            which @ (RisksForm::Add | RisksForm::Filter) => vec![form(f, which)],
        }
    }

    /// Sorting, filtering and switching views work the same in both views.
    fn on_view_action(&mut self, action: Action) -> Option<Vec<Request>> {
        let message = match action {
            Action::CycleSort => {
                self.sort = self.sort.next();
                format!("Sorted by {}.", self.sort.label())
            }
            Action::FilterStatus => {
                self.filter.status = self.filter.status.next();
                format!("Status: {}.", self.filter.status.label())
            }
            Action::FilterCategory => {
                self.filter.category = cycle(self.filter.category, Category::ALL);
                format!(
                    "Category: {}.",
                    self.filter.category.map_or("any", Category::as_str)
                )
            }
            Action::FilterBand => {
                self.filter.band = cycle(self.filter.band, &Band::SEVERE_FIRST);
                format!("Band: {}.", self.filter.band.map_or("any", Band::as_str))
            }
            Action::ClearFilters => {
                self.filter = RiskFilter::default();
                "Filters cleared: active risks.".to_string()
            }
            Action::ToggleHeatMap => {
                self.view = match self.view {
                    RiskView::Table => {
                        // The map opens on the selected risk's cell.
                        if let Some(score) = self.current().map(|r| r.fields.score) {
                            self.cell = score;
                        }
                        RiskView::HeatMap
                    }
                    RiskView::HeatMap => RiskView::Table,
                };
                return done();
            }
            Action::FilterText => {
                return Some(vec![form(
                    text_filter_form(&self.filter.text),
                    RisksForm::Filter,
                )]);
            }
            _ => return None,
        };
        self.refresh();
        info(message)
    }

    fn on_table_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if let Some(requests) = self.links.on_action(action, Action::OpenCell, "risk") {
            return Some(requests);
        }
        if self.list.navigate(action) {
            self.links.unselect();
            return Some(self.current_links(false));
        }
        let current = self.current().map(|r| r.id);
        Some(match action {
            Action::Add => vec![form(risk_form(None, &self.links, ctx), RisksForm::Add)],
            Action::Edit | Action::OpenCell | Action::ReviewRisk if ctx.read_only => {
                return error(READ_ONLY);
            }
            Action::Edit | Action::OpenCell => {
                current.and_then(|id| self.edit(id, ctx)).into_iter().collect()
            }
            Action::ReviewRisk => current.and_then(|id| self.review(id)).into_iter().collect(),
            // The owner's prep view, when the owner is one of my people (Esc comes back).
            Action::Prep => match self.current().map(|r| r.fields.owner_id) {
                Some(Some(owner)) => vec![Request::Show(Target::Person(
                    owner,
                    crate::tui::panes::person::PeopleView::Prep,
                ))],
                Some(None) => {
                    return info("Its owner is not one of your people: p opens a person's prep.");
                }
                None => return done(),
            },
            Action::CellLeft | Action::CellRight => {
                return info("h and l move on the heat map: press v to show it.");
            }
            Action::Delete => self
                .current()
                .map(|r| Request::Confirm {
                    message: format!(
                        "Delete risk {} \"{}\" and its score history? To keep the record, set its status to closed instead.",
                        r.id, r.fields.title
                    ),
                    on_yes: Effect::Risks(RisksEffect::Delete(r.id, Box::new(r.fields.clone()))),
                })
                .into_iter()
                .collect(),
            _ => return None,
        })
    }

    fn on_heat_map_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        match action {
            Action::Up => self.move_cell(1, 0),
            Action::Down => self.move_cell(-1, 0),
            Action::Top | Action::PageUp => self.move_cell(4, 0),
            Action::Bottom | Action::PageDown => self.move_cell(-4, 0),
            Action::CellLeft => self.move_cell(0, -1),
            Action::CellRight => self.move_cell(0, 1),
            Action::OpenCell => {
                self.filter.cell = Some(self.cell);
                self.view = RiskView::Table;
                self.refresh();
                self.list.selected = 0;
                let shown = self.list.rows.len();
                let cell = self.cell;
                return info(format!(
                    "{} at L{}×I{}; x clears the filter.",
                    count(shown),
                    cell.likelihood,
                    cell.impact
                ));
            }
            Action::Add => {
                return Some(vec![form(
                    risk_form(None, &self.links, ctx),
                    RisksForm::Add,
                )]);
            }
            Action::Edit
            | Action::ReviewRisk
            | Action::Delete
            | Action::Prep
            | Action::NextLink => {
                return info("Press Enter to list this cell's risks, or v for the table.");
            }
            _ => return None,
        }
        done()
    }
}

impl Pane for RisksPane {
    fn context(&self) -> KeyContext {
        KeyContext::Risks
    }

    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if let Some(requests) = self.on_view_action(action) {
            return Some(requests);
        }
        match self.view {
            RiskView::Table => self.on_table_action(action, ctx),
            RiskView::HeatMap => self.on_heat_map_action(action, ctx),
        }
    }

    fn reload(&self, _ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::Risks(RisksEffect::Load)]
    }

    fn show(&mut self, target: Target, _ctx: &Ctx<'_>) -> Vec<Request> {
        match target {
            Target::Risk(id) => {
                self.focus(id);
                return self.current_links(false);
            }
            // From the agenda or its radar: the review form, on the risk as the register has it.
            Target::RiskReview(id) => {
                self.focus(id);
                return self.review(id).into_iter().collect();
            }
            _ => {}
        }
        Vec::new()
    }

    fn select(&mut self, target: Target) {
        if let Target::Risk(id) = target {
            self.list.select_id = Some(id);
        }
    }

    fn list_rows(&self, body: Rect) -> Option<(ListRows, usize)> {
        if self.view != RiskView::Table || self.all.is_empty() {
            return None;
        }
        let [_, table] = super::risks_view::header_and_body(body);
        let (table, _, _) = super::risks_view::table_split(table);
        Some((table_rows(table, self.list.selected), self.list.rows.len()))
    }

    fn select_row(&mut self, index: usize) {
        self.list.selected = index;
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        super::risks_view::render(frame, area, self, ctx);
    }
}

#[cfg(test)]
#[path = "risks_tests.rs"]
mod tests;
