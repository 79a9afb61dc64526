//! Hostile text never reaches a terminal raw. A database is filled through `import` (a JSON
//! export whose every text field starts with escape sequences) and `import-ics` (a calendar whose
//! titles do): ESC[2J (clear the screen), OSC 0 (window title), OSC 52 (write the clipboard),
//! BEL, the one-byte C1 CSI (U+009B) and bidi overrides. Then every text, Markdown, JSON and ICS
//! output, the error messages and the TUI are read byte by byte: none of it may come through.

use crate::support;

use std::path::{Path, PathBuf};
use support::{Pty, bearing, ok, stderr, stdout};

/// Clear screen, set the window title, write the clipboard, ring, C1 CSI, right-to-left override,
/// left-to-right isolate.
const PAYLOAD: &str =
    "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{7}\u{9b}31m\u{202e}\u{2066}";

/// The text columns a user can fill, table by table (as in the JSON export).
const TEXT_COLUMNS: &[(&str, &[&str])] = &[
    (
        "person",
        &["name", "role", "team", "career_goals", "context", "prompts"],
    ),
    ("person_context", &["body"]),
    ("ritual", &["name", "attendees", "agenda", "location"]),
    ("occurrence", &["notes", "decisions"]),
    ("note", &["body"]),
    ("topic", &["body"]),
    ("action_item", &["body"]),
    ("plan", &["title"]),
    ("goal", &["title", "description", "criteria"]),
    ("checkin", &["note"]),
    (
        "risk",
        &[
            "title",
            "owner",
            "mitigation",
            "trigger_text",
            "accept_reason",
        ],
    ),
    ("risk_review", &["note"]),
];

/// A character that must not reach a terminal: C0 controls but tab and newline (CR only as part
/// of CRLF), DEL, C1 controls, bidi embeddings, overrides and isolates.
fn forbidden(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        assert!(
            !forbidden(c, chars.get(i + 1).copied()),
            "{what}: U+{:04X} reached the output at char {i}: {:?}",
            c as u32,
            chars[i.saturating_sub(40)..(i + 40).min(chars.len())]
                .iter()
                .collect::<String>()
        );
    }
}

/// True when the output shows the payload harmlessly: as visible marks, or JSON escapes.
fn shows_payload(text: &str) -> bool {
    text.contains("␛[2J") || text.contains("\\u001b[2J")
}

/// ICS TEXT escaping, so the payload's `;` and `,` survive the file format.
fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
}

