//! The Scorecard tab's forms: a metric's settings, and logging a period's number.

use crate::domain::Invalid;
use crate::domain::Word;
use crate::domain::metric::{
    Cadence, Direction, MetricFields, MetricGroup, MetricValue, Unit, parse_warn,
};
use crate::domain::metric_period::Period;
use crate::ops::metrics::{Entry, Shown};
use crate::ops::scorecard::MetricView;
use crate::tui::effects::scorecard::ScorecardEffect;
use crate::tui::msg::Effect;
use crate::tui::pane::Ctx;
use crate::tui::widgets::form::Form;

fn words<T: Word>() -> Vec<String> {
    T::ALL.iter().map(|w| w.as_str().to_string()).collect()
}

fn position<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}

/// A number as it was stored, for a field to show and edit: "12", "99.5", "0.1".
fn number_text(value: f64) -> String {
    value.to_string()
}

/// The form for a new metric (`existing` None) or for a metric's settings.
pub fn metric_form(existing: Option<&MetricView>, ctx: &Ctx<'_>) -> Form {
    let defaults = MetricFields::new("", ctx.week_start);
    let f = existing.map_or(&defaults, |m| &m.metric.fields);
    let title = match existing {
        Some(m) => format!("Edit metric {}", m.id()),
        None => "New metric".to_string(),
    };
    let directions = Direction::ALL
        .iter()
        .map(|d| d.label().to_string())
        .collect();
    let mut owners = vec!["me".to_string()];
    owners.extend(ctx.people.iter().map(|p| p.name.clone()));
    let owner = f
        .owner_id
        .and_then(|id| ctx.people.iter().position(|p| p.id == id))
        .map_or(0, |i| i + 1);
    Form::new(title)
        .text(
            "name",
            "Name",
            &f.name,
            "e.g. Deployment frequency, Change failure rate",
        )
        .choice(
            "group",
            "Group",
            words::<MetricGroup>(),
            position(MetricGroup::ALL, &f.group),
        )
        .choice(
            "unit",
            "Unit",
            words::<Unit>(),
            position(Unit::ALL, &f.unit),
        )
        .choice(
            "direction",
            "Better",
            directions,
            position(Direction::ALL, &f.direction),
        )
        .decimal(
            "target",
            "Target",
            &f.target.map(number_text).unwrap_or_default(),
            true,
            "blank: no target yet",
        )
        .text(
            "warn",
            "Warning at",
            &f.warn.map(|w| w.text()).unwrap_or_default(),
            "a value (90), or a band around the target (±5); blank: none",
        )
        .choice(
            "cadence",
            "Cadence",
            words::<Cadence>(),
            position(Cadence::ALL, &f.cadence),
        )
        .pick("owner", "Owner", owners, owner)
        .text("team", "Team", &f.team, "optional")
        .text(
            "source",
            "Source",
            &f.source,
            "where the number comes from (CI, PagerDuty, HR export)",
        )
}

/// The save of the metric form: a new metric, or an edit of metric `opened` (its id and the
/// settings as the form opened them).
pub fn metric_submit(
    form: &Form,
    opened: Option<(i64, &MetricFields)>,
    ctx: &Ctx<'_>,
) -> Result<Effect, Invalid> {
    let pick = |key: &str| form.choice_index(key);
    let owner_id = match opened {
        // Untouched, the owner stays, even someone the list has not loaded.
        Some((_, o)) if !form.changed("owner") => o.owner_id,
        _ => pick("owner")
            .checked_sub(1)
            .and_then(|i| ctx.people.get(i))
            .map(|p| p.id),
    };
    let fields = MetricFields {
        name: form.value("name"),
        unit: Unit::ALL.get(pick("unit")).copied().unwrap_or(Unit::Count),
        direction: Direction::ALL
            .get(pick("direction"))
            .copied()
            .unwrap_or(Direction::Up),
        target: form.decimal_value("target")?,
        warn: parse_warn(&form.value("warn"))?,
        cadence: Cadence::ALL
            .get(pick("cadence"))
            .copied()
            .unwrap_or(Cadence::Weekly),
        owner_id,
        source: form.value("source"),
        team: form.value("team"),
        group: MetricGroup::ALL
            .get(pick("group"))
            .copied()
            .unwrap_or(MetricGroup::Other),
        week_start: opened.map_or(ctx.week_start, |(_, o)| o.week_start),
    };
    // Checked here as well as in ops so the message lands on its field before a round trip.
    fields.clone().check()?;
    Ok(Effect::Scorecard(match opened {
        Some((id, opened)) => ScorecardEffect::Update {
            id,
            fields,
            opened: Box::new(opened.clone()),
        },
        None => ScorecardEffect::Add(fields),
    }))
}

