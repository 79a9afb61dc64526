//! Drawing the agenda: days side by side on wide terminals, a day list on narrow ones, the "now"
//! marker in today, and the radar strip.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::agenda::{DAYS, kind_label};
use crate::domain::agenda::{AgendaItem, ItemKind, RadarItem, RadarKind};
use crate::domain::ritual::OccurrenceStatus;
use crate::schedule::agenda::free_minutes;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::wrap_at_most;

/// From this width the week is drawn as seven columns.
const COLUMNS_MIN_WIDTH: u16 = 140;
const RADAR_MAX_ROWS: usize = 5;

pub fn render(frame: &mut Frame<'_>, area: Rect, pane: &super::agenda::AgendaPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let Some(data) = &pane.data else {
        return;
    };
    // The radar gets fewer rows on a short terminal, so the days keep most of the screen.
    let max_rows = if area.height < 30 { 3 } else { RADAR_MAX_ROWS };
    let radar_rows = if data.radar.is_empty() {
        1
    } else {
        data.radar.len().min(max_rows)
    } as u16;
    let [header, body, radar] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(radar_rows + 1),
    ])
    .areas(area);
    render_header(frame, header, ctx, data.from);
    if area.width >= COLUMNS_MIN_WIDTH {
        render_columns(frame, body, pane, ctx, data.from);
    } else {
        render_list(frame, body, pane, ctx, data.from);
    }
    render_radar(frame, radar, &data.radar, max_rows, theme);
}

fn render_header(frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>, from: NaiveDate) {
    let theme = ctx.theme;
    let to = from + Duration::days(i64::from(DAYS) - 1);
    let week = from.iso_week().week();
    let range = if from.month() == to.month() {
        format!("{} – {}", from.format("%a %-d"), to.format("%a %-d %b %Y"))
    } else {
        format!(
            "{} – {}",
            from.format("%a %-d %b"),
            to.format("%a %-d %b %Y")
        )
    };
    let line = Line::from(vec![
        Span::styled(format!(" Week {week} · "), theme.title),
        Span::styled(range, theme.text),
    ]);
    let hints = Line::from(vec![
        Span::styled("h l", theme.key),
        Span::styled(" day  ", theme.dim),
        Span::styled("[ ]", theme.key),
        Span::styled(" week  ", theme.dim),
        Span::styled("t", theme.key),
        Span::styled(" today  ", theme.dim),
        Span::styled("x", theme.key),
        Span::styled(" held  ", theme.dim),
        Span::styled("s", theme.key),
        Span::styled(" skip  ", theme.dim),
        Span::styled("a", theme.key),
        Span::styled(" add ", theme.dim),
    ])
    .right_aligned();
    let [l, r] = Layout::horizontal([Constraint::Min(1), Constraint::Length(hints.width() as u16)])
        .areas(Rect { height: 1, ..area });
    let fits = line.width() + hints.width() + 2 <= usize::from(area.width);
    frame.render_widget(Paragraph::new(line), if fits { l } else { area });
    if fits {
        frame.render_widget(Paragraph::new(hints), r);
    }
}

fn status_icon(item: &AgendaItem) -> &'static str {
    match (item.status, item.kind) {
        (Some(OccurrenceStatus::Held), _) => "✓",
        (Some(OccurrenceStatus::Skipped), _) => "✗",
        (_, ItemKind::GoalDue) => "◆",
        (_, ItemKind::ActionDue) if item.done => "✓",
        (_, ItemKind::ActionDue) => "□",
        (_, ItemKind::RiskReview) => "▲",
        (_, ItemKind::Calendar) => "◷",
        _ if item.moved => "↷",
        _ => "·",
    }
}

