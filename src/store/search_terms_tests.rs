//! The word lists change how fast a search is, never what it finds: every query gives the rows
//! the plain prefix query gives, and every write leaves the lists whole.

use super::*;
use crate::store::search::fts_query;
use crate::store::{Store, history};
use chrono::NaiveDate;

/// Words as people write them: accents and case the tokenizer folds, hyphens and dots it splits
/// at, numbers, scripts without spaces, emoji, and words that begin alike.
const WORDS: &[&str] = &[
    "coaching",
    "coach",
    "Coachings",
    "coachée",
    "café",
    "CAFÉS",
    "cafeteria",
    "on-call",
    "oncall",
    "review",
    "reviews",
    "Reviewer",
    "réviser",
    "budget",
    "budgets",
    "2026-11-25",
    "v2.1",
    "naïve",
    "straße",
    "日本語の会議",
    "🙂word",
    "x",
    "ab",
    "abc",
    "abcd",
    "abcdef",
    "Ωmega",
    "ωmegas",
    "l'équipe",
    "re-org",
    // unicode61 counts the highest code point as a letter.
    "coach\u{10FFFF}",
    "on-call-rota-handover",
];

/// What users type: every prefix of every word, pairs of words, and text FTS5 would read as
/// syntax if it were not quoted.
fn typed() -> Vec<String> {
    let mut typed = Vec::new();
    for word in WORDS {
        let chars: Vec<char> = word.chars().collect();
        for n in 1..=chars.len() {
            typed.push(chars[..n].iter().collect());
        }
    }
    for pair in WORDS.windows(2) {
        let start: String = pair[1].chars().take(4).collect();
        typed.push(format!("{} {start}", pair[0]));
    }
    for odd in [
        "\"",
        "(",
        ")",
        "*",
        "^",
        "-",
        "on-",
        "-call",
        "AND",
        "OR x",
        "NEAR(a b)",
        "a\"b",
        "col:umn",
        "\u{1b}[31mred",
        "é",
        "coach  review",
        "COACHING REVIEW",
        // Marks with no word in them beside words: FTS5 leaves them out.
        "Career - coaching",
        "coaching &",
        "coa -",
        "- review",
        "review / budg",
        "\" coach",
        "- &",
        "budget -- reviews ...",
        "zzzz",
        "coachx",
    ] {
        typed.push(odd.to_string());
    }
    typed
}

/// Ana, whom the notes, talking points, actions and context entries belong to.
const ANA: &str = "INSERT INTO person (id, name, created_at, updated_at)
                   VALUES (1, 'Ana', '2026-11-01T09:00', '2026-11-01T09:00');";

/// Runs `sql` as one write of Bearing's: the words of the rows it writes are taken in before it
/// commits.
fn write(store: &mut Store, sql: &str) {
    store
        .write(|tx| -> Result<(), StoreError> { Ok(tx.execute_batch(sql)?) })
        .unwrap();
}

