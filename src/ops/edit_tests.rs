//! Every edit use-case, on a real file with a second connection writing beside the cockpit's:
//! a save over a row changed since the form opened is refused and writes nothing, a save that
//! changes nothing writes nothing (no commit, no undo step, no history entry), and a save on
//! the row as it is goes through. The plan and the risk register; meetings, people and notes
//! are in `edit_meeting_tests.rs`.

use super::*;
use crate::domain::plan::{Confidence, GoalFields, GoalStatus};
use crate::domain::risk::{Category, RiskDraft};
use crate::domain::risk_score::ReviewIntervals;
use crate::ops::plan::{add_goal, checkin, get_goal, start_plan, update_goal};
use crate::ops::risks::{RiskReview, add_risk, get_risk, review_risk, update_risk};
use crate::store::Store;
use crate::store::history::recent;
use chrono::{NaiveDate, NaiveDateTime};

pub(super) fn now() -> NaiveDateTime {
    day(23).and_hms_opt(9, 0, 0).unwrap()
}

pub(super) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// One database file and two connections: `form`, the cockpit's (journaled, as the TUI's is),
/// and `other`, a second writer (the CLI, another window).
pub(super) struct Two {
    _dir: tempfile::TempDir,
    pub form: Store,
    pub other: Store,
}

impl Two {
    /// Seeded by `seed` through the cockpit's connection before its journal starts.
    pub fn new(seed: impl FnOnce(&mut Store)) -> Two {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bearing.db");
        let mut form = Store::open(&path).unwrap();
        seed(&mut form);
        form.journal(Some(now())).unwrap();
        let other = Store::open(&path).unwrap();
        Two {
            _dir: dir,
            form,
            other,
        }
    }

    /// What a write would move: the commits the other connection sees, and the undo journal.
    pub fn mark(&self) -> (i64, usize) {
        (
            self.other.data_version().unwrap(),
            recent(&self.form, 100).unwrap().len(),
        )
    }
}

pub(super) fn stale(err: OpsError) {
    assert!(
        matches!(err, OpsError::Stale(_)),
        "expected Stale, got {err:?}"
    );
    assert!(err.to_string().contains("changed elsewhere"), "{err}");
    assert_eq!(err.exit_code(), 1);
}

fn intervals() -> ReviewIntervals {
    ReviewIntervals::default()
}

fn with_risk(store: &mut Store) {
    let draft = RiskDraft {
        title: "If CI stays flaky, then releases slip".into(),
        likelihood: 2,
        impact: 2,
        owner: "Priya".into(),
        category: Category::Delivery,
        ..RiskDraft::default()
    };
    add_risk(store, draft, &intervals(), now()).unwrap();
}

#[test]
fn a_risk_edit_is_refused_over_a_newer_row_and_an_unchanged_one_writes_nothing() {
    let mut t = Two::new(with_risk);
    let opened = get_risk(&t.form, 1).unwrap().fields;

    let mark = t.mark();
    let same = RiskDraft::from(&opened);
    let saved = update_risk(&mut t.form, 1, same, "", Some(&opened), &intervals(), now()).unwrap();
    assert!(!saved.changed);
    assert_eq!(t.mark(), mark, "no commit, no undo step");
    assert_eq!(get_risk(&t.form, 1).unwrap().history.len(), 1);

    let mut theirs = RiskDraft::from(&opened);
    (theirs.owner, theirs.likelihood, theirs.impact) = ("Marcus".into(), 5, 5);
    update_risk(&mut t.other, 1, theirs, "", None, &intervals(), now()).unwrap();
    let mark = t.mark();
    let mut mine = RiskDraft::from(&opened);
    mine.mitigation = "Quarantine flaky tests".into();
    let err = update_risk(
        &mut t.form,
        1,
        mine.clone(),
        "",
        Some(&opened),
        &intervals(),
        now(),
    );
    stale(err.unwrap_err());
    let (_, journal) = t.mark();
    assert_eq!(journal, mark.1);
    let risk = get_risk(&t.form, 1).unwrap();
    assert_eq!(
        (risk.fields.owner.as_str(), risk.score().value()),
        ("Marcus", 25)
    );
    assert_eq!(risk.fields.mitigation, "");

    // Reopened on the risk as it is, the edit goes through and keeps the other writer's change.
    let fresh = risk.fields;
    let mut mine = RiskDraft::from(&fresh);
    mine.mitigation = "Quarantine flaky tests".into();
    let saved = update_risk(&mut t.form, 1, mine, "", Some(&fresh), &intervals(), now()).unwrap();
    assert!(saved.changed);
    let f = &saved.value.risk.fields;
    assert_eq!(
        (f.owner.as_str(), f.score.value(), f.mitigation.as_str()),
        ("Marcus", 25, "Quarantine flaky tests")
    );
    assert_eq!(recent(&t.form, 100).unwrap().len(), 1, "one undo step");
}

