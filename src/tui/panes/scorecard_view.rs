//! Drawing the scorecard's grid: a summary line, then one row per metric under its group's
//! heading: its last periods as coloured cells, the latest value, the target, a sparkline, the
//! trend and the owner. Columns are laid out for the width first; a narrow terminal shows fewer
//! periods and drops the optional columns whole, so no column is ever cut.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Sparkline, SparklineBar};

use super::scorecard::ScorecardPane;
use super::scorecard_form::target_text;
use crate::domain::metric::MetricGroup;
use crate::domain::metric_status::{Cell, Status, Trend};
use crate::ops::scorecard::{GRID_PERIODS, MetricView};
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::list::render_empty;
use crate::tui::widgets::text::fit;

const POINTER: u16 = 2;
const NAME_MIN: u16 = 20;
const NAME_MAX: u16 = 32;
const PERIODS_MIN: usize = 4;
const CELL: u16 = 2;
const VALUE: u16 = 8;
const TARGET: u16 = 8;
const TREND: u16 = 1;
const SPARK_MIN: u16 = 8;
const SPARK_MAX: u16 = GRID_PERIODS as u16;
const OWNER_MIN: u16 = 10;
const OWNER_MAX: u16 = 16;

/// The grid's columns for a width: what fits, whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    pub name: u16,
    pub periods: usize,
    pub spark: u16,
    pub owner: u16,
}

impl Grid {
    /// Fills `width` in order of importance: the name, a few periods, the latest value, the
    /// target and the trend always; then the owner, a sparkline, more periods (up to 13), a
    /// wider name, a wider owner and sparkline.
    pub fn for_width(width: u16) -> Grid {
        let fixed = POINTER + 1 + VALUE + 1 + TARGET + 1 + TREND + 1;
        let mut rest = width.saturating_sub(fixed + NAME_MIN);
        let mut take = |want: u16| {
            let got = want.min(rest);
            rest -= got;
            got
        };
        let periods = usize::from(take(PERIODS_MIN as u16 * CELL + 1).saturating_sub(1) / CELL);
        let owner = if take(OWNER_MIN + 1) == OWNER_MIN + 1 {
            OWNER_MIN
        } else {
            0
        };
        let spark = if take(SPARK_MIN + 1) == SPARK_MIN + 1 {
            SPARK_MIN
        } else {
            0
        };
        let more = usize::from(take((GRID_PERIODS - PERIODS_MIN) as u16 * CELL) / CELL);
        let name = NAME_MIN + take(NAME_MAX - NAME_MIN);
        let owner = if owner > 0 {
            owner + take(OWNER_MAX - OWNER_MIN)
        } else {
            0
        };
        let spark = if spark > 0 {
            spark + take(SPARK_MAX - SPARK_MIN)
        } else {
            0
        };
        Grid {
            name,
            periods: periods + more,
            spark,
            owner,
        }
    }

    /// The columns' areas in one row of `area`: name, cells, value, target, sparkline, trend,
    /// owner (zero-wide when left out).
    fn columns(self, row: Rect) -> [Rect; 7] {
        let gap = |w: u16| Constraint::Length(if w > 0 { w + 1 } else { 0 });
        let [_, name, cells, value, target, spark, trend, owner] = Layout::horizontal([
            Constraint::Length(POINTER),
            Constraint::Length(self.name + 1),
            gap(self.periods as u16 * CELL),
            Constraint::Length(VALUE + 1),
            Constraint::Length(TARGET + 1),
            gap(self.spark),
            Constraint::Length(TREND + 1),
            Constraint::Length(self.owner),
        ])
        .areas(row);
        [name, cells, value, target, spark, trend, owner]
    }
}

/// What a cell shows: a mark that reads without colour, in its status's colour.
pub fn cell_mark(status: Status, theme: &Theme) -> (&'static str, Style) {
    match status {
        Status::OnTarget => ("●", theme.ok),
        Status::Warning => ("▲", theme.warning),
        Status::OffTarget => ("✗", theme.error.add_modifier(Modifier::BOLD)),
        Status::NoTarget => ("○", theme.text),
        Status::Missing => ("?", theme.error),
        Status::Pending => ("·", theme.dim),
        Status::Untracked => (" ", theme.dim),
    }
}