fn time_label(item: &AgendaItem) -> String {
    match (item.start, item.end) {
        (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        _ if item.kind == ItemKind::Calendar => "all day".to_string(),
        _ => "due".to_string(),
    }
}

fn item_style(item: &AgendaItem, now: NaiveDateTime, theme: &Theme) -> Style {
    let end = item
        .end
        .map(|e| item.date.and_time(e))
        .unwrap_or_else(|| item.date.and_time(chrono::NaiveTime::MIN) + Duration::days(1));
    let mut style = match item.kind {
        ItemKind::OneOnOne => theme.accent,
        ItemKind::GoalDue | ItemKind::RiskReview => theme.warning,
        // Someone else's calendar: there to plan around, not to act on.
        ItemKind::Calendar => theme.dim.add_modifier(Modifier::ITALIC),
        _ => theme.text,
    };
    if item.status == Some(OccurrenceStatus::Skipped) {
        style = theme.dim.add_modifier(Modifier::CROSSED_OUT);
    } else if end <= now || item.done {
        style = theme.dim;
    }
    if item.kind == ItemKind::Calendar {
        style = style.add_modifier(Modifier::ITALIC);
    }
    style
}

fn label(item: &AgendaItem) -> String {
    match item.kind {
        ItemKind::GoalDue | ItemKind::ActionDue | ItemKind::RiskReview => {
            let who = item
                .person
                .as_ref()
                .map(|p| format!(" · {p}"))
                .unwrap_or_default();
            format!("{}: {}{who}", kind_label(item.kind), item.title)
        }
        _ => item.title.clone(),
    }
}

/// Where the "now" line goes in a day's items: before the first item that has not ended.
fn now_index(items: &[&AgendaItem], now: NaiveDateTime) -> usize {
    items
        .iter()
        .position(|i| i.start.is_some() && i.starts_at() >= now)
        .unwrap_or(items.len())
}

fn now_line(now: NaiveDateTime, width: u16, theme: &Theme) -> Line<'static> {
    let label = format!(" now {} ", now.format("%H:%M"));
    let rest = (width as usize).saturating_sub(label.chars().count() + 2);
    Line::from(vec![
        Span::styled("──", theme.error),
        Span::styled(label, theme.error.add_modifier(Modifier::BOLD)),
        Span::styled("─".repeat(rest), theme.error),
    ])
}

/// "3h30 free" of the working day, for days with meetings (an empty day says so already).
fn free_label(items: &[&AgendaItem], ctx: &Ctx<'_>) -> Option<String> {
    if !items.iter().any(|i| i.start.is_some()) {
        return None;
    }
    let free = free_minutes(items.iter().copied(), ctx.working_hours);
    Some(match (free / 60, free % 60) {
        (0, 0) => "no free time".to_string(),
        (0, m) => format!("{m}m free"),
        (h, 0) => format!("{h}h free"),
        (h, m) => format!("{h}h{m:02} free"),
    })
}

fn day_title(day: NaiveDate, today: NaiveDate, long: bool) -> String {
    let base = if long {
        day.format("%A %-d %B")
    } else {
        day.format("%a %-d")
    }
    .to_string();
    if day == today {
        format!("{base} · today")
    } else {
        base
    }
}

fn render_columns(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &super::agenda::AgendaPane,
    ctx: &Ctx<'_>,
    from: NaiveDate,
) {
    let theme = ctx.theme;
    let today = ctx.today();
    let selected_day = pane.selected_day(today);
    let columns = Layout::horizontal((0..DAYS).map(|_| Constraint::Ratio(1, DAYS))).split(area);
    for (i, col) in columns.iter().enumerate() {
        let day = from + Duration::days(i as i64);
        let items = pane.items_on(day);
        let is_selected = day == selected_day;
        let header_style = match (day == today, is_selected) {
            (_, true) => theme.tab_active,
            (true, false) => theme.today,
            _ => theme.header,
        };
        let mut lines = vec![Line::from(Span::styled(
            format!(" {} ", day_title(day, today, false)),
            header_style,
        ))];
        // Always a line, so the days' first items stay level.
        let free = free_label(&items, ctx).unwrap_or_default();
        lines.push(Line::from(Span::styled(format!(" {free}"), theme.dim)));
        let now_at = (day == today).then(|| now_index(&items, ctx.now));
        for (n, item) in items.iter().enumerate() {
            if now_at == Some(n) {
                lines.push(now_line(ctx.now, col.width, theme));
            }
            let time = time_label(item);
            let mut style = item_style(item, ctx.now, theme);
            if is_selected && n == pane.item {
                style = style.patch(theme.selected);
            }
            let width = usize::from(col.width.saturating_sub(2)).max(4);
            lines.push(Line::from(Span::styled(
                format!("{time} {}", status_icon(item)),
                style,
            )));
            for part in wrap_at_most(&label(item), width, 2) {
                lines.push(Line::from(Span::styled(format!(" {part}"), style)));
            }
        }
        if now_at == Some(items.len()) {
            lines.push(now_line(ctx.now, col.width, theme));
        }
        if items.is_empty() {
            lines.push(Line::from(Span::styled("  —", theme.dim)));
        }
        let block = Block::default()
            .borders(Borders::RIGHT)
            .border_style(theme.dim);
        frame.render_widget(Paragraph::new(lines).block(block), *col);
    }
}

