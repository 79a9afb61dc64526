use super::*;
use crate::domain::plan::GoalFields;
use crate::domain::risk::{Category, Response, RiskFields, RiskStatus};
use crate::domain::risk_score::ScoreEntry;
use crate::domain::ritual::RitualFields;
use crate::ops::actions::set_action_done;
use crate::ops::one_on_ones::add_action;
use crate::ops::rituals::{add_ritual, set_status};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(day: NaiveDate, h: u32, min: u32) -> NaiveDateTime {
    day.and_hms_opt(h, min, 0).unwrap()
}

fn meeting(id: i64, kind: ItemKind, start: NaiveDateTime, status: OccurrenceStatus) -> AgendaItem {
    AgendaItem {
        date: start.date(),
        start: Some(start.time()),
        end: Some(start.time() + Duration::minutes(30)),
        kind,
        title: format!("meeting {id}"),
        id,
        person: (kind == ItemKind::OneOnOne).then(|| "Priya".to_string()),
        person_id: None,
        status: Some(status),
        occurrence: Some(start),
        moved: false,
        done: false,
        conflict: false,
        lasts_until: None,
    }
}

fn record(ritual_id: i64, start: NaiveDateTime, notes: &str) -> OccurrenceRecord {
    OccurrenceRecord {
        id: 1,
        ritual_id,
        original_start: start,
        status: OccurrenceStatus::Skipped,
        moved_to: None,
        notes: notes.into(),
        decisions: String::new(),
        agenda_done: String::new(),
    }
}

#[test]
fn meetings_are_held_skipped_missed_or_still_to_come() {
    let mon = d(2026, 11, 23);
    let now = at(mon, 12, 0);
    let items = vec![
        meeting(1, ItemKind::OneOnOne, at(mon, 9, 0), OccurrenceStatus::Held),
        meeting(
            2,
            ItemKind::OneOnOne,
            at(mon, 10, 0),
            OccurrenceStatus::Skipped,
        ),
        meeting(
            3,
            ItemKind::OneOnOne,
            at(mon, 11, 0),
            OccurrenceStatus::Scheduled,
        ),
        // Started but not over: not missed yet.
        meeting(
            4,
            ItemKind::Ritual,
            at(mon, 11, 45),
            OccurrenceStatus::Scheduled,
        ),
        meeting(
            5,
            ItemKind::Ritual,
            at(mon, 15, 0),
            OccurrenceStatus::Scheduled,
        ),
    ];
    let records = vec![record(2, at(mon, 10, 0), "  Priya on leave \n")];
    let got = meeting_outcomes(&items, &records, now);
    let outcomes: Vec<(i64, Outcome, ItemKind)> = got
        .iter()
        .map(|(m, k)| (m.ritual_id, m.outcome, *k))
        .collect();
    assert_eq!(
        outcomes,
        [
            (1, Outcome::Held, ItemKind::OneOnOne),
            (2, Outcome::Skipped, ItemKind::OneOnOne),
            (3, Outcome::Missed, ItemKind::OneOnOne),
            (4, Outcome::Upcoming, ItemKind::Ritual),
            (5, Outcome::Upcoming, ItemKind::Ritual),
        ]
    );
    assert_eq!(got[1].0.reason.as_deref(), Some("Priya on leave"));
    assert_eq!(got[0].0.reason, None, "only skipped ones carry a reason");
}

fn risk(id: i64, history: &[(NaiveDate, u8, u8)]) -> Risk {
    let entries: Vec<ScoreEntry> = history
        .iter()
        .map(|&(date, l, i)| ScoreEntry {
            date,
            score: RiskScore::new(l.into(), i.into()).unwrap(),
            note: format!("L{l} I{i}"),
        })
        .collect();
    Risk {
        id,
        fields: RiskFields {
            title: format!("risk {id}"),
            category: Category::Delivery,
            score: entries.last().unwrap().score,
            owner: "Marcus".into(),
            owner_id: None,
            response: Response::Mitigate,
            status: RiskStatus::Open,
            mitigation: String::new(),
            trigger: String::new(),
            next_review: None,
            residual: None,
            accept_reason: String::new(),
            accept_expiry: None,
        },
        history: entries,
    }
}

