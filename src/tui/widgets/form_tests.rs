use super::*;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn type_text(form: &mut Form, text: &str) {
    for c in text.chars() {
        assert_eq!(
            form.handle_key(key(KeyCode::Char(c))),
            FormOutcome::Continue
        );
    }
}

fn sample() -> Form {
    Form::new("Test")
        .text("name", "Name", "", "")
        .multiline("notes", "Notes", "", "")
        .date("due", "Due", "", true, "")
        .choice(
            "kind",
            "Kind",
            vec!["alpha".into(), "beta".into(), "gamma".into()],
            0,
        )
        .number("minutes", "Minutes", 30, 5, 240)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn typing_edits_the_focused_field_and_tab_moves_on() {
    let mut form = sample();
    type_text(&mut form, "Ada");
    assert_eq!(form.value("name"), "Ada");
    form.handle_key(key(KeyCode::Tab));
    type_text(&mut form, "one");
    assert_eq!(form.value("notes"), "one");
    assert_eq!(form.value("name"), "Ada");
    form.handle_key(key(KeyCode::BackTab));
    form.handle_key(key(KeyCode::BackTab));
    assert_eq!(
        form.focus,
        form.fields.len() - 1,
        "shift-tab wraps to the last field"
    );
}

#[test]
fn enter_saves_from_a_one_line_field_but_breaks_lines_in_a_multiline_one() {
    let mut form = sample();
    assert_eq!(form.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
    form.handle_key(key(KeyCode::Tab));
    type_text(&mut form, "a");
    assert_eq!(form.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    type_text(&mut form, "b");
    assert_eq!(form.value("notes"), "a\nb");
    assert_eq!(form.handle_key(ctrl('s')), FormOutcome::Submit);
}

#[test]
fn one_line_fields_never_gain_a_newline() {
    let mut form = sample();
    type_text(&mut form, "x");
    form.handle_key(ctrl('m'));
    form.handle_key(ctrl('j'));
    assert_eq!(form.value("name"), "x");
}

#[test]
fn esc_cancels_a_clean_form_but_asks_on_a_dirty_one() {
    let mut form = sample();
    assert_eq!(form.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
    type_text(&mut form, "z");
    assert_eq!(form.handle_key(key(KeyCode::Esc)), FormOutcome::Continue);
    assert!(form.confirming_discard);
    assert_eq!(
        form.handle_key(key(KeyCode::Char('n'))),
        FormOutcome::Continue
    );
    assert_eq!(form.value("name"), "z", "declining keeps the edits");
    form.handle_key(key(KeyCode::Esc));
    assert_eq!(
        form.handle_key(key(KeyCode::Char('y'))),
        FormOutcome::Cancel
    );
}

#[test]
fn choices_cycle_with_arrows_and_jump_by_letter() {
    let mut form = sample();
    form.focus = 3;
    form.handle_key(key(KeyCode::Right));
    assert_eq!(form.value("kind"), "beta");
    form.handle_key(key(KeyCode::Left));
    form.handle_key(key(KeyCode::Left));
    assert_eq!(form.value("kind"), "gamma");
    form.handle_key(key(KeyCode::Char('a')));
    assert_eq!(form.choice_index("kind"), 0);
}

#[test]
fn numbers_take_only_digits_and_are_range_checked() {
    let mut form = sample();
    form.focus = 4;
    form.handle_key(key(KeyCode::Backspace));
    form.handle_key(key(KeyCode::Backspace));
    type_text(&mut form, "9x9");
    assert_eq!(form.value("minutes"), "99");
    assert_eq!(form.number_value("minutes").unwrap(), 99);
    type_text(&mut form, "9");
    let err = form.number_value("minutes").unwrap_err();
    assert_eq!(err.field, Some("minutes"));
    assert!(err.message.contains("5 to 240"), "{}", err.message);
}

#[test]
fn dates_accept_relative_forms_and_reject_garbage_on_the_field() {
    let mut form = sample();
    assert_eq!(
        form.date_value("due", today()).unwrap(),
        None,
        "optional and empty"
    );
    form.focus = 2;
    type_text(&mut form, "+3d");
    assert_eq!(
        form.date_value("due", today()).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 26)
    );
    type_text(&mut form, "x");
    let err = form.check_inputs(today()).unwrap_err();
    assert_eq!(err.field, Some("due"));
}

#[test]
fn show_error_focuses_the_field_and_editing_it_clears_the_message() {
    let mut form = sample();
    form.show_error(&Invalid::field("due", "bad date"));
    assert_eq!(form.focus, 2);
    assert_eq!(form.error, Some((Some(2), "bad date".into())));
    type_text(&mut form, "t");
    assert_eq!(form.error, None);
}

#[test]
fn changed_tracks_each_field_against_its_opening_value() {
    let mut form = sample();
    assert!(!form.changed("name"));
    type_text(&mut form, "q");
    assert!(form.changed("name"));
    assert!(!form.changed("kind"));
    form.handle_key(key(KeyCode::Backspace));
    assert!(!form.changed("name"));
    assert!(!form.is_dirty());
}

#[test]
fn a_number_field_just_entered_takes_the_typed_value_in_place_of_its_own() {
    let mut form = sample();
    for _ in 0..4 {
        form.handle_key(key(KeyCode::Tab));
    }
    assert_eq!(form.focus, 4);
    assert!(form.replaces_on_type());
    type_text(&mut form, "70");
    assert_eq!(form.value("minutes"), "70", "not 3070");
    assert!(!form.replaces_on_type());
    // Once in the field, typing adds to it; back in it later, it replaces again.
    type_text(&mut form, "5");
    assert_eq!(form.value("minutes"), "705");
    form.handle_key(key(KeyCode::Tab));
    form.handle_key(key(KeyCode::BackTab));
    type_text(&mut form, "45");
    assert_eq!(form.value("minutes"), "45");
    // Moving in the value first keeps it: then digits are inserted.
    form.handle_key(key(KeyCode::Tab));
    form.handle_key(key(KeyCode::BackTab));
    form.handle_key(key(KeyCode::Left));
    type_text(&mut form, "1");
    assert_eq!(form.value("minutes"), "415");
    // Ctrl-U clears it.
    form.handle_key(ctrl('u'));
    assert_eq!(form.value("minutes"), "");
}

fn people_picker() -> Form {
    Form::new("Pick").text("text", "Topic", "", "").pick(
        "person",
        "For",
        vec![
            "Aisha Bello".into(),
            "Marcus Oyelaran".into(),
            "Maria Ortiz".into(),
            "Priya Raman".into(),
        ],
        0,
    )
}

#[test]
fn a_person_picker_filters_as_you_type_instead_of_jumping_to_an_initial() {
    let mut form = people_picker();
    form.handle_key(key(KeyCode::Tab));
    type_text(&mut form, "oye");
    assert_eq!(form.value("person"), "Marcus Oyelaran");
    assert_eq!(form.choice_index("person"), 1);
    form.handle_key(ctrl('u'));
    assert_eq!(
        form.value("person"),
        "Marcus Oyelaran",
        "Ctrl-U keeps the choice"
    );
    // "ma" matches Marcus, Maria and Priya Raman: → steps through the matches only.
    type_text(&mut form, "ma");
    let first = form.value("person");
    form.handle_key(key(KeyCode::Right));
    let second = form.value("person");
    assert_ne!(first, second);
    assert_ne!(second, "Aisha Bello");
    // Letters that are also choice keys (h, l) are typed, not taken as ←/→.
    form.handle_key(ctrl('u'));
    type_text(&mut form, "bell");
    assert_eq!(form.value("person"), "Aisha Bello");
}

/// Space goes on with a name being typed ("ma ort" was read "maort"); before anything is typed
/// it still steps the choice.
#[test]
fn a_space_in_a_name_being_typed_is_typed() {
    let mut form = people_picker();
    form.handle_key(key(KeyCode::Tab));
    type_text(&mut form, "ma ort");
    assert_eq!(
        form.focused().map(|f| f.query()),
        Some("ma ort".to_string())
    );
    assert_eq!(form.value("person"), "Maria Ortiz");
}

#[test]
fn a_picker_that_matches_nothing_is_not_saved_with_a_stale_choice() {
    let mut form = people_picker();
    form.handle_key(key(KeyCode::Tab));
    type_text(&mut form, "prya");
    assert_eq!(form.value("person"), "Priya Raman", "typos are forgiven");
    type_text(&mut form, "zzz");
    assert_eq!(form.value("person"), "");
    assert_eq!(form.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    let (field, message) = form.error.clone().unwrap();
    assert_eq!(field, Some(1));
    assert!(message.contains("nothing matches \"pryazzz\""), "{message}");
    for _ in 0..3 {
        form.handle_key(key(KeyCode::Backspace));
    }
    assert_eq!(form.error, None);
    assert_eq!(form.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
}

#[test]
fn a_form_taller_than_the_screen_scrolls_to_the_focused_field() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut form = Form::new("Many").multiline("note", "Note", "", "");
    for i in 0..30 {
        form = form.check_owned("topic", i, format!("topic number {i}"), false);
    }
    form = form.multiline("actions", "New actions", "", "");
    let theme = crate::tui::theme::Theme::default();
    let draw = |form: &Form| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| super::super::render_form(f, f.area(), form, today(), &theme))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..24)
            .map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let top = draw(&form);
    assert!(top.contains("topic number 0"), "{top}");
    assert!(top.contains("▼"), "{top}");
    form.focus = form.fields.len() - 1;
    let bottom = draw(&form);
    assert!(bottom.contains("New actions"), "{bottom}");
    assert!(bottom.contains("topic number 29"), "{bottom}");
    assert!(bottom.contains("▲"), "{bottom}");
    assert!(!bottom.contains("topic number 0 "), "{bottom}");
}

#[test]
fn a_long_refusal_wraps_onto_the_line_below_instead_of_being_cut() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut form = sample();
    let why = "Tue 2027-06-01 is 188 days from now; a 1:1 is recorded once it has happened \
               (at most 7 days ahead, for one held early)";
    form.show_error(&Invalid::field("due", why));
    let theme = crate::tui::theme::Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| super::super::render_form(f, f.area(), &form, today(), &theme))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let screen: String = (0..24)
        .map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    let flat: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("for one held early)"), "{screen}");
}

#[test]
fn a_links_field_offers_what_it_is_given_as_it_opens_but_its_own_object() {
    let mut form = Form::new("Goal").text("title", "Title", "", "").links(
        "links",
        "Links",
        Some("goal:3".into()),
        vec!["risk:1 Vendor".into()],
    );
    assert!(form.has_links());
    assert!(!Form::new("Plain").text("t", "T", "", "").has_links());
    form.offer(&[
        "person:1 Priya".to_string(),
        "goal:3 Ship v2".to_string(),
        "goal:31 Hire".to_string(),
        "risk:1 Vendor".to_string(),
    ]);
    let FieldKind::Links(options) = &form.fields[1].kind else {
        panic!("not a links field");
    };
    assert_eq!(
        options,
        &["person:1 Priya", "goal:31 Hire", "risk:1 Vendor"]
    );
    assert_eq!(
        form.fields[1].picked,
        ["risk:1 Vendor"],
        "what it held stays"
    );
}
