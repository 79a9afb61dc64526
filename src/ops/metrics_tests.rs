use super::*;
use crate::domain::metric::{Cadence, Direction, Unit, Warn};
use crate::domain::plan::{Confidence, GoalFields, GoalStatus};
use crate::ops::plan::{add_goal, checkin, start_plan, update_goal};
use chrono::{Duration, Weekday};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(9, 0, 0).unwrap()
}

/// Change failure rate: lower is better, target 10%, warning up to 15%.
fn cfr() -> MetricFields {
    MetricFields {
        unit: Unit::Percent,
        direction: Direction::Down,
        target: Some(10.0),
        warn: Some(Warn::At(15.0)),
        ..MetricFields::new("Change failure rate", Weekday::Mon)
    }
}

fn entry(date: NaiveDate, value: f64) -> Entry {
    Entry {
        date,
        value,
        note: None,
    }
}

fn goal(title: &str) -> GoalFields {
    GoalFields {
        phase: 90,
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
fn logging_again_in_a_period_replaces_its_value_and_the_same_again_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    let m = add_metric(&mut store, cfr(), now).unwrap();
    // Tuesday and Thursday of one week: one value, dated on the week's Monday.
    let first = log_value(&mut store, m.id, entry(day(11, 24), 18.0), None, now).unwrap();
    assert!(first.changed);
    assert_eq!(first.replaced, None);
    assert_eq!(first.period.start, day(11, 23));
    let again = log_value(&mut store, m.id, entry(day(11, 26), 16.5), None, now).unwrap();
    assert_eq!(again.replaced, Some(18.0));
    let values = metrics::values(store.conn(), m.id).unwrap();
    assert_eq!(values.len(), 1);
    assert_eq!((values[0].period, values[0].value), (day(11, 23), 16.5));
    let same = log_value(&mut store, m.id, entry(day(11, 23), 16.5), None, now).unwrap();
    assert!(!same.changed);
    // A monthly metric puts any day of the month on its first.
    let monthly = add_metric(
        &mut store,
        MetricFields {
            cadence: Cadence::Monthly,
            ..MetricFields::new("eNPS", Weekday::Mon)
        },
        now,
    )
    .unwrap();
    let logged = log_value(&mut store, monthly.id, entry(day(11, 30), 32.0), None, now).unwrap();
    assert_eq!(logged.period.start, day(11, 1));
}

#[test]
fn a_replaced_value_comes_back_with_undo() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    let m = add_metric(&mut store, cfr(), now).unwrap();
    store.journal(Some(now)).unwrap();
    log_value(&mut store, m.id, entry(day(11, 24), 18.0), None, now).unwrap();
    log_value(&mut store, m.id, entry(day(11, 24), 12.0), None, now).unwrap();
    crate::ops::history::undo(&mut store).unwrap();
    let values = metrics::values(store.conn(), m.id).unwrap();
    assert_eq!(values[0].value, 18.0);
}

#[test]
fn a_form_never_saves_over_a_value_logged_elsewhere_meanwhile() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    let m = add_metric(&mut store, cfr(), now).unwrap();
    // The form opened on an empty week; a script logged 18 since.
    log_value(&mut store, m.id, entry(day(11, 24), 18.0), None, now).unwrap();
    let shown = Shown {
        metric: m.fields.clone(),
        value: None,
    };
    let err = log_value(
        &mut store,
        m.id,
        entry(day(11, 24), 12.0),
        Some(&shown),
        now,
    )
    .unwrap_err();
    assert!(matches!(err, OpsError::Stale(_)), "{err}");
    assert_eq!(metrics::values(store.conn(), m.id).unwrap()[0].value, 18.0);
}

#[test]
fn a_log_form_refuses_when_its_metric_was_deleted_and_another_added_meanwhile() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    add_metric(&mut store, cfr(), now).unwrap();
    let revenue = add_metric(&mut store, MetricFields::new("Revenue", Weekday::Mon), now).unwrap();
    let shown = Shown {
        metric: revenue.fields.clone(),
        value: None,
    };
    delete_metric(&mut store, revenue.id, None).unwrap();
    let incidents = MetricFields {
        direction: Direction::Down,
        ..MetricFields::new("Incidents", Weekday::Mon)
    };
    let incidents = add_metric(&mut store, incidents, now).unwrap();
    assert_ne!(
        incidents.id, revenue.id,
        "a deleted metric's id is never reused"
    );
    // Even under the old id (a database from before the fix, or a copy), the form refuses.
    let under_old_id = log_value(
        &mut store,
        revenue.id,
        entry(day(11, 24), 1e6),
        Some(&shown),
        now,
    );
    assert!(
        matches!(under_old_id, Err(OpsError::NotFound(_))),
        "{under_old_id:?}"
    );
    store
        .conn()
        .execute(
            "UPDATE metric SET id = ?1 WHERE id = ?2",
            [revenue.id, incidents.id],
        )
        .unwrap();
    let err = log_value(
        &mut store,
        revenue.id,
        entry(day(11, 24), 1e6),
        Some(&shown),
        now,
    )
    .unwrap_err();
    assert!(matches!(err, OpsError::Stale(_)), "{err}");
    assert!(
        metrics::values(store.conn(), revenue.id)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn names_are_unique_owners_must_exist_and_settings_are_checked() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    add_metric(&mut store, cfr(), now).unwrap();
    let err = add_metric(
        &mut store,
        MetricFields::new("change FAILURE rate", Weekday::Mon),
        now,
    )
    .unwrap_err();
    assert!(err.to_string().contains("already"), "{err}");
    let err = add_metric(
        &mut store,
        MetricFields {
            owner_id: Some(99),
            ..MetricFields::new("Lead time", Weekday::Mon)
        },
        now,
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("owner"));
    let err = add_metric(
        &mut store,
        MetricFields {
            warn: Some(Warn::At(5.0)),
            ..cfr()
        },
        now,
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("warn"));
    assert_eq!(metrics::list(store.conn()).unwrap().len(), 1);
}

