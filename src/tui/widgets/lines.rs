//! Lines that are not scrolled, drawn as ratatui's `Paragraph` draws them, cut or wrapped at
//! words, cell for cell (`lines_tests.rs` compares the two on thousands of seeded inputs), at a
//! fraction of its cost: the paragraph splits every span into grapheme clusters and gathers each line into a
//! vector before it writes a cell, which was a third of a frame on the large demo. Here a span
//! whose every character is a cluster of its own (ASCII, Bearing's marks and box drawing, most
//! text) goes character by character straight into the buffer's row; other spans still go by
//! the paragraph's own grapheme clusters.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, StyledGrapheme, Text};
use ratatui::widgets::{Block, Widget, Wrap};

use super::wrap::WordWrapper;

/// What `Paragraph::new(text)` with an optional block, style, alignment and wrap draws, for text
/// that is not scrolled. Use it wherever such a paragraph would do.
pub struct Lines<'a> {
    text: Text<'a>,
    block: Option<Block<'a>>,
    style: Style,
    alignment: Alignment,
    /// Wrapped at words (`Some(trim)`) or cut at the edge.
    wrap: Option<bool>,
}

impl<'a> Lines<'a> {
    pub fn new<T: Into<Text<'a>>>(text: T) -> Self {
        let text = text.into();
        let alignment = text.alignment.unwrap_or(Alignment::Left);
        Lines {
            text,
            block: None,
            style: Style::default(),
            alignment,
            wrap: None,
        }
    }

    #[must_use]
    pub fn wrap(mut self, wrap: Wrap) -> Self {
        self.wrap = Some(wrap.trim);
        self
    }

    #[must_use]
    pub fn block(mut self, block: Block<'a>) -> Self {
        self.block = Some(block);
        self
    }

    #[must_use]
    pub fn style<S: Into<Style>>(mut self, style: S) -> Self {
        self.style = style.into();
        self
    }

    #[must_use]
    pub fn alignment(mut self, alignment: Alignment) -> Self {
        self.alignment = alignment;
        self
    }

    #[must_use]
    pub fn centered(self) -> Self {
        self.alignment(Alignment::Center)
    }

    #[must_use]
    pub fn right_aligned(self) -> Self {
        self.alignment(Alignment::Right)
    }
}

impl Widget for Lines<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        paint(buf, area, self.style);
        let inner = framed(self.block.as_ref(), area, buf);
        if inner.is_empty() {
            return;
        }
        paint(buf, inner, self.style);
        if let Some(trim) = self.wrap {
            draw_wrapped(buf, inner, &self.text, self.alignment, trim);
            return;
        }
        for (y, line) in (inner.y..inner.bottom()).zip(&self.text.lines) {
            let alignment = line.alignment.unwrap_or(self.alignment);
            draw_line(buf, inner, y, line, self.text.style, alignment);
        }
    }
}

/// `text` wrapped at words into `area`'s rows, as the paragraph wraps it.
fn draw_wrapped(buf: &mut Buffer, area: Rect, text: &Text<'_>, alignment: Alignment, trim: bool) {
    let lines = text.lines.iter().map(|line| {
        let mut clusters = Vec::new();
        each_of(line, text.style.patch(line.style), |symbol, _, style| {
            clusters.push(StyledGrapheme::new(symbol, style));
            true
        });
        (clusters, line.alignment.unwrap_or(alignment))
    });
    let mut rows = WordWrapper::new(lines, area.width, trim);
    for y in area.top()..area.bottom() {
        let Some((clusters, width, alignment)) = rows.next_line() else {
            break;
        };
        let row = buf.index_of(area.x, y);
        // The paragraph's wrapping can make a row wider than the area (a wide character after
        // narrow ones in a word two columns wide): it then writes past the area's edge, and
        // panics past the buffer's. This writes past the area as it does, never past the buffer.
        let room = buf.area.right().saturating_sub(area.x);
        let mut x = offset(width, area.width, alignment);
        for cluster in clusters {
            let width = cluster.symbol.cell_width();
            if width == 0 {
                continue;
            }
            if x < room
                && let Some(cell) = buf.content.get_mut(row + usize::from(x))
            {
                cell.set_symbol(cluster.symbol).set_style(cluster.style);
            }
            x = x.saturating_add(width);
        }
    }
}

/// Draws `block` (if any) in `area`; returns what is inside it.
pub(super) fn framed(block: Option<&Block<'_>>, area: Rect, buf: &mut Buffer) -> Rect {
    match block {
        Some(block) => {
            block.render(area, buf);
            block.inner(area)
        }
        None => area,
    }
}