/// The style a status's words take.
pub fn status_style(status: Status, theme: &Theme) -> Style {
    cell_mark(status, theme).1
}

pub fn trend_span(m: &MetricView, theme: &Theme) -> Span<'static> {
    let style = match m.trend.improving(m.metric.fields.direction) {
        Some(true) => theme.ok,
        Some(false) => theme.error,
        None => theme.dim,
    };
    Span::styled(m.trend.arrow(), style)
}

pub fn render(frame: &mut Frame<'_>, area: Rect, pane: &ScorecardPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    if pane.card.metrics.is_empty() {
        if pane.list.loaded {
            render_empty(
                frame,
                area,
                "No metrics yet",
                vec![
                    Line::from(vec![
                        Span::styled("a", theme.key),
                        Span::raw(" adds a KPI: its unit, target, warning threshold, cadence."),
                    ]),
                    Line::from(
                        "`bearing init --template director` offers the standard set (DORA, SLOs, \
                         incidents, people, cost).",
                    ),
                    Line::from("`bearing metric import FILE.csv` feeds numbers from scripts."),
                ],
                theme,
            );
        }
        return;
    }
    let [summary, header, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    render_summary(frame, summary, pane, ctx);
    let grid = Grid::for_width(area.width);
    render_header(frame, header, grid, theme);
    render_rows(frame, body, pane, grid, theme);
}

fn render_summary(frame: &mut Frame<'_>, area: Rect, pane: &ScorecardPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let s = &pane.card.summary;
    let mut spans = vec![Span::styled(
        format!(" {} ", crate::ops::markdown::plural(s.metrics, "metric")),
        theme.title,
    )];
    for (n, label, status) in [
        (s.on_target, "on target", Status::OnTarget),
        (s.warning, "warning", Status::Warning),
        (s.off_target, "off target", Status::OffTarget),
        (s.missing, "missing", Status::Missing),
    ] {
        if n == 0 && status == Status::Missing {
            continue;
        }
        spans.push(Span::styled("· ", theme.dim));
        let style = if n > 0 {
            status_style(status, theme)
        } else {
            theme.dim
        };
        spans.push(Span::styled(format!("{n} {label} "), style));
    }
    let line = Line::from(spans);
    let hints = Line::from(vec![
        Span::styled("l", theme.key),
        Span::styled(" log  ", theme.dim),
        Span::styled("Enter", theme.key),
        Span::styled(" chart  ", theme.dim),
        Span::styled("a", theme.key),
        Span::styled(" add ", theme.dim),
    ]);
    let fits = line.width() + hints.width() < usize::from(area.width);
    frame.render_widget(Lines::new(line), area);
    if fits {
        frame.render_widget(Lines::new(hints).right_aligned(), area);
    }
}

fn render_header(frame: &mut Frame<'_>, area: Rect, grid: Grid, theme: &Theme) {
    let [name, cells, value, target, spark, _, owner] = grid.columns(area);
    let style = theme.header;
    let put = |frame: &mut Frame<'_>, text: &str, rect: Rect, right: bool| {
        let width = usize::from(rect.width.saturating_sub(1));
        let text = fit(text, width);
        let text = if right {
            format!("{text:>width$}")
        } else {
            text
        };
        frame.render_widget(Line::from(Span::styled(text, style)), rect);
    };
    put(frame, "Metric", name, false);
    put(frame, &format!("last {} →", grid.periods), cells, false);
    put(frame, "Latest", value, true);
    put(frame, "Target", target, true);
    put(frame, "History", spark, false);
    put(frame, "Owner", owner, false);
}

/// A line of the grid: a group's heading or a metric (its index in the list).
enum GridLine {
    Group(MetricGroup),
    Metric(usize),
}

fn lines(pane: &ScorecardPane) -> Vec<GridLine> {
    let mut out = Vec::with_capacity(pane.card.metrics.len() + 6);
    let mut group = None;
    for (i, m) in pane.card.metrics.iter().enumerate() {
        let g = m.metric.fields.group;
        if group != Some(g) {
            out.push(GridLine::Group(g));
            group = Some(g);
        }
        out.push(GridLine::Metric(i));
    }
    out
}

