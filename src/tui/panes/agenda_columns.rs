//! The agenda's wide layout: a column per day, each drawn as its own window (its header kept,
//! "+N more" at the foot when its rows do not fit).

use chrono::{Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::agenda::{AgendaPane, DAYS};
use super::agenda_look::{
    day_style, day_title, free_label, group_style, group_time, item_style, kind_icon, label,
    now_index, now_line, status_icon, time_label,
};
use super::agenda_rows::{DayRow, group_words};
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::pinned::{Listed, Role, window};
use crate::tui::widgets::text::{fit, wrap_at_most};

/// The wide layout: a column per day, each its own window.
pub(super) fn column_lines<'a>(
    pane: &'a AgendaPane,
    ctx: &Ctx<'_>,
    from: NaiveDate,
    width: u16,
) -> Vec<(Vec<Listed<'a>>, usize)> {
    let theme = ctx.theme;
    let today = ctx.today();
    let selected_day = pane.selected_day(today);
    let col_width = width / DAYS as u16;
    let text_width = usize::from(col_width.saturating_sub(2)).max(4);
    (0..DAYS)
        .map(|i| {
            let day = from + Duration::days(i64::from(i));
            let items = pane.items_on(day);
            let rows = pane.rows_on(day);
            let is_selected = day == selected_day;
            let mut lines = vec![Listed::new(
                Line::from(Span::styled(
                    format!(" {} ", day_title(day, today, false)),
                    day_style(day, today, is_selected, theme),
                )),
                Role::Header,
            )];
            // Always a line, so the days' first items stay level.
            let free = free_label(&items, ctx).unwrap_or_default();
            lines.push(Listed::new(
                Line::from(Span::styled(format!(" {free}"), theme.dim)),
                Role::Other,
            ));
            let now_at = (day == today).then(|| now_index(&rows, ctx.now));
            let mut focus = 0;
            for (n, row) in rows.iter().enumerate() {
                if now_at == Some(n) {
                    lines.push(Listed::new(
                        now_line(ctx.now, col_width, theme),
                        Role::Other,
                    ));
                }
                let chosen = is_selected && n == pane.item;
                let (first, rest) = column_row(row, chosen, text_width, ctx);
                lines.push(Listed::new(first, Role::Row));
                lines.extend(rest.into_iter().map(|l| Listed::new(l, Role::Other)));
                if chosen {
                    focus = lines.len() - 1;
                }
            }
            if now_at == Some(rows.len()) && !rows.is_empty() {
                lines.push(Listed::new(
                    now_line(ctx.now, col_width, theme),
                    Role::Other,
                ));
            }
            if rows.is_empty() {
                lines.push(Listed::new(
                    Line::from(Span::styled("  —", theme.dim)),
                    Role::Other,
                ));
            }
            (lines, focus)
        })
        .collect()
}

/// A row in a day column: its time and marks, then its text wrapped to two lines at most.
fn column_row<'a>(
    row: &DayRow<'_>,
    chosen: bool,
    width: usize,
    ctx: &Ctx<'_>,
) -> (Line<'a>, Vec<Line<'a>>) {
    let theme = ctx.theme;
    let today = ctx.today();
    let (head, text, mut style) = match *row {
        DayRow::Group { key, count, open } => (
            format!(
                "{} {}",
                group_time(key, today),
                kind_icon(key.kind, key.done)
            ),
            format!(
                "{} {}",
                group_words(key, count, today),
                if open { "▾" } else { "▸" }
            ),
            group_style(key, today, theme),
        ),
        DayRow::Item(item) | DayRow::Member(item) => {
            let conflict = if item.conflict { " ⚠" } else { "" };
            (
                format!(
                    "{} {}{conflict}",
                    time_label(item, today),
                    status_icon(item)
                ),
                label(item, matches!(row, DayRow::Member(_))),
                item_style(item, ctx.now, theme),
            )
        }
    };
    if chosen {
        style = style.patch(theme.selected);
    }
    let indent = if matches!(row, DayRow::Member(_)) {
        "  "
    } else {
        " "
    };
    let wrapped = wrap_at_most(&text, width.saturating_sub(indent.len()).max(1), 2);
    let first = Line::from(Span::styled(fit(&head, width + 1), style));
    let rest = wrapped
        .into_iter()
        .map(|part| Line::from(Span::styled(format!("{indent}{part}"), style)))
        .collect();
    (first, rest)
}

pub(super) fn draw_columns(
    frame: &mut Frame<'_>,
    area: Rect,
    cols: Vec<(Vec<Listed<'_>>, usize)>,
    theme: &Theme,
) {
    let areas = Layout::horizontal((0..DAYS).map(|_| Constraint::Ratio(1, DAYS))).split(area);
    for (col, (lines, focus)) in areas.iter().zip(cols) {
        let block = Block::default()
            .borders(Borders::RIGHT)
            .border_style(theme.dim);
        let inner = block.inner(*col);
        frame.render_widget(block, *col);
        let shown = window(lines, usize::from(inner.height), focus, |n, _| {
            Line::from(Span::styled(format!(" +{n} more"), theme.dim))
        });
        frame.render_widget(Lines::new(shown), inner);
    }
}
