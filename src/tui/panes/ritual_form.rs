//! The form for adding and editing a ritual (and a one-off meeting from the agenda).

use chrono::NaiveDateTime;

use crate::domain::Invalid;
use crate::domain::ritual::RitualFields;
use crate::ops::rituals::Ending;
use crate::ops::rituals::RitualOverview;
use crate::schedule::recurrence::{Cadence, Recurrence};
use crate::tui::effects::rituals::RitualsEffect;
use crate::tui::msg::Effect;
use crate::tui::pane::{Ctx, PersonRef};
use crate::tui::widgets::form::Form;

use super::rituals::RitualsForm;

const NO_PERSON: &str = "— nobody (not a 1:1) —";

fn cadence_label(c: Cadence) -> String {
    match c {
        Cadence::Once => "once (one-off meeting)".into(),
        Cadence::Weekly => "weekly".into(),
        Cadence::Biweekly => "every 2 weeks".into(),
        Cadence::MonthlyNthWeekday => "monthly on the same weekday".into(),
        Cadence::QuarterlyLastWeekday => "quarterly on the last weekday".into(),
        Cadence::Monthly => "monthly on the same date".into(),
        Cadence::Custom => "custom RRULE…".into(),
    }
}

/// The form for a new ritual starting at `start` (`existing` None), or for editing one.
pub fn ritual_form(
    existing: Option<&RitualOverview>,
    start: NaiveDateTime,
    people: &[PersonRef],
    now: NaiveDateTime,
) -> Form {
    let fields = existing.map(|r| &r.ritual.fields);
    let start = fields.map_or(start, |f| f.dtstart);
    let rule = fields.and_then(|f| f.rrule.clone());
    let cadence = match fields {
        Some(f) => Cadence::detect(f.rrule.as_deref(), f.dtstart),
        None => Cadence::Once,
    };
    let cadences: Vec<String> = Cadence::ALL.iter().map(|c| cadence_label(*c)).collect();
    let selected = Cadence::ALL.iter().position(|c| *c == cadence).unwrap_or(0);
    let mut persons = vec![NO_PERSON.to_string()];
    persons.extend(people.iter().map(|p| p.name.clone()));
    let person = fields
        .and_then(|f| f.person_id)
        .and_then(|id| people.iter().position(|p| p.id == id))
        .map_or(0, |i| i + 1);
    let title = match existing {
        Some(r) => format!("Edit {}", r.ritual.fields.name),
        None => "New meeting".to_string(),
    };
    let mut form = Form::new(title)
        .text(
            "name",
            "Name",
            fields.map_or("", |f| f.name.as_str()),
            "e.g. Staff meeting",
        )
        .choice("cadence", "Repeats", cadences, selected)
        .text(
            "rrule",
            "RRULE",
            rule.as_deref().unwrap_or(""),
            "for custom: FREQ=MONTHLY;BYDAY=2TU",
        )
        .date(
            "date",
            "First meeting",
            &start.format("%Y-%m-%d").to_string(),
            false,
            "2026-12-01, mon, +1w",
        )
        .time("time", "Time", &start.format("%H:%M").to_string(), "10:00")
        .number(
            "minutes",
            "Minutes",
            i64::from(fields.map_or(30, |f| f.duration_min)),
            1,
            i64::from(crate::domain::ritual::DURATION_MAX_MIN),
        )
        .number(
            "prep",
            "Prep minutes",
            i64::from(fields.map_or(0, |f| f.prep_min)),
            0,
            240,
        )
        .pick("person", "1:1 with", persons, person)
        .text(
            "attendees",
            "Attendees",
            fields.map_or("", |f| f.attendees.as_str()),
            "who comes",
        )
        .multiline(
            "agenda",
            "Agenda",
            fields.map_or("", |f| f.agenda.as_str()),
            "checklist, one item per line",
        );
    if let Some(r) = existing.filter(|r| r.ritual.fields.rrule.is_some()) {
        // A schedule change applies from the next meeting on, keeping past ones as they were.
        let next = r.next.unwrap_or(now).date();
        form = form.date(
            "from",
            "Changes from",
            &next.format("%Y-%m-%d").to_string(),
            false,
            "date of the first changed meeting",
        );
    }
    form
}

