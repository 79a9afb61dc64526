//! The Plan tab: phases side by side (or grouped), a selected goal, and its forms.

use crate::domain::Invalid;
use crate::domain::plan::{Confidence, GoalFields, GoalStatus, PHASES, PlanDay, phase_label};
use crate::ops::plan::{GoalView, PlanView};
use crate::tui::action::Action;
use crate::tui::model::{FormPurpose, Model, Overlay};
use crate::tui::msg::Effect;
use crate::tui::widgets::form::Form;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanPane {
    pub view: Option<PlanView>,
    /// Index into `PHASES`.
    pub phase: usize,
    pub goal: usize,
    /// Whether the cursor was put on today's phase since the plan got its start.
    placed: bool,
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

fn open(model: &mut Model, form: Form, purpose: FormPurpose) {
    model.overlay = Some(Overlay::Form {
        form: Box::new(form),
        purpose,
    });
}

pub fn on_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let pane = &mut model.plan;
    let started = pane.view.as_ref().is_some_and(|v| v.start.is_some());
    match action {
        Action::PrevDay | Action::NextDay => {
            let n = PHASES.len();
            pane.phase = if action == Action::NextDay {
                (pane.phase + 1) % n
            } else {
                (pane.phase + n - 1) % n
            };
            pane.goal = pane.goal.min(pane.goals_in_phase().saturating_sub(1));
        }
        Action::Down => pane.goal = (pane.goal + 1).min(pane.goals_in_phase().saturating_sub(1)),
        Action::Up => pane.goal = pane.goal.saturating_sub(1),
        Action::Top => pane.goal = 0,
        Action::Bottom => pane.goal = pane.goals_in_phase().saturating_sub(1),
        Action::StartPlan => start_form(model),
        Action::Add | Action::Edit | Action::Checkin if !started => {
            model.error("Start the plan first: press S and give its first day.");
        }
        Action::Add => {
            let phase = PHASES.get(pane.phase).copied().unwrap_or(30);
            let form = goal_form(None, phase, model);
            open(model, form, FormPurpose::AddGoal);
        }
        Action::Edit => {
            if let Some(id) = pane.selected().map(|g| g.goal.id) {
                edit_goal(model, id);
            }
        }
        Action::Checkin => {
            if let Some(id) = pane.selected().map(|g| g.goal.id) {
                checkin_form(model, id);
            }
        }
        Action::Delete => {
            if let Some(g) = pane.selected() {
                model.overlay = Some(Overlay::Confirm {
                    message: format!(
                        "Delete the goal \"{}\" and its check-ins?",
                        g.goal.fields.title
                    ),
                    on_yes: Effect::DeleteGoal(g.goal.id),
                });
            }
        }
        Action::RollOver => {
            if let Some(g) = pane.selected() {
                let f = &g.goal.fields;
                match crate::domain::plan::next_phase(f.phase) {
                    Some(next) if f.status.is_open() => {
                        model.overlay = Some(Overlay::Confirm {
                            message: format!(
                                "Roll \"{}\" over from {} to {}?",
                                f.title,
                                phase_label(f.phase),
                                phase_label(next)
                            ),
                            on_yes: Effect::RollOver(g.goal.id),
                        });
                    }
                    Some(_) => model.error("Only open goals roll over."),
                    None => model.error("The 12-month phase is the last one."),
                }
            }
        }
        _ => {}
    }
    Vec::new()
}

/// The form for the plan's first day, on the start the plan has now.
pub fn start_form(model: &mut Model) {
    let start = model.plan.view.as_ref().and_then(|v| v.start);
    let shown = start.unwrap_or(model.now.date());
    open(
        model,
        Form::new("Start of the 30/60/90-day plan").date(
            "date",
            "Day 1",
            &shown.format("%Y-%m-%d").to_string(),
            false,
            "the day you started in the role",
        ),
        FormPurpose::StartPlan(start),
    );
}

fn goal(model: &Model, id: i64) -> Option<GoalView> {
    model.plan.view.as_ref()?.goal(id).cloned()
}

/// Opens the edit form of goal `id`, as the plan has it now.
pub fn edit_goal(model: &mut Model, id: i64) {
    if let Some(g) = goal(model, id) {
        let form = goal_form(Some(&g), g.goal.fields.phase, model);
        open(model, form, FormPurpose::EditGoal(Box::new(g.goal)));
    }
}

/// Opens the check-in form of goal `id`, on its progress and confidence now.
pub fn checkin_form(model: &mut Model, id: i64) {
    if let Some(g) = goal(model, id) {
        let f = &g.goal.fields;
        let confidence = Confidence::ALL
            .iter()
            .position(|c| *c == f.confidence)
            .unwrap_or(0);
        let form = Form::new(format!("Check in: {}", f.title))
            .number("progress", "Progress %", i64::from(f.progress), 0, 100)
            .choice("confidence", "Confidence", confidence_labels(), confidence)
            .text("note", "Note", "", "what moved, what is stuck");
        open(model, form, FormPurpose::Checkin(Box::new(g.goal)));
    }
}

fn confidence_labels() -> Vec<String> {
    Confidence::ALL
        .iter()
        .map(|c| c.label().to_string())
        .collect()
}

fn goal_form(existing: Option<&GoalView>, phase: u32, model: &Model) -> Form {
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
    people.extend(model.people.rows.iter().map(|p| p.person.name.clone()));
    let person = f
        .and_then(|f| f.person_id)
        .and_then(|id| model.people.rows.iter().position(|p| p.person.id == id))
        .map_or(0, |i| i + 1);
    let due = f
        .and_then(|f| f.due)
        .map(|d| d.format("%Y-%m-%d").to_string())
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
    .choice("person", "With", people, person)
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

pub fn submit(form: &Form, purpose: &FormPurpose, model: &Model) -> Result<Effect, Invalid> {
    let today = model.today();
    Ok(match purpose {
        FormPurpose::StartPlan(opened) => Effect::StartPlan {
            date: form.date_value("date", today)?.unwrap_or(today),
            opened: *opened,
        },
        FormPurpose::Checkin(goal) => Effect::Checkin {
            id: goal.id,
            progress: u32::try_from(form.number_value("progress")?).unwrap_or(0),
            confidence: Confidence::ALL
                .get(form.choice_index("confidence"))
                .copied(),
            note: form.value("note"),
            opened: Box::new(goal.fields.clone()),
        },
        FormPurpose::AddGoal | FormPurpose::EditGoal(_) => {
            let opened = match purpose {
                FormPurpose::EditGoal(goal) => Some(goal),
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
                        .and_then(|i| model.people.rows.get(i))
                        .map(|p| p.person.id),
                },
            };
            if let Some(start) = model.plan.view.as_ref().and_then(|v| v.start) {
                fields.clone().check(start)?;
            }
            match opened {
                Some(goal) => Effect::UpdateGoal {
                    id: goal.id,
                    fields,
                    opened: Box::new(goal.fields.clone()),
                },
                None => Effect::AddGoal(fields),
            }
        }
        _ => return Err(Invalid::new("this form does not belong to the Plan tab")),
    })
}
