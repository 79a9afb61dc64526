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

/// A cockpit's runner on a new file at `path` that names one person, Priya Raman.
fn runner_with_priya(path: &std::path::Path) -> Runner {
    let mut store = Store::open(path).unwrap();
    people::add_person(&mut store, input("Priya Raman"), Weekday::Mon, now()).unwrap();
    Runner::new(store, &Config::default())
}

#[test]
fn names_read_when_the_box_opens_serve_its_first_keystroke_unless_the_file_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut runner = runner_with_priya(&path);
    assert!(matches!(
        runner.run(Effect::ReadSearchNames, now()),
        Msg::SearchReady
    ));
    let read_at = runner.search_names.as_ref().map(|(version, _)| *version);
    assert!(read_at.is_some(), "the names are kept");
    // Reading them again with nothing changed keeps the same ones.
    assert!(matches!(
        runner.run(Effect::ReadSearchNames, now()),
        Msg::SearchReady
    ));
    assert_eq!(titles(&mut runner, "prya"), ["Priya Raman"]);
    assert_eq!(
        runner.search_names.as_ref().map(|(version, _)| *version),
        read_at
    );

    // Another process adds Marcus after the box opened: the first keystroke sees him.
    assert!(matches!(
        runner.run(Effect::ReadSearchNames, now()),
        Msg::SearchReady
    ));
    let mut other = Store::open(&path).unwrap();
    people::add_person(&mut other, input("Marcus Oyelaran"), Weekday::Mon, now()).unwrap();
    assert_eq!(titles(&mut runner, "marcs"), ["Marcus Oyelaran"]);
}

#[test]
fn names_kept_between_keystrokes_are_read_again_after_any_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut runner = runner_with_priya(&path);
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

/// A note another process writes while the box is open is found by a prefix of four letters or
/// more at the next keystroke, whether that process is Bearing (its write takes the note's words
/// into the word list) or a program writing plain SQL (the words wait: searched by prefix).
#[test]
fn a_note_another_process_writes_while_the_box_is_open_is_found_by_a_long_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut runner = runner_with_priya(&path);
    runner.run(Effect::ReadSearchNames, now());
    assert!(titles(&mut runner, "zeppel").is_empty());
    let mut other = Store::open(&path).unwrap();
    let priya = people::resolve_person(&other, "Priya").unwrap().id;
    crate::ops::one_on_ones::add_note(&mut other, priya, now().date(), "Zeppelin launch", now())
        .unwrap();
    assert_eq!(titles(&mut runner, "zeppel"), ["2026-11-25"]);
    let plain = rusqlite::Connection::open(&path).unwrap();
    plain
        .execute(
            "INSERT INTO note (person_id, date, body, created_at, updated_at)
             VALUES (?1, '2026-11-24', 'Dirigible review', '2026-11-25T09:40', '2026-11-25T09:40')",
            [priya],
        )
        .unwrap();
    assert_eq!(titles(&mut runner, "dirigib revi"), ["2026-11-24"]);
}
