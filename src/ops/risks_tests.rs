use super::*;
use crate::domain::agenda::{ItemKind, RadarKind};
use crate::domain::risk::Category;
use crate::ops::agenda::agenda;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn now() -> NaiveDateTime {
    d(2026, 11, 23).and_hms_opt(9, 0, 0).unwrap()
}

fn draft(title: &str, l: i64, i: i64) -> RiskDraft {
    RiskDraft {
        title: title.into(),
        likelihood: l,
        impact: i,
        category: Category::Delivery,
        ..RiskDraft::default()
    }
}

fn intervals() -> ReviewIntervals {
    ReviewIntervals::default()
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn adding_starts_the_history_and_sets_the_review_by_band() {
    let mut store = Store::open_in_memory().unwrap();
    let saved = add_risk(
        &mut store,
        draft("If CI stays flaky", 4, 4),
        &intervals(),
        now(),
    )
    .unwrap();
    assert!(saved.warnings.is_empty());
    let r = saved.risk;
    assert_eq!(
        r.fields.next_review,
        Some(d(2026, 11, 30)),
        "critical: a week"
    );
    assert_eq!(r.history.len(), 1);
    assert_eq!(r.history[0].date, d(2026, 11, 23));
    assert_eq!(r.history[0].score.value(), 16);
    assert_eq!(r.trend(), Trend::New);
    let low = add_risk(&mut store, draft("Minor", 1, 2), &intervals(), now()).unwrap();
    assert_eq!(
        low.risk.fields.next_review,
        Some(d(2027, 2, 21)),
        "low: a quarter"
    );
}

#[test]
fn bad_input_saves_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    for (l, i) in [(0, 3), (6, 3), (3, 0), (3, 6)] {
        let err = add_risk(&mut store, draft("t", l, i), &intervals(), now()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
    let mut accepted = draft("t", 2, 2);
    accepted.response = Response::Accept;
    assert!(add_risk(&mut store, accepted, &intervals(), now()).is_err());
    assert_eq!(count(&store, "risk"), 0);
    assert_eq!(count(&store, "risk_review"), 0);
    let err = review_risk(
        &mut store,
        7,
        RiskReview {
            likelihood: 3,
            impact: 3,
            note: String::new(),
            next_review: None,
            accept_expiry: None,
        },
        None,
        &intervals(),
        now(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("no risk with id 7"), "{err}");
}

#[test]
fn a_review_date_in_the_past_is_saved_with_a_warning() {
    let mut store = Store::open_in_memory().unwrap();
    let mut past = draft("Late to the register", 3, 3);
    past.next_review = Some(d(2026, 11, 2));
    let saved = add_risk(&mut store, past, &intervals(), now()).unwrap();
    assert_eq!(saved.warnings.len(), 1);
    assert!(
        saved.warnings[0].contains("Mon 2 Nov 2026, is in the past"),
        "{:?}",
        saved.warnings
    );
    assert!(saved.risk.is_overdue(now().date()));
    // Editing something else does not repeat the warning.
    let mut edit = RiskDraft::from(&saved.risk.fields);
    edit.owner = "Aisha".into();
    let again = update_risk(
        &mut store,
        saved.risk.id,
        edit,
        "",
        None,
        &intervals(),
        now(),
    )
    .unwrap()
    .value;
    assert!(again.warnings.is_empty());
}

#[test]
fn only_a_new_score_or_a_note_adds_to_the_history_on_edit() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add_risk(&mut store, draft("t", 2, 3), &intervals(), now())
        .unwrap()
        .risk
        .id;
    let later = now() + chrono::Duration::days(3);
    let mut edit = RiskDraft::from(&get_risk(&store, id).unwrap().fields);
    edit.owner = "Marcus".into();
    let r = update_risk(&mut store, id, edit.clone(), "", None, &intervals(), later)
        .unwrap()
        .value;
    assert_eq!(r.risk.history.len(), 1);
    edit.likelihood = 4;
    let r = update_risk(&mut store, id, edit.clone(), "", None, &intervals(), later)
        .unwrap()
        .value;
    assert_eq!(r.risk.history.len(), 2);
    assert_eq!(r.risk.trend(), Trend::Worse);
    assert_eq!(r.risk.history[1].date, d(2026, 11, 26));
    let r = update_risk(
        &mut store,
        id,
        edit,
        "vendor confirmed",
        None,
        &intervals(),
        later,
    )
    .unwrap()
    .value;
    assert_eq!(r.risk.history.len(), 3);
    assert_eq!(r.risk.history[2].note, "vendor confirmed");
    assert_eq!(r.risk.trend(), Trend::Same);
}

#[test]
fn a_review_always_records_and_sets_the_next_review_from_the_new_band() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add_risk(&mut store, draft("t", 2, 3), &intervals(), now())
        .unwrap()
        .risk
        .id;
    let review = |l, i, note: &str| RiskReview {
        likelihood: l,
        impact: i,
        note: note.into(),
        next_review: None,
        accept_expiry: None,
    };
    let r = review_risk(
        &mut store,
        id,
        review(4, 3, "second team hit"),
        None,
        &intervals(),
        now(),
    )
    .unwrap()
    .risk;
    assert_eq!(r.fields.score.value(), 12);
    assert_eq!(
        r.fields.next_review,
        Some(d(2026, 12, 7)),
        "high: two weeks"
    );
    assert_eq!(r.trend(), Trend::Worse);
    let r = review_risk(
        &mut store,
        id,
        review(4, 3, "unchanged"),
        None,
        &intervals(),
        now(),
    )
    .unwrap()
    .risk;
    assert_eq!(r.history.len(), 3, "a confirming review is kept too");
    assert_eq!(r.trend(), Trend::Same);
    let mut chosen = review(1, 3, "fixed");
    chosen.next_review = Some(d(2027, 1, 4));
    let r = review_risk(&mut store, id, chosen, None, &intervals(), now())
        .unwrap()
        .risk;
    assert_eq!(r.fields.next_review, Some(d(2027, 1, 4)));
    assert_eq!(r.trend(), Trend::Better);
    assert!(review_risk(&mut store, id, review(6, 1, ""), None, &intervals(), now()).is_err());
    assert_eq!(get_risk(&store, id).unwrap().history.len(), 4);
}

#[test]
fn reviews_reach_the_agenda_and_overdue_ones_and_expired_acceptances_the_radar() {
    let mut store = Store::open_in_memory().unwrap();
    let mut due = draft("Due this week", 3, 3);
    due.next_review = Some(d(2026, 11, 25));
    add_risk(&mut store, due, &intervals(), now()).unwrap();
    let mut late = draft("Overdue", 3, 3);
    late.next_review = Some(d(2026, 11, 20));
    add_risk(&mut store, late, &intervals(), now()).unwrap();
    let mut accepted = draft("Accepted until last week", 2, 2);
    accepted.response = Response::Accept;
    accepted.accept_reason = "cheaper to live with".into();
    accepted.accept_expiry = Some(d(2026, 11, 16));
    accepted.next_review = Some(d(2027, 1, 1));
    add_risk(&mut store, accepted, &intervals(), now()).unwrap();
    let mut closed = draft("Closed", 3, 3);
    closed.status = RiskStatus::Closed;
    closed.next_review = Some(d(2026, 11, 24));
    add_risk(&mut store, closed, &intervals(), now()).unwrap();

    let week = agenda(&store, d(2026, 11, 23), 7, now(), 3, 13).unwrap();
    let reviews: Vec<&str> = week
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::RiskReview)
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(reviews, ["Due this week"]);
    let radar: Vec<(RadarKind, &str, i64)> = week
        .radar
        .iter()
        .map(|r| (r.kind, r.title.as_str(), r.days))
        .collect();
    // An expired acceptance is worded as what it is, not as a late review (issue 16: the
    // large demo said "review overdue 2524d"); the review due in two days is warned of.
    assert_eq!(
        radar,
        [
            (RadarKind::AcceptanceExpired, "Accepted until last week", 7),
            (RadarKind::OverdueReview, "Overdue", 3),
            (RadarKind::ReviewDueSoon, "Due this week", -2),
        ]
    );
    assert_eq!(
        week.radar[0].describe(),
        "Accepted until last week — acceptance expired on Mon 16 Nov, decide again"
    );
    assert_eq!(week.radar[1].describe(), "Overdue — review 3 days overdue");
    assert_eq!(
        week.radar[2].describe(),
        "Due this week — review due Wed 25 Nov"
    );
    // Without lead days only what is late is listed.
    let late = agenda(&store, d(2026, 11, 23), 7, now(), 0, 13)
        .unwrap()
        .radar;
    assert_eq!(late.len(), 2);
}