#[test]
fn the_cadence_stays_once_values_are_logged() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    let m = add_metric(&mut store, cfr(), now).unwrap();
    let monthly = MetricFields {
        cadence: Cadence::Monthly,
        ..cfr()
    };
    // No values yet: fine.
    let edited = update_metric(&mut store, m.id, monthly.clone(), None, now).unwrap();
    assert!(edited.changed);
    log_value(&mut store, m.id, entry(day(11, 24), 12.0), None, now).unwrap();
    let err = update_metric(&mut store, m.id, cfr(), None, now).unwrap_err();
    assert!(err.to_string().contains("cadence cannot change"), "{err}");
    // The same settings again write nothing; stale settings are refused.
    assert!(
        !update_metric(&mut store, m.id, monthly.clone(), None, now)
            .unwrap()
            .changed
    );
    let err = update_metric(&mut store, m.id, monthly, Some(&cfr()), now).unwrap_err();
    assert!(matches!(err, OpsError::Stale(_)));
}

#[test]
fn resolving_takes_an_id_a_name_or_a_unique_part_of_one() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    let a = add_metric(&mut store, cfr(), now).unwrap();
    let b = add_metric(
        &mut store,
        MetricFields::new("Change lead time", Weekday::Mon),
        now,
    )
    .unwrap();
    let conn = store.conn();
    assert_eq!(resolve_metric(conn, &a.id.to_string()).unwrap().id, a.id);
    assert_eq!(
        resolve_metric(conn, "change failure RATE").unwrap().id,
        a.id
    );
    assert_eq!(resolve_metric(conn, "lead").unwrap().id, b.id);
    assert!(matches!(
        resolve_metric(conn, "change"),
        Err(OpsError::Ambiguous { .. })
    ));
    let err = resolve_metric(conn, "nope").unwrap_err().to_string();
    assert!(
        err.contains("known metrics: Change failure rate, Change lead time"),
        "{err}"
    );
}

#[test]
fn a_measured_goals_progress_follows_the_metric_from_its_baseline() {
    let mut store = Store::open_in_memory().unwrap();
    let start = day(10, 5);
    let now = at(11, 25);
    start_plan(&mut store, start, None, now).unwrap();
    let m = add_metric(&mut store, cfr(), at(10, 1)).unwrap();
    // 20% in the plan's first week: the baseline.
    log_value(&mut store, m.id, entry(day(10, 6), 20.0), None, now).unwrap();
    let g = add_goal(
        &mut store,
        GoalFields {
            measure: Some(GoalMeasure {
                metric_id: m.id,
                target: None,
            }),
            ..goal("Halve the change failure rate")
        },
        now,
    )
    .unwrap();
    assert_eq!(g.fields.progress, 0);
    let progress = |store: &Store| {
        plan::goal(store.conn(), g.id)
            .unwrap()
            .unwrap()
            .fields
            .progress
    };
    log_value(&mut store, m.id, entry(day(11, 17), 15.0), None, now).unwrap();
    assert_eq!(progress(&store), 50, "20% → 10%, now 15%");
    log_value(&mut store, m.id, entry(day(11, 24), 17.5), None, now).unwrap();
    assert_eq!(progress(&store), 25);
    // The goal's own target: 20% → 15%, now 17.5%: half way.
    let opened = plan::goal(store.conn(), g.id).unwrap().unwrap().fields;
    let fields = GoalFields {
        measure: Some(GoalMeasure {
            metric_id: m.id,
            target: Some(15.0),
        }),
        ..opened.clone()
    };
    update_goal(&mut store, g.id, fields, Some(&opened), now).unwrap();
    assert_eq!(progress(&store), 50);
    // Deleting the latest value goes back to the one before: 15% reaches the goal's target.
    let latest = metrics::values(store.conn(), m.id).unwrap().pop().unwrap();
    delete_value(&mut store, latest.id, Some(&latest), now).unwrap();
    let done = plan::goal(store.conn(), g.id).unwrap().unwrap().fields;
    assert_eq!((done.progress, done.status), (100, GoalStatus::Done));
    // A corrected number that falls short takes it back to doing, at that number's progress:
    // a typo that reached the target left the goal done for good.
    log_value(&mut store, m.id, entry(day(11, 17), 17.5), None, now).unwrap();
    let back = plan::goal(store.conn(), g.id).unwrap().unwrap().fields;
    assert_eq!((back.progress, back.status), (50, GoalStatus::Doing));
    // One closed by hand before it was done stays closed.
    let mut dropped = back.clone();
    dropped.status = GoalStatus::Dropped;
    update_goal(&mut store, g.id, dropped, Some(&back), now).unwrap();
    log_value(&mut store, m.id, entry(day(11, 17), 16.0), None, now).unwrap();
    let kept = plan::goal(store.conn(), g.id).unwrap().unwrap().fields;
    assert_eq!(kept.status, GoalStatus::Dropped);
}

