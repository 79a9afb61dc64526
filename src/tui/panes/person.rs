//! One person's 1:1 page (notes, talking points, actions, context) and the prep view, with the
//! forms that add to them and record a 1:1. Part of the 1:1s tab (see `people`).

use crate::domain::Invalid;
use crate::domain::one_on_one::{ContextKind, Owner, Topic, parse_action_line};
use crate::ops::one_on_ones::{PersonDetail, Prep, Record};
use crate::tui::action::Action;
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Request, done};
use crate::tui::widgets::form::Form;

use super::people::PeopleForm;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeopleView {
    #[default]
    List,
    Detail,
    Prep,
}

/// A line of the person page that keys can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Topic(i64),
    Action(i64),
    Note(i64),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonPane {
    pub view: PeopleView,
    pub person_id: Option<i64>,
    pub detail: Option<PersonDetail>,
    pub prep: Option<Prep>,
    pub cursor: usize,
}

/// Rows moved by PgDn/PgUp.
const PAGE: usize = 10;

fn form(form: Form, which: PeopleForm) -> Request {
    Request::form(form, FormPurpose::People(which))
}

fn one_on_one(effect: OneOnOneEffect) -> Effect {
    Effect::OneOnOnes(effect)
}

const CONTEXT_KINDS: [ContextKind; 3] = [
    ContextKind::Feedback,
    ContextKind::Career,
    ContextKind::Context,
];

impl PersonPane {
    /// The rows in the order the page lists them: queued topics, actions, notes.
    pub fn rows(&self) -> Vec<Row> {
        let Some(d) = &self.detail else {
            return Vec::new();
        };
        d.queued
            .iter()
            .map(|t| Row::Topic(t.id))
            .chain(d.actions.iter().map(|a| Row::Action(a.id)))
            .chain(d.notes.iter().map(|n| Row::Note(n.id)))
            .collect()
    }

    pub fn current(&self) -> Option<Row> {
        self.rows().get(self.cursor).copied()
    }

    pub fn set_detail(&mut self, detail: PersonDetail) {
        self.detail = Some(detail);
        self.cursor = self.cursor.min(self.rows().len().saturating_sub(1));
    }

    /// The keymap context of the page shown.
    pub fn context(&self) -> KeyContext {
        match self.view {
            PeopleView::List => KeyContext::People,
            PeopleView::Detail => KeyContext::Person,
            PeopleView::Prep => KeyContext::Prep,
        }
    }

    /// Opens `view` for `person_id`; the load that fills it.
    pub fn open(&mut self, person_id: i64, view: PeopleView) -> Vec<Request> {
        if self.person_id != Some(person_id) {
            *self = PersonPane::default();
        }
        self.person_id = Some(person_id);
        self.view = view;
        self.load().map(Request::Run).into_iter().collect()
    }

    /// The load that refreshes the open page, if any.
    pub fn load(&self) -> Option<Effect> {
        let id = self.person_id?;
        match self.view {
            PeopleView::List => None,
            PeopleView::Detail => Some(one_on_one(OneOnOneEffect::LoadDetail(id))),
            PeopleView::Prep => Some(one_on_one(OneOnOneEffect::LoadPrep(id))),
        }
    }

    /// The queued topics of `person_id`, from whichever page has them loaded.
    fn queued(&self, person_id: i64) -> Option<Vec<Topic>> {
        if self.person_id != Some(person_id) {
            return None;
        }
        let topics = match (&self.detail, &self.prep) {
            (Some(d), _) if self.view == PeopleView::Detail => &d.queued,
            (_, Some(p)) => &p.topics,
            (Some(d), None) => &d.queued,
            (None, None) => return None,
        };
        Some(topics.clone())
    }

    /// Starts recording: with the topics at hand, or after loading them.
    pub fn start_record(&self, person_id: i64, ctx: &Ctx<'_>) -> Vec<Request> {
        match self.queued(person_id) {
            Some(topics) => vec![record_form(person_id, topics, ctx)],
            None => vec![Request::Run(one_on_one(OneOnOneEffect::StartRecord(
                person_id,
            )))],
        }
    }

    /// Actions shared by the list, the page and the prep view, for person `id`.
    pub fn on_person_action(
        &mut self,
        id: i64,
        action: Action,
        ctx: &Ctx<'_>,
    ) -> Option<Vec<Request>> {
        let name = ctx.person_name(id);
        Some(match action {
            Action::Prep => self.open(id, PeopleView::Prep),
            Action::Open => self.open(id, PeopleView::Detail),
            Action::Record => self.start_record(id, ctx),
            Action::AddTopic => vec![topic_form(id, &name)],
            Action::AddAction => vec![action_form(id, &name)],
            Action::AddNote => vec![note_form(id, &name, ctx)],
            Action::AddContext => vec![context_form(id, &name, ctx)],
            _ => return None,
        })
    }

