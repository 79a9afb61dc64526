//! Drawing the rituals list and the selected series' details.

use crate::tui::widgets::table::TableRow;
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

use crate::domain::agenda::meeting_title;
use crate::ops::rituals::RitualOverview;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{
    Columns, column_widths, fitted_row, render_detail, render_empty, render_table, with_detail,
};

const DETAIL_MIN_WIDTH: u16 = 120;

/// The list and, when there is room, the detail panel: shared with mouse hit-testing.
pub fn split(area: Rect) -> (Rect, Option<Rect>) {
    with_detail(area, DETAIL_MIN_WIDTH, 62)
}

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &super::rituals::RitualsPane,
    ctx: &Ctx<'_>,
) {
    let theme = ctx.theme;
    if pane.list.loaded && pane.list.rows.is_empty() {
        let advice = vec![
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("a", theme.key),
                Span::raw(
                    " to add a recurring meeting, or load a director's standard cadence with",
                ),
            ]),
            Line::from(Span::styled("bearing init --template director", theme.key)),
        ];
        render_empty(frame, area, "No rituals yet", advice, theme);
        return;
    }
    let (list_area, detail) = split(area);
    let widths = [
        Constraint::Length(3),
        Constraint::Percentage(32),
        Constraint::Fill(1),
        Constraint::Length(16),
    ];
    let fitted = column_widths(list_area.width, 1, &widths);
    let rows = pane.list.rows.iter().map(|r| {
        let next = r.next.map_or_else(
            || "ended".to_string(),
            |t| t.format("%a %-d %b %H:%M").to_string(),
        );
        fitted_row(
            vec![
                Span::raw(r.ritual.id.to_string()),
                Span::raw(meeting_title(&r.ritual.fields.name, r.person.as_deref())),
                Span::raw(r.schedule.clone()),
                Span::raw(next),
            ],
            &fitted,
        )
        .style(if r.ended { theme.dim } else { theme.text })
    });
    let header = TableRow::new(vec!["ID", "Name", "When", "Next"]);
    render_table(
        frame,
        list_area,
        "Rituals",
        Columns {
            header,
            widths: widths.to_vec(),
        },
        rows,
        pane.list.selected,
        theme,
    );
    match (detail, pane.current()) {
        (Some(area), Some(r)) => {
            let mut lines = detail_lines(r, theme);
            lines.extend(pane.links.lines(theme));
            render_detail(frame, area, lines, theme);
        }
        // No room for the detail: a selected link takes the table's last line, so what Enter
        // opens is in view.
        _ if pane.links.selected.is_some() => {
            pane.links.render_summary(frame, list_area, theme);
        }
        _ => {}
    }
}

fn detail_lines(r: &RitualOverview, theme: &Theme) -> Vec<Line<'static>> {
    let f = &r.ritual.fields;
    let mut lines = vec![
        Line::from(Span::styled(f.name.clone(), theme.title)),
        Line::from(Span::styled(
            format!("ritual {} · {}", r.ritual.id, r.schedule),
            theme.dim,
        )),
    ];
    if let Some(p) = &r.person {
        lines.push(Line::from(vec![
            Span::styled("1:1 with ", theme.dim),
            Span::raw(p.clone()),
        ]));
    }
    if f.prep_min > 0 {
        lines.push(Line::from(Span::styled(
            format!("{} min of prep", f.prep_min),
            theme.dim,
        )));
    }
    if let Some(rule) = &f.rrule {
        lines.push(Line::from(Span::styled(format!("RRULE {rule}"), theme.dim)));
    }
    if !f.attendees.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Attendees", theme.header)));
        lines.push(Line::from(f.attendees.clone()));
    }
    if !f.agenda.trim().is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Agenda", theme.header)));
        lines.extend(f.agenda.lines().map(|l| Line::from(format!("☐ {l}"))));
    }
    lines.push(Line::default());
    let when = |t: Option<NaiveDateTime>| {
        t.map_or("—".to_string(), |t| {
            t.format("%a %-d %b %Y %H:%M").to_string()
        })
    };
    lines.push(Line::from(vec![
        Span::styled("Last  ", theme.dim),
        Span::raw(when(r.last)),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Next  ", theme.dim),
        Span::raw(when(r.next)),
    ]));
    lines
}
