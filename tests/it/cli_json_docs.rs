//! Issue 19: the JSON of every object is documented in docs/json.md, and this test fails when
//! the output and the document disagree: a documented field missing from `show --format json`
//! (a script would break), or a field there that the document does not list.

use crate::cli_objects::setup;
use crate::support::ok;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The documented fields of each object: `## person` starts a table whose rows begin with
/// `` | `field` | ``.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    let mut objects = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            current = Some(name.trim().to_string());
        } else if let (Some(object), Some(rest)) = (&current, line.strip_prefix("| `")) {
            let field = rest.split('`').next().unwrap().to_string();
            objects
                .entry(object.clone())
                .or_insert_with(BTreeSet::new)
                .insert(field);
        }
    }
    objects
}

/// Top-level keys, `key.sub` for an object's keys and `key[].sub` for a list of objects.
fn fields(value: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (key, v) in value.as_object().unwrap() {
        out.insert(key.clone());
        match v {
            Value::Object(inner) => out.extend(inner.keys().map(|k| format!("{key}.{k}"))),
            Value::Array(items) => {
                if let Some(Value::Object(first)) = items.first() {
                    out.extend(first.keys().map(|k| format!("{key}[].{k}")));
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn every_objects_json_fields_are_the_documented_ones() {
    let (_dir, db) = setup();
    ok(&db, &["goal", "checkin", "1", "--progress", "20"]);
    ok(
        &db,
        &[
            "risk",
            "edit",
            "1",
            "--residual-likelihood",
            "2",
            "--residual-impact",
            "2",
        ],
    );
    ok(
        &db,
        &[
            "decision",
            "add",
            "--title",
            "Use Postgres",
            "--decided-by",
            "Priya",
            "--consulted",
            "Marcus",
            "--ritual",
            "Staff meeting",
            "--on",
            "2026-11-16",
            "--goal",
            "1",
        ],
    );
    ok(
        &db,
        &[
            "metric", "add", "--name", "Deploys", "--target", "10", "--warn", "8",
        ],
    );
    ok(&db, &["metric", "log", "Deploys", "9"]);
    ok(
        &db,
        &[
            "goal",
            "edit",
            "1",
            "--metric",
            "Deploys",
            "--metric-target",
            "12",
        ],
    );
    ok(&db, &["goal", "checkin", "1", "--progress", "0"]);
    for (a, b) in [
        ("person:1", "goal:1"),
        ("ritual:1", "risk:1"),
        ("action:1", "goal:1"),
        ("metric:1", "risk:1"),
    ] {
        ok(&db, &["link", a, b]);
    }
    let docs = documented();
    let objects = [
        "person", "ritual", "topic", "action", "note", "goal", "risk", "decision", "metric",
    ];
    assert_eq!(
        docs.keys().map(String::as_str).collect::<Vec<_>>(),
        {
            let mut sorted = objects.to_vec();
            sorted.sort_unstable();
            sorted
        },
        "docs/json.md documents each object once"
    );
    for object in objects {
        let shown: Value =
            serde_json::from_str(&ok(&db, &[object, "show", "1", "--format", "json"])).unwrap();
        let listed: Value =
            serde_json::from_str(&ok(&db, &[object, "list", "--format", "json"])).unwrap();
        assert!(
            listed.as_array().unwrap().contains(&shown),
            "{object}: list and show give the same object"
        );
        let actual = fields(&shown);
        let expected = &docs[object];
        let missing: Vec<_> = expected.difference(&actual).collect();
        let undocumented: Vec<_> = actual.difference(expected).collect();
        assert!(
            missing.is_empty() && undocumented.is_empty(),
            "{object}: documented but missing from the output: {missing:?}; in the output but \
             not in docs/json.md: {undocumented:?}"
        );
    }
}
