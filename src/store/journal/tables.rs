//! The closed set of tables and columns the journal may name. Every identifier in the journal's
//! SQL (its triggers, its row images, undo and redo) is one of these `&'static str`s, never a
//! string read from a stored entry: an entry naming anything else is refused as damaged.
//!
//! A migration that adds a column to one of these tables must add it here too (a test compares
//! this list with the migrated schema).

/// One journaled table and its columns, in schema order; `id` is the first.
#[derive(Debug, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

/// All user data but the journal itself and `meta`, parents before children. The full-text
/// index is not one of them: its own triggers follow the rows undo puts back.
pub const TABLES: &[Table] = &[
    Table {
        name: "person",
        columns: &[
            "id",
            "name",
            "role",
            "team",
            "relation",
            "career_goals",
            "context",
            "prompts",
            "created_at",
            "updated_at",
            "reports_to",
            "deleting",
        ],
    },
    Table {
        name: "person_context",
        columns: &["id", "person_id", "date", "kind", "body"],
    },
    Table {
        name: "health_read",
        columns: &["id", "person_id", "date", "morale", "flight_risk", "note"],
    },
    Table {
        name: "ritual",
        columns: &[
            "id",
            "name",
            "rrule",
            "dtstart",
            "duration_min",
            "week_start",
            "person_id",
            "attendees",
            "agenda",
            "prep_min",
            "location",
            "previous_id",
            "created_at",
            "updated_at",
        ],
    },
    Table {
        name: "occurrence",
        columns: &[
            "id",
            "ritual_id",
            "original_start",
            "status",
            "moved_to",
            "notes",
            "decisions",
            "agenda_done",
        ],
    },
    Table {
        name: "note",
        columns: &[
            "id",
            "person_id",
            "occurrence_id",
            "date",
            "body",
            "created_at",
            "updated_at",
        ],
    },
    Table {
        name: "topic",
        columns: &[
            "id",
            "person_id",
            "body",
            "created_at",
            "discussed_at",
            "note_id",
        ],
    },
    Table {
        name: "action_item",
        columns: &[
            "id",
            "person_id",
            "occurrence_id",
            "owner",
            "body",
            "due",
            "done_at",
            "created_at",
        ],
    },
    Table {
        name: "metric",
        columns: &[
            "id",
            "name",
            "unit",
            "direction",
            "target",
            "warn",
            "warn_band",
            "cadence",
            "week_start",
            "owner_id",
            "source",
            "team",
            "metric_group",
            "position",
            "created_at",
            "updated_at",
        ],
    },
    Table {
        name: "metric_value",
        columns: &[
            "id",
            "metric_id",
            "period",
            "value",
            "note",
            "created_at",
            "updated_at",
        ],
    },
    Table {
        name: "plan",
        columns: &["id", "title", "start_date", "created_at"],
    },
    Table {
        name: "goal",
        columns: &[
            "id",
            "plan_id",
            "phase",
            "title",
            "description",
            "criteria",
            "status",
            "progress",
            "confidence",
            "due",
            "person_id",
            "risk_id",
            "ritual_id",
            "position",
            "created_at",
            "updated_at",
            "metric_id",
            "metric_target",
        ],
    },
    Table {
        name: "checkin",
        columns: &[
            "id",
            "goal_id",
            "date",
            "kind",
            "progress",
            "confidence",
            "note",
            "metric_value",
        ],
    },
    Table {
        name: "risk",
        columns: &[
            "id",
            "title",
            "category",
            "likelihood",
            "impact",
            "owner",
            "response",
            "status",
            "mitigation",
            "trigger_text",
            "next_review",
            "residual_likelihood",
            "residual_impact",
            "accept_reason",
            "accept_expiry",
            "created_at",
            "updated_at",
            "owner_id",
        ],
    },
    Table {
        name: "risk_review",
        columns: &["id", "risk_id", "date", "likelihood", "impact", "note"],
    },
    Table {
        name: "calendar_event",
        columns: &[
            "id",
            "source",
            "uid",
            "title",
            "start",
            "end_at",
            "all_day",
            "rrule",
            "exdates",
            "recurrence_id",
            "rdates",
            "duration",
            "cancelled",
            "first_day",
            "last_day",
        ],
    },
    Table {
        name: "decision",
        columns: &[
            "id",
            "title",
            "date",
            "status",
            "context",
            "decision",
            "consequences",
            "occurrence_id",
            "superseded_by",
            "created_at",
            "updated_at",
        ],
    },
    Table {
        name: "decision_person",
        columns: &["id", "decision_id", "person_id", "role"],
    },
    Table {
        name: "link",
        columns: &["id", "a_kind", "a_id", "b_kind", "b_id", "created_at"],
    },
];

/// The journaled table called `name`, if there is one.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// Columns a later migration added, NULL when added: an image written before (a journal entry, an
/// export's change log) holds the row as it was then, without them, and means NULL.
const ADDED_LATER: &[(&str, &str)] = &[
    ("person", "reports_to"),
    ("risk", "owner_id"),
    ("person", "deleting"),
];

impl Table {
    /// Whether `column` came with a later migration, NULL in rows written before it.
    pub fn added_later(&self, column: &str) -> bool {
        ADDED_LATER.contains(&(self.name, column))
    }

    /// Where column `name` sits in [`Table::columns`], if the table has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == name)
    }

    /// `json_object('id', p."id", …)` over every column, the row read through alias `p` (one of
    /// the journal's own: `old`, `t`).
    pub fn image_expr(&self, p: &'static str) -> String {
        let pairs: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("'{c}', {p}.\"{c}\""))
            .collect();
        format!("json_object({})", pairs.join(", "))
    }

    /// `"a", "b", …`: the column list for a SELECT or an INSERT.
    pub fn column_list(&self) -> String {
        let quoted: Vec<String> = self.columns.iter().map(|c| format!("\"{c}\"")).collect();
        quoted.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, dump};

    #[test]
    fn the_closed_set_is_the_migrated_schema() {
        let store = Store::open_in_memory().unwrap();
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        let expected: Vec<&str> = dump::TABLES
            .iter()
            .copied()
            .filter(|t| !matches!(*t, "change_log" | "meta"))
            .collect();
        assert_eq!(names, expected);
        for table in TABLES {
            let mut stmt = store
                .conn()
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
                .unwrap();
            let columns: Vec<String> = stmt
                .query_map([table.name], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(columns, table.columns, "{}", table.name);
            assert_eq!(table.columns.first(), Some(&"id"), "{}", table.name);
        }
    }

    #[test]
    fn identifiers_are_plain_words() {
        // The SQL quotes them, but nothing here should ever need quoting.
        for table in TABLES {
            for word in std::iter::once(&table.name).chain(table.columns) {
                assert!(
                    word.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{word}"
                );
            }
        }
        assert!(table("person\" WHERE 1=1 --").is_none());
        assert_eq!(table("note").and_then(|t| t.column("body")), Some(4));
    }
}