fn render_rows(frame: &mut Frame<'_>, area: Rect, pane: &ScorecardPane, grid: Grid, theme: &Theme) {
    let lines = lines(pane);
    let selected = pane.list.selected;
    let at = lines
        .iter()
        .position(|l| matches!(l, GridLine::Metric(i) if *i == selected))
        .unwrap_or(0);
    // Keep the selected row in view, with its group's heading when there is room.
    let height = usize::from(area.height);
    let first = (at + 1).saturating_sub(height);
    for (n, line) in lines.iter().skip(first).take(height).enumerate() {
        let row = Rect {
            y: area.y + n as u16,
            height: 1,
            ..area
        };
        match line {
            GridLine::Group(g) => frame.render_widget(
                Line::from(Span::styled(
                    format!(" {}", g.title()),
                    theme.accent.add_modifier(Modifier::BOLD),
                )),
                row,
            ),
            GridLine::Metric(i) => {
                if let Some(m) = pane.card.metrics.get(*i) {
                    render_metric(frame, row, m, grid, *i == selected, theme);
                }
            }
        }
    }
}

fn render_metric(
    frame: &mut Frame<'_>,
    row: Rect,
    m: &MetricView,
    grid: Grid,
    selected: bool,
    theme: &Theme,
) {
    let f = &m.metric.fields;
    if selected {
        frame.render_widget(Lines::new("").style(theme.selected), row);
        frame.render_widget(Span::styled("▌", theme.accent), row);
    }
    let base = if selected { theme.selected } else { theme.text };
    let [name, cells, value, target, spark, trend, owner] = grid.columns(row);
    let right = |text: String, rect: Rect, style: Style| {
        let width = usize::from(rect.width.saturating_sub(1));
        Line::from(Span::styled(
            format!("{:>width$}", fit(&text, width)),
            style,
        ))
    };
    frame.render_widget(
        Span::styled(fit(&f.name, usize::from(grid.name)), base),
        name,
    );
    let shown: &[Cell] = &m.cells[m.cells.len().saturating_sub(grid.periods)..];
    let marks: Vec<Span> = shown
        .iter()
        .map(|c| {
            let (mark, style) = cell_mark(c.status, theme);
            Span::styled(format!("{mark} "), style)
        })
        .collect();
    frame.render_widget(Line::from(marks), cells);
    let latest_style = status_style(m.status, theme).patch(if selected {
        theme.selected
    } else {
        Style::default()
    });
    let latest = m
        .latest
        .map_or_else(|| "—".to_string(), |(_, v)| f.shown(v));
    frame.render_widget(right(latest, value, latest_style), value);
    let goal = target_text(f).map_or_else(|| "—".to_string(), |t| t.replace("target ", ""));
    frame.render_widget(right(goal, target, theme.dim.patch(base)), target);
    if spark.width > 1 {
        render_sparkline(
            frame,
            Rect {
                width: spark.width - 1,
                ..spark
            },
            m,
            theme,
        );
    }
    frame.render_widget(trend_span(m, theme), trend);
    if owner.width > 0 {
        let who = m.owner.as_deref().unwrap_or("me");
        frame.render_widget(
            Span::styled(fit(who, usize::from(owner.width)), theme.dim.patch(base)),
            owner,
        );
    }
}

/// The last values as bars, scaled between the lowest and highest shown; a missing period is
/// a gap.
pub fn render_sparkline(frame: &mut Frame<'_>, area: Rect, m: &MetricView, theme: &Theme) {
    let count = usize::from(area.width);
    let cells = &m.cells[m.cells.len().saturating_sub(count)..];
    let values: Vec<f64> = cells.iter().filter_map(|c| c.value).collect();
    let (low, high) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(*v), h.max(*v)));
    let bars: Vec<SparklineBar> = cells
        .iter()
        .map(|c| {
            let bar = c.value.map(|v| {
                if high > low {
                    1 + ((v - low) / (high - low) * 7.0).round() as u64
                } else {
                    4
                }
            });
            SparklineBar::from(bar)
        })
        .collect();
    let style = match m.trend {
        Trend::Unknown => theme.dim,
        _ => theme.accent,
    };
    frame.render_widget(
        Sparkline::default()
            .data(bars)
            .max(8)
            .style(style)
            .absent_value_symbol(" "),
        area,
    );
}
