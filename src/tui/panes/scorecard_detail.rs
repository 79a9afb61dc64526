//! One metric up close: its settings, a chart of its values against the target (and where
//! warning begins), the table of values with their notes, and the goals it measures. From 120
//! columns the chart and the table sit side by side; below that, one above the other.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType};
use unicode_width::UnicodeWidthStr;

use super::scorecard::ScorecardPane;
use super::scorecard_form::target_text;
use super::scorecard_view::{status_style, trend_span};
use crate::domain::metric::{Warn, format_number};
use crate::domain::metric_period::Period;
use crate::domain::metric_status::{by_period, period_status, threshold};
use crate::ops::scorecard::MetricView;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::text::fit;

/// From this width the chart and the values sit side by side.
const SIDE_BY_SIDE: u16 = 120;
/// The periods the chart spans at most.
const CHART_PERIODS: usize = 52;

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &ScorecardPane,
    m: &MetricView,
    ctx: &Ctx<'_>,
) {
    let theme = ctx.theme;
    let goals = u16::try_from(m.goals.len().min(3)).unwrap_or(0);
    // The links take at most a third of the height; the selected one stays in view.
    let link_lines = pane.links.lines(theme);
    let room = usize::from(area.height / 3).max(3);
    let links_height = u16::try_from(link_lines.len().min(room)).unwrap_or(0);
    let [head, body, linked, links] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(4),
        Constraint::Length(if goals > 0 { goals + 1 } else { 0 }),
        Constraint::Length(links_height),
    ])
    .areas(area);
    render_head(frame, head, m, theme);
    let (chart, table) = if area.width >= SIDE_BY_SIDE {
        let [chart, table] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(body);
        (chart, table)
    } else {
        let chart_rows = (body.height / 2).clamp(4, 10);
        let [chart, table] =
            Layout::vertical([Constraint::Length(chart_rows), Constraint::Min(2)]).areas(body);
        (chart, table)
    };
    render_chart(frame, chart, m, theme);
    render_values(frame, table, pane, m, ctx);
    render_goals(frame, linked, m, theme);
    render_links(frame, links, pane, link_lines);
}

/// The detail's "Links" section, scrolled so a selected link is in view.
fn render_links(frame: &mut Frame<'_>, area: Rect, pane: &ScorecardPane, lines: Vec<Line<'_>>) {
    let height = usize::from(area.height);
    // Two lines (blank, heading) come before the first link.
    let at = pane.links.selected.map_or(0, |i| i + 3);
    let skip = at.saturating_sub(height);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(skip)
        .map(|l| {
            let mut l = l;
            l.spans.insert(0, Span::raw(" "));
            l
        })
        .collect();
    frame.render_widget(Lines::new(shown), area);
}

fn render_head(frame: &mut Frame<'_>, area: Rect, m: &MetricView, theme: &Theme) {
    let f = &m.metric.fields;
    let width = usize::from(area.width);
    let name = fit(&f.name, width.saturating_sub(2));
    let about = format!(
        "· metric {} · {} · {} · {} · {}",
        m.id(),
        f.group,
        f.cadence,
        f.unit,
        f.direction.label()
    );
    let title = Line::from(vec![
        Span::styled(format!(" {name} "), theme.title),
        Span::styled(
            fit(&about, width.saturating_sub(name.width() + 2)),
            theme.dim,
        ),
    ]);
    let warn = match (f.warn, threshold(f)) {
        (Some(Warn::Band(b)), Some(t)) => {
            format!(" · warning within ±{} ({})", format_number(b), f.shown(t))
        }
        (Some(Warn::At(_)), Some(t)) => format!(" · warning at {}", f.shown(t)),
        _ => String::new(),
    };
    let target = target_text(f).unwrap_or_else(|| "no target".to_string());
    let baseline = m
        .baseline
        .map(|b| format!(" · baseline {}", f.shown(b)))
        .unwrap_or_default();
    let facts = vec![
        Span::styled(format!(" {target}{warn}{baseline} · now "), theme.text),
        Span::styled(
            m.latest
                .map_or_else(|| "—".to_string(), |(_, v)| f.shown(v)),
            status_style(m.status, theme),
        ),
        Span::styled(
            format!(" ({}) ", m.status.label()),
            status_style(m.status, theme),
        ),
        trend_span(m, theme),
    ];
    let who = m.owner.as_deref().unwrap_or("me");
    let mut more = format!(" Owner {who}");
    if !f.team.is_empty() {
        more.push_str(&format!(" · team {}", f.team));
    }
    if !f.source.is_empty() {
        more.push_str(&format!(" · source: {}", f.source));
    }
    let more = Line::from(Span::styled(fit(&more, width), theme.dim));
    let hints = Line::from(vec![
        Span::styled(" Esc", theme.key),
        Span::styled(" back  ", theme.dim),
        Span::styled("l", theme.key),
        Span::styled(" log  ", theme.dim),
        Span::styled("Enter", theme.key),
        Span::styled(" change value  ", theme.dim),
        Span::styled("d", theme.key),
        Span::styled(" delete value  ", theme.dim),
        Span::styled("e", theme.key),
        Span::styled(" edit metric", theme.dim),
    ]);
    frame.render_widget(
        Lines::new(vec![title, Line::from(facts), more, hints]),
        area,
    );
}

