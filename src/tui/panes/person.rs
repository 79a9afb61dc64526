//! One person's 1:1 page (notes, talking points, actions, context) and the prep view, with the
//! forms that add to them and record a 1:1.

use crate::domain::Invalid;
use crate::domain::one_on_one::{ContextKind, Owner, Topic, parse_action_line};
use crate::ops::one_on_ones::{PersonDetail, Prep, Record};
use crate::tui::action::Action;
use crate::tui::model::{FormPurpose, Model, Overlay, Tab};
use crate::tui::msg::Effect;
use crate::tui::widgets::form::Form;

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
}

/// The keymap context of the 1:1s tab in its current view.
pub fn context(model: &Model) -> &'static str {
    match model.person.view {
        PeopleView::List => "people",
        PeopleView::Detail => "person",
        PeopleView::Prep => "prep",
    }
}

/// Opens `view` for `person_id` and asks for its data.
pub fn open(model: &mut Model, person_id: i64, view: PeopleView) -> Vec<Effect> {
    model.tab = Tab::People;
    if model.person.person_id != Some(person_id) {
        model.person = PersonPane::default();
    }
    model.person.person_id = Some(person_id);
    model.person.view = view;
    vec![load(model)].into_iter().flatten().collect()
}

/// The load that refreshes the open page, if any.
pub fn load(model: &Model) -> Option<Effect> {
    let id = model.person.person_id?;
    match model.person.view {
        PeopleView::List => None,
        PeopleView::Detail => Some(Effect::LoadPersonDetail(id)),
        PeopleView::Prep => Some(Effect::LoadPrep(id)),
    }
}

fn form(model: &mut Model, form: Form, purpose: FormPurpose) {
    model.overlay = Some(Overlay::Form {
        form: Box::new(form),
        purpose,
    });
}

fn topic_form(model: &mut Model, person_id: i64) {
    let name = person_name(model, person_id);
    form(
        model,
        Form::new(format!("Talking point for {name}")).text(
            "text",
            "Topic",
            "",
            "what to bring up",
        ),
        FormPurpose::AddTopic(person_id),
    );
}

fn action_form(model: &mut Model, person_id: i64) {
    let name = person_name(model, person_id);
    let owners = vec!["me".to_string(), format!("{name} (them)")];
    form(
        model,
        Form::new(format!("Action with {name}"))
            .text("text", "Action", "", "what needs doing")
            .choice("owner", "Owner", owners, 0)
            .date("due", "Due", "", true, "fri, +1w, 2026-12-01 (optional)"),
        FormPurpose::AddAction(person_id),
    );
}

fn note_form(model: &mut Model, person_id: i64) {
    let name = person_name(model, person_id);
    let today = model.today().format("%Y-%m-%d").to_string();
    form(
        model,
        Form::new(format!("Note on {name}"))
            .date("date", "Date", &today, false, "today")
            .multiline("text", "Note", "", "private: only on this machine"),
        FormPurpose::AddNote(person_id),
    );
}

const CONTEXT_KINDS: [ContextKind; 3] = [
    ContextKind::Feedback,
    ContextKind::Career,
    ContextKind::Context,
];

fn context_form(model: &mut Model, person_id: i64) {
    let name = person_name(model, person_id);
    let today = model.today().format("%Y-%m-%d").to_string();
    let kinds = vec![
        "feedback given".to_string(),
        "career conversation".into(),
        "other context".into(),
    ];
    form(
        model,
        Form::new(format!("Private context on {name}"))
            .choice("kind", "Kind", kinds, 0)
            .date("date", "Date", &today, false, "today")
            .multiline("text", "What", "", "private: only on this machine"),
        FormPurpose::AddContext(person_id),
    );
}

