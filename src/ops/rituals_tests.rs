use chrono::{NaiveDate, NaiveDateTime};

use super::{add_ritual, refused_rules, update_ritual};
use crate::domain::ritual::RitualFields;
use crate::ops::agenda::week;
use crate::store::{Store, rituals};

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .unwrap()
}

fn fields(rule: &str) -> RitualFields {
    RitualFields::new("Pings", Some(rule.into()), at(2, 9), 15)
}

#[test]
fn a_stored_rule_that_meets_too_often_is_named_left_off_and_can_be_fixed() {
    let mut store = Store::open_in_memory().unwrap();
    let id = add_ritual(&mut store, fields("FREQ=WEEKLY"), at(1, 8))
        .unwrap()
        .id;
    // As an older version could have saved it: the store does not check rules.
    let dense = fields("FREQ=DAILY;BYHOUR=9,10,11,12,13,14");
    store
        .write(|tx| rituals::update(tx, id, &dense, at(1, 8)))
        .unwrap();
    let refused = refused_rules(&store).unwrap();
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0].1.starts_with("it meets 6 times a day"),
        "{refused:?}"
    );
    assert!(week(&store, at(23, 0).date(), 7).unwrap().items.is_empty());

    // Editing it "from this meeting on" cannot split a rule it cannot read: it replaces it.
    let fixed = update_ritual(
        &mut store,
        id,
        fields("FREQ=DAILY;BYHOUR=9,14"),
        Some(at(23, 0)),
        None,
        at(20, 8),
    )
    .unwrap();
    assert_eq!(fixed.value.id, id);
    assert!(refused_rules(&store).unwrap().is_empty());
    assert_eq!(week(&store, at(23, 0).date(), 7).unwrap().items.len(), 14);
}
