use super::*;
use crate::domain::agenda::RadarItem;
use crate::ops::agenda::Agenda;
use crate::tui::effects::agenda::AgendaEffect;
use crate::tui::effects::one_on_ones::OneOnOneEffect;
use crate::tui::effects::people::PeopleEffect;
use crate::tui::keymap::KeyContext;
use crate::tui::pane::Target;
use crate::tui::panes::agenda::AgendaMsg;
use crate::tui::panes::people::PeopleForm;
use crate::tui::panes::people::PeopleMsg;
use crate::tui::panes::person::PeopleView;
pub(super) use crate::tui::testing::{keys, model, person};
use chrono::{NaiveDate, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn number_keys_and_tab_switch_panes() {
    let mut m = model();
    assert_eq!(m.tab, Tab::Agenda);
    keys(&mut m, "4");
    assert_eq!(m.tab, Tab::People);
    keys(&mut m, "\t");
    assert_eq!(m.tab, Tab::Risks);
    keys(&mut m, "\t");
    assert_eq!(m.tab, Tab::Decisions);
    keys(&mut m, "\t");
    assert_eq!(m.tab, Tab::Scorecard);
    let last = Tab::ALL[Tab::ALL.len() - 1];
    m.tab = last;
    keys(&mut m, "\t");
    assert_eq!(m.tab, Tab::Agenda, "tab wraps around");
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
    );
    assert_eq!(m.tab, last);
    keys(&mut m, "6");
    assert_eq!(m.tab, Tab::Decisions);
    keys(&mut m, "7");
    assert_eq!(m.tab, Tab::Scorecard);
}

#[test]
fn q_quits_and_question_mark_toggles_help() {
    let mut m = model();
    keys(&mut m, "?");
    assert!(matches!(m.overlay, Some(Overlay::Help(0))));
    keys(&mut m, "j");
    assert!(
        matches!(m.overlay, Some(Overlay::Help(1))),
        "j scrolls the help"
    );
    keys(&mut m, "?");
    assert!(m.overlay.is_none());
    assert!(!m.quit, "closing help does not quit");
    keys(&mut m, "q");
    assert!(m.quit);
}

#[test]
fn help_never_covers_the_status_bar() {
    for (w, h) in [(80, 24), (60, 20), (160, 48)] {
        for tab in ["1", "4", "5"] {
            let mut m = model();
            m.info("Saved.");
            keys(&mut m, tab);
            m.info("Saved.");
            keys(&mut m, "?");
            m.info("Saved.");
            let text = crate::tui::testing::screen(&mut m, w, h);
            let last = text.lines().last().unwrap_or_default();
            assert!(last.contains("Saved."), "{w}x{h} tab {tab}:\n{text}");
            assert!(text.contains("Keys"), "{text}");
        }
    }
}

#[test]
fn adding_a_person_through_the_form_emits_one_add_effect() {
    let mut m = model();
    keys(&mut m, "4a");
    assert!(matches!(
        m.overlay,
        Some(Overlay::Form {
            purpose: FormPurpose::People(PeopleForm::AddPerson),
            ..
        })
    ));
    let effects = keys(&mut m, "Linus\tKernel lead\n");
    let [Effect::People(PeopleEffect::Add(input))] = effects.as_slice() else {
        panic!("expected one AddPerson, got {effects:?}");
    };
    assert_eq!(input.draft.name, "Linus");
    assert_eq!(input.draft.role, "Kernel lead");
    assert_eq!(
        input.one_on_one, None,
        "the default cadence is no regular 1:1"
    );
    // The form stays until the store answers.
    assert!(m.overlay.is_some());
    let effects = update(
        &mut m,
        Msg::Saved {
            message: "Added Linus.".into(),
            select: Some(Target::Person(9, PeopleView::List)),
        },
    );
    assert!(
        effects.contains(&Effect::People(PeopleEffect::Load)),
        "the tab on screen loads at once: {effects:?}"
    );
    // The other tabs load once the screen is redrawn.
    let mut effects = effects;
    effects.extend(reload_rest(&mut m));
    assert!(
        effects.contains(&Effect::People(PeopleEffect::Load)),
        "{effects:?}"
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Agenda(AgendaEffect::Load { .. }))),
        "the agenda shows 1:1s too"
    );
    assert!(m.overlay.is_none());
    assert_eq!(m.people.list.select_id, Some(9));
}

#[test]
fn an_empty_name_is_refused_inline_and_nothing_is_saved() {
    let mut m = model();
    let effects = keys(&mut m, "4a\n");
    assert!(effects.is_empty());
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("form closed");
    };
    assert_eq!(form.error, Some((Some(0), "a name is required".into())));
}

