//! Drawing a `Form` as a centred modal.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear};

use super::form::{FieldKind, Form};
use super::lines::Lines;
use crate::domain::dates::{parse_date, parse_time};
use crate::tui::theme::Theme;

const LABEL_WIDTH: u16 = 15;
const MULTILINE_ROWS: u16 = 4;

/// The popup rectangle for a form: as wide as useful, as tall as its fields.
fn popup_area(form: &Form, area: Rect) -> (Rect, u16) {
    let single = form.fields.iter().filter(|f| !f.is_multiline()).count() as u16;
    let multi = form.fields.len() as u16 - single;
    // borders + blank + footer + error line
    let chrome = 5;
    let room = area.height.saturating_sub(chrome + single);
    let multi_rows = room
        .checked_div(multi)
        .map_or(1, |rows| rows.clamp(1, MULTILINE_ROWS));
    let height = (single + multi * multi_rows + chrome).min(area.height);
    let width = area.width.saturating_sub(4).clamp(20, 76).min(area.width);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + (area.height - height) / 2;
    (Rect::new(x, y, width, height), multi_rows)
}

pub fn render_form(
    frame: &mut Frame<'_>,
    area: Rect,
    form: &Form,
    today: NaiveDate,
    theme: &Theme,
) {
    let (popup, multi_rows) = popup_area(form, area);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .title(Span::styled(format!(" {} ", form.title), theme.title));
    let heights: Vec<u16> = form
        .fields
        .iter()
        .map(|f| if f.is_multiline() { multi_rows } else { 1 })
        .collect();
    // Room for fields: the inside less the message line and the footer.
    let room = block.inner(popup).height.saturating_sub(2);
    let shown = visible_fields(&heights, form.focus, room);
    let block = match scroll_hint(&shown, heights.len()) {
        Some(hint) => block.title_bottom(Line::from(Span::styled(hint, theme.accent))),
        None => block,
    };
    let inner = block.inner(popup);
    frame.render_widget(block, popup);

    let mut constraints: Vec<Constraint> = shown
        .clone()
        .map(|i| Constraint::Length(heights[i]))
        .collect();
    constraints.push(Constraint::Length(1)); // error or blank
    constraints.push(Constraint::Fill(1));
    constraints.push(Constraint::Length(1)); // footer
    let rows = Layout::vertical(constraints).split(inner);
    let n = shown.len();

    for (row, i) in shown.enumerate() {
        let Some(field) = form.fields.get(i) else {
            continue;
        };
        let focused = i == form.focus;
        let errored = form.error.as_ref().is_some_and(|(f, _)| *f == Some(i));
        let [label_area, input_area] =
            Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(1)])
                .areas(rows[row]);
        let label_style = if errored {
            theme.error
        } else if focused {
            theme.accent.add_modifier(Modifier::BOLD)
        } else {
            theme.dim
        };
        let marker = if focused { "›" } else { " " };
        if field.kind == FieldKind::Check {
            // A tick box spans the row: its label is the text being ticked.
            let tick = if field.choice == 1 { "[x]" } else { "[ ]" };
            let style = if focused {
                theme.input_focused
            } else {
                theme.input
            };
            let room = usize::from(rows[row].width).saturating_sub(5);
            let label = super::text::fit(field.shown_label(), room);
            frame.render_widget(
                Lines::new(format!("{marker}{tick} {label}")).style(style),
                rows[row],
            );
            continue;
        }
        frame.render_widget(
            Lines::new(format!("{marker}{}", field.shown_label())).style(label_style),
            label_area,
        );
        let replacing = focused && form.replaces_on_type();
        render_input(frame, input_area, field, (focused, replacing), today, theme);
    }

    // The message may take the blank line under it: a refusal says why and how to fix it, and
    // that is rarely one line at 80 columns.
    let message_area = rows[n].union(rows[n + 1]);
    let width = usize::from(message_area.width);
    let message: Vec<Line> = if form.confirming_discard {
        vec![Line::from(Span::styled(
            "Discard your changes? y = discard, any other key = keep editing",
            theme.warning,
        ))]
    } else if let Some((_, text)) = &form.error {
        super::text::wrap_at_most(&format!("✗ {text}"), width, 2)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.error)))
            .collect()
    } else {
        Vec::new()
    };
    frame.render_widget(Lines::new(message), message_area);
    let footer = if form.reload_offered {
        // Saving again would be refused again: the way out is to reload or to cancel.
        Line::from(vec![
            Span::styled("Ctrl-L", theme.key),
            Span::styled(" load the current values (drops yours)  ", theme.dim),
            Span::styled("Esc", theme.key),
            Span::styled(" cancel", theme.dim),
        ])
    } else {
        edit_footer(form, theme)
    };
    frame.render_widget(Lines::new(footer), rows[n + 2]);
}

