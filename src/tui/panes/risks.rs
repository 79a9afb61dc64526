//! The Risks tab: the register as a sortable, filterable table or a 5×5 heat map; add, edit,
//! review and delete.

use crate::domain::risk::{Category, Risk};
use crate::domain::risk_list::{RiskFilter, RiskSort, StatusFilter, cycle, visible_indices};
use crate::domain::risk_score::{Band, RiskScore};
use crate::tui::action::Action;
use crate::tui::model::{FormPurpose, Model, Overlay};
use crate::tui::msg::Effect;
use crate::tui::widgets::list::{Keyed, ListState};

use super::risk_form::{review_form, risk_form, text_filter_form};

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

/// Applies the words typed into the filter form.
pub fn apply_text_filter(model: &mut Model, text: &str) {
    let pane = &mut model.risks;
    pane.filter.text = text.trim().to_string();
    pane.refresh();
    let shown = pane.list.rows.len();
    model.info(if text.trim().is_empty() {
        "Text filter cleared.".to_string()
    } else {
        format!("{} contain \"{}\".", count(shown), text.trim())
    });
}

/// "1 risk", "3 risks".
fn count(n: usize) -> String {
    match n {
        1 => "1 risk".to_string(),
        n => format!("{n} risks"),
    }
}

fn open_form(model: &mut Model, form: crate::tui::widgets::form::Form, purpose: FormPurpose) {
    model.overlay = Some(Overlay::Form {
        form: Box::new(form),
        purpose,
    });
}

pub fn on_action(model: &mut Model, action: Action) -> Vec<Effect> {
    if on_view_action(model, action) {
        return Vec::new();
    }
    match model.risks.view {
        RiskView::Table => on_table_action(model, action),
        RiskView::HeatMap => on_heat_map_action(model, action),
    }
    Vec::new()
}

/// Sorting, filtering and switching views work the same in both views.
fn on_view_action(model: &mut Model, action: Action) -> bool {
    let pane = &mut model.risks;
    let message = match action {
        Action::CycleSort => {
            pane.sort = pane.sort.next();
            format!("Sorted by {}.", pane.sort.label())
        }
        Action::FilterStatus => {
            pane.filter.status = pane.filter.status.next();
            format!("Status: {}.", pane.filter.status.label())
        }
        Action::FilterCategory => {
            pane.filter.category = cycle(pane.filter.category, Category::ALL);
            format!(
                "Category: {}.",
                pane.filter.category.map_or("any", Category::as_str)
            )
        }
        Action::FilterBand => {
            pane.filter.band = cycle(pane.filter.band, &Band::ALL);
            format!("Band: {}.", pane.filter.band.map_or("any", Band::as_str))
        }
        Action::ClearFilters => {
            pane.filter = RiskFilter::default();
            "Filters cleared: active risks.".to_string()
        }
        Action::ToggleHeatMap => {
            pane.view = match pane.view {
                RiskView::Table => {
                    // The map opens on the selected risk's cell.
                    if let Some(score) = pane.current().map(|r| r.fields.score) {
                        pane.cell = score;
                    }
                    RiskView::HeatMap
                }
                RiskView::HeatMap => RiskView::Table,
            };
            return true;
        }
        Action::FilterText => {
            let form = text_filter_form(&pane.filter.text);
            open_form(model, form, FormPurpose::FilterRisks);
            return true;
        }
        _ => return false,
    };
    pane.refresh();
    model.info(message);
    true
}

fn read_only(model: &mut Model) {
    model.error("This database is read-only: changes are disabled.");
}

fn on_table_action(model: &mut Model, action: Action) {
    if model.risks.list.navigate(action) {
        return;
    }
    match action {
        Action::Add => open_form(model, risk_form(None), FormPurpose::AddRisk),
        Action::Edit | Action::OpenCell | Action::ReviewRisk if model.read_only => read_only(model),
        Action::Edit | Action::OpenCell => {
            if let Some(id) = model.risks.current().map(|r| r.id) {
                edit(model, id);
            }
        }
        Action::ReviewRisk => {
            if let Some(id) = model.risks.current().map(|r| r.id) {
                review(model, id);
            }
        }
        Action::Delete => {
            if let Some(r) = model.risks.current() {
                model.overlay = Some(Overlay::Confirm {
                    message: format!(
                        "Delete risk {} \"{}\" and its score history? To keep the record, set its status to closed instead.",
                        r.id, r.fields.title
                    ),
                    on_yes: Effect::DeleteRisk(r.id),
                });
            }
        }
        _ => {}
    }
}

/// Opens the edit form of risk `id`, as the register has it now.
pub fn edit(model: &mut Model, id: i64) {
    if let Some(r) = model.risks.all.iter().find(|r| r.id == id).cloned() {
        open_form(
            model,
            risk_form(Some(&r)),
            FormPurpose::EditRisk(Box::new(r)),
        );
    }
}

/// Opens the review form of risk `id`, as the register has it now.
pub fn review(model: &mut Model, id: i64) {
    if let Some(r) = model.risks.all.iter().find(|r| r.id == id).cloned() {
        open_form(model, review_form(&r), FormPurpose::ReviewRisk(Box::new(r)));
    }
}

fn on_heat_map_action(model: &mut Model, action: Action) {
    let pane = &mut model.risks;
    match action {
        Action::Up => pane.move_cell(1, 0),
        Action::Down => pane.move_cell(-1, 0),
        Action::Top | Action::PageUp => pane.move_cell(4, 0),
        Action::Bottom | Action::PageDown => pane.move_cell(-4, 0),
        Action::CellLeft => pane.move_cell(0, -1),
        Action::CellRight => pane.move_cell(0, 1),
        Action::OpenCell => {
            pane.filter.cell = Some(pane.cell);
            pane.view = RiskView::Table;
            pane.refresh();
            pane.list.selected = 0;
            let shown = pane.list.rows.len();
            let cell = pane.cell;
            model.info(format!(
                "{} at L{}×I{}; x clears the filter.",
                count(shown),
                cell.likelihood,
                cell.impact
            ));
        }
        Action::Add => open_form(model, risk_form(None), FormPurpose::AddRisk),
        Action::Edit | Action::ReviewRisk | Action::Delete => {
            model.info("Press Enter to list this cell's risks, or v for the table.");
        }
        _ => {}
    }
}

#[cfg(test)]
#[path = "risks_tests.rs"]
mod tests;
