//! How Bearing's costs grow with history: the same measures on the small demo, the large one
//! (3 years, 10,000 notes) and the huge one (10 years, 100,000 notes), each in a real file, in
//! this process, through the same store and use-cases the cockpit runs (journaled for undo, as
//! the cockpit's writes are). Prints one line per measure and size; BENCHMARKS.md keeps the table.
//! Run with `cargo bench --bench growth` (not part of `cargo test`); `BEARING_BENCH_SIZES=large`
//! (comma-separated) limits the sizes.
// It prints its own measurements; the rule that output goes through cli::output is for Bearing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_macros)]

use std::time::{Duration, Instant};

use bearing::config::Config;
use bearing::ops::demo::load_demo;
use bearing::ops::demo_large::{Size, load_large};
use bearing::ops::person_delete::{self, Slice};
use bearing::ops::search::{self, Names};
use bearing::ops::{agenda, history, json, one_on_ones, people, plan, risks, rituals};
use bearing::store::Store;
use bearing::tui::effects::Runner;
use bearing::tui::initial_model;
use bearing::tui::model::Tab;
use bearing::tui::msg::Msg;
use bearing::tui::run::settle;
use bearing::tui::update::update;
use bearing::tui::view::view;
use chrono::{NaiveDate, NaiveDateTime, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 41, 0)
        .unwrap()
}

/// What is typed into the search box, one keystroke at a time (searching starts at two
/// characters): words of both demos, a rare one, a typo'd name.
const TYPED: [&str; 4] = ["on-call review", "budget", "coaching burnout retro", "prya"];

/// Wall-clock times, and the CPU time this thread spent in each (less disturbed by other
/// processes on a shared machine).
struct Figures {
    samples: Vec<Duration>,
    cpu: Vec<Duration>,
}

fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

