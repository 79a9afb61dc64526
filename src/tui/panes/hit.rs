//! Where each list pane draws its rows, from the model and the pane's area alone: the views
//! draw with the same splits, so a click maps to the row under it without remembering frames.

use ratatui::layout::Rect;

use super::person::PeopleView;
use super::risks::RiskView;
use crate::tui::model::{Model, Tab};

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
fn table_rows(table: Rect, selected: usize) -> ListRows {
    let area = Rect {
        y: table.y.saturating_add(2),
        height: table.height.saturating_sub(2),
        ..table
    };
    let first = (selected + 1).saturating_sub(usize::from(area.height).max(1));
    ListRows { area, first }
}

/// The clickable list of the current pane, with its length and selection, if it shows one.
pub fn list_rows(model: &Model, body: Rect) -> Option<(ListRows, usize)> {
    match model.tab {
        Tab::People if model.person.view == PeopleView::List => {
            let pane = &model.people;
            let (list, _) = super::people_view::split(body);
            (!pane.rows.is_empty()).then(|| (table_rows(list, pane.selected), pane.rows.len()))
        }
        Tab::Rituals => {
            let pane = &model.rituals;
            let (list, _) = super::rituals_view::split(body);
            (!pane.rows.is_empty()).then(|| (table_rows(list, pane.selected), pane.rows.len()))
        }
        Tab::Risks if model.risks.view == RiskView::Table && !model.risks.all.is_empty() => {
            let list = &model.risks.list;
            let [_, table] = super::risks_view::header_and_body(body);
            let (table, _, _) = super::risks_view::table_split(table);
            Some((table_rows(table, list.selected), list.rows.len()))
        }
        _ => None,
    }
}

/// Puts the cursor of the current list on row `index`.
pub fn select_row(model: &mut Model, index: usize) {
    match model.tab {
        Tab::People => model.people.selected = index,
        Tab::Rituals => model.rituals.selected = index,
        Tab::Risks => model.risks.list.selected = index,
        _ => {}
    }
}
