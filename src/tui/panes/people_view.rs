//! Drawing the people list and, on wide terminals, the selected person's details.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::ops::people::PersonOverview;
use crate::tui::model::Model;
use crate::tui::theme::Theme;

/// Below this width the detail panel would squeeze the table; show the table alone.
const DETAIL_MIN_WIDTH: u16 = 110;

pub fn render(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let theme = &model.theme;
    let pane = &model.people;
    if pane.loaded && pane.rows.is_empty() {
        render_empty(frame, area, theme);
        return;
    }
    let (list_area, detail_area) = if area.width >= DETAIL_MIN_WIDTH {
        let [l, d] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(area);
        (l, Some(d))
    } else {
        (area, None)
    };
    let wide = list_area.width >= 90;
    let header_cells: Vec<&str> = if wide {
        vec!["Name", "Role", "Team", "Relation", "1:1"]
    } else {
        vec!["Name", "Role", "1:1"]
    };
    let header = Row::new(header_cells).style(theme.header);
    let rows = pane.rows.iter().map(|p| {
        let cadence = p.cadence.clone().unwrap_or_else(|| "—".into());
        let cells: Vec<Cell> = if wide {
            vec![
                Cell::from(p.person.name.clone()),
                Cell::from(p.person.role.clone()),
                Cell::from(p.person.team.clone()),
                Cell::from(p.person.relation.as_str()),
                Cell::from(cadence),
            ]
        } else {
            vec![
                Cell::from(p.person.name.clone()),
                Cell::from(p.person.role.clone()),
                Cell::from(cadence),
            ]
        };
        Row::new(cells)
    });
    let widths: Vec<Constraint> = if wide {
        vec![
            Constraint::Percentage(22),
            Constraint::Percentage(24),
            Constraint::Percentage(14),
            Constraint::Length(11),
            Constraint::Fill(1),
        ]
    } else {
        vec![
            Constraint::Percentage(30),
            Constraint::Percentage(30),
            Constraint::Fill(1),
        ]
    };
    let title = Line::from(vec![
        Span::styled(" People ", theme.title),
        Span::styled(format!("{} ", pane.rows.len()), theme.dim),
    ]);
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .highlight_symbol("▌")
        .column_spacing(1)
        .block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme.dim)
                .title(title),
        );
    let mut state = TableState::default().with_selected(Some(pane.selected));
    frame.render_stateful_widget(table, list_area, &mut state);

    if let (Some(area), Some(person)) = (detail_area, pane.current()) {
        render_detail(frame, area, person, theme);
    }
}

fn render_empty(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let text = Text::from(vec![
        Line::default(),
        Line::from(Span::styled("No people yet", theme.title)),
        Line::default(),
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
    ])
    .centered();
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn render_detail(frame: &mut Frame<'_>, area: Rect, p: &PersonOverview, theme: &Theme) {
    let mut lines = vec![
        Line::from(Span::styled(
            p.person.name.clone(),
            theme.title.add_modifier(Modifier::BOLD),
        )),
        Line::from(Span::styled(
            [
                p.person.role.as_str(),
                p.person.team.as_str(),
                p.person.relation.as_str(),
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · "),
            theme.dim,
        )),
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
    let block = Block::default()
        .borders(Borders::LEFT | Borders::TOP)
        .border_style(theme.dim)
        .title(Span::styled(" Details ", theme.title));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
