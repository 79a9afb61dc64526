//! Drawing the people list and, on wide terminals, the selected person's details.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row};

use crate::ops::people::PersonOverview;
use crate::tui::model::Model;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{Columns, render_detail, render_empty, render_table, with_detail};

/// Below this width the detail panel would squeeze the table; show the table alone.
const DETAIL_MIN_WIDTH: u16 = 110;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let theme = &model.theme;
    let pane = &model.people;
    if pane.loaded && pane.rows.is_empty() {
        let advice = vec![
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("a", theme.key),
                Span::raw(" to add your first direct report, peer or stakeholder."),
            ]),
            Line::from(Span::styled(
                "Give them a 1:1 cadence and their 1:1s appear on the agenda.",
                theme.dim,
            )),
            Line::default(),
            Line::from(Span::styled(
                "Just looking around? Run `bearing demo` for a populated sample.",
                theme.dim,
            )),
        ];
        render_empty(frame, area, "No people yet", advice, theme);
        return;
    }
    let (list_area, detail_area) = with_detail(area, DETAIL_MIN_WIDTH, 60);
    let wide = list_area.width >= 90;
    let cadence = |p: &PersonOverview| p.cadence.clone().unwrap_or_else(|| "—".into());
    let (header, widths) = if wide {
        (
            Row::new(vec!["Name", "Role", "Team", "Relation", "1:1"]),
            vec![
                Constraint::Percentage(22),
                Constraint::Percentage(24),
                Constraint::Percentage(14),
                Constraint::Length(11),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            Row::new(vec!["Name", "Role", "1:1"]),
            vec![
                Constraint::Percentage(30),
                Constraint::Percentage(30),
                Constraint::Fill(1),
            ],
        )
    };
    let rows = pane.rows.iter().map(|p| {
        let mut cells = vec![
            Cell::from(p.person.name.clone()),
            Cell::from(p.person.role.clone()),
        ];
        if wide {
            cells.push(Cell::from(p.person.team.clone()));
            cells.push(Cell::from(p.person.relation.as_str()));
        }
        cells.push(Cell::from(cadence(p)));
        Row::new(cells)
    });
    render_table(
        frame,
        list_area,
        "People",
        Columns { header, widths },
        rows,
        pane.selected,
        theme,
    );
    if let (Some(area), Some(person)) = (detail_area, pane.current()) {
        render_detail(frame, area, detail_lines(person, theme), theme);
    }
}

fn detail_lines(p: &PersonOverview, theme: &Theme) -> Vec<Line<'static>> {
    let facts = [
        p.person.role.as_str(),
        p.person.team.as_str(),
        p.person.relation.as_str(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" · ");
    let mut lines = vec![
        Line::from(Span::styled(
            p.person.name.clone(),
            theme.title.add_modifier(Modifier::BOLD),
        )),
        Line::from(Span::styled(facts, theme.dim)),
        Line::default(),
        Line::from(vec![
            Span::styled("1:1  ", theme.dim),
            Span::raw(p.cadence.clone().unwrap_or_else(|| "no regular 1:1".into())),
        ]),
    ];
    for (label, body) in [
        ("Career goals", &p.person.career_goals),
        ("Context", &p.person.context),
    ] {
        if body.trim().is_empty() {
            continue;
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(label, theme.header)));
        lines.extend(body.lines().map(|l| Line::from(l.to_string())));
    }
    lines
}