/// The record form: the note, a tick box per queued topic, and new actions one per line.
pub fn record_form(model: &mut Model, person_id: i64, topics: Vec<Topic>) {
    let name = person_name(model, person_id);
    let today = model.today().format("%Y-%m-%d").to_string();
    let mut f = Form::new(format!("Record 1:1 with {name}"))
        .date("date", "Date", &today, false, "today")
        .multiline("note", "Note", "", "what was said (private)");
    for t in &topics {
        f = f.check_owned(t.id, format!("discussed: {}", t.body), false);
    }
    f = f.multiline(
        "actions",
        "New actions",
        "",
        "one per line: [them:] text [due fri]",
    );
    form(
        model,
        f,
        FormPurpose::Record {
            person: person_id,
            topics,
        },
    );
}

fn person_name(model: &Model, id: i64) -> String {
    model
        .people
        .rows
        .iter()
        .find(|p| p.person.id == id)
        .map_or_else(|| "them".to_string(), |p| p.person.name.clone())
}

/// The queued topics of `person_id`, from whichever page has them loaded.
fn queued(model: &Model, person_id: i64) -> Option<Vec<Topic>> {
    let pane = &model.person;
    if pane.person_id != Some(person_id) {
        return None;
    }
    let topics = match (&pane.detail, &pane.prep) {
        (Some(d), _) if pane.view == PeopleView::Detail => &d.queued,
        (_, Some(p)) => &p.topics,
        (Some(d), None) => &d.queued,
        (None, None) => return None,
    };
    Some(topics.clone())
}

/// Starts recording: with the topics at hand, or after loading them.
pub fn start_record(model: &mut Model, person_id: i64) -> Vec<Effect> {
    match queued(model, person_id) {
        Some(topics) => {
            record_form(model, person_id, topics);
            Vec::new()
        }
        None => vec![Effect::StartRecord(person_id)],
    }
}

