use super::*;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn people() -> Vec<(i64, String)> {
    vec![
        (1, "Aisha Khan".into()),
        (2, "Ben Ode".into()),
        (3, "Benita Ruiz".into()),
    ]
}

fn read(text: &str, one_on_one: Option<i64>) -> Result<Vec<FollowLine>, Invalid> {
    let p = people();
    follow_lines(
        "notes",
        text,
        &Reading {
            people: &p,
            one_on_one,
            today: day(),
        },
    )
}

#[test]
fn decided_and_person_lines_become_records() {
    let lines = read(
        "Talked about the budget.\n- decided: Freeze hiring until Q2\n@aisha: send the runbook due fri\nDecided:   Keep the Friday demo  \nme: book the offsite",
        None,
    )
    .unwrap();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        FollowLine {
            line: 1,
            follow: Follow::Decision {
                title: "Freeze hiring until Q2".into()
            }
        }
    );
    assert_eq!(
        lines[1].follow,
        Follow::Action {
            owner: Owner::Them,
            person: Some(1),
            body: "send the runbook".into(),
            due: NaiveDate::from_ymd_opt(2026, 11, 27),
        }
    );
    assert_eq!(
        lines[2].follow,
        Follow::Decision {
            title: "Keep the Friday demo".into()
        }
    );
    assert!(matches!(
        lines[3].follow,
        Follow::Action {
            owner: Owner::Me,
            person: None,
            ..
        }
    ));
}

#[test]
fn them_is_the_one_on_one_persons() {
    let lines = read("them: share the promo packet", Some(2)).unwrap();
    assert!(matches!(
        lines[0].follow,
        Follow::Action {
            owner: Owner::Them,
            person: Some(2),
            ..
        }
    ));
    let e = read("them: share the promo packet", None).unwrap_err();
    assert_eq!(e.field, Some("notes"));
    assert!(e.message.contains("@Name:"), "{}", e.message);
}

#[test]
fn an_unknown_or_ambiguous_person_names_the_candidates() {
    let e = read("ok\n@Zed: call the vendor", None).unwrap_err();
    assert_eq!(
        e.message,
        "line 2: no person is called \"Zed\": did you mean Aisha Khan, Ben Ode or Benita Ruiz?"
    );
    let e = read("@Be: call the vendor", None).unwrap_err();
    assert!(
        e.message.contains("could be Ben Ode or Benita Ruiz"),
        "{}",
        e.message
    );
    // A first name that is a whole word wins over a part of another name.
    let lines = read("@Ben: call the vendor", None).unwrap();
    assert!(matches!(
        lines[0].follow,
        Follow::Action {
            person: Some(2),
            ..
        }
    ));
    let e = read("@Aisha: call due someday", None).unwrap_err();
    assert!(e.message.starts_with("line 1: "), "{}", e.message);
}

#[test]
fn marked_lines_are_recorded_once() {
    let text = "decided: Ship it\n@Aisha: write it up";
    let lines = read(text, None).unwrap();
    assert_eq!(lines.len(), 2);
    let again = marked(text, &[(0, "decision 4".into()), (1, "action 9".into())]);
    assert_eq!(
        again,
        "decided: Ship it [decision 4]\n@Aisha: write it up [action 9]"
    );
    assert!(read(&again, None).unwrap().is_empty());
    assert!(!is_marked("decided: use [brackets]"));
    assert!(is_marked("me: x [action 12]"));
}

#[test]
fn plain_lines_and_empty_decisions() {
    assert!(read("email@example.com: not a person line?", None).is_ok_and(|l| l.is_empty()));
    let e = read("decided:", None).unwrap_err();
    assert!(
        e.message.contains("needs what was decided"),
        "{}",
        e.message
    );
}