#[test]
fn only_reviews_in_the_week_that_change_the_score_count() {
    let (from, to) = (d(2026, 11, 23), d(2026, 11, 30));
    let risks = vec![
        // Raised in the week: 9 → 12, medium → high.
        risk(1, &[(d(2026, 10, 1), 3, 3), (d(2026, 11, 24), 4, 3)]),
        // Reviewed in the week without a change.
        risk(2, &[(d(2026, 10, 1), 3, 3), (d(2026, 11, 25), 3, 3)]),
        // Same product, other factors: the score did not change.
        risk(3, &[(d(2026, 10, 1), 3, 4), (d(2026, 11, 25), 4, 3)]),
        // Changed before and after the week, not in it.
        risk(4, &[(d(2026, 11, 22), 1, 1), (d(2026, 11, 30), 5, 5)]),
        // Created in the week: no previous score to change from.
        risk(5, &[(d(2026, 11, 26), 5, 5)]),
        // Lowered on the week's last day.
        risk(6, &[(d(2026, 9, 1), 4, 4), (d(2026, 11, 29), 2, 4)]),
    ];
    let got = risk_changes(&risks, from, to);
    let ids: Vec<i64> = got.iter().map(|c| c.id).collect();
    assert_eq!(ids, [1, 6]);
    assert_eq!((got[0].before.value(), got[0].after.value()), (9, 12));
    assert_eq!(got[0].after.band(), crate::domain::risk_score::Band::High);
    assert_eq!(got[0].note, "L4 I3");
    assert_eq!((got[1].before.value(), got[1].after.value()), (16, 8));
}

fn goal(id: i64, title: &str) -> Goal {
    Goal {
        id,
        fields: GoalFields {
            phase: 30,
            title: title.into(),
            description: String::new(),
            criteria: String::new(),
            status: GoalStatus::Doing,
            progress: 0,
            confidence: Confidence::OnTrack,
            due: None,
            person_id: None,
            measure: None,
        },
    }
}

fn checkin(goal_id: i64, date: NaiveDate, kind: &str, progress: u32, c: Confidence) -> Checkin {
    Checkin {
        id: 0,
        goal_id,
        date,
        kind: kind.into(),
        progress,
        confidence: c,
        note: if progress == 60 {
            "halfway".into()
        } else {
            String::new()
        },
        metric_value: None,
    }
}

#[test]
fn goal_deltas_compare_the_week_with_the_last_check_in_before_it() {
    let (from, to) = (d(2026, 11, 23), d(2026, 11, 30));
    let goals = vec![
        goal(1, "moved"),
        goal(2, "new"),
        goal(3, "quiet"),
        goal(4, "rolled"),
    ];
    use Confidence::*;
    let checkins = vec![
        checkin(1, d(2026, 11, 10), "checkin", 20, OnTrack),
        checkin(1, d(2026, 11, 16), "checkin", 30, OnTrack),
        checkin(1, d(2026, 11, 24), "checkin", 60, AtRisk),
        checkin(1, d(2026, 11, 27), "checkin", 55, OffTrack),
        checkin(2, d(2026, 11, 25), "checkin", 10, OnTrack),
        checkin(3, d(2026, 11, 16), "checkin", 50, OnTrack),
        checkin(3, d(2026, 11, 30), "checkin", 70, OnTrack),
        // A roll-over in the week is no check-in.
        checkin(4, d(2026, 11, 24), "rollover", 40, OnTrack),
    ];
    let got = goal_deltas(&goals, &checkins, from, to);
    assert_eq!(got.len(), 2, "{got:?}");
    let moved = &got[0];
    assert_eq!(
        (moved.progress_before, moved.progress, moved.delta),
        (Some(30), 55, 25)
    );
    assert_eq!(
        (moved.confidence_before, moved.confidence),
        (Some(OnTrack), OffTrack)
    );
    assert_eq!(moved.notes, ["halfway"]);
    let new = &got[1];
    assert_eq!(
        (new.progress_before, new.progress, new.delta),
        (None, 10, 10)
    );
}

fn weekly(name: &str, start: NaiveDateTime) -> RitualFields {
    RitualFields::new(name, Some("FREQ=DAILY".into()), start, 30)
}

#[test]
fn the_week_follows_the_configured_week_start() {
    let mut store = Store::open_in_memory().unwrap();
    let now = at(d(2026, 11, 27), 18, 0); // a Friday evening
    let r = add_ritual(
        &mut store,
        weekly("Stand-up", at(d(2026, 11, 1), 9, 0)),
        now,
    )
    .unwrap();
    // Skipped on the Sunday: inside a Sunday week, outside a Monday one.
    set_status(
        &mut store,
        r.id,
        at(d(2026, 11, 22), 9, 0),
        OccurrenceStatus::Skipped,
        None,
    )
    .unwrap();
    set_status(
        &mut store,
        r.id,
        at(d(2026, 11, 23), 9, 0),
        OccurrenceStatus::Held,
        None,
    )
    .unwrap();

    let sunday = week_report(&store, d(2026, 11, 25), Weekday::Sun, now).unwrap();
    assert_eq!((sunday.from, sunday.to), (d(2026, 11, 22), d(2026, 11, 28)));
    let outcomes: Vec<Outcome> = sunday.rituals.iter().map(|m| m.outcome).collect();
    assert_eq!(outcomes.len(), 7);
    assert_eq!(outcomes[0], Outcome::Skipped);
    assert_eq!(outcomes[1], Outcome::Held);
    assert_eq!(outcomes[2..6], [Outcome::Missed; 4]);
    assert_eq!(outcomes[6], Outcome::Upcoming, "Saturday is still to come");

    let monday = week_report(&store, d(2026, 11, 25), Weekday::Mon, now).unwrap();
    assert_eq!((monday.from, monday.to), (d(2026, 11, 23), d(2026, 11, 29)));
    assert_eq!(monday.rituals[0].outcome, Outcome::Held);
    assert!(monday.rituals.iter().all(|m| m.outcome != Outcome::Skipped));
    assert!(monday.one_on_ones.is_empty());
}

