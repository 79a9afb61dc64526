//! What an undone or redone change was, in the user's words: "the 1:1 with Marcus Oyelaran on
//! Mon 23 Nov", "adding the talking point “Budget” for Priya Raman", "the change to risk 3 “If
//! CI stays flaky…”". Built from the rows the change journaled (names looked up where a row only
//! holds an id), never from the journal's table names.

use crate::store::Store;
use crate::store::history::{Change, RowChange};
use crate::store::{occurrences, people, plan, rituals};

/// Quoted text from data is cut to this many characters.
const QUOTE: usize = 40;

/// “text”, cut with "…" and with control characters blanked.
fn quoted(text: &str) -> String {
    let clean: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cut: String = clean.chars().take(QUOTE).collect();
    if cut.chars().count() < clean.chars().count() {
        format!("“{}…”", cut.trim_end())
    } else {
        format!("“{cut}”")
    }
}

fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A day as stored ("2026-11-23" or "2026-11-23T10:00:00"), as the agenda says it.
fn day(text: Option<&str>) -> Option<String> {
    let date = text?.get(..10)?;
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some(d.format("%a %-d %b").to_string())
}

/// How the rows name what they refer to: from the change's own rows first (a row it deleted
/// or added is not in the store any more, or not yet), then from the store.
struct Names<'a> {
    store: &'a Store,
    rows: &'a [RowChange],
}

impl Names<'_> {
    fn own(&self, table: &str, id: i64) -> Option<&RowChange> {
        self.rows.iter().find(|r| r.table == table && r.id == id)
    }

    fn person(&self, id: Option<i64>) -> Option<String> {
        let id = id?;
        if let Some(name) = self.own("person", id).and_then(|r| r.text("name")) {
            return Some(clean(name));
        }
        people::get(self.store.conn(), id)
            .ok()
            .flatten()
            .map(|p| clean(&p.name))
    }

    /// "the 1:1 with Marcus Oyelaran" or "“Staff meeting”".
    fn meeting(&self, ritual: Option<i64>) -> String {
        let ritual = ritual.unwrap_or_default();
        let (name, person) = match self.own("ritual", ritual) {
            Some(r) => (r.text("name").map(clean), r.int("person_id")),
            None => match rituals::get(self.store.conn(), ritual).ok().flatten() {
                Some(r) => (Some(clean(&r.fields.name)), r.fields.person_id),
                None => (None, None),
            },
        };
        match (self.person(person), name) {
            (Some(person), _) => format!("the 1:1 with {person}"),
            (None, Some(name)) => quoted(&name),
            (None, None) => "a meeting".to_string(),
        }
    }

    /// "the 1:1 with Marcus Oyelaran on Mon 23 Nov" for an occurrence row, or "a meeting".
    fn occurrence(&self, id: i64) -> String {
        if let Some(row) = self.own("occurrence", id) {
            let when = day(row.text("moved_to").or(row.text("original_start")))
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            return format!("{}{when}", self.meeting(row.int("ritual_id")));
        }
        match occurrences::meeting(self.store.conn(), id).ok().flatten() {
            Some((ritual, _, at)) => {
                format!(
                    "{} on {}",
                    self.meeting(Some(ritual)),
                    at.format("%a %-d %b")
                )
            }
            None => "a meeting".to_string(),
        }
    }

    /// "the metric “Deploys”", or "a metric" when it is gone.
    fn metric(&self, id: Option<i64>) -> String {
        let id = id.unwrap_or_default();
        let name = match self.own("metric", id) {
            Some(m) => m.text("name").map(str::to_string),
            None => crate::store::metrics::get(self.store.conn(), id)
                .ok()
                .flatten()
                .map(|m| m.fields.name),
        };
        name.map_or_else(
            || "a metric".to_string(),
            |n| format!("the metric {}", quoted(&n)),
        )
    }

    fn goal(&self, id: Option<i64>) -> String {
        let id = id.unwrap_or_default();
        let title = match self.own("goal", id) {
            Some(g) => g.text("title").map(str::to_string),
            None => plan::goal(self.store.conn(), id)
                .ok()
                .flatten()
                .map(|g| g.fields.title),
        };
        title.map_or_else(
            || "a goal".to_string(),
            |t| format!("the goal {}", quoted(&t)),
        )
    }
}

/// "for Priya Raman", or nothing when the row is nobody's.
fn for_whom(names: &Names<'_>, row: &RowChange) -> String {
    names
        .person(row.int("person_id"))
        .map(|p| format!(" for {p}"))
        .unwrap_or_default()
}

/// What the change did, as a phrase to follow "Undid: " or "Redid: ": the object saved, and
/// " (and a link)" or " (and 2 links)" when links were saved with it.
pub fn describe(store: &Store, change: &Change, rows: &[RowChange]) -> String {
    // Entries journaled before they were named for the object saved may name a link first.
    let subject = rows
        .iter()
        .find(|r| r.table == change.entity && Some(r.id) == change.entity_id)
        .filter(|r| r.table != "link")
        .or_else(|| rows.iter().find(|r| r.table != "link"))
        .or_else(|| rows.first());
    let Some(subject) = subject else {
        return super::history::describe(change);
    };
    let what = subject_words(&Names { store, rows }, change, subject, rows);
    match rows.iter().filter(|r| r.table == "link").count() {
        _ if subject.table == "link" => what,
        0 => what,
        1 => format!("{what} (and a link)"),
        n => format!("{what} (and {n} links)"),
    }
}

