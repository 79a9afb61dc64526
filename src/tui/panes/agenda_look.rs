//! How the agenda draws an item or a group: its mark, its time column, its words and its
//! colour (late in the overdue colour, finished in the done colour, each with a mark too), and
//! the day headers, the "now" line and the free time.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::agenda_item_keys::kind_label;
use super::agenda_rows::{DayRow, GroupKey};
use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::ritual::OccurrenceStatus;
use crate::schedule::agenda::free_minutes;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;

/// An open due item whose day has passed.
pub(super) fn is_overdue(item: &AgendaItem, today: NaiveDate) -> bool {
    !item.kind.is_meeting() && item.kind != ItemKind::Calendar && !item.done && item.date < today
}

pub(super) fn status_icon(item: &AgendaItem) -> &'static str {
    match (item.status, item.kind) {
        (Some(OccurrenceStatus::Held), _) => "✓",
        (Some(OccurrenceStatus::Skipped), _) => "✗",
        (_, ItemKind::GoalDue) => "◆",
        (_, ItemKind::ActionDue) if item.done => "✓",
        (_, ItemKind::ActionDue) => "□",
        (_, ItemKind::RiskReview) => "▲",
        (_, ItemKind::Calendar) => "◷",
        (_, ItemKind::MetricsDue) if item.done => "✓",
        (_, ItemKind::MetricsDue) => "#",
        _ if item.moved => "↷",
        _ => "·",
    }
}

pub(super) fn kind_icon(kind: ItemKind, done: bool) -> &'static str {
    match kind {
        _ if done => "✓",
        ItemKind::GoalDue => "◆",
        ItemKind::ActionDue => "□",
        ItemKind::RiskReview => "▲",
        ItemKind::MetricsDue => "#",
        _ => "·",
    }
}

pub(super) fn time_label(item: &AgendaItem, today: NaiveDate) -> String {
    if let Some(range) = item.time_range() {
        return range;
    }
    match item.kind {
        ItemKind::Calendar => "all day".to_string(),
        _ if item.done => "done".to_string(),
        _ if is_overdue(item, today) => "overdue".to_string(),
        _ => "due".to_string(),
    }
}

pub(super) fn group_time(key: GroupKey, today: NaiveDate) -> &'static str {
    match (key.done, key.date < today) {
        (true, _) => "done",
        (false, true) => "overdue",
        (false, false) => "due",
    }
}

/// One meaning per colour: late in the overdue colour, finished in the done colour, the rest
/// by kind; past meetings dim, skipped ones struck through.
pub(super) fn item_style(item: &AgendaItem, now: NaiveDateTime, theme: &Theme) -> Style {
    let end = item
        .ends_at()
        .unwrap_or_else(|| item.date.and_time(chrono::NaiveTime::MIN) + Duration::days(1));
    let mut style = match item.kind {
        ItemKind::OneOnOne => theme.accent,
        ItemKind::GoalDue | ItemKind::RiskReview => theme.warning,
        // Someone else's calendar: there to plan around, not to act on.
        ItemKind::Calendar => theme.dim,
        _ => theme.text,
    };
    if item.status == Some(OccurrenceStatus::Skipped) {
        style = theme.dim.add_modifier(Modifier::CROSSED_OUT);
    } else if item.done || item.status == Some(OccurrenceStatus::Held) {
        style = theme.done;
    } else if is_overdue(item, now.date()) {
        style = theme.overdue;
    } else if end <= now {
        style = theme.dim;
    }
    if item.kind == ItemKind::Calendar {
        style = style.add_modifier(Modifier::ITALIC);
    }
    style
}

pub(super) fn group_style(key: GroupKey, today: NaiveDate, theme: &Theme) -> Style {
    match (key.done, key.date < today) {
        (true, _) => theme.done,
        (false, true) => theme.overdue,
        (false, false) => theme.warning,
    }
}

/// What a row says: a meeting's title (a 1:1 with its person), a due item with its kind and
/// person (inside an unfolded group the kind goes without saying).
pub(super) fn label(item: &AgendaItem, in_group: bool) -> String {
    match item.kind {
        ItemKind::GoalDue | ItemKind::ActionDue | ItemKind::RiskReview => {
            let who = item
                .person
                .as_ref()
                .map(|p| format!(" · {p}"))
                .unwrap_or_default();
            if in_group {
                format!("{}{who}", item.title)
            } else {
                format!("{}: {}{who}", kind_label(item.kind), item.title)
            }
        }
        _ => item.display_title(),
    }
}

/// Where the "now" line goes in a day's rows: before the first timed row that has not started.
pub(super) fn now_index(rows: &[DayRow<'_>], now: NaiveDateTime) -> usize {
    rows.iter()
        .position(|r| {
            r.item()
                .is_some_and(|i| i.start.is_some() && i.starts_at() >= now)
        })
        .unwrap_or_else(|| {
            // After the last meeting, before the due items.
            rows.iter()
                .position(|r| {
                    r.item()
                        .is_none_or(|i| i.start.is_none() && i.kind != ItemKind::Calendar)
                })
                .unwrap_or(rows.len())
        })
}

pub(super) fn now_line(now: NaiveDateTime, width: u16, theme: &Theme) -> Line<'static> {
    let label = format!(" now {} ", now.format("%H:%M"));
    let rest = (width as usize).saturating_sub(label.chars().count() + 2);
    Line::from(vec![
        Span::styled("──", theme.error),
        Span::styled(label, theme.error.add_modifier(Modifier::BOLD)),
        Span::styled("─".repeat(rest), theme.error),
    ])
}

/// "3h30 free" of the working day, for days with meetings (an empty day says so already).
pub(super) fn free_label(items: &[&AgendaItem], ctx: &Ctx<'_>) -> Option<String> {
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

pub(super) fn day_title(day: NaiveDate, today: NaiveDate, long: bool) -> String {
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

pub(super) fn day_style(day: NaiveDate, today: NaiveDate, selected: bool, theme: &Theme) -> Style {
    match (day == today, selected) {
        (_, true) => theme.tab_active,
        (true, false) => theme.today,
        _ => theme.header,
    }
}