impl Figures {
    fn new() -> Figures {
        Figures {
            samples: Vec::new(),
            cpu: Vec::new(),
        }
    }

    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (started, cpu) = (Instant::now(), thread_cpu());
        let value = f();
        self.samples.push(started.elapsed());
        self.cpu.push(thread_cpu().saturating_sub(cpu));
        value
    }

    /// The median of the CPU times: a short figure for a table of many.
    fn cpu_median(&self) -> Duration {
        let mut cpu = self.cpu.clone();
        cpu.sort();
        cpu[cpu.len() / 2]
    }

    fn summary(&mut self) -> String {
        fn at(sorted: &[Duration], p: f64) -> String {
            let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
            ms(sorted[i])
        }
        let mut wall = self.samples.clone();
        wall.sort();
        let mut cpu = self.cpu.clone();
        cpu.sort();
        format!(
            "median {}, p95 {}, max {} (CPU: median {}, p95 {}; {} runs)",
            at(&wall, 0.5),
            at(&wall, 0.95),
            at(&wall, 1.0),
            at(&cpu, 0.5),
            at(&cpu, 0.95),
            wall.len()
        )
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn build(size: &str, path: &std::path::Path) -> Duration {
    let mut store = Store::open(path).unwrap();
    let started = Instant::now();
    match size {
        "small" => {
            load_demo(&mut store, Weekday::Mon, now()).unwrap();
        }
        "large" => {
            load_large(&mut store, Size::LARGE, 1, Weekday::Mon, now()).unwrap();
        }
        _ => {
            load_large(&mut store, Size::HUGE, 1, Weekday::Mon, now()).unwrap();
        }
    }
    started.elapsed()
}

/// The people with the most notes: the worst deletes (or `BEARING_BENCH_PEOPLE=2,8,…`).
fn busiest(store: &Store, n: usize) -> Vec<i64> {
    if let Ok(ids) = std::env::var("BEARING_BENCH_PEOPLE") {
        return ids
            .split(',')
            .filter_map(|id| id.parse().ok())
            .take(n)
            .collect();
    }
    let mut people: Vec<(u32, i64)> = people::list_people(store, now())
        .unwrap()
        .iter()
        .map(|p| {
            let detail = one_on_ones::person_detail(store, p.person.id, now()).unwrap();
            (detail.notes_total, p.person.id)
        })
        .collect();
    people.sort_by(|a, b| b.cmp(a));
    people.into_iter().take(n).map(|(_, id)| id).collect()
}

/// `BEARING_BENCH_PARTS` (comma-separated: start, reload, draw, search, saves, people, plain,
/// export) limits the measures.
fn wanted(part: &str) -> bool {
    std::env::var("BEARING_BENCH_PARTS").map_or(true, |parts| parts.split(',').any(|p| p == part))
}

fn measure(size: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{size}.db"));
    // `BEARING_BENCH_COPY=DIR` copies DIR/SIZE.db (made by `demo --size SIZE`) instead of
    // generating it: quicker when profiling.
    let built = match std::env::var_os("BEARING_BENCH_COPY") {
        Some(from) => {
            std::fs::copy(
                std::path::Path::new(&from).join(format!("{size}.db")),
                &path,
            )
            .unwrap();
            Duration::ZERO
        }
        None => build(size, &path),
    };
    let file_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    println!(
        "{size}: built in {:.2} s, {file_mb:.0} MB",
        built.as_secs_f64()
    );
    let mut store = Store::open(&path).unwrap();
    if wanted("start") {
        measure_start(size, &path);
    }
    if wanted("reload") {
        measure_reload(size, &store);
    }
    if wanted("search") {
        measure_search(size, &store);
    }
    if wanted("draw") {
        measure_draw(size, &path);
    }
    if wanted("saves") {
        measure_saves(size, &mut store);
    }
    if wanted("people") {
        measure_person_delete(size, &mut store);
    }
    if wanted("plain") {
        measure_plain_person_delete(size, &mut store);
    }
    if wanted("export") {
        let mut export = Figures::new();
        for _ in 0..3 {
            let text = export.time(|| json::json_export(&store).unwrap());
            assert!(text.len() > 1000);
        }
        println!("{size}: JSON export: {}", export.summary());
    }
}

/// What the first frame needs: the file opened, the week with the radar, the next meeting.
fn measure_start(size: &str, path: &std::path::Path) {
    let (mut open, mut week, mut radar, mut next) = (
        Figures::new(),
        Figures::new(),
        Figures::new(),
        Figures::new(),
    );
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for _ in 0..20 {
        let store = open.time(|| Store::open(path).unwrap());
        week.time(|| agenda::week(&store, monday, 7).unwrap());
        radar.time(|| agenda::radar(&store, now(), agenda::RADAR_LEAD_DAYS, 13).unwrap());
        next.time(|| agenda::next_meeting(&store, now(), true).unwrap());
    }
    println!("{size}: open the file: {}", open.summary());
    println!("{size}: one week's agenda: {}", week.summary());
    println!("{size}: the radar: {}", radar.summary());
    println!("{size}: the next meeting: {}", next.summary());
}

/// What the cockpit reloads after every save (and after a change from outside): each pane.
fn measure_reload(size: &str, store: &Store) {
    let person = busiest(store, 1)[0];
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let parts: [(&str, &dyn Fn()); 7] = [
        ("people", &|| {
            drop(people::list_people(store, now()).unwrap())
        }),
        ("rituals", &|| {
            drop(rituals::list_rituals(store, now()).unwrap())
        }),
        ("plan", &|| {
            drop(plan::plan_view(store, now().date()).unwrap())
        }),
        ("risks", &|| drop(risks::list_risks(store).unwrap())),
        ("agenda with radar", &|| {
            drop(agenda::agenda(store, monday, 7, now(), agenda::RADAR_LEAD_DAYS, 13).unwrap())
        }),
        ("upcoming", &|| {
            let today = now().date();
            let to = today + chrono::Duration::days(2);
            drop(agenda::meetings_and_events(store, today, to, true).unwrap())
        }),
        ("person page", &|| {
            drop(one_on_ones::person_detail(store, person, now()).unwrap())
        }),
    ];
    let mut all = Figures::new();
    for (name, load) in parts {
        let mut f = Figures::new();
        for _ in 0..10 {
            f.time(load);
        }
        println!("{size}: reload {name}: {}", f.summary());
    }
    for _ in 0..10 {
        all.time(|| {
            for (_, load) in parts {
                load();
            }
        });
    }
    println!("{size}: reload every pane: {}", all.summary());
}

/// A key on each tab, as the cockpit handles it: `j` or `k` through `update` and its effects,
/// then the frame drawn (to a test backend: the view, not the terminal), at 80×24 and 160×48.
/// What a pane draws must not grow with what it holds: only what is on screen is laid out.
fn measure_draw(size: &str, path: &std::path::Path) {
    let config = Config::default();
    let mut runner = Runner::new(Store::open(path).unwrap(), &config);
    let mut model = initial_model(&mut runner, &config, now()).unwrap();
    let key = |c: char| Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    for (cols, rows) in [(80, 24), (160, 48)] {
        let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
        let mut line = format!("{size}: a key and its frame, {cols}x{rows}:");
        // Every tab, then the first person's page from the 1:1s tab, their prep view, and the
        // list of every open action.
        let enter = Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        let mut screens: Vec<(&str, Vec<Msg>)> = (Tab::ALL.iter().enumerate())
            .map(|(i, tab)| (tab.title(), vec![key(char::from(b'1' + i as u8))]))
            .collect();
        screens.push(("person page", vec![key('4'), enter]));
        screens.push(("prep", vec![key('p')]));
        screens.push(("all actions", vec![key('O')]));
        for (name, keys) in screens {
            for msg in keys {
                let effects = update(&mut model, msg);
                settle(&mut model, &mut runner, effects);
            }
            let mut f = Figures::new();
            for n in 0..60 {
                f.time(|| {
                    let effects = update(&mut model, key(if n % 2 == 0 { 'j' } else { 'k' }));
                    settle(&mut model, &mut runner, effects);
                    terminal.draw(|frame| view(&model, frame)).unwrap();
                });
            }
            line.push_str(&format!(" {name} {}", ms(f.cpu_median())));
        }
        let escape = Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        for _ in 0..2 {
            let effects = update(&mut model, escape.clone());
            settle(&mut model, &mut runner, effects);
        }
        println!("{line}");
    }
}

fn measure_search(size: &str, store: &Store) {
    let mut search = Figures::new();
    let mut opened = Figures::new();
    for _ in 0..3 {
        for typed in TYPED {
            // As the search box does: the names typo-tolerant matching reads are read once the
            // box is open and drawn, before the first keystroke, and kept while nothing
            // changes (`tui::effects`).
            let names = opened.time(|| Names::load(store).unwrap());
            let chars: Vec<char> = typed.chars().collect();
            for n in 2..=chars.len() {
                let query: String = chars[..n].iter().collect();
                let found =
                    search.time(|| search::search_with_names(store, &query, 30, &names).unwrap());
                if std::env::var_os("BEARING_BENCH_VERBOSE").is_some() {
                    let took = search.samples.last().copied().unwrap_or_default();
                    println!("  {query:?}: {} hits in {}", found.len(), ms(took));
                }
            }
        }
    }
    println!(
        "{size}: names read when the search box opens: {}",
        opened.summary()
    );
    println!("{size}: search per keystroke: {}", search.summary());
}

fn measure_saves(size: &str, store: &mut Store) {
    // Writes as the cockpit makes them: journaled, one transaction each.
    store.journal(Some(now())).unwrap();
    let person = busiest(store, 1)[0];
    let (mut add, mut edit, mut tick, mut delete) = (
        Figures::new(),
        Figures::new(),
        Figures::new(),
        Figures::new(),
    );
    for i in 0..20 {
        let date = now().date();
        let id = add.time(|| {
            one_on_ones::add_note(store, person, date, "Growth check: budget review", now())
                .unwrap()
        });
        edit.time(|| {
            one_on_ones::update_note(store, id, date, &format!("Edited {i}"), None, now()).unwrap()
        });
        let topic = one_on_ones::add_topic(store, person, "Growth topic", now()).unwrap();
        tick.time(|| one_on_ones::set_topic_discussed(store, topic.id, true, now()).unwrap());
        delete.time(|| one_on_ones::delete_note(store, id).unwrap());
    }
    println!("{size}: add a note: {}", add.summary());
    println!("{size}: edit a note: {}", edit.summary());
    println!("{size}: tick a talking point: {}", tick.summary());
    println!("{size}: delete a note: {}", delete.summary());
}

fn measure_person_delete(size: &str, store: &mut Store) {
    store.journal(Some(now())).unwrap();
    let (mut gone, mut slices, mut back) = (Figures::new(), Figures::new(), Figures::new());
    for id in busiest(store, 3) {
        let detail = one_on_ones::person_detail(store, id, now()).unwrap();
        let notes = detail.notes_total;
        // As the cockpit runs it: the mark, then one slice per effect; each is one transaction,
        // the longest is how long the database was held at most.
        gone.time(|| {
            let mut run = slices.time(|| person_delete::begin(store, id, now()).unwrap());
            while let Slice::More(next) = slices.time(|| {
                person_delete::slice(store, &run, person_delete::SLICE_ROWS, now()).unwrap()
            }) {
                run = next;
            }
        });
        back.time(|| history::undo(store).unwrap());
        println!("{size}: (person {id} had {notes} notes)");
    }
    println!("{size}: delete a person, all slices: {}", gone.summary());
    println!("{size}: one slice of that delete: {}", slices.summary());
    println!("{size}: undo deleting a person: {}", back.summary());

    measure_plain_person_delete(size, store);
}

fn measure_plain_person_delete(size: &str, store: &mut Store) {
    // As `bearing person delete` does it: not journaled.
    store.journal(None).unwrap();
    let mut plain = Figures::new();
    for id in busiest(store, 2) {
        plain.time(|| people::delete_person(store, id, now()).unwrap());
    }
    println!(
        "{size}: delete a person, not journaled: {}",
        plain.summary()
    );
}

fn main() {
    let sizes = std::env::var("BEARING_BENCH_SIZES").unwrap_or_else(|_| "small,large,huge".into());
    for size in sizes.split(',') {
        measure(size.trim());
    }
}