#[test]
fn a_refusal_from_the_store_lands_on_its_field() {
    let mut m = model();
    keys(&mut m, "4aAda\n");
    update(
        &mut m,
        Msg::Failed {
            message: "Ada is already in your people".into(),
            field: Some("name"),
        },
    );
    let Some(Overlay::Form { form, .. }) = &m.overlay else {
        panic!("form closed");
    };
    assert_eq!(form.error.as_ref().map(|e| e.0), Some(Some(0)));
}

#[test]
fn weekly_cadence_builds_a_rule_on_the_chosen_day() {
    let mut m = model();
    keys(&mut m, "4aAda\t\t\t\t");
    // Now on the cadence choice: one step right is "weekly".
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)),
    );
    let effects = keys(&mut m, "\n");
    let [Effect::People(PeopleEffect::Add(input))] = effects.as_slice() else {
        panic!("expected AddPerson, got {effects:?}");
    };
    let plan = input.one_on_one.as_ref().expect("a 1:1 plan");
    assert_eq!(plan.rrule, "FREQ=WEEKLY;BYDAY=TU");
    assert_eq!(plan.start.to_string(), "2026-11-24 10:00:00");
    assert_eq!(plan.duration_min, 30);
}

#[test]
fn editing_prefills_and_targets_the_selected_person() {
    let mut m = model();
    let effects = keys(&mut m, "4je\n");
    let [Effect::People(PeopleEffect::Update { id, input, .. })] = effects.as_slice() else {
        panic!("expected UpdatePerson, got {effects:?}");
    };
    assert_eq!(*id, 2);
    assert_eq!(input.draft.name, "Grace");
}

#[test]
fn delete_asks_first_and_only_yes_deletes() {
    let mut m = model();
    let effects = keys(&mut m, "4d");
    assert!(effects.is_empty());
    assert!(matches!(m.overlay, Some(Overlay::Confirm { .. })));
    assert!(keys(&mut m, "n").is_empty());
    assert!(m.overlay.is_none());
    assert_eq!(
        keys(&mut m, "dy"),
        vec![Effect::People(PeopleEffect::Delete(1))]
    );
}

#[test]
fn list_movement_is_clamped() {
    let mut m = model();
    keys(&mut m, "4kkk");
    assert_eq!(m.people.list.selected, 0);
    keys(&mut m, "jjjj");
    assert_eq!(m.people.list.selected, 1);
    keys(&mut m, "g");
    assert_eq!(m.people.list.selected, 0);
    keys(&mut m, "G");
    assert_eq!(m.people.list.selected, 1);
}

#[test]
fn read_only_refuses_changes_with_a_message() {
    let mut m = model();
    m.read_only = true;
    keys(&mut m, "4a");
    assert!(m.overlay.is_none());
    assert_eq!(
        m.status.as_ref().map(|s| s.kind),
        Some(crate::tui::model::StatusKind::Error)
    );
}

#[test]
fn reload_keeps_the_cursor_on_the_same_person() {
    let mut m = model();
    keys(&mut m, "4j");
    update(
        &mut m,
        Msg::People(PeopleMsg::Loaded(vec![
            person(0, "Aaron"),
            person(1, "Ada"),
            person(2, "Grace"),
        ])),
    );
    assert_eq!(m.people.list.current().map(|p| p.person.id), Some(2));
}

mod one_on_ones {
    use super::*;
    use crate::domain::agenda::{AgendaItem, ItemKind};
    use crate::domain::one_on_one::Owner;
    use crate::ops::one_on_ones::{SearchResult, add_topic, person_detail};
    use crate::ops::people::{PersonInput, add_person};
    use crate::ops::search::SearchKind;
    use crate::store::Store;
    use crate::tui::panes::person::PeopleView;
    use crate::tui::widgets::form::FieldKind;

    /// A model whose person 1 ("Ada") has two queued topics loaded on their page.
    fn with_detail() -> Model {
        let mut store = Store::open_in_memory().unwrap();
        let now = model().now;
        let mut input = PersonInput::default();
        input.draft.name = "Ada".into();
        let ada = add_person(&mut store, input, Weekday::Mon, now).unwrap();
        add_topic(&mut store, ada.id, "Promotion timeline", now).unwrap();
        add_topic(&mut store, ada.id, "Team offsite", now).unwrap();
        let mut m = model();
        keys(&mut m, "4");
        let effects = keys(&mut m, "\n");
        assert_eq!(
            effects,
            vec![Effect::OneOnOnes(OneOnOneEffect::LoadDetail(1))]
        );
        assert_eq!(m.people.page.view, PeopleView::Detail);
        update(
            &mut m,
            Msg::People(PeopleMsg::DetailLoaded(Box::new(
                person_detail(&store, ada.id, now).unwrap(),
            ))),
        );
        m
    }

