//! Drawing one person's 1:1 page and the prep view.

use crate::domain::Word;
use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::person::Row;
use super::person_window::{Near, Slot, in_view};
use crate::domain::one_on_one::{ActionItem, CadenceState, Note, Owner, Topic};
use crate::ops::one_on_ones::{OneOnOneMeeting, PersonDetail};
use crate::ops::people::PersonOverview;
use crate::tui::pane::Ctx;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;
use crate::tui::widgets::scroll::render_scrolled;
use crate::tui::widgets::text::fit_line;

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

/// Lines and, for the cursor's row, the lines it takes.
struct Column {
    lines: Vec<Line<'static>>,
    focus: Option<std::ops::Range<usize>>,
}

impl Column {
    fn new() -> Column {
        Column {
            lines: Vec::new(),
            focus: None,
        }
    }

    fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    /// Adds the lines of one row; `focused` puts the cursor on it.
    fn push_row(&mut self, lines: Vec<Line<'static>>, focused: bool) {
        let start = self.lines.len();
        self.lines.extend(lines);
        if focused {
            self.focus = Some(start..self.lines.len());
        }
    }

    fn append(&mut self, other: Column) {
        let base = self.lines.len();
        if let Some(f) = other.focus {
            self.focus = Some(f.start + base..f.end + base);
        }
        self.lines.extend(other.lines);
    }

    fn render(self, frame: &mut Frame<'_>, area: Rect, block: Block<'_>) {
        render_scrolled(frame, area, block, &self.lines, self.focus);
    }
}

fn divider(theme: &Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::TOP)
        .border_style(theme.dim)
}

/// A line the cursor can rest on that is no item to act on (a prompt, private context).
fn plain_row(text: String, selected: bool, theme: &Theme) -> Line<'static> {
    let style = if selected { theme.selected } else { theme.text };
    Line::from(Span::styled(format!("{} {text}", pointer(selected)), style))
}

/// The talking points of `topics` that can be on screen, each a row.
fn push_topics(
    column: &mut Column,
    topics: &[Topic],
    near: &Near,
    current: Option<Row>,
    theme: &Theme,
) {
    let at = |id: i64| topics.iter().position(|t| t.id == id);
    let place = near.place(Slot::Topics, |r| match r {
        Row::Topic(id) => at(id),
        _ => None,
    });
    for t in in_view(topics, place) {
        let sel = current == Some(Row::Topic(t.id));
        column.push_row(vec![topic_line(t, sel, theme)], sel);
    }
}

