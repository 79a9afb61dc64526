//! The 1:1 prep view as Markdown, and the action and talking-point lines the export shares.

use chrono::NaiveDate;

use crate::domain::one_on_one::{ActionItem, Note, Topic};
use crate::ops::one_on_ones::Prep;

/// "- [ ] body — due Fri 27 Nov" (or overdue, or ticked with the day it was done).
pub fn action_line(a: &ActionItem, today: NaiveDate) -> String {
    if let Some(done) = a.done_at {
        return format!("- [x] {} — done {}\n", a.body, done.format("%a %-d %b"));
    }
    let due = match a.due {
        Some(d) if a.is_overdue(today) => {
            format!(" — **overdue** since {}", d.format("%a %-d %b"))
        }
        Some(d) => format!(" — due {}", d.format("%a %-d %b")),
        None => String::new(),
    };
    format!("- [ ] {}{due}\n", a.body)
}

pub fn topic_line(t: &Topic) -> String {
    format!("- [ ] {}\n", t.body)
}

/// A dated note under a heading of its own.
pub fn note_block(n: &Note, heading: &str) -> String {
    format!(
        "\n{heading} {}\n\n{}\n",
        n.date.format("%a %-d %b %Y"),
        n.body.trim_end()
    )
}

/// The prep view as Markdown, for pasting or printing; private health reads only when asked.
pub fn prep_markdown(prep: &Prep, today: NaiveDate, include_private: bool) -> String {
    let p = &prep.person.person;
    let mut out = format!("# 1:1 with {}\n\n", p.name);
    let facts: Vec<&str> = [p.role.as_str(), p.team.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !facts.is_empty() {
        out.push_str(&format!("{}\n\n", facts.join(" · ")));
    }
    match prep.next {
        Some(t) => out.push_str(&format!(
            "**Next 1:1:** {}{}\n",
            t.format("%A %-d %B %H:%M"),
            prep.duration_min
                .map(|m| format!(" ({m} min)"))
                .unwrap_or_default()
        )),
        None => out.push_str("**Next 1:1:** none scheduled\n"),
    }
    if let Some(last) = prep.person.stats.last {
        out.push_str(&format!(
            "**Last 1:1:** {} ({})\n",
            last.format("%a %-d %b"),
            crate::domain::dates::distance_in_days(last.date(), today)
        ));
    }
    out.push_str("\n## Talking points\n\n");
    if prep.topics.is_empty() {
        out.push_str("_None queued._\n");
    }
    for t in &prep.topics {
        out.push_str(&topic_line(t));
    }
    for (title, list) in [
        ("Open actions: mine", &prep.mine),
        ("Open actions: theirs", &prep.theirs),
    ] {
        out.push_str(&format!("\n## {title}\n\n"));
        if list.is_empty() {
            out.push_str("_None._\n");
        }
        for a in list {
            out.push_str(&action_line(a, today));
        }
    }
    out.push_str(&super::prep_picture::picture_markdown(
        &prep.picture,
        today,
        include_private,
    ));
    out.push_str("\n## Last notes\n");
    if prep.last_notes.is_empty() {
        out.push_str("\n_No notes yet._\n");
    }
    for n in &prep.last_notes {
        out.push_str(&note_block(n, "###"));
    }
    out.push_str("\n## Prompts\n\n");
    for q in &prep.prompts {
        out.push_str(&format!("- {q}\n"));
    }
    out
}
