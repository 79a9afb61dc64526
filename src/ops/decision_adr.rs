//! `decision export --format adr -o DIR`: one Markdown file per decision (`0007-use-postgres.md`,
//! MADR headings), for a team to commit beside its code.
//!
//! Bearing knows its own files by their first line, a marker naming the decision
//! (`<!-- bearing:decision 7 … -->`). A re-export finds each decision's file by that marker (so a
//! renamed decision updates the file it wrote before, under its old name) and replaces it; a
//! file at a target name without the marker — one a person wrote — is never replaced: the
//! export refuses before writing anything, unless `force`. Files go through `output_file` (a
//! private temporary renamed into place, never through a symbolic link).

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::OpsError;
use super::objects::decision::{DecisionView, meeting_words};
use crate::domain::terminal_safe::terminal_safe;
use crate::output_file::{OutputError, Policy, create_private_dir, write_file};

/// The first line of every file Bearing writes here starts with this, then the number.
pub const MARKER: &str = "<!-- bearing:decision ";

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdrSummary {
    pub written: Vec<PathBuf>,
    /// Files it wrote before and replaced with the same content (nothing changed).
    pub unchanged: usize,
}

/// `use-postgres-for-billing`: lowercase ASCII letters and digits, dashes between words, at most
/// 50 characters; "decision" when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 50 {
            break;
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "decision".into()
    } else {
        trimmed.to_string()
    }
}

/// The file name a decision gets when it has none yet.
pub fn file_name(v: &DecisionView) -> String {
    format!("{}-{}.md", v.number, slug(&v.decision.fields.title))
}

/// The decision number in a file's marker line, if it is one of Bearing's.
pub fn marker_of(first_line: &str) -> Option<i64> {
    let rest = first_line.strip_prefix(MARKER)?;
    let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if !rest[number.len()..].starts_with(' ') {
        return None;
    }
    number.parse().ok()
}

/// The first line of a regular file (at most 200 bytes read); None for anything else.
fn first_line(path: &Path) -> Option<String> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    let mut head = Vec::new();
    fs::File::open(path)
        .ok()?
        .take(200)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    Some(text.lines().next().unwrap_or_default().to_string())
}

/// The files in `dir` Bearing wrote, by decision number.
fn ours(dir: &Path) -> Result<HashMap<i64, PathBuf>, OpsError> {
    let mut found = HashMap::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(source) => return Err(io(dir, source)),
    };
    for entry in entries {
        let path = entry.map_err(|source| io(dir, source))?.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        if let Some(n) = first_line(&path).as_deref().and_then(marker_of) {
            found.entry(n).or_insert(path);
        }
    }
    Ok(found)
}

fn io(path: &Path, source: std::io::Error) -> OpsError {
    OpsError::from(OutputError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn link(id: i64, all: &[DecisionView], names: &HashMap<i64, PathBuf>) -> String {
    let file = names
        .get(&id)
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let title = all
        .iter()
        .find(|v| v.decision.id == id)
        .map(|v| format!(" {}", v.decision.fields.title))
        .unwrap_or_default();
    match file {
        Some(f) => format!("[{id:04}{title}]({f})"),
        None => format!("{id:04}{title}"),
    }
}

/// One decision as an ADR in MADR's shape. `names` gives the file of every decision exported.
pub fn adr_markdown(
    v: &DecisionView,
    all: &[DecisionView],
    names: &HashMap<i64, PathBuf>,
) -> String {
    let d = &v.decision;
    let f = &d.fields;
    let mut out = format!(
        "{MARKER}{} (written by Bearing; `bearing decision export` replaces this file) -->\n",
        d.id
    );
    out.push_str(&format!("# {}. {}\n\n", d.id, f.title));
    out.push_str(&format!("- Status: {}\n", f.status));
    out.push_str(&format!("- Date: {}\n", f.date));
    let people = |list: &[super::objects::decision::Named]| {
        list.iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !v.deciders.is_empty() {
        out.push_str(&format!("- Deciders: {}\n", people(&v.deciders)));
    }
    if !v.consultees.is_empty() {
        out.push_str(&format!("- Consulted: {}\n", people(&v.consultees)));
    }
    if let Some(m) = &v.meeting {
        out.push_str(&format!("- Meeting: {}\n", meeting_words(m)));
    }
    if !v.links.is_empty() {
        out.push_str(&format!(
            "- Related: {}\n",
            super::objects::decision::linked_words(&v.links)
        ));
    }
    for old in &d.supersedes {
        out.push_str(&format!("- Supersedes: {}\n", link(*old, all, names)));
    }
    if let Some(by) = f.superseded_by {
        out.push_str(&format!("- Superseded by: {}\n", link(by, all, names)));
    }
    for (heading, text) in [
        ("Context and Problem Statement", &f.context),
        ("Decision Outcome", &f.decision),
        ("Consequences", &f.consequences),
    ] {
        if !text.trim().is_empty() {
            out.push_str(&format!("\n## {heading}\n\n{}\n", text.trim_end()));
        }
    }
    // Control characters are shown as marks, as in every Markdown Bearing writes.
    terminal_safe(&out).into_owned()
}

/// Writes every decision in `all` to `dir` (created private if missing). Refuses, writing
/// nothing, when a target name is taken by a file Bearing did not write (unless `force`).
pub fn export_adr(
    all: &[DecisionView],
    dir: &Path,
    force: bool,
    database: &Path,
) -> Result<AdrSummary, OpsError> {
    if fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) {
        return Err(OpsError::Refused(format!(
            "{} is not a folder: -o names the folder the decision files go in",
            dir.display()
        )));
    }
    let existing = ours(dir)?;
    let mut names: HashMap<i64, PathBuf> = HashMap::new();
    for v in all {
        let path = existing
            .get(&v.decision.id)
            .cloned()
            .unwrap_or_else(|| dir.join(file_name(v)));
        names.insert(v.decision.id, path);
    }
    // Every target is checked before anything is written.
    for (v, path) in all
        .iter()
        .filter_map(|v| Some((v, names.get(&v.decision.id)?)))
    {
        let theirs = fs::symlink_metadata(path).is_ok()
            && first_line(path).as_deref().and_then(marker_of) != Some(v.decision.id);
        if theirs && !force {
            return Err(OpsError::Refused(format!(
                "{} exists and Bearing did not write it (its first line is not Bearing's \
                 marker): nothing was exported; move it away, or pass --force to replace it",
                path.display()
            )));
        }
    }
    create_private_dir(dir).map_err(|source| io(dir, source))?;
    let mut summary = AdrSummary::default();
    for (v, path) in all
        .iter()
        .filter_map(|v| Some((v, names.get(&v.decision.id)?)))
    {
        let text = adr_markdown(v, all, &names);
        if fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
            summary.unchanged += 1;
            continue;
        }
        let policy = Policy {
            replace: true,
            database: Some(database),
        };
        write_file(path, text.as_bytes(), policy)?;
        summary.written.push(path.clone());
    }
    Ok(summary)
}

#[cfg(test)]
#[path = "decision_adr_tests.rs"]
mod tests;
