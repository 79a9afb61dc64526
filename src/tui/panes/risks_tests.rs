use super::*;
use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::risk::{RiskDraft, RiskStatus};
use crate::domain::risk_score::ScoreEntry;
use crate::ops::agenda::Agenda;
use crate::ops::links::Linked;
use crate::tui::effects::risks::RisksEffect;
use crate::tui::keymap::Keymap;
use crate::tui::model::{Model, Overlay, StatusKind, Tab};
use crate::tui::msg::Msg;
use crate::tui::pane::Target;
use crate::tui::panes::agenda::AgendaMsg;
use crate::tui::panes::risks::RisksForm;
use crate::tui::panes::risks::RisksMsg;
use crate::tui::testing::keys;
use crate::tui::update::update;
use chrono::{NaiveDate, Weekday};
use std::collections::BTreeMap;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn risk(id: i64, title: &str, l: i64, i: i64, category: Category) -> Risk {
    let fields = RiskDraft {
        title: title.into(),
        likelihood: l,
        impact: i,
        category,
        next_review: Some(today() + chrono::Duration::days(id)),
        ..RiskDraft::default()
    }
    .validate()
    .unwrap();
    Risk {
        id,
        history: vec![ScoreEntry {
            date: today(),
            score: fields.score,
            note: String::new(),
        }],
        fields,
    }
}

fn model() -> Model {
    let now = today().and_hms_opt(9, 30, 0).unwrap();
    let mut m = Model::new(Keymap::load(&BTreeMap::new()).unwrap(), now, Weekday::Mon);
    let mut closed = risk(4, "Old build machine", 1, 3, Category::Reliability);
    closed.fields.status = RiskStatus::Closed;
    m.risks.set_all(vec![
        risk(
            1,
            "If CI stays flaky, then releases slip",
            3,
            3,
            Category::Delivery,
        ),
        risk(
            2,
            "If Priya leaves, then payments stall",
            3,
            4,
            Category::People,
        ),
        risk(3, "Unpatched criticals", 4, 5, Category::Security),
        closed,
    ]);
    m.tab = Tab::Risks;
    m
}

fn shown(m: &Model) -> Vec<i64> {
    m.risks.rows().map(|r| r.id).collect()
}

#[test]
fn the_table_opens_on_active_risks_by_score() {
    let m = model();
    assert_eq!(shown(&m), [3, 2, 1]);
    assert_eq!(m.risks.current().map(|r| r.id), Some(3));
}

#[test]
fn adding_a_risk_through_the_form_emits_one_add_effect() {
    let mut m = model();
    keys(&mut m, "a");
    assert!(matches!(
        m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::Risks(RisksForm::Add),
            ..
        })
    ));
    // Title, then category (p: people), likelihood 4, impact 2.
    let effects = keys(&mut m, "If Ada leaves, then nobody runs billing\tp\t4\t2\n");
    let [Effect::Risks(RisksEffect::Add { draft, .. })] = effects.as_slice() else {
        panic!("expected one AddRisk, got {effects:?}");
    };
    assert_eq!(draft.title, "If Ada leaves, then nobody runs billing");
    assert_eq!(draft.category, Category::People);
    assert_eq!((draft.likelihood, draft.impact), (4, 2));
    assert_eq!(draft.next_review, None, "blank: the band decides");
}

#[test]
fn an_empty_title_is_refused_inline() {
    let mut m = model();
    let effects = keys(&mut m, "a\n");
    assert!(effects.is_empty());
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("form closed");
    };
    assert_eq!(form.error.as_ref().map(|e| e.0), Some(Some(0)));
}

#[test]
fn reviewing_prefills_the_score_and_sends_the_new_one() {
    let mut m = model();
    keys(&mut m, "jR");
    let Some(Overlay::Form { form, purpose }) = &m.overlay else {
        panic!("no review form");
    };
    assert!(matches!(purpose, FormPurpose::Risks(RisksForm::Review(r)) if r.id == 2));
    assert_eq!(form.value("likelihood"), "3 possible");
    assert_eq!(form.value("impact"), "4 major");
    let effects = keys(&mut m, "5\n");
    let [Effect::Risks(RisksEffect::Review { id: 2, review, .. })] = effects.as_slice() else {
        panic!("expected ReviewRisk, got {effects:?}");
    };
    assert_eq!((review.likelihood, review.impact), (5, 4));
    assert_eq!(review.next_review, None);
}