    /// Keys on the person page and the prep view.
    pub fn on_action(&mut self, action: Action, ctx: &Ctx<'_>) -> Option<Vec<Request>> {
        let id = self.person_id?;
        let rows = self.rows().len();
        match action {
            Action::Back => self.view = PeopleView::List,
            Action::Down => self.cursor = (self.cursor + 1).min(rows.saturating_sub(1)),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::PageDown => self.cursor = (self.cursor + PAGE).min(rows.saturating_sub(1)),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(PAGE),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = rows.saturating_sub(1),
            Action::Toggle => return Some(self.toggle()),
            Action::Delete => return Some(self.delete().into_iter().collect()),
            // A note's own form; otherwise the person's, which the people pane opens.
            Action::Edit => {
                let Some(Row::Note(note)) = self.current() else {
                    return None;
                };
                return Some(self.edit_note(note).into_iter().collect());
            }
            other => return self.on_person_action(id, other, ctx),
        }
        done()
    }

    fn toggle(&self) -> Vec<Request> {
        let Some(d) = &self.detail else {
            return Vec::new();
        };
        let effect = match self.current() {
            Some(Row::Topic(id)) => OneOnOneEffect::SetTopicDiscussed {
                id,
                discussed: true,
            },
            Some(Row::Action(id)) => {
                let done = d
                    .actions
                    .iter()
                    .find(|a| a.id == id)
                    .is_some_and(|a| a.done_at.is_some());
                OneOnOneEffect::SetActionDone { id, done: !done }
            }
            _ => return Vec::new(),
        };
        vec![Request::Run(one_on_one(effect))]
    }

    fn delete(&self) -> Option<Request> {
        let d = self.detail.as_ref()?;
        let (message, effect) = match self.current()? {
            Row::Topic(id) => (
                "Delete this talking point?".to_string(),
                OneOnOneEffect::DeleteTopic(id),
            ),
            Row::Action(id) => (
                "Delete this action item?".to_string(),
                OneOnOneEffect::DeleteAction(id),
            ),
            Row::Note(id) => {
                let date = d
                    .notes
                    .iter()
                    .find(|n| n.id == id)
                    .map(|n| n.date.format("%a %-d %b %Y").to_string());
                (
                    format!(
                        "Delete the note of {}? This cannot be undone.",
                        date.unwrap_or_default()
                    ),
                    OneOnOneEffect::DeleteNote(id),
                )
            }
        };
        Some(Request::Confirm {
            message,
            on_yes: one_on_one(effect),
        })
    }

    /// The edit form of note `note_id`, as the page has it now.
    pub fn edit_note(&self, note_id: i64) -> Option<Request> {
        let note = self
            .detail
            .as_ref()?
            .notes
            .iter()
            .find(|n| n.id == note_id)?
            .clone();
        let f = Form::new("Edit note")
            .date(
                "date",
                "Date",
                &note.date.format("%Y-%m-%d").to_string(),
                false,
                "today",
            )
            .multiline("text", "Note", &note.body, "private: only on this machine");
        Some(form(f, PeopleForm::EditNote(Box::new(note))))
    }
}

fn topic_form(person_id: i64, name: &str) -> Request {
    form(
        Form::new(format!("Talking point for {name}")).text(
            "text",
            "Topic",
            "",
            "what to bring up",
        ),
        PeopleForm::AddTopic(person_id),
    )
}

fn action_form(person_id: i64, name: &str) -> Request {
    let owners = vec!["me".to_string(), format!("{name} (them)")];
    form(
        Form::new(format!("Action with {name}"))
            .text("text", "Action", "", "what needs doing")
            .choice("owner", "Owner", owners, 0)
            .date("due", "Due", "", true, "fri, +1w, 2026-12-01 (optional)"),
        PeopleForm::AddAction(person_id),
    )
}

fn note_form(person_id: i64, name: &str, ctx: &Ctx<'_>) -> Request {
    let today = ctx.today().format("%Y-%m-%d").to_string();
    form(
        Form::new(format!("Note on {name}"))
            .date("date", "Date", &today, false, "today")
            .multiline("text", "Note", "", "private: only on this machine"),
        PeopleForm::AddNote(person_id),
    )
}

