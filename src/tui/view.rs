//! Draws the whole screen from the model: a pure function of `&Model`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::model::{Model, Overlay, StatusKind, Tab};
use super::panes;
use super::widgets::confirm::render_confirm;
use super::widgets::help::render_help;
use super::widgets::{centered, render_form};

/// Smallest terminal the layout is designed for; below it a polite notice replaces the panes.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

pub fn view(model: &Model, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area, model);
        return;
    }
    let banner = u16::from(model.read_only);
    let [tabs, banner_area, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(frame, tabs, model);
    if model.read_only {
        frame.render_widget(
            Paragraph::new(
                " READ-ONLY: this database file cannot be written; changes are disabled.",
            )
            .style(model.theme.banner),
            banner_area,
        );
    }
    let body = Rect {
        y: body.y + 1,
        height: body.height.saturating_sub(1),
        ..body
    };
    match model.tab {
        Tab::People => panes::render_people(frame, body, model),
        other => panes::coming::render(frame, body, other, &model.theme),
    }
    render_status(frame, status, model);
    match &model.overlay {
        None => {}
        Some(Overlay::Help(scroll)) => render_help(
            frame,
            area,
            &model.keymap,
            model.tab.context(),
            model.tab.title(),
            *scroll,
            &model.theme,
        ),
        Some(Overlay::Form { form, .. }) => {
            render_form(frame, area, form, model.today(), &model.theme)
        }
        Some(Overlay::Confirm { message, .. }) => {
            render_confirm(frame, area, message, &model.theme)
        }
    }
}

fn render_tabs(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let theme = &model.theme;
    let mut spans = vec![Span::styled(" ◆ Bearing ", theme.title), Span::raw(" ")];
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let style = if *tab == model.tab {
            theme.tab_active
        } else {
            theme.tab_inactive
        };
        spans.push(Span::styled(format!(" {} {} ", i + 1, tab.title()), style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.bar), area);
}

fn render_status(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let theme = &model.theme;
    let clock = model.now.format(" %a %-d %b  %H:%M ").to_string();
    let mut left = vec![Span::styled(clock, theme.title), Span::raw(" ")];
    match &model.status {
        Some(status) => {
            let style = match status.kind {
                StatusKind::Info => theme.ok,
                StatusKind::Error => theme.error,
            };
            left.push(Span::styled(status.text.clone(), style));
        }
        None => {
            left.push(Span::styled("?", theme.key));
            left.push(Span::styled(" keys  ", theme.dim));
            left.push(Span::styled("q", theme.key));
            left.push(Span::styled(" quit", theme.dim));
        }
    }
    let right = Span::styled(format!(" {} ", model.db_label), theme.dim);
    let right_width = (right.width() as u16).min(area.width / 3);
    let [l, r] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme.bar), l);
    frame.render_widget(
        Paragraph::new(Line::from(right))
            .style(theme.bar)
            .right_aligned(),
        r,
    );
}

fn render_too_small(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let text = format!(
        "Bearing needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}. Enlarge it, or press q to quit.",
        area.width, area.height
    );
    let height = 3.min(area.height);
    let rect = centered(area, area.width, height);
    frame.render_widget(
        Paragraph::new(text)
            .style(model.theme.warning)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .centered(),
        rect,
    );
}