/// The values of the last [`CHART_PERIODS`] periods (x: periods from the first shown), the
/// target line and the warning line.
fn render_chart(frame: &mut Frame<'_>, area: Rect, m: &MetricView, theme: &Theme) {
    let f = &m.metric.fields;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim)
        .title(Span::styled(" Chart ", theme.title));
    let series = by_period(f, &m.history);
    let shown = &series[series.len().saturating_sub(CHART_PERIODS)..];
    let Some(&(first, _)) = shown.first() else {
        frame.render_widget(
            Lines::new(Span::styled(
                " No values yet: press l to log this period's number.",
                theme.dim,
            ))
            .block(block),
            area,
        );
        return;
    };
    let last = shown.last().map_or(first, |(p, _)| *p);
    let span = periods_between(first, last).max(1) as f64;
    let points: Vec<(f64, f64)> = shown
        .iter()
        .map(|(p, v)| (periods_between(first, *p) as f64, *v))
        .collect();
    let target = f.target;
    let warn = threshold(f);
    let mut low = f64::MAX;
    let mut high = f64::MIN;
    for v in points.iter().map(|(_, v)| *v).chain(target).chain(warn) {
        low = low.min(v);
        high = high.max(v);
    }
    let pad = ((high - low) * 0.1).max(if high == low { 1.0 } else { 0.0 });
    let (low, high) = (low - pad, high + pad);
    let target_line = target.map(|t| [(0.0, t), (span, t)]);
    let warn_line = warn.map(|w| [(0.0, w), (span, w)]);
    let mut datasets = Vec::new();
    if let Some(line) = &warn_line {
        datasets.push(
            Dataset::default()
                .name("warning")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.warning)
                .data(line),
        );
    }
    if let Some(line) = &target_line {
        datasets.push(
            Dataset::default()
                .name("target")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.ok)
                .data(line),
        );
    }
    datasets.push(
        Dataset::default()
            .name(f.name.clone())
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.accent)
            .data(&points),
    );
    let chart = Chart::new(datasets)
        .block(block)
        .x_axis(
            Axis::default()
                .style(theme.dim)
                .bounds([0.0, span])
                .labels([first.short_label(), last.short_label()]),
        )
        .y_axis(
            Axis::default()
                .style(theme.dim)
                .bounds([low, high])
                .labels([format_number(low), format_number(high)]),
        )
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)));
    frame.render_widget(chart, area);
}

/// How many periods after `from` `to` is.
fn periods_between(from: Period, to: Period) -> i64 {
    match from.cadence {
        crate::domain::metric::Cadence::Weekly => (to.start - from.start).num_weeks(),
        crate::domain::metric::Cadence::Monthly => months(from, to),
        crate::domain::metric::Cadence::Quarterly => months(from, to) / 3,
    }
}

fn months(from: Period, to: Period) -> i64 {
    use chrono::Datelike;
    i64::from(to.start.year() - from.start.year()) * 12 + i64::from(to.start.month())
        - i64::from(from.start.month())
}

fn render_values(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &ScorecardPane,
    m: &MetricView,
    ctx: &Ctx<'_>,
) {
    let theme = ctx.theme;
    let f = &m.metric.fields;
    let title = Line::from(vec![
        Span::styled(" Values ", theme.title),
        Span::styled(format!("{} ", m.history.len()), theme.dim),
    ]);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim)
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if m.history.is_empty() {
        return;
    }
    let height = usize::from(inner.height);
    let first = (pane.value_row + 1).saturating_sub(height);
    let label_width = 20;
    let value_width = 9;
    let status_width = 11;
    let note_width =
        usize::from(inner.width).saturating_sub(label_width + value_width + status_width + 4);
    let lines: Vec<Line> = m
        .history
        .iter()
        .rev()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, v)| {
            let period = Period::containing(v.period, f.cadence, f.week_start);
            let status = period_status(f, period, Some(v.value), m.tracked_from, ctx.today());
            let selected = i == pane.value_row;
            let base = if selected {
                theme.selected
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(if selected { "▌" } else { " " }, theme.accent),
                Span::styled(
                    format!("{:<label_width$} ", fit(&period.label(), label_width)),
                    base,
                ),
                Span::styled(
                    format!("{:>value_width$} ", fit(&f.shown(v.value), value_width)),
                    status_style(status, theme).patch(base),
                ),
                Span::styled(
                    format!("{:<status_width$} ", status.label()),
                    status_style(status, theme).patch(base),
                ),
                Span::styled(
                    fit(&v.note.replace('\n', " "), note_width),
                    theme.dim.patch(base),
                ),
            ])
        })
        .collect();
    frame.render_widget(Lines::new(lines), inner);
}

fn render_goals(frame: &mut Frame<'_>, area: Rect, m: &MetricView, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let mut lines = vec![Line::from(Span::styled(
        " Goals measured by it",
        theme.title,
    ))];
    for g in m
        .goals
        .iter()
        .take(usize::from(area.height.saturating_sub(1)))
    {
        lines.push(Line::from(vec![
            Span::styled(format!("  ◆ {} ", g.title), theme.text),
            Span::styled(format!("{}% · {}", g.progress, g.status), theme.dim),
        ]));
    }
    frame.render_widget(Lines::new(lines), area);
}