/// A store with `rows` rows of each kind whose words are kept, their text drawn from [`WORDS`],
/// written `per_write` rows of each kind to a write: a few at a time their text is split as it is
/// written, all at once their words are read from the whole index (see [`REBUILD_SHARE`]).
fn store_with(rows: usize, per_write: usize, seed: u64) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut text = move || {
        let n = rng.usize(1..6);
        (0..n)
            .map(|_| WORDS[rng.usize(..WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    write(&mut store, ANA);
    write(
        &mut store,
        "INSERT INTO ritual (id, name, rrule, dtstart, duration_min, created_at, updated_at)
         VALUES (1, 'Staff', 'FREQ=DAILY', '2026-01-01T10:00', 30, '2026-11-01T09:00',
                 '2026-11-01T09:00');",
    );
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for first in (0..rows).step_by(per_write) {
        store.write(|tx| -> Result<(), StoreError> {
            for i in first..(first + per_write).min(rows) {
                let date = (day + chrono::Days::new(i as u64)).to_string();
                tx.execute(
                    "INSERT INTO note (person_id, date, body, created_at, updated_at)
                     VALUES (1, ?1, ?2, '2026-11-01T09:00', '2026-11-01T09:00')",
                    params![date, text()],
                )?;
                tx.execute(
                    "INSERT INTO topic (person_id, body, created_at) VALUES (1, ?1, '2026-11-01T09:00')",
                    [text()],
                )?;
                tx.execute(
                    "INSERT INTO action_item (person_id, body, created_at)
                     VALUES (1, ?1, '2026-11-01T09:00')",
                    [text()],
                )?;
                tx.execute(
                    "INSERT INTO occurrence (ritual_id, original_start, status, notes, decisions,
                                             agenda_done)
                     VALUES (1, ?1, 'held', ?2, ?3, '')",
                    params![format!("{date}T10:00"), text(), text()],
                )?;
                tx.execute(
                    "INSERT INTO person_context (person_id, date, kind, body)
                     VALUES (1, ?1, 'career', ?2)",
                    params![date, text()],
                )?;
                tx.execute(
                    "INSERT INTO decision (title, context, decision, date, status, created_at,
                                           updated_at)
                     VALUES (?1, ?2, ?3, ?4, 'accepted', '2026-11-01T09:00', '2026-11-01T09:00')",
                    params![text(), text(), text(), date],
                )?;
            }
            Ok(())
        })
        .unwrap();
    }
    store
}

/// The kinds whose words are kept.
fn kept_kinds() -> Vec<SearchKind> {
    SearchKind::ALL
        .iter()
        .copied()
        .filter(|k| kept(*k).is_some())
        .collect()
}

/// Every row of `kind` matching `query`, newest first.
fn rows(conn: &Connection, kind: SearchKind, query: &str) -> Vec<i64> {
    let table = format!("search_{}", kind.as_str());
    conn.prepare(&format!(
        "SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC"
    ))
    .unwrap()
    .query_map([query], |r| r.get(0))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The rows the word lists find for `text`, and the rows the prefix query finds.
fn both(conn: &Connection, kind: SearchKind, text: &str) -> (Vec<i64>, Vec<i64>) {
    let plain = fts_query(text).map_or_else(Vec::new, |q| rows(conn, kind, &q));
    let typed = Typed::parse(conn, text).unwrap();
    let listed = match typed.query(conn, kind).unwrap() {
        Some(q) if fts_query(text).is_some() => rows(conn, kind, &q),
        _ => Vec::new(),
    };
    (listed, plain)
}

/// A store whose talking points are `bodies` (plain words, written in one statement).
fn store_with_topics(bodies: impl Iterator<Item = String>) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    write(&mut store, ANA);
    let rows: Vec<String> = bodies
        .map(|body| format!("(1, '{body}', '2026-11-01T09:00')"))
        .collect();
    write(
        &mut store,
        &format!(
            "INSERT INTO topic (person_id, body, created_at) VALUES {}",
            rows.join(", ")
        ),
    );
    store
}

/// The query [`Typed`] makes of `text` for `kind`.
fn query(conn: &Connection, text: &str, kind: SearchKind) -> Option<String> {
    Typed::parse(conn, text).unwrap().query(conn, kind).unwrap()
}

fn assert_whole(store: &Store) {
    assert_eq!(incomplete(store.conn()).unwrap(), Vec::<SearchKind>::new());
    let waiting: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(waiting, 0, "rows left waiting after a write");
}

#[test]
fn every_query_finds_what_the_prefix_query_finds() {
    let store = store_with(150, 15, 7);
    assert_whole(&store);
    let mut rewritten = 0;
    for text in typed() {
        for kind in kept_kinds() {
            let (listed, plain) = both(store.conn(), kind, &text);
            assert_eq!(listed, plain, "{kind} {text:?}");
            if !plain.is_empty() && text.chars().count() >= 4 {
                rewritten += 1;
            }
        }
    }
    assert!(
        rewritten > 100,
        "the comparison reached the rewrite {rewritten} times"
    );
}

#[test]
fn a_prefix_becomes_the_words_it_stands_for_and_none_matches_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    write(&mut store, ANA);
    write(
        &mut store,
        "INSERT INTO note (person_id, date, body, created_at, updated_at)
         VALUES (1, '2026-11-25', 'On-call coaching review', '2026-11-25T09:40', '2026-11-25T09:40'),
                (1, '2026-11-26', 'Coachings: on-call', '2026-11-26T09:40', '2026-11-26T09:40');",
    );
    let conn = store.conn();
    assert_eq!(
        query(conn, "On-call Coachi", SearchKind::Note).as_deref(),
        Some("(\"on call\") AND (\"coaching\" OR \"coachings\")")
    );
    // Three letters or fewer: the index keeps that prefix itself.
    assert_eq!(
        query(conn, "coa", SearchKind::Note).as_deref(),
        Some("\"coa\"*")
    );
    // No word begins so: nothing to run.
    assert_eq!(query(conn, "review zzzz", SearchKind::Note), None);
    // The kinds ranked by relevance keep the prefix query.
    assert_eq!(
        query(conn, "coaching", SearchKind::Risk).as_deref(),
        Some("\"coaching\"*")
    );
}

