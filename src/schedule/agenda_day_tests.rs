//! A day's order, overlapping meetings and the home view's first day.

use super::*;
use chrono::Weekday;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn item(kind: ItemKind, id: i64, span: Option<(&str, &str)>) -> AgendaItem {
    AgendaItem {
        date: day(24),
        start: span.map(|(s, _)| t(s)),
        end: span.map(|(_, e)| t(e)),
        kind,
        title: format!("{kind} {id}"),
        id,
        person: None,
        person_id: None,
        status: kind.is_meeting().then_some(OccurrenceStatus::Scheduled),
        occurrence: None,
        moved: false,
        done: false,
        conflict: false,
        lasts_until: None,
    }
}

#[test]
fn a_day_lists_all_day_events_then_meetings_by_time_then_what_is_due() {
    let mut items = vec![
        item(ItemKind::RiskReview, 1, None),
        item(ItemKind::ActionDue, 2, None),
        item(ItemKind::Ritual, 3, Some(("14:00", "15:00"))),
        item(ItemKind::GoalDue, 4, None),
        item(ItemKind::OneOnOne, 5, Some(("10:00", "10:30"))),
        item(ItemKind::Calendar, 6, None),
        item(ItemKind::Calendar, 7, Some(("09:00", "09:15"))),
    ];
    sort(&mut items);
    let order: Vec<i64> = items.iter().map(|i| i.id).collect();
    assert_eq!(order, [6, 7, 5, 3, 4, 2, 1]);
}

#[test]
fn overlapping_meetings_are_both_flagged_and_touching_or_skipped_ones_are_not() {
    let mut items = vec![
        item(ItemKind::Ritual, 1, Some(("09:30", "12:30"))),
        item(ItemKind::OneOnOne, 2, Some(("11:00", "11:30"))),
        item(ItemKind::Ritual, 3, Some(("12:30", "13:00"))), // touches 1: no overlap
        item(ItemKind::Ritual, 4, Some(("15:00", "16:00"))),
        item(ItemKind::Calendar, 5, Some(("15:30", "15:45"))), // an imported event counts
        item(ItemKind::Ritual, 6, Some(("17:00", "18:00"))),
        item(ItemKind::Ritual, 7, Some(("17:30", "18:00"))),
        item(ItemKind::ActionDue, 8, None),
        item(ItemKind::Calendar, 9, None), // all day: no time taken
        item(ItemKind::Ritual, 10, Some(("23:30", "00:30"))), // to the end of its day
        item(ItemKind::Ritual, 11, Some(("23:45", "23:50"))),
    ];
    items[6].status = Some(OccurrenceStatus::Skipped);
    let mut next_day = item(ItemKind::Ritual, 12, Some(("00:00", "00:15")));
    next_day.date = day(25);
    items.push(next_day);
    mark_conflicts(&mut items);
    let flagged: Vec<i64> = items.iter().filter(|i| i.conflict).map(|i| i.id).collect();
    assert_eq!(flagged, [1, 2, 4, 5, 10, 11]);
}

#[test]
fn the_home_view_never_opens_on_only_the_past() {
    let week = AgendaView::Week;
    // Monday to Friday: this week. Saturday and Sunday: its working days are over.
    assert_eq!(home_from(day(23), Weekday::Mon, week), day(23));
    assert_eq!(home_from(day(27), Weekday::Mon, week), day(23));
    assert_eq!(home_from(day(28), Weekday::Mon, week), day(30));
    assert_eq!(home_from(day(29), Weekday::Mon, week), day(30));
    // Weeks from Sunday: Sunday 29 opens its own week (its Monday is ahead), Saturday 28 the
    // next.
    assert_eq!(home_from(day(29), Weekday::Sun, week), day(29));
    assert_eq!(home_from(day(28), Weekday::Sun, week), day(29));
    assert_eq!(home_from(day(27), Weekday::Sun, week), day(22));
    // The rolling view starts today.
    assert_eq!(
        home_from(day(29), Weekday::Mon, AgendaView::Rolling),
        day(29)
    );
}

#[test]
fn a_day_of_an_event_that_goes_on_past_midnight_is_busy_to_the_end_of_the_day() {
    let hours = (t("09:00"), t("18:00"));
    let whole = item(ItemKind::Calendar, 1, Some(("00:00", "00:00")));
    assert_eq!(free_minutes([&whole], hours), 0);
    assert_eq!(whole.time_range().as_deref(), Some("00:00–24:00"));
    let evening = item(ItemKind::Calendar, 2, Some(("10:00", "00:00")));
    assert_eq!(free_minutes([&evening], hours), 60);
    assert_eq!(evening.ends_at(), Some(day(25).and_time(t("00:00"))));
}
