//! Where a list pane draws its rows, from its state and area alone: the views draw with the
//! same splits, so a click maps to the row under it without remembering frames.

use ratatui::layout::Rect;

/// The rows of a list on screen: the area they fill and which row is drawn first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRows {
    pub area: Rect,
    pub first: usize,
}

impl ListRows {
    /// The index of the row drawn at screen line `y`, if one is.
    pub fn row_at(&self, x: u16, y: u16, len: usize) -> Option<usize> {
        let inside = x >= self.area.x
            && x < self.area.x + self.area.width
            && y >= self.area.y
            && y < self.area.y + self.area.height;
        let index = self.first + usize::from(y.checked_sub(self.area.y)?);
        (inside && index < len).then_some(index)
    }
}

/// A table under a top border and a header line, scrolled (as ratatui scrolls a table whose
/// offset starts at zero) just far enough to show the selected row.
pub fn table_rows(table: Rect, selected: usize) -> ListRows {
    let area = Rect {
        y: table.y.saturating_add(2),
        height: table.height.saturating_sub(2),
        ..table
    };
    let first = (selected + 1).saturating_sub(usize::from(area.height).max(1));
    ListRows { area, first }
}
