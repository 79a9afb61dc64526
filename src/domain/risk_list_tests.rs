use super::*;
use crate::domain::risk::{RiskDraft, RiskStatus};
use chrono::NaiveDate;

fn risk(id: i64, title: &str, l: i64, i: i64) -> Risk {
    Risk {
        id,
        fields: RiskDraft {
            title: title.into(),
            likelihood: l,
            impact: i,
            ..RiskDraft::default()
        }
        .validate()
        .unwrap(),
        history: Vec::new(),
    }
}

fn ids(risks: &[&Risk]) -> Vec<i64> {
    risks.iter().map(|r| r.id).collect()
}

fn register() -> Vec<Risk> {
    let mut a = risk(1, "If CI stays flaky, then releases slip", 3, 3);
    a.fields.owner = "Marcus".into();
    a.fields.category = Category::Delivery;
    a.fields.next_review = NaiveDate::from_ymd_opt(2026, 12, 1);
    let mut b = risk(2, "If Priya leaves, then payments stall", 2, 5);
    b.fields.owner = "aisha".into();
    b.fields.category = Category::People;
    b.fields.next_review = NaiveDate::from_ymd_opt(2026, 11, 25);
    let mut c = risk(3, "Vendor lock-in on the event bus", 4, 4);
    c.fields.category = Category::Vendor;
    let mut d = risk(4, "Old audit finding", 4, 4);
    d.fields.status = RiskStatus::Closed;
    d.fields.mitigation = "CI pipeline rebuilt".into();
    vec![a, b, c, d]
}

#[test]
fn sorts_with_stable_ties() {
    let all = register();
    let filter = RiskFilter {
        status: StatusFilter::All,
        ..RiskFilter::default()
    };
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [3, 4, 2, 1]);
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Review)), [2, 1, 3, 4]);
    assert_eq!(
        ids(&visible(&all, &filter, RiskSort::Category)),
        [1, 2, 3, 4]
    );
    // Case-insensitive names; the unowned last.
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Owner)), [2, 1, 3, 4]);
    assert_eq!(RiskSort::Owner.next(), RiskSort::Score);
}

#[test]
fn the_owner_order_is_the_same_with_and_without_the_cached_keys() {
    let mut all = register();
    all.push(risk(5, "Another of Marcus's", 4, 4));
    all[4].fields.owner = "MARCUS".into();
    let filter = RiskFilter {
        status: StatusFilter::All,
        ..RiskFilter::default()
    };
    let mut refs: Vec<&Risk> = all.iter().collect();
    sort_risks(&mut refs, RiskSort::Owner);
    assert_eq!(ids(&refs), ids(&visible(&all, &filter, RiskSort::Owner)));
    assert_eq!(ids(&refs), [2, 5, 1, 3, 4]);
}

#[test]
fn text_matches_any_case_in_ascii_and_beyond() {
    let mut all = register();
    all[2].fields.owner = "Tomás Ferreira".into();
    let mut filter = RiskFilter {
        text: "TOMÁS".into(),
        ..RiskFilter::default()
    };
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [3]);
    filter.text = "ferr lock".into();
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [3]);
    filter.text = "vendor".into();
    assert_eq!(
        ids(&visible(&all, &filter, RiskSort::Score)),
        [3],
        "the category counts"
    );
}

#[test]
fn the_register_opens_on_active_risks_and_filters_combine() {
    let all = register();
    let mut filter = RiskFilter::default();
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [3, 2, 1]);
    filter.band = Some(Band::Medium);
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [1]);
    filter.band = None;
    filter.text = "ci".into();
    assert_eq!(
        ids(&visible(&all, &filter, RiskSort::Score)),
        [1],
        "closed 4 mentions CI but is hidden"
    );
    filter.status = StatusFilter::All;
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [4, 1]);
    filter.text = "flaky CI".into();
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [1]);
    filter.text = "AISHA".into();
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [2]);
    assert_eq!(filter.describe(), ["status: all", "text: \"AISHA\""]);
}

#[test]
fn heat_counts_ignore_the_cell_filter_and_the_cell_filter_is_exact() {
    let all = register();
    let mut filter = RiskFilter::default();
    let counts = heat_counts(&all, &filter);
    assert_eq!(counts[3][3], 1, "the closed 4×4 is not counted");
    assert_eq!(counts[2][2], 1);
    assert_eq!(counts[1][4], 1);
    assert_eq!(counts.iter().flatten().sum::<usize>(), 3);
    filter.cell = Some(RiskScore {
        likelihood: 2,
        impact: 5,
    });
    assert_eq!(ids(&visible(&all, &filter, RiskSort::Score)), [2]);
    assert_eq!(heat_counts(&all, &filter), counts);
    assert_eq!(filter.describe(), ["cell L2×I5"]);
}

#[test]
fn filters_cycle_through_their_values_and_back_to_any() {
    let mut band = None;
    let mut seen = Vec::new();
    for _ in 0..5 {
        band = cycle(band, &Band::SEVERE_FIRST);
        seen.push(band);
    }
    assert_eq!(
        seen,
        [
            Some(Band::Critical),
            Some(Band::High),
            Some(Band::Medium),
            Some(Band::Low),
            None
        ]
    );
    let mut status = StatusFilter::default();
    let mut labels = Vec::new();
    for _ in 0..5 {
        labels.push(status.label());
        status = status.next();
    }
    assert_eq!(labels, ["active", "open", "monitoring", "closed", "all"]);
    assert_eq!(status, StatusFilter::Active);
}