/// The fields that fit in `room` rows, the focused one always among them: from the first,
/// or scrolled just far enough to reach the focus.
fn visible_fields(heights: &[u16], focus: usize, room: u16) -> std::ops::Range<usize> {
    let fits = |range: std::ops::Range<usize>| heights[range].iter().sum::<u16>() <= room;
    let focus = focus.min(heights.len().saturating_sub(1));
    let mut start = 0;
    while start < focus && !fits(start..focus + 1) {
        start += 1;
    }
    let mut end = focus.min(heights.len()) + usize::from(!heights.is_empty());
    while end < heights.len() && fits(start..end + 1) {
        end += 1;
    }
    start..end
}

/// "▲ 2 more · ▼ 3 more" when some fields are out of view.
fn scroll_hint(shown: &std::ops::Range<usize>, total: usize) -> Option<String> {
    let above = shown.start;
    let below = total.saturating_sub(shown.end);
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(format!("▲ {above} more"));
    }
    if below > 0 {
        parts.push(format!("▼ {below} more"));
    }
    (!parts.is_empty()).then(|| format!(" {} ", parts.join(" · ")))
}

fn edit_footer(form: &Form, theme: &Theme) -> Line<'static> {
    let multiline = form.focused().is_some_and(|f| f.is_multiline());
    let adds_link = form
        .focused()
        .is_some_and(|f| matches!(f.kind, FieldKind::Links(_)) && !f.query().is_empty());
    let enter = if multiline {
        "Enter new line"
    } else if adds_link {
        "Enter add"
    } else {
        "Enter save"
    };
    Line::from(vec![
        Span::styled("Tab", theme.key),
        Span::styled(" next  ", theme.dim),
        Span::styled(enter.split_once(' ').map_or("", |p| p.0), theme.key),
        Span::styled(
            format!(" {}  ", enter.split_once(' ').map_or("", |p| p.1)),
            theme.dim,
        ),
        Span::styled("Ctrl-S", theme.key),
        Span::styled(" save  ", theme.dim),
        Span::styled(if multiline { "Ctrl-O" } else { "" }, theme.key),
        Span::styled(if multiline { " $EDITOR  " } else { "" }, theme.dim),
        Span::styled("Esc", theme.key),
        Span::styled(" cancel", theme.dim),
    ])
}

fn render_input(
    frame: &mut Frame<'_>,
    area: Rect,
    field: &super::form::Field,
    (focused, replacing): (bool, bool),
    today: NaiveDate,
    theme: &Theme,
) {
    let base = if focused {
        theme.input_focused
    } else {
        theme.input
    };
    match &field.kind {
        FieldKind::Choice(options) => {
            let chosen = options.get(field.choice).map_or("", String::as_str);
            let line = if focused {
                Line::from(vec![
                    Span::styled("‹ ", theme.accent),
                    Span::styled(chosen.to_string(), base.add_modifier(Modifier::BOLD)),
                    Span::styled(" ›", theme.accent),
                    Span::styled(
                        format!("  {}/{} ←/→", field.choice + 1, options.len()),
                        theme.dim,
                    ),
                ])
            } else {
                Line::from(Span::styled(chosen.to_string(), base))
            };
            frame.render_widget(Lines::new(line), area);
        }
        FieldKind::Pick(options) => {
            frame.render_widget(Lines::new(pick_line(field, options, focused, theme)), area);
        }
        FieldKind::PickOrText(options) => {
            frame.render_widget(
                Lines::new(pick_or_text_line(field, options, focused, theme)),
                area,
            );
        }
        FieldKind::Links(options) => {
            frame.render_widget(
                Lines::new(links_line(field, options, (focused, area.width), theme)),
                area,
            );
        }
        // Just entered: the value is shown selected, and the first digit typed replaces it.
        FieldKind::Number { min, max } if replacing => {
            let line = Line::from(vec![
                Span::styled(field.text(), base.add_modifier(Modifier::REVERSED)),
                Span::styled(format!("  {min}–{max}, typing replaces"), theme.dim),
            ]);
            frame.render_widget(Lines::new(line), area);
        }
        kind => {
            // A live reading of what a date or time field will store, so "fri" shows which Friday.
            let reading = match kind {
                FieldKind::Date { .. } if !field.text().trim().is_empty() => Some(
                    parse_date(&field.text(), today)
                        .map(|d| format!("→ {}", d.format("%a %-d %b %Y")))
                        .map_err(|_| "?".to_string()),
                ),
                // A time reads back as itself; only a wrong one needs a mark.
                FieldKind::Time if parse_time(&field.text()).is_err() => Some(Err("?".to_string())),
                FieldKind::Number { min, max } if focused => Some(Ok(format!("{min}–{max}"))),
                _ => None,
            };
            let reading_width = reading.as_ref().map_or(0, |r| {
                r.as_ref().unwrap_or_else(|e| e).chars().count() as u16 + 2
            });
            let [input_area, reading_area] =
                Layout::horizontal([Constraint::Min(1), Constraint::Length(reading_width)])
                    .areas(area);
            let mut editor = field.editor.clone();
            // A number about to be typed over shows as selected.
            let selected = focused && field.replaces_on_typing() && !field.text().is_empty();
            editor.set_style(if selected {
                base.add_modifier(Modifier::REVERSED)
            } else {
                base
            });
            editor.set_placeholder_style(theme.placeholder);
            editor.set_cursor_style(if focused {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                base
            });
            frame.render_widget(&editor, input_area);
            if let Some(reading) = reading {
                let (text, style) = match reading {
                    Ok(t) => (t, theme.dim),
                    Err(t) => (t, theme.error),
                };
                frame.render_widget(Lines::new(format!("  {text}")).style(style), reading_area);
            }
        }
    }
}

