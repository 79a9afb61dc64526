//! The Risks tab's forms: add or edit a risk, review one, and the words to filter the table by.

use crate::domain::Word;
use chrono::NaiveDate;

use crate::domain::Invalid;
use crate::domain::risk::{Category, Response, Risk, RiskDraft, RiskStatus};
use crate::domain::risk_score::{IMPACT_WORDS, LIKELIHOOD_WORDS, RiskScore};
use crate::ops::risks::RiskReview;
use crate::tui::effects::risks::RisksEffect;
use crate::tui::msg::Effect;
use crate::tui::pane::Ctx;
use crate::tui::widgets::form::Form;

use super::detail_links::DetailLinks;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::tui::linkables::{changes, with_links_field};

/// "1 rare", "2 unlikely", ...: typing the digit picks the value.
fn scale(words: &[&str; 5]) -> Vec<String> {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| format!("{} {w}", i + 1))
        .collect()
}

/// The scale with "none" first, for the optional residual values.
fn optional_scale(words: &[&str; 5]) -> Vec<String> {
    std::iter::once("— none".to_string())
        .chain(scale(words))
        .collect()
}

fn words<T: Copy + PartialEq>(all: &[T], name: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| name(*v).to_string()).collect()
}

fn position<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A scale choice (0-based) back to 1–5.
fn scale_value(form: &Form, key: &str) -> i64 {
    i64::try_from(form.choice_index(key)).unwrap_or(0) + 1
}

/// An optional scale choice: 0 is none.
fn optional_scale_value(form: &Form, key: &str) -> Option<i64> {
    i64::try_from(form.choice_index(key))
        .ok()
        .filter(|v| *v > 0)
}

/// The form for a new risk (`existing` None) or for editing one, with its Links field (`held`:
/// its links as its detail lists them).
pub fn risk_form(existing: Option<&Risk>, held: &DetailLinks, ctx: &Ctx<'_>) -> Form {
    let me = existing.map(|r| ObjectRef::new(LinkKind::Risk, r.id));
    with_links_field(risk_fields(existing, ctx), me, held)
}

/// The owner choices: nobody, then the people list.
const NOBODY: &str = "— nobody —";

fn risk_fields(existing: Option<&Risk>, ctx: &Ctx<'_>) -> Form {
    let draft = existing
        .map(|r| RiskDraft::from(&r.fields))
        .unwrap_or_default();
    let title = match existing {
        Some(r) => format!("Edit risk {}", r.id),
        None => "New risk".to_string(),
    };
    let level = |v: i64| usize::try_from(v - 1).unwrap_or(0);
    let residual = |v: Option<i64>| v.and_then(|v| usize::try_from(v).ok()).unwrap_or(0);
    Form::new(title)
        .text("title", "Title", &draft.title, "If <cause>, then <effect>")
        .choice(
            "category",
            "Category",
            words(Category::ALL, Category::as_str),
            position(Category::ALL, &draft.category),
        )
        .choice(
            "likelihood",
            "Likelihood",
            scale(&LIKELIHOOD_WORDS),
            level(draft.likelihood),
        )
        .choice(
            "impact",
            "Impact",
            scale(&IMPACT_WORDS),
            level(draft.impact),
        )
        .pick_or_text(
            "owner",
            "Owner",
            std::iter::once(NOBODY.to_string())
                .chain(ctx.people.iter().map(|p| p.name.clone()))
                .collect(),
            owner_choice(existing, ctx),
            &draft.owner,
        )
        .choice(
            "response",
            "Response",
            words(Response::ALL, Response::as_str),
            position(Response::ALL, &draft.response),
        )
        .choice(
            "status",
            "Status",
            words(RiskStatus::ALL, RiskStatus::as_str),
            position(RiskStatus::ALL, &draft.status),
        )
        .date(
            "review",
            "Next review",
            &date_text(draft.next_review),
            true,
            "blank: by band (critical a week … low a quarter)",
        )
        .text(
            "trigger",
            "Trigger",
            &draft.trigger,
            "the early sign that it is happening",
        )
        .multiline(
            "mitigation",
            "Mitigation",
            &draft.mitigation,
            "what lowers the likelihood or the impact",
        )
        .choice(
            "residual_likelihood",
            "Residual L",
            optional_scale(&LIKELIHOOD_WORDS),
            residual(draft.residual_likelihood),
        )
        .choice(
            "residual_impact",
            "Residual I",
            optional_scale(&IMPACT_WORDS),
            residual(draft.residual_impact),
        )
        .text(
            "accept_reason",
            "Accept reason",
            &draft.accept_reason,
            "if accepted: why it is acceptable",
        )
        .date(
            "accept_expiry",
            "Accepted until",
            &date_text(draft.accept_expiry),
            true,
            "if accepted: when to decide again",
        )
}