/// A database whose every text field starts with the payload, plus an imported calendar.
fn hostile_database(dir: &Path) -> PathBuf {
    let seed = dir.join("seed.db");
    ok(&seed, &["demo", "--no-tui"]);
    let mut export: serde_json::Value =
        serde_json::from_str(&ok(&seed, &["export", "--format", "json"])).unwrap();
    let tables = export["tables"].as_object_mut().unwrap();
    // The demo has no dated private context; one entry, so that table is covered too.
    tables["person_context"] = serde_json::json!([{
        "id": 1, "person_id": 1, "date": "2026-11-20", "kind": "feedback",
        "body": "Gave feedback on the incident review"
    }]);
    for (table, columns) in TEXT_COLUMNS {
        let rows = tables[*table].as_array_mut().unwrap();
        assert!(!rows.is_empty(), "the demo has no {table} rows to poison");
        for row in rows {
            for column in *columns {
                let cell = &mut row[*column];
                let text = cell.as_str().unwrap_or_default();
                *cell = format!("{PAYLOAD}{text}").into();
            }
        }
    }
    tables.insert(
        "change_log".into(),
        serde_json::json!([{
            "id": 1, "at": "2026-11-23T08:00:00", "action": format!("{PAYLOAD}update person"),
            "entity": "person", "entity_id": 1, "before": null, "after": null, "undone": 0
        }]),
    );
    let file = dir.join("hostile.json");
    std::fs::write(&file, serde_json::to_string(&export).unwrap()).unwrap();
    let db = dir.join("hostile.db");
    ok(&db, &["import", file.to_str().unwrap()]);

    let title = ics_text(&format!("{PAYLOAD}Vendor call"));
    let ics = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\nBEGIN:VEVENT\r\n\
         UID:hostile-1\r\nSUMMARY:{title}\r\nDTSTART:20261124T150000\r\n\
         DTEND:20261124T160000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let calendar = dir.join("hostile.ics");
    std::fs::write(&calendar, ics).unwrap();
    let name = format!("{PAYLOAD}calendar");
    let out = bearing(
        &db,
        &["import-ics", calendar.to_str().unwrap(), "--name", &name],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_clean("import-ics", &out.stdout);
    db
}

#[test]
fn no_cli_output_lets_control_characters_through() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_database(dir.path());
    let md = dir.path().join("export.md");
    let json = dir.path().join("export.json");
    let commands: &[&[&str]] = &[
        &["person", "list"],
        &["person", "list", "--format", "json"],
        &["ritual", "list"],
        &["ritual", "list", "--format", "json"],
        &["agenda"],
        &["agenda", "--format", "md"],
        &["agenda", "--format", "json"],
        &["prep", "1"],
        &["prep", "1", "--format", "json"],
        &["search", "Priya"],
        &["search", "Priya", "--format", "json"],
        &["history"],
        &["history", "--format", "json"],
        &["report", "week"],
        &["report", "week", "--format", "json"],
        &["export", "--format", "md"],
        &["export", "--format", "ics"],
        &["export", "--format", "json"],
        &["risk", "list"],
        &["risk", "list", "--format", "json"],
        &["plan"],
        &["plan", "--format", "json"],
        &["next"],
        &["next", "--format", "json"],
        // Issue 19: every object's list and show, in each format.
        &["person", "show", "1"],
        &["person", "show", "1", "--format", "md"],
        &["ritual", "show", "1", "--format", "md"],
        &["topic", "list", "--all"],
        &["topic", "show", "1"],
        &["action", "list", "--all"],
        &["action", "show", "1", "--format", "md"],
        &["note", "list"],
        &["note", "show", "1"],
        &["note", "show", "1", "--format", "md"],
        &["goal", "list"],
        &["goal", "show", "1", "--format", "md"],
        &["risk", "show", "1"],
        &["risk", "show", "1", "--format", "json"],
    ];
    for args in commands {
        let out = bearing(&db, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
        assert!(
            shows_payload(&stdout(&out)),
            "{args:?} shows none of the hostile data, so it proves nothing:\n{}",
            stdout(&out)
        );
    }
    for (format, file) in [("md", &md), ("json", &json)] {
        let out = bearing(
            &db,
            &["export", "--format", format, "-o", file.to_str().unwrap()],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let written = std::fs::read(file).unwrap();
        assert_clean(&format!("export --format {format} -o"), &written);
        assert!(shows_payload(&String::from_utf8_lossy(&written)));
    }
}

#[test]
fn error_messages_show_hostile_names_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_database(dir.path());
    let cases: &[&[&str]] = &[
        // Ambiguous: the message lists the candidates' names.
        &["prep", "a"],
        &["topic", "add", "a", "hello"],
        &["ritual", "show", "a"],
        &["goal", "show", "e"],
        // Unknown calendar: the message lists the imported ones.
        &["import-ics", "--remove", "nothing-by-this-name"],
        // An argument holding the payload itself.
        &["prep", PAYLOAD],
        &["risk", "list", "--sort", PAYLOAD],
    ];
    for args in cases {
        let out = bearing(&db, args);
        assert!(!out.status.success(), "{args:?} should fail");
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert!(
            stderr(&out).contains(['␛', '\u{fffd}']),
            "{args:?}: the message names the hostile text, shown harmlessly: {}",
            stderr(&out)
        );
    }
}

#[test]
fn the_tui_draws_hostile_text_without_passing_it_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_database(dir.path());
    let mut tui = Pty::start(&db, &[], 120, 40);
    tui.wait_for("Bearing");
    for keys in ["2", "3", "4", "\r"] {
        tui.send(keys);
    }
    // Esc closes the person page; a key sent with it would be read as Alt and never reach tab 5.
    tui.escape();
    for keys in ["5", "1"] {
        tui.send(keys);
    }
    tui.send("q");
    tui.wait_exit();
    let raw = tui.raw();
    let text = String::from_utf8_lossy(&raw);
    // The TUI's own escape sequences are CSI only: no OSC (title, clipboard), no BEL.
    assert!(
        !text.contains("\u{1b}]"),
        "an OSC sequence reached the terminal"
    );
    assert!(!raw.contains(&0x07), "BEL reached the terminal");
    for c in text.chars() {
        assert!(
            !matches!(c, '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
            "U+{:04X} reached the terminal",
            c as u32
        );
    }
}
