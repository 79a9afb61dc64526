//! Names and notes in any script survive the round trip byte for byte: stored exactly as typed,
//! exported, imported into a new file and exported again identically. (The layout with the same
//! kinds of text is snapshotted in tests/snapshots.rs: `unicode_*`.)

use crate::support;

use support::ok;

const NAMES: &[&str] = &[
    "李小龍",
    "Zoë Ångström",
    "Jose\u{301} Nun\u{303}ez",
    "👩‍💻 Ana",
    "🇯🇵🇧🇷 Kenji",
    "عائشة",
    "אורי",
    "ｆｕｌｌ ｗｉｄｔｈ",
];

fn note_for(name: &str) -> String {
    format!(
        "{name}: 全角の文字 and ｈａｌｆ, a\u{308}\u{301}\u{323} stacked marks, 👨‍👩‍👧‍👦 family, 🏳️‍🌈 🇺🇳 flags, \
         שלום עולם and مرحبا mixed with LTR, zero\u{200b}width, tab\there"
    )
}

#[test]
fn unicode_round_trips_byte_identically() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    for name in NAMES {
        ok(&db, &["person", "add", "--name", name, "--role", name]);
        ok(&db, &["note", "add", name, &note_for(name)]);
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    for name in NAMES {
        let body: Vec<u8> = conn
            .query_row(
                "SELECT n.body FROM note n JOIN person p ON p.id = n.person_id WHERE p.name = ?1",
                [name],
                |r| r.get::<_, String>(0),
            )
            .unwrap()
            .into_bytes();
        assert_eq!(body, note_for(name).into_bytes(), "{name}");
    }
    drop(conn);

    let first = ok(&db, &["export", "--format", "json"]);
    let file = dir.path().join("u.json");
    std::fs::write(&file, &first).unwrap();
    let copy = dir.path().join("copy.db");
    ok(&copy, &["import", file.to_str().unwrap()]);
    let second = ok(&copy, &["export", "--format", "json"]);
    assert_eq!(first.as_bytes(), second.as_bytes());
    for name in NAMES {
        assert!(
            ok(&copy, &["prep", name]).contains(&note_for(name)),
            "{name}"
        );
    }
}
