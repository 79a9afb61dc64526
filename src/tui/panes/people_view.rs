//! Drawing the people list and, on wide terminals, the selected person's details.

use crate::domain::Word;
use crate::tui::widgets::table::TableRow;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::people_group::{Slot, slot_of, slots};
use super::person_view::state_style;
use crate::ops::people::PersonOverview;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::list::{
    Columns, column_widths, fitted_row, render_counted_table, render_detail, render_empty,
    with_detail,
};

/// Below this width the detail panel would squeeze the table; show the table alone.
const DETAIL_MIN_WIDTH: u16 = 110;

/// The list and, when there is room, the detail panel: shared with mouse hit-testing.
pub fn split(area: Rect) -> (Rect, Option<Rect>) {
    with_detail(area, DETAIL_MIN_WIDTH, 64)
}

pub fn render(
    frame: &mut Frame<'_>,
    area: Rect,
    people: &super::people::PeoplePane,
    ctx: &Ctx<'_>,
) {
    let theme = ctx.theme;
    let pane = &people.list;
    let by_manager = people.group == super::people_group::PeopleGroup::Manager;
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
    let (list_area, detail_area) = split(area);
    let wide = list_area.width >= 100;
    let now = ctx.now;
    let mut names = vec!["Name"];
    let mut widths = vec![Constraint::Min(14)];
    if wide {
        names.extend(["Role", "Team"]);
        widths.extend([Constraint::Percentage(20), Constraint::Percentage(12)]);
    }
    names.extend(["1:1", "Last", "Next", "Open", "Topics"]);
    widths.extend([
        Constraint::Percentage(if wide { 22 } else { 30 }),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(6),
        Constraint::Length(6),
    ]);
    // Cells too long for their column end in "…" ("monthly on the last Mond" was cut mid-word).
    let fitted = column_widths(list_area.width, 1, &widths);
    let person_row = |p: &PersonOverview| {
        let s = &p.stats;
        let id = p.person.id;
        // By manager: indented under the one they report to; my skip-levels marked ».
        let name = if by_manager {
            let depth = people.org.depth.get(&id).copied().unwrap_or(0);
            let mark = if people.org.skip_levels.contains(&id) {
                "» "
            } else {
                ""
            };
            format!("{}{mark}{}", "  ".repeat(depth), p.person.name)
        } else {
            p.person.name.clone()
        };
        let mut cells = vec![Span::raw(name)];
        if wide {
            cells.push(Span::raw(p.person.role.clone()));
            cells.push(Span::raw(p.person.team.clone()));
        }
        let last = s.days_since.map_or("—".to_string(), |d| {
            if d == 0 {
                "today".into()
            } else {
                format!("{d}d ago")
            }
        });
        let next = s.next.map_or("—".to_string(), |t| {
            if t.date() == now.date() {
                t.format("%H:%M").to_string()
            } else {
                t.format("%a %-d").to_string()
            }
        });
        let open = if s.open_mine + s.open_theirs == 0 {
            "—".to_string()
        } else {
            format!("{}/{}", s.open_mine, s.open_theirs)
        };
        let topics = if s.topics == 0 {
            "—".to_string()
        } else {
            s.topics.to_string()
        };
        // Until the last slice of their delete (or its resumption after a crash) the 1:1 column
        // says so: the cadence no longer matters, and the name stays whole.
        let cadence = match p.deleting {
            Some(_) => Span::styled("being deleted", theme.warning),
            None => Span::raw(short_cadence(p)),
        };
        cells.extend([
            cadence,
            Span::styled(last, state_style(s.state, theme)),
            Span::raw(next),
            Span::raw(open),
            Span::raw(topics),
        ]);
        fitted_row(cells, &fitted)
    };
    let slots = slots(&pane.rows, people.group);
    let rows: Vec<TableRow> = slots
        .iter()
        .map(|slot| match slot {
            Slot::Header(label) => TableRow::new([Span::styled(label.clone(), theme.header)]),
            Slot::Person(i) => pane.rows.get(*i).map(person_row).unwrap_or_default(),
        })
        .collect();
    let header = TableRow::new(names);
    render_counted_table(
        frame,
        list_area,
        (people.group.title(), pane.rows.len()),
        Columns { header, widths },
        rows,
        slot_of(&slots, pane.selected),
        theme,
    );
    if let (Some(area), Some(person)) = (detail_area, pane.current()) {
        render_detail(frame, area, detail_lines(person, theme), theme);
    }
}

/// The cadence without its time, which the Next column already shows.
fn short_cadence(p: &PersonOverview) -> String {
    match (&p.cadence, &p.at) {
        (Some(c), Some(at)) => c.trim_end_matches(&format!(" at {at}")).to_string(),
        (Some(c), None) => c.clone(),
        _ => "—".to_string(),
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
