//! Drawing the radar: a strip under the days that grows into the room they leave (and to half
//! the pane when the keys are in it), or the whole pane with the items under a heading per
//! kind. Every item can be reached; what does not fit is counted ("↓ +354 more").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::agenda::AgendaPane;
use crate::domain::agenda::{RadarItem, RadarKind};
use crate::ops::markdown::plural;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::pinned::{Listed, Role, window};
use crate::tui::widgets::text::fit;
use unicode_width::UnicodeWidthStr;

/// The rows the strip keeps even when the days would fill the pane.
const STRIP_MIN_ROWS: usize = 3;

/// How many rows the radar strip gets (its title line aside) in `available` rows, when the
/// days above it need `days_need`: at least a few, more as the days leave room, and at least
/// half of the pane while the keys are in it. The days keep three rows.
pub fn radar_rows(pane: &AgendaPane, available: u16, days_need: usize) -> u16 {
    let available = usize::from(available);
    let len = pane.radar_items().len();
    if len == 0 {
        return 1;
    }
    let least = if pane.radar.focused {
        (available / 2).max(STRIP_MIN_ROWS)
    } else {
        STRIP_MIN_ROWS
    };
    let free = available.saturating_sub(1 + days_need);
    let most = available.saturating_sub(1 + 3).max(1);
    let rows = free.max(least).min(len).min(most);
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// "!" for what is late (in the overdue colour), "·" for what comes due.
fn mark(item: &RadarItem, theme: &Theme) -> (&'static str, Style) {
    if item.kind.is_overdue() {
        ("!", theme.overdue)
    } else {
        ("·", theme.warning)
    }
}

/// The columns a radar item's title keeps however long the rest of its line is.
const TITLE_LEAST: usize = 16;

fn item_line<'a>(item: &RadarItem, chosen: bool, width: usize, theme: &Theme) -> Line<'a> {
    let (mark, mark_style) = mark(item, theme);
    let pointer = if chosen { "▌" } else { " " };
    // A tag longer than the column ("decision") still gets its space before the text.
    let prefix = format!("{pointer}{mark} {:<6} ", item.kind.tag());
    // The title is cut first: who owes it and how late stay whole while they leave it a few
    // words.
    let room = width.saturating_sub(prefix.width()).max(1);
    let tail = item.tail();
    let title_room = room.saturating_sub(tail.width()).max(TITLE_LEAST);
    let text = fit(&format!("{}{tail}", fit(&item.title, title_room)), room);
    let (mark_style, text_style) = if chosen {
        (
            mark_style.patch(theme.selected),
            theme.text.patch(theme.selected),
        )
    } else {
        (mark_style, theme.text)
    };
    Line::from(vec![
        Span::styled(prefix, mark_style),
        Span::styled(text, text_style),
    ])
}

/// The radar under the days.
pub fn render_radar(frame: &mut Frame<'_>, area: Rect, pane: &AgendaPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let items = pane.radar_items();
    let focused = pane.radar.focused;
    let hint = if focused {
        "j k choose · enter open · x done · v all · esc back"
    } else {
        "r to go through it · v all"
    };
    let width = usize::from(area.width);
    let mut title = vec![
        Span::styled(" Radar ", theme.title),
        Span::styled(format!("{} ", items.len()), theme.dim),
    ];
    if !items.is_empty() && width > 30 {
        title.push(Span::styled(
            fit(&format!("· {hint} "), width.saturating_sub(16)),
            theme.dim,
        ));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(if focused { theme.accent } else { theme.dim })
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if items.is_empty() {
        let ok = " ✓ Nothing needs attention: actions, reviews, goals and 1:1s are on track.";
        frame.render_widget(Lines::new(Span::styled(fit(ok, width), theme.ok)), inner);
        return;
    }
    let focus = if focused { pane.radar.selected } else { 0 };
    let height = usize::from(inner.height);
    let lines: Vec<Listed<'_>> = items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let line = if within_reach(n, focus, height) {
                item_line(item, focused && n == pane.radar.selected, width, theme)
            } else {
                Line::default()
            };
            Listed::new(line, Role::Row)
        })
        .collect();
    let shown = window(lines, height, focus, |n, _| {
        let keys = if focused {
            "v shows all"
        } else {
            "r to go through them, v all"
        };
        Line::from(Span::styled(format!(" ↓ +{n} more · {keys}"), theme.dim))
    });
    frame.render_widget(Lines::new(shown), inner);
}

