//! Fitting text into columns, for every list, table and panel: wrapping at words (textwrap,
//! display-width aware) and cutting with "…" where text does not fit.
//!
//! Every function here first shows text as a column shows it ([`in_columns`]): controls, bidi
//! controls and invisible characters become one-column marks and the joiners are left out, so the
//! width measured here is the width the terminal draws. Measured raw, a zero-width character
//! takes no room in the layout, yet some terminals draw it as a space or a box, and a mark for it
//! is one column wide: either way the rest of its row would be pushed over.

use ratatui::text::{Line, Span};
use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::terminal_safe::in_columns;

/// `text` wrapped at words into lines of at most `width` columns; a word longer than a line is
/// broken across lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1)).break_words(true);
    textwrap::wrap(in_columns(text).trim(), options)
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// At most `max_lines` wrapped lines; when text is left over, the last line ends in "…".
pub fn wrap_at_most(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(text, width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last}…"), width);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    lines
}

/// One line of at most `width` columns, ending in "…" when it had to be cut.
pub fn fit(text: &str, width: usize) -> String {
    let text = in_columns(text);
    if text.width() <= width {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// A line of styled spans cut to `width` columns, ending in "…" where text was cut.
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    let line = line_in_columns(line);
    if line.width() <= width {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let room = width.saturating_sub(used);
        let w = span.content.width();
        if w < room {
            used += w;
            spans.push(span);
            continue;
        }
        // Text follows this span: even one that fits exactly is cut to show the "…".
        let text = format!("{}…", span.content);
        spans.push(Span::styled(fit(&text, room), span.style));
        break;
    }
    Line {
        spans,
        ..Line::default()
    }
    .style(line.style)
}

/// `line` with each span's text shown as a column shows it ([`in_columns`]).
pub fn line_in_columns(mut line: Line<'_>) -> Line<'_> {
    for span in &mut line.spans {
        if let Cow::Owned(shown) = in_columns(&span.content) {
            span.content = Cow::Owned(shown);
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_styled_line_is_cut_with_an_ellipsis_and_keeps_its_styles() {
        let bold = ratatui::style::Style::default().bold();
        let line = Line::from(vec![
            Span::styled("abc", bold),
            Span::raw(" · next today 11:00"),
        ]);
        let cut = fit_line(line.clone(), 10);
        assert_eq!(cut.to_string(), "abc · nex…");
        assert_eq!(cut.width(), 10);
        assert_eq!(cut.spans[0].style, bold);
        assert_eq!(fit_line(line.clone(), 3).to_string(), "ab…");
        assert_eq!(fit_line(line.clone(), 80), line);
    }

    #[test]
    fn wrapping_breaks_at_words_and_breaks_words_too_long_for_a_line() {
        assert_eq!(
            wrap("If Tomás leaves, then nobody else can change it", 20),
            ["If Tomás leaves,", "then nobody else can", "change it"]
        );
        assert_eq!(wrap("short", 20), ["short"]);
        assert!(wrap("", 20).is_empty());
        assert_eq!(
            wrap("Supercalifragilistic", 8),
            ["Supercal", "ifragili", "stic"]
        );
    }

    #[test]
    fn what_does_not_fit_ends_in_an_ellipsis() {
        assert_eq!(
            wrap_at_most("Monthly business review", 20, 2),
            ["Monthly business", "review"]
        );
        assert_eq!(wrap_at_most("a b c", 20, 2), ["a b c"]);
        assert_eq!(
            wrap_at_most("Draft the proposal for a second on-call rotation", 20, 2),
            ["Draft the proposal", "for a second on-cal…"]
        );
        assert_eq!(
            wrap_at_most("Supercalifragilistic", 8, 2),
            ["Supercal", "ifragil…"]
        );
        assert_eq!(fit("李小龍 Bruce", 6), "李小…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abc", 0), "");
    }
}
