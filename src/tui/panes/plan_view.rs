//! Drawing the plan: where it stands, a gauge per phase, and the goals by phase.

use crate::domain::Word;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Wrap};

use crate::domain::plan::{Confidence, GoalStatus, PHASES};
use crate::ops::markdown::plural;
use crate::ops::plan::{GoalView, PhaseView};
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::list::render_empty;
use crate::tui::widgets::text::fit;
use unicode_width::UnicodeWidthStr;

const COLUMNS_MIN_WIDTH: u16 = 140;

/// Progress over time in eight levels, one character per check-in.
pub fn sparkline(values: &[u32]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| LEVELS[(*v as usize * (LEVELS.len() - 1) + 50) / 100])
        .collect()
}

fn history(g: &GoalView) -> Vec<u32> {
    g.history.iter().map(|c| c.progress).collect()
}

fn status_icon(status: GoalStatus) -> &'static str {
    match status {
        GoalStatus::Todo => "○",
        GoalStatus::Doing => "◐",
        GoalStatus::Done => "●",
        GoalStatus::Dropped => "✗",
    }
}

fn goal_style(g: &GoalView, theme: &Theme) -> Style {
    match (g.goal.fields.status, g.behind, g.goal.fields.confidence) {
        (GoalStatus::Done | GoalStatus::Dropped, _, _) => theme.dim,
        (_, true, _) | (_, _, Confidence::OffTrack) => theme.error,
        (_, _, Confidence::AtRisk) => theme.warning,
        _ => theme.text,
    }
}

