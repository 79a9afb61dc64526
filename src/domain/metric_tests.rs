use super::*;

fn fields(direction: Direction, target: Option<f64>, warn: Option<Warn>) -> MetricFields {
    MetricFields {
        direction,
        target,
        warn,
        ..MetricFields::new("Deploys", Weekday::Mon)
    }
}

#[test]
fn numbers_parse_as_people_type_them() {
    let cases: &[(&str, f64)] = &[
        ("42", 42.0),
        (" -3 ", -3.0),
        ("+7", 7.0),
        ("99.5", 99.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("1,234.5", 1234.5),
        ("99.5%", 99.5),
        ("12 %", 12.0),
        ("-0", 0.0),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_number("value", text), Ok(*expected), "{text}");
    }
    assert!(parse_number("value", "-0").unwrap().is_sign_positive());
}

#[test]
fn what_is_not_a_number_is_refused_with_the_field_and_an_escaped_echo() {
    for text in [
        "abc", "1e5", "inf", "NaN", "1.2.3", "-", ".", "12abc", "0x10", "5 5", "--5",
    ] {
        let e = parse_number("value", text).unwrap_err();
        assert_eq!(e.field, Some("value"), "{text}");
        assert!(
            e.message.contains("is not a number"),
            "{text}: {}",
            e.message
        );
    }
    let e = parse_number("value", "").unwrap_err();
    assert_eq!(e.message, "a value is required: type a number");
    let e = parse_number("value", "\u{1b}[2J").unwrap_err();
    assert!(!e.message.contains('\u{1b}'), "{}", e.message);
    let e = parse_number("target", "1000000000000000").unwrap_err();
    assert!(e.message.contains("out of range"), "{}", e.message);
    assert_eq!(parse_optional("target", "  "), Ok(None));
}

#[test]
fn warnings_are_a_value_or_a_band() {
    assert_eq!(parse_warn(""), Ok(None));
    assert_eq!(parse_warn("90"), Ok(Some(Warn::At(90.0))));
    assert_eq!(parse_warn("±5"), Ok(Some(Warn::Band(5.0))));
    assert_eq!(parse_warn("+-2.5"), Ok(Some(Warn::Band(2.5))));
    assert_eq!(parse_warn("+/-1"), Ok(Some(Warn::Band(1.0))));
    assert_eq!(parse_warn("±x").unwrap_err().field, Some("warn"));
    assert_eq!(Warn::Band(5.0).text(), "±5");
    assert_eq!(Warn::At(2.25).text(), "2.25");
    assert_eq!(Warn::Band(5.0).threshold(95.0, Direction::Up), 90.0);
    assert_eq!(Warn::Band(5.0).threshold(10.0, Direction::Down), 15.0);
}

#[test]
fn numbers_show_with_at_most_two_decimals_and_their_unit() {
    for (value, unit, expected) in [
        (14.0, Unit::Count, "14"),
        (99.95, Unit::Percent, "99.95%"),
        (99.5, Unit::Percent, "99.5%"),
        (36.0, Unit::Hours, "36h"),
        (4.333, Unit::Days, "4.33d"),
        (12.4, Unit::Currency, "12.40"),
        (12.0, Unit::Currency, "12"),
        (-0.001, Unit::Score, "0"),
        (42.0, Unit::Score, "42"),
    ] {
        assert_eq!(shown(value, unit), expected);
    }
}

#[test]
fn the_warning_threshold_must_sit_between_target_and_off() {
    use Direction::{Down, Up};
    // Higher is better: warn at or below the target.
    assert!(fields(Up, Some(95.0), Some(Warn::At(90.0))).check().is_ok());
    assert!(fields(Up, Some(95.0), Some(Warn::At(95.0))).check().is_ok());
    let e = fields(Up, Some(95.0), Some(Warn::At(97.0)))
        .check()
        .unwrap_err();
    assert_eq!(e.field, Some("warn"));
    assert!(
        e.message.contains("at or below the target"),
        "{}",
        e.message
    );
    // Lower is better: warn at or above it.
    assert!(
        fields(Down, Some(10.0), Some(Warn::At(15.0)))
            .check()
            .is_ok()
    );
    let e = fields(Down, Some(10.0), Some(Warn::At(5.0)))
        .check()
        .unwrap_err();
    assert!(
        e.message.contains("at or above the target"),
        "{}",
        e.message
    );
    // A band goes either way; it must have a width.
    assert!(
        fields(Down, Some(10.0), Some(Warn::Band(2.0)))
            .check()
            .is_ok()
    );
    let e = fields(Up, Some(10.0), Some(Warn::Band(0.0)))
        .check()
        .unwrap_err();
    assert!(e.message.contains("wider than 0"), "{}", e.message);
    // A warning needs a target.
    let e = fields(Up, None, Some(Warn::At(1.0))).check().unwrap_err();
    assert!(e.message.contains("needs a target"), "{}", e.message);
}

#[test]
fn names_are_required_one_line_fields() {
    let mut f = MetricFields::new("  Lead   time ", Weekday::Mon);
    f = f.check().unwrap();
    assert_eq!(f.name, "Lead time");
    let e = MetricFields::new(" ", Weekday::Mon).check().unwrap_err();
    assert_eq!(e.field, Some("name"));
    let long = MetricFields {
        source: "s".repeat(301),
        ..MetricFields::new("x", Weekday::Mon)
    };
    assert_eq!(long.check().unwrap_err().field, Some("source"));
}

#[test]
fn words_parse_and_list_themselves() {
    assert_eq!(Unit::parse("Percent"), Ok(Unit::Percent));
    assert_eq!(Direction::parse("down"), Ok(Direction::Down));
    assert_eq!(Cadence::parse("quarterly"), Ok(Cadence::Quarterly));
    assert_eq!(MetricGroup::parse("people"), Ok(MetricGroup::People));
    assert_eq!(
        Unit::parse("furlongs").unwrap_err().message,
        "unknown unit \"furlongs\": use count, percent, hours, days, currency or score"
    );
}