fn render_list(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &super::agenda::AgendaPane,
    ctx: &Ctx<'_>,
    from: NaiveDate,
) {
    let theme = ctx.theme;
    let today = ctx.today();
    let selected_day = pane.selected_day(today);
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_line = 0;
    for i in 0..DAYS {
        let day = from + Duration::days(i64::from(i));
        let items = pane.items_on(day);
        let is_selected = day == selected_day;
        let style = match (day == today, is_selected) {
            (_, true) => theme.tab_active,
            (true, false) => theme.today,
            _ => theme.header,
        };
        if is_selected {
            focus_line = lines.len();
        }
        let mut header = vec![Span::styled(
            format!(" {} ", day_title(day, today, true)),
            style,
        )];
        if let Some(free) = free_label(&items, ctx) {
            header.push(Span::styled(format!("  {free}"), theme.dim));
        }
        lines.push(Line::from(header));
        let now_at = (day == today).then(|| now_index(&items, ctx.now));
        for (n, item) in items.iter().enumerate() {
            if now_at == Some(n) {
                lines.push(now_line(ctx.now, area.width, theme));
            }
            let time = time_label(item);
            let mut style = item_style(item, ctx.now, theme);
            let chosen = is_selected && n == pane.item;
            if chosen {
                style = style.patch(theme.selected);
                focus_line = lines.len();
            }
            let pointer = if chosen { "▌" } else { " " };
            let mut spans = vec![
                Span::styled(
                    format!("{pointer} {time:<11} {} ", status_icon(item)),
                    style,
                ),
                Span::styled(label(item), style),
            ];
            if item.moved
                && let Some(o) = item.occurrence
            {
                spans.push(Span::styled(
                    format!("  moved from {}", o.format("%a %H:%M")),
                    theme.dim,
                ));
            }
            lines.push(Line::from(spans));
        }
        if now_at == Some(items.len()) && !items.is_empty() {
            lines.push(now_line(ctx.now, area.width, theme));
        }
        if items.is_empty() {
            lines.push(Line::from(Span::styled("    nothing scheduled", theme.dim)));
        }
    }
    // Keep the selected line in view, one line of context below it.
    let offset =
        u16::try_from((focus_line + 2).saturating_sub(usize::from(area.height))).unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), area);
}

fn radar_text(r: &RadarItem) -> (String, &'static str) {
    match r.kind {
        RadarKind::OverdueAction => (
            format!("{} — {}, {} days overdue", r.title, r.detail, r.days),
            "action",
        ),
        RadarKind::OverdueReview => (
            format!("{} — review {} days overdue", r.title, r.days),
            "risk",
        ),
        RadarKind::GoalBehind => (
            format!("{} — {}, behind schedule", r.title, r.detail),
            "goal",
        ),
        RadarKind::OneOnOneOverdue => (format!("{} — {}", r.title, r.detail), "1:1"),
        RadarKind::SkipLevelOverdue => (format!("{} — {}", r.title, r.detail), "skip"),
    }
}

fn render_radar(
    frame: &mut Frame<'_>,
    area: Rect,
    radar: &[RadarItem],
    max_rows: usize,
    theme: &Theme,
) {
    let title = Line::from(vec![
        Span::styled(" Radar ", theme.title),
        Span::styled(format!("{} ", radar.len()), theme.dim),
    ]);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim)
        .title(title);
    let lines: Vec<Line> = if radar.is_empty() {
        vec![Line::from(Span::styled(
            " ✓ Nothing overdue: actions, reviews, goals and 1:1s are on track.",
            theme.ok,
        ))]
    } else {
        let mut lines: Vec<Line> = radar
            .iter()
            .take(max_rows)
            .map(|r| {
                let (text, tag) = radar_text(r);
                Line::from(vec![
                    Span::styled(format!(" ! {tag:<7}"), theme.warning),
                    Span::raw(text),
                ])
            })
            .collect();
        if radar.len() > max_rows
            && let Some(last) = lines.last_mut()
        {
            *last = Line::from(Span::styled(
                format!(" … and {} more", radar.len() - max_rows + 1),
                theme.dim,
            ));
        }
        lines
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
