use super::*;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn decision(id: i64, status: DecisionStatus, superseded_by: Option<i64>) -> Decision {
    let mut fields = DecisionDraft::new(format!("Decision {id}"), d(2026, 3, 2))
        .validate(None)
        .unwrap();
    fields.status = status;
    fields.superseded_by = superseded_by;
    Decision {
        id,
        fields,
        decided_by: vec![],
        consulted: vec![],
        supersedes: vec![],
    }
}

#[test]
fn a_proposal_is_accepted_or_rejected() {
    use DecisionStatus::*;
    assert_eq!(Proposed.change_to(Accepted), Ok(Accepted));
    assert_eq!(Proposed.change_to(Rejected), Ok(Rejected));
    assert_eq!(Proposed.change_to(Proposed), Ok(Proposed), "no change");
    assert_eq!(Accepted.change_to(Deprecated), Ok(Deprecated));
    assert_eq!(Rejected.change_to(Proposed), Ok(Proposed), "reconsidered");
    assert_eq!(Deprecated.change_to(Accepted), Ok(Accepted), "reinstated");
}

#[test]
fn refused_transitions_say_what_is_possible() {
    use DecisionStatus::*;
    let e = Proposed.change_to(Deprecated).unwrap_err();
    assert_eq!(e.field, Some("status"));
    assert_eq!(
        e.message,
        "a proposed decision cannot become deprecated: it can become accepted or rejected"
    );
    let e = Accepted.change_to(Proposed).unwrap_err();
    assert!(
        e.message
            .starts_with("an accepted decision cannot become proposed"),
        "{}",
        e.message
    );
    let e = Accepted.change_to(Superseded).unwrap_err();
    assert!(e.message.contains("--supersedes"), "{}", e.message);
    let e = Superseded.change_to(Accepted).unwrap_err();
    assert!(
        e.message.contains("replaced by a newer decision"),
        "{}",
        e.message
    );
    assert!(Rejected.change_to(Accepted).is_err());
}

#[test]
fn status_words_parse_loosely() {
    assert_eq!(
        DecisionStatus::parse(" Accepted"),
        Ok(DecisionStatus::Accepted)
    );
    let e = DecisionStatus::parse("done").unwrap_err();
    assert_eq!(
        e.message,
        "unknown status \"done\": use proposed, accepted, rejected, superseded or deprecated"
    );
}

#[test]
fn a_draft_needs_a_title_and_cannot_start_superseded() {
    let e = DecisionDraft::new("  ", d(2026, 3, 2))
        .validate(None)
        .unwrap_err();
    assert_eq!(e.field, Some("title"));
    let mut draft = DecisionDraft::new("Use Postgres", d(2026, 3, 2));
    draft.status = DecisionStatus::Superseded;
    assert_eq!(
        draft.clone().validate(None).unwrap_err().field,
        Some("status")
    );
    assert!(
        draft.validate(Some(4)).is_ok(),
        "a stored superseded one stays so"
    );
    let mut long = DecisionDraft::new("t", d(2026, 3, 2));
    long.context = "x".repeat(text::BODY_MAX + 1);
    assert_eq!(long.validate(None).unwrap_err().field, Some("context"));
}

#[test]
fn the_supersede_chain_runs_both_ways() {
    use DecisionStatus::*;
    let all = vec![
        decision(1, Superseded, Some(3)),
        decision(2, Accepted, None),
        decision(3, Superseded, Some(5)),
        decision(5, Accepted, None),
    ];
    assert_eq!(supersede_chain(&all, 3), vec![1, 3, 5]);
    assert_eq!(supersede_chain(&all, 1), vec![1, 3, 5]);
    assert_eq!(supersede_chain(&all, 5), vec![1, 3, 5]);
    assert_eq!(supersede_chain(&all, 2), vec![2]);
}

#[test]
fn a_looping_chain_is_cut() {
    use DecisionStatus::*;
    let all = vec![
        decision(1, Superseded, Some(2)),
        decision(2, Superseded, Some(1)),
    ];
    let chain = supersede_chain(&all, 1);
    assert_eq!(chain.len(), 2, "{chain:?}");
    // A successor that is gone ends the chain.
    let all = vec![decision(1, Superseded, Some(9))];
    assert_eq!(supersede_chain(&all, 1), vec![1]);
}

#[test]
fn only_a_standing_decision_is_superseded() {
    use DecisionStatus::*;
    assert!(check_supersede(&decision(1, Accepted, None)).is_ok());
    assert!(check_supersede(&decision(1, Proposed, None)).is_ok());
    let e = check_supersede(&decision(1, Superseded, Some(4))).unwrap_err();
    assert!(e.message.contains("already superseded by decision 4"));
    assert!(check_supersede(&decision(1, Rejected, None)).is_err());
}

#[test]
fn old_proposals_are_pending_too_long() {
    let mut p = decision(1, DecisionStatus::Proposed, None);
    p.fields.date = d(2026, 3, 1);
    assert!(!p.pending_too_long(d(2026, 3, 15), 14));
    assert!(p.pending_too_long(d(2026, 3, 16), 14));
    p.fields.status = DecisionStatus::Accepted;
    assert!(!p.pending_too_long(d(2026, 4, 16), 14));
    assert_eq!(p.number(), "0001");
}
