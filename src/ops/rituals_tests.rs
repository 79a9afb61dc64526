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

#[test]
fn two_rhythms_stored_by_an_older_version_or_an_import_are_both_said() {
    use crate::domain::person::PersonDraft;
    use crate::ops::people::{PersonInput, add_person, list_people};
    let mut store = Store::open_in_memory().unwrap();
    let input = PersonInput {
        draft: PersonDraft {
            name: "Priya".into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    };
    add_person(&mut store, input, chrono::Weekday::Mon, at(1, 8)).unwrap();
    let mut weekly = fields("FREQ=WEEKLY;BYDAY=TU");
    weekly.person_id = Some(1);
    add_ritual(&mut store, weekly, at(1, 8)).unwrap();
    // The second one is refused through ops; written as an import would write it:
    let mut second = fields("FREQ=WEEKLY;BYDAY=FR");
    second.person_id = Some(1);
    let err = add_ritual(&mut store, second.clone(), at(1, 8)).unwrap_err();
    assert!(
        err.to_string().contains("already has a 1:1 series"),
        "{err}"
    );
    store
        .write(|tx| rituals::insert(tx, &second, None, at(1, 8)))
        .unwrap();
    let people = list_people(&store, at(23, 8)).unwrap();
    let cadence = people[0].cadence.clone().unwrap();
    assert!(cadence.ends_with(" + 1 more series"), "{cadence}");
    // Editing either of them is not refused over the other (it is not a new rhythm).
    let mut renamed = second.clone();
    renamed.name = "Priya (Fridays)".into();
    assert!(update_ritual(&mut store, 2, renamed, None, None, at(23, 8)).is_ok());
}
