use super::*;
use crate::domain::person::PersonDraft;
use crate::domain::risk::RiskDraft;
use crate::domain::risk_score::ReviewIntervals;
use crate::ops::people::{PersonInput, add_person};
use crate::ops::{one_on_ones, risks};
use chrono::{NaiveDate, NaiveDateTime, Weekday};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn store_with_person(name: &str) -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let input = PersonInput {
        draft: PersonDraft {
            name: name.into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    };
    let id = add_person(&mut store, input, Weekday::Mon, now())
        .unwrap()
        .id;
    (store, id)
}

fn hit(kind: &str, id: i64) -> search::Hit {
    search::Hit {
        kind: kind.parse().unwrap(),
        id,
        title: String::new(),
        snippet: String::new(),
        meeting: None,
    }
}

#[test]
fn the_limit_is_shared_out_one_from_each_kind_in_turn() {
    let mut hits: Vec<search::Hit> = (1..=40).map(|id| hit("risk", id)).collect();
    hits.extend((1..=2).map(|id| hit("topic", id)));
    hits.push(hit("note", 1));
    let kept: Vec<(String, i64)> = share_out(hits, 10)
        .into_iter()
        .map(|h| (h.kind.to_string(), h.id))
        .collect();
    let expect: Vec<(String, i64)> = (1..=7)
        .map(|id| ("risk".to_string(), id))
        .chain([("topic".into(), 1), ("topic".into(), 2), ("note".into(), 1)])
        .collect();
    assert_eq!(kept, expect, "grouped, best first, every kind that matched");
    assert_eq!(share_out(vec![hit("note", 1)], 10).len(), 1);
    assert!(share_out(Vec::new(), 10).is_empty());
}

/// `count` risks titled "Zeppelin N".
fn add_zeppelins(store: &mut Store, count: usize) {
    for n in 0..count {
        let draft = RiskDraft {
            title: format!("Zeppelin {n}"),
            likelihood: 2,
            impact: 3,
            ..RiskDraft::default()
        };
        risks::add_risk(store, draft, &ReviewIntervals::default(), now()).unwrap();
    }
}

#[test]
fn a_kind_with_many_strong_matches_leaves_room_for_the_others() {
    let (mut store, ada) = store_with_person("Ada");
    add_zeppelins(&mut store, 40);
    let long = format!(
        "{} and one zeppelin",
        "words about other things ".repeat(20)
    );
    one_on_ones::add_note(&mut store, ada, now().date(), &long, now()).unwrap();
    let found = search_all(&store, "zeppelin", 30).unwrap();
    assert_eq!(found.len(), 30);
    assert_eq!(
        found.last().map(|r| r.kind.as_str()),
        Some("note"),
        "{found:?}"
    );
    assert_eq!(
        found.last().and_then(|r| r.person.clone()),
        Some("Ada".into())
    );
}

#[test]
fn a_kind_with_more_matches_than_listed_says_so_and_one_listed_whole_does_not() {
    let (mut store, ada) = store_with_person("Ada");
    add_zeppelins(&mut store, 5);
    one_on_ones::add_note(&mut store, ada, now().date(), "one zeppelin", now()).unwrap();
    let more = |found: &[SearchResult], kind: &str| {
        found
            .iter()
            .filter(|r| r.kind.as_str() == kind)
            .all(|r| r.more_of_kind)
    };
    let found = search_all(&store, "zeppelin", 4).unwrap();
    assert!(more(&found, "risk"), "{found:?}");
    assert!(!more(&found, "note"), "{found:?}");
    // Exactly as many as can be listed: nothing more.
    let found = search_all(&store, "zeppelin", 6).unwrap();
    assert_eq!(found.len(), 6);
    assert!(found.iter().all(|r| !r.more_of_kind), "{found:?}");
    // One kind alone, at the limit: the index is asked for one more.
    let found = search_all(&store, "zeppelin", 1).unwrap();
    assert!(found.iter().all(|r| r.more_of_kind), "{found:?}");
}

#[test]
fn notes_come_latest_first_and_talking_points_latest_written_first() {
    let (mut store, ada) = store_with_person("Ada");
    for (day, text) in [(3, "budget one"), (20, "budget two"), (9, "budget three")] {
        let date = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        one_on_ones::add_note(&mut store, ada, date, text, now()).unwrap();
    }
    for text in ["budget first", "budget second"] {
        one_on_ones::add_topic(&mut store, ada, text, now()).unwrap();
    }
    let found = search_all(&store, "budg", 30).unwrap();
    let titles: Vec<(&str, &str)> = found
        .iter()
        .map(|r| (r.kind.as_str(), r.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("topic", "budget second"),
            ("topic", "budget first"),
            ("note", "2026-11-20"),
            ("note", "2026-11-09"),
            ("note", "2026-11-03"),
        ]
    );
    assert_eq!(found[2].snippet, "«budget» two");
}