#[test]
fn deleting_takes_the_history_along() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add_risk(&mut store, draft("t", 2, 3), &intervals(), now())
        .unwrap()
        .risk
        .id;
    let gone = delete_risk(&mut store, id, None).unwrap();
    assert_eq!(gone.fields.title, "t");
    assert_eq!(count(&store, "risk_review"), 0);
    assert!(delete_risk(&mut store, id, None).is_err());
}

#[test]
fn the_json_report_has_score_band_trend_and_history() {
    let mut store = Store::open_in_memory().unwrap();
    let r = add_risk(
        &mut store,
        draft("If CI stays flaky", 4, 3),
        &intervals(),
        now(),
    )
    .unwrap()
    .risk;
    let json = serde_json::to_value(RiskReport::new(&r, now().date())).unwrap();
    assert_eq!(json["id"], 1);
    assert_eq!(json["title"], "If CI stays flaky");
    assert_eq!(json["likelihood"], 4);
    assert_eq!(json["impact"], 3);
    assert_eq!(json["score"], 12);
    assert_eq!(json["band"], "high");
    assert_eq!(json["trend"], "new");
    assert_eq!(json["overdue"], false);
    assert_eq!(json["category"], "delivery");
    assert_eq!(json["response"], "mitigate");
    assert_eq!(json["status"], "open");
    assert_eq!(json["next_review"], "2026-12-07");
    assert_eq!(json["residual"], serde_json::Value::Null);
    assert_eq!(json["history"][0]["date"], "2026-11-23");
    assert_eq!(json["history"][0]["score"], 12);
    assert_eq!(json["history"][0]["band"], "high");
}

