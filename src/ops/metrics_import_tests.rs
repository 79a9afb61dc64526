use super::*;
use crate::domain::metric::{Cadence, MetricFields};
use crate::ops::metrics::add_metric;
use chrono::Weekday;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 27)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap()
}

/// Two metrics: "Deploys" (weekly, id 1) and "eNPS" (monthly, id 2).
fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    add_metric(
        &mut store,
        MetricFields::new("Deploys", Weekday::Mon),
        now(),
    )
    .unwrap();
    let enps = MetricFields {
        cadence: Cadence::Monthly,
        ..MetricFields::new("eNPS", Weekday::Mon)
    };
    add_metric(&mut store, enps, now()).unwrap();
    store
}

fn values(store: &Store) -> Vec<(i64, String, f64, String)> {
    metrics::all_values(store.conn())
        .unwrap()
        .into_iter()
        .map(|v| (v.metric_id, v.period.to_string(), v.value, v.note))
        .collect()
}

const GOOD: &str = "date,metric,value,note
2026-11-16,Deploys,9
2026-11-23,deploys,12,\"a good week, finally\"
2026-10-31,2,18
";

#[test]
fn rows_are_logged_by_period_and_importing_again_changes_nothing() {
    let mut store = store();
    let summary = import_csv(&mut store, GOOD.as_bytes(), "n.csv", now()).unwrap();
    assert_eq!(
        summary,
        CsvSummary {
            rows: 3,
            added: 3,
            replaced: 0,
            unchanged: 0
        }
    );
    let stored = values(&store);
    assert_eq!(
        stored,
        [
            (1, "2026-11-16".into(), 9.0, String::new()),
            (1, "2026-11-23".into(), 12.0, "a good week, finally".into()),
            (2, "2026-10-01".into(), 18.0, String::new()),
        ]
    );
    let again = import_csv(&mut store, GOOD.as_bytes(), "n.csv", now()).unwrap();
    assert_eq!((again.unchanged, again.added, again.replaced), (3, 0, 0));
    assert_eq!(values(&store), stored);
    // A new number for a period replaces the old one.
    let fix = import_csv(&mut store, b"2026-11-17,Deploys,10\n", "n.csv", now()).unwrap();
    assert_eq!(fix.replaced, 1);
    assert_eq!(values(&store)[0].2, 10.0);
    // A row without a note, or with an empty one, keeps the period's note: a script's numbers
    // erased the reason written beside one, and said "1 replaced" for the same number.
    for row in ["2026-11-23,Deploys,12\n", "2026-11-23,Deploys,12,\n"] {
        let same = import_csv(&mut store, row.as_bytes(), "n.csv", now()).unwrap();
        assert_eq!((same.unchanged, same.replaced), (1, 0), "{row}");
        assert_eq!(values(&store)[1].3, "a good week, finally", "{row}");
    }
    let new_number = import_csv(&mut store, b"2026-11-23,Deploys,13\n", "n.csv", now()).unwrap();
    assert_eq!(new_number.replaced, 1);
    assert_eq!(
        values(&store)[1],
        (1, "2026-11-23".into(), 13.0, "a good week, finally".into())
    );
}

#[test]
fn a_bad_row_names_its_line_and_nothing_is_imported() {
    let cases: &[(&str, &str)] = &[
        (
            "2026-11-16,Deploys,9\n2026-13-01,Deploys,3\n",
            "f.csv, line 2: \"2026-13-01\" is not a date: use YYYY-MM-DD; nothing was imported",
        ),
        (
            "2026-11-16,Deploys,9\n16/11/2026,Deploys,3\n",
            "f.csv, line 2: \"16/11/2026\" is not a date",
        ),
        (
            "2026-11-16,Deploys,9\n2026-11-16,Velocity,3\n",
            "f.csv, line 2: unknown metric \"Velocity\" (known: Deploys, eNPS; add it with `bearing metric add`)",
        ),
        (
            "2026-11-16,Deploys,many\n",
            "f.csv, line 1: the value \"many\" is not a number",
        ),
        ("2026-11-16,Deploys,\n", "f.csv, line 1: the value is empty"),
        (
            "2026-11-16,Deploys,1e9\n",
            "f.csv, line 1: the value \"1e9\" is not a number",
        ),
        (
            "date,metric,value\n2026-11-16,Deploys,9\n2026-11-18,Deploys,9\n",
            "f.csv, line 3: a second value for Deploys in the week of 2026-11-16 (line 2 has one)",
        ),
        (
            "2026-11-16,Deploys\n",
            "f.csv, line 1: 2 fields where date,metric,value[,note] has 3 or 4",
        ),
        (
            "2026-11-16,Deploys,9,note,more\n",
            "f.csv, line 1: 5 fields",
        ),
        (
            "2026-12-07,Deploys,9\n",
            "f.csv, line 1: the week of 7 Dec 2026 has not begun",
        ),
        (
            "2026-11-16,Deploys,9\n\"2026-11-23,Deploys,9\n",
            "f.csv, line 2:",
        ),
    ];
    for (text, expected) in cases {
        let mut store = store();
        let err = import_csv(&mut store, text.as_bytes(), "f.csv", now()).unwrap_err();
        assert!(err.to_string().starts_with(expected), "{text:?}: {err}");
        assert!(err.to_string().ends_with("nothing was imported"), "{err}");
        assert_eq!(err.exit_code(), 2);
        assert!(values(&store).is_empty(), "{text:?}");
    }
}

#[test]
fn messages_never_quote_a_note_and_escape_what_they_quote() {
    let mut store = store();
    let long = format!("2026-11-16,Deploys,9,\"secret {}\"\n", "x".repeat(20_000));
    let err = import_csv(&mut store, long.as_bytes(), "f.csv", now()).unwrap_err();
    assert!(err.to_string().contains("the note is too long"), "{err}");
    assert!(!err.to_string().contains("secret"), "{err}");
    let hostile = "2026-11-16,\u{1b}]52;c;aGk=\u{7},9\n";
    let err = import_csv(&mut store, hostile.as_bytes(), "f.csv", now()).unwrap_err();
    assert!(!err.to_string().contains('\u{1b}'), "{err}");
    let err = import_csv(&mut store, b"2026-11-16,Deploys,\xff\n", "f.csv", now()).unwrap_err();
    assert!(err.to_string().contains("line 1: not UTF-8 text"), "{err}");
    assert!(values(&store).is_empty());
}