#[test]
fn every_indexed_field_of_every_kind_is_found_and_edits_follow() {
    let (mut store, ada) = store_with_person("Ada Quill");
    let note = one_on_ones::add_note(&mut store, ada, now().date(), "kestrel", now()).unwrap();
    let topic = one_on_ones::add_topic(&mut store, ada, "osprey", now()).unwrap();
    let kinds = |store: &Store, text: &str| -> Vec<String> {
        search_all(store, text, 30)
            .unwrap()
            .into_iter()
            .map(|r| r.kind.to_string())
            .collect()
    };
    assert_eq!(kinds(&store, "quill"), ["person"]);
    assert_eq!(kinds(&store, "kestrel"), ["note"]);
    assert_eq!(kinds(&store, "osprey"), ["topic"]);
    one_on_ones::update_note(&mut store, note, now().date(), "harrier", None, now()).unwrap();
    assert!(kinds(&store, "kestrel").is_empty());
    assert_eq!(kinds(&store, "harrier"), ["note"]);
    one_on_ones::delete_topic(&mut store, topic.id).unwrap();
    assert!(kinds(&store, "osprey").is_empty());
    // Typos in names are forgiven; letters from across the name are not.
    assert_eq!(kinds(&store, "qill"), ["person"]);
    assert!(kinds(&store, "aq").is_empty());
    search::verify_index(store.conn()).unwrap();
}

#[test]
fn meetings_and_private_context_are_found_titled_where_they_live_and_follow_edits() {
    use crate::domain::one_on_one::ContextKind;
    use crate::domain::ritual::{OccurrenceStatus, RitualFields};
    use crate::ops::rituals::{WriteUp, add_ritual, save_occurrence};
    let (mut store, ada) = store_with_person("Ada Quill");
    let monday = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    let start = monday.and_hms_opt(10, 0, 0).unwrap();
    let rule = Some("FREQ=WEEKLY;BYDAY=MO".to_string());
    let staff = add_ritual(
        &mut store,
        RitualFields::new("Staff", rule, start, 30),
        now(),
    )
    .unwrap()
    .id;
    let write_up = |notes: &str| WriteUp {
        status: OccurrenceStatus::Held,
        notes: notes.into(),
        decisions: "ship the heron migration".into(),
        agenda_done: "wombat review".into(),
    };
    save_occurrence(&mut store, staff, start, &write_up("talked kestrel"), None).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
    one_on_ones::add_context(&mut store, ada, day, ContextKind::Career, "wants osprey").unwrap();

    let found = |store: &Store, text: &str| -> Vec<(String, String, Option<NaiveDate>)> {
        search_all(store, text, 30)
            .unwrap()
            .into_iter()
            .map(|r| (r.kind.to_string(), r.title, r.date))
            .collect()
    };
    let meeting = (
        "meeting".to_string(),
        "Staff, Mon 16 Nov".to_string(),
        Some(monday),
    );
    assert_eq!(
        found(&store, "kestrel"),
        std::slice::from_ref(&meeting),
        "the notes"
    );
    assert_eq!(
        found(&store, "heron"),
        std::slice::from_ref(&meeting),
        "the decisions"
    );
    assert_eq!(found(&store, "wombat"), [meeting], "the agenda ticked off");
    let context = (
        "context".to_string(),
        "Ada Quill — career, 12 Nov".to_string(),
        None,
    );
    assert_eq!(found(&store, "osprey"), [context]);
    let hit = search_all(&store, "kestrel", 30).unwrap().remove(0);
    assert_eq!(hit.ritual_id, Some(staff), "opens on its series' day");
    let json = serde_json::to_value(&hit).unwrap();
    assert_eq!(
        (json["kind"].as_str(), json["date"].as_str()),
        (Some("meeting"), Some("2026-11-16"))
    );

    save_occurrence(&mut store, staff, start, &write_up("talked plover"), None).unwrap();
    assert!(
        found(&store, "kestrel").is_empty(),
        "an edit takes the old words out"
    );
    assert_eq!(found(&store, "plover").len(), 1);
    crate::store::search::verify_index(store.conn()).unwrap();
}

fn names(titles: &[(&str, i64, &str)]) -> Names {
    Names::new(
        titles
            .iter()
            .map(|(kind, id, title)| (kind.parse().unwrap(), *id, title.to_string()))
            .collect(),
    )
}

fn fuzzy(names: &Names, text: &str, found: &[search::Hit]) -> Vec<(SearchKind, i64)> {
    fuzzy_names(names, text, found)
        .iter()
        .map(|h| (h.kind, h.id))
        .collect()
}