/// The actions of a list standing at `slot` that can be on screen, each a row.
fn push_actions(
    column: &mut Column,
    (actions, slot): (&[ActionItem], Slot),
    near: &Near,
    current: Option<Row>,
    (today, theme): (NaiveDate, &Theme),
) {
    let at = |id: i64| actions.iter().position(|a| a.id == id);
    let place = near.place(slot, |r| match r {
        Row::Action(id) => at(id),
        _ => None,
    });
    for a in in_view(actions, place) {
        let sel = current == Some(Row::Action(a.id));
        column.push_row(vec![action_line(a, today, sel, theme)], sel);
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
    // While a link is selected the keys act on it, so no row is marked.
    let current = pane.current().filter(|_| pane.links.selected.is_none());
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let width = usize::from(head.width);
    let lines: Vec<Line> = header(&d.overview, ctx.now, theme)
        .into_iter()
        .map(|l| fit_line(l, width))
        .collect();
    frame.render_widget(Lines::new(lines), head);

    let mut work = Column::new();
    work.push(section(
        &format!("Talking points ({})", d.queued.len()),
        theme,
    ));
    if d.queued.is_empty() {
        work.push(Line::from(Span::styled(
            "  none queued — t adds one",
            theme.dim,
        )));
    }
    let cursor = if pane.links.selected.is_some() {
        Some(Slot::Rest)
    } else {
        current.map(|row| match row {
            Row::Topic(_) => Slot::Topics,
            Row::Action(_) => Slot::Actions,
            Row::Note(_) => Slot::Notes,
            Row::Private(_) | Row::Prompt(_) | Row::Goal(_) | Row::Risk(_) | Row::Report(_) => {
                Slot::Rest
            }
        })
    };
    let split = (area.width >= COLUMNS_MIN_WIDTH).then_some(Slot::Notes);
    let near = Near::new(current, cursor, split, body.height);
    push_topics(&mut work, &d.queued, &near, current, theme);
    work.push(Line::default());
    work.push(section("Actions", theme));
    if d.actions.is_empty() {
        work.push(Line::from(Span::styled("  none — A adds one", theme.dim)));
    }
    let list = (&d.actions[..], Slot::Actions);
    push_actions(&mut work, list, &near, current, (today, theme));
    // The links after what is owed, the selected one kept in view (two lines precede them).
    let focused = pane.links.selected.map(|i| i + 2);
    for (i, line) in pane.links.lines(theme).into_iter().enumerate() {
        work.push_row(vec![line], Some(i) == focused);
    }
    work.push(Line::default());
    work.append(private_column(d, current, theme));

    let mut notes = Column::new();
    notes.push(section(&format!("Notes ({})", d.notes_total), theme));
    if d.notes.is_empty() {
        notes.push(Line::from(Span::styled(
            "  none yet — r records a 1:1, n adds a note",
            theme.dim,
        )));
    }
    let at = |id: i64| d.notes.iter().position(|n| n.id == id);
    for n in in_view(
        &d.notes,
        near.place(Slot::Notes, |r| match r {
            Row::Note(id) => at(id),
            _ => None,
        }),
    ) {
        let sel = current == Some(Row::Note(n.id));
        notes.push_row(note_lines(n, sel, theme), sel);
    }
    let older = (d.notes_total as usize).saturating_sub(d.notes.len());
    if older > 0 {
        let more = format!("  {older} older notes: / searches them all");
        notes.push(Line::from(Span::styled(more, theme.dim)));
    }

    if area.width >= COLUMNS_MIN_WIDTH {
        let [a, b] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
            .areas(body);
        work.render(frame, a, divider(theme));
        notes.render(
            frame,
            b,
            divider(theme).borders(Borders::TOP | Borders::LEFT),
        );
    } else {
        work.append(notes);
        work.render(frame, body, divider(theme));
    }
}

/// Private context (each piece a row) and the person's 1:1 prompts (each a row).
fn private_column(d: &PersonDetail, current: Option<Row>, theme: &Theme) -> Column {
    let p = &d.overview.person;
    let mut column = Column::new();
    column.push(section("Private context", theme));
    let mut pieces: Vec<(String, String)> = Vec::new();
    for (label, text) in [("Career goals", &p.career_goals), ("Context", &p.context)] {
        if !text.trim().is_empty() {
            pieces.push((label.to_string(), text.clone()));
        }
    }
    for c in &d.context {
        pieces.push((
            format!("{} · {}", c.date.format("%-d %b %Y"), c.kind.as_str()),
            c.body.clone(),
        ));
    }
    if pieces.is_empty() {
        column.push(Line::from(Span::styled(
            "  nothing yet — f adds feedback or career notes, e edits the person",
            theme.dim,
        )));
    }
    for (i, (label, text)) in pieces.into_iter().enumerate() {
        let sel = current == Some(Row::Private(i));
        let style = if sel { theme.selected } else { theme.accent };
        let mut lines = vec![Line::from(Span::styled(
            format!("{} {label}", pointer(sel)),
            style,
        ))];
        lines.extend(text.lines().map(|l| Line::from(format!("   {l}"))));
        column.push_row(lines, sel);
    }
    if !d.health.is_empty() {
        column.push(Line::default());
        column.push(section("Health reads (private)", theme));
        for h in &d.health {
            column.push(Line::from(format!(
                "  {}  morale {}/5, flight risk {}{}",
                h.date.format("%-d %b %Y"),
                h.morale,
                h.flight_risk,
                if h.note.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", h.note.replace('\n', " "))
                }
            )));
        }
    }
    column.push(Line::default());
    column.push(section("1:1 prompts", theme));
    for (i, q) in d.prompts.iter().enumerate() {
        let sel = current == Some(Row::Prompt(i));
        column.push_row(vec![plain_row(format!("• {q}"), sel, theme)], sel);
    }
    column.push(Line::default());
    column
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
    let current = pane.current();
    let [head, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let mut top = header(&prep.person, ctx.now, theme);
    top[0]
        .spans
        .insert(0, Span::styled(" Prep ", theme.tab_active));
    let width = usize::from(head.width);
    let top: Vec<Line> = top.into_iter().map(|l| fit_line(l, width)).collect();
    frame.render_widget(Lines::new(top), head);

    let mut left = Column::new();
    left.push(section(
        &format!("Talking points ({})", prep.topics.len()),
        theme,
    ));
    if prep.topics.is_empty() {
        left.push(Line::from(Span::styled(
            "  none queued — t adds one",
            theme.dim,
        )));
    }
    let mine = |id: i64| prep.mine.iter().any(|a| a.id == id);
    let cursor = current.map(|row| match row {
        Row::Topic(_) => Slot::Topics,
        Row::Action(id) if mine(id) => Slot::Actions,
        Row::Action(_) => Slot::Theirs,
        Row::Goal(_) | Row::Risk(_) | Row::Report(_) | Row::Private(_) => Slot::Rest,
        Row::Note(_) => Slot::Notes,
        Row::Prompt(_) => Slot::After,
    });
    let split = (area.width >= COLUMNS_MIN_WIDTH).then_some(Slot::Notes);
    let near = Near::new(current, cursor, split, body.height);
    push_topics(&mut left, &prep.topics, &near, current, theme);
    for (title, list, slot) in [
        ("Open actions — mine", &prep.mine, Slot::Actions),
        ("Open actions — theirs", &prep.theirs, Slot::Theirs),
    ] {
        left.push(Line::default());
        left.push(section(title, theme));
        if list.is_empty() {
            left.push(Line::from(Span::styled("  none", theme.dim)));
        }
        push_actions(&mut left, (list, slot), &near, current, (today, theme));
    }
    for l in super::prep_picture_view::picture_lines(&prep.picture, today, current, theme) {
        if l.row.is_some() {
            left.push_row(vec![l.line], l.selected);
        } else {
            left.push(l.line);
        }
    }
    let mut right = Column::new();
    if let Some(health) = super::prep_picture_view::health_line(&prep.picture, theme) {
        right.push(health);
        right.push(Line::default());
    }
    right.push(section("Last notes", theme));
    if prep.last_notes.is_empty() {
        right.push(Line::from(Span::styled("  none yet", theme.dim)));
    }
    for n in &prep.last_notes {
        let sel = current == Some(Row::Note(n.id));
        right.push_row(note_lines(n, sel, theme), sel);
    }
    right.push(section("Prompts", theme));
    for (i, q) in prep.prompts.iter().enumerate() {
        let sel = current == Some(Row::Prompt(i));
        right.push_row(vec![plain_row(format!("• {q}"), sel, theme)], sel);
    }
    right.push(Line::default());
    right.push(prep_keys(pane.meeting.or(prep.unrecorded), theme));
    if area.width >= COLUMNS_MIN_WIDTH {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        left.render(frame, a, divider(theme));
        right.render(
            frame,
            b,
            divider(theme).borders(Borders::TOP | Borders::LEFT),
        );
    } else {
        left.push(Line::default());
        left.append(right);
        left.render(frame, body, divider(theme));
    }
}

/// The prep view's keys, naming the 1:1 that `r` writes up.
fn prep_keys(meeting: Option<OneOnOneMeeting>, theme: &Theme) -> Line<'static> {
    let record = match meeting {
        Some(m) => format!(" record the 1:1 of {}   ", m.start.format("%a %-d %b")),
        None => " record a 1:1   ".to_string(),
    };
    Line::from(vec![
        Span::styled("r", theme.key),
        Span::styled(record, theme.dim),
        Span::styled("x", theme.key),
        Span::styled(" tick   ", theme.dim),
        Span::styled("t", theme.key),
        Span::styled(" topic   ", theme.dim),
        Span::styled("Esc", theme.key),
        Span::styled(" back", theme.dim),
    ])
}

#[cfg(test)]
#[path = "person_view_tests.rs"]
mod tests;
