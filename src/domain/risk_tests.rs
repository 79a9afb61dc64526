use super::*;
use crate::domain::risk_score::{Band, ReviewIntervals, RiskScore, ScoreEntry, Trend};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn draft(title: &str, likelihood: i64, impact: i64) -> RiskDraft {
    RiskDraft {
        title: title.into(),
        likelihood,
        impact,
        ..RiskDraft::default()
    }
}

fn entry(date: NaiveDate, likelihood: u8, impact: u8) -> ScoreEntry {
    ScoreEntry {
        date,
        score: RiskScore { likelihood, impact },
        note: String::new(),
    }
}

#[test]
fn score_is_likelihood_times_impact() {
    assert_eq!(RiskScore::new(1, 1).unwrap().value(), 1);
    assert_eq!(RiskScore::new(4, 3).unwrap().value(), 12);
    assert_eq!(RiskScore::new(5, 5).unwrap().value(), 25);
    assert_eq!(RiskScore::new(4, 3).unwrap().to_string(), "L4×I3 = 12");
}

#[test]
fn band_boundaries() {
    for (score, band) in [
        (1, Band::Low),
        (4, Band::Low),
        (5, Band::Medium),
        (9, Band::Medium),
        (10, Band::High),
        (15, Band::High),
        (16, Band::Critical),
        (25, Band::Critical),
    ] {
        assert_eq!(Band::of(score), band, "score {score}");
    }
    // Through the score: 2×2 is low, 2×3 medium, 2×5 high, 4×4 critical.
    assert_eq!(RiskScore::new(2, 2).unwrap().band(), Band::Low);
    assert_eq!(RiskScore::new(2, 3).unwrap().band(), Band::Medium);
    assert_eq!(RiskScore::new(3, 3).unwrap().band(), Band::Medium);
    assert_eq!(RiskScore::new(2, 5).unwrap().band(), Band::High);
    assert_eq!(RiskScore::new(3, 5).unwrap().band(), Band::High);
    assert_eq!(RiskScore::new(4, 4).unwrap().band(), Band::Critical);
}

#[test]
fn likelihood_and_impact_outside_1_to_5_are_refused_on_their_field() {
    for bad in [0, 6, -1, 300] {
        let err = draft("If x, then y", bad, 3).validate().unwrap_err();
        assert_eq!(err.field, Some("likelihood"));
        assert!(
            err.message
                .contains(&format!("likelihood {bad} is out of range")),
            "{}",
            err.message
        );
        assert!(err.message.contains("1 (rare) to 5 (almost certain)"));
        let err = draft("If x, then y", 3, bad).validate().unwrap_err();
        assert_eq!(err.field, Some("impact"));
        assert!(err.message.contains("1 (minimal) to 5 (severe)"));
    }
}

#[test]
fn words_parse_any_case_and_unknown_ones_list_the_choices() {
    assert_eq!(Category::parse(" People ").unwrap(), Category::People);
    assert_eq!(Response::parse("ACCEPT").unwrap(), Response::Accept);
    assert_eq!(
        RiskStatus::parse("monitoring").unwrap(),
        RiskStatus::Monitoring
    );
    let err = Category::parse("weather").unwrap_err();
    assert_eq!(err.field, Some("category"));
    assert_eq!(
        err.message,
        "unknown category \"weather\": use delivery, reliability, security, people, \
         compliance, vendor, cost or other"
    );
    let err = Response::parse("ignore").unwrap_err();
    assert_eq!(
        err.message,
        "unknown response \"ignore\": use avoid, mitigate, transfer or accept"
    );
}

#[test]
fn a_title_is_required_and_folded() {
    let err = draft("  ", 3, 3).validate().unwrap_err();
    assert_eq!(err.field, Some("title"));
    let ok = draft("  If CI  stays flaky,\n then releases slip ", 3, 3)
        .validate()
        .unwrap();
    assert_eq!(ok.title, "If CI stays flaky, then releases slip");
    assert!(
        draft(&"x".repeat(crate::domain::text::LINE_MAX + 1), 3, 3)
            .validate()
            .is_err()
    );
}

#[test]
fn residual_needs_both_values_in_range() {
    let mut dr = draft("t", 4, 4);
    dr.residual_likelihood = Some(2);
    assert_eq!(
        dr.clone().validate().unwrap_err().field,
        Some("residual_impact")
    );
    dr.residual_impact = Some(6);
    let err = dr.clone().validate().unwrap_err();
    assert_eq!(err.field, Some("residual_impact"));
    assert!(
        err.message.starts_with("residual impact 6"),
        "{}",
        err.message
    );
    dr.residual_impact = Some(3);
    assert_eq!(
        dr.validate().unwrap().residual,
        Some(RiskScore {
            likelihood: 2,
            impact: 3
        })
    );
}

