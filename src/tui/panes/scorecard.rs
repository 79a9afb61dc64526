//! The Scorecard tab: every metric as a row of its last periods, judged against its target, with
//! a detail view per metric (a chart against the target, its values, the goals it measures).
//! `l` logs this period's number; `a`, `e`, `d` add, edit and delete.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Invalid;
use crate::domain::metric::MetricValue;
use crate::domain::metric_period::Period;
use crate::ops::scorecard::{MetricView, Scorecard};
use crate::tui::action::Action;
use crate::tui::effects::scorecard::ScorecardEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Pane, READ_ONLY, Request, Submit, Target, done, error, info};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::list::{Keyed, ListState};

use super::detail_links::DetailLinks;
use super::scorecard_form::{log_form, log_submit, metric_form, metric_submit};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::links::Linked;

/// A row of the grid: a metric, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub id: i64,
}

impl Keyed for Row {
    fn key(&self) -> i64 {
        self.id
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScorecardPane {
    pub card: Scorecard,
    /// The metrics in the grid's order, with the cursor.
    pub list: ListState<Row>,
    /// The metric whose detail is open.
    pub detail: Option<i64>,
    /// The selected value in the detail's table, newest first.
    pub value_row: usize,
    /// The links of the metric whose detail is open.
    pub links: DetailLinks,
}

#[derive(Debug, Clone)]
pub enum ScorecardMsg {
    Loaded(Box<Scorecard>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScorecardForm {
    Add,
    /// Editing metric `id`, with the settings the form opened on.
    Edit {
        id: i64,
        opened: Box<crate::domain::metric::MetricFields>,
    },
    /// Logging a number for metric `id`; `period` is the period the form opened on, `metric`
    /// the settings it opened on and `history` its values then (the date may move to another
    /// period: its value as shown is what a save compares with).
    /// `showing`: the period the title and the note show now; the form follows its date
    /// (`scorecard_form::log_follow`).
    Log {
        id: i64,
        period: Period,
        metric: Box<crate::domain::metric::MetricFields>,
        history: Vec<MetricValue>,
        showing: Period,
    },
}

fn form(form: Form, which: ScorecardForm) -> Request {
    Request::form(form, FormPurpose::Scorecard(which))
}

impl ScorecardPane {
    pub fn on_msg(&mut self, msg: ScorecardMsg) -> Vec<Request> {
        match msg {
            ScorecardMsg::Loaded(card) => {
                self.set_card(*card);
                // A change made elsewhere may have linked or unlinked it: read them again.
                self.links.load(self.shown_ref(), true)
            }
        }
    }

    /// The metric whose detail is open, as a link end.
    fn shown_ref(&self) -> Option<ObjectRef> {
        self.detail.map(|id| ObjectRef::new(LinkKind::Metric, id))
    }

    pub fn set_card(&mut self, card: Scorecard) {
        let rows = card.metrics.iter().map(|m| Row { id: m.id() }).collect();
        self.card = card;
        self.list.set_rows(rows);
        if self.detail.is_some_and(|id| self.card.get(id).is_none()) {
            self.detail = None;
        }
        let values = self.shown().map_or(0, |m| m.history.len());
        self.value_row = self.value_row.min(values.saturating_sub(1));
    }

    /// The metric under the cursor.
    pub fn current(&self) -> Option<&MetricView> {
        self.list.current().and_then(|r| self.card.get(r.id))
    }

    /// The metric whose detail is open.
    pub fn shown(&self) -> Option<&MetricView> {
        self.detail.and_then(|id| self.card.get(id))
    }

    /// The value selected in the detail (the table runs newest first).
    pub fn selected_value(&self) -> Option<&MetricValue> {
        let m = self.shown()?;
        m.history.iter().rev().nth(self.value_row)
    }

    /// The log form for metric `id` and the period containing `day`, on the value it holds now.
    pub(crate) fn log(&self, id: i64, day: chrono::NaiveDate) -> Option<Request> {
        let m = self.card.get(id)?;
        let f = &m.metric.fields;
        let period = Period::containing(day, f.cadence, f.week_start);
        let held = m
            .history
            .iter()
            .filter(|v| period.contains(v.period))
            .max_by_key(|v| v.period)
            .cloned();
        Some(form(
            log_form(m, period, held.as_ref()),
            ScorecardForm::Log {
                id,
                period,
                metric: Box::new(f.clone()),
                history: m.history.clone(),
                showing: period,
            },
        ))
    }

    /// The edit form of metric `id`, as the scorecard has it now.
    pub(crate) fn edit(&self, id: i64, ctx: &Ctx<'_>) -> Option<Request> {
        let m = self.card.get(id)?;
        Some(form(
            metric_form(Some(m), ctx),
            ScorecardForm::Edit {
                id,
                opened: Box::new(m.metric.fields.clone()),
            },
        ))
    }

    pub fn submit(
        &mut self,
        f: &Form,
        which: &ScorecardForm,
        ctx: &Ctx<'_>,
    ) -> Result<Submit, Invalid> {
        Ok(Submit::Save(match which {
            ScorecardForm::Add => metric_submit(f, None, ctx)?,
            ScorecardForm::Edit { id, opened } => metric_submit(f, Some((*id, opened)), ctx)?,
            ScorecardForm::Log {
                id,
                metric,
                history,
                showing,
                ..
            } => log_submit(f, *id, *showing, (metric, history), ctx)?,
        }))
    }

    /// Ctrl-L after a refusal: the form again, on the metric as it is now (none: it is gone).
    pub fn reopen(&self, f: Form, which: ScorecardForm, ctx: &Ctx<'_>) -> Vec<Request> {
        match which {
            ScorecardForm::Add => vec![form(f, ScorecardForm::Add)],
            ScorecardForm::Edit { id, .. } => self.edit(id, ctx).into_iter().collect(),
            ScorecardForm::Log { id, period, .. } => {
                self.log(id, period.start).into_iter().collect()
            }
        }
    }

    fn delete_metric(&self) -> Option<Request> {
        let m = self.current()?;
        let values = match m.history.len() {
            0 => String::new(),
            1 => " and its value".to_string(),
            n => format!(" and its {n} values"),
        };
        let goals = if m.goals.is_empty() {
            String::new()
        } else {
            " Goals it measures keep their progress.".to_string()
        };
        Some(Request::Confirm {
            message: format!("Delete the metric \"{}\"{values}?{goals}", m.name()),
            on_yes: Effect::Scorecard(ScorecardEffect::Delete {
                id: m.id(),
                opened: Box::new(m.metric.fields.clone()),
                values: m.history.clone(),
            }),
        })
    }

    fn delete_value(&self) -> Option<Request> {
        let m = self.shown()?;
        let v = self.selected_value()?;
        let period = Period::containing(
            v.period,
            m.metric.fields.cadence,
            m.metric.fields.week_start,
        );
        Some(Request::Confirm {
            message: format!(
                "Delete {} for {}, {}?",
                m.metric.fields.shown(v.value),
                m.name(),
                period.label()
            ),
            on_yes: Effect::Scorecard(ScorecardEffect::DeleteValue(Box::new(v.clone()))),
        })
    }

    fn on_grid_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if self.list.navigate(action) {
            return done();
        }
        let current = self.current().map(MetricView::id);
        Some(match action {
            Action::Add => vec![form(metric_form(None, ctx), ScorecardForm::Add)],
            Action::Open => {
                if let Some(id) = current {
                    self.detail = Some(id);
                    self.value_row = 0;
                }
                self.links.moved_to(self.shown_ref())
            }
            Action::Edit | Action::LogValue | Action::Delete if current.is_none() => {
                return info("No metrics yet: press a to add one.");
            }
            Action::Edit | Action::LogValue | Action::Delete if ctx.read_only => {
                return error(READ_ONLY);
            }
            Action::Edit => current
                .and_then(|id| self.edit(id, ctx))
                .into_iter()
                .collect(),
            Action::LogValue => current
                .and_then(|id| self.log(id, ctx.today()))
                .into_iter()
                .collect(),
            Action::Delete => self.delete_metric().into_iter().collect(),
            // The detail's keys, pressed in the grid: nothing to go back from.
            Action::Back | Action::EditValue => Vec::new(),
            _ => return None,
        })
    }

    fn on_detail_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        let shown = self.shown().map(MetricView::id)?;
        // Enter follows a selected link; with none, it changes the value as before.
        if let Some(requests) = self.links.on_action(action, Action::EditValue, "metric") {
            return Some(requests);
        }
        let values = self.shown().map_or(0, |m| m.history.len());
        let last = values.saturating_sub(1);
        match action {
            Action::Down => self.value_row = (self.value_row + 1).min(last),
            Action::Up => self.value_row = self.value_row.saturating_sub(1),
            Action::PageDown => self.value_row = (self.value_row + 10).min(last),
            Action::PageUp => self.value_row = self.value_row.saturating_sub(10),
            Action::Top => self.value_row = 0,
            Action::Bottom => self.value_row = last,
            Action::Back => self.detail = None,
            Action::Edit | Action::LogValue | Action::EditValue | Action::Delete
                if ctx.read_only =>
            {
                return error(READ_ONLY);
            }
            Action::Edit => return Some(self.edit(shown, ctx).into_iter().collect()),
            Action::LogValue => return Some(self.log(shown, ctx.today()).into_iter().collect()),
            Action::EditValue => {
                let Some(day) = self.selected_value().map(|v| v.period) else {
                    return info("No values yet: press l to log this period's.");
                };
                return Some(self.log(shown, day).into_iter().collect());
            }
            Action::Delete => {
                return match self.delete_value() {
                    Some(request) => Some(vec![request]),
                    None => info("No values to delete."),
                };
            }
            Action::Add | Action::Open => {
                return info("Esc goes back to the scorecard, where a adds a metric.");
            }
            _ => return None,
        }
        done()
    }
}

impl Pane for ScorecardPane {
    fn context(&self) -> KeyContext {
        if self.shown().is_some() {
            KeyContext::Metric
        } else {
            KeyContext::Scorecard
        }
    }

    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if self.shown().is_some() {
            self.on_detail_action(action, ctx)
        } else {
            self.on_grid_action(action, ctx)
        }
    }

    fn reload(&self, _ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::Scorecard(ScorecardEffect::Load)]
    }

    fn show(&mut self, target: Target, _ctx: &Ctx<'_>) -> Vec<Request> {
        if let Target::Metric(id) = target {
            self.detail = None;
            self.list.select_id = Some(id);
            let rows = self.list.rows.clone();
            self.list.set_rows(rows);
        }
        Vec::new()
    }

    fn select(&mut self, target: Target) {
        if let Target::Metric(id) = target {
            self.list.select_id = Some(id);
        }
    }

    fn links_loaded(&mut self, of: ObjectRef, links: Vec<Linked>) {
        self.links.arrived(self.shown_ref(), of, links);
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        match self.shown() {
            Some(metric) => super::scorecard_detail::render(frame, area, self, metric, ctx),
            None => super::scorecard_view::render(frame, area, self, ctx),
        }
    }
}

#[cfg(test)]
#[path = "scorecard_tests.rs"]
mod tests;
