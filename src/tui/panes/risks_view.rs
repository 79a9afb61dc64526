//! Drawing the Risks tab: a header line (the register at a glance and the keys), then the table
//! with the selected risk's details beside it on wide terminals and a summary under it on narrow
//! ones, or the heat map.

use crate::domain::Word;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use crate::tui::widgets::table::{Table, TableRow};

use super::risks::RiskView;
use super::risks_detail::{detail_lines, review_text, summary_lines, trend_style};
use crate::domain::risk::{Risk, RiskStatus};
use crate::domain::risk_score::Band;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::list::{
    column_widths, fitted_row, render_detail, render_empty, with_detail,
};
use crate::tui::widgets::text::line_in_columns;

/// From this width the selected risk's details sit beside the table.
const DETAIL_MIN_WIDTH: u16 = 120;
/// From this width the table has an owner column ...
const OWNER_MIN_WIDTH: u16 = 90;
/// ... and from this one category and status columns too.
const ALL_COLUMNS_MIN_WIDTH: u16 = 130;
/// Below the table on narrow terminals: a rule and three lines about the selected risk.
const SUMMARY_ROWS: u16 = 4;

pub fn render(frame: &mut Frame<'_>, area: Rect, pane: &super::risks::RisksPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    if pane.loaded() && pane.all.is_empty() {
        let advice = vec![
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("a", theme.key),
                Span::raw(
                    " to add a risk: \"If <cause>, then <effect>\", with likelihood and impact 1–5.",
                ),
            ]),
            Line::from(Span::styled(
                "Or from a script: bearing risk add --title T --likelihood 3 --impact 4",
                theme.dim,
            )),
        ];
        render_empty(frame, area, "No risks yet", advice, theme);
        return;
    }
    let [header, body] = header_and_body(area);
    render_header(frame, header, pane, ctx);
    match pane.view {
        RiskView::Table => render_table_view(frame, body, pane, ctx),
        RiskView::HeatMap => super::risks_heatmap::render(frame, body, pane, ctx),
    }
}

/// The pane's header line and the table or heat map under it.
pub fn header_and_body(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area)
}

/// The table, and beside it the details (wide) or under it a summary (narrow and tall enough):
/// shared with mouse hit-testing.
pub fn table_split(area: Rect) -> (Rect, Option<Rect>, Option<Rect>) {
    let (table_area, detail_area) = with_detail(area, DETAIL_MIN_WIDTH, 60);
    if detail_area.is_none() && area.height >= 14 {
        let [t, s] = Layout::vertical([Constraint::Min(1), Constraint::Length(SUMMARY_ROWS)])
            .areas(table_area);
        (t, None, Some(s))
    } else {
        (table_area, detail_area, None)
    }
}

/// The active register at a glance (risks per band, overdue ones) and the pane's keys.
fn render_header(frame: &mut Frame<'_>, area: Rect, pane: &super::risks::RisksPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let today = ctx.today();
    let active: Vec<&Risk> = pane
        .all
        .iter()
        .filter(|r| r.fields.status != RiskStatus::Closed)
        .collect();
    let mut counts = Vec::new();
    for band in Band::SEVERE_FIRST {
        let n = active
            .iter()
            .filter(|r| r.fields.score.band() == band)
            .count();
        if n > 0 {
            counts.push(Span::styled(format!(" {n} {band}"), theme.band(band)));
        }
    }
    let overdue = active.iter().filter(|r| r.is_overdue(today)).count();
    let overdue =
        (overdue > 0).then(|| Span::styled(format!("  {overdue} overdue"), theme.overdue));
    // Too narrow for it all: the title goes first, then the mildest bands, so no number is ever
    // cut in half ("… 261 low  13" read as 13 overdue of 132).
    let mut title = Some(Span::styled(" Risk register ", theme.title));
    let left = loop {
        let line = Line::from(
            title
                .iter()
                .chain(&counts)
                .chain(&overdue)
                .cloned()
                .collect::<Vec<_>>(),
        );
        if line.width() <= usize::from(area.width) {
            break line;
        }
        if title.take().is_none() && counts.pop().is_none() {
            break line;
        }
    };
    let mut hints = Vec::new();
    for (key, what) in [
        ("R", " review  "),
        ("v", " heat map  "),
        ("o", " sort  "),
        ("f c b t", " filter  "),
        ("x", " clear "),
    ] {
        hints.push(Span::styled(key, theme.key));
        hints.push(Span::styled(what, theme.dim));
    }
    let hints = Line::from(hints);
    let fits = left.width() + hints.width() + 2 <= usize::from(area.width);
    frame.render_widget(Lines::new(left), area);
    if fits {
        let width = hints.width() as u16;
        let right = Rect {
            x: area.x + area.width - width,
            width,
            ..area
        };
        frame.render_widget(Lines::new(hints), right);
    }
}