/// Whether item `n` can be on screen with item `focus` in view in `height` rows: only those are
/// written out; the others (thousands of late reviews on ten years of data) are only counted,
/// as empty lines, by the window.
fn within_reach(n: usize, focus: usize, height: usize) -> bool {
    n.abs_diff(focus) <= height
}

/// The heading over one kind of item in the full view.
fn section(kind: RadarKind) -> &'static str {
    match kind {
        RadarKind::OverdueAction => "Actions overdue",
        RadarKind::AcceptanceExpired => "Risk acceptances expired: decide again",
        RadarKind::OverdueReview => "Risk reviews overdue",
        RadarKind::GoalBehind => "Goals behind schedule",
        RadarKind::MetricOffTarget => "Metrics off target two periods running",
        RadarKind::MetricMissing => "Numbers not entered",
        RadarKind::OneOnOneOverdue => "1:1s lapsed (older than twice the cadence)",
        RadarKind::DecisionPending => "Decisions pending (proposed more than two weeks ago)",
        RadarKind::SkipLevelOverdue => "Skip-levels not seen this cadence",
        RadarKind::ActionDueSoon | RadarKind::ReviewDueSoon => "Coming due",
    }
}

/// The radar on the whole pane, under a heading per kind.
pub fn render_radar_full(frame: &mut Frame<'_>, area: Rect, pane: &AgendaPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let items = pane.radar_items();
    let width = usize::from(area.width);
    let late = items.iter().filter(|i| i.kind.is_overdue()).count();
    let title = format!(
        " Radar · {}: {late} late, {} coming due ",
        plural(items.len(), "item"),
        items.len() - late
    );
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.accent)
        .title(Span::styled(fit(&title, width), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if items.is_empty() {
        frame.render_widget(
            Lines::new(Span::styled(" ✓ Nothing needs attention.", theme.ok)),
            inner,
        );
        return;
    }
    let height = usize::from(inner.height);
    let mut lines: Vec<Listed<'_>> = Vec::new();
    let mut focus = 0;
    let mut heading: Option<&str> = None;
    for (n, item) in items.iter().enumerate() {
        let this = section(item.kind);
        if heading != Some(this) {
            let count = items.iter().filter(|i| section(i.kind) == this).count();
            lines.push(Listed::new(
                Line::from(vec![
                    Span::styled(format!(" {this} "), theme.header),
                    Span::styled(format!(" {count}"), theme.dim),
                ]),
                Role::Header,
            ));
            heading = Some(this);
        }
        let chosen = n == pane.radar.selected;
        if chosen {
            focus = lines.len();
        }
        let line = if within_reach(n, pane.radar.selected, height) {
            item_line(item, chosen, width, theme)
        } else {
            Line::default()
        };
        lines.push(Listed::new(line, Role::Row));
    }
    let shown = window(lines, height, focus, |n, _| {
        Line::from(Span::styled(format!(" ↓ +{n} more (j, PgDn)"), theme.dim))
    });
    frame.render_widget(Lines::new(shown), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::{at, late_action};

    #[test]
    fn a_long_action_is_cut_in_its_title_and_keeps_who_owes_it_and_how_late() {
        let mut item = late_action(
            "Deadline ownership dependency staffing interview staffing latency.",
            at(9, 0).date() - chrono::Duration::days(15),
            15,
        );
        item.detail = "Rosa Lopez owes it".into();
        let text = item_line(&item, false, 80, &Theme::default()).to_string();
        assert!(
            text.ends_with("Rosa Lopez owes it, 15 days overdue"),
            "{text}"
        );
        assert!(text.contains("… — "), "{text}");
        assert!(text.width() <= 80, "{text}");
    }
}
