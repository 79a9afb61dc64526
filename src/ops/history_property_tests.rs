//! A property, over seeded random histories: journaled writes by a TUI window interleaved with
//! unjournaled writes by a second connection (the CLI), and undo and redo steps in the window.
//! Every step either changes nothing (refused, or nothing to do) or changes only rows of the
//! one entry it took, each to that entry's image: undo never deletes or changes a row it did not
//! journal, and the full-text index still matches the rows. A refused entry stays refused (no later
//! step takes it) and does not block the ones behind it: "nothing to do" is said only when every
//! entry left is one that was refused. `BEARING_UNDO_SEEDS=N` runs N seeds instead of the default (12; 300 with
//! `BEARING_FULL_TESTS=1`).

use super::tests::{at, goal, now, person, temp_store, weekly};
use super::*;
use crate::domain::one_on_one::Owner;
use crate::domain::risk::{Category, RiskDraft};
use crate::domain::risk_score::ReviewIntervals;
use crate::domain::ritual::OccurrenceStatus;
use crate::ops::{actions, json, one_on_ones, people, plan, risks, ritual_delete, rituals};
use chrono::Weekday;
use fastrand::Rng;
use std::collections::BTreeMap;

/// (table, id) → row, for every row of every table, the journal included.
type Rows = BTreeMap<(String, i64), serde_json::Value>;

fn rows(store: &Store) -> Rows {
    let export: serde_json::Value =
        serde_json::from_str(&json::json_export(store).unwrap()).unwrap();
    let mut all = Rows::new();
    for (table, list) in export["tables"].as_object().unwrap() {
        for row in list.as_array().unwrap() {
            let key = row.get("id").and_then(|id| id.as_i64()).unwrap_or(0);
            all.insert((table.clone(), key), row.clone());
        }
    }
    all
}

fn ids(all: &Rows, table: &str) -> Vec<i64> {
    all.keys()
        .filter(|(t, _)| t == table)
        .map(|(_, id)| *id)
        .collect()
}

fn pick(rng: &mut Rng, ids: &[i64]) -> i64 {
    if ids.is_empty() {
        1
    } else {
        ids[rng.usize(..ids.len())]
    }
}

/// One random write; it may fail (a name taken, a row gone), as a user's might.
fn write(rng: &mut Rng, store: &mut Store, n: usize) {
    let all = rows(store);
    let person_id = pick(rng, &ids(&all, "person"));
    let ritual_id = pick(rng, &ids(&all, "ritual"));
    let date = now().date();
    let _ = match rng.u8(..14) {
        0 => people::add_person(store, person(&format!("P{n}")), Weekday::Mon, now()).map(drop),
        1 => people::update_person(
            store,
            person_id,
            person(&format!("Q{n}")),
            None,
            Weekday::Mon,
            now(),
        )
        .map(drop),
        2 => people::delete_person(store, person_id, now()).map(drop),
        3 => one_on_ones::add_note(store, person_id, date, "words", now()).map(drop),
        4 => {
            let note = pick(rng, &ids(&all, "note"));
            one_on_ones::update_note(store, note, date, "more", None, now()).map(drop)
        }
        5 => one_on_ones::delete_note(store, pick(rng, &ids(&all, "note"))),
        6 => {
            one_on_ones::add_action(store, Some(person_id), Owner::Me, "do", None, now()).map(drop)
        }
        7 => actions::set_action_done(
            store,
            pick(rng, &ids(&all, "action_item")),
            true,
            None,
            now(),
        ),
        8 => {
            let mut r = weekly(&format!("R{n}"));
            r.person_id = rng.bool().then_some(person_id);
            rituals::add_ritual(store, r, now()).map(drop)
        }
        9 => {
            let week = chrono::Duration::days(7 * rng.i64(0..3));
            rituals::set_status(
                store,
                ritual_id,
                at(24, 10) + week,
                OccurrenceStatus::Held,
                None,
            )
            .map(drop)
        }
        10 => ritual_delete::delete_ritual(store, ritual_id, None).map(drop),
        11 => one_on_ones::add_topic(store, person_id, "topic", now()).map(drop),
        12 => plan::start_plan(store, date, None, now()).and_then(|_| {
            let mut g = goal(&format!("G{n}"));
            g.person_id = Some(person_id);
            plan::add_goal(store, g, now()).map(drop)
        }),
        _ => {
            let draft = RiskDraft {
                title: format!("K{n}"),
                likelihood: 2,
                impact: 3,
                category: Category::People,
                ..RiskDraft::default()
            };
            risks::add_risk(store, draft, &ReviewIntervals::default(), now()).map(drop)
        }
    };
}