/// Typo-tolerant matching over the names' words kept by first letter: each typed word must
/// match inside one word of the same name, a word starting with the same letter (accents and
/// case aside); names already found are left out; best first, at most ten.
#[test]
fn typed_words_match_inside_words_of_one_name_starting_with_the_same_letter() {
    use SearchKind as K;
    let all = names(&[
        ("person", 1, "Priya Raman"),
        ("person", 2, "Marcus Oyelaran"),
        ("person", 3, "José Álvarez"),
        ("risk", 4, "Payments migration slips"),
        ("goal", 5, "Hire a principal engineer"),
    ]);
    assert_eq!(fuzzy(&all, "prya", &[]), [(K::Person, 1)]);
    assert_eq!(fuzzy(&all, "marcs oyelarn", &[]), [(K::Person, 2)]);
    // Both words must be in one name: Priya's first name and Marcus's surname are not.
    assert!(fuzzy(&all, "prya oyelarn", &[]).is_empty());
    // The first letter is not forgiven.
    assert!(fuzzy(&all, "rpiya", &[]).is_empty());
    // Accents and case do not count, in the first letter either.
    assert_eq!(fuzzy(&all, "ALVRZ", &[]), [(K::Person, 3)]);
    assert_eq!(fuzzy(&all, "jse", &[]), [(K::Person, 3)]);
    // Words of one letter are not matched on their own.
    assert!(fuzzy(&all, "p", &[]).is_empty());
    // "pr" starts Priya and principal; a name found by the full-text search is left out.
    assert_eq!(fuzzy(&all, "pr", &[]).len(), 2);
    assert_eq!(fuzzy(&all, "pr", &[hit("person", 1)]), [(K::Goal, 5)]);
    let many: Vec<(&str, i64, &str)> = (1..=30).map(|id| ("risk", id, "Payroll delay")).collect();
    assert_eq!(fuzzy(&names(&many), "payrol", &[]).len(), 10);
}

/// Review: the typo-tolerant match by first letter (dbdd67c) gives exactly what the match
/// before it gave (every word of every name scored), for awkward names and typed words:
/// accents (precomposed and combining), case that changes length (ß, İ, ﬁ), digits, CJK,
/// emoji, empty words between separators, one-letter words, repeated words.
#[test]
fn the_match_by_first_letter_gives_what_the_match_before_it_gave() {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32Str};
    // The code before dbdd67c, verbatim but for taking the names as a slice.
    fn before(names: &[(SearchKind, i64, String)], text: &str) -> Vec<(SearchKind, i64)> {
        let initial = |w: &str| {
            w.chars()
                .next()
                .map(|c| nucleo_matcher::chars::to_lower_case(nucleo_matcher::chars::normalize(c)))
        };
        let typed: Vec<(Option<char>, Pattern)> = text
            .split_whitespace()
            .filter(|w| w.chars().count() >= 2)
            .map(|w| {
                let pattern = Pattern::parse(w, CaseMatching::Ignore, Normalization::Smart);
                (initial(w), pattern)
            })
            .collect();
        if typed.is_empty() {
            return Vec::new();
        }
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut best_in_word = |(first, pattern): &(Option<char>, Pattern), title: &str| {
            title
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| initial(word) == *first)
                .filter_map(|word| pattern.score(Utf32Str::new(word, &mut buf), &mut matcher))
                .max()
        };
        let mut scored: Vec<(u32, String, (SearchKind, i64))> = Vec::new();
        for (kind, id, title) in names {
            let scores: Option<Vec<u32>> = typed.iter().map(|p| best_in_word(p, title)).collect();
            if let Some(scores) = scores {
                scored.push((scores.iter().sum(), title.clone(), (*kind, *id)));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(10).map(|(_, _, k)| k).collect()
    }
    let titles = [
        "Priya Raman",
        "José Álvarez",
        "Jose\u{301} A\u{301}lvarez",
        "Émile Zola",
        "emile zola",
        "Straße und Strasse",
        "İstanbul office",
        "ﬁnance review",
        "Q4 2026 — 10x goals",
        "a--b  c",
        "A B C D",
        "東京 チーム",
        "🚀 launch rocket",
        "Ana Ana Ana",
        "Ólafur Arnalds",
        "Łukasz Ōta",
        "",
    ];
    let names: Vec<(SearchKind, i64, String)> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| (SearchKind::Person, i as i64 + 1, t.to_string()))
        .collect();
    let new = Names::new(names.clone());
    let typed = [
        "prya",
        "jose",
        "JOSÉ",
        "alvarez",
        "álvrz",
        "a\u{301}lvarez",
        "emile",
        "ÉMILE",
        "zola",
        "strasse",
        "straße",
        "STRASSE",
        "istanbul",
        "i̇stanbul",
        "İstanbul",
        "finance",
        "ﬁnance",
        "q4",
        "2026",
        "10x",
        "ab",
        "a b",
        "a",
        "",
        "   ",
        "東京",
        "チーム",
        "🚀",
        "rocket launch",
        "ana ana",
        "ana",
        "olafur",
        "Ólafur",
        "lukasz",
        "łukasz",
        "ota",
        "ōta",
        "^pri",
        "!zola",
        "zola$",
        "'zola",
        "pr ra",
        "b c",
        "ab cd",
    ];
    let mut matched = 0;
    for text in typed {
        let got = fuzzy(&new, text, &[]);
        assert_eq!(got, before(&names, text), "typed {text:?}");
        matched += usize::from(!got.is_empty());
    }
    assert!(matched >= 20, "only {matched} typed words matched anything");
}
