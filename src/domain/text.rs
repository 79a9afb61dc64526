//! The one policy for text fields. Every field a user can type is one of two kinds, checked here
//! with a message that names the field and the limit:
//!
//! - a **line** (names, titles, role, team, owner, location, a risk's trigger): one line, runs of
//!   whitespace folded into one space, at most [`LINE_MAX`] characters;
//! - a **body** (notes, talking points, actions, descriptions, agendas, attendees, mitigation,
//!   private context): several lines, trailing whitespace trimmed, at most [`BODY_MAX`]
//!   characters.
//!
//! Characters are Unicode scalar values. Text from outside that nobody typed (an imported
//! calendar's titles) is cut to fit with [`fit_line`] instead of being refused.

use super::Invalid;

/// The longest a one-line field may be, in characters.
pub const LINE_MAX: usize = 300;
/// The longest a multi-line field may be, in characters (about 3,000 words).
pub const BODY_MAX: usize = 20_000;

/// The two kinds of text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Line,
    Body,
}

impl TextKind {
    pub fn max_chars(self) -> usize {
        match self {
            TextKind::Line => LINE_MAX,
            TextKind::Body => BODY_MAX,
        }
    }
}

/// "accept_reason" → "accept reason", for messages.
fn label(field: &str) -> String {
    field.replace('_', " ")
}

fn within(field: &'static str, kind: TextKind, text: String) -> Result<String, Invalid> {
    let max = kind.max_chars();
    let count = text.chars().count();
    if count > max {
        return Err(too_long(field, count, max));
    }
    Ok(text)
}

/// A one-line field: whitespace folded, at most [`LINE_MAX`] characters. May be empty.
pub fn line(field: &'static str, text: &str) -> Result<String, Invalid> {
    within(field, TextKind::Line, collapse_spaces(text))
}

/// A one-line field that must not be empty.
pub fn required_line(field: &'static str, text: &str) -> Result<String, Invalid> {
    let text = line(field, text)?;
    if text.is_empty() {
        return Err(Invalid::field(
            field,
            format!("a {} is required", label(field)),
        ));
    }
    Ok(text)
}

/// A multi-line field: trailing whitespace trimmed, at most [`BODY_MAX`] characters. May be
/// empty.
pub fn body(field: &'static str, text: &str) -> Result<String, Invalid> {
    within(field, TextKind::Body, text.trim_end().to_string())
}

/// A multi-line field that must hold something: trimmed at both ends, not empty.
pub fn required_body(field: &'static str, text: &str) -> Result<String, Invalid> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Invalid::field(
            field,
            format!("the {} is empty", label(field)),
        ));
    }
    within(field, TextKind::Body, trimmed.to_string())
}

/// Text as stored (by an import, say), checked without changing it: at most `kind`'s limit, and
/// not blank when `required`. The messages are those of the functions above.
pub fn check_stored(
    field: &'static str,
    kind: TextKind,
    required: bool,
    text: &str,
) -> Result<(), Invalid> {
    if required && text.trim().is_empty() {
        let message = match kind {
            TextKind::Line => format!("a {} is required", label(field)),
            TextKind::Body => format!("the {} is empty", label(field)),
        };
        return Err(Invalid::field(field, message));
    }
    let max = kind.max_chars();
    let count = text.chars().count();
    if count > max {
        return Err(too_long(field, count, max));
    }
    Ok(())
}

fn too_long(field: &'static str, count: usize, max: usize) -> Invalid {
    Invalid::field(
        field,
        format!(
            "the {} is too long: {count} characters, at most {max}",
            label(field)
        ),
    )
}

/// Outside text for a one-line field: folded, and cut to [`LINE_MAX`] characters with `…` at
/// the end when longer. For data the user cannot fix where it comes from.
pub fn fit_line(text: &str) -> String {
    let folded = collapse_spaces(text);
    if folded.chars().count() <= LINE_MAX {
        return folded;
    }
    let mut cut: String = folded.chars().take(LINE_MAX - 1).collect();
    cut.push('…');
    cut
}

/// Trims and folds runs of whitespace (including tabs and newlines) into single spaces, so a name
/// pasted from elsewhere cannot smuggle layout-breaking characters into one-line fields.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !w.chars().all(char::is_control))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "text_policy_tests.rs"]
mod policy_tests;
