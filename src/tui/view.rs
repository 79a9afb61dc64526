//! Draws the whole screen from the model: a pure function of `&Model`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::model::{Model, Overlay, StatusKind};
use super::screen::{self, FrameAreas};
use super::widgets::confirm::render_confirm;
use super::widgets::help::render_help;
use super::widgets::lines::Lines;
use super::widgets::{centered, render_form};

pub use super::screen::{MIN_HEIGHT, MIN_WIDTH};

pub fn view(model: &Model, frame: &mut Frame<'_>) {
    let area = frame.area();
    if screen::too_small(area) {
        render_too_small(frame, area, model);
        return;
    }
    let FrameAreas {
        tabs,
        banner: banner_area,
        body,
        status,
    } = screen::frame_areas(model, area);
    render_tabs(frame, tabs, model);
    if model.read_only {
        frame.render_widget(
            Lines::new(
                " READ-ONLY: the file or its folder cannot be written; changes are disabled.",
            )
            .style(model.theme.banner),
            banner_area,
        );
    }
    model.pane(model.tab).render(frame, body, &model.ctx());
    render_status(frame, status, model);
    match &model.overlay {
        None => {}
        // The help sits above the status bar: what it says (the next meeting, a message) stays
        // in view while the keys are read.
        Some(Overlay::Help(scroll)) => render_help(
            frame,
            Rect {
                height: status.y.saturating_sub(area.y),
                ..area
            },
            &model.keymap,
            model.context(),
            model.tab.title(),
            *scroll,
            &model.theme,
        ),
        Some(Overlay::Form { form, .. }) => {
            render_form(frame, area, form, model.today(), &model.theme)
        }
        Some(Overlay::Confirm { message, .. }) => {
            render_confirm(frame, area, message, &model.theme)
        }
        Some(Overlay::Search(state)) => {
            super::widgets::search::render_search(frame, area, state, &model.theme)
        }
        Some(Overlay::Palette(state)) => {
            super::widgets::palette::render_palette(frame, area, state, &model.theme)
        }
    }
}

fn render_tabs(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let theme = &model.theme;
    frame.render_widget(
        Lines::new(Span::styled(screen::brand(area), theme.title)).style(theme.bar),
        area,
    );
    for (tab, rect, label) in screen::tab_rects(area, model.tab) {
        let style = if tab == model.tab {
            theme.tab_active
        } else {
            theme.tab_inactive
        };
        frame.render_widget(Lines::new(Span::styled(label, style)), rect);
    }
}

/// When the meeting or event in progress ends, as the status bar says it: "17:00" today,
/// "Thu 17:00" within the week ahead (an event of several days), "Thu 10 Dec 17:00" beyond it,
/// and an end at midnight as "24:00" of the day before.
fn until_words(item: &crate::domain::agenda::AgendaItem, today: chrono::NaiveDate) -> String {
    let Some(end) = item.lasts_until.or_else(|| item.ends_at()) else {
        return String::new();
    };
    let (day, time) = if end.time() == chrono::NaiveTime::MIN {
        (end.date() - chrono::Duration::days(1), "24:00".to_string())
    } else {
        (end.date(), end.format("%H:%M").to_string())
    };
    match (day - today).num_days() {
        0 => time,
        1..=6 => format!("{} {time}", day.format("%a")),
        _ => format!("{} {time}", day.format("%a %-d %b")),
    }
}

