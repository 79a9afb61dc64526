//! The help overlay, generated from the keymap and each action's doc comment.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::lines::Lines;

use super::centered;
use crate::tui::keymap::{KeyContext, Keymap};
use crate::tui::theme::Theme;

/// The help text: one section per context, each line "keys  description".
pub fn help_lines(
    keymap: &Keymap,
    context: KeyContext,
    pane_title: &str,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let sections = [
        (context, pane_title),
        (KeyContext::List, "Lists"),
        (KeyContext::Global, "Everywhere"),
        (KeyContext::Form, "In forms"),
    ];
    for (ctx, title) in sections {
        let bindings = keymap.bindings(ctx);
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(title.to_string(), theme.title)));
        for (action, keys) in bindings {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme.key),
                Span::raw(action.description()),
            ]));
        }
    }
    lines
}

/// Draws the help; two columns when there is room, else one that scrolls from `scroll`.
pub fn render_help(
    frame: &mut Frame<'_>,
    area: Rect,
    keymap: &Keymap,
    context: KeyContext,
    pane_title: &str,
    scroll: u16,
    theme: &Theme,
) {
    let lines = help_lines(keymap, context, pane_title, theme);
    let fits = lines.len() as u16 + 2 <= area.height;
    let two_columns = !fits && area.width >= 130;
    let (width, height) = if two_columns {
        (128, (lines.len() as u16).div_ceil(2) + 3)
    } else {
        (area.width.saturating_sub(2).min(72), lines.len() as u16 + 2)
    };
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let hint = if fits || two_columns {
        " any key closes "
    } else {
        " j/k scroll · any other key closes "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::from(Span::styled(hint, theme.dim)).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if two_columns {
        // Split at a section boundary near the middle so no section is cut in two.
        let middle = lines.len() / 2;
        let split = (middle..lines.len())
            .find(|i| lines[*i].spans.is_empty())
            .unwrap_or(middle);
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(inner);
        let right: Vec<Line> = cut(lines[split..].iter().skip(1).cloned(), r.width);
        let left: Vec<Line> = cut(lines[..split].iter().cloned(), l.width);
        frame.render_widget(Lines::new(left), l);
        frame.render_widget(Lines::new(right), r);
    } else {
        let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
        frame.render_widget(
            Paragraph::new(cut(lines, inner.width)).scroll((scroll.min(max_scroll), 0)),
            inner,
        );
    }
}

/// Lines too long for `width` end in "…" instead of being cut mid-word.
fn cut(lines: impl IntoIterator<Item = Line<'static>>, width: u16) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|line| crate::tui::widgets::text::fit_line(line, usize::from(width)))
        .collect()
}