/// Turns the ritual form into the effect that saves it, or the first field error.
pub fn ritual_submit(form: &Form, purpose: &RitualsForm, ctx: &Ctx<'_>) -> Result<Effect, Invalid> {
    let today = ctx.today();
    let date = form.date_value("date", today)?.unwrap_or(today);
    let start = date.and_time(form.time_value("time")?);
    let cadence = Cadence::ALL
        .get(form.choice_index("cadence"))
        .copied()
        .unwrap_or(Cadence::Once);
    let typed_rule = form.value("rrule").trim().to_string();
    let existing = match purpose {
        RitualsForm::Edit(opened) => Some(&opened.fields),
        _ => None,
    };
    let rrule = match cadence {
        Cadence::Once => None,
        Cadence::Custom => {
            if typed_rule.is_empty() {
                return Err(Invalid::field(
                    "rrule",
                    "type the custom rule, e.g. FREQ=MONTHLY;BYDAY=2TU",
                ));
            }
            Some(typed_rule)
        }
        // An untouched preset keeps the stored rule as it was written.
        _ if existing.is_some() && !form.changed("cadence") && !form.changed("date") => {
            existing.and_then(|f| f.rrule.clone())
        }
        preset => preset.rule_for(start),
    };
    let person_id = match existing {
        // Untouched, the link stays as it was, even to someone the list has not loaded.
        Some(f) if !form.changed("person") => f.person_id,
        _ => form
            .choice_index("person")
            .checked_sub(1)
            .and_then(|i| ctx.people.get(i))
            .map(|p| p.id),
    };
    let fields = RitualFields {
        name: form.value("name"),
        rrule,
        dtstart: start,
        duration_min: u32::try_from(form.number_value("minutes")?).unwrap_or(30),
        // A series keeps the week start its rule was written with.
        week_start: existing.map_or(ctx.week_start, |f| f.week_start),
        person_id,
        attendees: form.value("attendees"),
        agenda: form.value("agenda"),
        prep_min: u32::try_from(form.number_value("prep")?).unwrap_or(0),
        location: existing.map(|f| f.location.clone()).unwrap_or_default(),
    }
    .check()?;
    // Checked here too so a bad rule is reported on its field before a round trip.
    Recurrence::of(&fields).map_err(|e| {
        Invalid::field(
            if cadence == Cadence::Custom {
                "rrule"
            } else {
                "cadence"
            },
            e.to_string(),
        )
    })?;
    match purpose {
        RitualsForm::Edit(opened) => {
            let from = if opened.fields.rrule.is_some() {
                form.date_value("from", today)?
                    .map(|d| d.and_time(chrono::NaiveTime::MIN))
            } else {
                None
            };
            // A custom rule typed over the one shown (its UNTIL or COUNT in view) ends as
            // typed: an end taken out stays out. A preset keeps the series' end.
            let ending = if cadence == Cadence::Custom && form.changed("rrule") {
                Ending::AsGiven
            } else {
                Ending::Kept
            };
            Ok(Effect::Rituals(RitualsEffect::Update {
                id: opened.id,
                fields,
                from,
                opened: Box::new(opened.fields.clone()),
                ending,
            }))
        }
        RitualsForm::Add => Ok(Effect::Rituals(RitualsEffect::Add(fields))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;
    use crate::tui::model::Model;
    use chrono::Weekday;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(form: &mut Form, code: KeyCode) {
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn typed(form: &mut Form, text: &str) {
        text.chars().for_each(|c| press(form, KeyCode::Char(c)));
    }

    /// A series added this morning for Thursdays (not met yet), ended on 17 December with
    /// `ritual end`, in a cockpit: the model, its runner and the series' id.
    fn ended_thursdays() -> (Model, crate::tui::effects::Runner, i64) {
        use crate::config::Config;
        use crate::ops::rituals::{add_ritual, end_series};
        use crate::store::Store;
        use crate::tui::effects::Runner;
        use crate::tui::run::initial_model;
        use crate::tui::testing::at;
        let now = at(9, 41);
        let mut store = Store::open_in_memory().unwrap();
        let thursdays =
            RitualFields::new("Plan", Some("FREQ=WEEKLY;BYDAY=TH".into()), at(9, 0), 30);
        let id = add_ritual(&mut store, thursdays, now).unwrap().id;
        let last = chrono::NaiveDate::from_ymd_opt(2026, 12, 17).unwrap();
        end_series(&mut store, id, last, now).unwrap();
        let mut runner = Runner::new(store, &Config::default());
        let m = initial_model(&mut runner, &Config::default(), now).unwrap();
        (m, runner, id)
    }

    /// A series added this morning for Thursdays (not met yet) and ended on 17 December with
    /// `ritual end`, given "weekly" on its day and a new hour in the form: it keeps its end.
    /// The preset's rule had none, and the series ran on forever.
    #[test]
    fn a_preset_for_an_ended_series_that_has_not_met_keeps_its_end() {
        use crate::ops::rituals::get_ritual;
        use crate::tui::testing::keys_settled;
        let (mut m, mut runner, id) = ended_thursdays();
        // Shown as "custom RRULE…" (no preset ends): → twice is "weekly"; its day, Thursday
        // 26 Nov, and 15:00.
        keys_settled(
            &mut m,
            &mut runner,
            "3e\t<Right><Right>\t\t<C-u>2026-11-26\t<C-u>15:00<C-s>",
        );
        assert!(m.overlay.is_none(), "saved: {:?}", m.status);
        let saved = get_ritual(&runner.store, id).unwrap().fields;
        assert_eq!(
            saved.rrule.as_deref(),
            Some("FREQ=WEEKLY;BYDAY=TH;UNTIL=20261217T235959")
        );
        assert_eq!(saved.dtstart.to_string(), "2026-11-26 15:00:00");
    }

    /// The same series, its rule shown in the form with the UNTIL `ritual end` gave it: typed
    /// without the UNTIL, it goes on for good. The end was put back, and could not be taken
    /// away.
    #[test]
    fn a_custom_rule_typed_without_its_end_takes_the_end_away() {
        use crate::ops::rituals::get_ritual;
        use crate::tui::testing::keys_settled;
        let (mut m, mut runner, id) = ended_thursdays();
        keys_settled(&mut m, &mut runner, "3e\t\t<C-u>FREQ=WEEKLY;BYDAY=TH<C-s>");
        assert!(m.overlay.is_none(), "saved: {:?}", m.status);
        let saved = get_ritual(&runner.store, id).unwrap().fields;
        assert_eq!(saved.rrule.as_deref(), Some("FREQ=WEEKLY;BYDAY=TH"));
    }

    #[test]
    fn a_custom_rule_that_meets_too_often_is_refused_on_its_field() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let model = Model::new(
            Keymap::load(&Default::default()).unwrap(),
            now,
            Weekday::Mon,
        );
        let mut form = ritual_form(None, now, &[], now);
        typed(&mut form, "Pings");
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Left); // from "once" round to "custom RRULE…"
        press(&mut form, KeyCode::Tab);
        typed(&mut form, "FREQ=DAILY;BYHOUR=9,10,11,12,13");
        let err = ritual_submit(&form, &RitualsForm::Add, &model.ctx()).unwrap_err();
        assert_eq!(err.field, Some("rrule"));
        assert!(
            err.message.contains("it meets 5 times a day"),
            "{}",
            err.message
        );
    }
}
