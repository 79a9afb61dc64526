use super::*;
use crate::config::Config;
use crate::domain::metric::{MetricFields, Unit, Warn};
use crate::domain::metric_status::Status;
use crate::ops::metrics::add_metric;
use crate::store::Store;
use crate::tui::effects::Runner;
use crate::tui::model::{Model, Overlay, Tab};
use crate::tui::run::initial_model;
use crate::tui::testing::{at, keys_settled};
use chrono::Weekday;

/// A cockpit on a store with one metric (deploys a week, target 10, warning from 8), added a
/// week before the tests' Monday, on the Scorecard tab.
fn cockpit() -> (Model, Runner) {
    let mut store = Store::open_in_memory().unwrap();
    let fields = MetricFields {
        target: Some(10.0),
        warn: Some(Warn::At(8.0)),
        ..MetricFields::new("Deploys", Weekday::Mon)
    };
    add_metric(&mut store, fields, at(9, 0) - chrono::Duration::days(7)).unwrap();
    let mut runner = Runner::new(store, &Config::default());
    let mut model = initial_model(&mut runner, &Config::default(), at(9, 30)).unwrap();
    model.tab = Tab::Scorecard;
    (model, runner)
}

fn deploys(m: &Model) -> &MetricView {
    &m.scorecard.card.metrics[0]
}

#[test]
fn l_logs_this_periods_number_and_typing_replaces_what_the_field_held() {
    let (mut m, mut runner) = cockpit();
    keys_settled(&mut m, &mut runner, "l7\n");
    assert_eq!(deploys(&m).latest.map(|(_, v)| v), Some(7.0));
    assert_eq!(
        deploys(&m).cells.last().map(|c| c.status),
        Some(Status::OffTarget)
    );
    let status = m
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert_eq!(status, "Deploys, week of 23 Nov 2026: 7, off target.");
    // Again: the form opens on 7; typing replaces it.
    keys_settled(&mut m, &mut runner, "l");
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("the log form is open");
    };
    assert_eq!(form.value("value"), "7");
    keys_settled(&mut m, &mut runner, "12\n");
    assert_eq!(deploys(&m).latest.map(|(_, v)| v), Some(12.0));
    assert_eq!(deploys(&m).history.len(), 1, "one value per period");
    assert_eq!(deploys(&m).status, Status::OnTarget);
    let status = m
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.ends_with("12, on target (was 7)."), "{status}");
}

#[test]
fn a_value_that_is_not_a_number_stays_in_the_form_with_a_message() {
    let (mut m, mut runner) = cockpit();
    // Letters do not go in at all; a number with two points is refused on save.
    keys_settled(&mut m, &mut runner, "labc1.2.3\n");
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("the form stays open");
    };
    let (field, message) = form.error.clone().unwrap();
    assert_eq!(field, Some(0));
    assert!(message.contains("\"1.2.3\" is not a number"), "{message}");
    assert!(deploys(&m).history.is_empty());
}

#[test]
fn a_adds_a_metric_and_e_edits_it() {
    let (mut m, mut runner) = cockpit();
    // Name, group (r: reliability), unit (p: percent), direction, target 99.5, warn ±0.5.
    keys_settled(
        &mut m,
        &mut runner,
        "aSLO attainment\tr\tp\t\t99.5\t±0.5<C-s>",
    );
    let slo = m
        .scorecard
        .card
        .metrics
        .iter()
        .find(|v| v.name() == "SLO attainment")
        .expect("added");
    let f = &slo.metric.fields;
    assert_eq!(
        (f.unit, f.target, f.warn),
        (Unit::Percent, Some(99.5), Some(Warn::Band(0.5)))
    );
    assert_eq!(
        m.scorecard.current().map(MetricView::id),
        Some(slo.id()),
        "selected"
    );
    keys_settled(&mut m, &mut runner, "e\t\t\t\t99.9<C-s>");
    let f = &m.scorecard.current().unwrap().metric.fields;
    assert_eq!(f.target, Some(99.9));
}

#[test]
fn the_detail_shows_a_metrics_values_and_deletes_the_selected_one() {
    let (mut m, mut runner) = cockpit();
    keys_settled(&mut m, &mut runner, "l9\n");
    keys_settled(&mut m, &mut runner, "\n");
    assert_eq!(m.context(), crate::tui::keymap::KeyContext::Metric);
    keys_settled(&mut m, &mut runner, "d");
    let Some(Overlay::Confirm { message, .. }) = &m.overlay else {
        panic!("asks first");
    };
    assert_eq!(message, "Delete 9 for Deploys, week of 23 Nov 2026?");
    keys_settled(&mut m, &mut runner, "y");
    assert!(deploys(&m).history.is_empty());
    keys_settled(&mut m, &mut runner, "<Esc>");
    assert_eq!(m.context(), crate::tui::keymap::KeyContext::Scorecard);
}

#[test]
fn changes_are_refused_on_a_read_only_database() {
    let (mut m, mut runner) = cockpit();
    m.read_only = true;
    keys_settled(&mut m, &mut runner, "l");
    assert!(m.overlay.is_none());
    assert!(deploys(&m).history.is_empty());
}
