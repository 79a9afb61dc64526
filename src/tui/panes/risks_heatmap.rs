//! The 5×5 heat map: likelihood up the side, impact along the bottom, each cell coloured by the
//! band of its score and showing how many risks sit there. The cursor cell's risks are listed
//! beside the map (or under it on narrow terminals); Enter shows them in the table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::risks_view::list_title;
use crate::domain::risk::Risk;
use crate::domain::risk_list::{RiskSort, compare, heat_counts};
use crate::domain::risk_score::{IMPACT_WORDS, LIKELIHOOD_WORDS, RiskScore};
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::text::wrap;

const LABEL_WIDTH: u16 = 17;
const CELL_MAX_WIDTH: u16 = 14;
const CELL_MAX_HEIGHT: u16 = 4;
/// From this width the cell's risks are listed beside the map.
const SIDE_LIST_MIN_WIDTH: u16 = 110;

pub fn render(frame: &mut Frame<'_>, area: Rect, pane: &super::risks::RisksPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim)
        .title(list_title(pane, ctx, "Heat map"));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let grid_width = LABEL_WIDTH + 5 * CELL_MAX_WIDTH;
    let (grid, info) = if inner.width >= SIDE_LIST_MIN_WIDTH {
        let [g, i] = Layout::horizontal([Constraint::Length(grid_width + 2), Constraint::Min(1)])
            .areas(inner);
        (g, i)
    } else {
        // The map as tall as it can be while leaving four lines for the cell's risks under it.
        let cell_h = (inner.height.saturating_sub(2 + 4) / 5).clamp(1, CELL_MAX_HEIGHT);
        let [g, _, i] = Layout::vertical([
            Constraint::Length(2 + 5 * cell_h),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(inner);
        (g, i)
    };
    render_grid(frame, grid, pane, ctx);
    render_cell_risks(frame, info, pane, ctx, inner.width >= SIDE_LIST_MIN_WIDTH);
}

fn render_grid(frame: &mut Frame<'_>, area: Rect, pane: &super::risks::RisksPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let counts = heat_counts(&pane.all, &pane.filter);
    // A line for "Likelihood" above, one for the impact labels below.
    let cell_h = (area.height.saturating_sub(2) / 5).clamp(1, CELL_MAX_HEIGHT);
    let cell_w = (area.width.saturating_sub(LABEL_WIDTH) / 5).clamp(3, CELL_MAX_WIDTH);
    let line = |y: u16, x: u16, width: u16| Rect::new(x, y, width, 1).intersection(area);
    frame.render_widget(
        Lines::new(Span::styled(" Likelihood ↑", theme.dim)),
        line(area.y, area.x, LABEL_WIDTH),
    );
    for row in 0..5u8 {
        let likelihood = 5 - row;
        let y = area.y + 1 + u16::from(row) * cell_h;
        let label = format!(
            " {likelihood} {}",
            LIKELIHOOD_WORDS[usize::from(likelihood - 1)]
        );
        frame.render_widget(
            Lines::new(Span::styled(label, theme.dim)),
            line(y + (cell_h - 1) / 2, area.x, LABEL_WIDTH),
        );
        for col in 0..5u8 {
            let impact = col + 1;
            let score = RiskScore { likelihood, impact };
            let count = counts[usize::from(likelihood - 1)][usize::from(impact - 1)];
            let rect = Rect::new(
                area.x + LABEL_WIDTH + u16::from(col) * cell_w,
                y,
                cell_w.saturating_sub(1),
                cell_h,
            )
            .intersection(area);
            render_cell(frame, rect, score, count, score == pane.cell, theme);
        }
    }
    let labels_y = area.y + 1 + 5 * cell_h;
    frame.render_widget(
        Lines::new(Span::styled(" Impact →", theme.dim)),
        line(labels_y, area.x, LABEL_WIDTH),
    );
    for col in 0..5u8 {
        let x = area.x + LABEL_WIDTH + u16::from(col) * cell_w;
        let label = format!("{} {}", col + 1, IMPACT_WORDS[usize::from(col)]);
        frame.render_widget(
            Lines::new(Span::styled(label, theme.dim)).centered(),
            line(labels_y, x, cell_w.saturating_sub(1)),
        );
    }
}

fn render_cell(
    frame: &mut Frame<'_>,
    rect: Rect,
    score: RiskScore,
    count: usize,
    cursor: bool,
    theme: &Theme,
) {
    if rect.is_empty() {
        return;
    }
    let mut style = theme.band_cell(score.band());
    if cursor {
        style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
    }
    let text = match (count, cursor) {
        (0, false) => "·".to_string(),
        (n, false) => n.to_string(),
        (n, true) => format!("▸ {n} ◂"),
    };
    let mut lines = vec![Line::default(); usize::from((rect.height - 1) / 2)];
    lines.push(Line::from(text));
    frame.render_widget(Lines::new(lines).style(style).centered(), rect);
}

/// The risks in the cursor cell, most severe and soonest first.
fn cell_risks(pane: &super::risks::RisksPane) -> Vec<&Risk> {
    let mut risks: Vec<&Risk> = pane
        .all
        .iter()
        .filter(|r| r.fields.score == pane.cell && pane.filter.admits_ignoring_cell(r))
        .collect();
    risks.sort_by(|a, b| compare(a, b, RiskSort::Review));
    risks
}

fn render_cell_risks(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &super::risks::RisksPane,
    ctx: &Ctx<'_>,
    side: bool,
) {
    let theme = ctx.theme;
    let cell = pane.cell;
    let risks = cell_risks(pane);
    let count = match risks.len() {
        0 => "no risks".to_string(),
        n => crate::ops::markdown::plural(n, "risk"),
    };
    let mut heading = vec![
        Span::styled(
            format!(" L{} × I{} = ", cell.likelihood, cell.impact),
            theme.dim,
        ),
        Span::styled(
            format!("{} {}", cell.value(), cell.band()),
            theme.band(cell.band()),
        ),
        Span::styled(format!(" · {count}"), theme.dim),
    ];
    if !risks.is_empty() {
        heading.push(Span::styled(" · ", theme.dim));
        heading.push(Span::styled("Enter", theme.key));
        heading.push(Span::styled(" lists them", theme.dim));
    }
    let mut lines = vec![Line::from(heading)];
    if side {
        lines.push(Line::default());
    }
    let today = ctx.today();
    // Beside the map titles wrap under themselves; under it, one line each.
    let width = if side {
        usize::from(area.width.saturating_sub(INDENT as u16 + 2)).max(10)
    } else {
        usize::MAX
    };
    for r in &risks {
        let late = if r.is_overdue(today) {
            Span::styled(" !", theme.overdue)
        } else {
            Span::raw("")
        };
        let mut parts = wrap(&r.fields.title, width).into_iter();
        lines.push(Line::from(vec![
            Span::styled(format!(" {:>3} ", r.id), theme.dim),
            Span::raw(parts.next().unwrap_or_default()),
        ]));
        lines.extend(parts.map(|p| Line::from(format!("{:INDENT$}{p}", ""))));
        if let Some(last) = lines.last_mut() {
            last.spans.push(late);
        }
    }
    frame.render_widget(Lines::new(lines), area);
}

/// Where a wrapped title continues: under the first word, after the id.
const INDENT: usize = 5;