/// Turns the risk form into the effect that saves it, or the first field error.
/// The save of the risk form: a new risk, or an edit of `opened` (the risk as the form opened it).
pub fn risk_submit(form: &Form, opened: Option<&Risk>, ctx: &Ctx<'_>) -> Result<Effect, Invalid> {
    let today = ctx.today();
    let pick = |key: &str| form.choice_index(key);
    let (owner, owner_id) = owner_of(form, opened, ctx);
    let draft = RiskDraft {
        title: form.value("title"),
        category: Category::ALL
            .get(pick("category"))
            .copied()
            .unwrap_or(Category::Other),
        likelihood: scale_value(form, "likelihood"),
        impact: scale_value(form, "impact"),
        owner,
        owner_id,
        response: Response::ALL
            .get(pick("response"))
            .copied()
            .unwrap_or(Response::Mitigate),
        status: RiskStatus::ALL
            .get(pick("status"))
            .copied()
            .unwrap_or(RiskStatus::Open),
        mitigation: form.value("mitigation"),
        trigger: form.value("trigger"),
        next_review: form.date_value("review", today)?,
        residual_likelihood: optional_scale_value(form, "residual_likelihood"),
        residual_impact: optional_scale_value(form, "residual_impact"),
        accept_reason: form.value("accept_reason"),
        accept_expiry: form.date_value("accept_expiry", today)?,
    };
    // Checked here as well as in ops so the message lands on its field before a round trip.
    draft.clone().validate()?;
    let links = Box::new(changes(form)?);
    Ok(Effect::Risks(match opened {
        Some(opened) => RisksEffect::Update {
            id: opened.id,
            draft: Box::new(draft),
            opened: Box::new(opened.fields.clone()),
            links,
        },
        None => RisksEffect::Add { draft, links },
    }))
}

/// The owner the form opens on: their place in the people list (after "nobody"), nobody, or
/// None for a name outside the list (shown as typed).
fn owner_choice(existing: Option<&Risk>, ctx: &Ctx<'_>) -> Option<usize> {
    let Some(f) = existing.map(|r| &r.fields) else {
        return Some(0);
    };
    match f.owner_id {
        Some(id) => ctx.people.iter().position(|p| p.id == id).map(|i| i + 1),
        None if f.owner.trim().is_empty() => Some(0),
        None => None,
    }
}

/// The owner saved: a person picked (by id), nobody, or the text as typed (which ops links to
/// the person of exactly that name, or keeps as text for someone outside the list). An owner
/// left as it was keeps its person, even one the list has not loaded.
fn owner_of(form: &Form, opened: Option<&Risk>, ctx: &Ctx<'_>) -> (String, Option<i64>) {
    if let Some(r) = opened.filter(|_| !form.changed("owner")) {
        return (r.fields.owner.clone(), r.fields.owner_id);
    }
    match form.picked_option("owner") {
        Some(0) => (String::new(), None),
        Some(i) => match ctx.people.get(i - 1) {
            Some(p) => (p.name.clone(), Some(p.id)),
            None => (String::new(), None),
        },
        None => (form.value("owner"), None),
    }
}

/// The review: the score to confirm or change, when to look again, and a note for the history.
pub fn review_form(risk: &Risk) -> Form {
    let f = &risk.fields;
    let mut form = Form::new(format!(
        "Review risk {} · now {} {}",
        risk.id,
        f.score.value(),
        f.score.band()
    ))
    .choice(
        "likelihood",
        "Likelihood",
        scale(&LIKELIHOOD_WORDS),
        usize::from(f.score.likelihood.saturating_sub(1)),
    )
    .choice(
        "impact",
        "Impact",
        scale(&IMPACT_WORDS),
        usize::from(f.score.impact.saturating_sub(1)),
    )
    .date(
        "review",
        "Next review",
        "",
        true,
        "blank: by the band of the score",
    );
    if f.response == Response::Accept {
        form = form.date(
            "accept_expiry",
            "Accepted until",
            &date_text(f.accept_expiry),
            true,
            "when to decide again",
        );
    }
    form.multiline("note", "Note", "", "what changed, what was decided")
}

pub fn review_submit(form: &Form, opened: &Risk, ctx: &Ctx<'_>) -> Result<Effect, Invalid> {
    let today = ctx.today();
    let (likelihood, impact) = (scale_value(form, "likelihood"), scale_value(form, "impact"));
    RiskScore::new(likelihood, impact)?;
    Ok(Effect::Risks(RisksEffect::Review {
        id: opened.id,
        opened: Box::new(opened.fields.clone()),
        review: RiskReview {
            likelihood,
            impact,
            note: form.value("note"),
            next_review: form.date_value("review", today)?,
            accept_expiry: if form.fields.iter().any(|f| f.key == "accept_expiry") {
                form.date_value("accept_expiry", today)?
            } else {
                None
            },
        },
    }))
}

/// One line: the words the table must contain.
pub fn text_filter_form(current: &str) -> Form {
    Form::new("Filter risks").text(
        "text",
        "Contains",
        current,
        "words in the title, owner, mitigation or trigger",
    )
}