#[test]
fn actions_count_in_the_week_they_were_opened_and_closed() {
    let mut store = Store::open_in_memory().unwrap();
    let sat = at(d(2026, 11, 21), 17, 0);
    let early = add_action(&mut store, None, Owner::Me, "early", None, sat).unwrap();
    let late = add_action(
        &mut store,
        None,
        Owner::Me,
        "late",
        None,
        sat + Duration::days(1),
    )
    .unwrap();
    set_action_done(&mut store, early, true, None, at(d(2026, 11, 23), 0, 0)).unwrap();
    let now = at(d(2026, 11, 27), 9, 0);
    let week = week_report(&store, now.date(), Weekday::Mon, now).unwrap();
    let closed: Vec<i64> = week.actions_closed.iter().map(|a| a.id).collect();
    assert_eq!(closed, [early]);
    assert!(
        week.actions_opened.is_empty(),
        "both opened the week before"
    );
    let before = week_report(&store, d(2026, 11, 16), Weekday::Mon, now).unwrap();
    let opened: Vec<i64> = before.actions_opened.iter().map(|a| a.id).collect();
    assert_eq!(opened, [early, late]);
    assert!(before.actions_closed.is_empty());
}

#[test]
fn week_and_month_reports_carry_the_scorecards_numbers() {
    use crate::domain::metric::{Cadence, Direction, MetricFields, Unit, Warn};
    use crate::ops::markdown::report::report_markdown;
    use crate::ops::metrics::{Entry, add_metric, log_value};
    let mut store = Store::open_in_memory().unwrap();
    let now = at(d(2026, 11, 27), 17, 0);
    let lead = MetricFields {
        unit: Unit::Hours,
        direction: Direction::Down,
        target: Some(24.0),
        warn: Some(Warn::At(48.0)),
        ..MetricFields::new("Lead time", Weekday::Mon)
    };
    let lead = add_metric(&mut store, lead, at(d(2026, 11, 1), 9, 0)).unwrap();
    let enps = MetricFields {
        cadence: Cadence::Monthly,
        target: Some(30.0),
        ..MetricFields::new("eNPS", Weekday::Mon)
    };
    let enps = add_metric(&mut store, enps, at(d(2026, 10, 1), 9, 0)).unwrap();
    for (day, value) in [(d(2026, 11, 16), 40.0), (d(2026, 11, 23), 30.5)] {
        let entry = Entry {
            date: day,
            value,
            note: None,
        };
        log_value(&mut store, lead.id, entry, None, now).unwrap();
    }
    let entry = Entry {
        date: d(2026, 10, 20),
        value: 18.0,
        note: None,
    };
    log_value(&mut store, enps.id, entry, None, now).unwrap();
    let cfr = MetricFields {
        unit: crate::domain::metric::Unit::Percent,
        ..MetricFields::new("CFR", Weekday::Mon)
    };
    let cfr = add_metric(&mut store, cfr, at(d(2026, 10, 1), 9, 0)).unwrap();
    for (day, value) in [(d(2026, 11, 16), 10.0), (d(2026, 11, 23), 14.0)] {
        let entry = Entry {
            date: day,
            value,
            note: None,
        };
        log_value(&mut store, cfr.id, entry, None, now).unwrap();
    }

    let week = week_report(&store, now.date(), Weekday::Mon, now).unwrap();
    let md = report_markdown(&week);
    assert!(md.contains("## Metrics"), "{md}");
    assert!(
        md.contains("- **Lead time** (week of 23 Nov 2026): 30.5h (target ≤ 24h), warning, -9.5h since last week"),
        "{md}"
    );
    // A percentage's change is in points.
    assert!(
        md.contains("14%, no target, +4 pts since last week"),
        "{md}"
    );
    // November's eNPS is not due until its last working day: October's stands.
    assert!(
        md.contains("- **eNPS** (October 2026): 18 (target ≥ 30), off target"),
        "{md}"
    );
    assert!(
        md.contains("0 metrics on target, 1 warning, 1 off target"),
        "{md}"
    );
    let json = serde_json::to_value(&week).unwrap();
    assert_eq!(json["span"], "week");
    assert_eq!(json["metrics"][0]["status"], "warning");
    assert_eq!(json["metrics"][0]["change"], -9.5);

    // The month: November, reported after it ends; eNPS was not entered for it.
    let month = month_report(&store, d(2026, 11, 5), at(d(2026, 12, 2), 9, 0)).unwrap();
    assert_eq!((month.from, month.to), (d(2026, 11, 1), d(2026, 11, 30)));
    let md = report_markdown(&month);
    assert!(md.starts_with("# November 2026\n"), "{md}");
    assert!(md.contains("No rituals this month."), "{md}");
    assert!(
        md.contains("- **eNPS** (November 2026): not entered (target ≥ 30)"),
        "{md}"
    );
    // A report without metrics has no Metrics section.
    let empty = week_report(
        &Store::open_in_memory().unwrap(),
        now.date(),
        Weekday::Mon,
        now,
    )
    .unwrap();
    assert!(!report_markdown(&empty).contains("## Metrics"));
}

