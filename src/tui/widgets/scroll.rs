//! A column of styled lines that scrolls to keep one of them in view: the lines are wrapped
//! here (at words, keeping each span's style) rather than by the paragraph, so the scroll knows
//! which screen rows each line takes; wrapped rows keep the line's indent (its leading spaces
//! and list marks), so a long action or note reads as one item.

use super::lines::Lines;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Marks that open a list item; a wrapped row is indented past them.
const MARKS: &[char] = &['▌', '□', '✓', '•', '›', '!', '▲', '○', '◐', '●', '✗'];

/// The columns a wrapped row of `line` is indented by: its leading spaces and marks.
fn hanging_indent(line: &Line<'_>) -> usize {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    text.chars()
        .take_while(|c| c.is_whitespace() || MARKS.contains(c))
        .map(|c| c.width().unwrap_or(0))
        .sum()
}

/// The rows `line` takes at `width` (at least 1) columns, pushed onto `rows`.
fn wrap_line(line: &Line<'static>, width: usize, rows: &mut Vec<Line<'static>>) {
    if line.width() <= width {
        rows.push(line.clone());
        return;
    }
    let indent = hanging_indent(line).min(width / 2);
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in &line.spans {
        for word in span.content.split_inclusive(' ') {
            let w = word.width();
            let bare = word.trim_end().width();
            if used > indent && used + bare > width {
                rows.push(finish(std::mem::take(&mut row), line.style));
                row.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            if used + bare <= width {
                row.push(Span::styled(word.to_string(), span.style));
                used += w;
                continue;
            }
            // A word longer than a row: broken where the row ends.
            let mut piece = String::new();
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > indent {
                    row.push(Span::styled(std::mem::take(&mut piece), span.style));
                    rows.push(finish(std::mem::take(&mut row), line.style));
                    row.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                }
                piece.push(c);
                used += cw;
            }
            row.push(Span::styled(piece, span.style));
        }
    }
    if !row.is_empty() {
        rows.push(finish(row, line.style));
    }
}

/// How many rows `line` takes at `width` columns; `scratch` holds the rows of a line that wraps.
fn row_count(line: &Line<'static>, width: usize, scratch: &mut Vec<Line<'static>>) -> usize {
    if line.width() <= width {
        return 1;
    }
    scratch.clear();
    wrap_line(line, width, scratch);
    scratch.len()
}

