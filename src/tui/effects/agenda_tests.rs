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
