use crate::tui::model::{Model, Overlay};
use crate::tui::testing::{demo, keys_settled};

fn form_value(m: &Model, key: &str) -> String {
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("a form is open");
    };
    form.value(key)
}

/// Tab 4, `e` on Priya Raman (the sixth by name), then Tab to "Reports to".
const TO_REPORTS_TO: &str = "4jjjjje\t\t\t\t\t\t\t\t\t\t\t";

#[test]
fn reports_to_filters_by_what_is_typed_and_saves_that_person() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, TO_REPORTS_TO);
    assert_eq!(form_value(&m, "name"), "Priya Raman");
    keys_settled(&mut m, &mut runner, "Jord");
    assert_eq!(form_value(&m, "reports_to"), "Jordan Kim");
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert!(m.overlay.is_none(), "saved");
    let rows = &m.people.list.rows;
    let id = |name: &str| {
        rows.iter()
            .find(|p| p.person.name == name)
            .map(|p| p.person.id)
    };
    let priya = rows.iter().find(|p| p.person.name == "Priya Raman");
    assert_eq!(priya.and_then(|p| p.person.reports_to), id("Jordan Kim"));
}

#[test]
fn reports_to_refuses_a_name_nobody_has_instead_of_keeping_another() {
    let (mut m, mut runner) = demo();
    keys_settled(&mut m, &mut runner, TO_REPORTS_TO);
    keys_settled(&mut m, &mut runner, "Zzq<C-s>");
    assert!(m.overlay.is_some(), "not saved: nobody is called that");
    let priya = m
        .people
        .list
        .rows
        .iter()
        .find(|p| p.person.name == "Priya Raman");
    assert_eq!(priya.and_then(|p| p.person.reports_to), None);
}

mod as_now {
    use crate::domain::ritual::{Ritual, RitualFields};
    use crate::ops::people::OneOnOnePlan;
    use crate::tui::effects::people::PeopleEffect;
    use crate::tui::msg::{Effect, Msg};
    use crate::tui::panes::people::PeopleMsg;
    use crate::tui::testing::{keys, model, person};
    use crate::tui::update::update;
    use chrono::NaiveDate;

    const ENDED: &str = "FREQ=WEEKLY;BYDAY=TH;WKST=MO;UNTIL=20261217T100000";

    fn on(day: u32, hour: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap()
    }

    /// What the form saves for Rosa, whose Thursday 10:00 1:1s end on 17 December (shown as
    /// "as now: …", no preset says it), after `script` (from the People tab, her form open).
    fn saved_plan(script: &str) -> Option<OneOnOnePlan> {
        let mut m = model();
        let mut rosa = person(1, "Rosa");
        rosa.one_on_one = Some(Ritual {
            id: 7,
            fields: RitualFields::new("1:1 Rosa", Some(ENDED.into()), on(5, 10), 30),
            previous_id: None,
        });
        update(&mut m, Msg::People(PeopleMsg::Loaded(vec![rosa])));
        keys(&mut m, "4e");
        let effects = keys(&mut m, script);
        let [Effect::People(PeopleEffect::Update { input, .. })] = effects.as_slice() else {
            panic!("expected an update, got {effects:?}");
        };
        input.one_on_one.clone()
    }

    /// A new hour or length with the cadence left "as now" is saved, from the next 1:1 on, with
    /// the rule (and its end) as it was. The form saved the series unchanged.
    #[test]
    fn a_new_hour_or_length_is_saved_with_the_cadence_as_now() {
        let plan = |start, duration_min| OneOnOnePlan {
            rrule: ENDED.into(),
            start,
            duration_min,
        };
        // Tab: role, team, relation, cadence, next 1:1 on, time, minutes.
        assert_eq!(
            saved_plan("\t\t\t\t\t\t<C-u>15:00<C-s>"),
            Some(plan(on(26, 15), 30))
        );
        assert_eq!(
            saved_plan("\t\t\t\t\t\t\t45<C-s>"),
            Some(plan(on(26, 10), 45))
        );
        // Nothing about the 1:1 touched: the series as it is.
        assert_eq!(saved_plan("<C-s>"), Some(plan(on(5, 10), 30)));
    }
}