/// The rows an entry journaled, each with the image a step in `direction` puts it to.
fn targets(entry: &serde_json::Value, redo: bool) -> BTreeMap<(String, i64), serde_json::Value> {
    let side = if redo { "after" } else { "before" };
    let images: Vec<serde_json::Value> =
        serde_json::from_str(entry[side].as_str().unwrap()).unwrap();
    images
        .into_iter()
        .map(|i| {
            let key = (
                i["table"].as_str().unwrap().to_string(),
                i["id"].as_i64().unwrap(),
            );
            (key, i["row"].clone())
        })
        .collect()
}

/// `entries` (journal rows) are one step: a single entry, or entries of one group.
fn assert_one_step(after: &Rows, entries: &[(String, i64)], context: &str) {
    let group = |key: &(String, i64)| after[key]["step_group"].clone();
    if let Some(first) = entries.first() {
        assert!(
            entries.len() == 1
                || (!group(first).is_null() && entries.iter().all(|k| group(k) == group(first))),
            "{context}: one step changed {entries:?}"
        );
    }
}

#[derive(Default, Debug)]
struct Tally {
    applied: usize,
    refused: usize,
    nothing: usize,
    /// Steps applied while a later (for undo; earlier, for redo) entry stayed refused.
    applied_past_a_refusal: usize,
}

/// This window's entries a step in that direction could take: in effect (undo) or undone and
/// not past redo (redo), newest (undo) or oldest (redo) first.
fn candidates(all: &Rows, session: &str, redo: bool) -> Vec<i64> {
    let mut ids: Vec<i64> = all
        .iter()
        .filter(|((t, _), _)| t == "change_log")
        .filter(|(_, e)| e["session"].as_str() == Some(session))
        .filter(|(_, e)| e["undone"].as_i64() == Some(if redo { 1 } else { 0 }))
        .map(|((_, id), _)| *id)
        .collect();
    ids.sort_unstable();
    if !redo {
        ids.reverse();
    }
    ids
}

