//! The Plan tab: phases side by side (or grouped), a selected goal, and its forms.

use crate::domain::Word;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Invalid;
use crate::domain::plan::{
    Confidence, Goal, GoalFields, GoalMeasure, GoalStatus, PHASES, PlanDay, next_phase, phase_label,
};
use crate::ops::plan::{GoalView, PlanView};
use crate::tui::action::Action;
use crate::tui::effects::plan::PlanEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Pane, Request, Submit, Target, done, error};
use crate::tui::widgets::form::Form;

use super::detail_links::DetailLinks;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::links::Linked;
use crate::tui::linkables::{changes, with_links_field};

fn goal_ref(id: i64) -> ObjectRef {
    ObjectRef::new(LinkKind::Goal, id)
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanPane {
    pub view: Option<PlanView>,
    /// Index into `PHASES`.
    pub phase: usize,
    pub goal: usize,
    /// Whether the cursor was put on today's phase since the plan got its start.
    placed: bool,
    /// The selected goal's links, shown in its detail.
    pub links: DetailLinks,
}

impl PlanPane {
    pub fn selected(&self) -> Option<&GoalView> {
        self.view
            .as_ref()?
            .phases
            .get(self.phase)?
            .goals
            .get(self.goal)
    }

    fn goals_in_phase(&self) -> usize {
        self.view
            .as_ref()
            .and_then(|v| v.phases.get(self.phase))
            .map_or(0, |p| p.goals.len())
    }

    /// Puts the cursor on goal `id`, in its phase.
    pub fn focus_goal(&mut self, id: i64) {
        let Some(view) = &self.view else { return };
        for (p, phase) in view.phases.iter().enumerate() {
            if let Some(g) = phase.goals.iter().position(|g| g.goal.id == id) {
                self.phase = p;
                self.goal = g;
                self.placed = true;
                return;
            }
        }
    }

    pub fn set_view(&mut self, view: PlanView) {
        let first = !self.placed && view.start.is_some();
        self.view = Some(view);
        if first {
            self.placed = true;
            // Open on the phase the plan is in today.
            self.phase = match self.view.as_ref().and_then(|v| v.day) {
                Some(PlanDay::Running { day }) => usize::try_from((day - 1) / 30).unwrap_or(0),
                Some(PlanDay::Complete { .. }) => 2,
                _ => 0,
            };
            self.goal = 0;
        }
        self.goal = self.goal.min(self.goals_in_phase().saturating_sub(1));
    }
}

#[derive(Debug, Clone)]
pub enum PlanMsg {
    Loaded(Box<PlanView>),
    /// The links of a goal, for its detail.
    Links(i64, Vec<Linked>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanForm {
    /// Setting the plan's first day; the start it had (None: no plan yet).
    Start(Option<NaiveDate>),
    AddGoal,
    EditGoal(Box<Goal>),
    Checkin(Box<Goal>),
}

/// Goals moved by PgDn/PgUp.
const PAGE: usize = 10;

fn form(form: Form, which: PlanForm) -> Request {
    Request::form(form, FormPurpose::Plan(which))
}

impl PlanPane {
    pub fn on_msg(&mut self, msg: PlanMsg) -> Vec<Request> {
        match msg {
            PlanMsg::Loaded(view) => {
                self.set_view(*view);
                // A change made elsewhere may have linked or unlinked it: read them again.
                return self.current_links(true);
            }
            PlanMsg::Links(id, links) => {
                if self.selected().map(|g| g.goal.id) == Some(id) {
                    self.links.set(goal_ref(id), links);
                }
            }
        }
        Vec::new()
    }

    /// The load of the selected goal's links, when they are not the ones shown (or `again`).
    fn current_links(&self, again: bool) -> Vec<Request> {
        match self.selected().map(|g| g.goal.id) {
            Some(id) if again || !self.links.is_of(goal_ref(id)) => {
                vec![Request::Run(Effect::Plan(PlanEffect::Links(id)))]
            }
            _ => Vec::new(),
        }
    }

    fn goal(&self, id: i64) -> Option<&GoalView> {
        self.view.as_ref()?.goal(id)
    }

    fn start(&self) -> Option<NaiveDate> {
        self.view.as_ref().and_then(|v| v.start)
    }

    /// The metrics a goal can be measured by.
    fn metrics(&self) -> &[(i64, String)] {
        self.view.as_ref().map_or(&[], |v| v.metrics.as_slice())
    }

    /// The form for the plan's first day, on the start the plan has now.
    pub(crate) fn start_form(&self, ctx: &Ctx<'_>) -> Request {
        let start = self.start();
        let shown = start.unwrap_or(ctx.today());
        form(
            Form::new("Start of the 30/60/90-day plan").date(
                "date",
                "Day 1",
                &shown.format("%Y-%m-%d").to_string(),
                false,
                "the day you started in the role",
            ),
            PlanForm::Start(start),
        )
    }

    /// The edit form of goal `id`, as the plan has it now.
    pub(crate) fn edit_goal(&self, id: i64, ctx: &Ctx<'_>) -> Option<Request> {
        let g = self.goal(id)?;
        Some(form(
            with_links_field(
                goal_form(Some(g), g.goal.fields.phase, self.metrics(), ctx),
                Some(goal_ref(id)),
                &self.links,
            ),
            PlanForm::EditGoal(Box::new(g.goal.clone())),
        ))
    }

    /// The check-in form of goal `id`, on its progress and confidence now.
    pub(crate) fn checkin_form(&self, id: i64) -> Option<Request> {
        let g = self.goal(id)?;
        let f = &g.goal.fields;
        let confidence = Confidence::ALL
            .iter()
            .position(|c| *c == f.confidence)
            .unwrap_or(0);
        // A measured goal's progress follows its metric: the check-in records the number.
        let f = match &g.measured_by {
            Some(m) => Form::new(format!(
                "Check in: {} · {}% by {} ({})",
                f.title,
                f.progress,
                m.name,
                m.latest.as_deref().unwrap_or("no value yet")
            )),
            None => Form::new(format!("Check in: {}", f.title)).number(
                "progress",
                "Progress %",
                i64::from(f.progress),
                0,
                100,
            ),
        }
        .choice("confidence", "Confidence", confidence_labels(), confidence)
        .text("note", "Note", "", "what moved, what is stuck");
        Some(form(f, PlanForm::Checkin(Box::new(g.goal.clone()))))
    }

    /// Ctrl-L after a refusal: the form again, on the plan as it is now (none: it is gone).
    pub fn reopen(&self, f: Form, which: PlanForm, ctx: &Ctx<'_>) -> Vec<Request> {
        match which {
            PlanForm::Start(_) => vec![self.start_form(ctx)],
            PlanForm::EditGoal(g) => self.edit_goal(g.id, ctx).into_iter().collect(),
            PlanForm::Checkin(g) => self.checkin_form(g.id).into_iter().collect(),
            PlanForm::AddGoal => vec![form(f, PlanForm::AddGoal)],
        }
    }
}

impl Pane for PlanPane {
    fn context(&self) -> KeyContext {
        KeyContext::Plan
    }

    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if let Some(requests) = self.links.on_action(action, Action::Open, "goal") {
            return Some(requests);
        }
        let before = self.selected().map(|g| g.goal.id);
        let mut requests = self.on_goal_action(action, ctx)?;
        if self.selected().map(|g| g.goal.id) != before {
            self.links.unselect();
            requests.extend(self.current_links(false));
        }
        Some(requests)
    }

    fn reload(&self, _ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::Plan(PlanEffect::Load)]
    }

    fn show(&mut self, target: Target, _ctx: &Ctx<'_>) -> Vec<Request> {
        match target {
            Target::Goal(id) => {
                self.focus_goal(id);
                return self.current_links(false);
            }
            // From the agenda's radar: a goal behind schedule opens in its check-in.
            Target::GoalCheckin(id) => {
                self.focus_goal(id);
                return self.checkin_form(id).into_iter().collect();
            }
            _ => {}
        }
        Vec::new()
    }

    fn select(&mut self, target: Target) {
        if let Target::Goal(id) = target {
            self.focus_goal(id);
        }
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        super::plan_view::render(frame, area, self, ctx);
    }
}

impl PlanPane {
    /// What a key does to the plan and its selected goal (links aside).
    fn on_goal_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        let started = self.start().is_some();
        let selected = self.selected().map(|g| g.goal.id);
        Some(match action {
            // prev_day/next_day: what `h`/`l` were bound to here before the phase actions.
            Action::PrevPhase | Action::NextPhase | Action::PrevDay | Action::NextDay => {
                let n = PHASES.len();
                self.phase = if matches!(action, Action::NextPhase | Action::NextDay) {
                    (self.phase + 1) % n
                } else {
                    (self.phase + n - 1) % n
                };
                self.goal = self.goal.min(self.goals_in_phase().saturating_sub(1));
                Vec::new()
            }
            Action::Down | Action::PageDown => {
                let step = if action == Action::Down { 1 } else { PAGE };
                self.goal = (self.goal + step).min(self.goals_in_phase().saturating_sub(1));
                Vec::new()
            }
            Action::Up | Action::PageUp => {
                let step = if action == Action::Up { 1 } else { PAGE };
                self.goal = self.goal.saturating_sub(step);
                Vec::new()
            }
            Action::Top => {
                self.goal = 0;
                Vec::new()
            }
            Action::Bottom => {
                self.goal = self.goals_in_phase().saturating_sub(1);
                Vec::new()
            }
            Action::StartPlan => vec![self.start_form(ctx)],
            Action::Add | Action::Edit | Action::Checkin if !started => {
                return error("Start the plan first: press S and give its first day.");
            }
            Action::Add => {
                let phase = PHASES.get(self.phase).copied().unwrap_or(30);
                vec![form(
                    with_links_field(
                        goal_form(None, phase, self.metrics(), ctx),
                        None,
                        &self.links,
                    ),
                    PlanForm::AddGoal,
                )]
            }
            // Enter with no link selected: the goal's edit form, as before.
            Action::Edit | Action::Open => selected
                .and_then(|id| self.edit_goal(id, ctx))
                .into_iter()
                .collect(),
            Action::Checkin => selected
                .and_then(|id| self.checkin_form(id))
                .into_iter()
                .collect(),
            Action::Delete => self
                .selected()
                .map(|g| Request::Confirm {
                    message: format!(
                        "Delete the goal \"{}\" and its check-ins?",
                        g.goal.fields.title
                    ),
                    on_yes: Effect::Plan(PlanEffect::DeleteGoal(
                        g.goal.id,
                        Box::new(g.goal.fields.clone()),
                    )),
                })
                .into_iter()
                .collect(),
            Action::RollOver => {
                let Some(g) = self.selected() else {
                    return done();
                };
                let f = &g.goal.fields;
                match next_phase(f.phase) {
                    Some(next) if f.status.is_open() => vec![Request::Confirm {
                        message: format!(
                            "Roll \"{}\" over from {} to {}?",
                            f.title,
                            phase_label(f.phase),
                            phase_label(next)
                        ),
                        on_yes: Effect::Plan(PlanEffect::RollOver(g.goal.id)),
                    }],
                    Some(_) => return error("Only open goals roll over."),
                    None => return error("The 12-month phase is the last one."),
                }
            }
            _ => return None,
        })
    }
}

