use super::*;
use chrono::NaiveTime;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

fn item(kind: ItemKind, id: i64, done: bool, start: Option<u32>) -> AgendaItem {
    AgendaItem {
        date: day(),
        start: start.and_then(|h| NaiveTime::from_hms_opt(h, 0, 0)),
        end: start.and_then(|h| NaiveTime::from_hms_opt(h, 30, 0)),
        kind,
        title: format!("{kind} {id}"),
        id,
        person: None,
        person_id: None,
        status: None,
        occurrence: None,
        moved: false,
        done,
        conflict: false,
        lasts_until: None,
    }
}

fn shape(rows: &[DayRow<'_>]) -> Vec<String> {
    rows.iter()
        .map(|r| match r {
            DayRow::Item(i) => format!("{} {}", i.kind, i.id),
            DayRow::Member(i) => format!("  {} {}", i.kind, i.id),
            DayRow::Group { key, count, open } => {
                format!(
                    "{}{} ×{count}{}",
                    key.kind,
                    if key.done { " done" } else { "" },
                    if *open { " open" } else { "" }
                )
            }
        })
        .collect()
}

#[test]
fn meetings_come_first_then_due_items_by_kind_folded_when_many() {
    let mut items = vec![
        item(ItemKind::OneOnOne, 1, false, Some(10)),
        item(ItemKind::Ritual, 2, false, Some(14)),
    ];
    items.extend((10..12).map(|id| item(ItemKind::ActionDue, id, false, None)));
    items.extend((20..32).map(|id| item(ItemKind::RiskReview, id, false, None)));
    let refs: Vec<&AgendaItem> = items.iter().collect();
    let rows = day_rows(&refs, &BTreeSet::new());
    assert_eq!(
        shape(&rows),
        [
            "one_on_one 1",
            "ritual 2",
            "action_due 10",
            "action_due 11",
            "risk_review ×12"
        ]
    );
    let key = GroupKey {
        date: day(),
        kind: ItemKind::RiskReview,
        done: false,
    };
    assert_eq!(group_words(key, 12, day()), "12 risk reviews due");
    assert_eq!(
        group_words(key, 1, day() + chrono::Duration::days(1)),
        "1 risk review overdue"
    );
    let open = day_rows(&refs, &BTreeSet::from([key]));
    assert_eq!(open.len(), 5 + 12, "unfolded, the group lists its items");
    assert_eq!(shape(&open)[5], "  risk_review 20");
}

#[test]
fn done_actions_are_shown_dimmed_when_few_and_folded_away_when_many() {
    let few = [
        item(ItemKind::ActionDue, 1, false, None),
        item(ItemKind::ActionDue, 2, true, None),
        item(ItemKind::ActionDue, 3, true, None),
    ];
    let refs: Vec<&AgendaItem> = few.iter().collect();
    assert_eq!(
        shape(&day_rows(&refs, &BTreeSet::new())),
        ["action_due 1", "action_due 2", "action_due 3"]
    );
    let many: Vec<AgendaItem> = (1..=5)
        .map(|id| item(ItemKind::ActionDue, id, id > 1, None))
        .collect();
    let refs: Vec<&AgendaItem> = many.iter().collect();
    let rows = day_rows(&refs, &BTreeSet::new());
    assert_eq!(shape(&rows), ["action_due 1", "action_due done ×4"]);
    let DayRow::Group { key, count, .. } = rows[1] else {
        panic!("{rows:?}");
    };
    assert_eq!(group_words(key, count, day()), "4 actions done");
}

#[test]
fn an_empty_day_has_no_rows() {
    assert!(day_rows(&[], &BTreeSet::new()).is_empty());
}