#[test]
fn accepting_needs_a_reason_and_an_expiry_and_other_responses_drop_them() {
    let mut dr = draft("t", 2, 2);
    dr.response = Response::Accept;
    assert_eq!(
        dr.clone().validate().unwrap_err().field,
        Some("accept_reason")
    );
    dr.accept_reason = "cheaper to live with".into();
    assert_eq!(
        dr.clone().validate().unwrap_err().field,
        Some("accept_expiry")
    );
    dr.accept_expiry = Some(d(2027, 3, 1));
    let ok = dr.clone().validate().unwrap();
    assert_eq!(ok.accept_reason, "cheaper to live with");
    dr.response = Response::Mitigate;
    let ok = dr.validate().unwrap();
    assert_eq!(ok.accept_reason, "");
    assert_eq!(ok.accept_expiry, None);
}

#[test]
fn default_review_intervals_follow_the_band() {
    let i = ReviewIntervals::default();
    let today = d(2026, 11, 23);
    assert_eq!(i.next_review(Band::Critical, today), d(2026, 11, 30));
    assert_eq!(i.next_review(Band::High, today), d(2026, 12, 7));
    assert_eq!(i.next_review(Band::Medium, today), d(2026, 12, 23));
    assert_eq!(i.next_review(Band::Low, today), d(2027, 2, 21));
    let custom = ReviewIntervals {
        critical: 3,
        ..ReviewIntervals::default()
    };
    assert_eq!(custom.next_review(Band::Critical, today), d(2026, 11, 26));
}

#[test]
fn trend_compares_the_latest_score_with_the_one_before() {
    let (a, b, c) = (d(2026, 10, 1), d(2026, 11, 1), d(2026, 11, 20));
    assert_eq!(Trend::of(&[]), Trend::New);
    assert_eq!(Trend::of(&[entry(a, 3, 3)]), Trend::New);
    assert_eq!(Trend::of(&[entry(a, 3, 3), entry(b, 4, 3)]), Trend::Worse);
    assert_eq!(Trend::of(&[entry(a, 4, 3), entry(b, 2, 3)]), Trend::Better);
    // The same score from another mix of likelihood and impact is no change.
    assert_eq!(Trend::of(&[entry(a, 2, 3), entry(b, 3, 2)]), Trend::Same);
    // Only the last step counts.
    assert_eq!(
        Trend::of(&[entry(a, 1, 1), entry(b, 5, 5), entry(c, 4, 5)]),
        Trend::Better
    );
    assert_eq!(Trend::Worse.arrow(), "↑");
    assert_eq!(Trend::Better.arrow(), "↓");
    assert_eq!(Trend::Same.arrow(), "→");
    assert_eq!(Trend::New.arrow(), "→");
}

fn fields(response: Response, next_review: Option<NaiveDate>) -> RiskFields {
    let mut dr = draft("t", 3, 3);
    dr.response = response;
    dr.next_review = next_review;
    if response == Response::Accept {
        dr.accept_reason = "why".into();
        dr.accept_expiry = Some(d(2026, 11, 20));
    }
    dr.validate().unwrap()
}

#[test]
fn an_accepted_risk_past_its_expiry_is_overdue_again() {
    let f = fields(Response::Accept, Some(d(2027, 1, 1)));
    assert!(!f.acceptance_expired(d(2026, 11, 20)), "on the expiry day");
    assert!(f.acceptance_expired(d(2026, 11, 21)), "the day after");
    assert_eq!(f.overdue_since(d(2026, 11, 23)), Some(d(2026, 11, 20)));
    let mut closed = f.clone();
    closed.status = RiskStatus::Closed;
    assert!(!closed.acceptance_expired(d(2026, 11, 23)));
    assert_eq!(closed.overdue_since(d(2026, 11, 23)), None);
    // Only accepted risks expire.
    let mitigated = fields(Response::Mitigate, Some(d(2027, 1, 1)));
    assert_eq!(mitigated.overdue_since(d(2026, 11, 23)), None);
}

#[test]
fn a_review_is_overdue_the_day_after_its_date_unless_closed() {
    let f = fields(Response::Mitigate, Some(d(2026, 11, 23)));
    assert!(!f.review_overdue(d(2026, 11, 23)));
    assert!(f.review_overdue(d(2026, 11, 24)));
    assert_eq!(f.overdue_since(d(2026, 11, 30)), Some(d(2026, 11, 23)));
    let mut closed = f;
    closed.status = RiskStatus::Closed;
    assert!(!closed.review_overdue(d(2026, 12, 30)));
    assert!(!fields(Response::Mitigate, None).review_overdue(d(2026, 12, 30)));
}

#[test]
fn a_stored_risk_round_trips_through_a_draft() {
    let mut dr = draft("If the vendor raises prices, then costs grow", 4, 2);
    dr.response = Response::Accept;
    dr.accept_reason = "no alternative this year".into();
    dr.accept_expiry = Some(d(2027, 6, 30));
    dr.residual_likelihood = Some(2);
    dr.residual_impact = Some(2);
    let f = dr.validate().unwrap();
    assert_eq!(RiskDraft::from(&f).validate().unwrap(), f);
}
