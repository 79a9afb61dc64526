//! The agenda and the radar at volume (issue 16), at 80×24 and 160×48: overlapping meetings,
//! folded groups, days that overflow, the radar focused and on the whole pane, the home view on
//! a Sunday. On the demo and on the large demo (`demo --size large`, seed 1), built in memory
//! with the fixed clock of Monday 23 November 2026, 09:41.

use bearing::config::Config;
use bearing::domain::agenda::AgendaView;
use bearing::ops::demo_large::{Size, load_large};
use bearing::store::Store;
use bearing::tui::effects::Runner;
use bearing::tui::initial_model;
use chrono::{NaiveDate, Weekday};
use std::sync::OnceLock;

use crate::snapshots::{App, column_of, draw, model, model_on, now, press, row_with, screen};

macro_rules! snapshot_sizes {
    ($name:literal, $model:expr) => {
        let m = $model;
        insta::assert_snapshot!(concat!($name, "_80x24"), screen(&m.model, 80, 24));
        insta::assert_snapshot!(concat!($name, "_160x48"), screen(&m.model, 160, 48));
    };
}

/// The large demo, made once for every test here (three years, 60 people, 1,000 risks).
pub(crate) fn large() -> App {
    static DUMP: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DUMP.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("large.db")).unwrap();
        load_large(&mut store, Size::LARGE, 1, Weekday::Mon, now()).unwrap();
        dir
    });
    model_on(Store::open(&dir.path().join("large.db")).unwrap())
}

#[test]
fn overlapping_meetings_are_marked_on_both_rows() {
    let mut m = model(true);
    // Wednesday: quarterly planning over the 1:1 with Marcus, the architecture review over
    // the planning prep.
    press(&mut m, "ll");
    let text = screen(&m.model, 80, 24);
    assert!(
        text.contains("09:30–12:30 · Quarterly planning  ⚠ overlaps"),
        "{text}"
    );
    assert!(
        text.contains("11:00–11:30 · 1:1 Marcus Oyelaran  ⚠ overlaps"),
        "{text}"
    );
    snapshot_sizes!("agenda_conflicts", m);
}

#[test]
fn the_radar_focused_and_on_the_whole_pane() {
    let mut m = model(true);
    press(&mut m, "rjj");
    snapshot_sizes!("agenda_radar_focused", m);
    let mut m = model(true);
    press(&mut m, "v");
    snapshot_sizes!("agenda_radar_full", m);
}

#[test]
fn a_sunday_opens_on_the_coming_week_and_the_rolling_view_on_today() {
    let sunday = NaiveDate::from_ymd_opt(2026, 11, 29)
        .unwrap()
        .and_hms_opt(18, 0, 0)
        .unwrap();
    for (view, name) in [
        (AgendaView::Week, "agenda_sunday_week"),
        (AgendaView::Rolling, "agenda_sunday_rolling"),
    ] {
        let store = bearing::tui::testing::demo_store();
        let config = Config {
            agenda_view: view,
            ..Config::default()
        };
        let mut runner = Runner::new(store, &config);
        let mut model = initial_model(&mut runner, &config, sunday).unwrap();
        model.db_label = "bearing.db".into();
        let text = screen(&model, 80, 24);
        assert!(
            !text.contains("Week 48 · Mon 23 – Sun 29"),
            "not only the past: {text}"
        );
        insta::assert_snapshot!(format!("{name}_80x24"), text);
        insta::assert_snapshot!(format!("{name}_160x48"), screen(&model, 160, 48));
    }
}

#[test]
fn the_large_demo_on_a_tuesday_opens_on_today_and_the_next_week_on_its_monday() {
    let tuesday = NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut m = large();
    m.model = initial_model(&mut m.runner, &Config::default(), tuesday).unwrap();
    m.model.db_label = "bearing.db".into();
    let text = screen(&m.model, 80, 24);
    assert!(text.contains(" ↑ +"), "{text}");
    assert!(text.contains("Tuesday 24 November · today"), "{text}");
    snapshot_sizes!("large_agenda_tuesday", &m);
    let mut m = m;
    press(&mut m, "]");
    let text = screen(&m.model, 80, 24);
    assert!(text.contains("Monday 30 November"), "{text}");
    snapshot_sizes!("large_agenda_next_week", m);
}

#[test]
fn the_large_demo_folds_groups_counts_what_does_not_fit_and_flags_overlaps() {
    let m = large();
    let text = screen(&m.model, 80, 24);
    assert!(text.contains("□ 4 actions due ▸"), "{text}");
    assert!(text.contains("⚠ overlaps"), "{text}");
    assert!(text.contains("↓ +"), "what does not fit is counted: {text}");
    assert!(
        text.contains("1:1 Kofi Kowalski"),
        "1:1s name their person: {text}"
    );
    snapshot_sizes!("large_agenda_week", m);
}

#[test]
fn the_large_demo_with_a_group_unfolded_and_the_radar_on_the_whole_pane() {
    let mut m = large();
    // From today's next meeting (Kofi, 11:00) down to the folded actions, and open them.
    press(&mut m, "jjjj\r");
    let text = screen(&m.model, 80, 24);
    assert!(text.contains("□ 4 actions due ▾"), "{text}");
    snapshot_sizes!("large_agenda_group_open", m);
    let mut m = large();
    press(
        &mut m,
        "v<PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn>",
    );
    snapshot_sizes!("large_radar_full", m);
}

/// Overdue is one colour and done another, on the agenda, the radar and the risk table alike.
#[test]
fn overdue_and_done_each_have_one_colour_everywhere() {
    let mut m = model(true);
    // Last week: two actions are overdue.
    press(&mut m, "[");
    let theme = m.theme.clone();
    let overdue = theme.overdue.fg.unwrap();
    let done = theme.done.fg.unwrap();
    let terminal = draw(&m.model, 80, 48);
    let buffer = terminal.backend().buffer();
    let y = row_with(buffer, "overdue     □ Action: Share the CI");
    assert_eq!(buffer[(column_of(buffer, y, "overdue"), y)].fg, overdue);
    let y = row_with(buffer, "! action");
    assert_eq!(buffer[(column_of(buffer, y, "!"), y)].fg, overdue);
    // The week before: one was done.
    press(&mut m, "[");
    let terminal = draw(&m.model, 80, 48);
    let buffer = terminal.backend().buffer();
    let y = row_with(buffer, "done        ✓ Action: Write up the event-bus");
    assert_eq!(buffer[(column_of(buffer, y, "done"), y)].fg, done);
    press(&mut m, "5");
    let terminal = draw(&m.model, 160, 48);
    let buffer = terminal.backend().buffer();
    let y = row_with(buffer, "on one rotation");
    assert_eq!(buffer[(column_of(buffer, y, "! 20 Nov"), y)].fg, overdue);
}
