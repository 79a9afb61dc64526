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
    cockpit_with(|_| {})
}

/// [`cockpit`] with `more` done to the store before the first load.
fn cockpit_with(more: impl FnOnce(&mut Store)) -> (Model, Runner) {
    let mut store = Store::open_in_memory().unwrap();
    let fields = MetricFields {
        target: Some(10.0),
        warn: Some(Warn::At(8.0)),
        ..MetricFields::new("Deploys", Weekday::Mon)
    };
    add_metric(&mut store, fields, at(9, 0) - chrono::Duration::days(7)).unwrap();
    more(&mut store);
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

fn form_error(m: &Model) -> String {
    match &m.overlay {
        Some(Overlay::Form { form, .. }) => form.error.clone().map(|e| e.1).unwrap_or_default(),
        _ => String::new(),
    }
}

fn log(store: &mut Store, id: i64, date: chrono::NaiveDate, value: f64, note: &str) {
    let entry = crate::ops::metrics::Entry {
        date,
        value,
        note: Some(note.to_string()),
    };
    crate::ops::metrics::log_value(store, id, entry, None, at(9, 0)).unwrap();
}

fn nov(d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

#[test]
fn a_log_form_never_saves_into_another_metric_under_the_same_id() {
    let (mut m, mut runner) = cockpit();
    let id = deploys(&m).id();
    keys_settled(&mut m, &mut runner, "l1000000");
    // Elsewhere: Deploys deleted, Incidents added and (as an old database could) given its id.
    crate::ops::metrics::delete_metric(&mut runner.store, id, None).unwrap();
    let incidents = MetricFields::new("Incidents", Weekday::Mon);
    let added = add_metric(&mut runner.store, incidents, at(9, 0)).unwrap();
    assert_ne!(added.id, id, "ids are never reused");
    let moved = "UPDATE metric SET id = ?1 WHERE id = ?2";
    runner.store.conn().execute(moved, [id, added.id]).unwrap();
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert!(m.overlay.is_some(), "the form stays open");
    assert_eq!(form_error(&m), crate::tui::update::STALE_FORM);
    let values = crate::store::metrics::values(runner.store.conn(), id).unwrap();
    assert!(
        values.is_empty(),
        "nothing logged for Incidents: {values:?}"
    );
}

#[test]
fn a_log_form_moved_to_another_period_keeps_its_note_and_sees_writes_there() {
    let (mut m, mut runner) = cockpit_with(|store| log(store, 1, nov(9), 4.0, "keepme"));
    keys_settled(&mut m, &mut runner, "l7\t<C-u>2026-11-09<C-s>");
    assert!(m.overlay.is_none(), "saved: {}", form_error(&m));
    let values = crate::store::metrics::values(runner.store.conn(), 1).unwrap();
    assert_eq!(values.len(), 1);
    assert_eq!((values[0].value, values[0].note.as_str()), (7.0, "keepme"));
    // A note typed in the form is the user's: it replaces the other period's (which the note
    // field shows once the date names that period).
    keys_settled(&mut m, &mut runner, "l8\t<C-u>2026-11-09\t<C-u>new<C-s>");
    let values = crate::store::metrics::values(runner.store.conn(), 1).unwrap();
    assert_eq!((values[0].value, values[0].note.as_str()), (8.0, "new"));
    // A value logged elsewhere in the newly chosen period while the form was open is not lost.
    keys_settled(&mut m, &mut runner, "l9\t<C-u>2026-11-02");
    log(&mut runner.store, 1, nov(3), 5.0, "script");
    keys_settled(&mut m, &mut runner, "<C-s>");
    assert_eq!(form_error(&m), crate::tui::update::STALE_FORM);
    let values = crate::store::metrics::values(runner.store.conn(), 1).unwrap();
    let nov2 = values.iter().find(|v| v.period == nov(2)).map(|v| v.value);
    assert_eq!(nov2, Some(5.0));
}

/// The log form's title and note follow its date: moved to another period, it showed the period
/// it opened on and that period's note, and saved the other period with the other's note.
#[test]
fn a_log_form_moved_to_another_period_shows_that_period_and_its_note() {
    let (mut m, mut runner) = cockpit_with(|store| {
        log(store, 1, nov(9), 4.0, "keepme");
        log(store, 1, nov(23), 6.0, "from CI");
    });
    let shown = |m: &Model| match &m.overlay {
        Some(Overlay::Form { form, .. }) => (form.title.clone(), form.value("note")),
        _ => panic!("the log form is open"),
    };
    keys_settled(&mut m, &mut runner, "l7\t<C-u>2026-11-09");
    assert_eq!(
        shown(&m),
        (
            "Log Deploys · week of 9 Nov 2026 (target ≥ 10)".into(),
            "keepme".into()
        )
    );
    keys_settled(&mut m, &mut runner, "<C-u>2026-11-16");
    assert_eq!(
        shown(&m),
        (
            "Log Deploys · week of 16 Nov 2026 (target ≥ 10)".into(),
            String::new()
        )
    );
    // A note typed over stays when the date moves on.
    keys_settled(&mut m, &mut runner, "\tmine<S-Tab><C-u>2026-11-23");
    assert_eq!(shown(&m).1, "mine");
    keys_settled(&mut m, &mut runner, "<C-u>2026-11-16<C-s>");
    assert!(m.overlay.is_none(), "saved: {}", form_error(&m));
    let values = crate::store::metrics::values(runner.store.conn(), 1).unwrap();
    let note = |day| {
        values
            .iter()
            .find(|v| v.period == nov(day))
            .map(|v| v.note.as_str())
    };
    assert_eq!(
        (note(9), note(16), note(23)),
        (Some("keepme"), Some("mine"), Some("from CI"))
    );
}

/// The number follows the date as the note does, unless typed over: the opened period's 6
/// was saved over the other period's 4 (review).
#[test]
fn a_log_form_moved_to_another_period_shows_that_periods_number() {
    let (mut m, mut runner) = cockpit_with(|store| {
        log(store, 1, nov(9), 4.0, "");
        log(store, 1, nov(23), 6.0, "");
    });
    let value = |m: &Model| match &m.overlay {
        Some(Overlay::Form { form, .. }) => form.value("value"),
        _ => panic!("the log form is open"),
    };
    keys_settled(&mut m, &mut runner, "l");
    assert_eq!(value(&m), "6");
    keys_settled(&mut m, &mut runner, "\t<C-u>2026-11-09");
    assert_eq!(value(&m), "4");
    keys_settled(&mut m, &mut runner, "<C-u>2026-11-16");
    assert_eq!(value(&m), "", "a week with no number");
}

#[test]
fn the_metric_owner_is_found_by_typing_part_of_a_name() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let m = crate::tui::testing::model();
    let mut form = crate::tui::panes::scorecard_form::metric_form(None, &m.ctx());
    let press = |form: &mut crate::tui::widgets::form::Form, code: KeyCode| {
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    };
    // Name, group, unit, direction, target, warning, cadence, then Owner.
    for _ in 0..7 {
        press(&mut form, KeyCode::Tab);
    }
    assert_eq!(form.focused().map(|f| f.key), Some("owner"));
    for c in "Gra".chars() {
        press(&mut form, KeyCode::Char(c));
    }
    // A choice jumped to the last initial typed ("a": Ada).
    assert_eq!(form.value("owner"), "Grace");
}
