use super::*;
use chrono::Duration;

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// A goal to do in `phase` with nothing but a title (the TUI's plan tests use it too).
pub(crate) fn fields(phase: u32, title: &str) -> GoalFields {
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
    // A gauge shows how far the goals are, not only how many are done: (0 + 100) / 2.
    assert_eq!((p30.average_progress, p30.done, p30.counted), (50, 1, 2));
    let p60 = &view.phases[1];
    assert_eq!((p60.average_progress, p60.done, p60.counted), (10, 0, 1));
    assert_eq!(p60.summary(), "10% · 0/1 done");
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

#[test]
fn a_phase_of_goals_at_60_and_70_percent_reads_65_not_0_and_long_phases_name_their_year() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(2026, 11, 23);
    start_plan(&mut store, now.date() - Duration::days(40), None, now).unwrap();
    for (title, progress) in [("Agree priorities", 60), ("One cadence", 70)] {
        let g = add_goal(&mut store, fields(60, title), now).unwrap();
        checkin(&mut store, g.id, progress, None, "", None, now).unwrap();
    }
    let dropped = add_goal(&mut store, fields(60, "Dropped"), now).unwrap();
    let mut f = dropped.fields.clone();
    f.status = GoalStatus::Dropped;
    update_goal(&mut store, dropped.id, f, None, now).unwrap();
    let view = plan_view(&store, now.date()).unwrap();
    let p60 = &view.phases[1];
    assert_eq!(p60.done_share, 0.0);
    assert_eq!(p60.average_progress, 65, "dropped goals do not count");
    assert_eq!(p60.summary(), "65% · 0/2 done");
    // Started 14 Oct 2026: days 31–60 sit in one year; 6 and 12 months reach into 2027.
    assert_eq!(p60.span(), "13 Nov – 12 Dec");
    assert_eq!(view.phases[3].span(), "12 Jan – 13 Apr 2027");
    assert_eq!(view.phases[4].span(), "14 Apr – 13 Oct 2027");
}
