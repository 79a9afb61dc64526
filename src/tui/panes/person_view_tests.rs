//! The person page and the prep view make only the rows of their long lists that can be on
//! screen: on a page of more talking points, actions and notes than fit, every screen must be
//! the one drawn from every row.

use chrono::{Duration, Weekday};

use crate::domain::link::{LinkKind, ObjectRef};
use crate::domain::one_on_one::Owner;
use crate::ops::links::Linked;
use crate::ops::one_on_ones::{add_action, add_note, add_topic, person_detail, prep};
use crate::ops::people::{PersonInput, add_person};
use crate::store::Store;
use crate::tui::msg::Msg;
use crate::tui::panes::people::PeopleMsg;
use crate::tui::panes::person_window::EVERY_ITEM;
use crate::tui::testing::{keys, model, screen};
use crate::tui::update::update;

/// The screen at `width`×`height` made from the rows in view, and made from every row.
fn both(m: &mut crate::tui::model::Model, width: u16, height: u16) -> (String, String) {
    let kept = screen(m, width, height);
    EVERY_ITEM.set(true);
    let every = screen(m, width, height);
    EVERY_ITEM.set(false);
    (kept, every)
}

#[test]
fn a_long_page_shows_the_same_rows_as_when_every_row_is_made() {
    let mut store = Store::open_in_memory().unwrap();
    let now = model().now;
    let mut input = PersonInput::default();
    input.draft.name = "Ada".into();
    input.draft.career_goals = "Lead the platform group".into();
    let ada = add_person(&mut store, input, Weekday::Mon, now).unwrap().id;
    let long = "with words enough to wrap over two or three rows in a narrow terminal";
    for i in 0..30 {
        let topic = if i % 7 == 0 {
            format!("T{i:02} {long}")
        } else {
            format!("T{i:02}")
        };
        add_topic(&mut store, ada, &topic, now).unwrap();
        // Thirty of mine and thirty of theirs: more than a screen of each.
        for owner in [Owner::Me, Owner::Them] {
            let due = (i % 3 == 0).then(|| now.date() + Duration::days(i - 20));
            let body = format!("A{i:02} {long}");
            add_action(&mut store, Some(ada), owner, &body, due, now).unwrap();
        }
        let day = now.date() - Duration::days(i);
        add_note(
            &mut store,
            ada,
            day,
            &format!("N{i:02} first line\nsecond line {long}"),
            now,
        )
        .unwrap();
    }
    let detail = person_detail(&store, ada, now).unwrap();
    let mut m = model();
    let mut seen = std::collections::HashSet::new();
    for (width, height) in [(80, 24), (160, 20)] {
        // The page, with a link to select.
        keys(&mut m, "\x1b\x1b4gg\n");
        let page = Box::new(detail.clone());
        update(&mut m, Msg::People(PeopleMsg::DetailLoaded(page)));
        let link = Linked {
            kind: LinkKind::Goal,
            id: 7,
            title: "Hire two leads".into(),
        };
        update(
            &mut m,
            Msg::Links(ObjectRef::new(LinkKind::Person, ada), vec![link]),
        );
        // Down every row of the page (topics, actions, private context, prompts, notes), and
        // back up a stretch.
        for step in 0..150 {
            let (kept, every) = both(&mut m, width, height);
            assert_eq!(kept, every, "{width}x{height}, step {step}");
            seen.extend(
                kept.lines()
                    .filter_map(|l| l.split_whitespace().find(|w| w.starts_with('N')))
                    .map(|n| format!("{width}x{height} {n}")),
            );
            keys(&mut m, if step < 135 { "j" } else { "k" });
        }
        // A link selected: the cursor leaves the rows.
        keys(&mut m, "gg]");
        let (kept, every) = both(&mut m, width, height);
        assert!(kept.contains("Hire two leads"), "{kept}");
        assert_eq!(kept, every, "{width}x{height}, a link selected");

        // The prep view: talking points, my actions, theirs, down and back.
        keys(&mut m, "\x1bp");
        let prep = Box::new(prep(&store, ada, now).unwrap());
        update(&mut m, Msg::People(PeopleMsg::PrepLoaded(prep)));
        for step in 0..110 {
            let (kept, every) = both(&mut m, width, height);
            assert_eq!(kept, every, "prep, {width}x{height}, step {step}");
            for who in ["me", "them"] {
                if kept.contains(&format!("▌ □ [{who}] A")) {
                    seen.insert(format!("prep {width}x{height} {who}"));
                }
            }
            keys(&mut m, if step < 100 { "j" } else { "k" });
        }
    }
    for size in ["80x24", "160x20"] {
        for who in ["me", "them"] {
            let action = format!("prep {size} {who}");
            assert!(seen.contains(&action), "the walk reached {action}");
        }
        let last = format!("{size} N29");
        assert!(
            seen.contains(&last),
            "the walk reached the last note at {size}"
        );
    }
}