/// "target ≥ 10", "target ≤ 15%", or nothing without a target.
pub fn target_text(f: &MetricFields) -> Option<String> {
    let sign = match f.direction {
        Direction::Up => "≥",
        Direction::Down => "≤",
    };
    f.target.map(|t| format!("target {sign} {}", f.shown(t)))
}

/// Logging the number of `period` (the value it holds, `held`, to replace).
pub fn log_form(m: &MetricView, period: Period, held: Option<&MetricValue>) -> Form {
    let f = &m.metric.fields;
    Form::new(log_title(f, period))
        .decimal(
            "value",
            "Value",
            &held.map(|v| number_text(v.value)).unwrap_or_default(),
            false,
            match f.unit {
                Unit::Percent => "a number, e.g. 99.5",
                _ => "a number",
            },
        )
        .date(
            "date",
            "Period of",
            &period.start.format("%Y-%m-%d").to_string(),
            false,
            "any day of the period; logging again replaces its value",
        )
        .text(
            "note",
            "Note",
            held.map_or("", |v| v.note.as_str()),
            "optional: what explains the number",
        )
}

/// "Log Deploys · week of 23 Nov 2026 (target ≥ 10)".
fn log_title(f: &MetricFields, period: Period) -> String {
    let target = target_text(f)
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    format!("Log {} · {}{target}", f.name, period.label())
}

/// The period `history` holds a value for in `period`, newest first.
fn held_in(history: &[MetricValue], period: Period) -> Option<&MetricValue> {
    history
        .iter()
        .filter(|v| period.contains(v.period))
        .max_by_key(|v| v.period)
}

/// After a key in the log form: when its date has moved to another period, the title names that
/// period and the value and note show that period's (unless typed over), so the form shows what
/// a save will store. It showed the period it opened on and its note, and saved the
/// other period with that period's note.
pub fn log_follow(
    form: &mut Form,
    (metric, history): (&MetricFields, &[MetricValue]),
    showing: &mut Period,
    today: chrono::NaiveDate,
) {
    let Ok(Some(date)) = form.date_value("date", today) else {
        return;
    };
    let period = Period::containing(date, metric.cadence, metric.week_start);
    if period == *showing {
        return;
    }
    let note_of = |p: Period| held_in(history, p).map_or("", |v| v.note.as_str());
    if form.value("note") == note_of(*showing) {
        form.set_text("note", note_of(period));
    }
    // The number too, unless typed over: the opened period's 12 replaced the other's 7.
    let value_of =
        |p: Period| held_in(history, p).map_or_else(String::new, |v| number_text(v.value));
    if form.value("value") == value_of(*showing) {
        form.set_text("value", &value_of(period));
    }
    form.title = log_title(metric, period);
    *showing = period;
}

/// The save of the log form for metric `id`, showing `period` of `metric` holding `history`:
/// the save compares with that period's value as the form's history had it, and stores the note
/// the form shows (that period's own, unless typed over).
pub fn log_submit(
    form: &Form,
    id: i64,
    period: Period,
    (metric, history): (&MetricFields, &[MetricValue]),
    ctx: &Ctx<'_>,
) -> Result<Effect, Invalid> {
    let today = ctx.today();
    let value = form
        .decimal_value("value")?
        .ok_or_else(|| Invalid::field("value", "a value is required: type a number"))?;
    let date = form.date_value("date", today)?.unwrap_or(today);
    let logged = Period::containing(date, metric.cadence, metric.week_start);
    let held = held_in(history, logged).cloned();
    // The note field shows the note of the period the form follows: when the date names
    // another (a form not told of the last key), that period's note is kept unless typed over.
    let shown_note = held_in(history, period).map_or("", |v| v.note.as_str());
    let note = (logged == period || form.value("note") != shown_note).then(|| form.value("note"));
    Ok(Effect::Scorecard(ScorecardEffect::Log {
        id,
        entry: Entry { date, value, note },
        opened: Box::new(Shown {
            metric: metric.clone(),
            value: held,
        }),
    }))
}