fn finish(spans: Vec<Span<'static>>, style: Style) -> Line<'static> {
    Line::from(spans).style(style)
}

/// The first row to show so that rows `[first, end)` (the focused line) are in a view
/// `height` rows tall, with a little of what follows when there is room.
pub fn offset_for(first: usize, end: usize, height: usize, total: usize) -> usize {
    const AFTER: usize = 2;
    if height == 0 {
        return 0;
    }
    let wanted_end = (end + AFTER).min(total);
    let offset = wanted_end.saturating_sub(height);
    // A focused line taller than the view shows from its first row.
    offset.min(first)
}

/// Draws `lines` in `area` inside `block`, scrolled so the lines `focus` (the selected item,
/// perhaps several lines) are in view.
pub fn render_scrolled(
    frame: &mut Frame<'_>,
    area: Rect,
    block: Block<'_>,
    lines: &[Line<'static>],
    focus: Option<std::ops::Range<usize>>,
) {
    let inner = block.inner(area);
    let width = usize::from(inner.width).max(1);
    let height = usize::from(inner.height);
    // Each line's first row, counted without making the rows of lines that fit: only the rows
    // shown are made (a person's page can hold years of notes).
    let mut scratch = Vec::new();
    let mut starts = Vec::with_capacity(lines.len());
    let mut total = 0;
    for line in lines {
        starts.push(total);
        total += row_count(line, width, &mut scratch);
    }
    let offset = match focus {
        Some(f) if f.start < starts.len() => {
            let first = starts[f.start];
            let end = starts.get(f.end).copied().unwrap_or(total);
            offset_for(first, end, height, total)
        }
        _ => 0,
    };
    // The line the first row shown belongs to, and how many of its rows are above the view.
    let from = starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let mut skip = offset - starts.get(from).copied().unwrap_or(0);
    let mut shown: Vec<Line<'static>> = Vec::with_capacity(height);
    for line in lines.iter().skip(from) {
        if shown.len() >= height {
            break;
        }
        scratch.clear();
        wrap_line(line, width, &mut scratch);
        let above = skip.min(scratch.len());
        skip -= above;
        shown.extend(scratch.drain(above..));
    }
    shown.truncate(height);
    frame.render_widget(Lines::new(shown).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lines` wrapped to `width` columns, and the first row of each line.
    fn wrap_lines(lines: &[Line<'static>], width: usize) -> (Vec<Line<'static>>, Vec<usize>) {
        let mut rows = Vec::new();
        let mut starts = Vec::new();
        for line in lines {
            starts.push(rows.len());
            wrap_line(line, width.max(1), &mut rows);
        }
        (rows, starts)
    }

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wrapped_rows_keep_the_items_indent_and_styles() {
        let lines = vec![
            Line::from("Talking points"),
            Line::from(vec![
                Span::raw("  □ [them] "),
                Span::styled(
                    "Draft the proposal for a second rotation",
                    Style::new().bold(),
                ),
            ]),
            Line::from("short"),
        ];
        let (rows, starts) = wrap_lines(&lines, 24);
        let shown: Vec<String> = rows.iter().map(text).collect();
        assert_eq!(
            shown,
            [
                "Talking points",
                "  □ [them] Draft the ",
                "    proposal for a ",
                "    second rotation",
                "short"
            ]
        );
        assert_eq!(starts, [0, 1, 4]);
        assert_eq!(rows[2].spans[1].style, Style::new().bold());
    }

    #[test]
    fn a_word_longer_than_a_row_is_broken() {
        let (rows, _) = wrap_lines(&[Line::from("  • Supercalifragilistic")], 10);
        let shown: Vec<String> = rows.iter().map(text).collect();
        assert_eq!(shown, ["  • Superc", "    alifra", "    gilist", "    ic"]);
    }

    #[test]
    fn the_offset_keeps_the_focused_rows_and_a_little_after_in_view() {
        assert_eq!(offset_for(0, 1, 10, 50), 0);
        assert_eq!(offset_for(20, 22, 10, 50), 14);
        assert_eq!(offset_for(48, 50, 10, 50), 40);
        // Taller than the view: from its first row.
        assert_eq!(offset_for(5, 30, 10, 50), 5);
    }

    #[test]
    fn only_the_rows_shown_are_made_and_they_are_the_rows_of_the_whole_page() {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        use ratatui::widgets::{Borders, Paragraph};
        let words = [
            "a",
            "note",
            "  • ",
            "Supercalifragilistic",
            "日本",
            " ",
            "□ [me] ",
        ];
        let mut rng = fastrand::Rng::with_seed(15);
        for case in 0..400 {
            let lines: Vec<Line<'static>> = (0..rng.usize(0..30))
                .map(|_| {
                    let text: String = (0..rng.usize(0..12))
                        .map(|_| words[rng.usize(0..words.len())])
                        .collect::<Vec<_>>()
                        .join(" ");
                    Line::from(Span::styled(text, Style::new().bold()))
                })
                .collect();
            let focus = match lines.len() {
                0 => None,
                n => {
                    let start = rng.usize(0..n);
                    Some(start..rng.usize(start..=n))
                }
            };
            let (w, h) = (rng.u16(2..40), rng.u16(2..12));
            let block = || Block::default().borders(Borders::ALL);
            let mut drawn = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
            drawn
                .draw(|f| render_scrolled(f, f.area(), block(), &lines, focus.clone()))
                .unwrap_or_else(|e| panic!("{e}"));
            // The page made whole, as it was before: every row, then the offset's.
            let inner = block().inner(Rect::new(0, 0, w, h));
            let (rows, starts) = wrap_lines(&lines, usize::from(inner.width));
            let offset = match &focus {
                Some(f) if f.start < starts.len() => offset_for(
                    starts[f.start],
                    starts.get(f.end).copied().unwrap_or(rows.len()),
                    usize::from(inner.height),
                    rows.len(),
                ),
                _ => 0,
            };
            let whole: Vec<Line<'static>> = rows.into_iter().skip(offset).collect();
            let mut expected =
                Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
            expected
                .draw(|f| f.render_widget(Paragraph::new(whole.clone()).block(block()), f.area()))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                drawn.backend().buffer(),
                expected.backend().buffer(),
                "case {case}"
            );
        }
    }
}
