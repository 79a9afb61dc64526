//! Reusable pieces shared by the panes.

pub mod confirm;
pub mod form;
mod form_field;
mod form_view;
pub mod fuzzy;
pub mod help;
pub mod lines;
pub mod list;
pub mod palette;
pub mod pinned;
pub mod scroll;
pub mod search;
pub mod table;
pub mod text;
mod wrap;

pub use form_view::render_form;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};

use crate::tui::theme::Theme;

/// Clears `popup` and frames it with a rounded border, a title and a hint at the bottom right;
/// returns the inside. The look every searching overlay shares.
pub fn render_popup(
    frame: &mut Frame<'_>,
    popup: Rect,
    title: &str,
    hint: &str,
    theme: &Theme,
) -> Rect {
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .title(Span::styled(format!(" {title} "), theme.title))
        .title_bottom(Line::from(Span::styled(format!(" {hint} "), theme.dim)).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    inner
}

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
