//! Drawing the list of every open action: group headings, one line per action, scrolled so the
//! selected one shows, and a title that says how many there are.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::all_actions::{AllActions, group_of};
use crate::domain::one_on_one::Owner;
use crate::ops::objects::action::ActionView;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
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
    let (entries, at) = entries(list);
    let height = usize::from(area.height.saturating_sub(1));
    let offset = at.saturating_sub(height.saturating_sub(1));
    let shown_to = (offset + height).min(entries.len());
    let mut title = vec![
        Span::styled(" Open actions ", theme.title),
        Span::styled(
            format!("{} · {} overdue ", list.rows.len(), list.overdue()),
            theme.dim,
        ),
    ];
    if entries.len() > height {
        title.push(Span::styled(
            format!("· {} of {} ", list.cursor + 1, list.rows.len()),
            theme.dim,
        ));
    }
    // Only the lines in view are made: ten years of data leave hundreds of actions open.
    let (today, width) = (ctx.today(), usize::from(area.width));
    let visible: Vec<Line> = (entries.get(offset..shown_to).unwrap_or_default().iter())
        .map(|entry| match *entry {
            Entry::Heading(i) => heading(&list.rows[i], width, theme),
            Entry::Row(i) => line(&list.rows[i], today, i == list.cursor, width, theme),
        })
        .collect();
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim)
        .title(Line::from(title));
    frame.render_widget(Lines::new(visible).block(block), area);
}

/// A line of the list: the heading of the group that starts at a row, or a row.
#[derive(Clone, Copy)]
enum Entry {
    Heading(usize),
    Row(usize),
}

/// Every line of the list, as entries, with the index of the selected one's.
fn entries(list: &AllActions) -> (Vec<Entry>, usize) {
    let mut entries = Vec::with_capacity(list.rows.len() + 16);
    let mut at = 0;
    let mut group = None;
    for (i, row) in list.rows.iter().enumerate() {
        let this = group_key(row);
        if group != Some(this) {
            entries.push(Entry::Heading(i));
            group = Some(this);
        }
        if i == list.cursor {
            at = entries.len();
        }
        entries.push(Entry::Row(i));
    }
    (entries, at)
}

/// What [`group_of`] groups by, without making its name.
fn group_key(row: &ActionView) -> (u8, Option<&str>) {
    match (row.action.owner, &row.person) {
        (Owner::Me, _) => (0, None),
        (Owner::Them, Some(name)) => (1, Some(name.as_str())),
        (Owner::Them, None) => (2, None),
    }
}

/// The heading of the group `row` starts.
fn heading(row: &ActionView, width: usize, theme: &Theme) -> Line<'static> {
    let (rank, name) = group_of(row);
    let heading = if rank == 1 {
        format!("Theirs · {name}")
    } else {
        name
    };
    Line::from(Span::styled(fit(&heading, width), theme.header))
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