#[test]
fn the_register_lists_each_risks_history_as_the_risk_alone_reads_it() {
    let mut store = Store::open_in_memory().unwrap();
    let ids: Vec<i64> = ["A", "B", "C", "D"]
        .iter()
        .map(|t| {
            (add_risk(&mut store, draft(t, 2, 2), &intervals(), now()).unwrap())
                .risk
                .id
        })
        .collect();
    // Entries written out of date order, several on one day, interleaved between risks.
    let entries = [
        (ids[1], d(2026, 10, 1), 3),
        (ids[0], d(2025, 1, 9), 4),
        (ids[2], d(2026, 11, 23), 5),
        (ids[0], d(2026, 11, 23), 1),
        (ids[1], d(2024, 2, 29), 2),
        (ids[0], d(2025, 1, 9), 3),
        (ids[2], d(2026, 11, 23), 4),
    ];
    store
        .write(|tx| -> Result<(), OpsError> {
            for (n, (id, date, likelihood)) in entries.into_iter().enumerate() {
                let entry = ScoreEntry {
                    date,
                    score: RiskScore::new(likelihood, 2).unwrap(),
                    note: format!("entry {n}"),
                };
                risks::insert_entry(tx, id, &entry)?;
            }
            // A date written by hand without its zeros reads, and sorts as its text does:
            // after "2026-01-10", before "2026-10-01".
            for date in ["2026-1-5", "2026-01-10"] {
                tx.execute(
                    "INSERT INTO risk_review (risk_id, date, likelihood, impact, note) \
                     VALUES (?1, ?2, 3, 3, ?2)",
                    rusqlite::params![ids[1], date],
                )
                .map_err(crate::store::StoreError::from)?;
            }
            // D has no history at all.
            tx.execute("DELETE FROM risk_review WHERE risk_id = ?1", [ids[3]])
                .map_err(crate::store::StoreError::from)?;
            Ok(())
        })
        .unwrap();
    let listed = list_risks(&store).unwrap();
    assert_eq!(listed.len(), 4);
    assert_eq!(
        (listed[1].history.iter())
            .map(|e| e.note.as_str())
            .collect::<Vec<_>>(),
        ["entry 4", "2026-01-10", "2026-1-5", "entry 0", ""],
        "in the order of the dates' text, as SQL orders them"
    );
    for risk in &listed {
        let alone = get_risk(&store, risk.id).unwrap();
        assert_eq!(risk.history, alone.history, "risk {}", risk.id);
        assert_eq!(risk.trend(), alone.trend());
    }
    let c = &listed[2].history;
    assert_eq!(
        c.iter().map(|e| e.note.as_str()).collect::<Vec<_>>(),
        ["", "entry 2", "entry 6"],
        "one day's entries in the order written"
    );
    assert!(listed[3].history.is_empty());
}
