//! Markdown renderings shared by the CLI's outputs: the agenda, the 1:1 prep view, the weekly
//! report and the export document. Pure functions of data the ops layer assembled.

pub mod agenda;
mod decisions;
mod document;
mod people;
pub mod prep;
mod prep_picture;
pub mod report;
mod scorecard;

pub use document::{DocumentOptions, Section, document};

/// "#", "##", … for heading `level` (1-based).
pub fn heading(level: usize) -> String {
    "#".repeat(level.max(1))
}

/// Text made safe for one cell of a Markdown table: pipes escaped, lines joined.
pub fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// "1 risk", "3 risks", "1 person", "2 people": every count Bearing shows, in the TUI and
/// on the command line, is worded here.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let many = match noun {
        "person" => "people".to_string(),
        "entry" => "entries".to_string(),
        "context entry" => "context entries".to_string(),
        noun if noun.ends_with('s') || noun.ends_with('x') => format!("{noun}es"),
        noun => format!("{noun}s"),
    };
    format!("{n} {many}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_fold_lines() {
        assert_eq!(cell("a | b\nc\r\n  d"), "a \\| b c d");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn plurals_and_headings() {
        assert_eq!(plural(1, "goal"), "1 goal");
        assert_eq!(plural(0, "goal"), "0 goals");
        assert_eq!(plural(1, "talking point"), "1 talking point");
        assert_eq!(plural(2, "person"), "2 people");
        assert_eq!(plural(3, "box"), "3 boxes");
        assert_eq!(heading(3), "###");
        assert_eq!(heading(0), "#");
    }
}
