use super::*;
use crate::domain::metric::{MetricFields, Warn};
use crate::ops::metrics::{Entry, add_metric, log_value};
use chrono::{NaiveDateTime, Weekday};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(9, 0, 0).unwrap()
}

fn deploys() -> MetricFields {
    MetricFields {
        target: Some(10.0),
        warn: Some(Warn::At(8.0)),
        group: MetricGroup::Delivery,
        ..MetricFields::new("Deploys", Weekday::Mon)
    }
}

fn log(store: &mut Store, id: i64, date: NaiveDate, value: f64) {
    let entry = Entry {
        date,
        value,
        note: None,
    };
    log_value(store, id, entry, None, at(11, 24)).unwrap();
}

/// Deploys (delivery), logged the weeks of 2, 9 and 16 Nov: 12, 7, 6; and a people metric with
/// no values, added on 1 Nov.
fn card() -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let people = add_metric(
        &mut store,
        MetricFields {
            group: MetricGroup::People,
            cadence: Cadence::Monthly,
            ..MetricFields::new("eNPS", Weekday::Mon)
        },
        at(11, 1),
    )
    .unwrap();
    let d = add_metric(&mut store, deploys(), at(11, 1)).unwrap();
    for (date, v) in [(day(11, 2), 12.0), (day(11, 9), 7.0), (day(11, 16), 6.0)] {
        log(&mut store, d.id, date, v);
    }
    (store, d.id, people.id)
}

#[test]
fn the_scorecard_groups_metrics_and_counts_them_by_their_current_status() {
    let (store, deploys, enps) = card();
    let card = scorecard(&store, day(11, 24)).unwrap();
    let order: Vec<i64> = card.metrics.iter().map(MetricView::id).collect();
    assert_eq!(order, [deploys, enps], "delivery before people");
    let d = card.get(deploys).unwrap();
    // This week is not due yet: last week's 6 is off target.
    assert_eq!(d.status, Status::OffTarget);
    assert_eq!(d.off_run, 2);
    assert_eq!(d.trend, Trend::Falling);
    assert_eq!(d.latest.map(|(_, v)| v), Some(6.0));
    assert_eq!(d.cells.len(), GRID_PERIODS);
    // eNPS was added on 1 Nov: November is not due before its last working day.
    assert_eq!(card.get(enps).unwrap().status, Status::Untracked);
    assert_eq!(
        card.summary.line(),
        "2 metrics · 0 on target · 0 warning · 1 off target"
    );
}

#[test]
fn the_radar_names_metrics_off_target_two_periods_running_and_missing_numbers() {
    let (mut store, deploys, _) = card();
    let radar = radar_items(&store, day(11, 24)).unwrap();
    assert_eq!(radar.len(), 1, "{radar:?}");
    assert_eq!(radar[0].kind, RadarKind::MetricOffTarget);
    assert_eq!(radar[0].id, deploys);
    assert_eq!(radar[0].detail, "off target 2 weeks running: 6 against 10");
    // A week later, with nothing entered for the week of 23 Nov: missing, and the run is
    // broken by the missing week.
    let radar = radar_items(&store, day(11, 30)).unwrap();
    let kinds: Vec<RadarKind> = radar.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RadarKind::MetricMissing]);
    assert_eq!(radar[0].detail, "no value for week of 23 Nov 2026");
    // Entered: nothing to say. Back on target: nothing either.
    log(&mut store, deploys, day(11, 27), 11.0);
    assert!(radar_items(&store, day(11, 30)).unwrap().is_empty());
}

#[test]
fn a_new_metric_is_not_missing_periods_before_it_was_added() {
    let mut store = Store::open_in_memory().unwrap();
    add_metric(&mut store, deploys(), at(11, 25)).unwrap();
    // Added on Wednesday: last week was before it; this week is due Friday.
    assert!(radar_items(&store, day(11, 26)).unwrap().is_empty());
    let radar = radar_items(&store, day(11, 28)).unwrap();
    assert_eq!(radar.len(), 1);
    assert_eq!(radar[0].kind, RadarKind::MetricMissing);
}