/// One undo or redo, checked against the property.
fn step(store: &mut Store, redo: bool, tally: &mut Tally, context: &str) {
    let before = rows(store);
    let refused_before = store.refused_steps().clone();
    let open = candidates(&before, store.session(), redo);
    let said = if redo {
        super::redo(store)
    } else {
        super::undo(store)
    };
    let after = rows(store);
    let changed: Vec<&(String, i64)> = before
        .keys()
        .chain(after.keys().filter(|k| !before.contains_key(*k)))
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    let message = match said {
        Err(OpsError::Refused(message)) => {
            assert!(
                changed.is_empty(),
                "{context}: refused, yet changed {changed:?}"
            );
            // The entry refused is the first one not refused before, and now it is.
            // With the rest of its group, if it is one (a person deleted in slices).
            let first = open.iter().find(|id| !refused_before.contains(*id));
            let newly: Vec<i64> = store
                .refused_steps()
                .difference(&refused_before)
                .copied()
                .collect();
            assert!(first.is_some_and(|f| newly.contains(f)), "{context}");
            let keys: Vec<(String, i64)> = newly
                .iter()
                .map(|id| ("change_log".to_string(), *id))
                .collect();
            assert_one_step(&after, &keys, context);
            tally.refused += 1;
            return assert!(message.ends_with("nothing was changed."), "{message}");
        }
        Err(e) => panic!("{context}: {e}"),
        Ok(message) if message.starts_with("Nothing to") => {
            assert!(
                changed.is_empty(),
                "{context}: {message}, yet changed {changed:?}"
            );
            // A refusal never blocks: nothing left means everything left was refused.
            assert!(
                open.iter().all(|id| refused_before.contains(id)),
                "{context}: {message} with {open:?} open and only {refused_before:?} refused"
            );
            tally.nothing += 1;
            return;
        }
        Ok(message) => message,
    };
    // The journal entries whose state changed are the one the step took, or every entry of
    // its group (a person deleted in slices), all of this window.
    let mut entries: Vec<(String, i64)> = changed
        .iter()
        .filter(|(t, _)| t == "change_log")
        .map(|k| (*k).clone())
        .collect();
    assert!(
        !entries.is_empty(),
        "{context}: {message} changed {changed:?}"
    );
    assert_one_step(&after, &entries, context);
    for key in &entries {
        assert_eq!(
            after[key]["session"].as_str(),
            Some(store.session()),
            "{context}"
        );
    }
    // It took the first entry in its direction that was not refused: a refused one stays.
    entries.sort_by_key(|k| k.1);
    if !redo {
        entries.reverse();
    }
    let taken = entries[0].1;
    assert!(
        !refused_before.contains(&taken),
        "{context}: took refused {taken}"
    );
    let first = open.iter().find(|id| !refused_before.contains(*id));
    assert_eq!(first, Some(&taken), "{context}: {message}");
    if open.first() != Some(&taken) {
        tally.applied_past_a_refusal += 1;
    }
    // Each row as the group's earliest entry had it before (undo), or as its latest left it.
    let mut targets = BTreeMap::new();
    // (`entries` runs in the step's direction: the one whose image stands comes last.)
    for key in &entries {
        targets.extend(self::targets(&after[key], redo));
    }
    for key in changed.iter().filter(|(t, _)| t != "change_log") {
        let Some(target) = targets.get(*key) else {
            panic!("{context}: {message} changed {key:?}, a row its entry did not journal");
        };
        let now = after.get(*key).cloned().unwrap_or_default();
        assert_eq!(
            &now, target,
            "{context}: {message} left {key:?} unlike its image"
        );
    }
    tally.applied += 1;
}

#[test]
fn undo_never_deletes_or_changes_a_row_it_did_not_journal() {
    let seeds: u64 = std::env::var("BEARING_UNDO_SEEDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(
            if std::env::var_os("BEARING_FULL_TESTS").is_some_and(|v| v != "0") {
                300
            } else {
                12
            },
        );
    let mut tally = Tally::default();
    for seed in 0..seeds {
        let mut rng = Rng::with_seed(seed);
        let (dir, mut tui) = temp_store();
        tui.journal(Some(now())).unwrap();
        let mut cli = Store::open(&dir.path().join("bearing.db")).unwrap();
        for n in 0..60 {
            let context = format!("seed {seed}, step {n}");
            match rng.u8(..10) {
                0..=3 => write(&mut rng, &mut tui, n),
                4..=6 => write(&mut rng, &mut cli, n),
                r => step(&mut tui, r == 9, &mut tally, &context),
            }
        }
        // The full-text indexes are not journaled: their triggers follow every row undo and
        // redo put back, so each still matches its table exactly.
        crate::store::search::verify_index(tui.conn())
            .unwrap_or_else(|e| panic!("seed {seed}: the search index drifted: {e}"));
    }
    eprintln!("{seeds} seeds: {tally:?}");
    assert!(
        tally.applied > 0 && tally.refused > 0 && tally.applied_past_a_refusal > 0,
        "{tally:?}"
    );
}
