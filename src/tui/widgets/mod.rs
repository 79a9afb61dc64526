//! Reusable pieces shared by the panes.

pub mod confirm;
pub mod form;
mod form_view;
pub mod help;
pub mod list;
pub mod search;

pub use form_view::render_form;

use ratatui::layout::Rect;

/// A rectangle of at most `width`×`height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