#[test]
fn filters_cycle_combine_show_in_words_and_clear() {
    let mut m = model();
    keys(&mut m, "f");
    assert_eq!(m.risks.filter.describe(), ["status: open"]);
    keys(&mut m, "fff");
    assert_eq!(m.risks.filter.describe(), ["status: all"]);
    assert_eq!(shown(&m), [3, 2, 1, 4]);
    keys(&mut m, "c");
    assert_eq!(shown(&m), [1], "category: delivery");
    keys(&mut m, "c");
    assert_eq!(shown(&m), [4], "category: reliability");
    keys(&mut m, "x");
    assert!(m.risks.filter.is_default());
    keys(&mut m, "bb");
    assert_eq!(m.risks.filter.describe(), ["band: high"]);
    assert_eq!(shown(&m), [2]);
    keys(&mut m, "x");
    assert_eq!(shown(&m), [3, 2, 1]);
}

#[test]
fn sorting_keeps_the_cursor_on_the_same_risk() {
    let mut m = model();
    keys(&mut m, "j");
    assert_eq!(m.risks.current().map(|r| r.id), Some(2));
    keys(&mut m, "o");
    assert_eq!(m.risks.sort, RiskSort::Review);
    assert_eq!(shown(&m), [1, 2, 3]);
    assert_eq!(m.risks.current().map(|r| r.id), Some(2));
}

#[test]
fn text_filter_form_narrows_the_table() {
    let mut m = model();
    keys(&mut m, "t");
    assert!(matches!(
        m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::Risks(RisksForm::Filter),
            ..
        })
    ));
    let effects = keys(&mut m, "priya\n");
    assert!(effects.is_empty());
    assert!(m.overlay.is_none());
    assert_eq!(shown(&m), [2]);
    assert_eq!(m.risks.filter.describe(), ["text: \"priya\""]);
}

#[test]
fn the_heat_map_opens_on_the_selected_cell_and_enter_filters_the_table() {
    let mut m = model();
    keys(&mut m, "jv");
    assert_eq!(m.risks.view, RiskView::HeatMap);
    assert_eq!(
        m.risks.cell,
        RiskScore {
            likelihood: 3,
            impact: 4
        }
    );
    // Left one impact: the 3×3 cell.
    keys(&mut m, "h");
    keys(&mut m, "\n");
    assert_eq!(m.risks.view, RiskView::Table);
    assert_eq!(shown(&m), [1]);
    assert_eq!(m.risks.filter.describe(), ["cell L3×I3"]);
    // Movement is clamped at the edges.
    keys(&mut m, "vkkkkkklllllll");
    assert_eq!(
        m.risks.cell,
        RiskScore {
            likelihood: 5,
            impact: 5
        }
    );
    keys(&mut m, "\n");
    assert!(shown(&m).is_empty());
    keys(&mut m, "x");
    assert_eq!(shown(&m).len(), 3);
}

#[test]
fn delete_asks_first_and_read_only_refuses_reviews() {
    let mut m = model();
    assert!(keys(&mut m, "d").is_empty());
    assert!(matches!(m.overlay, Some(Overlay::Confirm { .. })));
    // It carries the risk as the confirmation showed it, so a change made elsewhere meanwhile
    // refuses the delete.
    assert!(matches!(
        keys(&mut m, "y").as_slice(),
        [Effect::Risks(RisksEffect::Delete(3, shown))] if !shown.title.is_empty()
    ));
    m.read_only = true;
    keys(&mut m, "R");
    assert!(m.overlay.is_none());
    assert_eq!(m.status.as_ref().map(|s| s.kind), Some(StatusKind::Error));
}

#[test]
fn a_saved_risk_is_selected_after_the_reload() {
    let mut m = model();
    let effects = update(
        &mut m,
        Msg::Saved {
            message: "Added risk 1.".into(),
            select: Some(Target::Risk(1)),
        },
    );
    assert!(
        effects.contains(&Effect::Risks(RisksEffect::Load)),
        "{effects:?}"
    );
    let rows = m.risks.all.clone();
    update(&mut m, Msg::Risks(RisksMsg::Loaded(rows)));
    assert_eq!(m.risks.current().map(|r| r.id), Some(1));
}

#[test]
fn enter_on_a_risk_review_in_the_agenda_opens_its_review_form() {
    let mut m = model();
    m.tab = Tab::Agenda;
    let item = AgendaItem {
        date: today(),
        start: None,
        end: None,
        kind: ItemKind::RiskReview,
        title: "Old build machine".into(),
        id: 4,
        person: None,
        person_id: None,
        status: None,
        occurrence: None,
        moved: false,
        done: false,
        conflict: false,
        lasts_until: None,
    };
    let agenda = Agenda {
        from: today(),
        days: 7,
        items: vec![item],
        radar: Vec::new(),
    };
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Loaded {
            agenda,
            next: None,
            with_radar: true,
            read_at: 4,
        }),
    );
    keys(&mut m, "\n");
    assert_eq!(m.tab, Tab::Risks);
    assert_eq!(
        m.risks.current().map(|r| r.id),
        Some(4),
        "shown even though closed"
    );
    assert!(
        matches!(
            &m.overlay,
            Some(Overlay::Form { purpose: FormPurpose::Risks(RisksForm::Review(r)), .. }) if r.id == 4
        ),
        "where a review is dealt with: {:?}",
        m.overlay
    );
}

