use super::*;
use crate::domain::person::PersonDraft;
use crate::ops::people::{PersonInput, add_person};
use chrono::{Duration, NaiveDate, Weekday};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

#[test]
fn a_person_page_holds_the_latest_notes_and_counts_them_all() {
    let mut store = Store::open_in_memory().unwrap();
    let input = PersonInput {
        draft: PersonDraft {
            name: "Ada".into(),
            ..PersonDraft::default()
        },
        one_on_one: None,
    };
    let ada = add_person(&mut store, input, Weekday::Mon, now())
        .unwrap()
        .id;
    let first = NaiveDate::from_ymd_opt(2020, 1, 6).unwrap();
    let total = PAGE_NOTES + 5;
    for week in 0..total {
        let date = first + Duration::weeks(i64::from(week));
        add_note(&mut store, ada, date, &format!("week {week}"), now()).unwrap();
    }
    let detail = person_detail(&store, ada, now()).unwrap();
    assert_eq!(detail.notes_total, total);
    assert_eq!(detail.notes.len(), PAGE_NOTES as usize);
    assert_eq!(
        detail.notes[0].body,
        format!("week {}", total - 1),
        "newest first"
    );
    assert_eq!(detail.notes.last().map(|n| n.body.as_str()), Some("week 5"));
}
