//! Drawing one person's 1:1 page and the prep view.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::person::Row;
use crate::domain::one_on_one::{ActionItem, CadenceState, Note, Owner, Topic};
use crate::ops::people::PersonOverview;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;

const COLUMNS_MIN_WIDTH: u16 = 120;

fn header(p: &PersonOverview, now: NaiveDateTime, theme: &Theme) -> Vec<Line<'static>> {
    // The id, as the command line names the person: `bearing person edit 3`.
    let id = format!("person {}", p.person.id);
    let facts: Vec<&str> = [
        p.person.role.as_str(),
        p.person.team.as_str(),
        p.person.relation.as_str(),
        id.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    let mut second = vec![Span::styled(
        p.cadence.clone().unwrap_or_else(|| "no regular 1:1".into()),
        theme.text,
    )];
    if let Some(days) = p.stats.days_since {
        let style = state_style(p.stats.state, theme);
        let ago = match days {
            0 => "today".to_string(),
            1 => "yesterday".to_string(),
            d => format!("{d} days ago"),
        };
        second.push(Span::styled(format!(" · last 1:1 {ago}"), style));
    }
    if let Some(next) = p.stats.next {
        second.push(Span::styled(
            format!(" · next {}", when(next, now)),
            theme.dim,
        ));
    }
    vec![
        Line::from(vec![
            Span::styled(format!(" {} ", p.person.name), theme.title),
            Span::styled(facts.join(" · "), theme.dim),
        ]),
        Line::from(
            vec![Span::raw(" ")]
                .into_iter()
                .chain(second)
                .collect::<Vec<_>>(),
        ),
    ]
}

pub fn state_style(state: Option<CadenceState>, theme: &Theme) -> Style {
    match state {
        Some(CadenceState::Warning) => theme.warning,
        Some(CadenceState::Alarm) => theme.error,
        _ => theme.dim,
    }
}

fn when(t: NaiveDateTime, now: NaiveDateTime) -> String {
    let days = (t.date() - now.date()).num_days();
    let day = match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        2..=6 => t.format("%a").to_string(),
        _ => t.format("%a %-d %b").to_string(),
    };
    format!("{day} {}", t.format("%H:%M"))
}

fn section(title: &str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(title.to_string(), theme.header))
}

fn topic_line(t: &Topic, selected: bool, theme: &Theme) -> Line<'static> {
    let style = if selected { theme.selected } else { theme.text };
    Line::from(Span::styled(
        format!("{} □ {}", pointer(selected), t.body),
        style,
    ))
}

fn action_line(a: &ActionItem, today: NaiveDate, selected: bool, theme: &Theme) -> Line<'static> {
    let mut style = if a.done_at.is_some() {
        theme.dim
    } else if a.is_overdue(today) {
        theme.error
    } else {
        theme.text
    };
    if selected {
        style = style.patch(theme.selected);
    }
    let tick = if a.done_at.is_some() { "✓" } else { "□" };
    let who = match a.owner {
        Owner::Me => "me",
        Owner::Them => "them",
    };
    let due = a
        .due
        .map(|d| format!("  due {}", d.format("%a %-d %b")))
        .unwrap_or_default();
    let late = if a.is_overdue(today) {
        " (overdue)"
    } else {
        ""
    };
    Line::from(Span::styled(
        format!("{} {tick} [{who}] {}{due}{late}", pointer(selected), a.body),
        style,
    ))
}

fn pointer(selected: bool) -> &'static str {
    if selected { "▌" } else { " " }
}

fn note_lines(n: &Note, selected: bool, theme: &Theme) -> Vec<Line<'static>> {
    let style = if selected {
        theme.selected
    } else {
        theme.accent
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("{} {}", pointer(selected), n.date.format("%a %-d %b %Y")),
        style,
    ))];
    lines.extend(n.body.lines().map(|l| Line::from(format!("   {l}"))));
    lines.push(Line::default());
    lines
}

/// Lines and, for the cursor's row, the index of its first line.
struct Column {
    lines: Vec<Line<'static>>,
    focus: Option<usize>,
}

impl Column {
    fn new() -> Column {
        Column {
            lines: Vec::new(),
            focus: None,
        }
    }

    fn push(&mut self, line: Line<'static>, focused: bool) {
        if focused {
            self.focus = Some(self.lines.len());
        }
        self.lines.push(line);
    }

    fn render(self, frame: &mut Frame<'_>, area: Rect, block: Block<'_>) {
        let height = usize::from(block.inner(area).height);
        let offset = self.focus.map_or(0, |f| (f + 3).saturating_sub(height));
        let offset = u16::try_from(offset).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(self.lines)
                .wrap(Wrap { trim: false })
                .scroll((offset, 0))
                .block(block),
            area,
        );
    }
}