fn context_form(person_id: i64, name: &str, ctx: &Ctx<'_>) -> Request {
    let today = ctx.today().format("%Y-%m-%d").to_string();
    let kinds = vec![
        "feedback given".to_string(),
        "career conversation".into(),
        "other context".into(),
    ];
    form(
        Form::new(format!("Private context on {name}"))
            .choice("kind", "Kind", kinds, 0)
            .date("date", "Date", &today, false, "today")
            .multiline("text", "What", "", "private: only on this machine"),
        PeopleForm::AddContext(person_id),
    )
}

/// The record form: the note, a tick box per queued topic, and new actions one per line.
pub fn record_form(person_id: i64, topics: Vec<Topic>, ctx: &Ctx<'_>) -> Request {
    let name = ctx.person_name(person_id);
    let today = ctx.today().format("%Y-%m-%d").to_string();
    let mut f = Form::new(format!("Record 1:1 with {name}"))
        .date("date", "Date", &today, false, "today")
        .multiline("note", "Note", "", "what was said (private)");
    for topic in &topics {
        f = f.check_owned(topic.id, format!("discussed: {}", topic.body), false);
    }
    f = f.multiline(
        "actions",
        "New actions",
        "",
        "one per line: [them:] text [due fri]",
    );
    form(
        f,
        PeopleForm::Record {
            person: person_id,
            topics,
        },
    )
}

/// The quick-capture form: a talking point for anyone, from any tab, offered for `selected`.
pub fn capture_form(selected: usize, ctx: &Ctx<'_>) -> Request {
    if ctx.people.is_empty() {
        return Request::Error(
            "Add a person first (tab 4, then a) to queue talking points for them.".into(),
        );
    }
    let names: Vec<String> = ctx.people.iter().map(|p| p.name.clone()).collect();
    let mut f = Form::new("Quick capture: talking point")
        .choice("person", "For", names, selected)
        .text("text", "Topic", "", "what to bring up at their next 1:1");
    f.focus = 1;
    form(f, PeopleForm::CaptureTopic)
}

/// Turns a submitted 1:1 form into its effect.
pub fn submit(form: &Form, which: &PeopleForm, ctx: &Ctx<'_>) -> Result<Effect, Invalid> {
    let today = ctx.today();
    Ok(one_on_one(match *which {
        PeopleForm::AddTopic(person) => OneOnOneEffect::AddTopic {
            person,
            text: form.value("text"),
        },
        PeopleForm::CaptureTopic => {
            let person = ctx
                .people
                .get(form.choice_index("person"))
                .map(|p| p.id)
                .ok_or_else(|| Invalid::field("person", "add a person first (tab 4, a)"))?;
            OneOnOneEffect::AddTopic {
                person,
                text: form.value("text"),
            }
        }
        PeopleForm::AddAction(person) => OneOnOneEffect::AddAction {
            person,
            owner: if form.choice_index("owner") == 1 {
                Owner::Them
            } else {
                Owner::Me
            },
            text: form.value("text"),
            due: form.date_value("due", today)?,
        },
        PeopleForm::AddNote(person) => OneOnOneEffect::AddNote {
            person,
            date: form.date_value("date", today)?.unwrap_or(today),
            text: form.value("text"),
        },
        PeopleForm::AddContext(person) => OneOnOneEffect::AddContext {
            person,
            date: form.date_value("date", today)?.unwrap_or(today),
            kind: CONTEXT_KINDS
                .get(form.choice_index("kind"))
                .copied()
                .unwrap_or(ContextKind::Context),
            text: form.value("text"),
        },
        PeopleForm::EditNote(ref note) => OneOnOneEffect::UpdateNote {
            id: note.id,
            date: form.date_value("date", today)?.unwrap_or(today),
            text: form.value("text"),
            opened: note.clone(),
        },
        PeopleForm::Record { person, ref topics } => {
            let actions = form
                .value("actions")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| parse_action_line(l, today))
                .collect::<Result<Vec<_>, _>>()?;
            OneOnOneEffect::Record {
                person,
                record: Record {
                    date: form.date_value("date", today)?.unwrap_or(today),
                    note: form.value("note"),
                    discussed: topics
                        .iter()
                        .filter(|t| form.checked_ids().contains(&t.id))
                        .cloned()
                        .collect(),
                    actions,
                },
            }
        }
        PeopleForm::AddPerson | PeopleForm::EditPerson(_) => {
            return Err(Invalid::new("the person form is saved by the people list"));
        }
    }))
}
