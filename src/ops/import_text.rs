//! The text fields of each table, with their kind and whether they must hold something, so
//! `bearing import` holds every row to the limits the forms and the flags hold it to
//! (`domain::text`): an imported name of 5,000 characters, or an empty one, would otherwise be
//! stored and then refuse every edit in the TUI.

use crate::domain::text::{TextKind, check_stored};

/// Table, column, the field's name in messages, its kind, and whether it is required.
type TextColumn = (&'static str, &'static str, &'static str, TextKind, bool);

const LINE: TextKind = TextKind::Line;
const BODY: TextKind = TextKind::Body;

/// Every column a user's text goes in. Other text columns hold dates, enumerations, rules or
/// identifiers that the schema's constraints and the import's read-back check, or Bearing's own
/// bookkeeping (`change_log`, `meta`); an imported calendar's `source` is a file's path and
/// its `uid` the file's, which the one-line limit does not fit.
const TEXT_COLUMNS: &[TextColumn] = &[
    ("person", "name", "name", LINE, true),
    ("person", "role", "role", LINE, false),
    ("person", "team", "team", LINE, false),
    ("person", "career_goals", "career_goals", BODY, false),
    ("person", "context", "context", BODY, false),
    ("person", "prompts", "prompts", BODY, false),
    ("person_context", "body", "text", BODY, true),
    ("health_read", "note", "note", BODY, false),
    ("ritual", "name", "name", LINE, true),
    ("ritual", "attendees", "attendees", BODY, false),
    ("ritual", "agenda", "agenda", BODY, false),
    ("ritual", "location", "location", LINE, false),
    ("occurrence", "notes", "notes", BODY, false),
    ("occurrence", "decisions", "decisions", BODY, false),
    ("occurrence", "agenda_done", "agenda_done", BODY, false),
    ("note", "body", "note", BODY, true),
    ("topic", "body", "topic", BODY, true),
    ("action_item", "body", "action", BODY, true),
    ("plan", "title", "title", LINE, false),
    ("goal", "title", "title", LINE, true),
    ("goal", "description", "description", BODY, false),
    ("goal", "criteria", "criteria", BODY, false),
    ("checkin", "note", "note", BODY, false),
    ("metric", "name", "name", LINE, true),
    ("metric", "source", "source", LINE, false),
    ("metric", "team", "team", LINE, false),
    ("metric_value", "note", "note", BODY, false),
    ("risk", "title", "title", LINE, true),
    ("risk", "owner", "owner", LINE, false),
    ("risk", "mitigation", "mitigation", BODY, false),
    ("risk", "trigger_text", "trigger", LINE, false),
    ("risk", "accept_reason", "accept_reason", LINE, false),
    ("risk_review", "note", "note", BODY, false),
    ("calendar_event", "title", "title", LINE, true),
    ("decision", "title", "title", LINE, true),
    ("decision", "context", "context", BODY, false),
    ("decision", "decision", "decision", BODY, false),
    ("decision", "consequences", "consequences", BODY, false),
];

/// Checks `value` of `table.column` against its field's policy. The message names the field and
/// the limit (never the content); `Ok` for columns that are not a user's text.
pub(super) fn check(
    table: &str,
    column: &str,
    value: &rusqlite::types::Value,
) -> Result<(), String> {
    let Some(&(_, _, field, kind, required)) = TEXT_COLUMNS
        .iter()
        .find(|(t, c, ..)| *t == table && *c == column)
    else {
        return Ok(());
    };
    // Other values (null, numbers) are left to the schema: its NOT NULL refuses a missing one.
    match value {
        rusqlite::types::Value::Text(text) => {
            check_stored(field, kind, required, text).map_err(|e| e.message)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Text columns that are not a user's text, named so that a new column must be placed.
    const NOT_FIELDS: &[(&str, &str)] = &[
        ("person", "deleting"),
        ("person", "relation"),
        ("person", "created_at"),
        ("person", "updated_at"),
        ("person_context", "date"),
        ("person_context", "kind"),
        ("health_read", "date"),
        ("health_read", "flight_risk"),
        ("calendar_event", "rdates"),
        ("calendar_event", "first_day"),
        ("calendar_event", "last_day"),
        ("ritual", "rrule"),
        ("ritual", "dtstart"),
        ("ritual", "week_start"),
        ("ritual", "created_at"),
        ("ritual", "updated_at"),
        ("occurrence", "original_start"),
        ("occurrence", "status"),
        ("occurrence", "moved_to"),
        ("note", "date"),
        ("note", "created_at"),
        ("note", "updated_at"),
        ("topic", "created_at"),
        ("topic", "discussed_at"),
        ("action_item", "owner"),
        ("action_item", "due"),
        ("action_item", "done_at"),
        ("action_item", "created_at"),
        ("plan", "start_date"),
        ("plan", "created_at"),
        ("goal", "status"),
        ("goal", "confidence"),
        ("goal", "due"),
        ("goal", "created_at"),
        ("goal", "updated_at"),
        ("checkin", "date"),
        ("checkin", "kind"),
        ("checkin", "confidence"),
        ("metric", "unit"),
        ("metric", "direction"),
        ("metric", "cadence"),
        ("metric", "week_start"),
        ("metric", "metric_group"),
        ("metric", "created_at"),
        ("metric", "updated_at"),
        ("metric_value", "period"),
        ("metric_value", "created_at"),
        ("metric_value", "updated_at"),
        ("risk", "category"),
        ("risk", "response"),
        ("risk", "status"),
        ("risk", "next_review"),
        ("risk", "accept_expiry"),
        ("risk", "created_at"),
        ("risk", "updated_at"),
        ("risk_review", "date"),
        ("calendar_event", "source"),
        ("calendar_event", "uid"),
        ("calendar_event", "start"),
        ("calendar_event", "end_at"),
        ("calendar_event", "rrule"),
        ("calendar_event", "exdates"),
        ("calendar_event", "recurrence_id"),
        ("decision", "date"),
        ("decision", "status"),
        ("decision", "created_at"),
        ("decision", "updated_at"),
        ("decision_person", "role"),
        ("link", "a_kind"),
        ("link", "b_kind"),
        ("link", "created_at"),
    ];

    #[test]
    fn every_text_column_of_every_table_is_placed() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        for table in crate::store::dump::TABLES {
            if ["change_log", "meta"].contains(table) {
                continue;
            }
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_table_info(?1) WHERE type = 'TEXT'")
                .unwrap();
            let columns: Vec<String> = stmt
                .query_map([table], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for column in columns {
                let listed = TEXT_COLUMNS
                    .iter()
                    .any(|(t, c, ..)| t == table && *c == column);
                let exempt = NOT_FIELDS.iter().any(|(t, c)| t == table && *c == column);
                assert!(
                    listed != exempt,
                    "{table}.{column}: listed {listed}, exempt {exempt}"
                );
            }
        }
    }

    #[test]
    fn limits_and_required_fields_are_the_forms_ones() {
        use rusqlite::types::Value;
        let text = |s: &str| Value::Text(s.to_string());
        assert_eq!(
            check("person", "name", &text(&"n".repeat(5_000))),
            Err("the name is too long: 5000 characters, at most 300".into())
        );
        assert_eq!(
            check("person", "name", &text("  ")),
            Err("a name is required".into())
        );
        assert_eq!(
            check("note", "body", &text("")),
            Err("the note is empty".into())
        );
        assert_eq!(
            check("risk", "trigger_text", &text(&"t".repeat(301))),
            Err("the trigger is too long: 301 characters, at most 300".into())
        );
        assert!(check("person", "role", &text("")).is_ok());
        assert!(check("note", "body", &text(&"b".repeat(20_000))).is_ok());
        assert!(check("ritual", "rrule", &text(&"x".repeat(5_000))).is_ok());
    }
}