/// The table's title: how many of how many, the order, the filters and the key that clears them.
pub fn list_title(pane: &super::risks::RisksPane, ctx: &Ctx<'_>, noun: &str) -> Line<'static> {
    let theme = ctx.theme;
    let mut spans = vec![
        Span::styled(format!(" {noun} "), theme.title),
        Span::styled(
            format!(
                "{} of {} · by {} ",
                pane.list.rows.len(),
                pane.all.len(),
                pane.sort.label()
            ),
            theme.dim,
        ),
    ];
    let filters = pane.filter.describe();
    if filters.is_empty() {
        spans.push(Span::styled("· active ", theme.dim));
    } else {
        spans.push(Span::styled(
            format!("· {} ", filters.join(" · ")),
            theme.warning,
        ));
        spans.push(Span::styled("x", theme.key));
        spans.push(Span::styled(" clears ", theme.dim));
    }
    Line::from(spans)
}

fn render_table_view(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &super::risks::RisksPane,
    ctx: &Ctx<'_>,
) {
    let theme = ctx.theme;
    let (table_area, detail_area, summary_area) = table_split(area);
    render_table(frame, table_area, pane, ctx);
    let Some(risk) = pane.current() else {
        return;
    };
    if let Some(area) = detail_area {
        let mut lines = detail_lines(risk, ctx.today(), theme);
        // The links under the facts, before the history that may run off the bottom.
        let at = lines
            .iter()
            .position(|l| {
                l.spans
                    .first()
                    .is_some_and(|s| s.content == "Score history")
            })
            .map_or(lines.len(), |i| i.saturating_sub(1));
        lines.splice(at..at, pane.links.lines(theme));
        render_detail(frame, area, lines, theme);
    }
    if let Some(area) = summary_area {
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.dim);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let mut lines = summary_lines(risk, ctx.today(), inner.width, theme);
        // A selected link takes the history's line, so Enter's target is in view.
        if pane.links.selected.is_some() {
            lines.pop();
            lines.push(pane.links.summary_line(theme));
        }
        let lines: Vec<Line> = lines.into_iter().map(line_in_columns).collect();
        frame.render_widget(Lines::new(lines), inner);
    }
}

/// The rows that fit, keeping the selected one in view: only these are built, so a register of
/// thousands draws as fast as one of ten.
fn window(len: usize, selected: usize, height: usize) -> (usize, usize) {
    let start = (selected + 1).saturating_sub(height.max(1));
    (start, (start + height).min(len))
}

fn render_table(frame: &mut Frame<'_>, area: Rect, pane: &super::risks::RisksPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let today = ctx.today();
    let owner = area.width >= OWNER_MIN_WIDTH;
    let all = area.width >= ALL_COLUMNS_MIN_WIDTH;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim)
        .title(list_title(pane, ctx, "Risks"));
    // One line for the border, one for the column names.
    let height = usize::from(area.height.saturating_sub(2));
    let (start, end) = window(pane.list.rows.len(), pane.list.selected, height);
    let rows: Vec<(Vec<Span>, Style)> = pane
        .list
        .rows
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| pane.all.get(s.index))
        .map(|r| risk_row(r, today, (owner, all), theme))
        .collect();
    let mut header = vec!["#", "Score", "", "Title"];
    // As wide as the largest number (risk 1000 showed as "10…"), at least three.
    let largest = pane.all.iter().map(|r| r.id).max().unwrap_or(0);
    let digits = largest.to_string().len().max(3);
    let mut widths = vec![
        Constraint::Length(u16::try_from(digits).unwrap_or(3)),
        Constraint::Length(11),
        Constraint::Length(1),
        Constraint::Fill(1),
    ];
    if all {
        header.push("Category");
        widths.push(Constraint::Length(11));
    }
    if owner {
        header.push("Owner");
        widths.push(Constraint::Length(16));
    }
    if all {
        header.push("Status");
        widths.push(Constraint::Length(10));
    }
    header.push("Review");
    widths.push(Constraint::Length(10));
    let fitted = column_widths(area.width, 1, &widths);
    let rows: Vec<TableRow> = rows
        .into_iter()
        .map(|(cells, style)| fitted_row(cells, &fitted).style(style))
        .collect();
    let empty = rows.is_empty();
    let table = Table::new(rows, widths)
        .header(TableRow::new(header).style(theme.header))
        .row_highlight_style(theme.selected)
        .highlight_symbol("▌")
        .column_spacing(1)
        .block(block);
    let selected = (!empty).then(|| pane.list.selected - start);
    frame.render_widget(table.selected(selected), area);
    if empty && area.height > 3 {
        let note = Line::from(vec![
            Span::styled("  No risks match the filters: ", theme.dim),
            Span::styled("x", theme.key),
            Span::styled(" clears them.", theme.dim),
        ]);
        frame.render_widget(
            Lines::new(note),
            Rect {
                y: area.y + 2,
                height: 1,
                ..area
            },
        );
    }
}

/// A table row's cells and style; `(owner, all)` says which optional columns are shown.
fn risk_row(
    r: &Risk,
    today: NaiveDate,
    columns: (bool, bool),
    theme: &Theme,
) -> (Vec<Span<'static>>, Style) {
    let (owner, all) = columns;
    let f = &r.fields;
    let band = f.score.band();
    let trend = r.trend();
    let mut cells = vec![
        Span::raw(format!("{:>3}", r.id)),
        Span::styled(format!("{:>2} {band}", f.score.value()), theme.band(band)),
        Span::styled(trend.arrow(), trend_style(trend, theme)),
        Span::raw(f.title.clone()),
    ];
    if all {
        cells.push(Span::raw(f.category.as_str()));
    }
    if owner {
        cells.push(Span::raw(if f.owner.is_empty() {
            "—".to_string()
        } else {
            f.owner.clone()
        }));
    }
    if all {
        cells.push(Span::raw(f.status.as_str()));
    }
    let (review, review_style) = review_text(f, today, theme);
    cells.push(Span::styled(review, review_style));
    let style = if f.status == RiskStatus::Closed {
        theme.dim
    } else {
        Style::default()
    };
    (cells, style)
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_keeps_the_selected_row_in_view() {
        assert_eq!(window(1000, 0, 20), (0, 20));
        assert_eq!(window(1000, 19, 20), (0, 20));
        assert_eq!(window(1000, 20, 20), (1, 21));
        assert_eq!(window(1000, 999, 20), (980, 1000));
        assert_eq!(window(5, 4, 20), (0, 5));
        assert_eq!(window(0, 0, 20), (0, 0));
        assert_eq!(window(10, 3, 0), (3, 3), "no room: nothing drawn, no panic");
    }
}
