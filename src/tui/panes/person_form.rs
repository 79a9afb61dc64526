//! The person form: a person's details and their 1:1 cadence, added or edited.

use crate::domain::Word;
use chrono::{Duration, NaiveDateTime, Timelike};

use crate::domain::Invalid;
use crate::domain::person::{PersonDraft, Relation};
use crate::ops::people::{
    DEFAULT_ONE_ON_ONE_MIN, OneOnOnePlan, PersonInput, PersonOverview, PersonRecord,
};
use crate::schedule::recurrence::{Cadence, Recurrence, describe};
use crate::tui::effects::people::PeopleEffect;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, PersonRef};
use crate::tui::widgets::form::Form;

const CADENCES: [Cadence; 4] = [
    Cadence::Once,
    Cadence::Weekly,
    Cadence::Biweekly,
    Cadence::MonthlyNthWeekday,
];

fn cadence_label(c: Cadence) -> String {
    match c {
        Cadence::Once => "no regular 1:1".into(),
        Cadence::Weekly => "weekly".into(),
        Cadence::Biweekly => "every 2 weeks".into(),
        _ => "monthly (same weekday)".into(),
    }
}

/// The form for adding (`existing` None) or editing a person, with their 1:1 cadence.
pub fn person_form(
    existing: Option<&PersonOverview>,
    now: NaiveDateTime,
    people: &[PersonRef],
) -> Form {
    let draft = existing
        .map(|p| PersonDraft::from(&p.person))
        .unwrap_or_default();
    let series = existing.and_then(|p| p.one_on_one.as_ref());
    let mut options: Vec<String> = CADENCES.iter().map(|c| cadence_label(*c)).collect();
    let (selected, first, at, length) = match series {
        Some(r) => {
            let detected = Cadence::detect(r.fields.rrule.as_deref(), r.fields.dtstart);
            let selected = match CADENCES.iter().position(|c| *c == detected) {
                Some(i) => i,
                None => {
                    options.push(format!(
                        "as now: {}",
                        describe(r.fields.rrule.as_deref(), r.fields.dtstart)
                    ));
                    options.len() - 1
                }
            };
            // Edits take effect from the next meeting on, so that is the date offered.
            let next = Recurrence::of(&r.fields)
                .ok()
                .and_then(|rec| rec.next_after(now))
                .unwrap_or(r.fields.dtstart);
            (
                selected,
                next.date(),
                next.time(),
                i64::from(r.fields.duration_min),
            )
        }
        None => {
            let at = (now + Duration::days(1))
                .date()
                .and_hms_opt(10, 0, 0)
                .unwrap_or(now);
            (0, at.date(), at.time(), i64::from(DEFAULT_ONE_ON_ONE_MIN))
        }
    };
    let relations: Vec<String> = Relation::ALL
        .iter()
        .map(|r| r.as_str().to_string())
        .collect();
    let relation = draft
        .relation
        .and_then(|r| Relation::ALL.iter().position(|x| *x == r))
        .unwrap_or(0);
    let title = match existing {
        Some(p) => format!("Edit {}", p.person.name),
        None => "New person".to_string(),
    };
    Form::new(title)
        .text("name", "Name", &draft.name, "e.g. Priya Raman")
        .text("role", "Role", &draft.role, "e.g. Engineering Manager")
        .text("team", "Team", &draft.team, "e.g. Payments")
        .choice("relation", "Relation", relations, relation)
        .choice("cadence", "1:1 cadence", options, selected)
        .date(
            "first",
            "Next 1:1 on",
            &first.format("%Y-%m-%d").to_string(),
            false,
            "2026-12-01, fri, +1w",
        )
        .time(
            "at",
            "1:1 time",
            &format!("{:02}:{:02}", at.hour(), at.minute()),
            "10:00",
        )
        .number("length", "1:1 minutes", length, 5, 240)
        .multiline(
            "career_goals",
            "Career goals",
            &draft.career_goals,
            "private: aspirations, growth areas",
        )
        .multiline(
            "prompts",
            "1:1 prompts",
            &draft.prompts,
            "one per line; empty: the defaults for their relation",
        )
        .multiline(
            "context",
            "Context",
            &draft.context,
            "private: anything to remember before a 1:1",
        )
        .pick(
            "reports_to",
            "Reports to",
            manager_choices(people),
            draft
                .reports_to
                .and_then(|m| people.iter().position(|p| p.id == m))
                .map_or(0, |i| i + 1),
        )
}