#[test]
fn moving_the_plans_start_moves_the_baseline() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    let m = add_metric(&mut store, cfr(), at(9, 1)).unwrap();
    start_plan(&mut store, day(9, 7), None, now).unwrap();
    for (d, v) in [(day(9, 7), 30.0), (day(10, 5), 20.0), (day(11, 23), 15.0)] {
        log_value(&mut store, m.id, entry(d, v), None, now).unwrap();
    }
    let measure = Some(GoalMeasure {
        metric_id: m.id,
        target: None,
    });
    let g = add_goal(
        &mut store,
        GoalFields {
            measure,
            ..goal("CFR")
        },
        now,
    )
    .unwrap();
    // From 30%: 15% is three quarters of the way to 10%.
    assert_eq!(g.fields.progress, 75);
    start_plan(&mut store, day(10, 5), Some(&Some(day(9, 7))), now).unwrap();
    let after = plan::goal(store.conn(), g.id)
        .unwrap()
        .unwrap()
        .fields
        .progress;
    assert_eq!(after, 50, "from 20%, 15% is half way to 10%");
}

#[test]
fn a_check_in_on_a_measured_goal_records_the_metrics_number() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    start_plan(&mut store, day(10, 5), None, now).unwrap();
    let m = add_metric(&mut store, cfr(), at(10, 1)).unwrap();
    log_value(&mut store, m.id, entry(day(10, 5), 20.0), None, now).unwrap();
    log_value(&mut store, m.id, entry(day(11, 23), 15.0), None, now).unwrap();
    let measure = Some(GoalMeasure {
        metric_id: m.id,
        target: None,
    });
    let g = add_goal(
        &mut store,
        GoalFields {
            measure,
            ..goal("CFR")
        },
        now,
    )
    .unwrap();
    let err = checkin(&mut store, g.id, 80, None, "", None, now).unwrap_err();
    assert_eq!(err.field(), Some("progress"));
    assert!(err.to_string().contains("now 50%"), "{err}");
    checkin(
        &mut store,
        g.id,
        50,
        Some(Confidence::AtRisk),
        "slow",
        None,
        now,
    )
    .unwrap();
    let entries = plan::checkins(store.conn()).unwrap();
    let last = entries.last().unwrap();
    assert_eq!((last.progress, last.metric_value), (50, Some(15.0)));
    // A goal not measured records none.
    let plain = add_goal(&mut store, goal("Plain"), now).unwrap();
    checkin(
        &mut store,
        plain.id,
        10,
        None,
        "",
        None,
        now + Duration::hours(1),
    )
    .unwrap();
    let entries = plan::checkins(store.conn()).unwrap();
    let plain_entry = entries.iter().find(|c| c.goal_id == plain.id).unwrap();
    assert_eq!(plain_entry.metric_value, None);
}

#[test]
fn a_goal_cannot_be_measured_by_a_metric_that_is_not_there() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    start_plan(&mut store, day(10, 5), None, now).unwrap();
    let measure = Some(GoalMeasure {
        metric_id: 42,
        target: None,
    });
    let err = add_goal(
        &mut store,
        GoalFields {
            measure,
            ..goal("x")
        },
        now,
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("metric"));
}

#[test]
fn deleting_a_metric_takes_its_values_and_unlinks_its_goals() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(11, 25);
    start_plan(&mut store, day(10, 5), None, now).unwrap();
    let m = add_metric(&mut store, cfr(), now).unwrap();
    log_value(&mut store, m.id, entry(day(11, 24), 12.0), None, now).unwrap();
    let measure = Some(GoalMeasure {
        metric_id: m.id,
        target: None,
    });
    let g = add_goal(
        &mut store,
        GoalFields {
            measure,
            ..goal("CFR")
        },
        now,
    )
    .unwrap();
    delete_metric(&mut store, m.id, None).unwrap();
    assert!(metrics::all_values(store.conn()).unwrap().is_empty());
    let after = plan::goal(store.conn(), g.id).unwrap().unwrap();
    assert_eq!(after.fields.measure, None);
}
