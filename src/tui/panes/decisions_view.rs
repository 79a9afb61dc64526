//! Drawing the decision log and the selected record's details.

use crate::tui::widgets::table::TableRow;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use crate::ops::objects::decision::{DecisionView, meeting_words};
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{
    Columns, column_widths, fitted_row, render_detail, render_empty, render_table, with_detail,
};

use super::decisions::DecisionsPane;

const DETAIL_MIN_WIDTH: u16 = 120;

/// The list and, when there is room, the detail panel: shared with mouse hit-testing.
pub fn split(area: Rect) -> (Rect, Option<Rect>) {
    match with_detail(area, DETAIL_MIN_WIDTH, 55) {
        // Too narrow for a panel beside the list: the record goes under it, so its context,
        // chain and meeting can be read at 80×24 without opening the edit form.
        (list, None) if list.height >= NARROW_DETAIL_MIN_HEIGHT => {
            let [list, detail] =
                Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(list);
            (list, Some(detail))
        }
        split => split,
    }
}

/// The least height that fits the list over the detail when the panel cannot go beside it.
const NARROW_DETAIL_MIN_HEIGHT: u16 = 14;

pub fn render(frame: &mut Frame<'_>, area: Rect, pane: &DecisionsPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    if pane.list.loaded && pane.list.rows.is_empty() {
        let filters = pane.describe_filter();
        let (title, advice) = if pane.filter.is_set() {
            (
                "No decisions match",
                vec![Line::from(vec![
                    Span::raw(format!("None matches {filters}. Press ")),
                    Span::styled("x", theme.key),
                    Span::raw(" to show them all."),
                ])],
            )
        } else {
            (
                "No decisions yet",
                vec![Line::from(vec![
                    Span::raw("Press "),
                    Span::styled("a", theme.key),
                    Span::raw(" to record one, or write "),
                    Span::styled("decided: …", theme.key),
                    Span::raw(" in a meeting's notes."),
                ])],
            )
        };
        render_empty(frame, area, title, advice, theme);
        return;
    }
    let (list_area, detail) = split(area);
    let widths = [
        Constraint::Length(4),
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Fill(1),
    ];
    let fitted = column_widths(list_area.width, 1, &widths);
    let rows = pane.list.rows.iter().map(|d| {
        let f = &d.decision.fields;
        let status = if d.pending {
            format!("{} !", f.status)
        } else {
            f.status.to_string()
        };
        let style = if f.status.is_pending() {
            theme.warning
        } else if matches!(
            f.status,
            crate::domain::decision::DecisionStatus::Superseded
                | crate::domain::decision::DecisionStatus::Rejected
                | crate::domain::decision::DecisionStatus::Deprecated
        ) {
            theme.dim
        } else {
            theme.text
        };
        fitted_row(
            vec![
                Span::raw(d.decision.id.to_string()),
                Span::raw(f.date.format("%Y-%m-%d").to_string()),
                Span::raw(status),
                Span::raw(f.title.clone()),
            ],
            &fitted,
        )
        .style(style)
    });
    let header = TableRow::new(vec!["#", "Date", "Status", "Title"]);
    let filters = pane.describe_filter();
    let title = if filters.is_empty() {
        "Decisions".to_string()
    } else {
        format!("Decisions · {filters} · x clears ·")
    };
    render_table(
        frame,
        list_area,
        &title,
        Columns {
            header,
            widths: widths.to_vec(),
        },
        rows,
        pane.list.selected,
        theme,
    );
    match (detail, pane.list.current()) {
        (Some(area), Some(d)) => {
            let mut lines = detail_lines(d, theme);
            // The links under the facts, before the texts that may run off the bottom.
            let at = lines
                .iter()
                .position(|l| l.spans.is_empty())
                .unwrap_or(lines.len());
            lines.splice(at..at, pane.links.lines(theme));
            render_detail(frame, area, lines, theme);
        }
        _ if pane.links.selected.is_some() => pane.links.render_summary(frame, list_area, theme),
        _ => {}
    }
}

fn field(lines: &mut Vec<Line<'static>>, label: &str, value: String, theme: &Theme) {
    if !value.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<14}"), theme.dim),
            Span::raw(value),
        ]));
    }
}

fn detail_lines(d: &DecisionView, theme: &Theme) -> Vec<Line<'static>> {
    let f = &d.decision.fields;
    let mut lines = vec![
        Line::from(Span::styled(f.title.clone(), theme.title)),
        Line::from(Span::styled(
            format!("decision {} · {} · {}", d.decision.id, f.status, f.date),
            theme.dim,
        )),
    ];
    let people = |p: &[crate::ops::objects::decision::Named]| {
        p.iter()
            .map(|n| n.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    field(&mut lines, "Decided by", people(&d.deciders), theme);
    field(&mut lines, "Consulted", people(&d.consultees), theme);
    field(
        &mut lines,
        "Meeting",
        d.meeting.as_ref().map(meeting_words).unwrap_or_default(),
        theme,
    );
    field(
        &mut lines,
        "Superseded by",
        f.superseded_by
            .map(|i| format!("decision {i}"))
            .unwrap_or_default(),
        theme,
    );
    if d.chain.len() > 1 {
        field(
            &mut lines,
            "Chain",
            d.chain
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" → "),
            theme,
        );
    }
    if d.pending {
        lines.push(Line::from(Span::styled(
            "Pending: proposed more than two weeks ago",
            theme.warning,
        )));
    }
    for (heading, text) in [
        ("Context", &f.context),
        ("Decision", &f.decision),
        ("Consequences", &f.consequences),
    ] {
        if !text.trim().is_empty() {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(heading, theme.header)));
            lines.extend(text.lines().map(|l| Line::from(l.to_string())));
        }
    }
    lines
}
