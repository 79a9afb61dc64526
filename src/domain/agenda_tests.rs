use super::*;

#[test]
fn a_meeting_names_its_person_once() {
    let marcus = Some("Marcus Oyelaran");
    assert_eq!(meeting_title("1:1", marcus), "1:1 Marcus Oyelaran");
    assert_eq!(
        meeting_title("Weekly 1:1", marcus),
        "Weekly 1:1 Marcus Oyelaran"
    );
    assert_eq!(
        meeting_title("1:1 Marcus Oyelaran", marcus),
        "1:1 Marcus Oyelaran"
    );
    assert_eq!(
        meeting_title("1:1 with marcus oyelaran", marcus),
        "1:1 with marcus oyelaran"
    );
    assert_eq!(
        meeting_title("Skip-level", marcus),
        "Skip-level · Marcus Oyelaran"
    );
    assert_eq!(meeting_title("Staff meeting", None), "Staff meeting");
    assert_eq!(meeting_title("", marcus), "Marcus Oyelaran");
}

fn radar(kind: RadarKind, date: NaiveDate, days: i64) -> RadarItem {
    RadarItem {
        kind,
        title: "If the vendor folds".into(),
        detail: "vendor risk".into(),
        id: 1,
        person_id: None,
        date,
        days,
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn radar_items_say_what_they_are() {
    // An expired acceptance is a decision to take again, not a late review; long ago, it says
    // the year (the large demo had "review overdue 2524d").
    assert_eq!(
        radar(RadarKind::AcceptanceExpired, d(2019, 12, 27), 2523).describe(),
        "If the vendor folds — acceptance expired on Fri 27 Dec 2019, decide again"
    );
    assert_eq!(
        radar(RadarKind::AcceptanceExpired, d(2026, 11, 21), 2).describe(),
        "If the vendor folds — acceptance expired on Sat 21 Nov, decide again"
    );
    assert_eq!(
        radar(RadarKind::OverdueReview, d(2026, 11, 22), 1).describe(),
        "If the vendor folds — review 1 day overdue"
    );
    assert_eq!(
        radar(RadarKind::ReviewDueSoon, d(2026, 11, 23), 0).describe(),
        "If the vendor folds — review due today"
    );
    assert_eq!(
        radar(RadarKind::ReviewDueSoon, d(2026, 11, 24), -1).describe(),
        "If the vendor folds — review due tomorrow"
    );
    assert_eq!(
        radar(RadarKind::ReviewDueSoon, d(2026, 11, 26), -3).describe(),
        "If the vendor folds — review due Thu 26 Nov"
    );
    assert!(RadarKind::OverdueAction.is_overdue());
    assert!(!RadarKind::ActionDueSoon.is_overdue());
    assert_eq!(RadarKind::AcceptanceExpired.tag(), "risk");
}
