//! Drawing the list of every open action: group headings, one line per action, scrolled so the
//! selected one shows, and a title that says how many there are.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::all_actions::{AllActions, group_of};
use crate::domain::one_on_one::Owner;
use crate::ops::objects::action::ActionView;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::render_empty;
use crate::tui::widgets::text::fit;
use unicode_width::UnicodeWidthStr;

pub fn render(frame: &mut Frame<'_>, area: Rect, list: &AllActions, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    if list.loaded && list.rows.is_empty() {
        let advice = vec![Line::from(Span::styled(
            "Actions from 1:1s and meetings (@Name: …, me: …) appear here until done.",
            theme.dim,
        ))];
        render_empty(frame, area, "No open actions", advice, theme);
        return;
    }
    let (lines, at) = lines(list, ctx.today(), usize::from(area.width), theme);
    let height = usize::from(area.height.saturating_sub(1));
    let offset = at.saturating_sub(height.saturating_sub(1));
    let shown_to = (offset + height).min(lines.len());
    let mut title = vec![
        Span::styled(" Open actions ", theme.title),
        Span::styled(
            format!("{} · {} overdue ", list.rows.len(), list.overdue()),
            theme.dim,
        ),
    ];
    if lines.len() > height {
        title.push(Span::styled(
            format!("· {} of {} ", list.cursor + 1, list.rows.len()),
            theme.dim,
        ));
    }
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(shown_to - offset)
        .collect();
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim)
        .title(Line::from(title));
    frame.render_widget(Paragraph::new(visible).block(block), area);
}

/// Every line of the list with the index of the selected one.
fn lines(
    list: &AllActions,
    today: NaiveDate,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let mut lines = Vec::with_capacity(list.rows.len() + 16);
    let mut at = 0;
    let mut group = None;
    for (i, row) in list.rows.iter().enumerate() {
        let (rank, name) = group_of(row);
        if group.as_ref() != Some(&(rank, name.clone())) {
            let heading = if rank == 1 {
                format!("Theirs · {name}")
            } else {
                name.clone()
            };
            lines.push(Line::from(Span::styled(fit(&heading, width), theme.header)));
            group = Some((rank, name));
        }
        if i == list.cursor {
            at = lines.len();
        }
        lines.push(line(row, today, i == list.cursor, width, theme));
    }
    (lines, at)
}

/// One action: its text cut with "…" so that its due date and whose it is always show.
fn line(
    row: &ActionView,
    today: NaiveDate,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let a = &row.action;
    let mut style = if row.overdue {
        theme.overdue
    } else {
        theme.text
    };
    if selected {
        style = style.patch(theme.selected);
    }
    let due = a
        .due
        .map(|d| format!("  due {}", d.format("%a %-d %b")))
        .unwrap_or_default();
    let late = if a.is_overdue(today) {
        " (overdue)"
    } else {
        ""
    };
    let with = match (a.owner, &row.person) {
        (Owner::Me, Some(name)) => format!("  · with {name}"),
        _ => String::new(),
    };
    let pointer = if selected { "▌" } else { " " };
    let tail = format!("{due}{late}{with}");
    let room = width.saturating_sub(4 + tail.width()).max(8);
    let text = format!("{pointer} □ {}{tail}", fit(&a.body, room));
    Line::from(Span::styled(fit(&text, width), style))
}
