use super::*;

fn p(id: i64, name: &str, relation: Relation, reports_to: Option<i64>) -> Person {
    Person {
        id,
        name: name.into(),
        role: String::new(),
        team: String::new(),
        relation,
        career_goals: String::new(),
        context: String::new(),
        prompts: String::new(),
        reports_to,
    }
}

fn org() -> Vec<Person> {
    vec![
        p(1, "Ada", Relation::Report, None),
        p(2, "Bo", Relation::Report, Some(1)),
        p(3, "Cy", Relation::Report, Some(2)),
        p(4, "Di", Relation::Peer, None),
        p(5, "Ed", Relation::Report, Some(4)),
    ]
}

#[test]
fn a_manager_below_someone_cannot_become_their_manager() {
    let people = org();
    assert_eq!(loop_through(&people, 1, Some(3)), Some(vec![1, 3, 2, 1]));
    assert_eq!(loop_through(&people, 1, Some(1)), Some(vec![1, 1]));
    assert_eq!(loop_through(&people, 3, Some(1)), None);
    assert_eq!(loop_through(&people, 1, None), None);
}

#[test]
fn skip_levels_are_two_levels_down_under_my_direct_reports() {
    assert_eq!(skip_levels(&org()), vec![(2, 1)]);
}

#[test]
fn the_tree_puts_my_reports_under_me_and_keeps_everyone_once() {
    let (mine, outside) = tree(&org());
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].reports[0].reports[0].name, "Cy");
    assert_eq!(outside[0].name, "Di");
    assert_eq!(outside[0].reports[0].name, "Ed");
    let mut looped = org();
    looped[0].reports_to = Some(3);
    let (mine, _) = tree(&looped);
    fn count(n: &[OrgNode]) -> usize {
        n.iter().map(|x| 1 + count(&x.reports)).sum()
    }
    assert_eq!(count(&mine), 3);
}