/// The meeting in progress, or the next one with a countdown; inside the reminder lead time it
/// is announced in the warning colour.
fn meeting_line(model: &Model) -> Option<Span<'static>> {
    let theme = &model.theme;
    let now = model.now;
    let current = model.agenda.data.as_ref().and_then(|a| {
        a.items.iter().find(|i| {
            (i.kind.is_meeting()
                || (model.calendar_reminders
                    && i.kind == crate::domain::agenda::ItemKind::Calendar))
                && i.status != Some(crate::domain::ritual::OccurrenceStatus::Skipped)
                && i.starts_at() <= now
                && i.ends_at().is_some_and(|e| e > now)
        })
    });
    if let Some(item) = current {
        let until = until_words(item, now.date());
        return Some(Span::styled(
            format!("● {} until {until}", item.display_title()),
            theme.accent,
        ));
    }
    let next = model.agenda.next.as_ref()?;
    let minutes = (next.starts_at() - now).num_minutes().max(0);
    let countdown = match minutes {
        0 => "now".to_string(),
        m if m < 60 => format!("in {m} min"),
        m if m < 24 * 60 => format!("in {}h {:02}m", m / 60, m % 60),
        _ => format!("{}", next.starts_at().format("%a %H:%M")),
    };
    let style = if minutes <= i64::from(model.reminder_lead_min) {
        theme.warning.add_modifier(ratatui::style::Modifier::BOLD)
    } else {
        theme.text
    };
    Some(Span::styled(
        format!("▸ {} {countdown}", next.display_title()),
        style,
    ))
}

fn render_status(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let theme = &model.theme;
    let clock = screen::clock(model);
    if area.height > 1
        && let Some(status) = &model.status
    {
        // A message longer than a row has the whole bar, over as many rows as it takes, each
        // under the first.
        let style = match status.kind {
            StatusKind::Info => theme.ok,
            StatusKind::Error => theme.error,
        };
        let indent = unicode_width::UnicodeWidthStr::width(clock.as_str()) + 1;
        let room = usize::from(area.width).saturating_sub(indent);
        let mut rows =
            crate::tui::widgets::text::wrap_at_most(&status.text, room, usize::from(area.height))
                .into_iter();
        let first = Line::from(vec![
            Span::styled(clock, theme.title),
            Span::raw(" "),
            Span::styled(rows.next().unwrap_or_default(), style),
        ]);
        let mut lines = vec![first];
        lines.extend(rows.map(|row| {
            Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(row, style),
            ])
        }));
        frame.render_widget(Lines::new(lines).style(theme.bar), area);
        return;
    }
    let mut left = vec![Span::styled(clock, theme.title), Span::raw(" ")];
    match &model.status {
        Some(status) => {
            let style = match status.kind {
                StatusKind::Info => theme.ok,
                StatusKind::Error => theme.error,
            };
            left.push(Span::styled(status.text.clone(), style));
        }
        None => {
            if let Some(meeting) = meeting_line(model) {
                left.push(meeting);
                left.push(Span::raw("   "));
            }
            left.push(Span::styled("?", theme.key));
            left.push(Span::styled(" keys", theme.dim));
        }
    }
    let right = Span::styled(format!(" {} ", model.db_label), theme.dim);
    let right_width = (right.width() as u16).min(area.width / 4);
    let [l, r] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_width)]).areas(area);
    let left = crate::tui::widgets::text::fit_line(Line::from(left), usize::from(l.width));
    frame.render_widget(Lines::new(left).style(theme.bar), l);
    frame.render_widget(
        Lines::new(Line::from(right))
            .style(theme.bar)
            .right_aligned(),
        r,
    );
}

