//! The risk register at 1,000 risks (four scores of history each): loading it from the store,
//! sorting and filtering it, and drawing the table and the heat map, each on its own and as the
//! TUI chains them after a key. Run with `cargo bench --bench risks`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bearing::domain::Word;
use bearing::tui::panes::risks::RisksMsg;
use std::collections::BTreeMap;

use bearing::domain::risk::{Category, Response, RiskDraft, RiskStatus};
use bearing::domain::risk_list::{RiskFilter, RiskSort, visible_indices};
use bearing::domain::risk_score::{ReviewIntervals, RiskScore, ScoreEntry};
use bearing::ops::risks::{add_risk, list_risks};
use bearing::store::{Store, risks};
use bearing::tui::keymap::Keymap;
use bearing::tui::model::{Model, Tab};
use bearing::tui::msg::Msg;
use bearing::tui::update::update;
use bearing::tui::view::view;
use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const RISKS: usize = 1000;

fn main() {
    divan::main();
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 41, 0)
        .unwrap()
}

/// A deterministic pseudo-random sequence (no dependency needed for a benchmark's data).
fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

const WORDS: [&str; 12] = [
    "CI",
    "vendor",
    "on-call",
    "payments",
    "audit",
    "cloud",
    "attrition",
    "roadmap",
    "billing",
    "latency",
    "hiring",
    "migration",
];

/// A register of 1,000 risks over all categories, scores, statuses and owners.
fn register() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut seed = 7;
    let intervals = ReviewIntervals::default();
    for i in 0..RISKS {
        let mut pick = |n: u64| (lcg(&mut seed) % n) as usize;
        let (a, b) = (WORDS[pick(12)], WORDS[pick(12)]);
        let mut draft = RiskDraft {
            title: format!("If the {a} problem {i} grows, then the {b} plan slips"),
            category: Category::ALL[pick(Category::ALL.len() as u64)],
            likelihood: pick(5) as i64 + 1,
            impact: pick(5) as i64 + 1,
            owner: format!("Owner {}", pick(40)),
            status: RiskStatus::ALL[pick(3)],
            mitigation: format!("Mitigation plan for the {a} risk"),
            trigger: format!("{b} metric crosses its threshold"),
            next_review: Some(now().date() + Duration::days(pick(120) as i64 - 30)),
            ..RiskDraft::default()
        };
        if pick(10) == 0 {
            draft.response = Response::Accept;
            draft.accept_reason = "cheaper to live with".into();
            draft.accept_expiry = Some(now().date() + Duration::days(pick(60) as i64 - 20));
        }
        let id = add_risk(&mut store, draft, &intervals, now() - Duration::days(120))
            .unwrap()
            .risk
            .id;
        let history: Vec<ScoreEntry> = (1..4)
            .map(|k| ScoreEntry {
                date: now().date() - Duration::days(90 - 30 * k),
                score: RiskScore::new(pick(5) as i64 + 1, pick(5) as i64 + 1).unwrap(),
                note: format!("review {k}"),
            })
            .collect();
        store
            .write(|tx| -> Result<(), bearing::store::StoreError> {
                for entry in &history {
                    risks::insert_entry(tx, id, entry)?;
                }
                Ok(())
            })
            .unwrap();
    }
    store
}

fn model_on(store: &Store) -> Model {
    let keymap = Keymap::load(&BTreeMap::new()).unwrap();
    let mut model = Model::new(keymap, now(), Weekday::Mon);
    model.tab = Tab::Risks;
    model.risks.set_all(list_risks(store).unwrap());
    model
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Store query: 1,000 risks and their 4,000 history entries.
#[divan::bench]
fn load_from_store(bencher: divan::Bencher) {
    let store = register();
    bencher.bench_local(|| list_risks(&store).unwrap());
}

/// Filtering and sorting all 1,000 in memory, per sort order.
#[divan::bench(args = [RiskSort::Score, RiskSort::Review, RiskSort::Category, RiskSort::Owner])]
fn sort_and_filter(bencher: divan::Bencher, sort: RiskSort) {
    let store = register();
    let all = list_risks(&store).unwrap();
    let filter = RiskFilter::default();
    bencher.bench_local(|| visible_indices(divan::black_box(&all), &filter, sort));
}

/// A two-word text filter over titles, owners, mitigations and triggers.
#[divan::bench]
fn text_filter(bencher: divan::Bencher) {
    let store = register();
    let all = list_risks(&store).unwrap();
    let filter = RiskFilter {
        text: "vendor slips".into(),
        ..RiskFilter::default()
    };
    bencher.bench_local(|| visible_indices(divan::black_box(&all), &filter, RiskSort::Score));
}

/// Drawing the table (and the details beside it) into a terminal buffer.
#[divan::bench(args = [(80, 24), (160, 48)])]
fn draw_table(bencher: divan::Bencher, size: (u16, u16)) {
    let store = register();
    let mut model = model_on(&store);
    // A cursor deep in the list: the window must follow it.
    model.risks.list.selected = 500;
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    bencher.bench_local(|| terminal.draw(|f| view(&model, f)).unwrap().area);
}

/// Drawing the heat map, counts included.
#[divan::bench(args = [(80, 24), (160, 48)])]
fn draw_heat_map(bencher: divan::Bencher, size: (u16, u16)) {
    let store = register();
    let mut model = model_on(&store);
    update(&mut model, key('v'));
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    bencher.bench_local(|| terminal.draw(|f| view(&model, f)).unwrap().area);
}

/// What a key press costs end to end: `o` (next sort) or `b` (next band filter) through
/// `update`, then a full frame at 160×48.
#[divan::bench(args = ['o', 'b', 'f'])]
fn key_to_frame(bencher: divan::Bencher, c: char) {
    let store = register();
    let mut model = model_on(&store);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    bencher.bench_local(|| {
        update(&mut model, key(c));
        terminal.draw(|f| view(&model, f)).unwrap().area
    });
}

/// After a save: reload from the store, re-filter, and draw.
#[divan::bench]
fn reload_to_frame(bencher: divan::Bencher) {
    let store = register();
    let mut model = model_on(&store);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    bencher.bench_local(|| {
        update(
            &mut model,
            Msg::Risks(RisksMsg::Loaded(list_risks(&store).unwrap())),
        );
        terminal.draw(|f| view(&model, f)).unwrap().area
    });
}
