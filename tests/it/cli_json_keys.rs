//! Issue 22: no object's JSON repeats a key (`decision show` printed `links` twice, which JSON
//! parsers resolve differently: the first, the last, or an error). Every object's `list` and
//! `show --format json` on the demo data is read by a parser that refuses a repeated key. And an
//! action's meeting, which its JSON and text lacked.

use crate::support::ok;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeSet;
use std::fmt;

/// Any JSON value, refusing an object that has the same key twice.
struct Unique;

impl<'de> de::Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate key {key:?}")));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}

fn no_duplicate_keys(json: &str, what: &str) {
    if let Err(e) = serde_json::from_str::<Unique>(json) {
        panic!("{what}: {e}\n{json}");
    }
}

#[test]
fn no_objects_json_repeats_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--no-tui"]);
    for object in [
        "person", "goal", "risk", "decision", "metric", "action", "ritual", "topic", "note",
    ] {
        let list = ok(&db, &[object, "list", "--format", "json"]);
        no_duplicate_keys(&list, &format!("{object} list"));
        let all: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
        assert!(!all.is_empty(), "the demo has no {object}");
        let id = all[0]["id"].to_string();
        let show = ok(&db, &[object, "show", &id, "--format", "json"]);
        no_duplicate_keys(&show, &format!("{object} show {id}"));
    }
}

/// Issue 22: an action written in a meeting's notes says which meeting, in `show` and `list`,
/// as text and JSON ("Staff meeting, Mon 23 Nov", as `report week` names it); others say null.
#[test]
fn an_action_says_the_meeting_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--no-tui"]);
    ok(
        &db,
        &[
            "ritual",
            "notes",
            "8",
            "2026-11-23",
            "--notes",
            "me: send the summary",
        ],
    );
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&db, &["action", "list", "--format", "json"])).unwrap();
    let made = all
        .iter()
        .find(|a| a["body"] == "send the summary")
        .unwrap();
    assert_eq!(made["meeting"], "Staff meeting, Mon 23 Nov");
    assert!(all.iter().any(|a| a["meeting"].is_null()), "{all:?}");
    let id = made["id"].to_string();
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&db, &["action", "show", &id, "--format", "json"])).unwrap();
    assert_eq!(shown["meeting"], "Staff meeting, Mon 23 Nov");
    let text = ok(&db, &["action", "show", &id]);
    assert!(text.contains("Staff meeting, Mon 23 Nov"), "{text}");
    let list = ok(&db, &["action", "list"]);
    assert!(list.contains("Staff meeting, Mon 23 Nov"), "{list}");
}
