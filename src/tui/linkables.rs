//! The objects a form's Links field offers: everything the panes have loaded that a link may
//! reach, each as "KIND:ID title" (the prefix is what a save reads back, so a title never has
//! to be matched).

use crate::domain::Invalid;
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::links::LinkChanges;

use super::model::Model;
use super::panes::detail_links::DetailLinks;
use super::widgets::form::Form;

/// One option: "goal:3 Ship payments v2".
pub fn label(of: ObjectRef, title: &str) -> String {
    format!("{of} {}", title.replace(['\n', '\r'], " "))
}

/// The object an option names (its "KIND:ID" prefix).
pub fn object(label: &str) -> Option<ObjectRef> {
    label.split(' ').next()?.parse().ok()
}

/// People, goals, risks, decisions, metrics and rituals as last loaded, in that order.
pub fn collect(m: &Model) -> Vec<String> {
    let of = |kind, id| move |title: &str| label(ObjectRef::new(kind, id), title);
    let people = m
        .directory
        .iter()
        .map(|p| of(LinkKind::Person, p.id)(&p.name));
    let goals = m
        .plan
        .view
        .iter()
        .flat_map(|v| v.phases.iter().flat_map(|p| p.goals.iter()))
        .map(|g| of(LinkKind::Goal, g.goal.id)(&g.goal.fields.title));
    let risks = m
        .risks
        .all
        .iter()
        .map(|r| of(LinkKind::Risk, r.id)(&r.fields.title));
    let decisions = m
        .decisions
        .all
        .iter()
        .map(|d| of(LinkKind::Decision, d.decision.id)(&d.decision.fields.title));
    let metrics = m
        .scorecard
        .card
        .metrics
        .iter()
        .map(|x| of(LinkKind::Metric, x.id())(x.name()));
    let rituals = m
        .rituals
        .list
        .rows
        .iter()
        .map(|r| of(LinkKind::Ritual, r.ritual.id)(&r.ritual.fields.name));
    people
        .chain(goals)
        .chain(risks)
        .chain(decisions)
        .chain(metrics)
        .chain(rituals)
        .collect()
}

/// The form with its Links field: `me`'s links as its detail lists them (`held`, when they are
/// `me`'s). What it offers to add, every other object loaded, is given as the form opens
/// ([`collect`], in `update::apply`): building it after every load cost ten years of data 2–4 ms
/// per selection in the plan and the risk register.
pub fn with_links_field(form: Form, me: Option<ObjectRef>, held: &DetailLinks) -> Form {
    let picked: Vec<String> = match me {
        Some(me) if held.is_of(me) => held
            .links
            .iter()
            .map(|l| label(l.object(), &l.title))
            .collect(),
        _ => Vec::new(),
    };
    form.links("links", "Links", me.map(|me| me.to_string()), picked)
}

/// What the form's Links field changed, as objects.
pub fn changes(form: &Form) -> Result<LinkChanges, Invalid> {
    let (added, removed) = form.link_changes("links");
    let objects = |labels: Vec<String>| -> Result<Vec<ObjectRef>, Invalid> {
        labels
            .iter()
            .map(|l| {
                object(l).ok_or_else(|| {
                    Invalid::field(
                        "links",
                        "a link names no object: remove it and add it again",
                    )
                })
            })
            .collect()
    };
    Ok(LinkChanges {
        add: objects(added)?,
        remove: objects(removed)?,
    })
}