/// Actions shared by the list, the page and the prep view, for person `id`.
pub fn on_person_action(model: &mut Model, id: i64, action: Action) -> Vec<Effect> {
    match action {
        Action::Prep => open(model, id, PeopleView::Prep),
        Action::Open => open(model, id, PeopleView::Detail),
        Action::Record => start_record(model, id),
        Action::AddTopic => {
            topic_form(model, id);
            Vec::new()
        }
        Action::AddAction => {
            action_form(model, id);
            Vec::new()
        }
        Action::AddNote => {
            note_form(model, id);
            Vec::new()
        }
        Action::AddContext => {
            context_form(model, id);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Keys on the person page and the prep view.
pub fn on_action(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(id) = model.person.person_id else {
        return Vec::new();
    };
    let rows = model.person.rows().len();
    match action {
        Action::Back => {
            model.person.view = PeopleView::List;
            Vec::new()
        }
        Action::Down => {
            model.person.cursor = (model.person.cursor + 1).min(rows.saturating_sub(1));
            Vec::new()
        }
        Action::Up => {
            model.person.cursor = model.person.cursor.saturating_sub(1);
            Vec::new()
        }
        Action::Top => {
            model.person.cursor = 0;
            Vec::new()
        }
        Action::Bottom => {
            model.person.cursor = rows.saturating_sub(1);
            Vec::new()
        }
        Action::Toggle => toggle(model),
        Action::Delete => {
            delete(model);
            Vec::new()
        }
        Action::Edit => match model.person.current() {
            Some(Row::Note(note)) => {
                edit_note(model, note);
                Vec::new()
            }
            _ => super::people::edit(model, id),
        },
        other => on_person_action(model, id, other),
    }
}

fn toggle(model: &mut Model) -> Vec<Effect> {
    let Some(d) = &model.person.detail else {
        return Vec::new();
    };
    match model.person.current() {
        Some(Row::Topic(id)) => vec![Effect::SetTopicDiscussed {
            id,
            discussed: true,
        }],
        Some(Row::Action(id)) => {
            let done = d
                .actions
                .iter()
                .find(|a| a.id == id)
                .is_some_and(|a| a.done_at.is_some());
            vec![Effect::SetActionDone { id, done: !done }]
        }
        _ => Vec::new(),
    }
}

fn delete(model: &mut Model) {
    let Some(d) = &model.person.detail else {
        return;
    };
    let (message, effect) = match model.person.current() {
        Some(Row::Topic(id)) => (
            "Delete this talking point?".to_string(),
            Effect::DeleteTopic(id),
        ),
        Some(Row::Action(id)) => (
            "Delete this action item?".to_string(),
            Effect::DeleteAction(id),
        ),
        Some(Row::Note(id)) => {
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
                Effect::DeleteNote(id),
            )
        }
        None => return,
    };
    model.overlay = Some(Overlay::Confirm {
        message,
        on_yes: effect,
    });
}

/// Opens the edit form of note `note_id`, as the person page has it now.
pub fn edit_note(model: &mut Model, note_id: i64) {
    let Some(note) = model
        .person
        .detail
        .as_ref()
        .and_then(|d| d.notes.iter().find(|n| n.id == note_id))
        .cloned()
    else {
        return;
    };
    form(
        model,
        Form::new("Edit note")
            .date(
                "date",
                "Date",
                &note.date.format("%Y-%m-%d").to_string(),
                false,
                "today",
            )
            .multiline("text", "Note", &note.body, "private: only on this machine"),
        FormPurpose::EditNote(Box::new(note)),
    );
}

/// Turns a submitted 1:1 form into its effect.
pub fn submit(form: &Form, purpose: &FormPurpose, model: &Model) -> Result<Effect, Invalid> {
    let today = model.today();
    Ok(match *purpose {
        FormPurpose::AddTopic(person) => Effect::AddTopic {
            person,
            text: form.value("text"),
        },
        FormPurpose::CaptureTopic => {
            let person = model
                .people
                .rows
                .get(form.choice_index("person"))
                .map(|p| p.person.id)
                .ok_or_else(|| Invalid::field("person", "add a person first (tab 4, a)"))?;
            Effect::AddTopic {
                person,
                text: form.value("text"),
            }
        }
        FormPurpose::AddAction(person) => Effect::AddAction {
            person,
            owner: if form.choice_index("owner") == 1 {
                Owner::Them
            } else {
                Owner::Me
            },
            text: form.value("text"),
            due: form.date_value("due", today)?,
        },
        FormPurpose::AddNote(person) => Effect::AddNote {
            person,
            date: form.date_value("date", today)?.unwrap_or(today),
            text: form.value("text"),
        },
        FormPurpose::AddContext(person) => Effect::AddContext {
            person,
            date: form.date_value("date", today)?.unwrap_or(today),
            kind: CONTEXT_KINDS
                .get(form.choice_index("kind"))
                .copied()
                .unwrap_or(ContextKind::Context),
            text: form.value("text"),
        },
        FormPurpose::EditNote(ref note) => Effect::UpdateNote {
            id: note.id,
            date: form.date_value("date", today)?.unwrap_or(today),
            text: form.value("text"),
            opened: note.clone(),
        },
        FormPurpose::Record { person, ref topics } => {
            let actions = form
                .value("actions")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| parse_action_line(l, today))
                .collect::<Result<Vec<_>, _>>()?;
            Effect::Record {
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
        _ => return Err(Invalid::new("this form does not belong to the 1:1s tab")),
    })
}

/// The quick-capture form: a talking point for anyone, from any tab.
pub fn capture_form(model: &mut Model) {
    if model.people.rows.is_empty() {
        model.error("Add a person first (tab 4, then a) to queue talking points for them.");
        return;
    }
    let names: Vec<String> = model
        .people
        .rows
        .iter()
        .map(|p| p.person.name.clone())
        .collect();
    let selected = match model.person.person_id {
        Some(id) => model
            .people
            .rows
            .iter()
            .position(|p| p.person.id == id)
            .unwrap_or(0),
        None => model.people.selected,
    };
    form(
        model,
        Form::new("Quick capture: talking point")
            .choice("person", "For", names, selected)
            .text("text", "Topic", "", "what to bring up at their next 1:1"),
        FormPurpose::CaptureTopic,
    );
    if let Some(Overlay::Form { form, .. }) = &mut model.overlay {
        form.focus = 1;
    }
}
