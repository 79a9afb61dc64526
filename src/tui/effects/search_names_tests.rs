//! The names the search box keeps between keystrokes are read again after any change: one made
//! in this window (any other effect) and one made by another process (`data_version`).

use super::Runner;
use super::people::PeopleEffect;
use crate::config::Config;
use crate::domain::person::PersonDraft;
use crate::ops::one_on_ones::SearchResult;
use crate::ops::people::{self, PersonInput};
use crate::store::Store;
use crate::tui::msg::{Effect, Msg};
use chrono::{NaiveDate, NaiveDateTime, Weekday};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(9, 40, 0)
        .unwrap()
}

fn input(name: &str) -> PersonInput {
    PersonInput {
        draft: PersonDraft {
            name: name.into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    }
}

fn titles(runner: &mut Runner, query: &str) -> Vec<String> {
    match runner.run(Effect::Search(query.into()), now()) {
        Msg::SearchResults { results, .. } => {
            results.into_iter().map(|r: SearchResult| r.title).collect()
        }
        other => panic!("expected results, got {other:?}"),
    }
}

#[test]
fn names_kept_between_keystrokes_are_read_again_after_any_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut store = Store::open(&path).unwrap();
    people::add_person(&mut store, input("Priya Raman"), Weekday::Mon, now()).unwrap();
    let mut runner = Runner::new(store, &Config::default());
    // "prya" is a typo: only the fuzzy match over the names finds her.
    assert_eq!(titles(&mut runner, "prya"), ["Priya Raman"]);
    assert!(titles(&mut runner, "marcs").is_empty());

    // Another process adds Marcus: the next keystroke sees him.
    let mut other = Store::open(&path).unwrap();
    people::add_person(&mut other, input("Marcus Oyelaran"), Weekday::Mon, now()).unwrap();
    assert_eq!(titles(&mut runner, "marcs"), ["Marcus Oyelaran"]);

    // This window adds Tomás (any effect but a search drops the names kept).
    let added = runner.run(
        Effect::People(PeopleEffect::Add(input("Tomás Ferreira"))),
        now(),
    );
    assert!(matches!(added, Msg::Saved { .. }), "{added:?}");
    assert_eq!(titles(&mut runner, "toms"), ["Tomás Ferreira"]);
}
