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
