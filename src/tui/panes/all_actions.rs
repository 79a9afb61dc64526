//! Every open action in one list (`O` from anywhere): mine, then theirs by person, overdue first
//! within each group, then by due date. A view of the 1:1s tab (see `people`).

use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::one_on_one::{ActionItem, Owner};
use crate::ops::actions::{ActionChange, ActionMeeting};
use crate::ops::links::Linked;
use crate::ops::objects::action::ActionView;
use crate::tui::action::Action;
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::linkables::{changes, with_links_field};
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Request, Target};
use crate::tui::widgets::form::Form;

use super::detail_links::DetailLinks;
use super::people::PeopleForm;
use super::person::PeopleView;

/// Rows moved by PgDn/PgUp.
const PAGE: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllActions {
    /// The open actions, in the order the list shows them.
    pub rows: Vec<ActionView>,
    pub cursor: usize,
    pub loaded: bool,
    /// The selected action's links, for its edit form's Links field.
    pub links: DetailLinks,
}

/// The group a row is listed under: mine first, then theirs by person, then theirs from a
/// meeting with nobody named.
pub fn group_of(row: &ActionView) -> (u8, String) {
    match (row.action.owner, &row.person) {
        (Owner::Me, _) => (0, "Mine".to_string()),
        (Owner::Them, Some(name)) => (1, name.clone()),
        (Owner::Them, None) => (2, "Theirs, from meetings".to_string()),
    }
}

/// Orders the rows: by group, overdue first within it, then by due date (undated last).
pub fn arrange(rows: &mut [ActionView]) {
    rows.sort_by_key(|r| {
        let (rank, name) = group_of(r);
        (
            rank,
            name.to_lowercase(),
            !r.overdue,
            r.action.due.is_none(),
            r.action.due,
            r.action.id,
        )
    });
}

/// The load that fills the list.
pub fn load() -> Effect {
    Effect::OneOnOnes(OneOnOneEffect::LoadAllActions)
}

/// The link end an action is.
fn action_ref(id: i64) -> ObjectRef {
    ObjectRef::new(LinkKind::Action, id)
}

impl AllActions {
    /// The rows as loaded; the selected action's links are read again (another writer may have
    /// linked or unlinked it).
    pub fn set_rows(&mut self, mut rows: Vec<ActionView>) -> Vec<Request> {
        let selected = self.current().map(|r| r.action.id);
        rows.retain(|r| !r.done);
        arrange(&mut rows);
        self.rows = rows;
        self.loaded = true;
        let kept = selected.and_then(|id| self.rows.iter().position(|r| r.action.id == id));
        self.cursor = kept.unwrap_or(self.cursor);
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        self.links.load(self.shown(), true)
    }

    /// The selected action, as a link end.
    fn shown(&self) -> Option<ObjectRef> {
        self.current().map(|r| action_ref(r.action.id))
    }

    /// Links that arrived for `of`: kept when it is still the action selected.
    pub fn links_loaded(&mut self, of: ObjectRef, links: Vec<Linked>) {
        self.links.arrived(self.shown(), of, links);
    }

    pub fn current(&self) -> Option<&ActionView> {
        self.rows.get(self.cursor)
    }

    pub fn overdue(&self) -> usize {
        self.rows.iter().filter(|r| r.overdue).count()
    }

    /// Keys on the list; `view` is the 1:1s tab's view, set back to the people list on Esc.
    pub fn on_action(&mut self, action: Action, view: &mut PeopleView) -> Option<Vec<Request>> {
        let last = self.rows.len().saturating_sub(1);
        let cursor = &mut self.cursor;
        match action {
            Action::Back => {
                *view = PeopleView::List;
                return Some(vec![Request::Back]);
            }
            Action::Down => *cursor = (*cursor + 1).min(last),
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::PageDown => *cursor = (*cursor + PAGE).min(last),
            Action::PageUp => *cursor = cursor.saturating_sub(PAGE),
            Action::Top => *cursor = 0,
            Action::Bottom => *cursor = last,
            Action::Toggle => {
                // Checked against the action as listed: another writer's change is not overwritten.
                let opened = self.current()?.action.clone();
                let effect = OneOnOneEffect::SetActionDone {
                    id: opened.id,
                    done: true,
                    opened: Some(Box::new(opened)),
                };
                return Some(vec![Request::Run(Effect::OneOnOnes(effect))]);
            }
            Action::Edit => {
                let row = self.current()?;
                return Some(vec![self.edit_form(row)]);
            }
            Action::Open => return Some(self.open()),
            _ => return None,
        }
        Some(self.links.moved_to(self.shown()))
    }

    /// The action edit form: text, owner, due date and its links; the person stays.
    pub fn edit_form(&self, row: &ActionView) -> Request {
        let a = &row.action;
        let them = match &row.person {
            Some(name) => format!("{name} (them)"),
            None => "them".to_string(),
        };
        let owner = usize::from(a.owner == Owner::Them);
        let due = a
            .due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let f = Form::new("Edit action")
            .text("text", "Action", &a.body, "what needs doing")
            .choice("owner", "Owner", vec!["me".to_string(), them], owner)
            .date("due", "Due", &due, true, "fri, +1w, 2026-12-01 (optional)");
        Request::form(
            with_links_field(f, Some(action_ref(a.id)), &self.links),
            FormPurpose::People(PeopleForm::EditAction(Box::new(a.clone()))),
        )
    }

    /// Enter: where the action came from, once the runner has found it (see
    /// [`came_from_shown`]).
    fn open(&self) -> Vec<Request> {
        let Some(row) = self.current() else {
            return Vec::new();
        };
        vec![Request::Run(Effect::OneOnOnes(
            OneOnOneEffect::FindActionMeeting {
                id: row.action.id,
                person: row.action.person_id,
            },
        ))]
    }
}

/// Where Enter on an action goes: the meeting it came from, selected on the agenda (a staff
/// meeting, a review); a 1:1's action, or one from no meeting, opens the person's page.
pub fn came_from_shown(came_from: Option<ActionMeeting>, person: Option<i64>) -> Request {
    match (came_from, person) {
        (
            Some(ActionMeeting {
                person_id: Some(with),
                ..
            }),
            _,
        ) => Request::Show(Target::Person(with, PeopleView::Detail)),
        (Some(meeting), _) => {
            Request::Show(Target::Meeting(meeting.ritual_id, meeting.start.date()))
        }
        (None, Some(person)) => Request::Show(Target::Person(person, PeopleView::Detail)),
        (None, None) => {
            Request::Info("This action names nobody and came from no meeting: e edits it.".into())
        }
    }
}

/// The edit form's values as a change to `opened`.
pub fn edit_submit(
    form: &Form,
    opened: &ActionItem,
    ctx: &Ctx<'_>,
) -> Result<OneOnOneEffect, crate::domain::Invalid> {
    let owner = if form.choice_index("owner") == 1 {
        Owner::Them
    } else {
        Owner::Me
    };
    Ok(OneOnOneEffect::UpdateAction {
        id: opened.id,
        change: ActionChange {
            person_id: opened.person_id,
            owner,
            body: form.value("text"),
            due: form.date_value("due", ctx.today())?,
        },
        opened: Box::new(opened.clone()),
        links: Box::new(changes(form)?),
    })
}

#[cfg(test)]
#[path = "all_actions_tests.rs"]
mod tests;