/// `Buffer::set_style`, row by row instead of cell by cell: a style that sets nothing changes
/// nothing and is not applied at all.
pub(super) fn paint(buf: &mut Buffer, area: Rect, style: Style) {
    let area = area.intersection(buf.area);
    if style == Style::default() || area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        let start = buf.index_of(area.x, y);
        if let Some(row) = buf.content.get_mut(start..start + usize::from(area.width)) {
            for cell in row {
                cell.set_style(style);
            }
        }
    }
}

/// One line in row `y` of `area`, truncated at its width as the paragraph truncates: a cluster
/// wider than the whole row is left out, the line ends at the first that does not fit.
fn draw_line(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    line: &Line<'_>,
    text_style: Style,
    alignment: Alignment,
) {
    let base = text_style.patch(line.style);
    let max = area.width;
    let mut x = match alignment {
        Alignment::Left => 0,
        _ => {
            let mut shown = 0;
            each_cluster(line, base, max, |_, width, _| shown += width);
            offset(shown, max, alignment)
        }
    };
    let row = buf.index_of(area.x, y);
    let cells = &mut buf.content;
    each_cluster(line, base, max, |symbol, width, style| {
        // Zero-width clusters count for nothing and are not drawn, as in the paragraph.
        if width > 0 {
            if let Some(cell) = cells.get_mut(row + usize::from(x)) {
                cell.set_symbol(symbol).set_style(style);
            }
            x += width;
        }
    });
}

/// Where a line `width` columns wide starts in a row `max` wide (the paragraph's rule).
fn offset(width: u16, max: u16, alignment: Alignment) -> u16 {
    match alignment {
        Alignment::Center => (max / 2).saturating_sub(width / 2),
        Alignment::Right => max.saturating_sub(width),
        Alignment::Left => 0,
    }
}

/// Calls `shown` with each cluster of `line` that a row `max` columns wide shows, its width and
/// its style; control characters are left out, as ratatui's spans leave them out.
fn each_cluster<'a>(
    line: &'a Line<'_>,
    base: Style,
    max: u16,
    mut shown: impl FnMut(&'a str, u16, Style),
) {
    let mut used: u16 = 0;
    // False once a cluster does not fit: the line ends there.
    each_of(line, base, |symbol, width, style| {
        if width > max {
            return true;
        }
        if used.saturating_add(width) > max {
            return false;
        }
        used += width;
        shown(symbol, width, style);
        true
    });
}

/// Calls `take` with each cluster of `line`, its width and its style (`base` patched with its
/// span's), control characters left out as ratatui's spans leave them out, until it returns
/// false.
fn each_of<'a>(line: &'a Line<'_>, base: Style, mut take: impl FnMut(&'a str, u16, Style) -> bool) {
    for span in &line.spans {
        let text: &'a str = span.content.as_ref();
        if let Some(clusters) = lone_clusters(text) {
            let style = base.patch(span.style);
            for (symbol, width) in clusters {
                if !take(symbol, width, style) {
                    return;
                }
            }
        } else {
            for cluster in span.styled_graphemes(base) {
                // The paragraph writes a space for an empty cluster; there are none here.
                if !take(cluster.symbol, cluster.symbol.cell_width(), cluster.style) {
                    return;
                }
            }
        }
    }
}

/// The clusters of `text` and their widths, without control characters (ratatui leaves them
/// out), when every character is a cluster of its own (a test checks the ranges against the
/// segmentation ratatui uses); `None` when it must be segmented.
pub(super) fn lone_clusters(text: &str) -> Option<impl Iterator<Item = (&str, u16)>> {
    if !text.chars().all(|c| c.is_ascii() || stands_alone(c)) {
        return None;
    }
    Some(text.char_indices().filter_map(|(i, c)| {
        let symbol = text.get(i..i + c.len_utf8())?;
        match c {
            _ if c.is_control() => None,
            _ if c.is_ascii() => Some((symbol, 1)),
            _ => Some((symbol, symbol.cell_width())),
        }
    }))
}

/// Characters that are a grapheme cluster of their own whatever stands beside them, so long
/// as nothing beside them joins or extends (Unicode's Grapheme_Cluster_Break "Other"): the
/// letters, punctuation, symbols, arrows, box drawing, shapes and CJK characters Bearing's
/// screens are made of. Marks that combine, joiners, variation selectors, format characters,
/// Hangul syllables and the halfwidth sound marks are not among them.
fn stands_alone(c: char) -> bool {
    matches!(
        c,
        '\u{a0}'..='\u{ac}'
            | '\u{ae}'..='\u{2ff}'
            | '\u{370}'..='\u{482}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205f}'
            | '\u{2070}'..='\u{20cf}'
            | '\u{2100}'..='\u{2bff}'
            | '\u{3041}'..='\u{3096}'
            | '\u{30a1}'..='\u{30fa}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ff01}'..='\u{ff9d}'
    )
}

#[cfg(test)]
#[path = "lines_tests.rs"]
pub(super) mod tests;