fn confidence_labels() -> Vec<String> {
    Confidence::ALL
        .iter()
        .map(|c| c.label().to_string())
        .collect()
}

fn goal_form(
    existing: Option<&GoalView>,
    phase: u32,
    metrics: &[(i64, String)],
    ctx: &Ctx<'_>,
) -> Form {
    let f = existing.map(|g| &g.goal.fields);
    let phases: Vec<String> = PHASES.iter().map(|p| phase_label(*p).to_string()).collect();
    let phase_idx = PHASES.iter().position(|p| *p == phase).unwrap_or(0);
    let statuses: Vec<String> = GoalStatus::ALL
        .iter()
        .map(|s| s.as_str().to_string())
        .collect();
    let status = f
        .and_then(|f| GoalStatus::ALL.iter().position(|s| *s == f.status))
        .unwrap_or(0);
    let confidence = f
        .and_then(|f| Confidence::ALL.iter().position(|c| *c == f.confidence))
        .unwrap_or(0);
    let mut people = vec!["— nobody —".to_string()];
    people.extend(ctx.people.iter().map(|p| p.name.clone()));
    let person = f
        .and_then(|f| f.person_id)
        .and_then(|id| ctx.people.iter().position(|p| p.id == id))
        .map_or(0, |i| i + 1);
    let due = f
        .and_then(|f| f.due)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let measure = f.and_then(|f| f.measure);
    let mut metric_names = vec!["— none: progress as typed —".to_string()];
    metric_names.extend(metrics.iter().map(|(_, name)| name.clone()));
    let metric = measure
        .and_then(|m| metrics.iter().position(|(id, _)| *id == m.metric_id))
        .map_or(0, |i| i + 1);
    let metric_target = measure
        .and_then(|m| m.target)
        .map(|t| t.to_string())
        .unwrap_or_default();
    Form::new(if existing.is_some() {
        "Edit goal"
    } else {
        "New goal"
    })
    .text(
        "title",
        "Title",
        f.map_or("", |f| f.title.as_str()),
        "an outcome, e.g. Agree Q1 priorities with Product",
    )
    .choice("phase", "Phase", phases, phase_idx)
    .choice("status", "Status", statuses, status)
    .number(
        "progress",
        "Progress %",
        i64::from(f.map_or(0, |f| f.progress)),
        0,
        100,
    )
    .choice("confidence", "Confidence", confidence_labels(), confidence)
    .date("due", "Due", &due, true, "empty: the end of the phase")
    .pick("person", "With", people, person)
    .choice("metric", "Measured by", metric_names, metric)
    .decimal(
        "metric_target",
        "Metric target",
        &metric_target,
        true,
        "blank: the metric's own target",
    )
    .multiline(
        "criteria",
        "Success",
        f.map_or("", |f| f.criteria.as_str()),
        "how you will know it is done",
    )
    .multiline(
        "description",
        "Notes",
        f.map_or("", |f| f.description.as_str()),
        "context, links",
    )
}