#[test]
fn a_risk_review_is_refused_over_a_newer_row() {
    let mut t = Two::new(with_risk);
    let opened = get_risk(&t.form, 1).unwrap().fields;
    let review = RiskReview {
        likelihood: 2,
        impact: 2,
        note: "no change".into(),
        next_review: None,
        accept_expiry: None,
    };
    let mut theirs = RiskDraft::from(&opened);
    theirs.likelihood = 5;
    update_risk(&mut t.other, 1, theirs, "", None, &intervals(), now()).unwrap();
    let err = review_risk(
        &mut t.form,
        1,
        review.clone(),
        Some(&opened),
        &intervals(),
        now(),
    );
    stale(err.unwrap_err());
    let risk = get_risk(&t.form, 1).unwrap();
    assert_eq!(risk.score().likelihood, 5, "the other writer's score stays");
    assert_eq!(risk.history.len(), 2, "no review recorded");

    // A review confirming the score is an event: it is recorded even though nothing else moved.
    let fresh = risk.fields;
    let confirm = RiskReview {
        likelihood: 5,
        ..review
    };
    let r = review_risk(&mut t.form, 1, confirm, Some(&fresh), &intervals(), now()).unwrap();
    assert_eq!(r.risk.history.len(), 3);
}

fn with_goal(store: &mut Store) {
    start_plan(store, day(1), None, now()).unwrap();
    let fields = GoalFields {
        phase: 30,
        title: "Ship the CI fix".into(),
        description: String::new(),
        criteria: String::new(),
        status: GoalStatus::Todo,
        progress: 0,
        confidence: Confidence::OnTrack,
        due: None,
        person_id: None,
        measure: None,
    };
    add_goal(store, fields, now()).unwrap();
}

#[test]
fn a_goal_edit_is_refused_after_another_writers_checkin() {
    let mut t = Two::new(with_goal);
    let opened = get_goal(&t.form, 1).unwrap().fields;

    let mark = t.mark();
    let saved = update_goal(&mut t.form, 1, opened.clone(), Some(&opened), now()).unwrap();
    assert!(!saved.changed);
    assert_eq!(t.mark(), mark, "no commit, no undo step");

    checkin(
        &mut t.other,
        1,
        60,
        Some(Confidence::AtRisk),
        "",
        None,
        now(),
    )
    .unwrap();
    let mut mine = opened.clone();
    mine.title = "Ship the CI fix for good".into();
    stale(update_goal(&mut t.form, 1, mine.clone(), Some(&opened), now()).unwrap_err());
    let goal = get_goal(&t.form, 1).unwrap().fields;
    assert_eq!(
        (goal.progress, goal.title.as_str()),
        (60, "Ship the CI fix")
    );

    let mut mine = goal.clone();
    mine.title = "Ship the CI fix for good".into();
    let saved = update_goal(&mut t.form, 1, mine, Some(&goal), now()).unwrap();
    assert!(saved.changed);
    let g = saved.value.fields;
    assert_eq!(
        (g.progress, g.confidence, g.title.as_str()),
        (60, Confidence::AtRisk, "Ship the CI fix for good")
    );
}

#[test]
fn a_checkin_is_refused_over_a_newer_goal_but_the_cli_checkin_applies_as_it_is() {
    let mut t = Two::new(with_goal);
    let opened = get_goal(&t.form, 1).unwrap().fields;
    checkin(&mut t.other, 1, 75, None, "", None, now()).unwrap();
    let err = checkin(&mut t.form, 1, 0, None, "", Some(&opened), now()).unwrap_err();
    stale(err);
    assert_eq!(get_goal(&t.form, 1).unwrap().fields.progress, 75);
    let fresh = get_goal(&t.form, 1).unwrap().fields;
    let g = checkin(&mut t.form, 1, 75, None, "blocked", Some(&fresh), now()).unwrap();
    assert_eq!(g.fields.progress, 75);
    // The explicit command carries no version: it applies to the goal as it is.
    let g = checkin(&mut t.other, 1, 80, None, "", None, now()).unwrap();
    assert_eq!(g.fields.progress, 80);
}

