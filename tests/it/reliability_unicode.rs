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
    // The text output shows the zero-width space as a mark, as it shows every invisible
    // format character; the joiners in 👩‍💻 and 👨‍👩‍👧‍👦 stay.
    for name in NAMES {
        assert!(
            ok(&copy, &["prep", name]).contains(&note_for(name).replace('\u{200b}', "\u{fffd}")),
            "{name}"
        );
    }
}

/// Names holding invisible or bidi formatting characters: each shows as a one-column `�` in a
/// text table, and the columns after it start where they do on every other row, in a terminal
/// that draws each character at its own width (an emoji joined by ZWJ as its two parts). JSON
/// keeps the names exactly.
#[test]
fn hidden_characters_keep_table_columns() {
    use unicode_width::UnicodeWidthChar;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let names = [
        "Aisha Bello",
        "Ai\u{200b}sha Bello",
        "Ai\u{202e}sha\u{2066} Bello",
        "Ai\u{ad}sha\u{2060}\u{feff}\u{200e} Bello",
        "👩\u{200d}💻 Ana\u{200c}",
    ];
    for name in names {
        ok(&db, &["person", "add", "--name", name, "--role", "EM"]);
    }
    let table = ok(&db, &["person", "list"]);
    let drawn_at = |line: &str, column: &str| {
        let at = line.find(column).unwrap();
        line[..at]
            .chars()
            .map(|c| c.width().unwrap_or(0))
            .sum::<usize>()
    };
    let header = table.lines().next().unwrap();
    let role = drawn_at(header, "ROLE");
    for line in table.lines().skip(1) {
        assert_eq!(drawn_at(line, " EM") + 1, role, "{table}");
    }
    for shown in [
        "Ai\u{fffd}sha Bello",
        "Ai\u{fffd}sha\u{fffd} Bello",
        "Ai\u{fffd}sha\u{fffd}\u{fffd}\u{fffd} Bello",
        "👩💻 Ana ",
    ] {
        assert!(table.contains(shown), "{shown:?} in\n{table}");
    }

    let json = ok(&db, &["person", "list", "--format", "json"]);
    let listed: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let stored: Vec<&str> = listed.iter().filter_map(|p| p["name"].as_str()).collect();
    for name in names {
        assert!(stored.contains(&name), "{name:?} in {stored:?}");
    }
    assert!(
        json.contains("Ai\u{200b}sha"),
        "written as it is, not escaped"
    );
}
