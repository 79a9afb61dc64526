//! The scorecard at 40 metrics with three years of weekly values each (5,928 values): judging
//! them (the scorecard the pane and the radar read), drawing the grid at 80×24 and 160×48, and
//! drawing a metric's detail (chart and table). Run with `cargo bench --bench scorecard`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use bearing::domain::Word;
use bearing::domain::metric::{Direction, MetricFields, MetricGroup, Unit, Warn};
use bearing::ops::metrics::add_metric;
use bearing::ops::scorecard::scorecard;
use bearing::store::{Store, metrics};
use bearing::tui::keymap::Keymap;
use bearing::tui::model::{Model, Tab};
use bearing::tui::msg::Msg;
use bearing::tui::update::update;
use bearing::tui::view::view;
use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const METRICS: usize = 40;
const WEEKS: i64 = 156;

fn main() {
    divan::main();
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 27)
        .unwrap()
        .and_hms_opt(9, 41, 0)
        .unwrap()
}

/// 40 weekly metrics over every group, unit and direction, each with a value for each of the
/// last 156 weeks (one in twenty missing).
fn card() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let first = now().date() - Duration::weeks(WEEKS);
    for i in 0..METRICS {
        // Spread over every unit, direction and group; values 70–129 around a target of 100.
        let direction = if i % 2 == 0 {
            Direction::Up
        } else {
            Direction::Down
        };
        let fields = MetricFields {
            unit: Unit::ALL[i % Unit::ALL.len()],
            direction,
            target: Some(100.0),
            warn: Some(Warn::Band(10.0)),
            group: MetricGroup::ALL[i % MetricGroup::ALL.len()],
            ..MetricFields::new(&format!("Metric number {i} of the scorecard"), Weekday::Mon)
        };
        let id = add_metric(&mut store, fields, first.and_hms_opt(9, 0, 0).unwrap())
            .unwrap()
            .id;
        let values: Vec<(NaiveDate, f64)> = (0..WEEKS)
            .filter(|w| (w + i as i64) % 20 != 0)
            .map(|w| {
                let wobble = (w * 37 + i as i64 * 11) % 60;
                (first + Duration::weeks(w), 70.0 + wobble as f64)
            })
            .collect();
        store
            .write(|tx| -> Result<(), bearing::store::StoreError> {
                for (day, value) in &values {
                    let monday = *day - Duration::days(i64::from(day_of_week(*day)));
                    metrics::insert_value(tx, id, monday, *value, "", now())?;
                }
                Ok(())
            })
            .unwrap();
    }
    store
}

fn day_of_week(day: NaiveDate) -> u32 {
    use chrono::Datelike;
    day.weekday().num_days_from_monday()
}

fn model_on(store: &Store) -> Model {
    let keymap = Keymap::load(&BTreeMap::new()).unwrap();
    let mut model = Model::new(keymap, now(), Weekday::Mon);
    model.tab = Tab::Scorecard;
    model
        .scorecard
        .set_card(scorecard(store, now().date()).unwrap());
    model
}

/// Reading and judging every metric: what the pane, the radar and the agenda load.
#[divan::bench]
fn judge_all(bencher: divan::Bencher) {
    let store = card();
    bencher.bench_local(|| scorecard(&store, now().date()).unwrap().summary);
}

/// Drawing the grid into a terminal buffer.
#[divan::bench(args = [(80, 24), (160, 48)])]
fn draw_grid(bencher: divan::Bencher, size: (u16, u16)) {
    let store = card();
    let model = model_on(&store);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    bencher.bench_local(|| terminal.draw(|f| view(&model, f)).unwrap().area);
}

/// Drawing one metric's detail: the chart of three years against the target, and its values.
#[divan::bench(args = [(80, 24), (160, 48)])]
fn draw_detail(bencher: divan::Bencher, size: (u16, u16)) {
    let store = card();
    let mut model = model_on(&store);
    update(
        &mut model,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    bencher.bench_local(|| terminal.draw(|f| view(&model, f)).unwrap().area);
}