#[test]
fn a_prefix_of_too_many_words_stays_a_prefix() {
    let store = store_with_topics((0..=MOST_WORDS).map(|i| format!("ticket{i:03} triage")));
    let conn = store.conn();
    assert_eq!(
        query(conn, "tick triage", SearchKind::Topic).as_deref(),
        Some("\"tick\"* AND (\"triage\")")
    );
    let (listed, plain) = both(conn, SearchKind::Topic, "tick triage");
    assert_eq!(listed.len(), MOST_WORDS + 1);
    assert_eq!(listed, plain);
}

#[test]
fn writes_edits_deletes_undo_and_redo_leave_the_lists_whole() {
    let mut store = store_with(20, 20, 3);
    store
        .journal(Some(
            NaiveDate::from_ymd_opt(2026, 11, 25)
                .unwrap()
                .and_hms_opt(9, 40, 0)
                .unwrap(),
        ))
        .unwrap();
    let found = |store: &Store, text: &str| both(store.conn(), SearchKind::Note, text);
    write(
        &mut store,
        "INSERT INTO note (id, person_id, date, body, created_at, updated_at)
         VALUES (9999, 1, '2026-11-25', 'Zeppelin launch slipped', '2026-11-25T09:40',
                 '2026-11-25T09:40')",
    );
    let id = 9999;
    assert_whole(&store);
    assert_eq!(found(&store, "zepp").0, vec![id]);
    write(
        &mut store,
        "UPDATE note SET body = 'Dirigible launch' WHERE id = 9999",
    );
    assert_whole(&store);
    assert_eq!(found(&store, "dirig").0, vec![id]);
    assert_eq!(
        found(&store, "zepp"),
        (vec![], vec![]),
        "the word edited away"
    );
    history::undo(&mut store).unwrap();
    assert_whole(&store);
    assert_eq!(found(&store, "zepp").0, vec![id]);
    history::redo(&mut store).unwrap();
    assert_whole(&store);
    write(&mut store, "DELETE FROM note WHERE id = 9999");
    assert_whole(&store);
    assert!(found(&store, "dirig").0.is_empty());
    history::undo(&mut store).unwrap();
    assert_whole(&store);
    assert_eq!(found(&store, "dirig").0, vec![id]);
}

#[test]
fn many_rows_at_once_are_read_from_the_whole_index() {
    // One write of 300 rows of each kind: more than a tenth of each table waits.
    let mut store = store_with(300, 300, 5);
    assert_whole(&store);
    let count = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM search_term", [], |r| r.get(0))
            .unwrap()
    };
    // A word of a row since deleted goes with a list read again from the index.
    let before = count(&store);
    write(
        &mut store,
        "UPDATE note SET body = 'Ephemeral' WHERE id = 1",
    );
    write(&mut store, "UPDATE note SET body = 'coaching' WHERE id = 1");
    let with_stale = count(&store);
    assert_eq!(
        with_stale,
        before + 1,
        "the word edited away stays, for now"
    );
    write(&mut store, "UPDATE note SET body = body || ' coaching'");
    assert_eq!(count(&store), with_stale - 1, "'ephemeral' is gone");
    assert_whole(&store);
    for text in ["coachi", "revie", "cafet", "budge", "ephem"] {
        for kind in kept_kinds() {
            let (listed, plain) = both(store.conn(), kind, text);
            assert_eq!(listed, plain, "{kind} {text:?}");
        }
    }
}

#[test]
fn a_row_another_program_wrote_is_found_by_prefix_until_bearing_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.db");
    let mut store = Store::open(&path).unwrap();
    write(&mut store, ANA);
    // Another program: plain SQL, no Bearing code after it.
    let other = Connection::open(&path).unwrap();
    other
        .execute(
            "INSERT INTO note (person_id, date, body, created_at, updated_at)
             VALUES (1, '2026-11-25', 'Zeppelin launch', '2026-11-25T09:40', '2026-11-25T09:40')",
            [],
        )
        .unwrap();
    let conn = store.conn();
    assert_eq!(
        query(conn, "zeppel", SearchKind::Note).as_deref(),
        Some("\"zeppel\"*"),
        "searched by prefix while a row waits"
    );
    let hits = crate::store::search::search(conn, "zeppel", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(incomplete(conn).unwrap(), Vec::<SearchKind>::new());
    write(&mut store, "UPDATE person SET role = 'EM' WHERE id = 1");
    assert_whole(&store);
    let conn = store.conn();
    assert_eq!(
        query(conn, "zeppel", SearchKind::Note).as_deref(),
        Some("(\"zeppelin\")")
    );
}