#[test]
fn the_plan_start_is_refused_when_moved_or_started_elsewhere() {
    let mut t = Two::new(|_| {});
    start_plan(&mut t.other, day(2), None, now()).unwrap();
    stale(start_plan(&mut t.form, day(9), Some(&None), now()).unwrap_err());
    let opened = Some(day(2));
    let mark = t.mark();
    let same = start_plan(&mut t.form, day(2), Some(&opened), now()).unwrap();
    assert!(!same.changed);
    assert_eq!(t.mark(), mark, "no commit, no undo step");
    start_plan(&mut t.other, day(3), None, now()).unwrap();
    stale(start_plan(&mut t.form, day(9), Some(&opened), now()).unwrap_err());
    let moved = start_plan(&mut t.form, day(9), Some(&Some(day(3))), now()).unwrap();
    assert!(moved.changed);
}

/// A delete confirmed in the cockpit after another writer changed the object (a review, a
/// check-in, an edit, a number logged) is refused and deletes nothing; confirmed again on the
/// object as it is, it goes through. It deleted what the other writer wrote, unseen.
#[test]
fn a_delete_is_refused_over_what_another_writer_changed_since_it_was_asked() {
    use crate::domain::decision::DecisionDraft;
    use crate::domain::metric::MetricFields;
    use crate::domain::ritual::RitualFields;
    use crate::ops::decisions::{DecisionInput, add_decision, delete_decision, get_decision};
    use crate::ops::metrics::{Entry, add_metric, delete_metric, log_value};
    use crate::ops::plan::delete_goal;
    use crate::ops::risks::delete_risk;
    use crate::ops::ritual_delete::{delete_ritual, series_shown};
    use crate::ops::rituals::{add_ritual, get_ritual, update_ritual};

    // A risk, reviewed elsewhere.
    let mut t = Two::new(with_risk);
    let shown = get_risk(&t.form, 1).unwrap().fields;
    let mut theirs = RiskDraft::from(&shown);
    theirs.mitigation = "Quarantine flaky tests".into();
    update_risk(&mut t.other, 1, theirs, "", None, &intervals(), now()).unwrap();
    stale(delete_risk(&mut t.form, 1, Some(&shown)).unwrap_err());
    let now_shown = get_risk(&t.form, 1).unwrap().fields;
    assert_eq!(now_shown.mitigation, "Quarantine flaky tests");
    delete_risk(&mut t.form, 1, Some(&now_shown)).unwrap();

    // A goal, checked in elsewhere.
    let mut t = Two::new(with_goal);
    let shown = get_goal(&t.form, 1).unwrap().fields;
    checkin(&mut t.other, 1, 60, None, "", None, now()).unwrap();
    stale(delete_goal(&mut t.form, 1, Some(&shown)).unwrap_err());
    assert_eq!(get_goal(&t.form, 1).unwrap().fields.progress, 60);

    // A decision whose context was written elsewhere.
    let draft = || DecisionDraft::new("Use SQLite", day(20));
    let mut t = Two::new(|s| {
        add_decision(s, DecisionInput::new(draft()), None, now()).unwrap();
    });
    let shown = get_decision(&t.form, 1).unwrap();
    let mut theirs = DecisionInput::new(draft());
    theirs.draft.context = "One file, no server".into();
    crate::ops::decisions::update_decision(&mut t.other, 1, theirs, None, now()).unwrap();
    stale(delete_decision(&mut t.form, 1, Some(&shown)).unwrap_err());
    assert_eq!(
        get_decision(&t.form, 1).unwrap().fields.context,
        "One file, no server"
    );

    // A metric, a number logged for it elsewhere (the confirmation counted its values).
    let mut t = Two::new(|s| {
        add_metric(s, MetricFields::new("Deploys", chrono::Weekday::Mon), now()).unwrap();
    });
    let shown = crate::store::metrics::get(t.form.conn(), 1)
        .unwrap()
        .unwrap()
        .fields;
    let entry = Entry {
        date: day(16),
        value: 7.0,
        note: None,
    };
    log_value(&mut t.other, 1, entry, None, now()).unwrap();
    stale(delete_metric(&mut t.form, 1, Some((&shown, &[]))).unwrap_err());
    let values = crate::store::metrics::values(t.form.conn(), 1).unwrap();
    assert_eq!(values.len(), 1, "the number logged stays");
    delete_metric(&mut t.form, 1, Some((&shown, &values))).unwrap();

    // A series whose agenda was changed elsewhere.
    let mut t = Two::new(|s| {
        let f = RitualFields::new("Staff", Some("FREQ=WEEKLY".into()), now(), 30);
        add_ritual(s, f, now()).unwrap();
    });
    let shown = series_shown(&t.form, 1).unwrap();
    let mut theirs = shown.ritual.fields.clone();
    theirs.agenda = "Budget".into();
    update_ritual(&mut t.other, 1, theirs, None, None, now()).unwrap();
    stale(delete_ritual(&mut t.form, 1, Some(&shown)).unwrap_err());
    assert_eq!(get_ritual(&t.form, 1).unwrap().fields.agenda, "Budget");
}