/// A picker: the chosen option, what was typed to find it and how many match.
fn pick_line(
    field: &super::form::Field,
    options: &[String],
    focused: bool,
    theme: &Theme,
) -> Line<'static> {
    let base = if focused {
        theme.input_focused
    } else {
        theme.input
    };
    let chosen = options.get(field.choice).cloned().unwrap_or_default();
    if !focused {
        return Line::from(Span::styled(chosen, base));
    }
    let query = field.query();
    let matches = field.pick_matches();
    if matches.is_empty() {
        return Line::from(vec![
            Span::styled(format!("“{query}”"), base),
            Span::styled("  nothing matches · Ctrl-U clears", theme.error),
        ]);
    }
    let at = matches
        .iter()
        .position(|i| *i == field.choice)
        .map_or(0, |p| p + 1);
    let typed = if query.is_empty() {
        "type to find".to_string()
    } else {
        format!("“{query}”")
    };
    Line::from(vec![
        Span::styled("‹ ", theme.accent),
        Span::styled(chosen, base.add_modifier(Modifier::BOLD)),
        Span::styled(" ›", theme.accent),
        Span::styled(format!("  {typed} {at}/{} ←/→", matches.len()), theme.dim),
    ])
}

/// A links field: the options held ("goal:3 Ship v2 · risk:1 …", the marked one reversed when
/// focused) or, while typing, the match Enter adds.
fn links_line(
    field: &super::form::Field,
    options: &[String],
    (focused, width): (bool, u16),
    theme: &Theme,
) -> Line<'static> {
    use super::text::fit;
    let width = usize::from(width);
    let base = if focused {
        theme.input_focused
    } else {
        theme.input
    };
    let query = field.query();
    if focused && !query.is_empty() {
        let matches = field.pick_matches();
        let Some(at) = matches
            .iter()
            .position(|i| *i == field.choice)
            .or((!matches.is_empty()).then_some(0))
        else {
            return Line::from(vec![
                Span::styled(format!("“{query}”"), base),
                Span::styled("  nothing matches · Ctrl-U clears", theme.error),
            ]);
        };
        let chosen = matches
            .get(at)
            .and_then(|i| options.get(*i))
            .cloned()
            .unwrap_or_default();
        // The hint stays in view; the match gives way.
        let hint = format!("  {}/{} ←/→ Enter adds", at + 1, matches.len());
        let room = width.saturating_sub(hint.chars().count() + 6).max(12);
        return Line::from(vec![
            Span::styled("+ ‹ ", theme.accent),
            Span::styled(fit(&chosen, room), base.add_modifier(Modifier::BOLD)),
            Span::styled(" ›", theme.accent),
            Span::styled(hint, theme.dim),
        ]);
    }
    let picked = field.picked();
    if picked.is_empty() {
        let hint = if focused {
            "none · type to find a person, goal, risk, decision, metric or ritual"
        } else {
            "none"
        };
        return Line::from(Span::styled(hint, theme.placeholder));
    }
    let marked = field.choice.min(picked.len() - 1);
    // Each link cut to a share of the line, so the marked one and the count are in view.
    let hint = if focused {
        format!("  {}/{} ⌫ removes", marked + 1, picked.len())
    } else {
        String::new()
    };
    let share = (width.saturating_sub(hint.chars().count()) / picked.len())
        .saturating_sub(3)
        .max(10);
    let mut spans = Vec::new();
    for (i, p) in picked.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        let style = if focused && i == marked {
            base.add_modifier(Modifier::REVERSED)
        } else {
            base
        };
        let text = fit(p, share);
        spans.push(Span::styled(text, style));
    }
    spans.push(Span::styled(hint, theme.dim));
    Line::from(spans)
}

/// A picker that takes text: the person chosen or the name as typed, and how to step between.
fn pick_or_text_line(
    field: &super::form::Field,
    options: &[String],
    focused: bool,
    theme: &Theme,
) -> Line<'static> {
    let base = if focused {
        theme.input_focused
    } else {
        theme.input
    };
    let shown = field.text();
    let listed = field.choice < options.len() && options.get(field.choice) == Some(&shown);
    if !focused {
        return Line::from(Span::styled(shown, base));
    }
    let what = if listed {
        "in the list"
    } else if shown.is_empty() {
        "type a name"
    } else {
        "as typed: not in the list"
    };
    Line::from(vec![
        Span::styled("‹ ", theme.accent),
        Span::styled(shown, base.add_modifier(Modifier::BOLD)),
        Span::styled(" ›", theme.accent),
        Span::styled(format!("  {what} · ←/→"), theme.dim),
    ])
}
