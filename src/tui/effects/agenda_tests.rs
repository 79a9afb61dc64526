//! Days read ahead are checked against the store when shown: another connection's write since
//! they were read loads them again.

use super::*;
use crate::config::Config;
use crate::tui::effects::Runner;
use crate::tui::msg::Effect;
use crate::tui::testing::at;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn read_ahead(runner: &mut Runner) -> i64 {
    let prefetch = AgendaEffect::Prefetch {
        from: day(23),
        days: 7,
    };
    match runner.run(Effect::Agenda(prefetch), at(9, 0)) {
        Msg::Agenda(AgendaMsg::Kept { agenda, read_at }) => {
            assert_eq!(agenda.from, day(23));
            read_at
        }
        other => panic!("{other:?}"),
    }
}

fn verify(runner: &mut Runner, read_at: i64) -> Msg {
    let verify = AgendaEffect::Verify {
        from: day(23),
        days: 7,
        read_at,
    };
    runner.run(Effect::Agenda(verify), at(9, 0))
}

#[test]
fn kept_days_are_loaded_again_when_another_writer_changed_the_database_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let mut runner = Runner::new(Store::open(&db).unwrap(), &Config::default());
    let read_at = read_ahead(&mut runner);
    assert!(
        matches!(
            verify(&mut runner, read_at),
            Msg::Agenda(AgendaMsg::Current)
        ),
        "unchanged: nothing to load"
    );

    let mut cli = Store::open(&db).unwrap();
    crate::ops::one_on_ones::add_action(
        &mut cli,
        None,
        crate::domain::one_on_one::Owner::Me,
        "Send the board pack",
        Some(day(25)),
        at(9, 1),
    )
    .unwrap();
    match verify(&mut runner, read_at) {
        Msg::Agenda(AgendaMsg::Loaded { agenda, .. }) => {
            assert_eq!(agenda.from, day(23));
            assert!(
                agenda
                    .items
                    .iter()
                    .any(|i| i.title == "Send the board pack"),
                "{:?}",
                agenda.items
            );
        }
        other => panic!("the change is loaded, not the days read before it: {other:?}"),
    }
}

/// A file whose radar holds one late action of mine, "Send the board pack".
fn file_with_a_late_action(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("bearing.db");
    add_late_action(&db, "Send the board pack");
    db
}

fn add_late_action(db: &std::path::Path, title: &str) {
    let mut store = Store::open(db).unwrap();
    crate::ops::one_on_ones::add_action(
        &mut store,
        None,
        crate::domain::one_on_one::Owner::Me,
        title,
        Some(day(20)),
        at(9, 1),
    )
    .unwrap();
}

/// The store opened with its radar read beside it, once that read is done.
fn opened_reading(db: &std::path::Path) -> (Store, crate::ops::agenda::RadarReading) {
    let (done, read) = std::sync::mpsc::channel();
    let (store, radar) = Store::open_reading(db, move |store| {
        let radar = crate::ops::agenda::radar(store, at(9, 41), 7, 13);
        done.send(()).unwrap();
        radar
    })
    .unwrap();
    read.recv()
        .expect("the file is at the latest version and in WAL mode: the read runs");
    (store, radar)
}

fn load_with_radar(runner: &mut Runner) -> (Vec<String>, i64) {
    let load = AgendaEffect::Load {
        from: day(23),
        days: 7,
        with_radar: true,
    };
    match runner.run(Effect::Agenda(load), at(9, 41)) {
        Msg::Agenda(AgendaMsg::Loaded {
            agenda, read_at, ..
        }) => (agenda.radar.into_iter().map(|r| r.title).collect(), read_at),
        other => panic!("{other:?}"),
    }
}

/// A cockpit's runner whose radar was read while its store opened, with a late action; another
/// program then saved a second one.
fn radar_read_then_another_save() -> (tempfile::TempDir, Runner) {
    let dir = tempfile::tempdir().unwrap();
    let db = file_with_a_late_action(&dir);
    let (store, radar) = opened_reading(&db);
    add_late_action(&db, "Book the offsite");
    let mut runner = Runner::new(store, &Config::default());
    runner.first_radar = Some(radar);
    (dir, runner)
}

#[test]
fn the_first_load_shows_the_radar_read_while_the_store_opened_and_a_later_save_loads_it_again() {
    let (_dir, mut runner) = radar_read_then_another_save();
    let (titles, read_at) = load_with_radar(&mut runner);
    assert_eq!(
        titles,
        ["Send the board pack"],
        "the radar read beside the open"
    );
    assert_ne!(
        read_at,
        runner.store.data_version().unwrap(),
        "the load says it was read before the other program's save, so the cockpit reads again"
    );
    let (titles, read_at) = load_with_radar(&mut runner);
    assert_eq!(titles.len(), 2, "read again on the store: {titles:?}");
    assert_eq!(read_at, runner.store.data_version().unwrap());
}

#[test]
fn the_radar_read_while_the_store_opened_serves_the_first_effect_alone() {
    let (_dir, mut runner) = radar_read_then_another_save();
    // Any other effect first (it may have changed what the radar shows): the read is dropped.
    runner.run(Effect::Agenda(AgendaEffect::Next), at(9, 41));
    let (titles, _) = load_with_radar(&mut runner);
    assert_eq!(titles.len(), 2, "{titles:?}");
}

#[test]
fn without_a_read_beside_it_the_first_load_reads_the_radar_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_with_a_late_action(&dir);
    read_on_the_store(Store::open(&db).unwrap(), crate::store::Reading::none());
}

/// The first load with `radar` beside it reads the radar on `store` (its late action).
fn read_on_the_store(store: Store, radar: crate::ops::agenda::RadarReading) {
    let mut runner = Runner::new(store, &Config::default());
    runner.first_radar = Some(radar);
    let (titles, read_at) = load_with_radar(&mut runner);
    assert_eq!(titles, ["Send the board pack"]);
    assert_eq!(read_at, runner.store.data_version().unwrap());
}

#[test]
fn a_radar_read_that_failed_beside_the_store_is_read_on_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_with_a_late_action(&dir);
    let (done, read) = std::sync::mpsc::channel();
    let (store, radar) = Store::open_reading(&db, move |_: &Store| {
        done.send(()).unwrap();
        Err(OpsError::Refused("the database stayed locked".into()))
    })
    .unwrap();
    read.recv().unwrap();
    read_on_the_store(store, radar);
}

#[test]
fn on_a_new_file_the_first_load_reads_the_radar_itself_at_the_version_after_the_opening() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bearing.db");
    let (store, start) = crate::ops::agenda::Start::open(&db, at(9, 41), 7, 13).unwrap();
    let mut runner = Runner::new(store, &Config::default());
    runner.first_radar = Some(start.radar);
    let (titles, read_at) = load_with_radar(&mut runner);
    assert!(titles.is_empty());
    // The file was made and switched to WAL while it opened: the load's version is the one
    // after that, so the cockpit does not read the agenda again for nothing.
    assert_eq!(read_at, runner.store.data_version().unwrap());
}