#[test]
fn a_read_only_file_is_searched_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.db");
    drop(store_with_file(&path));
    let conn =
        Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let hits = crate::store::search::search(&conn, "coachin revi", 50).unwrap();
    assert!(!hits.is_empty());
}

fn store_with_file(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).unwrap();
    write(&mut store, ANA);
    write(
        &mut store,
        "INSERT INTO note (person_id, date, body, created_at, updated_at)
         VALUES (1, '2026-11-25', 'coaching review', '2026-11-25T09:40', '2026-11-25T09:40');",
    );
    store
}

/// FTS5 cuts a word at 32 KB, inside a character if need be: such a word in a note, or typed,
/// is searched by prefix, and the search box goes on working after it.
#[test]
fn a_word_cut_inside_a_character_is_searched_by_prefix() {
    let mut store = Store::open_in_memory().unwrap();
    write(&mut store, ANA);
    let long = format!("a{}", "ж".repeat(20_000));
    store
        .write(|tx| -> Result<usize, StoreError> {
            Ok(tx.execute(
                "INSERT INTO note (person_id, date, body, created_at, updated_at)
                 VALUES (1, '2026-11-25', ?1, '2026-11-25T09:40', '2026-11-25T09:40')",
                [format!("coaching {long}")],
            )?)
        })
        .unwrap();
    let conn = store.conn();
    let pasted = "会".repeat(11_000);
    for text in ["aжжж", "coaching aжж", pasted.as_str(), "coachin"] {
        let (listed, plain) = both(conn, SearchKind::Note, text);
        assert_eq!(
            listed,
            plain,
            "{}",
            text.chars().take(6).collect::<String>()
        );
    }
    assert_eq!(both(conn, SearchKind::Note, "aжжж").0.len(), 1);
    assert_eq!(both(conn, SearchKind::Note, "coachin").0.len(), 1);
}

/// A search reads one snapshot (a savepoint), so it also runs inside a write under way, and
/// sees that write's rows once their words are taken in.
#[test]
fn a_search_inside_a_write_sees_it() {
    let mut store = store_with(20, 20, 9);
    let found = store
        .write(|tx| -> Result<usize, StoreError> {
            tx.execute(
                "INSERT INTO note (person_id, date, body, created_at, updated_at)
                 VALUES (1, '2026-11-25', 'Zeppelin', '2026-11-25T09:40', '2026-11-25T09:40')",
                [],
            )?;
            // Waiting: searched by prefix.
            let before = crate::store::search::search(tx, "zeppe", 10)?.len();
            absorb(tx)?;
            let after = crate::store::search::search(tx, "zeppe", 10)?.len();
            assert_eq!(
                Typed::parse(tx, "zeppe")?
                    .query(tx, SearchKind::Note)?
                    .as_deref(),
                Some("(\"zeppelin\")")
            );
            Ok(before + after)
        })
        .unwrap();
    assert_eq!(found, 2);
    assert_whole(&store);
}

/// A word of many parts ending in a prefix that stands for many words stays a prefix: each
/// alternative would repeat the leading parts, read once for each.
#[test]
fn a_word_of_many_parts_stays_a_prefix_when_its_alternatives_would_be_many() {
    let store = store_with_topics((0..20).map(|i| format!("a-b-c-ticket{i:03}")));
    let conn = store.conn();
    // 4 parts × 20 words > 64: the prefix.
    assert_eq!(
        query(conn, "a-b-c-tick", SearchKind::Topic).as_deref(),
        Some("\"a-b-c-tick\"*")
    );
    // 1 part × 20 words: the words.
    let words = query(conn, "tick", SearchKind::Topic).unwrap();
    assert!(words.starts_with("(\"ticket000\" OR"));
    for text in ["a-b-c-tick", "tick", "c-ticket01"] {
        let (listed, plain) = both(conn, SearchKind::Topic, text);
        assert_eq!(listed, plain, "{text}");
    }
}