    #[test]
    fn the_page_ticks_topics_and_escape_goes_back() {
        let mut m = with_detail();
        assert_eq!(m.context(), KeyContext::Person);
        assert_eq!(
            keys(&mut m, "x"),
            vec![Effect::OneOnOnes(OneOnOneEffect::SetTopicDiscussed {
                id: 1,
                discussed: true
            })]
        );
        assert_eq!(
            keys(&mut m, "jx"),
            vec![Effect::OneOnOnes(OneOnOneEffect::SetTopicDiscussed {
                id: 2,
                discussed: true
            })]
        );
        keys(&mut m, "\x1b");
        assert_eq!(m.people.page.view, PeopleView::List);
        assert_eq!(m.context(), KeyContext::People);
    }

    #[test]
    fn recording_ticks_discussed_topics_and_parses_actions() {
        let mut m = with_detail();
        keys(&mut m, "r");
        let Some(Overlay::Form { form, .. }) = &m.overlay else {
            panic!("no record form");
        };
        let checks = form
            .fields
            .iter()
            .filter(|f| f.kind == FieldKind::Check)
            .count();
        assert_eq!(checks, 2, "one tick box per queued topic");
        // The cursor starts in the note; then new actions, then the topics' boxes.
        keys(&mut m, "We talked.\tthem: Send the draft due fri");
        keys(&mut m, "\t\t ");
        let effects = update(
            &mut m,
            Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        );
        let [Effect::OneOnOnes(OneOnOneEffect::Record { person, record })] = effects.as_slice()
        else {
            panic!("expected Record, got {effects:?}");
        };
        assert_eq!(*person, 1);
        assert_eq!(record.note, "We talked.");
        let ticked: Vec<i64> = record.discussed.iter().map(|t| t.id).collect();
        assert_eq!(ticked, vec![2]);
        assert_eq!(record.actions.len(), 1);
        assert_eq!(record.actions[0].owner, Owner::Them);
        assert_eq!(record.actions[0].due, NaiveDate::from_ymd_opt(2026, 11, 27));
    }

    #[test]
    fn a_bad_action_line_is_refused_on_its_field() {
        let mut m = with_detail();
        keys(&mut m, "rNote\tFix it due someday");
        let effects = update(
            &mut m,
            Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        );
        assert!(effects.is_empty());
        let Some(Overlay::Form { form, .. }) = &m.overlay else {
            panic!("form closed");
        };
        let (field, message) = form.error.clone().unwrap();
        assert_eq!(form.fields[field.unwrap()].key, "actions");
        assert!(message.contains("someday"), "{message}");
    }

