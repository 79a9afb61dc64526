//! The people part of the export: each person's facts, open talking points, actions (open, then
//! done) and notes, newest first. Confidential: the file is written private.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};

use super::prep::{action_line, note_block, topic_line};
use crate::domain::health::HealthRead;
use crate::domain::one_on_one::{ActionItem, Owner};
use crate::ops::OpsError;
use crate::ops::people::{PersonOverview, list_people};
use crate::store::{Store, actions, health, notes, topics};

pub fn people_section(
    store: &Store,
    now: NaiveDateTime,
    include_private: bool,
) -> Result<String, OpsError> {
    let today = now.date();
    let conn = store.conn();
    let mut out = String::from("## People\n");
    let people = list_people(store, now)?;
    if people.is_empty() {
        out.push_str("\nNo people yet.\n");
    }
    for p in &people {
        let id = p.person.id;
        out.push_str(&format!("\n### {}\n\n{}\n", p.person.name, facts(p)));
        let queued = topics::queued(conn, id)?;
        if !queued.is_empty() {
            out.push_str("\n**Open talking points**\n\n");
            for t in &queued {
                out.push_str(&topic_line(t));
            }
        }
        out.push_str(&action_list(
            &actions::for_person(conn, id, u32::MAX)?,
            today,
        ));
        if include_private {
            out.push_str(&health_list(&health::for_person(conn, id)?));
        }
        let written = notes::for_person(conn, id, None)?;
        if !written.is_empty() {
            out.push_str("\n**Notes**\n");
            for n in &written {
                out.push_str(&note_block(n, "####"));
            }
        }
    }
    let unassigned = actions::without_person(conn)?;
    if !unassigned.is_empty() {
        out.push_str("\n### Other actions\n");
        out.push_str(&action_list(&unassigned, today));
    }
    Ok(out)
}

/// The private health reads, newest first (only when the export was asked to include them).
fn health_list(reads: &[HealthRead]) -> String {
    if reads.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n**Health reads (private)**\n\n");
    for r in reads {
        out.push_str(&format!("- {}\n", health_line(r)));
    }
    out
}

/// "2026-11-20: morale 3/5, flight risk medium — quieter since the reorg".
pub fn health_line(r: &HealthRead) -> String {
    let mut line = format!(
        "{}: morale {}/5, flight risk {}",
        r.date.format("%Y-%m-%d"),
        r.morale,
        r.flight_risk
    );
    if !r.note.is_empty() {
        line.push_str(&format!(" — {}", r.note.replace('\n', " ")));
    }
    line
}

/// "Engineering Manager · Payments · report · 1:1 every week on Tuesday at 10:00".
fn facts(p: &PersonOverview) -> String {
    let person = &p.person;
    let mut parts: Vec<String> = [person.role.as_str(), person.team.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    parts.push(person.relation.as_str().to_string());
    if let Some(c) = &p.cadence {
        parts.push(format!("1:1 {c}"));
    }
    parts.join(" · ")
}

/// Open actions mine, open actions theirs, then done ones: the same lines as the prep view.
fn action_list(list: &[ActionItem], today: NaiveDate) -> String {
    let open = |owner: Owner| {
        list.iter()
            .filter(move |a| a.done_at.is_none() && a.owner == owner)
    };
    let groups: [(&str, Vec<&ActionItem>); 3] = [
        ("Open actions: mine", open(Owner::Me).collect()),
        ("Open actions: theirs", open(Owner::Them).collect()),
        (
            "Done actions",
            list.iter().filter(|a| a.done_at.is_some()).collect(),
        ),
    ];
    let mut out = String::new();
    for (title, group) in groups {
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("\n**{title}**\n\n"));
        for a in group {
            out.push_str(&action_line(a, today));
        }
    }
    out
}
