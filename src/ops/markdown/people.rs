//! The people part of the export: each person's facts, open talking points, actions (open, then
//! done) and notes, newest first. Confidential: the file is written private.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};

use super::prep::{action_line, note_block, topic_line};
use crate::domain::one_on_one::{ActionItem, Owner};
use crate::ops::OpsError;
use crate::ops::people::{PersonOverview, list_people};
use crate::store::{Store, actions, notes, topics};

pub fn people_section(store: &Store, now: NaiveDateTime) -> Result<String, OpsError> {
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
