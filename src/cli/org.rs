//! `bearing person list --tree`: the org as a tree, as text or JSON.

use serde::Serialize;

use super::args::ListFormat;
use super::output::{document, print_json};
use super::{CliError, Context};
use crate::domain::org::OrgNode;
use crate::ops::people;

/// The tree's JSON form: my org, then the people outside it.
#[derive(Serialize)]
struct Tree<'a> {
    me: &'a [OrgNode],
    outside: &'a [OrgNode],
}

pub fn tree(ctx: &Context, format: ListFormat) -> Result<(), CliError> {
    let store = ctx.read()?;
    let (me, outside) = people::org_tree(&store)?;
    match format {
        ListFormat::Json => print_json(&Tree {
            me: &me,
            outside: &outside,
        }),
        ListFormat::Text => document(&tree_text(&me, &outside)),
    }
}

/// "Me" with everyone below me drawn as a tree, then the people outside my org.
pub fn tree_text(me: &[OrgNode], outside: &[OrgNode]) -> String {
    let mut out = String::from("Me\n");
    branches(me, "", &mut out);
    if me.is_empty() {
        out.push_str("└─ (no reports yet: bearing person add --name NAME)\n");
    }
    if !outside.is_empty() {
        out.push_str("\nOutside my org\n");
        branches(outside, "", &mut out);
    }
    out
}

fn branches(nodes: &[OrgNode], indent: &str, out: &mut String) {
    for (i, n) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        let about: Vec<&str> = [n.role.as_str(), n.team.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        out.push_str(&format!(
            "{indent}{} {} ({}){}\n",
            if last { "└─" } else { "├─" },
            n.name,
            n.id,
            if about.is_empty() {
                String::new()
            } else {
                format!(" — {}", about.join(", "))
            }
        ));
        let deeper = format!("{indent}{}", if last { "   " } else { "│  " });
        branches(&n.reports, &deeper, out);
    }
}
