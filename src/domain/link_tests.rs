use super::*;

fn r(kind: LinkKind, id: i64) -> ObjectRef {
    ObjectRef::new(kind, id)
}

#[test]
fn refs_parse_and_print_as_kind_colon_id() {
    let cases = [
        ("goal:3", Some(r(LinkKind::Goal, 3))),
        (" Risk:7 ", Some(r(LinkKind::Risk, 7))),
        ("action:12", Some(r(LinkKind::Action, 12))),
        ("meeting:1", Some(r(LinkKind::Meeting, 1))),
        ("decision:0", None),
        ("goal:-1", None),
        ("goal:x", None),
        ("goal", None),
        ("table:3", None),
        ("person;drop:3", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(text.parse::<ObjectRef>().ok(), want, "{text:?}");
    }
    assert_eq!(r(LinkKind::Goal, 3).to_string(), "goal:3");
}

#[test]
fn an_unknown_kind_names_the_kinds_there_are() {
    let err = "table:3".parse::<ObjectRef>().unwrap_err();
    assert!(
        err.message.contains("person, goal, risk"),
        "{}",
        err.message
    );
}

#[test]
fn ends_are_ordered_whichever_way_they_are_given() {
    let goal = r(LinkKind::Goal, 3);
    let risk = r(LinkKind::Risk, 1);
    assert_eq!(ends(goal, risk).unwrap(), (goal, risk));
    assert_eq!(ends(risk, goal).unwrap(), (goal, risk));
    assert_eq!(
        ends(r(LinkKind::Goal, 4), goal).unwrap(),
        (goal, r(LinkKind::Goal, 4))
    );
    assert!(ends(goal, goal).is_err());
}

#[test]
fn the_other_end_is_seen_from_either_side() {
    let link = Link {
        id: 1,
        a: r(LinkKind::Goal, 3),
        b: r(LinkKind::Risk, 1),
        created_at: chrono::NaiveDateTime::default(),
    };
    assert_eq!(link.other(link.a), Some(link.b));
    assert_eq!(link.other(link.b), Some(link.a));
    assert_eq!(link.other(r(LinkKind::Person, 1)), None);
}

#[test]
fn stored_kind_names_match_the_migration() {
    // 005_links.sql CHECKs these words; a new kind needs a migration.
    assert_eq!(
        LinkKind::words(),
        [
            "person", "goal", "risk", "action", "meeting", "ritual", "decision", "metric"
        ]
    );
}
