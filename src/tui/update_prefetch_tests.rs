//! The agenda's neighbouring weeks: read ahead once the days shown load, shown at once when the
//! user moves onto them, dropped whenever the database changes.

use super::*;
use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::ops::agenda::Agenda;
use crate::tui::effects::agenda::AgendaEffect;
use crate::tui::panes::agenda::AgendaMsg;
use crate::tui::testing::{at, keys, model};
use chrono::{NaiveDate, NaiveDateTime};

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(day) - 1)))
        .unwrap()
}

/// An action due on `due`, titled `title`.
fn due(due: NaiveDate, title: &str) -> AgendaItem {
    AgendaItem {
        date: due,
        start: None,
        end: None,
        kind: ItemKind::ActionDue,
        title: title.into(),
        id: 7,
        person: None,
        person_id: None,
        status: None,
        occurrence: None,
        moved: false,
        done: false,
        conflict: false,
        lasts_until: None,
    }
}

fn week(from: NaiveDate, items: Vec<AgendaItem>) -> Agenda {
    Agenda {
        from,
        days: 7,
        items,
        radar: Vec::new(),
    }
}

fn prefetch(from: NaiveDate) -> Effect {
    Effect::Agenda(AgendaEffect::Prefetch { from, days: 7 })
}

/// The model (Monday 23 November, weeks from Monday) with this week loaded.
fn shown() -> Model {
    shown_with(week(date(23), Vec::new()))
}

/// The model with `agenda` loaded as this week (with its radar) at `data_version` 4.
fn shown_with(agenda: Agenda) -> Model {
    let mut m = model();
    let effects = update(
        &mut m,
        Msg::Agenda(AgendaMsg::Loaded {
            agenda,
            next: None,
            with_radar: true,
            read_at: 4,
        }),
    );
    assert!(
        effects.is_empty(),
        "nothing is read ahead before the redraw: {effects:?}"
    );
    m
}

/// `shown()` with next week read ahead at `data_version` 5, holding one action due.
fn with_next_week_kept() -> Model {
    keep_next_week(shown())
}

/// `m` once what waits for the redraw ran: next week read ahead at `data_version` 5, holding
/// one action due ("Ship").
fn keep_next_week(mut m: Model) -> Model {
    let later = run_later(&mut m);
    for effect in later {
        if effect == prefetch(date(30)) {
            update(
                &mut m,
                Msg::Agenda(AgendaMsg::Kept {
                    agenda: week(date(30), vec![due(date(31), "Ship")]),
                    read_at: 5,
                }),
            );
        }
    }
    m
}

fn titles(m: &Model) -> Vec<String> {
    m.agenda
        .data
        .iter()
        .flat_map(|a| a.items.iter().map(|i| i.title.clone()))
        .collect()
}

#[test]
fn once_the_week_shown_loads_both_neighbours_are_read_ahead_after_the_redraw_once() {
    let mut m = shown();
    assert_eq!(m.later, vec![prefetch(date(16)), prefetch(date(30))]);
    // The same week loaded again (the other tabs' first load reloads it) asks for nothing more.
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Loaded {
            agenda: week(date(23), Vec::new()),
            next: None,
            with_radar: true,
            read_at: 4,
        }),
    );
    assert_eq!(m.later, vec![prefetch(date(16)), prefetch(date(30))]);
    assert_eq!(
        run_later(&mut m),
        vec![prefetch(date(16)), prefetch(date(30))]
    );
    assert!(!m.has_later(), "asked once, run once");
    // What they bring is kept, and asks for nothing: idle stays idle.
    let effects = update(
        &mut m,
        Msg::Agenda(AgendaMsg::Kept {
            agenda: week(date(30), Vec::new()),
            read_at: 1,
        }),
    );
    assert!(effects.is_empty() && !m.has_later());
}

#[test]
fn next_week_kept_shows_at_once_with_no_load_and_its_own_neighbours_read_ahead_later() {
    let mut m = with_next_week_kept();
    let effects = keys(&mut m, "]");
    assert_eq!(
        effects,
        vec![Effect::Agenda(AgendaEffect::Verify {
            from: date(30),
            days: 7,
            read_at: 5,
        })],
        "no load before the redraw, only the check that nothing changed since"
    );
    assert_eq!(m.agenda.from, Some(date(30)));
    assert_eq!(titles(&m), vec!["Ship".to_string()]);
    assert_eq!(
        m.later,
        vec![prefetch(date(37))],
        "the week left is kept beside: only the one after is read"
    );
    assert_eq!(m.agenda.kept.froms(), vec![date(23)]);
}

#[test]
fn the_week_left_comes_back_at_once_checked_at_the_version_it_was_read() {
    let mut m = with_next_week_kept();
    keys(&mut m, "]");
    let effects = keys(&mut m, "[");
    assert_eq!(
        effects,
        vec![Effect::Agenda(AgendaEffect::Verify {
            from: date(23),
            days: 7,
            read_at: 4,
        })],
        "shown at once, checked at the version it was loaded at (another writer's change \
         since loads it again)"
    );
    assert_eq!(m.agenda.from, Some(date(23)));
    assert_eq!(
        m.agenda.kept.froms(),
        vec![date(30)],
        "next week kept in turn"
    );
    // After a change of this cockpit's own (the data_version does not move for those), the
    // days shown are not kept when left: they may be older than the change.
    let mut m = with_next_week_kept();
    update(
        &mut m,
        Msg::Saved {
            message: "Saved.".into(),
            select: None,
        },
    );
    assert_eq!(m.agenda.read_at, None);
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Kept {
            agenda: week(date(30), Vec::new()),
            read_at: 6,
        }),
    );
    keys(&mut m, "]");
    assert!(m.agenda.kept.froms().is_empty(), "{:?}", m.agenda.kept);
}