fn render_too_small(frame: &mut Frame<'_>, area: Rect, model: &Model) {
    let text = format!(
        "Bearing needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}. Enlarge it, or press q to quit.",
        area.width, area.height
    );
    let height = 3.min(area.height);
    let rect = centered(area, area.width, height);
    frame.render_widget(
        Lines::new(text)
            .style(model.theme.warning)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .centered(),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use crate::tui::model::{Status, StatusKind};
    use crate::tui::testing::{model, screen};

    /// A save's warning came at the end of its message and was cut at 80 columns ("… 0 topics
    /// disc…"): a message longer than a row takes the rows it needs.
    #[test]
    fn a_long_message_takes_the_rows_it_needs_and_says_all_of_it() {
        let mut m = model();
        let text = "1:1 of Tue 1 Dec recorded (marked held): 0 topics discussed, 0 actions added. \
                    2 ticked items had been marked or deleted elsewhere: left as they are.";
        m.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
        let shown = screen(&mut m, 80, 24);
        let rows: Vec<&str> = shown.lines().collect();
        let bar = format!(
            "{} {} {}",
            rows[21].trim(),
            rows[22].trim(),
            rows[23].trim()
        );
        assert!(bar.ends_with(text), "{bar}");
        // A short one keeps one row, with the database's name beside it.
        m.status = Some(Status {
            text: "Saved.".into(),
            kind: StatusKind::Info,
        });
        let shown = screen(&mut m, 80, 24);
        let last = shown.lines().nth(23).unwrap_or_default();
        assert!(last.contains("Saved."), "{shown}");
    }

    /// A refused undo of a delete ends by saying where the backups are: that advice is read
    /// whole at 80×24 and at the smallest screen, 60×20 (three rows cut it off).
    #[test]
    fn a_refused_undo_says_where_the_backups_are_whole_even_on_the_smallest_screen() {
        let mut m = model();
        let text = "Cannot undo deleting Aisha Bello: goal 1 was changed since (by another \
                    window or the CLI); nothing was changed. A backup from before it (backups/ \
                    beside the database) still has it: `bearing restore FILE`, or `bearing --db \
                    FILE` to copy from it.";
        m.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Error,
        });
        for (width, height) in [(80, 24), (60, 20)] {
            let shown = screen(&mut m, width, height);
            let rows: Vec<&str> = shown.lines().collect();
            let bar: Vec<&str> = rows
                .iter()
                .skip_while(|row| !row.contains("Cannot undo"))
                .map(|row| row.trim())
                .collect();
            let said = bar.join(" ").replace("  ", " ");
            assert!(
                said.ends_with("to copy from it."),
                "{width}x{height}:\n{shown}"
            );
            assert!(bar.len() > 3, "{width}x{height}: {} rows", bar.len());
            // The pane keeps most of the screen.
            assert!(bar.len() <= usize::from(height.div_ceil(3)), "{shown}");
        }
    }

    /// A message that fits the bar only without the file's name at its right wraps instead of
    /// being cut ("… was deleted elsewher…" at 60 columns) (regression pass).
    #[test]
    fn a_message_crowded_by_the_files_name_wraps_whole() {
        let mut m = model();
        m.db_label = "sun.db".into();
        let text = "Aisha Bello was deleted elsewhere, with her notes.";
        m.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
        let shown = screen(&mut m, 60, 20);
        let rows: Vec<&str> = shown.lines().collect();
        let bar = format!("{} {}", rows[18].trim(), rows[19].trim());
        assert!(bar.ends_with(text), "{shown}");
    }

    /// An event of several days in progress is said to last until its end, not until midnight,
    /// also when the end is past the week the agenda holds.
    #[test]
    fn an_event_of_several_days_in_progress_runs_until_its_last_day() {
        use crate::domain::calendar::{CalendarEvent, CalendarEventFields, EventSpan};
        let mut m = model();
        let today = m.today();
        for (days, want) in [(2, "%a 17:00"), (9, "%a %-d %b 17:00"), (0, "17:00")] {
            let start = (today - chrono::Duration::days(1))
                .and_hms_opt(8, 0, 0)
                .unwrap();
            let end = (today + chrono::Duration::days(days))
                .and_hms_opt(17, 0, 0)
                .unwrap();
            let event = CalendarEvent {
                id: 7,
                source: "team.ics".into(),
                fields: CalendarEventFields {
                    uid: "offsite".into(),
                    title: "Offsite".into(),
                    span: EventSpan::Timed { start, end },
                    recurrence_id: None,
                },
            };
            let items = crate::schedule::agenda::calendar_items(
                &[event],
                today,
                today + chrono::Duration::days(7),
            );
            m.agenda.data = Some(crate::ops::agenda::Agenda {
                from: today,
                days: 7,
                items,
                radar: Vec::new(),
            });
            m.status = None;
            let shown = screen(&mut m, 160, 48);
            let until = end.format(want);
            assert!(
                shown.contains(&format!("● Offsite until {until}")),
                "{days}: {shown}"
            );
        }
    }
}

#[cfg(test)]
#[path = "view_columns_tests.rs"]
mod columns_tests;
