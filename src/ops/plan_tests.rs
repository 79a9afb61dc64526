use super::*;
use chrono::Duration;

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn fields(phase: u32, title: &str) -> GoalFields {
    GoalFields {
        phase,
        title: title.into(),
        description: String::new(),
        criteria: String::new(),
        status: GoalStatus::Todo,
        progress: 0,
        confidence: Confidence::OnTrack,
        due: None,
        person_id: None,
        measure: None,
    }
}

#[test]
fn goals_need_a_plan_and_checkins_build_a_history() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(2026, 11, 23);
    let err = add_goal(&mut store, fields(30, "Meet leaders"), now).unwrap_err();
    assert!(err.to_string().contains("bearing plan start"), "{err}");
    start_plan(&mut store, now.date() - Duration::days(46), None, now).unwrap();
    let g = add_goal(&mut store, fields(60, "One operating cadence"), now).unwrap();
    checkin(
        &mut store,
        g.id,
        30,
        Some(Confidence::AtRisk),
        "slow start",
        None,
        now - Duration::days(7),
    )
    .unwrap();
    checkin(&mut store, g.id, 55, None, "", None, now).unwrap();
    let view = plan_view(&store, now.date()).unwrap();
    assert_eq!(view.day, Some(PlanDay::Running { day: 47 }));
    let gv = view.goal(g.id).unwrap();
    assert_eq!(
        gv.history.iter().map(|c| c.progress).collect::<Vec<_>>(),
        vec![30, 55]
    );
    assert_eq!(
        gv.goal.fields.confidence,
        Confidence::AtRisk,
        "kept when not given"
    );
    assert_eq!(gv.goal.fields.status, GoalStatus::Doing);
    assert!(checkin(&mut store, g.id, 101, None, "", None, now).is_err());
    assert_eq!(
        plan_view(&store, now.date())
            .unwrap()
            .goal(g.id)
            .unwrap()
            .history
            .len(),
        2,
        "nothing saved"
    );
}

#[test]
fn behind_schedule_and_rollover_of_an_ended_phase() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(2026, 11, 23);
    start_plan(&mut store, now.date() - Duration::days(46), None, now).unwrap();
    let late = add_goal(&mut store, fields(30, "Inventory critical systems"), now).unwrap();
    let done = add_goal(&mut store, fields(30, "Meet the SRE lead"), now).unwrap();
    checkin(&mut store, done.id, 100, None, "", None, now).unwrap();
    let current = add_goal(&mut store, fields(60, "Launch CI fix"), now).unwrap();
    checkin(&mut store, current.id, 10, None, "", None, now).unwrap();

    let view = plan_view(&store, now.date()).unwrap();
    let p30 = &view.phases[0];
    assert_eq!(p30.unfinished_after_end, 1);
    assert!((p30.done_share - 0.5).abs() < 1e-9);
    let behind: Vec<i64> = view.behind().map(|g| g.goal.id).collect();
    // Day 47 is half-way through days 31–60: 10% is behind; the ended phase's open goal too.
    assert_eq!(behind, vec![late.id, current.id]);

    let rolled = roll_over(&mut store, late.id, now).unwrap();
    assert_eq!(rolled.fields.phase, 60);
    let view = plan_view(&store, now.date()).unwrap();
    assert_eq!(view.phases[0].unfinished_after_end, 0);
    let history = &view.goal(late.id).unwrap().history;
    assert_eq!(history.last().unwrap().kind, "rollover");
    assert_eq!(
        history.last().unwrap().note,
        "rolled over from Days 1–30 to Days 31–60"
    );
    assert!(
        roll_over(&mut store, done.id, now).is_err(),
        "done goals stay"
    );
}
