//! The lists' tables: what ratatui's `Table` draws for one-line rows of one-span cells, cell
//! for cell (`table_tests.rs` compares the two on thousands of seeded tables), without its cost:
//! the table segments every cell's text into grapheme clusters and styles its area cell by cell
//! before it writes a character, a sixth of a frame on the large demo. A cell whose every
//! character is a cluster of its own goes character by character into the buffer; any other
//! cell is drawn by ratatui's own text.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Span, Text};
use ratatui::widgets::{Block, Widget};

use super::lines::{framed, lone_clusters, paint};

/// One row of a [`Table`]: a span a column, and the row's style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRow<'a> {
    cells: Vec<Span<'a>>,
    style: Style,
}

impl<'a> TableRow<'a> {
    pub fn new<T: Into<Span<'a>>>(cells: impl IntoIterator<Item = T>) -> Self {
        TableRow {
            cells: cells.into_iter().map(Into::into).collect(),
            style: Style::default(),
        }
    }

    #[must_use]
    pub fn style<S: Into<Style>>(mut self, style: S) -> Self {
        self.style = style.into();
        self
    }
}

/// A table with a header, columns laid out as ratatui's table lays them out, and the selected
/// row marked with a symbol and a style; rows scroll to keep the selected one in view.
pub struct Table<'a> {
    rows: Vec<TableRow<'a>>,
    widths: Vec<Constraint>,
    header: Option<TableRow<'a>>,
    block: Option<Block<'a>>,
    highlight: Style,
    symbol: &'a str,
    spacing: u16,
    selected: Option<usize>,
}

impl<'a> Table<'a> {
    pub fn new(rows: Vec<TableRow<'a>>, widths: Vec<Constraint>) -> Self {
        Table {
            rows,
            widths,
            header: None,
            block: None,
            highlight: Style::default(),
            symbol: "",
            spacing: 1,
            selected: None,
        }
    }

    #[must_use]
    pub fn header(mut self, header: TableRow<'a>) -> Self {
        self.header = Some(header);
        self
    }

    #[must_use]
    pub fn block(mut self, block: Block<'a>) -> Self {
        self.block = Some(block);
        self
    }

    #[must_use]
    pub fn row_highlight_style(mut self, style: Style) -> Self {
        self.highlight = style;
        self
    }

    #[must_use]
    pub fn highlight_symbol(mut self, symbol: &'a str) -> Self {
        self.symbol = symbol;
        self
    }

    #[must_use]
    pub fn column_spacing(mut self, spacing: u16) -> Self {
        self.spacing = spacing;
        self
    }

    #[must_use]
    pub fn selected(mut self, selected: Option<usize>) -> Self {
        self.selected = selected;
        self
    }

    /// Each column's start (from the table's left edge) and width, after `selection` columns
    /// for the mark.
    fn columns(&self, width: u16, selection: u16) -> Vec<Rect> {
        let widths = if self.widths.is_empty() {
            let count = self.column_count().max(1);
            let each = width / u16::try_from(count).unwrap_or(u16::MAX);
            vec![Constraint::Length(each); count]
        } else {
            self.widths.clone()
        };
        column_rects(width, selection, &widths, self.spacing)
    }

    fn column_count(&self) -> usize {
        (self.rows.iter().chain(&self.header))
            .map(|r| r.cells.len())
            .max()
            .unwrap_or_default()
    }

    /// The first and past-the-last rows shown in `height` rows with the selected one in view
    /// (ratatui's rule, for rows one line tall, starting from the top).
    fn shown(&self, selected: Option<usize>, height: u16) -> (usize, usize) {
        let height = usize::from(height);
        let end = self.rows.len().min(height);
        match selected {
            // Below the first screenful: it is the last row shown.
            Some(selected) if selected >= end => {
                (selected + 1 - height.min(selected + 1), selected + 1)
            }
            _ => (0, end),
        }
    }