impl PlanPane {
    pub fn submit(
        &mut self,
        form: &Form,
        which: &PlanForm,
        ctx: &Ctx<'_>,
    ) -> Result<Submit, Invalid> {
        goal_submit(form, which, self.start(), self.metrics(), ctx).map(Submit::Save)
    }
}

fn goal_submit(
    form: &Form,
    purpose: &PlanForm,
    start: Option<NaiveDate>,
    metrics: &[(i64, String)],
    ctx: &Ctx<'_>,
) -> Result<Effect, Invalid> {
    let today = ctx.today();
    Ok(match purpose {
        PlanForm::Start(opened) => Effect::Plan(PlanEffect::Start {
            date: form.date_value("date", today)?.unwrap_or(today),
            opened: *opened,
        }),
        PlanForm::Checkin(goal) => Effect::Plan(PlanEffect::Checkin {
            id: goal.id,
            progress: if form.fields.iter().any(|f| f.key == "progress") {
                u32::try_from(form.number_value("progress")?).unwrap_or(0)
            } else {
                goal.fields.progress
            },
            confidence: Confidence::ALL
                .get(form.choice_index("confidence"))
                .copied(),
            note: form.value("note"),
            opened: Box::new(goal.fields.clone()),
        }),
        PlanForm::AddGoal | PlanForm::EditGoal(_) => {
            let opened = match purpose {
                PlanForm::EditGoal(goal) => Some(goal),
                _ => None,
            };
            let fields = GoalFields {
                phase: PHASES
                    .get(form.choice_index("phase"))
                    .copied()
                    .unwrap_or(30),
                title: form.value("title"),
                description: form.value("description"),
                criteria: form.value("criteria"),
                status: GoalStatus::ALL
                    .get(form.choice_index("status"))
                    .copied()
                    .unwrap_or(GoalStatus::Todo),
                progress: u32::try_from(form.number_value("progress")?).unwrap_or(0),
                confidence: Confidence::ALL
                    .get(form.choice_index("confidence"))
                    .copied()
                    .unwrap_or(Confidence::OnTrack),
                due: form.date_value("due", today)?,
                person_id: match opened {
                    // Untouched, the link stays, even to someone the list has not loaded.
                    Some(goal) if !form.changed("person") => goal.fields.person_id,
                    _ => form
                        .choice_index("person")
                        .checked_sub(1)
                        .and_then(|i| ctx.people.get(i))
                        .map(|p| p.id),
                },
                measure: goal_measure(form, opened.map(|g| &g.fields), metrics)?,
            };
            if let Some(start) = start {
                fields.clone().check(start)?;
            }
            let links = Box::new(changes(form)?);
            match opened {
                Some(goal) => Effect::Plan(PlanEffect::UpdateGoal {
                    id: goal.id,
                    fields,
                    opened: Box::new(goal.fields.clone()),
                    links,
                }),
                None => Effect::Plan(PlanEffect::AddGoal { fields, links }),
            }
        }
    })
}

/// The metric a goal is measured by, from the form: untouched, the link stays (even to a metric
/// the list has not loaded).
fn goal_measure(
    form: &Form,
    opened: Option<&GoalFields>,
    metrics: &[(i64, String)],
) -> Result<Option<GoalMeasure>, Invalid> {
    let target = form.decimal_value("metric_target")?;
    let metric_id = match opened {
        Some(f) if !form.changed("metric") => f.measure.map(|m| m.metric_id),
        _ => form
            .choice_index("metric")
            .checked_sub(1)
            .and_then(|i| metrics.get(i))
            .map(|(id, _)| *id),
    };
    match (metric_id, target) {
        (Some(metric_id), target) => Ok(Some(GoalMeasure { metric_id, target })),
        (None, Some(_)) => Err(Invalid::field(
            "metric_target",
            "a metric target needs a metric: choose the metric that measures the goal",
        )),
        (None, None) => Ok(None),
    }
}
