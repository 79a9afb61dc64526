//! The Decisions tab's forms: a decision (new, superseding, or edited) and a change of status.

use crate::domain::Invalid;
use crate::domain::Word;
use crate::domain::decision::{Decision as Record, DecisionDraft, DecisionStatus};
use crate::domain::word::one_of;
use crate::ops::decisions::DecisionInput;
use crate::ops::objects::decision::DecisionView;
use crate::tui::effects::decisions::DecisionsEffect;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, PersonRef};
use crate::tui::widgets::form::Form;

use super::detail_links::DetailLinks;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::tui::linkables::{changes, with_links_field};

/// The statuses a new decision may start in.
const NEW: &[DecisionStatus] = &[DecisionStatus::Accepted, DecisionStatus::Proposed];

fn names(ids: &[i64], ctx: &Ctx<'_>) -> String {
    ids.iter()
        .map(|id| ctx.person_name(*id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// People typed as "Aisha, Ben": each a unique part of one name, ignoring case.
pub fn people_named(
    field: &'static str,
    text: &str,
    people: &[PersonRef],
) -> Result<Vec<i64>, Invalid> {
    let mut ids = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let wanted = name.to_lowercase();
        let exact: Vec<&PersonRef> = people
            .iter()
            .filter(|p| p.name.to_lowercase() == wanted)
            .collect();
        let found: Vec<&PersonRef> = if exact.is_empty() {
            people
                .iter()
                .filter(|p| p.name.to_lowercase().contains(&wanted))
                .collect()
        } else {
            exact
        };
        match found.as_slice() {
            [one] => ids.push(one.id),
            [] => {
                let all: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
                return Err(Invalid::field(
                    field,
                    if all.is_empty() {
                        format!("no person matches \"{name}\": there are no people yet")
                    } else {
                        format!(
                            "no person matches \"{name}\"; known people: {}",
                            all.join(", ")
                        )
                    },
                ));
            }
            several => {
                let all: Vec<&str> = several.iter().map(|p| p.name.as_str()).collect();
                return Err(Invalid::field(
                    field,
                    format!("\"{name}\" matches {}: be more specific", one_of(&all)),
                ));
            }
        }
    }
    Ok(ids)
}

/// The decision form: new (`existing` None), superseding `replaces`, or an edit.
pub fn decision_form(
    existing: Option<&DecisionView>,
    replaces: Option<&DecisionView>,
    ctx: &Ctx<'_>,
) -> Form {
    let title = match (existing, replaces) {
        (Some(d), _) => format!("Edit decision {}", d.decision.id),
        (None, Some(old)) => format!("New decision superseding {}", old.decision.id),
        (None, None) => "New decision".to_string(),
    };
    let mut form = Form::new(title);
    let record = existing.map(|d| &d.decision);
    let draft = record.map_or_else(
        || DecisionDraft::new("", ctx.today()),
        |d| DecisionDraft::from(&d.fields),
    );
    form = form
        .text(
            "title",
            "Title",
            &draft.title,
            "what was decided, in a line",
        )
        .date(
            "date",
            "Date",
            &draft.date.format("%Y-%m-%d").to_string(),
            false,
            "the day it was decided",
        );
    if existing.is_none() {
        form = form.choice(
            "status",
            "Status",
            NEW.iter().map(|s| s.as_str().to_string()).collect(),
            0,
        );
    }
    let context = replaces.map_or(draft.context.clone(), |old| {
        format!(
            "Supersedes decision {}: {}",
            old.decision.id, old.decision.fields.title
        )
    });
    let form = form
        .multiline(
            "context",
            "Context",
            &context,
            "why: the forces and the problem",
        )
        .multiline("decision", "Decision", &draft.decision, "what was decided")
        .multiline(
            "consequences",
            "Consequences",
            &draft.consequences,
            "what follows, good and bad",
        )
        .text(
            "decided_by",
            "Decided by",
            &record
                .map(|d| names(&d.decided_by, ctx))
                .unwrap_or_default(),
            "names, separated by commas",
        )
        .text(
            "consulted",
            "Consulted",
            &record.map(|d| names(&d.consulted, ctx)).unwrap_or_default(),
            "names, separated by commas",
        );
    // The links it has, as its own load brought them.
    let me = existing.map(|d| ObjectRef::new(LinkKind::Decision, d.decision.id));
    let mut held = DetailLinks::default();
    if let (Some(me), Some(d)) = (me, existing) {
        held.set(me, d.links.clone());
    }
    with_links_field(form, me, &held)
}

/// The record form's save: an edit of `opened`, or a new record (replacing `supersedes`).
pub fn decision_submit(
    form: &Form,
    opened: Option<&Record>,
    supersedes: Option<i64>,
    ctx: &Ctx<'_>,
) -> Result<Effect, Invalid> {
    let date = form
        .date_value("date", ctx.today())?
        .unwrap_or_else(|| ctx.today());
    let mut draft = opened.map_or_else(
        || DecisionDraft::new("", date),
        |d| DecisionDraft::from(&d.fields),
    );
    draft.title = form.value("title");
    draft.date = date;
    if opened.is_none() {
        draft.status = NEW
            .get(form.choice_index("status"))
            .copied()
            .unwrap_or(DecisionStatus::Accepted);
    }
    draft.context = form.value("context");
    draft.decision = form.value("decision");
    draft.consequences = form.value("consequences");
    // Checked here as well as in ops so the message lands on its field before a round trip.
    draft
        .clone()
        .validate(opened.and_then(|d| d.fields.superseded_by))?;
    let mut input = DecisionInput::new(draft);
    input.decided_by = people_named("decided_by", &form.value("decided_by"), ctx.people)?;
    input.consulted = people_named("consulted", &form.value("consulted"), ctx.people)?;
    if form.fields.iter().any(|f| f.key == "links") {
        input.link_changes = changes(form)?;
    }
    Ok(Effect::Decisions(match opened {
        Some(d) => DecisionsEffect::Update {
            id: d.id,
            input: Box::new(input),
            opened: Box::new(d.clone()),
        },
        None => DecisionsEffect::Add {
            input: Box::new(input),
            supersedes,
        },
    }))
}

/// One line: the words every record shown must contain.
pub fn text_filter_form(current: &str) -> Form {
    Form::new("Filter decisions").text(
        "text",
        "Contains",
        current,
        "words in the title, context, decision or consequences",
    )
}

/// The statuses a decision may move to by hand, its own first.
fn choices(d: &Record) -> Vec<DecisionStatus> {
    std::iter::once(d.fields.status)
        .chain(d.fields.status.next().iter().copied())
        .collect()
}

pub fn status_form(d: &Record) -> Form {
    Form::new(format!("Status of decision {}", d.id)).choice(
        "status",
        "Status",
        choices(d).iter().map(|s| s.as_str().to_string()).collect(),
        0,
    )
}

pub fn status_submit(form: &Form, opened: &Record) -> Result<Effect, Invalid> {
    let status = choices(opened)
        .get(form.choice_index("status"))
        .copied()
        .unwrap_or(opened.fields.status);
    Ok(Effect::Decisions(DecisionsEffect::SetStatus {
        id: opened.id,
        status,
        opened: Box::new(opened.clone()),
    }))
}
