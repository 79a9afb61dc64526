use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn goal(progress: u32, status: GoalStatus) -> GoalFields {
    GoalFields {
        phase: 30,
        title: " Meet the  SRE lead ".into(),
        description: String::new(),
        criteria: String::new(),
        status,
        progress,
        confidence: Confidence::OnTrack,
        due: None,
        person_id: None,
        measure: None,
    }
}

#[test]
fn plan_day_counts_from_one_and_knows_before_and_after() {
    let start = d(2026, 10, 8);
    assert_eq!(
        plan_day(start, d(2026, 10, 7)),
        PlanDay::NotStarted { in_days: 1 }
    );
    assert_eq!(plan_day(start, start), PlanDay::Running { day: 1 });
    assert_eq!(
        plan_day(start, d(2026, 11, 23)),
        PlanDay::Running { day: 47 }
    );
    assert_eq!(
        plan_day(start, start + Duration::days(89)),
        PlanDay::Running { day: 90 }
    );
    assert_eq!(
        plan_day(start, start + Duration::days(90)),
        PlanDay::Complete { day: 91 }
    );
    assert_eq!(PlanDay::Running { day: 47 }.describe(), "day 47 of 90");
    assert_eq!(
        PlanDay::NotStarted { in_days: 3 }.describe(),
        "plan starts in 3 days"
    );
}

#[test]
fn phases_are_found_by_day_and_follow_each_other() {
    let start = d(2028, 2, 1);
    assert_eq!(phase_of(start, d(2028, 2, 1)), Some(30));
    assert_eq!(phase_of(start, d(2028, 3, 1)), Some(30));
}

#[test]
fn phase_lookup_edges_across_a_leap_february() {
    let start = d(2028, 2, 1);
    // 2028 is a leap year: day 30 is 1 March, day 31 is 2 March.
    assert_eq!(phase_of(start, d(2028, 3, 2)), Some(60));
    assert_eq!(phase_of(start, d(2028, 1, 31)), None);
    assert_eq!(phase_of(start, d(2029, 2, 1)), None, "after 12 months");
    assert_eq!(next_phase(30), Some(60));
    assert_eq!(next_phase(90), Some(180));
    assert_eq!(next_phase(365), None);
}

#[test]
fn done_means_100_and_100_means_done() {
    let start = d(2026, 10, 8);
    let g = goal(40, GoalStatus::Done).check(start).unwrap();
    assert_eq!((g.progress, g.status), (100, GoalStatus::Done));
    let g = goal(100, GoalStatus::Doing).check(start).unwrap();
    assert_eq!(g.status, GoalStatus::Done);
    let g = goal(10, GoalStatus::Todo).check(start).unwrap();
    assert_eq!(g.status, GoalStatus::Doing, "progress means started");
    assert_eq!(g.title, "Meet the SRE lead");
    let g = goal(100, GoalStatus::Dropped).check(start).unwrap();
    assert_eq!(g.status, GoalStatus::Dropped, "dropped stays dropped");
}

#[test]
fn bad_goals_are_refused_on_their_field() {
    let start = d(2026, 10, 8);
    assert_eq!(
        goal(101, GoalStatus::Doing).check(start).unwrap_err().field,
        Some("progress")
    );
    let mut g = goal(0, GoalStatus::Todo);
    g.phase = 45;
    assert_eq!(g.check(start).unwrap_err().field, Some("phase"));
    let mut g = goal(0, GoalStatus::Todo);
    g.due = Some(d(2026, 10, 1));
    let err = g.check(start).unwrap_err();
    assert_eq!(err.field, Some("due"));
    assert!(
        err.message.contains("before the plan starts"),
        "{}",
        err.message
    );
    let mut g = goal(0, GoalStatus::Todo);
    g.title = "  ".into();
    assert_eq!(g.check(start).unwrap_err().field, Some("title"));
    assert_eq!(parse_phase("60").unwrap(), 60);
    assert!(
        parse_phase("45")
            .unwrap_err()
            .message
            .contains("30, 60, 90, 180 or 365")
    );
}

#[test]
fn a_goal_without_a_due_date_is_due_at_its_phase_end() {
    let start = d(2026, 10, 8);
    let g = goal(0, GoalStatus::Todo);
    assert_eq!(g.due_or_phase_end(start), d(2026, 11, 6));
    assert_eq!(Confidence::parse("at risk"), Ok(Confidence::AtRisk));
    assert_eq!(Confidence::parse("off-track"), Ok(Confidence::OffTrack));
}