#[test]
fn actions_from_meetings_are_marked_with_their_meeting_in_json_and_markdown() {
    use crate::domain::person::PersonDraft;
    use crate::ops::markdown::report::report_markdown;
    use crate::ops::people::{PersonInput, add_person};
    use crate::ops::rituals::{WriteUp, save_write_up};
    let mut store = Store::open_in_memory().unwrap();
    let mon = d(2026, 11, 23);
    let now = at(mon, 11, 0);
    let input = PersonInput {
        draft: PersonDraft {
            name: "Aisha Bello".into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    };
    add_person(&mut store, input, Weekday::Mon, now).unwrap();
    let staff = add_ritual(&mut store, weekly("Staff", at(mon, 10, 0)), now)
        .unwrap()
        .id;
    let write_up = WriteUp {
        status: OccurrenceStatus::Held,
        notes: "@Aisha: send the runbook due fri".into(),
        decisions: String::new(),
        agenda_done: String::new(),
    };
    save_write_up(&mut store, staff, at(mon, 10, 0), &write_up, None, now).unwrap();
    add_action(&mut store, None, Owner::Me, "book the offsite", None, now).unwrap();

    let week = week_report(&store, mon, Weekday::Mon, now).unwrap();
    let opened: Vec<(&str, Option<&str>)> = week
        .actions_opened
        .iter()
        .map(|a| (a.body.as_str(), a.meeting.as_deref()))
        .collect();
    assert_eq!(
        opened,
        [
            ("send the runbook", Some("Staff, Mon 23 Nov")),
            ("book the offsite", None)
        ]
    );
    let json = serde_json::to_value(&week).unwrap();
    assert_eq!(json["actions_opened"][0]["meeting"], "Staff, Mon 23 Nov");

    let done = week.actions_opened[0].id;
    set_action_done(&mut store, done, true, None, now + Duration::hours(1)).unwrap();
    let week = week_report(&store, mon, Weekday::Mon, now + Duration::hours(2)).unwrap();
    assert_eq!(
        week.actions_closed[0].meeting.as_deref(),
        Some("Staff, Mon 23 Nov")
    );
    let md = report_markdown(&week);
    assert!(
        md.contains("send the runbook — Aisha Bello owes it (from Staff, Mon 23 Nov)"),
        "{md}"
    );
    assert!(md.contains("(1 opened and 1 closed from meetings)"), "{md}");
    assert!(md.contains("- book the offsite — mine"), "{md}");
    assert!(
        !md.contains("offsite — mine (from"),
        "not from a meeting: {md}"
    );
}

/// A month holds four Mondays: each meeting names its day, or "Staff (Mon 10:00)" read the same
/// four times (adversarial pass).
#[test]
fn the_month_report_names_each_meetings_day() {
    use crate::ops::markdown::report::report_markdown;
    let mut store = Store::open_in_memory().unwrap();
    let staff = RitualFields::new(
        "Staff",
        Some("FREQ=WEEKLY;BYDAY=MO".into()),
        at(d(2026, 11, 2), 10, 0),
        30,
    );
    let id = add_ritual(&mut store, staff, at(d(2026, 11, 1), 9, 0))
        .unwrap()
        .id;
    for day in [2, 9] {
        set_status(
            &mut store,
            id,
            at(d(2026, 11, day), 10, 0),
            OccurrenceStatus::Held,
            None,
        )
        .unwrap();
    }
    let month = month_report(&store, d(2026, 11, 5), at(d(2026, 12, 2), 9, 0)).unwrap();
    let md = report_markdown(&month);
    assert!(
        md.contains("- **Held:** Staff (Mon 2 Nov 10:00), Staff (Mon 9 Nov 10:00)"),
        "{md}"
    );
}