    fn draw_cells(&self, buf: &mut Buffer, row: &TableRow<'_>, area: Rect, columns: &[Rect]) {
        for (column, cell) in columns.iter().zip(&row.cells) {
            let at = Rect::new(area.x + column.x, area.y, column.width, area.height);
            draw_cell(buf, at, cell);
        }
    }
}

impl Widget for Table<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = framed(self.block.as_ref(), area, buf);
        if inner.is_empty() {
            return;
        }
        let selected = match self.rows.len() {
            0 => None,
            n => self.selected.map(|s| s.min(n - 1)),
        };
        let symbol = Text::raw(self.symbol);
        let selection = match selected {
            Some(_) => u16::try_from(symbol.width()).unwrap_or(u16::MAX),
            None => 0,
        };
        let columns = self.columns(inner.width, selection);
        let header_height = u16::from(self.header.is_some());
        let [_, header_area, _, rows_area, _, _, _] = Layout::vertical([
            Constraint::Length(0),
            Constraint::Length(header_height),
            Constraint::Length(0),
            Constraint::Min(0),
            Constraint::Length(0),
            Constraint::Length(0),
            Constraint::Length(0),
        ])
        .areas(inner);
        if let Some(header) = &self.header {
            paint(buf, header_area, header.style);
            self.draw_cells(buf, header, header_area, &columns);
        }
        if self.rows.is_empty() {
            return;
        }
        let (start, end) = self.shown(selected, rows_area.height);
        let mut selected_area = None;
        for (i, row) in self.rows.iter().enumerate().take(end).skip(start) {
            let y = rows_area
                .y
                .saturating_add(u16::try_from(i - start).unwrap_or(u16::MAX));
            let height = y
                .saturating_add(1)
                .min(rows_area.bottom())
                .saturating_sub(y);
            let row_area = Rect {
                y,
                height,
                ..rows_area
            };
            paint(buf, row_area, row.style);
            let is_selected = selected == Some(i);
            if selection > 0 && is_selected {
                let mark = Rect {
                    width: selection,
                    ..row_area
                };
                paint(buf, mark, row.style);
                (&symbol).render(mark, buf);
            }
            self.draw_cells(buf, row, row_area, &columns);
            if is_selected {
                selected_area = Some(row_area);
            }
        }
        if let Some(row_area) = selected_area {
            paint(buf, row_area, self.highlight);
        }
    }
}

/// Each column's start (from the table's left edge) and width in a table `width` wide, as
/// ratatui's table lays them out: `selection` columns for the mark, then the columns from the
/// left, `spacing` apart.
pub fn column_rects(width: u16, selection: u16, widths: &[Constraint], spacing: u16) -> Vec<Rect> {
    let [_, columns] = Layout::horizontal([Constraint::Length(selection), Constraint::Fill(0)])
        .areas(Rect::new(0, 0, width, 1));
    Layout::horizontal(widths.iter().copied())
        .flex(Flex::Start)
        .spacing(spacing)
        .split(columns)
        .iter()
        .map(|c| Rect::new(c.x, 0, c.width, 1))
        .collect()
}

/// One cell's span in `area`, as ratatui draws a span: from the left, up to the first character
/// that does not fit, a wide character blanking the cell it covers.
fn draw_cell(buf: &mut Buffer, area: Rect, span: &Span<'_>) {
    let area = area.intersection(buf.area);
    if area.is_empty() || span.width() == 0 {
        return;
    }
    let Some(clusters) = lone_clusters(span.content.as_ref()) else {
        Text::from(span.clone()).render(area, buf);
        return;
    };
    let start = buf.index_of(area.x, area.y);
    let cells = &mut buf.content;
    let right = area.right();
    let mut x = area.x;
    for (symbol, width) in clusters {
        let next = x.saturating_add(width);
        if next > right {
            break;
        }
        let at = start + usize::from(x - area.x);
        if let Some(cell) = cells.get_mut(at) {
            cell.set_symbol(symbol).set_style(span.style);
        }
        for hidden in at + 1..at + usize::from(width) {
            if let Some(cell) = cells.get_mut(hidden) {
                cell.reset();
            }
        }
        x = next;
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
