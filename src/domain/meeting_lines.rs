//! What a meeting's notes ask to follow through: lines that become records when the meeting is
//! saved.
//!
//! - `decided: Use Postgres for billing` → a decision made in the meeting;
//! - `@Aisha: send the runbook due fri` → an action Aisha owes;
//! - `them: …` → an action the 1:1's person owes (only in a 1:1);
//! - `me: …` → an action I owe.
//!
//! A leading `- ` or `* ` is allowed. Once recorded, the line is marked (`… [decision 12]`,
//! `… [action 7]`) so saving again records nothing twice; a marked line is left alone.

use chrono::NaiveDate;

use super::Invalid;
use super::one_on_one::{Owner, parse_action_line};
use super::text;
use super::word::one_of;

/// A line to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Follow {
    Decision {
        title: String,
    },
    Action {
        owner: Owner,
        person: Option<i64>,
        body: String,
        due: Option<NaiveDate>,
    },
}

/// A line of the text (0-based) and what it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowLine {
    pub line: usize,
    pub follow: Follow,
}

/// Where the lines are read: the people they may name, the 1:1's person (for `them:`), and the
/// day relative dates are read from.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    pub people: &'a [(i64, String)],
    pub one_on_one: Option<i64>,
    pub today: NaiveDate,
}

/// The marker a recorded line ends with, if it has one.
pub fn is_marked(line: &str) -> bool {
    let line = line.trim_end();
    let Some(open) = line.rfind(" [") else {
        return false;
    };
    let inner = &line[open + 2..];
    let Some(inner) = inner.strip_suffix(']') else {
        return false;
    };
    let mut words = inner.split(' ');
    matches!(
        (words.next(), words.next(), words.next()),
        (Some("decision" | "action"), Some(n), None) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty()
    )
}

fn prefixed<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| line[prefix.len()..].trim_start())
}

fn person<'a>(name: &str, people: &'a [(i64, String)]) -> Result<&'a (i64, String), String> {
    let wanted = name.trim().to_lowercase();
    let exact: Vec<&(i64, String)> = people
        .iter()
        .filter(|(_, n)| n.to_lowercase() == wanted)
        .collect();
    let first_name: Vec<&(i64, String)> = people
        .iter()
        .filter(|(_, n)| {
            n.to_lowercase()
                .split_whitespace()
                .next()
                .is_some_and(|f| f == wanted)
        })
        .collect();
    let part: Vec<&(i64, String)> = people
        .iter()
        .filter(|(_, n)| n.to_lowercase().contains(&wanted))
        .collect();
    let found = [exact, first_name, part]
        .into_iter()
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    match found.as_slice() {
        [one] => Ok(one),
        [] => {
            let all: Vec<&str> = people.iter().map(|(_, n)| n.as_str()).collect();
            Err(if all.is_empty() {
                format!(
                    "no person is called \"{}\": there are no people yet",
                    name.trim()
                )
            } else {
                format!(
                    "no person is called \"{}\": did you mean {}?",
                    name.trim(),
                    one_of(&all)
                )
            })
        }
        several => {
            let names: Vec<&str> = several.iter().map(|(_, n)| n.as_str()).collect();
            Err(format!(
                "\"{}\" could be {}: write more of the name",
                name.trim(),
                one_of(&names)
            ))
        }
    }
}

/// Reads one line; None when it records nothing.
fn read_line(line: &str, r: &Reading<'_>) -> Result<Option<Follow>, String> {
    if is_marked(line) {
        return Ok(None);
    }
    let mut text = line.trim();
    for bullet in ["- ", "* "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            text = rest.trim_start();
        }
    }
    if let Some(rest) = prefixed(text, "decided:") {
        let title = text::line("title", rest).map_err(|e| e.message)?;
        if title.is_empty() {
            return Err("\"decided:\" needs what was decided after it".into());
        }
        return Ok(Some(Follow::Decision { title }));
    }
    let action = |rest: &str, owner: Owner, person: Option<i64>| {
        let parsed = parse_action_line(rest, r.today).map_err(|e| e.message)?;
        Ok(Some(Follow::Action {
            owner,
            person,
            body: parsed.body,
            due: parsed.due,
        }))
    };
    if let Some(rest) = text.strip_prefix('@')
        && let Some(colon) = rest.find(':')
    {
        let (name, body) = (&rest[..colon], &rest[colon + 1..]);
        let (id, _) = person(name, r.people)?;
        return action(body, Owner::Them, Some(*id));
    }
    if let Some(rest) = prefixed(text, "them:") {
        let Some(id) = r.one_on_one else {
            return Err(
                "\"them:\" is for a 1:1; in a group meeting name who owes it: @Name: …".into(),
            );
        };
        return action(rest, Owner::Them, Some(id));
    }
    if let Some(rest) = prefixed(text, "me:") {
        return action(rest, Owner::Me, r.one_on_one);
    }
    Ok(None)
}

/// Every line of `text` that records something. The first bad line is refused with its
/// number, on `field`: nothing is recorded then.
pub fn follow_lines(
    field: &'static str,
    text: &str,
    r: &Reading<'_>,
) -> Result<Vec<FollowLine>, Invalid> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match read_line(line, r) {
            Ok(Some(follow)) => out.push(FollowLine { line: i, follow }),
            Ok(None) => {}
            Err(message) => {
                return Err(Invalid::field(field, format!("line {}: {message}", i + 1)));
            }
        }
    }
    Ok(out)
}

/// `text` with `marks` (line, marker) appended to their lines: `… [decision 12]`.
pub fn marked(text: &str, marks: &[(usize, String)]) -> String {
    let mut out: Vec<String> = text.lines().map(str::to_string).collect();
    for (line, mark) in marks {
        if let Some(l) = out.get_mut(*line) {
            let trimmed = l.trim_end().to_string();
            *l = format!("{trimmed} [{mark}]");
        }
    }
    out.join("\n")
}

#[cfg(test)]
#[path = "meeting_lines_tests.rs"]
mod tests;
