//! A yes/no question over the current screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Wrap};

use super::lines::Lines;

use super::centered;
use crate::tui::theme::Theme;

pub fn render_confirm(frame: &mut Frame<'_>, area: Rect, message: &str, theme: &Theme) {
    let width = 60.min(area.width.saturating_sub(2)).max(20);
    let text_rows = (message.chars().count() as u16 / width.saturating_sub(4).max(1)) + 1;
    let popup = centered(area, width, text_rows + 4);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.warning)
        .title(Span::styled(" Confirm ", theme.warning));
    let lines = vec![
        Line::from(message.to_string()),
        Line::default(),
        Line::from(vec![
            Span::styled("y", theme.key),
            Span::styled(" yes   ", theme.dim),
            Span::styled("n", theme.key),
            Span::styled("/", theme.dim),
            Span::styled("Esc", theme.key),
            Span::styled(" no", theme.dim),
        ]),
    ];
    frame.render_widget(
        Lines::new(lines).wrap(Wrap { trim: true }).block(block),
        popup,
    );
}