pub fn render(frame: &mut Frame<'_>, area: Rect, pane: &super::plan::PlanPane, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let Some(view) = &pane.view else {
        return;
    };
    let (Some(start), Some(day)) = (view.start, view.day) else {
        let advice = vec![
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("S", theme.key),
                Span::raw(" to start your plan on the day you started in the role, then "),
                Span::styled("a", theme.key),
                Span::raw(" to add goals."),
            ]),
            Line::from(Span::styled(
                "Or load the director starter: bearing init --template director",
                theme.dim,
            )),
        ];
        render_empty(frame, area, "No 30/60/90-day plan yet", advice, theme);
        return;
    };
    let shown: Vec<&PhaseView> = view
        .phases
        .iter()
        .enumerate()
        .filter(|(i, p)| *i < 3 || !p.goals.is_empty() || *i == pane.phase)
        .map(|(_, p)| p)
        .collect();
    // The gauges take a second line for the done counts when a cell is too narrow for one.
    let cells = Layout::horizontal(
        shown
            .iter()
            .map(|_| Constraint::Ratio(1, shown.len() as u32)),
    )
    .split(Rect { height: 1, ..area });
    let two_lines = shown
        .iter()
        .zip(cells.iter())
        .any(|(p, c)| gauge_label(p, c.width).is_none());
    let [head, gauges, body, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(if two_lines { 2 } else { 1 }),
        Constraint::Min(4),
        Constraint::Length(if area.height >= 36 { 7 } else { 4 }),
    ])
    .areas(area);

    let behind = view.behind().count();
    let mut line = vec![
        Span::styled(" 30/60/90 ", theme.title),
        Span::styled(
            format!("from {} · ", start.format("%a %-d %b %Y")),
            theme.dim,
        ),
        Span::styled(day.describe(), theme.today),
    ];
    if behind > 0 {
        line.push(Span::styled(
            format!("  ▲ {behind} behind schedule"),
            theme.error,
        ));
    }
    let second = match view.phases.iter().find(|p| p.unfinished_after_end > 0) {
        Some(p) => Line::from(Span::styled(
            format!(
                " {} ended with {}: select one and press o to roll it over",
                p.label,
                plural(p.unfinished_after_end, "open goal")
            ),
            theme.warning,
        )),
        None => Line::from(Span::styled(
            " h/l phase · j/k goal · c check in · a add · e edit · S plan start",
            theme.dim,
        )),
    };
    frame.render_widget(Lines::new(vec![Line::from(line), second]), head);

    for (p, cell) in shown.iter().zip(cells.iter()) {
        let cell = Rect {
            y: gauges.y,
            height: 1,
            ..*cell
        };
        let label = gauge_label(p, cell.width).unwrap_or_else(|| {
            fit(
                &format!(" {} {}% ", short_label(p), p.average_progress),
                usize::from(cell.width),
            )
        });
        let gauge = LineGauge::default()
            .ratio((f64::from(p.average_progress) / 100.0).clamp(0.0, 1.0))
            .label(Span::styled(label, theme.text))
            .filled_style(theme.ok)
            .unfilled_style(theme.dim);
        frame.render_widget(gauge, cell);
        if two_lines {
            let done = fit(
                &format!(" {}/{} done", p.done, p.counted),
                usize::from(cell.width),
            );
            frame.render_widget(
                Lines::new(Span::styled(done, theme.dim)),
                Rect {
                    y: gauges.y + 1,
                    ..cell
                },
            );
        }
    }

    if area.width >= COLUMNS_MIN_WIDTH {
        let cols = Layout::horizontal(
            shown
                .iter()
                .map(|_| Constraint::Ratio(1, shown.len() as u32)),
        )
        .split(body);
        for (p, col) in shown.iter().zip(cols.iter()) {
            let selected_phase = PHASES.get(pane.phase) == Some(&p.phase);
            let title = phase_title(p, selected_phase, theme);
            // Inside the block's top and right borders, below the phase's title.
            let width = col.width.saturating_sub(1);
            let room = usize::from(col.height.saturating_sub(1))
                .saturating_sub(rows(std::slice::from_ref(&title), width));
            let mut lines = vec![title];
            let card = |i: usize, g: &GoalView| {
                goal_card(g, selected_phase && i == pane.goal, ctx.today(), theme)
            };
            let first = if selected_phase {
                first_shown(&p.goals, pane.goal, width, room, &card)
            } else {
                0
            };
            // Only the cards that can be on screen are made (a phase may hold hundreds).
            let mut used = 0;
            for (i, g) in p.goals.iter().enumerate().skip(first) {
                if used >= room {
                    break;
                }
                let made = card(i, g);
                used += rows(&made, width);
                lines.extend(made);
            }
            if p.goals.is_empty() {
                lines.push(no_goals(selected_phase, true, theme));
            }
            let block = Block::default()
                .borders(Borders::TOP | Borders::RIGHT)
                .border_style(theme.dim);
            frame.render_widget(
                Lines::new(lines).wrap(Wrap { trim: false }).block(block),
                *col,
            );
        }
    } else {
        // One row per phase title and per goal (or an empty phase's line). Only the rows in
        // view are made into lines: on ten years of data the phases hold a thousand goals.
        let mut rows = Vec::new();
        let mut focus = 0;
        for (k, p) in shown.iter().enumerate() {
            let selected_phase = PHASES.get(pane.phase) == Some(&p.phase);
            rows.push(ListRow::Title(k, selected_phase));
            if p.goals.is_empty() {
                if selected_phase {
                    focus = rows.len();
                }
                rows.push(ListRow::Empty(selected_phase));
            }
            for i in 0..p.goals.len() {
                let sel = selected_phase && i == pane.goal;
                if sel {
                    focus = rows.len();
                }
                rows.push(ListRow::Goal(k, i, sel));
            }
        }
        let visible = usize::from(body.height.saturating_sub(1));
        let offset = (focus + 2).saturating_sub(visible);
        let lines: Vec<Line> = (rows.iter().skip(offset).take(visible))
            .map(|row| match *row {
                ListRow::Title(k, sel) => phase_title(shown[k], sel, theme),
                ListRow::Empty(sel) => no_goals(sel, false, theme),
                ListRow::Goal(k, i, sel) => {
                    goal_row(&shown[k].goals[i], sel, ctx.today(), body.width, theme)
                }
            })
            .collect();
        frame.render_widget(
            Lines::new(lines).block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(theme.dim),
            ),
            body,
        );
    }
    render_detail(frame, detail, pane.selected(), &pane.links, theme);
}

/// A row of the plan's single list: a phase's title, its line when it has no goals, or a goal
/// (indices into the phases shown and their goals), and whether it is selected.
#[derive(Clone, Copy)]
enum ListRow {
    Title(usize, bool),
    Empty(bool),
    Goal(usize, usize, bool),
}

/// The rows `lines` take wrapped at word boundaries in a column `width` wide (as the
/// paragraph wraps them, give or take a row for its handling of spaces).
fn rows(lines: &[Line<'_>], width: u16) -> usize {
    let options = textwrap::Options::new(usize::from(width.max(1)));
    lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            textwrap::wrap(&text, &options).len().max(1)
        })
        .sum()
}

