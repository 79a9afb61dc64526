//! Panes whose features land in later releases: an honest page that says what will be there and
//! what already works, rather than an empty frame.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::model::Tab;
use crate::tui::theme::Theme;

fn purpose(tab: Tab) -> (&'static str, &'static str) {
    match tab {
        Tab::Agenda => (
            "Your week at a glance",
            "Rituals, 1:1s, goal due dates, actions and risk reviews, day by day, with a radar of what needs attention.",
        ),
        Tab::Plan => (
            "The 30/60/90-day plan",
            "Goals by phase with progress, check-ins, and the goals that are falling behind.",
        ),
        Tab::Rituals => (
            "Your operating cadence",
            "Recurring meetings, skips and moves, notes and decisions per occurrence.",
        ),
        Tab::Risks => (
            "The risk register",
            "Likelihood × impact, a heat map, reviews that come due, and the history of every score.",
        ),
        Tab::People => ("People", ""),
    }
}

pub fn render(frame: &mut Frame<'_>, area: Rect, tab: Tab, theme: &Theme) {
    let (title, body) = purpose(tab);
    let text = Text::from(vec![
        Line::default(),
        Line::from(Span::styled(title, theme.title)),
        Line::default(),
        Line::from(Span::styled(body, theme.text)),
        Line::default(),
        Line::from(Span::styled(
            "This pane is not in this build yet. People and their 1:1 cadence are: press 4.",
            theme.dim,
        )),
    ])
    .centered();
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