#[test]
fn a_day_step_across_the_week_end_shows_the_kept_week_too() {
    let mut m = with_next_week_kept();
    keys(&mut m, "]");
    let mut m2 = with_next_week_kept();
    // Sunday 29th, then one day on.
    m2.agenda.day = Some(date(29));
    let effects = update(&mut m2, Msg::Key(crate::tui::testing::script("l")[0]));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Agenda(AgendaEffect::Verify { .. })]
        ),
        "{effects:?}"
    );
    assert_eq!(m2.agenda.from, Some(date(30)));
    assert_eq!(m2.agenda.data, m.agenda.data);
}

#[test]
fn any_change_drops_the_kept_weeks_and_next_week_loads_again() {
    type Change = fn(&mut Model) -> Vec<Effect>;
    let changes: [(&str, Change); 4] = [
        ("another writer", reload_changed),
        ("a save", |m| {
            update(
                m,
                Msg::Saved {
                    message: "Saved.".into(),
                    select: None,
                },
            )
        }),
        ("a refused stale save", |m| update(m, Msg::Stale)),
        ("a new day", |m| {
            let tomorrow: NaiveDateTime = at(0, 0) + chrono::Duration::days(1);
            update(m, Msg::Tick(tomorrow))
        }),
    ];
    for (change, make) in changes {
        let mut m = with_next_week_kept();
        assert_eq!(m.agenda.kept.froms(), vec![date(30)]);
        make(&mut m);
        assert!(m.agenda.kept.froms().is_empty(), "{change}");
        let effects = keys(&mut m, "]");
        assert!(
            matches!(
                effects.as_slice(),
                [Effect::Agenda(AgendaEffect::Load {
                    from,
                    with_radar: false,
                    ..
                })] if *from == date(30)
            ),
            "{change}: {effects:?}"
        );
    }
}

#[test]
fn a_week_read_ahead_for_days_no_longer_shown_is_not_kept() {
    let mut m = shown();
    let later = run_later(&mut m);
    assert_eq!(later.len(), 2);
    // The user went two weeks on before the read-ahead came back.
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Loaded {
            agenda: week(date(37), Vec::new()),
            next: None,
            with_radar: false,
            read_at: 4,
        }),
    );
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Kept {
            agenda: week(date(30), Vec::new()),
            read_at: 1,
        }),
    );
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Kept {
            agenda: week(date(16), Vec::new()),
            read_at: 1,
        }),
    );
    assert_eq!(m.agenda.kept.froms(), vec![date(30)]);
}

#[test]
fn the_rolling_view_moved_by_a_day_is_made_of_the_days_shown_and_the_week_kept() {
    let mut m = model();
    m.agenda.view_mode = crate::domain::agenda::AgendaView::Rolling;
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Loaded {
            agenda: week(
                date(23),
                vec![due(date(23), "Monday"), due(date(24), "Tuesday")],
            ),
            next: None,
            with_radar: true,
            read_at: 4,
        }),
    );
    assert_eq!(
        run_later(&mut m),
        vec![prefetch(date(16)), prefetch(date(30))]
    );
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Kept {
            agenda: week(
                date(30),
                vec![due(date(30), "Next Monday"), due(date(31), "Later")],
            ),
            read_at: 3,
        }),
    );
    // The last day shown, then one day on: the days from Tuesday 24th.
    m.agenda.day = Some(date(29));
    let effects = update(&mut m, Msg::Key(crate::tui::testing::script("l")[0]));
    assert_eq!(
        effects,
        vec![Effect::Agenda(AgendaEffect::Verify {
            from: date(24),
            days: 7,
            read_at: 3,
        })]
    );
    assert_eq!(m.agenda.from, Some(date(24)));
    assert_eq!(titles(&m), vec!["Tuesday", "Next Monday"]);
    assert_eq!(m.later, vec![prefetch(date(17)), prefetch(date(31))]);
}

/// `]` keeps the week it leaves by moving it into the kept weeks (not copying it): coming back
/// with `[` shows every item it had, the radar stays with the pane throughout, and `]` again
/// shows next week's items as they were read ahead.
#[test]
fn the_week_left_and_the_radar_come_back_whole() {
    let mut this_week = week(
        date(23),
        vec![due(date(24), "Review"), due(date(26), "Plan")],
    );
    this_week.radar = vec![crate::tui::testing::late_action(
        "Send the update",
        date(21),
        2,
    )];
    let mut m = keep_next_week(shown_with(this_week));
    let radar_titles = |m: &Model| -> Vec<String> {
        m.agenda
            .data
            .iter()
            .flat_map(|a| a.radar.iter().map(|r| r.title.clone()))
            .collect()
    };
    keys(&mut m, "]");
    assert_eq!(titles(&m), ["Ship"]);
    assert_eq!(radar_titles(&m), ["Send the update"]);
    keys(&mut m, "[");
    assert_eq!(titles(&m), ["Review", "Plan"]);
    assert_eq!(radar_titles(&m), ["Send the update"]);
    keys(&mut m, "]");
    assert_eq!(titles(&m), ["Ship"]);
    assert_eq!(radar_titles(&m), ["Send the update"]);
}