/// The first goal of a column that shows the `selected` one: the first of the phase while the
/// cards up to the selected one fit in `room` rows (with a row to spare for wrapping), else
/// the earliest from which they do, so moving down a long phase scrolls it.
fn first_shown<'a>(
    goals: &'a [GoalView],
    selected: usize,
    width: u16,
    room: usize,
    card: &impl Fn(usize, &'a GoalView) -> Vec<Line<'static>>,
) -> usize {
    let room = room.saturating_sub(1);
    let mut used = 0;
    let mut first = selected.min(goals.len().saturating_sub(1));
    for i in (0..=first).rev() {
        let Some(g) = goals.get(i) else { break };
        used += rows(&card(i, g), width);
        if used > room && i < selected {
            break;
        }
        first = i;
    }
    first
}

/// " Days 31–60 65% · 0/5 done ", shortened to fit a gauge `width` wide (with room for a bit
/// of the gauge's line); `None` when even the shortest with the done count does not fit.
fn gauge_label(p: &PhaseView, width: u16) -> Option<String> {
    let room = usize::from(width).saturating_sub(4);
    let short = short_label(p);
    [
        format!(" {} {} ", p.label, p.summary()),
        format!(
            " {short} {}% {}/{} done ",
            p.average_progress, p.done, p.counted
        ),
        format!(" {short} {}% {}/{} ", p.average_progress, p.done, p.counted),
    ]
    .into_iter()
    .find(|l| l.chars().count() <= room)
}

/// A phase's name as short as it reads: "31–60", "6 mo".
fn short_label(p: &PhaseView) -> String {
    p.label
        .trim_start_matches("Days ")
        .replace(" months", " mo")
}

fn phase_title(p: &PhaseView, selected: bool, theme: &Theme) -> Line<'static> {
    let style = if selected {
        theme.tab_active
    } else {
        theme.header
    };
    Line::from(vec![
        Span::styled(format!(" {} ", p.label), style),
        Span::styled(format!(" {}", p.span()), theme.dim),
    ])
}

/// The line an empty phase shows; when the phase is selected it carries the cursor, so `a`
/// visibly adds here.
fn no_goals(selected: bool, columns: bool, theme: &Theme) -> Line<'static> {
    let text = if columns || selected {
        "no goals — a adds one"
    } else {
        "no goals"
    };
    if selected {
        Line::from(Span::styled(format!("▌ {text}"), theme.selected))
    } else {
        Line::from(Span::styled(format!("  {text}"), theme.dim))
    }
}

/// A due date, with its year when it is not this year's (the later phases reach into the next).
fn due(d: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    crate::domain::dates::day_month(d, today)
}

fn goal_card(
    g: &GoalView,
    selected: bool,
    today: chrono::NaiveDate,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let f = &g.goal.fields;
    let mut style = goal_style(g, theme);
    if selected {
        style = style.patch(theme.selected);
    }
    let mut second = format!(
        "   {:>3}% {} · due {}",
        f.progress,
        sparkline(&history(g)),
        due(g.due_on, today)
    );
    if g.behind {
        second.push_str(" · behind");
    }
    vec![
        Line::from(Span::styled(
            format!("{} {}", status_icon(f.status), f.title),
            style,
        )),
        Line::from(Span::styled(
            second,
            if selected { style } else { theme.dim },
        )),
    ]
}

/// A goal on one line `width` wide: the title is cut (with "…") so that the due date and
/// "behind" always show.
fn goal_row(
    g: &GoalView,
    selected: bool,
    today: chrono::NaiveDate,
    width: u16,
    theme: &Theme,
) -> Line<'static> {
    let f = &g.goal.fields;
    let mut style = goal_style(g, theme);
    if selected {
        style = style.patch(theme.selected);
    }
    let pointer = if selected { "▌" } else { " " };
    let late = if g.behind { "  behind" } else { "" };
    let head = format!("{pointer}{} {:>3}% ", status_icon(f.status), f.progress);
    let spark = format!("{:<8}", sparkline(&history(g)));
    let tail = format!("  due {}{late}", due(g.due_on, today));
    let room = usize::from(width)
        .saturating_sub(head.width() + spark.width() + tail.width())
        .max(1);
    Line::from(vec![
        Span::styled(head, style),
        Span::styled(spark, theme.accent),
        Span::styled(format!("{}{tail}", fit(&f.title, room)), style),
    ])
}

