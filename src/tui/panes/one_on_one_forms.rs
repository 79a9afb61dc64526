//! The forms of the 1:1s tab that add to a person's page, record a 1:1 and capture a talking
//! point from anywhere, and what their submissions become.

use crate::domain::Invalid;
use crate::domain::one_on_one::{ActionItem, ContextKind, Owner, Topic, parse_action_line};
use crate::ops::one_on_ones::{OneOnOneMeeting, PersonDetail, Prep, Record};
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::model::FormPurpose;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, Request};
use crate::tui::widgets::form::Form;

use super::people::PeopleForm;

const CONTEXT_KINDS: [ContextKind; 3] = [
    ContextKind::Feedback,
    ContextKind::Career,
    ContextKind::Context,
];

fn form(form: Form, which: PeopleForm) -> Request {
    Request::form(form, FormPurpose::People(which))
}

fn one_on_one(effect: OneOnOneEffect) -> Effect {
    Effect::OneOnOnes(effect)
}

pub fn topic_form(person_id: i64, name: &str) -> Request {
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

pub fn action_form(person_id: i64, name: &str) -> Request {
    let owners = vec!["me".to_string(), format!("{name} (them)")];
    form(
        Form::new(format!("Action with {name}"))
            .text("text", "Action", "", "what needs doing")
            .choice("owner", "Owner", owners, 0)
            .date("due", "Due", "", true, "fri, +1w, 2026-12-01 (optional)"),
        PeopleForm::AddAction(person_id),
    )
}

pub fn note_form(person_id: i64, name: &str, ctx: &Ctx<'_>) -> Request {
    let today = ctx.today().format("%Y-%m-%d").to_string();
    form(
        Form::new(format!("Note on {name}"))
            .date("date", "Date", &today, false, "today")
            .multiline("text", "Note", "", "private: only on this machine"),
        PeopleForm::AddNote(person_id),
    )
}

pub fn context_form(person_id: i64, name: &str, ctx: &Ctx<'_>) -> Request {
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

/// What the record form lists and which meeting it writes up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordDraft {
    pub person: i64,
    /// The meeting being written up: the one the prep view was opened for, else the person's
    /// latest one not written up yet; None: an unscheduled talk, dated today.
    pub meeting: Option<OneOnOneMeeting>,
    /// The queued topics, as the form listed them.
    pub topics: Vec<Topic>,
    /// The open actions both ways, as the form listed them.
    pub actions: Vec<ActionItem>,
}

impl RecordDraft {
    /// The draft for the prep as loaded; `meeting` (the one the user came from) wins over the
    /// latest unrecorded one.
    pub fn new(person: i64, prep: &Prep, meeting: Option<OneOnOneMeeting>) -> RecordDraft {
        RecordDraft {
            person,
            meeting: meeting.or(prep.unrecorded),
            topics: prep.topics.clone(),
            actions: prep.mine.iter().chain(&prep.theirs).cloned().collect(),
        }
    }

    /// The draft for the person's page as loaded: its queue, its open actions and the latest
    /// meeting not written up.
    pub fn from_detail(person: i64, detail: &PersonDetail) -> RecordDraft {
        RecordDraft {
            person,
            meeting: detail.unrecorded,
            topics: detail.queued.clone(),
            actions: detail
                .actions
                .iter()
                .filter(|a| a.done_at.is_none())
                .cloned()
                .collect(),
        }
    }
}

/// The record form: when, the note, a tick box per queued topic and per open action, and new
/// actions one per line. Dated the meeting's day, so a 1:1 written up later lands on its day.
pub fn record_form(draft: RecordDraft, ctx: &Ctx<'_>) -> Request {
    let name = ctx.person_name(draft.person);
    let day = draft.meeting.map_or(ctx.today(), |m| m.start.date());
    let title = match draft.meeting {
        Some(m) => format!(
            "Record 1:1 with {name} · {}",
            m.start.format("%a %-d %b %H:%M")
        ),
        None => format!("Record 1:1 with {name}"),
    };
    let mut f = Form::new(title)
        .date(
            "date",
            "Date",
            &day.format("%Y-%m-%d").to_string(),
            false,
            "today",
        )
        .multiline("note", "Note", "", "what was said (private)")
        .multiline(
            "actions",
            "New actions",
            "",
            "one per line: [them:] text [due fri]",
        );
    // The day is filled in: the cursor starts in the note; new actions follow it, then the
    // tick boxes.
    f.focus = 1;
    for topic in &draft.topics {
        f = f.check_owned(
            "topic",
            topic.id,
            format!("discussed: {}", topic.body),
            false,
        );
    }
    for action in &draft.actions {
        let who = match action.owner {
            Owner::Me => "mine",
            Owner::Them => "theirs",
        };
        f = f.check_owned(
            "action",
            action.id,
            format!("done ({who}): {}", action.body),
            false,
        );
    }
    form(f, PeopleForm::Record(Box::new(draft)))
}

/// The quick-capture form: a talking point for anyone, from any tab, offered for `selected`.
pub fn capture_form(selected: usize, ctx: &Ctx<'_>) -> Request {
    if ctx.people.is_empty() {
        return Request::Error(
            "Add a person first (tab 4, then a) to queue talking points for them.".into(),
        );
    }
    let names: Vec<String> = ctx.people.iter().map(|p| p.name.clone()).collect();
    // The cursor starts on who it is for: type a name, or Tab for the one offered.
    let f = Form::new("Quick capture: talking point")
        .pick("person", "For", names, selected)
        .text("text", "Topic", "", "what to bring up at their next 1:1");
    form(f, PeopleForm::CaptureTopic)
}

/// Turns a submitted 1:1 form into its effect.
pub fn submit(form: &Form, which: &PeopleForm, ctx: &Ctx<'_>) -> Result<Effect, Invalid> {
    let today = ctx.today();
    Ok(one_on_one(match which {
        PeopleForm::AddTopic(person) => OneOnOneEffect::AddTopic {
            person: *person,
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
            person: *person,
            owner: if form.choice_index("owner") == 1 {
                Owner::Them
            } else {
                Owner::Me
            },
            text: form.value("text"),
            due: form.date_value("due", today)?,
        },
        PeopleForm::AddNote(person) => OneOnOneEffect::AddNote {
            person: *person,
            date: form.date_value("date", today)?.unwrap_or(today),
            text: form.value("text"),
        },
        PeopleForm::AddContext(person) => OneOnOneEffect::AddContext {
            person: *person,
            date: form.date_value("date", today)?.unwrap_or(today),
            kind: CONTEXT_KINDS
                .get(form.choice_index("kind"))
                .copied()
                .unwrap_or(ContextKind::Context),
            text: form.value("text"),
        },
        PeopleForm::EditNote(note) => OneOnOneEffect::UpdateNote {
            id: note.id,
            date: form.date_value("date", today)?.unwrap_or(today),
            text: form.value("text"),
            opened: note.clone(),
        },
        PeopleForm::EditAction(opened) => super::all_actions::edit_submit(form, opened, ctx)?,
        PeopleForm::Record(draft) => OneOnOneEffect::Record {
            person: draft.person,
            record: record_of(form, draft, today)?,
        },
        PeopleForm::AddPerson | PeopleForm::EditPerson(_) => {
            return Err(Invalid::new("the person form is saved by the people list"));
        }
    }))
}

/// The record the form stands for. Its meeting is the draft's while the date is that meeting's
/// day; a date changed to another day records the person's meeting on that day, if any.
fn record_of(
    form: &Form,
    draft: &RecordDraft,
    today: chrono::NaiveDate,
) -> Result<Record, Invalid> {
    let actions = form
        .value("actions")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse_action_line(l, today))
        .collect::<Result<Vec<_>, _>>()?;
    let date = form.date_value("date", today)?.unwrap_or(today);
    let topics = form.checked_ids("topic");
    let done = form.checked_ids("action");
    Ok(Record {
        date,
        meeting: draft.meeting.filter(|m| m.start.date() == date),
        note: form.value("note"),
        discussed: draft
            .topics
            .iter()
            .filter(|t| topics.contains(&t.id))
            .cloned()
            .collect(),
        done_actions: draft
            .actions
            .iter()
            .filter(|a| done.contains(&a.id))
            .cloned()
            .collect(),
        actions,
    })
}
