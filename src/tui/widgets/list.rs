//! A selectable list of rows with stable ids: the state every list pane shares, and the table
//! and detail panel they draw with.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Wrap};

use super::lines::Lines;

use super::table::{Table, TableRow, column_rects};

use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{fit, line_in_columns};

/// Rows that keep their identity across reloads.
pub trait Keyed {
    fn key(&self) -> i64;
}

const PAGE: isize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState<T> {
    pub rows: Vec<T>,
    pub selected: usize,
    /// After a save, the id to select once the list reloads.
    pub select_id: Option<i64>,
    /// False until the first load, so "empty" is not shown before the data arrives.
    pub loaded: bool,
}

impl<T> Default for ListState<T> {
    fn default() -> Self {
        ListState {
            rows: Vec::new(),
            selected: 0,
            select_id: None,
            loaded: false,
        }
    }
}

impl<T: Keyed> ListState<T> {
    /// Replaces the rows, keeping the cursor on the same row (or on `select_id`).
    pub fn set_rows(&mut self, rows: Vec<T>) {
        let keep = self
            .select_id
            .take()
            .or_else(|| self.current().map(Keyed::key));
        self.rows = rows;
        self.loaded = true;
        if let Some(i) = keep.and_then(|id| self.rows.iter().position(|r| r.key() == id)) {
            self.selected = i;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&T> {
        self.rows.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
    }

    /// Applies a movement action; false if `action` is not one.
    pub fn navigate(&mut self, action: Action) -> bool {
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(PAGE),
            Action::PageUp => self.move_by(-PAGE),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = self.rows.len().saturating_sub(1),
            _ => return false,
        }
        true
    }
}

/// Splits `area` into a list and, when at least `min_width` wide, a detail panel on the right.
pub fn with_detail(area: Rect, min_width: u16, list_percent: u16) -> (Rect, Option<Rect>) {
    if area.width < min_width {
        return (area, None);
    }
    let [list, detail] = Layout::horizontal([
        Constraint::Percentage(list_percent),
        Constraint::Percentage(100 - list_percent),
    ])
    .areas(area);
    (list, Some(detail))
}

/// The widths a [`Table`] `area_width` wide gives its columns: `highlight` columns for the
/// selection mark (one for "▌", none without a mark), then the columns from the left, one
/// space apart.
pub fn column_widths(area_width: u16, highlight: u16, widths: &[Constraint]) -> Vec<usize> {
    column_rects(area_width, highlight, widths, 1)
        .iter()
        .map(|r| usize::from(r.width))
        .collect()
}

/// A table row whose cells are cut with "…" to their columns' `widths` (see [`column_widths`])
/// rather than clipped without a sign.
pub fn fitted_row<'a>(cells: Vec<Span<'a>>, widths: &[usize]) -> TableRow<'a> {
    TableRow::new(cells.into_iter().enumerate().map(|(n, span)| {
        let width = widths.get(n).copied().unwrap_or(usize::MAX);
        Span::styled(fit(&span.content, width), span.style)
    }))
}

/// A table's header and column widths.
pub struct Columns<'a> {
    pub header: TableRow<'a>,
    pub widths: Vec<Constraint>,
}

/// A titled table with the selected row highlighted.
pub fn render_table<'a>(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    columns: Columns<'a>,
    rows: impl IntoIterator<Item = TableRow<'a>>,
    selected: usize,
    theme: &Theme,
) {
    let rows: Vec<TableRow> = rows.into_iter().collect();
    let count = rows.len();
    render_counted_table(frame, area, (title, count), columns, rows, selected, theme);
}

/// [`render_table`] with the count its title shows given: a list whose lines include group
/// headers counts its items, not its lines.
pub fn render_counted_table<'a>(
    frame: &mut Frame<'_>,
    area: Rect,
    (title, count): (&str, usize),
    columns: Columns<'a>,
    rows: Vec<TableRow<'a>>,
    selected: usize,
    theme: &Theme,
) {
    let title = Line::from(vec![
        Span::styled(format!(" {title} "), theme.title),
        Span::styled(format!("{count} "), theme.dim),
    ]);
    let table = Table::new(rows, columns.widths)
        .header(columns.header.style(theme.header))
        .row_highlight_style(theme.selected)
        .highlight_symbol("▌")
        .column_spacing(1)
        .block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme.dim)
                .title(title),
        )
        .selected(Some(selected));
    frame.render_widget(table, area);
}

/// The panel beside a list that shows the selected row.
pub fn render_detail(frame: &mut Frame<'_>, area: Rect, lines: Vec<Line<'_>>, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::LEFT | Borders::TOP)
        .border_style(theme.dim)
        .title(Span::styled(" Details ", theme.title));
    frame.render_widget(
        Lines::new(lines.into_iter().map(line_in_columns).collect::<Vec<_>>())
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// A centred message for a pane with nothing in it yet: a title and lines of advice.
pub fn render_empty(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    advice: Vec<Line<'_>>,
    theme: &Theme,
) {
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled(title.to_string(), theme.title)),
        Line::default(),
    ];
    lines.extend(advice);
    frame.render_widget(
        Lines::new(Text::from(lines).centered()).wrap(Wrap { trim: true }),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq)]
    struct Item(i64);

    impl Keyed for Item {
        fn key(&self) -> i64 {
            self.0
        }
    }

    #[test]
    fn reloads_keep_the_cursor_on_the_same_row_and_in_range() {
        let mut list = ListState::default();
        list.set_rows(vec![Item(1), Item(2), Item(3)]);
        list.navigate(Action::Bottom);
        list.set_rows(vec![Item(0), Item(3), Item(1)]);
        assert_eq!(list.current(), Some(&Item(3)));
        list.select_id = Some(0);
        list.set_rows(vec![Item(0), Item(3)]);
        assert_eq!(list.selected, 0);
        list.navigate(Action::Bottom);
        list.set_rows(vec![Item(9)]);
        assert_eq!(list.selected, 0, "clamped when rows go away");
    }

    #[test]
    fn movement_is_clamped_and_only_movement_is_handled() {
        let mut list = ListState::default();
        list.set_rows((0..25).map(Item).collect());
        assert!(list.navigate(Action::PageDown));
        assert_eq!(list.selected, 10);
        list.navigate(Action::Bottom);
        list.navigate(Action::Down);
        assert_eq!(list.selected, 24);
        list.navigate(Action::Top);
        list.navigate(Action::Up);
        assert_eq!(list.selected, 0);
        assert!(!list.navigate(Action::Add));
    }
}
