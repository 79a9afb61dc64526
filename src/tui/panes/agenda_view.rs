//! Drawing the agenda: days side by side on wide terminals, a day list on narrow ones, the "now"
//! marker in today, and the radar below, which takes the room the days leave (see
//! `agenda_radar_view.rs`). What does not fit says how much is left ("↓ +14 more").

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::agenda::{AgendaPane, DAYS};
use super::agenda_columns::{column_lines, draw_columns};
use super::agenda_look::{
    day_style, day_title, free_label, group_style, group_time, item_style, kind_icon, label,
    now_index, now_line, status_icon, time_label,
};
use super::agenda_radar_view::{radar_rows, render_radar, render_radar_full};
use super::agenda_rows::{DayRow, group_words};
use crate::domain::agenda::AgendaView;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::pinned::{Listed, Role, Scroll, window_from};
use crate::tui::widgets::text::fit;
use unicode_width::UnicodeWidthStr;

/// From this width the week is drawn as seven columns.
const COLUMNS_MIN_WIDTH: u16 = 140;
/// The time column of the day list: "10:00–11:00", "overdue", "all day".
const TIME_WIDTH: usize = 11;

pub fn render(frame: &mut Frame<'_>, area: Rect, pane: &AgendaPane, ctx: &Ctx<'_>) {
    let Some(data) = &pane.data else {
        return;
    };
    let [header, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    render_header(frame, header, pane, ctx, data.from);
    if pane.radar.full {
        render_radar_full(frame, rest, pane, ctx);
        return;
    }
    let first_run = data.items.is_empty() && data.radar.is_empty() && ctx.people.is_empty();
    let columns = area.width >= COLUMNS_MIN_WIDTH;
    let days: DaysDrawn<'_> = if first_run {
        DaysDrawn::List(first_run_guide(ctx.theme))
    } else if columns {
        DaysDrawn::Columns(column_lines(pane, ctx, data.from, area.width))
    } else {
        DaysDrawn::List(list_lines(pane, ctx, data.from, area.width))
    };
    let need = match &days {
        // From the top kept in view, under the note for the days above it.
        DaysDrawn::List((lines, scroll)) if scroll.top > 0 && scroll.top <= scroll.focus => {
            lines.len() - scroll.top + 1
        }
        DaysDrawn::List((lines, _)) => lines.len(),
        DaysDrawn::Columns(cols) => cols.iter().map(|(c, _)| c.len()).max().unwrap_or(0),
    };
    let radar_height = radar_rows(pane, rest.height, need) + 1;
    let [body, radar] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(radar_height)]).areas(rest);
    match days {
        DaysDrawn::List((lines, scroll)) => draw_window(frame, body, lines, scroll, ctx.theme),
        DaysDrawn::Columns(cols) => draw_columns(frame, body, cols, ctx.theme),
    }
    render_radar(frame, radar, pane, ctx);
}

/// The days, as lines with the line to keep in view: one list (starting at today when it can),
/// or a column per day.
enum DaysDrawn<'a> {
    List((Vec<Listed<'a>>, Scroll)),
    Columns(Vec<(Vec<Listed<'a>>, usize)>),
}

fn render_header(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &AgendaPane,
    ctx: &Ctx<'_>,
    from: NaiveDate,
) {
    let theme = ctx.theme;
    let to = from + Duration::days(i64::from(DAYS) - 1);
    let range = if from.month() == to.month() {
        format!("{} – {}", from.format("%a %-d"), to.format("%a %-d %b %Y"))
    } else {
        format!(
            "{} – {}",
            from.format("%a %-d %b"),
            to.format("%a %-d %b %Y")
        )
    };
    let what = match pane.view_mode {
        AgendaView::Rolling => " Next 7 days · ".to_string(),
        AgendaView::Week => format!(" Week {} · ", week_number(from)),
    };
    let mut spans = vec![
        Span::styled(what, theme.title),
        Span::styled(range, theme.text),
    ];
    let today = ctx.today();
    if today < from || today > to {
        spans.push(Span::styled(
            format!("  (today is {})", today.format("%a %-d %b")),
            theme.dim,
        ));
    }
    let line = Line::from(spans);
    let keys: &[(&str, &str)] = if pane.radar.focused {
        &[
            ("j k", "choose"),
            ("enter", "open"),
            ("x", "done"),
            ("v", "all"),
            ("esc", "back"),
        ]
    } else {
        &[
            ("h l", "day"),
            ("[ ]", "week"),
            ("t", "today"),
            ("x", "held"),
            ("a", "add"),
            ("r", "radar"),
        ]
    };
    let mut hint_spans = Vec::new();
    for (key, what) in keys {
        hint_spans.push(Span::styled(*key, theme.key));
        hint_spans.push(Span::styled(format!(" {what}  "), theme.dim));
    }
    let hints = Line::from(hint_spans).right_aligned();
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(hints.width() as u16)])
        .areas(Rect { height: 1, ..area });
    let fits = line.width() + hints.width() + 2 <= usize::from(area.width);
    frame.render_widget(Lines::new(line), if fits { l } else { area });
    if fits {
        frame.render_widget(Lines::new(hints), r);
    }
}

/// The note under a cut list: how many rows are below, and through which day.
fn more_below<'a>(rows: usize, hidden: &[Listed<'a>], theme: &Theme) -> Line<'a> {
    let through = hidden
        .iter()
        .rev()
        .find(|l| l.role == Role::Header)
        .and_then(|l| l.line.spans.first())
        .map(|s| s.content.to_string());
    let text = match (rows, through) {
        (0, Some(day)) => format!(" ↓ nothing more through {}", day.trim()),
        (n, Some(day)) => format!(" ↓ +{n} more, through {}", day.trim()),
        (n, None) => format!(" ↓ +{n} more"),
    };
    Line::from(Span::styled(text, theme.dim))
}

