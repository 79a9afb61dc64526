//! The 1:1s tab: the people list, and a person's page or prep view over it (see `person`).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::people_group::{Org, PeopleGroup, arrange, row_at_slot, slot_of, slots};
use crate::domain::Invalid;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::one_on_one::Note;
use crate::ops::links::Linked;
use crate::ops::one_on_ones::{OneOnOneMeeting, PersonDetail, Prep};
use crate::ops::people::{PersonOverview, PersonRecord};
use crate::tui::action::Action;
use crate::tui::effects::people::PeopleEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Pane, PersonRef, Request, Submit, Target, done};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::list::{Keyed, ListState};

use super::all_actions::AllActions;
use super::hit::{ListRows, table_rows};
use super::one_on_one_forms::{RecordDraft, capture_form, record_form};
use super::person::{PeopleView, PersonPane};
use super::person_form::{person_form, person_submit};
use crate::domain::one_on_one::ActionItem;
use crate::ops::objects::action::ActionView;

pub type PeopleList = ListState<PersonOverview>;

impl Keyed for PersonOverview {
    fn key(&self) -> i64 {
        self.person.id
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeoplePane {
    pub list: PeopleList,
    /// The open person page or prep view (`page.view` is `List` when none is open).
    pub page: PersonPane,
    /// How the list is arranged (`o` cycles).
    pub group: PeopleGroup,
    /// The org as the list was arranged: depths and skip-levels.
    pub org: Org,
    /// Every open action (`page.view` is `Actions` when it shows).
    pub actions: AllActions,
}

#[derive(Debug, Clone)]
pub enum PeopleMsg {
    Loaded(Vec<PersonOverview>),
    DetailLoaded(Box<PersonDetail>),
    PrepLoaded(Box<Prep>),
    /// The person whose page or prep was being read is no longer there (deleted elsewhere).
    Gone(i64),
    /// Every open action, for the all-actions list.
    ActionsLoaded(Vec<ActionView>),
    /// The day of the meeting an action came from (Enter in the all-actions list).
    ActionMeeting {
        came_from: Option<crate::ops::actions::ActionMeeting>,
        person: Option<i64>,
    },
    /// A person's prep (queued topics, open actions, the meeting to write up), to open the
    /// record form; `meeting` is the one the user came from, if any.
    RecordReady {
        person: i64,
        prep: Box<Prep>,
        meeting: Option<OneOnOneMeeting>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleForm {
    AddPerson,
    EditPerson(Box<PersonRecord>),
    AddTopic(i64),
    /// A talking point for anyone, chosen in the form.
    CaptureTopic,
    AddAction(i64),
    AddNote(i64),
    AddContext(i64),
    EditNote(Box<Note>),
    /// An action as the all-actions list had it when `e` opened the form.
    EditAction(Box<ActionItem>),
    /// Recording a 1:1: whose, which meeting, and the topics and actions the form listed.
    Record(Box<RecordDraft>),
}

fn form(form: Form, which: PeopleForm) -> Request {
    Request::form(form, FormPurpose::People(which))
}

impl PeoplePane {
    /// Everyone in the list, as other panes may name them.
    pub fn directory(&self) -> Vec<PersonRef> {
        self.list
            .rows
            .iter()
            .map(|p| PersonRef {
                id: p.person.id,
                name: p.person.name.clone(),
            })
            .collect()
    }

    pub fn on_msg(&mut self, msg: PeopleMsg, ctx: &Ctx<'_>) -> Vec<Request> {
        let page = &mut self.page;
        match msg {
            PeopleMsg::Loaded(rows) => {
                self.list.set_rows(rows);
                self.arrange();
            }
            PeopleMsg::DetailLoaded(detail) => {
                if page.person_id == Some(detail.overview.person.id) {
                    return page.set_detail(*detail);
                }
            }
            PeopleMsg::PrepLoaded(prep) => {
                if page.person_id == Some(prep.person.person.id) {
                    page.set_prep(*prep);
                }
            }
            PeopleMsg::Gone(id) => {
                // The page kept its header, context and prompts, with its lists emptied.
                if page.person_id == Some(id) && page.view != PeopleView::List {
                    let name = page
                        .detail
                        .as_ref()
                        .map(|d| d.overview.person.name.clone())
                        .or_else(|| page.prep.as_ref().map(|p| p.person.person.name.clone()))
                        .unwrap_or_else(|| "This person".to_string());
                    page.close();
                    return vec![Request::Info(format!("{name} was deleted elsewhere."))];
                }
            }
            PeopleMsg::ActionsLoaded(rows) => return self.actions.set_rows(rows),
            PeopleMsg::ActionMeeting { came_from, person } => {
                return vec![super::all_actions::came_from_shown(came_from, person)];
            }
            PeopleMsg::RecordReady {
                person,
                prep,
                meeting,
            } => {
                return vec![record_form(RecordDraft::new(person, &prep, meeting), ctx)];
            }
        }
        Vec::new()
    }

    /// The edit form of person `id`, as the list has them now.
    pub(crate) fn edit(&self, id: i64, ctx: &Ctx<'_>) -> Option<Request> {
        let row = self.list.rows.iter().find(|p| p.person.id == id)?;
        Some(form(
            person_form(Some(row), ctx.now, ctx.people),
            PeopleForm::EditPerson(Box::new(PersonRecord::from(row))),
        ))
    }

    /// Quick capture (`T`, from any tab): offered for the person open, else the one selected.
    pub fn capture(&self, ctx: &Ctx<'_>) -> Request {
        let selected = self
            .page
            .person_id
            .and_then(|id| self.list.rows.iter().position(|p| p.person.id == id))
            .unwrap_or(self.list.selected);
        capture_form(selected, ctx)
    }

    pub fn submit(
        &mut self,
        f: &Form,
        which: &PeopleForm,
        ctx: &Ctx<'_>,
    ) -> Result<Submit, Invalid> {
        let effect = match which {
            PeopleForm::AddPerson => person_submit(f, None, ctx)?,
            PeopleForm::EditPerson(opened) => person_submit(f, Some(opened), ctx)?,
            other => super::one_on_one_forms::submit(f, other, ctx)?,
        };
        Ok(Submit::Save(effect))
    }

    /// Ctrl-L after a refusal: the form again, on the row as it is now (none: it is gone).
    pub fn reopen(&self, f: Form, which: PeopleForm, ctx: &Ctx<'_>) -> Vec<Request> {
        match which {
            PeopleForm::EditPerson(p) => self.edit(p.person.id, ctx).into_iter().collect(),
            PeopleForm::EditNote(note) => self.page.edit_note(note.id).into_iter().collect(),
            PeopleForm::EditAction(a) => self
                .actions
                .rows
                .iter()
                .find(|r| r.action.id == a.id)
                .map(|row| self.actions.edit_form(row))
                .into_iter()
                .collect(),
            // Forms that add rows have no version and are never refused as stale.
            other => vec![form(f, other)],
        }
    }

    /// Orders the rows by the chosen grouping, keeping the selected person selected.
    fn arrange(&mut self) {
        let selected = self.list.current().map(|p| p.person.id);
        self.org = arrange(&mut self.list.rows, self.group);
        if let Some(at) =
            selected.and_then(|id| self.list.rows.iter().position(|p| p.person.id == id))
        {
            self.list.selected = at;
        }
    }

    fn on_list_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if self.list.navigate(action) {
            return done();
        }
        let current = self.list.current().map(|p| p.person.id);
        Some(match action {
            Action::Add => vec![form(
                person_form(None, ctx.now, ctx.people),
                PeopleForm::AddPerson,
            )],
            Action::GroupPeople => {
                self.group = self.group.next();
                self.arrange();
                Vec::new()
            }
            Action::Edit => current
                .and_then(|id| self.edit(id, ctx))
                .into_iter()
                .collect(),
            Action::Open | Action::Prep | Action::Record | Action::AddTopic => match current {
                Some(id) => return self.page.on_person_action(id, action, ctx),
                None => Vec::new(),
            },
            Action::Delete => self.delete(ctx),
            _ => return None,
        })
    }

    /// `d` on the list: asks first, or, for a person this window is deleting right now, says
    /// so (the slices go on).
    fn delete(&self, ctx: &Ctx<'_>) -> Vec<Request> {
        let Some(row) = self.list.current() else {
            return Vec::new();
        };
        let name = &row.person.name;
        if ctx.deleting.contains(&row.person.id) {
            return vec![Request::Info(format!(
                "{name} is being deleted here already."
            ))];
        }
        let message = match &row.deleting {
            Some(mark) => format!(
                "Finish deleting {name}? Their delete began {} and did not finish.",
                crate::ops::person_delete::began(mark)
                    .map_or_else(|| mark.clone(), |t| t.format("%a %-d %b %H:%M").to_string())
            ),
            None => format!(
                "Delete {name}? Their notes, talking points, actions and 1:1 series go too."
            ),
        };
        vec![Request::Confirm {
            message,
            on_yes: Effect::People(PeopleEffect::Delete(row.person.id)),
        }]
    }
}

impl Pane for PeoplePane {
    fn context(&self) -> KeyContext {
        self.page.context()
    }

    fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        if self.page.view == PeopleView::List {
            // Esc on the list: back to where the user came from, if anywhere.
            if action == Action::Back {
                return Some(vec![Request::Back]);
            }
            return self.on_list_action(action, ctx);
        }
        if self.page.view == PeopleView::Actions {
            // Enter on an action with someone: their page, and Esc comes back to the list.
            let person = self.actions.current().and_then(|r| r.action.person_id);
            if let (Action::Open, Some(person)) = (action, person) {
                self.page.trail.clear();
                let requests = self.page.open(person, PeopleView::Detail);
                self.page.back_to_actions = true;
                return Some(requests);
            }
            return self.actions.on_action(action, &mut self.page.view);
        }
        let id = self.page.person_id?;
        self.page.on_action(action, ctx).or_else(|| {
            // On a page, `e` (or Enter with no link selected) off a note edits the person.
            matches!(action, Action::Edit | Action::Open)
                .then(|| self.edit(id, ctx).into_iter().collect())
        })
    }

    fn reload(&self, _ctx: &Ctx<'_>) -> Vec<Effect> {
        let actions = (self.page.view == PeopleView::Actions).then(super::all_actions::load);
        std::iter::once(Effect::People(PeopleEffect::Load))
            .chain(self.page.load())
            .chain(actions)
            .collect()
    }

    fn show(&mut self, target: Target, _ctx: &Ctx<'_>) -> Vec<Request> {
        match target {
            Target::Person(id, PeopleView::List) => {
                self.page.view = PeopleView::List;
                self.page.back_to_actions = false;
                self.list.select_id = Some(id);
                if let Some(i) = self.list.rows.iter().position(|p| p.person.id == id) {
                    self.list.selected = i;
                }
                Vec::new()
            }
            Target::Person(id, view) => {
                // Brought here from elsewhere: Esc goes back there, not to a page left open.
                self.page.view = PeopleView::List;
                self.page.trail.clear();
                self.page.back_to_actions = false;
                self.page.open(id, view)
            }
            Target::Prep(id, meeting) => {
                self.page.back_to_actions = false;
                self.page.open_for_meeting(id, meeting)
            }
            Target::Actions => {
                self.page.back_to_actions = false;
                self.page.view = PeopleView::Actions;
                vec![Request::Run(super::all_actions::load())]
            }
            _ => Vec::new(),
        }
    }

    fn select(&mut self, target: Target) {
        if let Target::Person(id, _) = target {
            self.list.select_id = Some(id);
        }
    }

    fn list_rows(&self, body: Rect) -> Option<(ListRows, usize)> {
        if self.page.view != PeopleView::List || self.list.rows.is_empty() {
            return None;
        }
        let (list, _) = super::people_view::split(body);
        let slots = slots(&self.list.rows, self.group);
        let at = slot_of(&slots, self.list.selected);
        Some((table_rows(list, at), slots.len()))
    }

    fn select_row(&mut self, index: usize) {
        let slots = slots(&self.list.rows, self.group);
        if let Some(row) = row_at_slot(&slots, index) {
            self.list.selected = row;
        }
    }

    fn links_loaded(&mut self, of: ObjectRef, links: Vec<Linked>) {
        if of.kind == LinkKind::Action {
            self.actions.links_loaded(of, links);
            return;
        }
        self.page.links_loaded(of, links);
    }

    fn render(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        match self.page.view {
            PeopleView::List => super::people_view::render(frame, area, self, ctx),
            PeopleView::Detail => super::person_view::render_person(frame, area, &self.page, ctx),
            PeopleView::Prep => super::person_view::render_prep(frame, area, &self.page, ctx),
            PeopleView::Actions => super::all_actions_view::render(frame, area, &self.actions, ctx),
        }
    }
}