#[test]
fn a_saved_risk_hidden_by_the_filters_is_shown_anyway() {
    let mut m = model();
    keys(&mut m, "bb");
    assert_eq!(shown(&m), [2]);
    update(
        &mut m,
        Msg::Saved {
            message: "Added risk 1.".into(),
            select: Some(Target::Risk(1)),
        },
    );
    let rows = m.risks.all.clone();
    update(&mut m, Msg::Risks(RisksMsg::Loaded(rows)));
    assert!(m.risks.filter.is_default());
    assert_eq!(m.risks.current().map(|r| r.id), Some(1));
}

#[test]
fn the_runner_saves_a_past_review_date_with_a_warning_and_refuses_bad_scores() {
    use crate::config::Config;
    use crate::store::Store;
    use crate::tui::effects::Runner;
    let mut runner = Runner::new(Store::open_in_memory().unwrap(), &Config::default());
    let now = today().and_hms_opt(9, 0, 0).unwrap();
    let late = RiskDraft {
        title: "Late to the register".into(),
        next_review: Some(today() - chrono::Duration::days(3)),
        ..RiskDraft::default()
    };
    let Msg::Saved { message, select } = runner.run(
        Effect::Risks(RisksEffect::Add {
            draft: late,
            links: Default::default(),
        }),
        now,
    ) else {
        panic!("not saved");
    };
    assert!(message.starts_with("Added risk 1: 9 medium →"), "{message}");
    assert!(
        message.contains("Fri 20 Nov 2026, is in the past"),
        "{message}"
    );
    assert_eq!(select, Some(Target::Risk(1)));
    let bad = RiskDraft {
        title: "Off the scale".into(),
        likelihood: 6,
        ..RiskDraft::default()
    };
    let Msg::Failed { message, field } = runner.run(
        Effect::Risks(RisksEffect::Add {
            draft: bad,
            links: Default::default(),
        }),
        now,
    ) else {
        panic!("saved a likelihood of 6");
    };
    assert_eq!(field, Some("likelihood"));
    assert!(
        message.contains("likelihood 6 is out of range"),
        "{message}"
    );
    let Msg::Risks(RisksMsg::Loaded(all)) = runner.run(Effect::Risks(RisksEffect::Load), now)
    else {
        panic!("no load");
    };
    assert_eq!(all.len(), 1, "nothing saved on the error");
}

#[test]
fn a_review_weeks_away_is_said_once_with_its_distance_in_days() {
    let mut m = model();
    let mut far = risk(5, "Vendor lock-in", 5, 5, Category::Vendor);
    far.fields.next_review = Some(NaiveDate::from_ymd_opt(2026, 12, 13).unwrap());
    m.risks.set_all(vec![far]);
    let text = crate::tui::testing::screen(&mut m, 160, 48);
    assert!(
        text.contains("Next review Sun 13 Dec (in 20 days)"),
        "{text}"
    );
    assert!(!text.contains("(Sun 13 Dec)"), "{text}");
}

#[test]
fn score_history_names_the_year_of_entries_from_another_year() {
    let r = risk(1, "Vendor lock-in", 3, 4, Category::Vendor);
    let mut old = r.history[0].clone();
    old.date = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap();
    let r = Risk {
        history: vec![old, r.history[0].clone()],
        ..r
    };
    let lines = crate::tui::panes::risks_detail::summary_lines(
        &r,
        today(),
        120,
        &crate::tui::theme::Theme::default(),
    );
    let history = lines[2].to_string();
    assert!(history.contains("(1 Dec 2024) → 12 (23 Nov)"), "{history}");
}

fn linked(kind: crate::domain::link::LinkKind, id: i64, title: &str) -> Linked {
    Linked {
        kind,
        id,
        title: title.into(),
    }
}

/// Risk 3 (the cursor's) with its links loaded, as the runner answers.
fn with_links() -> Model {
    use crate::domain::link::LinkKind;
    let mut m = model();
    let links = vec![
        linked(LinkKind::Goal, 7, "Ship payments v2"),
        linked(LinkKind::Person, 1, "Ada"),
    ];
    update(&mut m, Msg::Risks(RisksMsg::Links(3, links)));
    m
}