/// The note over a list scrolled down: how many rows are above, and from which day.
fn more_above<'a>(rows: usize, hidden: &[Listed<'a>], theme: &Theme) -> Line<'a> {
    let from = hidden
        .iter()
        .find(|l| l.role == Role::Header)
        .and_then(|l| l.line.spans.first())
        .map(|s| s.content.to_string());
    let text = match (rows, from) {
        (0, Some(day)) => format!(" ↑ nothing more from {}", day.trim()),
        (n, Some(day)) => format!(" ↑ +{n} more, from {}", day.trim()),
        (n, None) => format!(" ↑ +{n} more"),
    };
    Line::from(Span::styled(text, theme.dim))
}

fn draw_window<'a>(
    frame: &mut Frame<'_>,
    area: Rect,
    lines: Vec<Listed<'a>>,
    scroll: Scroll,
    theme: &Theme,
) {
    let shown = window_from(
        lines,
        usize::from(area.height),
        scroll,
        Some(|n, hidden: &[Listed<'a>]| more_above(n, hidden, theme)),
        |n, hidden| more_below(n, hidden, theme),
    );
    frame.render_widget(Lines::new(shown), area);
}

/// The narrow layout: every day under its header, the selected row marked; today's header is
/// the top to keep in view (a director sees today's meetings first).
fn list_lines<'a>(
    pane: &'a AgendaPane,
    ctx: &Ctx<'_>,
    from: NaiveDate,
    width: u16,
) -> (Vec<Listed<'a>>, Scroll) {
    let theme = ctx.theme;
    let today = ctx.today();
    let selected_day = pane.selected_day(today);
    let mut lines: Vec<Listed<'a>> = Vec::new();
    let mut focus = 0;
    let mut top = 0;
    for i in 0..DAYS {
        let day = from + Duration::days(i64::from(i));
        let items = pane.items_on(day);
        let rows = pane.rows_on(day);
        let is_selected = day == selected_day;
        if is_selected {
            focus = lines.len();
        }
        let mut header = vec![Span::styled(
            format!(" {} ", day_title(day, today, true)),
            day_style(day, today, is_selected, theme),
        )];
        if let Some(free) = free_label(&items, ctx) {
            header.push(Span::styled(format!("  {free}"), theme.dim));
        }
        if day == today {
            top = lines.len();
        }
        lines.push(Listed::new(Line::from(header), Role::Header));
        let now_at = (day == today).then(|| now_index(&rows, ctx.now));
        for (n, row) in rows.iter().enumerate() {
            if now_at == Some(n) {
                lines.push(Listed::new(now_line(ctx.now, width, theme), Role::Other));
            }
            let chosen = is_selected && n == pane.item;
            if chosen {
                focus = lines.len();
            }
            lines.push(Listed::new(list_row(row, chosen, width, ctx), Role::Row));
        }
        if now_at == Some(rows.len()) && !rows.is_empty() {
            lines.push(Listed::new(now_line(ctx.now, width, theme), Role::Other));
        }
        if rows.is_empty() {
            lines.push(Listed::new(
                Line::from(Span::styled("    nothing scheduled", theme.dim)),
                Role::Other,
            ));
        }
    }
    (lines, Scroll { focus, top })
}

/// One row of the day list: pointer, time, mark, text cut to the width, and what else to know
/// (overlaps, moved from).
fn list_row<'a>(row: &DayRow<'_>, chosen: bool, width: u16, ctx: &Ctx<'_>) -> Line<'a> {
    let theme = ctx.theme;
    let today = ctx.today();
    let pointer = if chosen { "▌" } else { " " };
    let (time, icon, text, mut style, notes) = match *row {
        DayRow::Group { key, count, open } => (
            group_time(key, today).to_string(),
            kind_icon(key.kind, key.done),
            format!(
                "{} {}",
                group_words(key, count, today),
                if open { "▾" } else { "▸" }
            ),
            group_style(key, today, theme),
            Vec::new(),
        ),
        DayRow::Item(item) | DayRow::Member(item) => {
            let mut notes = Vec::new();
            if item.conflict {
                notes.push(Span::styled("  ⚠ overlaps", theme.warning));
            }
            if item.moved
                && let Some(o) = item.occurrence
            {
                notes.push(Span::styled(
                    format!("  moved from {}", o.format("%a %H:%M")),
                    theme.dim,
                ));
            }
            (
                time_label(item, today),
                status_icon(item),
                label(item, matches!(row, DayRow::Member(_))),
                item_style(item, ctx.now, theme),
                notes,
            )
        }
    };
    if chosen {
        style = style.patch(theme.selected);
    }
    let indent = if matches!(row, DayRow::Member(_)) {
        "  "
    } else {
        ""
    };
    let prefix = format!("{pointer} {time:<TIME_WIDTH$} {indent}{icon} ");
    let notes_width: usize = notes.iter().map(|s| s.content.width()).sum();
    let room = usize::from(width)
        .saturating_sub(prefix.width() + notes_width)
        .max(1);
    let mut spans = vec![
        Span::styled(prefix, style),
        Span::styled(fit(&text, room), style),
    ];
    spans.extend(notes);
    Line::from(spans)
}

/// What an empty cockpit says on its first run: how to start.
fn first_run_guide<'a>(theme: &Theme) -> (Vec<Listed<'a>>, Scroll) {
    let key = |k: &'a str| Span::styled(k, theme.key);
    let text = |t: &'a str| Span::styled(t, theme.text);
    let lines = vec![
        Line::from(Span::styled(
            " Nothing on the agenda yet. To start:",
            theme.title,
        )),
        Line::default(),
        Line::from(vec![
            text("  "),
            key("a"),
            text("   add a meeting on the selected day"),
        ]),
        Line::from(vec![
            text("  "),
            key("4"),
            text("   then "),
            key("a"),
            text(": add the people you meet (1:1s show here)"),
        ]),
        Line::from(vec![
            text("  In a shell: "),
            key("bearing init --template director"),
        ]),
        Line::from(text("      the standard rituals and a 30/60/90-day plan")),
        Line::default(),
        Line::from(Span::styled(
            "  Each day lists its meetings, then the goals, actions and",
            theme.dim,
        )),
        Line::from(Span::styled(
            "  risk reviews due; the radar lists what needs attention.",
            theme.dim,
        )),
    ];
    (
        lines
            .into_iter()
            .map(|l| Listed::new(l, Role::Other))
            .collect(),
        Scroll { focus: 0, top: 0 },
    )
}

/// The ISO number of the week that starts on `first`, whatever day weeks start on: the ISO week
/// of its Thursday (a week from Sunday 29 November is week 49, not the 48 its Sunday belongs
/// to, and one from Sunday 3 January 2027 is week 1, not 53).
fn week_number(first: chrono::NaiveDate) -> u32 {
    use chrono::Datelike;
    let to_thursday = (7 + 3 - first.weekday().num_days_from_monday() as i64) % 7;
    (first + chrono::Duration::days(to_thursday))
        .iso_week()
        .week()
}

#[cfg(test)]
mod week_number_tests {
    use super::week_number;
    use chrono::NaiveDate;

    #[test]
    fn a_week_is_numbered_by_its_thursday_whatever_day_it_starts() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for (first, expected) in [
            (day(2026, 11, 30), 49), // Monday
            (day(2026, 11, 29), 49), // Sunday: it said 48
            (day(2027, 1, 3), 1),    // Sunday: it said 53
            (day(2026, 12, 26), 53), // Saturday: its Thursday is 31 Dec, in week 53
            (day(2027, 1, 4), 1),    // Monday
        ] {
            assert_eq!(week_number(first), expected, "{first}");
        }
    }
}
