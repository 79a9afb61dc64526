//! The decision log as a section of `export --format md`: "what did we decide about X, when,
//! and why", newest first.

use chrono::NaiveDateTime;

use crate::ops::OpsError;
use crate::ops::objects::Object;
use crate::ops::objects::decision::{Decision, DecisionFilter, linked_words, meeting_words};
use crate::store::Store;

pub fn decisions_section(store: &Store, now: NaiveDateTime) -> Result<String, OpsError> {
    let all = Decision::list(store, &DecisionFilter::default(), now)?;
    let mut out = String::from("## Decisions\n");
    if all.is_empty() {
        out.push_str("\nNo decisions recorded.\n");
        return Ok(out);
    }
    for v in &all {
        let d = &v.decision;
        let f = &d.fields;
        out.push_str(&format!("\n### {}. {}\n\n", d.id, f.title));
        let mut facts = vec![
            format!("{}", f.status),
            f.date.format("%a %-d %b %Y").to_string(),
        ];
        if let Some(m) = &v.meeting {
            facts.push(format!("in {}", meeting_words(m)));
        }
        if !v.deciders.is_empty() {
            let names: Vec<&str> = v.deciders.iter().map(|p| p.name.as_str()).collect();
            facts.push(format!("decided by {}", names.join(", ")));
        }
        if let Some(by) = f.superseded_by {
            facts.push(format!("superseded by {by}"));
        }
        if v.pending {
            facts.push("pending".into());
        }
        out.push_str(&format!("*{}*\n", facts.join(" · ")));
        if !v.links.is_empty() {
            out.push_str(&format!("\nRelated: {}\n", linked_words(&v.links)));
        }
        for (label, text) in [
            ("Context", &f.context),
            ("Decision", &f.decision),
            ("Consequences", &f.consequences),
        ] {
            if !text.trim().is_empty() {
                out.push_str(&format!("\n**{label}:** {}\n", text.trim_end()));
            }
        }
    }
    Ok(out)
}
