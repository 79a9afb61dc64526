//! The agenda at volume (issue 16): rows across days, folded groups, the home view, and the
//! radar as a list to work through. On the demo org, Monday 23 November 2026 at 09:41.

use chrono::{NaiveDate, Weekday};

use crate::config::Config;
use crate::domain::agenda::{AgendaView, RadarKind};
use crate::ops::one_on_ones::add_action;
use crate::store::Store;
use crate::tui::effects::Runner;
use crate::tui::keymap::KeyContext;
use crate::tui::model::{FormPurpose, Model, Overlay, Tab};
use crate::tui::msg::Effect;
use crate::tui::pane::Pane;
use crate::tui::panes::agenda_item_keys::UNFOLD_FIRST;
use crate::tui::panes::agenda_radar::ONLY_ACTIONS;
use crate::tui::panes::agenda_rows::DayRow;
use crate::tui::panes::person::PeopleView;
use crate::tui::panes::plan::PlanForm;
use crate::tui::panes::risks::RisksForm;
use crate::tui::run::initial_model;
use crate::tui::testing::{at, demo, keys, keys_settled};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
}

/// The title of the selected row ("▸ group" for a folded group).
fn selected(m: &Model) -> String {
    match m.agenda.selected_row(m.today()) {
        Some(DayRow::Group { count, .. }) => format!("▸ {count}"),
        Some(row) => row.item().map(|i| i.display_title()).unwrap_or_default(),
        None => String::new(),
    }
}

fn form_purpose(m: &Model) -> Option<&FormPurpose> {
    match &m.overlay {
        Some(Overlay::Form { purpose, .. }) => Some(purpose),
        _ => None,
    }
}

#[test]
fn j_and_k_run_through_the_rows_across_days() {
    let (mut m, _) = demo();
    assert_eq!(
        selected(&m),
        "Staff meeting",
        "opens on today's next meeting"
    );
    keys(&mut m, "j");
    assert_eq!(selected(&m), "1:1 Tomás Ferreira");
    keys(&mut m, "j");
    assert_eq!(
        (m.agenda.selected_day(m.today()), selected(&m)),
        (day(24), "1:1 Priya Raman".to_string()),
        "past Monday's last row, on to Tuesday's first"
    );
    keys(&mut m, "k");
    assert_eq!(selected(&m), "1:1 Tomás Ferreira");
    // PgDn: the next day with rows.
    keys(&mut m, "<PgDn>");
    assert_eq!(
        (m.agenda.selected_day(m.today()), m.agenda.item),
        (day(24), 0)
    );
    // G: the last row shown. Saturday and Sunday have nothing: it is Friday's, and `j` there
    // stays.
    keys(&mut m, "G");
    assert_eq!(m.agenda.selected_day(m.today()), day(27));
    let friday = selected(&m);
    keys(&mut m, "j");
    assert_eq!(
        (m.agenda.selected_day(m.today()), selected(&m)),
        (day(27), friday)
    );
    keys(&mut m, "g");
    assert_eq!(
        (m.agenda.selected_day(m.today()), selected(&m)),
        (day(23), "Staff meeting".to_string())
    );
}

#[test]
fn a_risk_review_due_this_week_opens_in_its_review_form() {
    let (mut m, mut runner) = demo();
    // Tomorrow's rows: its 1:1, a skipped review meeting, an action, then the risk review.
    keys_settled(&mut m, &mut runner, "ljjj\n");
    assert_eq!(m.tab, Tab::Risks);
    let Some(FormPurpose::Risks(RisksForm::Review(risk))) = form_purpose(&m) else {
        panic!("no review form: {:?}", m.overlay);
    };
    assert!(
        risk.fields.title.starts_with("If CI stays flaky"),
        "{}",
        risk.fields.title
    );
}

