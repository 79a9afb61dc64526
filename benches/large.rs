//! Bearing on the large demo database (`demo --size large`: 3 years, 60 people, 10,000 notes,
//! 20,000 talking points and actions, 300 goals, 1,000 risks), from a real file:
//! opening it and building the first frame's model, drawing every pane at 160×48, a key press
//! to a drawn frame, one week's agenda, the prep view, full-text search, and the JSON export.
//! Run with `cargo bench --bench large`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::OnceLock;

use bearing::config::Config;
use bearing::ops::demo_large::{Size, load_large};
use bearing::ops::{agenda, json, one_on_ones};
use bearing::store::Store;
use bearing::tui::effects::Runner;
use bearing::tui::initial_model;
use bearing::tui::model::{Model, Tab};
use bearing::tui::msg::Msg;
use bearing::tui::run::settle;
use bearing::tui::update::update;
use bearing::tui::view::view;
use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 41, 0)
        .unwrap()
}

/// The large database, generated once per run into a temporary directory.
fn database() -> &'static PathBuf {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.db");
        let mut store = Store::open(&path).unwrap();
        load_large(&mut store, Size::LARGE, 1, Weekday::Mon, now()).unwrap();
        (dir, path)
    })
    .1
}

fn app() -> (Model, Runner) {
    let config = Config::default();
    let mut runner = Runner::new(Store::open(database()).unwrap(), &config);
    let model = initial_model(&mut runner, &config, now()).unwrap();
    (model, runner)
}

fn draw(model: &Model, terminal: &mut Terminal<TestBackend>) {
    terminal.draw(|f| view(model, f)).unwrap();
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Start-up inside the process, all of it: open the file (header and schema checks), load every
/// pane's data (the real start draws the agenda first and loads the rest after), and draw.
#[divan::bench(sample_count = 30)]
fn open_and_load_every_pane(bencher: divan::Bencher) {
    database();
    bencher.bench_local(|| {
        let (model, _runner) = app();
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        draw(&model, &mut terminal);
        model
    });
}

/// Drawing each pane from a loaded model (no queries), 160×48.
#[divan::bench(args = Tab::ALL)]
fn draw_pane(bencher: divan::Bencher, tab: Tab) {
    let (mut model, mut runner) = app();
    let digit = char::from(b'1' + Tab::ALL.iter().position(|t| *t == tab).unwrap() as u8);
    let effects = update(&mut model, key(digit));
    settle(&mut model, &mut runner, effects);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    bencher.bench_local(|| draw(&model, &mut terminal));
}

/// A key press end to end on each pane: `j` (next row/item) through `update`, any effects
/// against the store, and a drawn 160×48 frame.
#[divan::bench(args = Tab::ALL)]
fn key_to_frame(bencher: divan::Bencher, tab: Tab) {
    let (mut model, mut runner) = app();
    let digit = char::from(b'1' + Tab::ALL.iter().position(|t| *t == tab).unwrap() as u8);
    let effects = update(&mut model, key(digit));
    settle(&mut model, &mut runner, effects);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let effects = update(&mut model, key(if flip { 'j' } else { 'k' }));
        settle(&mut model, &mut runner, effects);
        draw(&model, &mut terminal);
    });
}

/// Moving a week on the agenda: the store query for the new week plus the frame.
#[divan::bench]
fn next_week_to_frame(bencher: divan::Bencher) {
    let (mut model, mut runner) = app();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let effects = update(&mut model, key(if flip { ']' } else { '[' }));
        settle(&mut model, &mut runner, effects);
        draw(&model, &mut terminal);
    });
}

/// One week's agenda: meetings expanded from their series with held/skipped/moved records,
/// goals, actions and risk reviews due.
#[divan::bench(args = [0, 104])]
fn agenda_week(bencher: divan::Bencher, weeks_ago: i64) {
    let store = Store::open(database()).unwrap();
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() - Duration::weeks(weeks_ago);
    bencher.bench_local(|| agenda::week(&store, monday, 7).unwrap());
}

/// The radar (overdue actions and reviews, goals behind, 1:1s lapsed, what comes due within the
/// lead days): loaded at start, after changes and once a minute, not on moving through weeks.
#[divan::bench]
fn radar(bencher: divan::Bencher) {
    let store = Store::open(database()).unwrap();
    bencher.bench_local(|| agenda::radar(&store, now(), agenda::RADAR_LEAD_DAYS, 13).unwrap());
}

/// What `bearing agenda` and a refresh compute: the week and the radar.
#[divan::bench]
fn agenda_week_with_radar(bencher: divan::Bencher) {
    let store = Store::open(database()).unwrap();
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    bencher.bench_local(|| {
        agenda::agenda(&store, monday, 7, now(), agenda::RADAR_LEAD_DAYS, 13).unwrap()
    });
}

#[divan::bench]
fn prep_view(bencher: divan::Bencher) {
    let store = Store::open(database()).unwrap();
    bencher.bench_local(|| one_on_ones::prep(&store, 1, now()).unwrap());
}

#[divan::bench(args = ["roadmap hiring", "ro", "coaching burnout retro"])]
fn search(bencher: divan::Bencher, query: &str) {
    let store = Store::open(database()).unwrap();
    bencher.bench_local(|| one_on_ones::search_all(&store, query, 50).unwrap());
}

#[divan::bench(sample_count = 10)]
fn json_export(bencher: divan::Bencher) {
    let store = Store::open(database()).unwrap();
    bencher.bench_local(|| json::json_export(&store).unwrap());
}

/// The 1:1s list: every person with last/next 1:1, open actions and queued topics.
#[divan::bench]
fn people_list(bencher: divan::Bencher) {
    let store = Store::open(database()).unwrap();
    bencher.bench_local(|| bearing::ops::people::list_people(&store, now()).unwrap());
}