#[test]
fn the_agenda_has_one_log_metrics_item_on_each_day_numbers_are_due() {
    let (mut store, deploys, _) = card();
    // The week of 23 Nov: Deploys due Friday 27; eNPS (monthly) due Monday 30.
    let items = due_items(&store, day(11, 23), day(12, 1)).unwrap();
    let days: Vec<(NaiveDate, &str, bool)> = items
        .iter()
        .map(|i| (i.date, i.title.as_str(), i.done))
        .collect();
    assert_eq!(
        days,
        [
            (day(11, 27), "Log metrics: 1 weekly", false),
            (day(11, 30), "Log metrics: 1 monthly", false),
        ]
    );
    assert!(items.iter().all(|i| i.kind == ItemKind::MetricsDue));
    assert_eq!(items[0].id, deploys);
    log(&mut store, deploys, day(11, 26), 9.0);
    let items = due_items(&store, day(11, 23), day(11, 30)).unwrap();
    assert_eq!(items[0].title, "Log metrics: 1 weekly (all entered)");
    assert!(items[0].done);
}

#[test]
fn report_lines_give_the_periods_number_target_status_and_change() {
    let (mut store, deploys, _) = card();
    log(&mut store, deploys, day(11, 23), 9.0);
    // The week of 16 Nov, reported on its Sunday.
    let lines = report_lines(&store, day(11, 22)).unwrap();
    assert_eq!(lines.len(), 1, "eNPS is not tracked for a month yet");
    let l = &lines[0];
    assert_eq!(l.period, "week of 16 Nov 2026");
    assert_eq!((l.value, l.target), (Some(6.0), Some(10.0)));
    assert_eq!(l.status, Status::OffTarget);
    assert_eq!(l.change, Some(-1.0));
    // The week of 23 Nov: 9, a warning, up 3.
    let l = &report_lines(&store, day(11, 29)).unwrap()[0];
    assert_eq!(
        (l.value, l.status, l.change),
        (Some(9.0), Status::Warning, Some(3.0))
    );
    // The week of 30 Nov, with nothing entered: missing.
    let lines = report_lines(&store, day(12, 6)).unwrap();
    let l = lines.iter().find(|l| l.id == deploys).unwrap();
    assert_eq!((l.value, l.status), (None, Status::Missing));
    // eNPS: November was due on Mon 30 Nov and never entered.
    let enps = lines.iter().find(|l| l.id != deploys).unwrap();
    assert_eq!(
        (enps.period.as_str(), enps.status),
        ("November 2026", Status::Missing)
    );
}

/// The radar reads the numbers alone: the same views as the whole scorecard's but for the
/// owners' names and linked goals it never shows, so the same radar items. On the demo, whose
/// metrics have owners and one measures a goal, so the two reads really differ.
#[test]
fn the_radar_reads_the_numbers_alone_and_finds_what_the_whole_scorecard_finds() {
    let store = crate::tui::testing::demo_store();
    let today = day(11, 24);
    let whole = scorecard(&store, today).unwrap();
    let numbers = read(&store, today, Read::Numbers).unwrap();
    assert!(whole.metrics.iter().any(|v| v.owner.is_some()));
    assert!(whole.metrics.iter().any(|v| !v.goals.is_empty()));
    let mut stripped = whole.clone();
    for v in &mut stripped.metrics {
        v.owner = None;
        v.goals.clear();
    }
    assert_eq!(numbers, stripped);
    assert!(!radar_items(&store, today).unwrap().is_empty());
}

/// With no metric the scorecard is empty, as when it read everything to build nothing.
#[test]
fn with_no_metric_the_scorecard_is_empty() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(
        scorecard(&store, day(11, 24)).unwrap(),
        Scorecard::default()
    );
    assert_eq!(radar_items(&store, day(11, 24)).unwrap(), Vec::new());
}