/// The demo with five open actions and three done ones for Priya due on Tuesday 24.
fn with_busy_tuesday() -> (Model, Runner) {
    let (mut m, mut runner) = demo();
    let priya = m
        .directory
        .iter()
        .find(|p| p.name.starts_with("Priya"))
        .map(|p| p.id);
    let priya = priya.unwrap_or_default();
    for n in 0..8 {
        let id = add_action(
            &mut runner.store,
            Some(priya),
            crate::domain::one_on_one::Owner::Me,
            &format!("Follow-up {n}"),
            Some(day(24)),
            m.now,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        if n >= 5 {
            crate::ops::actions::set_action_done(&mut runner.store, id, true, None, m.now)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let effects = crate::tui::update::reload_all(&m);
    crate::tui::run::settle(&mut m, &mut runner, effects);
    (m, runner)
}

#[test]
fn many_due_actions_fold_into_a_row_that_enter_unfolds_and_done_ones_are_put_away() {
    let (mut m, mut runner) = with_busy_tuesday();
    let rows: Vec<String> = m
        .agenda
        .rows_on(day(24))
        .iter()
        .map(|r| match r {
            DayRow::Group { key, count, .. } => format!("{:?} {count} done={}", key.kind, key.done),
            DayRow::Item(i) | DayRow::Member(i) => i.display_title(),
        })
        .collect();
    assert_eq!(
        rows[2..],
        [
            "ActionDue 6 done=false".to_string(),
            "ActionDue 3 done=true".to_string(),
            "If CI stays flaky, then releases slip and engineers stop trusting red builds"
                .to_string(),
        ],
        "{rows:?}"
    );
    keys_settled(&mut m, &mut runner, "ljj");
    assert_eq!(selected(&m), "▸ 6");
    keys(&mut m, "x");
    assert_eq!(
        m.status.as_ref().map(|s| s.text.as_str()),
        Some(UNFOLD_FIRST)
    );
    keys(&mut m, "\n");
    assert_eq!(
        m.agenda.rows_on(day(24)).len(),
        5 + 6,
        "unfolded: its six actions follow"
    );
    keys(&mut m, "j");
    assert!(selected(&m).starts_with("Introduce Priya") || selected(&m).starts_with("Follow-up"));
    keys(&mut m, "k\n");
    assert_eq!(m.agenda.rows_on(day(24)).len(), 5, "Enter folds it again");
}

/// The radar's items as (kind, title) pairs.
fn radar(m: &Model) -> Vec<(RadarKind, String)> {
    m.agenda
        .radar_items()
        .iter()
        .map(|r| (r.kind, r.title.clone()))
        .collect()
}

/// Focuses the radar and selects its first item of `kind`.
fn select_in_radar(m: &mut Model, kind: RadarKind) {
    keys(m, "r");
    assert_eq!(m.context(), KeyContext::Radar);
    let at = radar(m).iter().position(|(k, _)| *k == kind);
    let at = at.unwrap_or_else(|| panic!("no {kind:?} in {:?}", radar(m)));
    keys(m, &"j".repeat(at));
    assert_eq!(m.agenda.radar.selected, at);
}

#[test]
fn each_radar_item_opens_where_it_is_dealt_with() {
    let (base, _) = demo();
    type Opened = fn(&Model) -> bool;
    let cases: [(RadarKind, Opened); 6] = [
        (RadarKind::OverdueAction, |m| {
            m.tab == Tab::People && m.people.page.view == PeopleView::Detail
        }),
        (RadarKind::AcceptanceExpired, |m| {
            matches!(
                form_purpose(m),
                Some(FormPurpose::Risks(RisksForm::Review(_)))
            )
        }),
        (RadarKind::OverdueReview, |m| {
            matches!(
                form_purpose(m),
                Some(FormPurpose::Risks(RisksForm::Review(_)))
            )
        }),
        (RadarKind::GoalBehind, |m| {
            matches!(
                form_purpose(m),
                Some(FormPurpose::Plan(PlanForm::Checkin(_)))
            )
        }),
        (RadarKind::OneOnOneOverdue, |m| {
            m.tab == Tab::People && m.people.page.view == PeopleView::Prep
        }),
        (RadarKind::ReviewDueSoon, |m| {
            matches!(
                form_purpose(m),
                Some(FormPurpose::Risks(RisksForm::Review(_)))
            )
        }),
    ];
    for (kind, opened) in cases {
        let mut m = base.clone();
        select_in_radar(&mut m, kind);
        keys(&mut m, "\n");
        assert!(
            opened(&m),
            "{kind:?}: tab {:?}, overlay {:?}",
            m.tab,
            m.overlay
        );
    }
}

#[test]
fn x_marks_a_radar_action_done_and_only_actions() {
    let (mut m, _) = demo();
    select_in_radar(&mut m, RadarKind::OverdueAction);
    let id = m.agenda.radar_items()[m.agenda.radar.selected].id;
    assert_eq!(
        keys(&mut m, "x"),
        vec![Effect::OneOnOnes(
            crate::tui::effects::one_on_ones::OneOnOneEffect::SetActionDone {
                id,
                done: true,
                opened: None
            }
        )]
    );
    let mut m = demo().0;
    select_in_radar(&mut m, RadarKind::GoalBehind);
    assert!(keys(&mut m, "x").is_empty());
    assert_eq!(
        m.status.as_ref().map(|s| s.text.as_str()),
        Some(ONLY_ACTIONS)
    );
}

#[test]
fn the_radar_has_a_full_view_and_esc_gives_the_keys_back_to_the_days() {
    let (mut m, _) = demo();
    keys(&mut m, "v");
    assert!(m.agenda.radar.focused && m.agenda.radar.full);
    keys(&mut m, "G");
    assert_eq!(m.agenda.radar.selected, m.agenda.radar_items().len() - 1);
    keys(&mut m, "v");
    assert!(
        m.agenda.radar.focused && !m.agenda.radar.full,
        "v: back to the strip"
    );
    keys(&mut m, "<Esc>");
    assert_eq!(m.context(), KeyContext::Agenda);
    assert!(!m.agenda.radar.full);
    keys(&mut m, "r");
    keys(&mut m, "r");
    assert_eq!(
        m.agenda.context(),
        KeyContext::Agenda,
        "r again leaves it too"
    );
}

fn opened_on(now: chrono::NaiveDateTime, view: AgendaView) -> Model {
    let config = Config {
        agenda_view: view,
        ..Config::default()
    };
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let mut runner = Runner::new(store, &config);
    initial_model(&mut runner, &config, now).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn on_a_sunday_the_home_view_opens_on_the_coming_week_or_the_next_seven_days() {
    let sunday = day(29).and_hms_opt(10, 0, 0).unwrap_or_default();
    let m = opened_on(sunday, AgendaView::Week);
    assert_eq!(m.agenda.from, Some(day(30)));
    assert_eq!(m.agenda.selected_day(m.today()), day(30));
    let m = opened_on(sunday, AgendaView::Rolling);
    assert_eq!(m.agenda.from, Some(day(29)));
    assert_eq!(m.agenda.selected_day(m.today()), day(29));
    // A weekday opens on its own week.
    let m = opened_on(at(9, 0), AgendaView::Week);
    assert_eq!(m.agenda.from, Some(day(23)));
    assert_eq!(m.week_start, Weekday::Mon);
}

#[test]
fn the_rolling_view_moves_by_a_week_and_follows_the_selected_day() {
    let mut m = opened_on(at(9, 0), AgendaView::Rolling);
    let mut runner = Runner::new(
        Store::open_in_memory().unwrap_or_else(|e| panic!("{e}")),
        &Config::default(),
    );
    keys_settled(&mut m, &mut runner, "]");
    assert_eq!(m.agenda.from, Some(day(30)));
    keys_settled(&mut m, &mut runner, "[");
    assert_eq!(m.agenda.from, Some(day(23)));
    keys_settled(&mut m, &mut runner, "h");
    assert_eq!(
        m.agenda.from,
        Some(day(22)),
        "a day before the first: the days move by one"
    );
    keys_settled(&mut m, &mut runner, "t");
    assert_eq!(m.agenda.from, Some(day(23)));
}

/// The demo opened on Tuesday 24 November at 09:00.
fn demo_on_tuesday() -> (Model, Runner) {
    let now = day(24).and_hms_opt(9, 0, 0).unwrap_or_default();
    let mut runner = Runner::new(crate::tui::testing::demo_store(), &Config::default());
    let model =
        initial_model(&mut runner, &Config::default(), now).unwrap_or_else(|e| panic!("{e}"));
    (model, runner)
}

#[test]
fn another_week_opens_at_its_first_day_and_the_current_one_at_today() {
    let (mut m, mut runner) = demo_on_tuesday();
    assert_eq!(m.agenda.selected_day(m.today()), day(24));
    keys_settled(&mut m, &mut runner, "]");
    assert_eq!(m.agenda.from, Some(day(30)));
    assert_eq!(
        m.agenda.selected_day(m.today()),
        day(30),
        "Monday, not Tuesday"
    );
    let text = crate::tui::testing::screen(&mut m, 80, 24);
    assert!(
        text.lines()
            .nth(4)
            .is_some_and(|l| l.contains("Monday 30 November")),
        "{text}"
    );
    keys_settled(&mut m, &mut runner, "[[");
    assert_eq!(m.agenda.selected_day(m.today()), day(16));
    keys_settled(&mut m, &mut runner, "]");
    assert_eq!(
        m.agenda.selected_day(m.today()),
        day(24),
        "back home: today"
    );
}

/// On a Sunday the home view is the coming week; `[` back to the week that holds today opens
/// at today, not at its Monday.
#[test]
fn the_week_that_holds_today_opens_at_today_when_it_is_not_the_home_one() {
    let sunday = day(29).and_hms_opt(10, 0, 0).unwrap_or_default();
    let mut runner = Runner::new(crate::tui::testing::demo_store(), &Config::default());
    let mut m =
        initial_model(&mut runner, &Config::default(), sunday).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.agenda.from, Some(day(30)));
    keys_settled(&mut m, &mut runner, "[");
    assert_eq!(m.agenda.from, Some(day(23)));
    assert_eq!(m.agenda.selected_day(m.today()), day(29), "Sunday, today");
    keys_settled(&mut m, &mut runner, "[");
    assert_eq!(
        m.agenda.selected_day(m.today()),
        day(16),
        "another week: its Monday"
    );
    keys_settled(&mut m, &mut runner, "]]");
    assert_eq!(m.agenda.from, Some(day(30)));
    assert_eq!(
        m.agenda.selected_day(m.today()),
        day(30),
        "the home week: its Monday"
    );
}

#[test]
fn the_home_view_puts_today_at_the_top_and_says_what_is_above() {
    let (mut m, _) = demo_on_tuesday();
    for height in [24, 48] {
        let text = crate::tui::testing::screen(&mut m, 80, height);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[4].starts_with(" ↑ +"), "{text}");
        assert!(lines[4].contains("from Monday 23 November"), "{text}");
        assert!(lines[5].contains("Tuesday 24 November · today"), "{text}");
    }
}
