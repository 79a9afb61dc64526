use super::*;

#[test]
fn lines_fold_whitespace_and_stop_at_the_limit() {
    assert_eq!(line("name", "  Ada \t Lovelace\n").unwrap(), "Ada Lovelace");
    assert_eq!(line("name", "").unwrap(), "");
    assert!(line("name", &"x".repeat(LINE_MAX)).is_ok());
    let err = line("name", &"x".repeat(LINE_MAX + 1)).unwrap_err();
    assert_eq!(err.field, Some("name"));
    assert_eq!(
        err.message,
        format!(
            "the name is too long: {} characters, at most {LINE_MAX}",
            LINE_MAX + 1
        )
    );
}

#[test]
fn limits_count_characters_not_bytes() {
    // 300 three-byte characters fit a line; the folded spaces of a long paste do not count.
    assert!(line("title", &"日".repeat(LINE_MAX)).is_ok());
    assert!(line("title", &format!("a{}b", " ".repeat(5_000))).is_ok());
    assert!(body("notes", &"é".repeat(BODY_MAX)).is_ok());
    assert!(body("notes", &"é".repeat(BODY_MAX + 1)).is_err());
}

#[test]
fn bodies_keep_their_lines_and_trim_the_end() {
    assert_eq!(body("agenda", "a\n  b\n\n").unwrap(), "a\n  b");
    assert_eq!(body("agenda", "").unwrap(), "");
    let err = body("mitigation", &"x".repeat(BODY_MAX + 1)).unwrap_err();
    assert_eq!(err.field, Some("mitigation"));
    assert!(
        err.message.contains(&format!("at most {BODY_MAX}")),
        "{err}"
    );
}

#[test]
fn required_fields_say_what_is_missing() {
    let err = required_line("name", " \t ").unwrap_err();
    assert_eq!(
        (err.field, err.message.as_str()),
        (Some("name"), "a name is required")
    );
    let err = required_body("note", "\n  \n").unwrap_err();
    assert_eq!(
        (err.field, err.message.as_str()),
        (Some("note"), "the note is empty")
    );
    assert_eq!(required_body("note", "  hi \n").unwrap(), "hi");
}

#[test]
fn messages_name_the_field_in_words() {
    let err = line("accept_reason", &"x".repeat(LINE_MAX + 1)).unwrap_err();
    assert_eq!(err.field, Some("accept_reason"));
    assert!(
        err.message.starts_with("the accept reason is too long"),
        "{err}"
    );
}

#[test]
fn outside_titles_are_cut_to_fit_not_refused() {
    assert_eq!(fit_line(" Weekly\nsync "), "Weekly sync");
    let long = "x".repeat(LINE_MAX * 3);
    let cut = fit_line(&long);
    assert_eq!(cut.chars().count(), LINE_MAX);
    assert!(cut.ends_with('…'));
    assert!(line("title", &cut).is_ok());
}

#[test]
fn each_kind_has_its_limit() {
    assert_eq!(TextKind::Line.max_chars(), LINE_MAX);
    assert_eq!(TextKind::Body.max_chars(), BODY_MAX);
}
