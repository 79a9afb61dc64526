//! The minute tick: within a day it moves the clock and nothing else is read again (on ten years
//! of data a reload of the week and the radar each minute was most of an idle cockpit's CPU);
//! the next meeting is looked up again only once the one shown has started.

use super::tests::model;
use super::*;
use crate::tui::effects::agenda::AgendaEffect;
use crate::tui::panes::agenda::AgendaMsg;
use chrono::Duration;

#[test]
fn a_minute_within_the_day_moves_the_clock_and_reloads_nothing() {
    let mut m = model();
    let start = m.now;
    for minutes in 1..=3 {
        let now = start + Duration::minutes(minutes);
        let effects = update(&mut m, Msg::Tick(now));
        assert_eq!(effects, Vec::new(), "minute {minutes}");
        assert_eq!(m.now, now, "the clock moves on");
    }
}

#[test]
fn the_next_meeting_alone_is_looked_up_once_it_has_started() {
    let mut m = model();
    let staff = reminders::test_meeting(7, "Staff meeting", m.now + Duration::minutes(2));
    m.agenda.next = Some(staff.clone());
    let soon = m.now + Duration::minutes(1);
    let effects = update(&mut m, Msg::Tick(soon));
    assert_eq!(effects, Vec::new(), "not started yet");
    let effects = update(&mut m, Msg::Tick(staff.starts_at()));
    assert_eq!(effects, Vec::new(), "starting now: still the next one");
    let effects = update(&mut m, Msg::Tick(staff.starts_at() + Duration::minutes(1)));
    assert_eq!(effects, vec![Effect::Agenda(AgendaEffect::Next)]);
    let effects = update(&mut m, Msg::Agenda(AgendaMsg::NextLoaded(None)));
    assert_eq!(effects, Vec::new());
    assert_eq!(m.agenda.next, None);
    let effects = update(&mut m, Msg::Tick(staff.starts_at() + Duration::minutes(2)));
    assert_eq!(
        effects,
        Vec::new(),
        "nothing ahead: nothing to look up until tomorrow"
    );
}

#[test]
fn a_new_day_reloads_every_tab_the_radar_and_the_reminders() {
    let mut m = model();
    let tomorrow = (m.today() + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let effects = update(&mut m, Msg::Tick(tomorrow));
    assert!(effects.contains(&Effect::LoadUpcoming), "{effects:?}");
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Agenda(AgendaEffect::Load {
                with_radar: true,
                ..
            })
        )),
        "{effects:?}"
    );
    assert_eq!(effects, reload_all(&m));
}