/// "me (or outside my org)", then everyone the cockpit may name (a loop is refused on save).
fn manager_choices(people: &[PersonRef]) -> Vec<String> {
    std::iter::once("me (or outside my org)".to_string())
        .chain(people.iter().map(|p| p.name.clone()))
        .collect()
}

/// Turns the form into the effect that saves it, or the first field error.
/// `opened`: the person as the edit form opened them (None: a new person).
pub fn person_submit(
    form: &Form,
    opened: Option<&PersonRecord>,
    ctx: &Ctx<'_>,
) -> Result<Effect, Invalid> {
    let relation = Relation::ALL
        .get(form.choice_index("relation"))
        .copied()
        .unwrap_or(Relation::Report);
    let draft = PersonDraft {
        name: form.value("name"),
        role: form.value("role"),
        team: form.value("team"),
        relation: Some(relation),
        career_goals: form.value("career_goals"),
        context: form.value("context"),
        prompts: form.value("prompts"),
        // Left as it was, the manager stays (even one the list no longer names).
        reports_to: if form.changed("reports_to") {
            form.choice_index("reports_to")
                .checked_sub(1)
                .and_then(|i| ctx.people.get(i))
                .map(|p| p.id)
        } else {
            opened.and_then(|o| o.person.reports_to)
        },
    };
    // Caught here as well as in ops so the message lands on the field before a round trip.
    draft.clone().validate()?;
    let choice = form.choice_index("cadence");
    let untouched = !["cadence", "first", "at", "length"]
        .iter()
        .any(|key| form.changed(key));
    let current = opened.and_then(|p| p.one_on_one.as_ref());
    // The first 1:1, the hour and the length as the form has them now.
    let schedule = || -> Result<(NaiveDateTime, u32), Invalid> {
        let start = form
            .date_value("first", ctx.today())?
            .unwrap_or(ctx.today())
            .and_time(form.time_value("at")?);
        let length = form.number_value("length")?;
        Ok((
            start,
            u32::try_from(length).unwrap_or(DEFAULT_ONE_ON_ONE_MIN),
        ))
    };
    let one_on_one = match (CADENCES.get(choice), current) {
        // Nothing about the schedule edited: the series the form opened with.
        (_, Some(r)) if untouched => Some(OneOnOnePlan {
            rrule: r.fields.rrule.clone().unwrap_or_default(),
            start: r.fields.dtstart,
            duration_min: r.fields.duration_min,
        }),
        (Some(Cadence::Once), _) => None,
        (Some(cadence), _) => {
            let (start, duration_min) = schedule()?;
            let rrule = cadence
                .rule_for(start)
                .ok_or_else(|| Invalid::field("cadence", "that cadence needs a rule"))?;
            Some(OneOnOnePlan {
                rrule,
                start,
                duration_min,
            })
        }
        // "as now" with a new first day, hour or length: the rule as it was, at those.
        (None, Some(r)) => {
            let (start, duration_min) = schedule()?;
            Some(OneOnOnePlan {
                rrule: r.fields.rrule.clone().unwrap_or_default(),
                start,
                duration_min,
            })
        }
        (None, None) => None,
    };
    let input = PersonInput { draft, one_on_one };
    Ok(Effect::People(match opened {
        Some(opened) => PeopleEffect::Update {
            id: opened.person.id,
            input,
            opened: Box::new(opened.clone()),
        },
        None => PeopleEffect::Add(input),
    }))
}

#[cfg(test)]
#[path = "person_form_tests.rs"]
mod tests;