#[test]
fn the_selected_risks_links_are_loaded_and_reloaded_after_an_outside_change() {
    let mut m = model();
    let all = m.risks.all.clone();
    let effects = update(&mut m, Msg::Risks(RisksMsg::Loaded(all)));
    assert_eq!(effects, [Effect::Risks(RisksEffect::Links(3))]);
    let effects = keys(&mut m, "j");
    assert_eq!(effects, [Effect::Risks(RisksEffect::Links(2))]);
}

#[test]
fn bracket_selects_a_link_and_enter_opens_it_in_its_pane_and_esc_comes_back() {
    let mut m = with_links();
    m.tab = Tab::Risks;
    keys(&mut m, "]");
    assert_eq!(m.risks.links.selected, Some(0));
    keys(&mut m, "\n");
    assert_eq!(m.tab, Tab::Plan, "Enter on the goal link opens the plan");
    assert!(m.overlay.is_none(), "not the edit form");
    keys(&mut m, "<Esc>");
    assert_eq!(m.tab, Tab::Risks);
    assert_eq!(m.risks.current().map(|r| r.id), Some(3));
    // The second link is a person: their page.
    keys(&mut m, "]");
    assert_eq!(m.risks.links.selected, Some(1));
    keys(&mut m, "\n");
    assert_eq!(m.tab, Tab::People);
}

#[test]
fn esc_unselects_a_link_and_enter_edits_the_risk_again() {
    let mut m = with_links();
    keys(&mut m, "]<Esc>");
    assert_eq!(m.risks.links.selected, None);
    assert_eq!(m.tab, Tab::Risks);
    keys(&mut m, "\n");
    assert!(matches!(
        m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::Risks(RisksForm::Edit(_)),
            ..
        })
    ));
}

#[test]
fn a_risk_without_links_says_how_to_make_one() {
    let mut m = model();
    update(&mut m, Msg::Risks(RisksMsg::Links(3, Vec::new())));
    keys(&mut m, "]");
    assert_eq!(m.risks.links.selected, None);
    assert!(
        m.status
            .as_ref()
            .is_some_and(|s| s.text.contains("no links"))
    );
}

#[test]
fn the_detail_lists_the_links_with_the_selected_one_marked() {
    let mut m = with_links();
    let wide = crate::tui::testing::screen(&mut m, 160, 48);
    assert!(wide.contains("Links"), "{wide}");
    assert!(wide.contains("goal    Ship payments v2"), "{wide}");
    assert!(wide.contains("person  Ada"), "{wide}");
    keys(&mut m, "]");
    let narrow = crate::tui::testing::screen(&mut m, 80, 24);
    assert!(
        narrow.contains("Links goal Ship payments v2 · person Ada"),
        "{narrow}"
    );
}

#[test]
fn a_four_digit_risk_number_is_shown_whole() {
    let mut m = model();
    m.risks.set_all(vec![risk(
        1000,
        "If the vendor folds, then billing stops",
        3,
        4,
        Category::Vendor,
    )]);
    m.tab = Tab::Risks;
    let text = crate::tui::testing::screen(&mut m, 80, 24);
    assert!(text.contains("1000 12"), "{text}");
}

/// At 60 columns a large register's header left out what did not fit whole: it cut "132
/// overdue" to "13" (adversarial pass). The title goes first, then the mildest bands.
#[test]
fn a_narrow_header_never_cuts_a_count_in_half() {
    let mut m = model();
    let mut many = Vec::new();
    for id in 1..=900 {
        let (l, i) = (1 + id % 5, 1 + (id / 5) % 5);
        let mut r = risk(id, "If it happens", l, i, Category::Delivery);
        r.fields.next_review = Some(today() - chrono::Duration::days(3));
        many.push(r);
    }
    m.risks.set_all(many);
    for width in [60, 70, 80, 160] {
        let text = crate::tui::testing::screen(&mut m, width, 24);
        let header = text
            .lines()
            .find(|l| l.contains(" overdue"))
            .unwrap_or_else(|| panic!("{width}: no count of overdue risks: {text}"));
        assert!(header.contains("900 overdue"), "{width}: {header}");
        let words: Vec<&str> = header.split_whitespace().collect();
        for pair in words.windows(2) {
            if pair[0].chars().all(|c| c.is_ascii_digit()) {
                assert!(
                    ["critical", "high", "medium", "low", "overdue"].contains(&pair[1]),
                    "{width}: {header}"
                );
            }
        }
    }
}