fn subject_words(
    names: &Names<'_>,
    change: &Change,
    subject: &RowChange,
    rows: &[RowChange],
) -> String {
    let verb = match (&subject.before, &subject.after) {
        (None, _) => Verb::Add,
        (_, None) => Verb::Delete,
        _ => Verb::Change,
    };
    // A 1:1 written up touches its meeting, the note and the topics: the note says which.
    let recorded = rows.iter().any(|r| r.table == "note" && r.before.is_none());
    match subject.table {
        "person" => verb.phrase(&clean(subject.text("name").unwrap_or("a person"))),
        "person_context" => verb.phrase(&format!(
            "the private context{}",
            names
                .person(subject.int("person_id"))
                .map(|p| format!(" on {p}"))
                .unwrap_or_default()
        )),
        "ritual" => verb.phrase(&quoted(subject.text("name").unwrap_or("a ritual"))),
        "occurrence" => {
            let meeting = names.meeting(subject.int("ritual_id"));
            let moved = matches!(subject.changed("moved_to"), Some((_, Some(to))) if !to.is_null());
            let when = day(subject.text("moved_to").or(subject.text("original_start")))
                .map(|d| format!(" {} {d}", if moved { "to" } else { "on" }))
                .unwrap_or_default();
            let what = format!("{meeting}{when}");
            if recorded {
                return format!("recording {what}");
            }
            match subject.changed("status").map(|(_, after)| after) {
                _ if moved => format!("moving {what}"),
                Some(Some(status)) if verb != Verb::Delete => {
                    format!("marking {what} {}", status.as_str().unwrap_or("scheduled"))
                }
                _ => what,
            }
        }
        // A 1:1 written up whose meeting was already marked held (by the command line, say)
        // changes no meeting row: its note, tied to the meeting, says it was recorded.
        "note" if verb == Verb::Add && subject.int("occurrence_id").is_some() => {
            format!(
                "recording {}",
                names.occurrence(subject.int("occurrence_id").unwrap_or_default())
            )
        }
        "note" => {
            let whose = names
                .person(subject.int("person_id"))
                .map(|p| format!(" on {p}"))
                .unwrap_or_default();
            let when = day(subject.text("date"))
                .map(|d| format!(" of {d}"))
                .unwrap_or_default();
            verb.phrase(&format!("the note{whose}{when}"))
        }
        "topic" => {
            let text = quoted(subject.text("body").unwrap_or_default());
            let whom = for_whom(names, subject);
            match subject.changed("discussed_at") {
                Some((_, Some(serde_json::Value::String(_)))) if verb == Verb::Change => {
                    format!("marking the talking point {text}{whom} discussed")
                }
                _ => verb.phrase(&format!("the talking point {text}{whom}")),
            }
        }
        "action_item" => {
            let text = quoted(subject.text("body").unwrap_or_default());
            match subject.changed("done_at") {
                Some((_, Some(serde_json::Value::String(_)))) if verb == Verb::Change => {
                    format!("marking the action {text} done")
                }
                Some(_) if verb == Verb::Change => format!("reopening the action {text}"),
                _ => verb.phrase(&format!("the action {text}{}", for_whom(names, subject))),
            }
        }
        "plan" => verb.phrase("the plan's start"),
        "goal" => verb.phrase(&names.goal(Some(subject.id))),
        "checkin" => format!("the check-in on {}", names.goal(subject.int("goal_id"))),
        "risk" => verb.phrase(&format!(
            "risk {} {}",
            subject.id,
            quoted(subject.text("title").unwrap_or_default())
        )),
        "metric" => verb.phrase(&names.metric(Some(subject.id))),
        "metric_value" => {
            let when = day(subject.text("period"))
                .map(|d| format!(" for the period of {d}"))
                .unwrap_or_default();
            verb.phrase(&format!(
                "the number of {}{when}",
                names.metric(subject.int("metric_id"))
            ))
        }
        "risk_review" => format!("the review of risk {}", subject.int("risk_id").unwrap_or(0)),
        "calendar_event" => verb.phrase(&format!(
            "the calendar event {}",
            quoted(subject.text("title").unwrap_or_default())
        )),
        "link" => {
            let end = |kind: &str, id: &str| {
                format!(
                    "{} {}",
                    clean(subject.text(kind).unwrap_or("object")),
                    subject.int(id).unwrap_or(0)
                )
            };
            verb.phrase(&format!(
                "the link between {} and {}",
                end("a_kind", "a_id"),
                end("b_kind", "b_id")
            ))
        }
        _ => super::history::describe(change),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Add,
    Change,
    Delete,
}

impl Verb {
    fn phrase(self, what: &str) -> String {
        match self {
            Verb::Add => format!("adding {what}"),
            Verb::Change => format!("the change to {what}"),
            Verb::Delete => format!("deleting {what}"),
        }
    }
}
