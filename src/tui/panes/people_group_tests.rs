use super::*;
use crate::domain::person::Relation;
use crate::tui::testing::person;

fn row(id: i64, name: &str, team: &str, reports_to: Option<i64>) -> PersonOverview {
    let mut p = person(id, name);
    p.person.team = team.into();
    p.person.reports_to = reports_to;
    p.person.relation = Relation::Report;
    p
}

#[test]
fn by_manager_puts_reports_under_their_manager_and_marks_skip_levels() {
    let mut rows = vec![
        row(1, "Ada", "Payments", None),
        row(2, "Bo", "Core", Some(3)),
        row(3, "Cy", "Core", None),
        row(4, "Di", "Payments", Some(2)),
    ];
    let org = arrange(&mut rows, PeopleGroup::Manager);
    let names: Vec<&str> = rows.iter().map(|p| p.person.name.as_str()).collect();
    assert_eq!(names, ["Ada", "Cy", "Bo", "Di"]);
    assert_eq!(org.depth[&4], 2);
    assert!(org.skip_levels.contains(&2) && !org.skip_levels.contains(&4));
    arrange(&mut rows, PeopleGroup::Team);
    let names: Vec<&str> = rows.iter().map(|p| p.person.name.as_str()).collect();
    assert_eq!(names, ["Bo", "Cy", "Ada", "Di"]);
}

#[test]
fn by_name_after_by_team_is_alphabetical_again() {
    let mut rows = vec![
        row(1, "ada", "Payments", None),
        row(2, "Bo", "Core", Some(3)),
        row(3, "Cy", "Core", None),
        row(4, "Di", "Payments", Some(2)),
    ];
    arrange(&mut rows, PeopleGroup::Team);
    arrange(&mut rows, PeopleGroup::Name);
    let names: Vec<&str> = rows.iter().map(|p| p.person.name.as_str()).collect();
    assert_eq!(names, ["ada", "Bo", "Cy", "Di"]);
}

#[test]
fn o_three_times_on_the_demo_comes_back_to_names_in_alphabetical_order() {
    let (mut m, mut runner) = crate::tui::testing::demo();
    crate::tui::testing::keys_settled(&mut m, &mut runner, "4ooo");
    assert_eq!(m.people.group, PeopleGroup::Name);
    let names: Vec<String> = m
        .people
        .list
        .rows
        .iter()
        .map(|p| p.person.name.clone())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    assert_eq!(names.first().map(String::as_str), Some("Aisha Bello"));
}

#[test]
fn by_team_a_header_leads_each_team_and_a_click_on_it_selects_its_first_person() {
    let mut rows = vec![
        row(1, "Ada", "Payments", None),
        row(2, "Bo", "Core", None),
        row(3, "Cy", "", None),
        row(4, "Di", "payments", None),
    ];
    arrange(&mut rows, PeopleGroup::Team);
    let lines = slots(&rows, PeopleGroup::Team);
    assert_eq!(
        lines,
        [
            Slot::Header("Core · 1".into()),
            Slot::Person(0),
            Slot::Header("Payments · 2".into()),
            Slot::Person(1),
            Slot::Person(2),
            Slot::Header("No team · 1".into()),
            Slot::Person(3),
        ]
    );
    assert_eq!(slot_of(&lines, 2), 4);
    assert_eq!(row_at_slot(&lines, 2), Some(1));
    assert_eq!(row_at_slot(&lines, 4), Some(2));
    assert_eq!(row_at_slot(&lines, 7), None);
    assert_eq!(slots(&rows, PeopleGroup::Name).len(), 4);
}

#[test]
fn by_team_on_the_demo_at_80_columns_shows_the_team_headers() {
    let (mut m, mut runner) = crate::tui::testing::demo();
    crate::tui::testing::keys_settled(&mut m, &mut runner, "4oo");
    let screen = crate::tui::testing::screen(&mut m, 80, 24);
    assert!(screen.contains("People by team 8"), "{screen}");
    assert!(screen.contains(" Payments · "), "{screen}");
}