fn render_detail(
    frame: &mut Frame<'_>,
    area: Rect,
    goal: Option<&GoalView>,
    links: &super::detail_links::DetailLinks,
    theme: &Theme,
) {
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim);
    let Some(g) = goal else {
        frame.render_widget(
            Lines::new(Span::styled(
                " h/l phase · j/k goal · a add · c check in · S plan start",
                theme.dim,
            ))
            .block(block),
            area,
        );
        return;
    };
    let f = &g.goal.fields;
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {} ", f.title), theme.title),
        Span::styled(
            format!(
                "goal {} · {} · {} · {}%",
                g.goal.id,
                f.status.as_str(),
                f.confidence.label(),
                f.progress
            ),
            theme.dim,
        ),
        Span::styled(
            g.person
                .as_ref()
                .map(|p| format!(" · with {p}"))
                .unwrap_or_default(),
            theme.dim,
        ),
    ])];
    // Second, so a short detail still shows what `]` and Enter act on.
    if !links.links.is_empty() {
        let mut line = links.summary_line(theme);
        line.spans.insert(0, Span::raw(" "));
        lines.push(line);
    }
    if !f.criteria.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(" Success: ", theme.accent),
            Span::raw(f.criteria.clone()),
        ]));
    }
    if let Some(m) = &g.measured_by {
        let number = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
        lines.push(Line::from(vec![
            Span::styled(" Measured by: ", theme.accent),
            Span::raw(format!(
                "{} {} → {} (from {})",
                m.name,
                number(&m.latest),
                number(&m.target),
                number(&m.baseline)
            )),
        ]));
    }
    let entries: Vec<String> = g
        .history
        .iter()
        .rev()
        .take(4)
        .map(|c| {
            let note = if c.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", c.note)
            };
            format!("{} {}%{note}", c.date.format("%-d %b"), c.progress)
        })
        .collect();
    if !entries.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(
                format!(" History {} ", sparkline(&history(g))),
                theme.accent,
            ),
            Span::styled(entries.join(" · "), theme.dim),
        ]));
    }
    frame.render_widget(
        Lines::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::sparkline;
    use crate::tui::testing::{demo, keys, screen};

    #[test]
    fn gauges_show_average_progress_with_the_done_count() {
        let (mut m, _runner) = demo();
        keys(&mut m, "2");
        for (w, h) in [(80, 24), (160, 48)] {
            let text = screen(&mut m, w, h);
            // Days 31–60 of the demo: goals at 60, 70, 15, 60 and 0% — not "0%".
            let gauges = text.lines().nth(4).unwrap_or_default();
            assert!(
                gauges.contains("31–60 41% ") && gauges.contains(" 0/5"),
                "{w}x{h}:\n{text}"
            );
            assert!(!text.contains("Days 31–60   0%"), "{text}");
        }
    }

    #[test]
    fn an_empty_phase_shows_the_cursor_and_long_phases_their_year() {
        let (mut m, _runner) = demo();
        keys(&mut m, "2");
        m.plan.phase = 2;
        keys(&mut m, "l");
        for (w, h) in [(80, 24), (160, 48)] {
            let text = screen(&mut m, w, h);
            assert!(text.contains("▌ no goals — a adds one"), "{w}x{h}:\n{text}");
            assert!(
                text.contains(" 6 months  6 Jan – 7 Apr 2027"),
                "{w}x{h}:\n{text}"
            );
        }
    }

    #[test]
    fn goal_rows_cut_the_title_and_keep_the_due_date_and_status_at_80_columns() {
        let (mut m, _runner) = demo();
        keys(&mut m, "2");
        for goal in &mut m
            .plan
            .view
            .iter_mut()
            .flat_map(|v| v.phases.iter_mut())
            .flat_map(|p| p.goals.iter_mut())
        {
            goal.goal.fields.title = "Staffing planning planning mentoring coaching growth vendor promotion reliability.".into();
            goal.behind = true;
        }
        let text = screen(&mut m, 80, 24);
        let rows: Vec<&str> = text.lines().filter(|l| l.contains("Staffing")).collect();
        assert!(!rows.is_empty(), "{text}");
        for row in rows.iter().filter(|r| r.contains('%')) {
            assert!(row.contains("… ") && row.ends_with("behind"), "{text}");
        }
        // Every phase keeps its name and done count.
        m.plan.phase = 4;
        let text = screen(&mut m, 80, 24);
        assert!(text.contains(" 12 mo 0% 0/0 "), "{text}");
    }

    #[test]
    fn sparkline_maps_0_to_100_onto_eight_levels() {
        assert_eq!(sparkline(&[0, 14, 50, 86, 100]), "▁▂▅▇█");
        assert_eq!(sparkline(&[]), "");
    }
}
