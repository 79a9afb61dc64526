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
