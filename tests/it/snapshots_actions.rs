//! The list of every open action (`O`, issue 20), at 80×24 and 160×48: on the demo, and on the
//! large demo where hundreds of open actions (thousands in all) scroll and the title says how many.

use crate::snapshots::{model, press, screen};
use crate::snapshots_agenda::large;

macro_rules! snapshot_sizes {
    ($name:literal, $model:expr) => {
        let m = $model;
        insta::assert_snapshot!(concat!($name, "_80x24"), screen(&m.model, 80, 24));
        insta::assert_snapshot!(concat!($name, "_160x48"), screen(&m.model, 160, 48));
    };
}

#[test]
fn all_actions_on_the_demo() {
    let mut m = model(true);
    press(&mut m, "2Oj");
    let text = screen(&m.model, 80, 24);
    assert!(text.contains("Open actions"), "{text}");
    assert!(text.contains("Mine"), "{text}");
    assert!(text.contains("Theirs · "), "{text}");
    snapshot_sizes!("all_actions", m);
}

#[test]
fn all_actions_on_the_large_demo_scroll_and_say_how_many() {
    let mut m = large();
    press(&mut m, "O<PgDn><PgDn><PgDn>");
    let count = m.model.people.actions.rows.len();
    assert!(count > 100, "{count}");
    let text = screen(&m.model, 80, 24);
    assert!(text.contains(&format!("31 of {count}")), "{text}");
    assert!(text.contains("▌"), "the selected row shows: {text}");
    snapshot_sizes!("all_actions_large", m);
}
