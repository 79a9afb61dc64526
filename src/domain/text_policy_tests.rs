//! Every text field of every domain type follows the one policy: a line stops at LINE_MAX, a body
//! at BODY_MAX, and the message names the field and the limit.

use super::{BODY_MAX, LINE_MAX, TextKind};
use crate::domain::Invalid;
use crate::domain::one_on_one::{check_text, parse_action_line};
use crate::domain::person::PersonDraft;
use crate::domain::plan::{Confidence, GoalFields, GoalStatus};
use crate::domain::risk::{Response, RiskDraft};
use crate::domain::ritual::RitualFields;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn person(field: &str, text: &str) -> Result<(), Invalid> {
    let mut d = PersonDraft {
        name: "Ada".into(),
        ..PersonDraft::default()
    };
    match field {
        "name" => d.name = text.into(),
        "role" => d.role = text.into(),
        "team" => d.team = text.into(),
        "career_goals" => d.career_goals = text.into(),
        "context" => d.context = text.into(),
        "prompts" => d.prompts = text.into(),
        _ => unreachable!("{field}"),
    }
    d.validate().map(|_| ())
}

fn ritual(field: &str, text: &str) -> Result<(), Invalid> {
    let mut f = RitualFields::new("Staff", None, today().and_hms_opt(10, 0, 0).unwrap(), 30);
    match field {
        "name" => f.name = text.into(),
        "location" => f.location = text.into(),
        "attendees" => f.attendees = text.into(),
        "agenda" => f.agenda = text.into(),
        _ => unreachable!("{field}"),
    }
    f.check().map(|_| ())
}

fn goal(field: &str, text: &str) -> Result<(), Invalid> {
    let mut g = GoalFields {
        phase: 30,
        title: "Meet the SRE lead".into(),
        description: String::new(),
        criteria: String::new(),
        status: GoalStatus::Todo,
        progress: 0,
        confidence: Confidence::OnTrack,
        due: None,
        person_id: None,
        measure: None,
    };
    match field {
        "title" => g.title = text.into(),
        "description" => g.description = text.into(),
        "criteria" => g.criteria = text.into(),
        _ => unreachable!("{field}"),
    }
    g.check(today()).map(|_| ())
}

fn risk(field: &str, text: &str) -> Result<(), Invalid> {
    let mut r = RiskDraft {
        title: "If CI stays flaky, then releases slip".into(),
        response: Response::Accept,
        accept_reason: "cheap to live with".into(),
        accept_expiry: Some(today()),
        ..RiskDraft::default()
    };
    match field {
        "title" => r.title = text.into(),
        "owner" => r.owner = text.into(),
        "trigger" => r.trigger = text.into(),
        "accept_reason" => r.accept_reason = text.into(),
        "mitigation" => r.mitigation = text.into(),
        _ => unreachable!("{field}"),
    }
    r.validate().map(|_| ())
}

fn one_on_one(field: &str, text: &str) -> Result<(), Invalid> {
    match field {
        "note" | "topic" | "action" => check_text(
            match field {
                "note" => "note",
                "topic" => "topic",
                _ => "action",
            },
            text,
        )
        .map(|_| ()),
        "actions" => parse_action_line(text, today()).map(|_| ()),
        _ => unreachable!("{field}"),
    }
}

type Check = fn(&str, &str) -> Result<(), Invalid>;

const FIELDS: &[(&str, Check, &str, TextKind)] = &[
    ("person", person, "name", TextKind::Line),
    ("person", person, "role", TextKind::Line),
    ("person", person, "team", TextKind::Line),
    ("person", person, "career_goals", TextKind::Body),
    ("person", person, "context", TextKind::Body),
    ("person", person, "prompts", TextKind::Body),
    ("ritual", ritual, "name", TextKind::Line),
    ("ritual", ritual, "location", TextKind::Line),
    ("ritual", ritual, "attendees", TextKind::Body),
    ("ritual", ritual, "agenda", TextKind::Body),
    ("goal", goal, "title", TextKind::Line),
    ("goal", goal, "description", TextKind::Body),
    ("goal", goal, "criteria", TextKind::Body),
    ("risk", risk, "title", TextKind::Line),
    ("risk", risk, "owner", TextKind::Line),
    ("risk", risk, "trigger", TextKind::Line),
    ("risk", risk, "accept_reason", TextKind::Line),
    ("risk", risk, "mitigation", TextKind::Body),
    ("1:1", one_on_one, "note", TextKind::Body),
    ("1:1", one_on_one, "topic", TextKind::Body),
    ("1:1", one_on_one, "action", TextKind::Body),
    ("1:1", one_on_one, "actions", TextKind::Body),
];

#[test]
fn every_field_takes_its_limit_and_refuses_one_more_naming_field_and_limit() {
    for &(entity, check, field, kind) in FIELDS {
        let max = kind.max_chars();
        let at_limit = "x".repeat(max);
        assert_eq!(check(field, &at_limit), Ok(()), "{entity}.{field} at {max}");
        let err = check(field, &format!("{at_limit}x")).unwrap_err();
        assert_eq!(err.field, Some(field), "{entity}.{field}: {err}");
        assert!(
            err.message.contains(&format!("at most {max}")),
            "{entity}.{field}: {err}"
        );
        assert!(
            err.message.contains(&field.replace('_', " ")),
            "{entity}.{field}: {err}"
        );
    }
}

#[test]
fn a_hundred_thousand_character_name_is_refused_everywhere() {
    let huge = "n".repeat(100_000);
    for &(entity, check, field, _) in FIELDS {
        assert!(check(field, &huge).is_err(), "{entity}.{field}");
    }
}

#[test]
fn one_line_fields_fold_line_breaks_and_bodies_keep_them() {
    let mut d = PersonDraft {
        name: "Ada\nLovelace".into(),
        context: "first\nsecond".into(),
        ..PersonDraft::default()
    };
    d.role = "Engineering\tManager".into();
    let f = d.validate().unwrap();
    assert_eq!(f.name, "Ada Lovelace");
    assert_eq!(f.role, "Engineering Manager");
    assert_eq!(f.context, "first\nsecond");
}

#[test]
fn the_limits_are_the_documented_ones() {
    assert_eq!((LINE_MAX, BODY_MAX), (300, 20_000));
}