    #[test]
    fn feedback_given_is_recorded_with_its_date() {
        let mut m = with_detail();
        keys(&mut m, "f");
        assert!(matches!(
            m.overlay,
            Some(Overlay::Form {
                purpose: FormPurpose::People(PeopleForm::AddContext(1)),
                ..
            })
        ));
        let effects = update(
            &mut m,
            Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)),
        );
        assert!(effects.is_empty());
        keys(&mut m, "\tPraised the incident write-up");
        let effects = update(
            &mut m,
            Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        );
        assert_eq!(
            effects,
            vec![Effect::OneOnOnes(OneOnOneEffect::AddContext {
                person: 1,
                date: m.today(),
                kind: crate::domain::one_on_one::ContextKind::Feedback,
                text: "Praised the incident write-up".into(),
            })]
        );
    }

    #[test]
    fn quick_capture_works_from_any_tab() {
        let mut m = model();
        keys(&mut m, "T");
        assert!(matches!(
            m.overlay,
            Some(Overlay::Form {
                purpose: FormPurpose::People(PeopleForm::CaptureTopic),
                ..
            })
        ));
        // The cursor starts on who it is for (Ada, selected): Tab to the topic.
        let effects = keys(&mut m, "\tBudget\n");
        assert_eq!(
            effects,
            vec![Effect::OneOnOnes(OneOnOneEffect::AddTopic {
                person: 1,
                text: "Budget".into()
            })]
        );
    }

    #[test]
    fn quick_capture_finds_the_person_by_typing_and_names_them_when_saved() {
        let (mut m, mut runner) = crate::tui::testing::demo();
        crate::tui::testing::keys_settled(&mut m, &mut runner, "Toyel\tBudget for the rewrite\n");
        assert!(m.overlay.is_none(), "{:?}", m.overlay.is_some());
        let status = m
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert_eq!(
            status,
            "Talking point queued for Marcus Oyelaran's next 1:1."
        );
    }

    #[test]
    fn opening_search_reads_its_names_once_the_box_is_drawn() {
        let mut m = model();
        assert!(
            keys(&mut m, "/").is_empty(),
            "nothing runs before the box is drawn"
        );
        assert_eq!(m.later, vec![Effect::ReadSearchNames]);
        // Closed before they were read: they are not read for nothing.
        keys(&mut m, "<Esc>");
        assert!(m.later.is_empty(), "{:?}", m.later);
        // Opened twice before they were read: read once.
        keys(&mut m, "/ab<Esc>/");
        assert_eq!(m.later, vec![Effect::ReadSearchNames]);
        assert_eq!(run_later(&mut m), vec![Effect::ReadSearchNames]);
        assert!(update(&mut m, Msg::SearchReady).is_empty());
        assert!(matches!(m.overlay, Some(Overlay::Search(_))));
    }

    #[test]
    fn search_types_incrementally_and_opens_a_persons_page() {
        let mut m = model();
        keys(&mut m, "/");
        assert!(
            keys(&mut m, "a").is_empty(),
            "one letter is not searched yet"
        );
        assert_eq!(keys(&mut m, "d"), vec![Effect::Search("ad".into())]);
        let hit = SearchResult {
            more_of_kind: false,
            kind: SearchKind::Note,
            id: 9,
            title: "2026-11-20".into(),
            snippet: "«ad»".into(),
            person_id: Some(2),
            person: Some("Grace".into()),
            ritual_id: None,
            date: None,
        };
        update(
            &mut m,
            Msg::SearchResults {
                query: "a".into(),
                results: vec![hit.clone()],
            },
        );
        let Some(Overlay::Search(state)) = &m.overlay else {
            panic!("search closed");
        };
        assert!(
            state.results.is_empty(),
            "results for an older query are dropped"
        );
        update(
            &mut m,
            Msg::SearchResults {
                query: "ad".into(),
                results: vec![hit],
            },
        );
        let effects = keys(&mut m, "\n");
        assert_eq!(
            effects,
            vec![Effect::OneOnOnes(OneOnOneEffect::LoadDetail(2))]
        );
        assert_eq!(
            (m.tab, m.people.page.view),
            (Tab::People, PeopleView::Detail)
        );
        assert!(m.overlay.is_none());
    }

    #[test]
    fn enter_on_a_risk_or_goal_result_opens_it_in_its_pane() {
        let mut m = model();
        for (kind, tab) in [
            (SearchKind::Risk, Tab::Risks),
            (SearchKind::Goal, Tab::Plan),
        ] {
            keys(&mut m, "/ab");
            update(
                &mut m,
                Msg::SearchResults {
                    query: "ab".into(),
                    results: vec![SearchResult {
                        more_of_kind: false,
                        kind,
                        id: 7,
                        title: "Abc".into(),
                        snippet: String::new(),
                        person_id: None,
                        person: None,
                        ritual_id: None,
                        date: None,
                    }],
                },
            );
            keys(&mut m, "\n");
            assert_eq!(m.tab, tab);
            assert!(m.overlay.is_none());
        }
    }

    /// Opens the one result `result` from the search box.
    fn open_result(m: &mut Model, result: SearchResult) -> Vec<Effect> {
        keys(m, "/ab");
        update(
            m,
            Msg::SearchResults {
                query: "ab".into(),
                results: vec![result],
            },
        );
        keys(m, "\n")
    }

    #[test]
    fn enter_on_a_meeting_result_opens_the_agenda_on_its_day_with_it_selected() {
        let mut m = model();
        let day = m.today() + chrono::Duration::days(-30);
        let hit = SearchResult {
            more_of_kind: false,
            kind: SearchKind::Meeting,
            id: 4,
            title: "Staff, Mon 16 Nov".into(),
            snippet: "«ab»".into(),
            person_id: None,
            person: None,
            ritual_id: Some(3),
            date: Some(day),
        };
        open_result(&mut m, hit);
        assert_eq!(m.tab, Tab::Agenda);
        assert_eq!(m.agenda.day, Some(day));
        assert_eq!(m.agenda.wanted, Some(3), "selected once its week is loaded");
        assert!(m.overlay.is_none());
    }

    #[test]
    fn enter_on_a_private_context_result_opens_the_persons_page() {
        let mut m = model();
        let hit = SearchResult {
            more_of_kind: false,
            kind: SearchKind::Context,
            id: 5,
            title: "Grace — career, 12 Nov".into(),
            snippet: "«ab»".into(),
            person_id: Some(2),
            person: Some("Grace".into()),
            ritual_id: None,
            date: None,
        };
        open_result(&mut m, hit);
        assert_eq!(
            (m.tab, m.people.page.view),
            (Tab::People, PeopleView::Detail)
        );
    }

    #[test]
    fn enter_on_a_1on1_in_the_agenda_opens_its_prep() {
        let mut m = model();
        let today = m.today();
        let item = AgendaItem {
            date: today,
            start: chrono::NaiveTime::from_hms_opt(10, 0, 0),
            end: chrono::NaiveTime::from_hms_opt(10, 30, 0),
            kind: ItemKind::OneOnOne,
            title: "1:1 Grace".into(),
            id: 3,
            person: Some("Grace".into()),
            person_id: Some(2),
            status: None,
            occurrence: today.and_hms_opt(10, 0, 0),
            moved: false,
            done: false,
            conflict: false,
            lasts_until: None,
        };
        let agenda = crate::ops::agenda::Agenda {
            from: today,
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
        assert_eq!(
            keys(&mut m, "\n"),
            vec![Effect::OneOnOnes(OneOnOneEffect::LoadPrep(2))]
        );
        assert_eq!((m.tab, m.people.page.view), (Tab::People, PeopleView::Prep));
    }

    #[test]
    fn calendar_events_are_read_only_in_the_agenda() {
        let mut m = model();
        let today = m.today();
        let item = AgendaItem {
            date: today,
            start: chrono::NaiveTime::from_hms_opt(15, 0, 0),
            end: chrono::NaiveTime::from_hms_opt(15, 30, 0),
            kind: ItemKind::Calendar,
            title: "Platform sync".into(),
            id: 7,
            person: None,
            person_id: None,
            status: None,
            occurrence: today.and_hms_opt(15, 0, 0),
            moved: false,
            done: false,
            conflict: false,
            lasts_until: None,
        };
        let agenda = crate::ops::agenda::Agenda {
            from: today,
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
        for key in ["\n", "x", "s", "m"] {
            m.status = None;
            assert_eq!(keys(&mut m, key), vec![], "{key:?}");
            assert!(m.overlay.is_none(), "{key:?} opened a form");
            let status = m.status.as_ref().map(|s| s.text.as_str());
            assert_eq!(
                status,
                Some(crate::tui::panes::agenda::CALENDAR_READ_ONLY),
                "{key:?}"
            );
        }
    }
}

#[test]
fn midnight_moves_the_agenda_to_the_new_day_unless_the_user_looks_elsewhere() {
    let mut m = model();
    let midnight = NaiveDate::from_ymd_opt(2026, 11, 30)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let effects = update(&mut m, Msg::Tick(midnight));
    assert_eq!(m.agenda.day, Some(midnight.date()));
    assert!(
        effects.contains(&Effect::Agenda(AgendaEffect::Load {
            from: midnight.date(),
            days: 7,
            with_radar: true,
        })),
        "the new week loads with the radar of the new day: {effects:?}"
    );
    assert_eq!(
        effects,
        reload_all(&m),
        "every tab counts in days: all reload"
    );
    assert!(
        effects.contains(&Effect::LoadUpcoming),
        "and the meetings reminders look at"
    );
    // Looking at another week: the next midnight leaves the view alone, only refreshing it.
    keys(&mut m, "]]");
    let looking = m.agenda.day;
    let next = midnight + chrono::Duration::days(1);
    update(&mut m, Msg::Tick(next));
    assert_eq!(m.agenda.day, looking);
    assert_eq!(m.now, next, "the clock moves on");
}

#[test]
fn moving_through_weeks_loads_only_the_days_and_keeps_the_radar() {
    let mut m = model();
    let radar = crate::tui::testing::late_action(
        "Send the update",
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        2,
    );
    let week = |radar: Vec<RadarItem>| Agenda {
        from: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        days: 7,
        items: Vec::new(),
        radar,
    };
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Loaded {
            agenda: week(vec![radar.clone()]),
            next: None,
            with_radar: true,
            read_at: 4,
        }),
    );
    // The loaded week is the next one: the first `]` needs no load, the second does.
    let effects = keys(&mut m, "]]");
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Agenda(AgendaEffect::Load {
                with_radar: false,
                ..
            })]
        ),
        "{effects:?}"
    );
    update(
        &mut m,
        Msg::Agenda(AgendaMsg::Loaded {
            agenda: week(Vec::new()),
            next: None,
            with_radar: false,
            read_at: 4,
        }),
    );
    assert_eq!(m.agenda.data.as_ref().unwrap().radar, vec![radar]);
}