pub fn render_person(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &super::person::PersonPane,
    ctx: &Ctx<'_>,
) {
    let theme = ctx.theme;
    let Some(d) = &pane.detail else {
        return;
    };
    let today = ctx.today();
    let current = pane.current();
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(header(&d.overview, ctx.now, theme)), head);

    let mut work = Column::new();
    work.push(
        section(&format!("Talking points ({})", d.queued.len()), theme),
        false,
    );
    if d.queued.is_empty() {
        work.push(
            Line::from(Span::styled("  none queued — t adds one", theme.dim)),
            false,
        );
    }
    for t in &d.queued {
        let sel = current == Some(Row::Topic(t.id));
        work.push(topic_line(t, sel, theme), sel);
    }
    work.push(Line::default(), false);
    work.push(section("Actions", theme), false);
    if d.actions.is_empty() {
        work.push(
            Line::from(Span::styled("  none — A adds one", theme.dim)),
            false,
        );
    }
    for a in &d.actions {
        let sel = current == Some(Row::Action(a.id));
        work.push(action_line(a, today, sel, theme), sel);
    }
    let mut notes = Column::new();
    notes.push(section(&format!("Notes ({})", d.notes.len()), theme), false);
    if d.notes.is_empty() {
        notes.push(
            Line::from(Span::styled(
                "  none yet — r records a 1:1, n adds a note",
                theme.dim,
            )),
            false,
        );
    }
    for n in &d.notes {
        let sel = current == Some(Row::Note(n.id));
        for (i, line) in note_lines(n, sel, theme).into_iter().enumerate() {
            notes.push(line, sel && i == 0);
        }
    }
    let private = private_lines(pane, theme);

    if area.width >= COLUMNS_MIN_WIDTH {
        let [a, b, c] = Layout::horizontal([
            Constraint::Percentage(38),
            Constraint::Percentage(37),
            Constraint::Percentage(25),
        ])
        .areas(body);
        let block = || {
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme.dim)
        };
        work.render(frame, a, block());
        notes.render(frame, b, block().borders(Borders::TOP | Borders::LEFT));
        frame.render_widget(
            Paragraph::new(private)
                .wrap(Wrap { trim: false })
                .block(block().borders(Borders::TOP | Borders::LEFT)),
            c,
        );
    } else {
        let mut all = work;
        all.push(Line::default(), false);
        let base = all.lines.len();
        if let Some(f) = notes.focus {
            all.focus = Some(base + f);
        }
        all.lines.extend(notes.lines);
        all.lines.extend(private);
        all.render(
            frame,
            body,
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme.dim),
        );
    }
}

fn private_lines(pane: &super::person::PersonPane, theme: &Theme) -> Vec<Line<'static>> {
    let Some(d) = &pane.detail else {
        return Vec::new();
    };
    let p = &d.overview.person;
    let mut lines = vec![section("Private context", theme)];
    for (label, text) in [("Career goals", &p.career_goals), ("Context", &p.context)] {
        if !text.trim().is_empty() {
            lines.push(Line::from(Span::styled(label, theme.accent)));
            lines.extend(text.lines().map(|l| Line::from(l.to_string())));
        }
    }
    for c in &d.context {
        lines.push(Line::from(Span::styled(
            format!("{} · {}", c.date.format("%-d %b %Y"), c.kind.as_str()),
            theme.accent,
        )));
        lines.extend(c.body.lines().map(|l| Line::from(l.to_string())));
    }
    if lines.len() == 1 {
        lines.push(Line::from(Span::styled(
            "nothing yet — e edits the person",
            theme.dim,
        )));
    }
    lines.push(Line::default());
    lines.push(section("1:1 prompts", theme));
    lines.extend(d.prompts.iter().map(|q| Line::from(format!("• {q}"))));
    lines
}

pub fn render_prep(
    frame: &mut Frame<'_>,
    area: Rect,
    pane: &super::person::PersonPane,
    ctx: &Ctx<'_>,
) {
    let theme = ctx.theme;
    let Some(prep) = &pane.prep else {
        return;
    };
    let today = ctx.today();
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let mut top = header(&prep.person, ctx.now, theme);
    top[0]
        .spans
        .insert(0, Span::styled(" Prep ", theme.tab_active));
    frame.render_widget(Paragraph::new(top), head);

    let mut left = vec![section(
        &format!("Talking points ({})", prep.topics.len()),
        theme,
    )];
    if prep.topics.is_empty() {
        left.push(Line::from(Span::styled(
            "  none queued — t adds one",
            theme.dim,
        )));
    }
    left.extend(prep.topics.iter().map(|t| topic_line(t, false, theme)));
    for (title, list) in [
        ("Open actions — mine", &prep.mine),
        ("Open actions — theirs", &prep.theirs),
    ] {
        left.push(Line::default());
        left.push(section(title, theme));
        if list.is_empty() {
            left.push(Line::from(Span::styled("  none", theme.dim)));
        }
        left.extend(list.iter().map(|a| action_line(a, today, false, theme)));
    }
    let mut right = vec![section("Last notes", theme)];
    if prep.last_notes.is_empty() {
        right.push(Line::from(Span::styled("  none yet", theme.dim)));
    }
    for n in &prep.last_notes {
        right.extend(note_lines(n, false, theme));
    }
    right.push(section("Prompts", theme));
    right.extend(prep.prompts.iter().map(|q| Line::from(format!("  • {q}"))));
    right.push(Line::default());
    right.push(Line::from(vec![
        Span::styled("r", theme.key),
        Span::styled(" record this 1:1   ", theme.dim),
        Span::styled("t", theme.key),
        Span::styled(" topic   ", theme.dim),
        Span::styled("Esc", theme.key),
        Span::styled(" back", theme.dim),
    ]));
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim);
    if area.width >= COLUMNS_MIN_WIDTH {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        frame.render_widget(
            Paragraph::new(left)
                .wrap(Wrap { trim: false })
                .block(block.clone()),
            a,
        );
        frame.render_widget(
            Paragraph::new(right)
                .wrap(Wrap { trim: false })
                .block(block.borders(Borders::TOP | Borders::LEFT)),
            b,
        );
    } else {
        left.push(Line::default());
        left.extend(right);
        frame.render_widget(
            Paragraph::new(left).wrap(Wrap { trim: false }).block(block),
            body,
        );
    }
}
