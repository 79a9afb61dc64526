//! A window onto a long list of lines grouped under headers (days, kinds): the focused line is
//! always in view, the header of its group stays visible (pinned to the top when the group is
//! taller than the window), and when lines are left below, the last row says how many rows
//! they hold instead of cutting them off without a word.

use ratatui::text::Line;

/// What a line is, for keeping headers in view and counting what is left below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A group's title (a day, a kind of item).
    Header,
    /// A selectable row, or the first line of one: what "+N more" counts.
    Row,
    /// Anything else: a row's continuation, a marker, a blank.
    Other,
}

#[derive(Debug, Clone)]
pub struct Listed<'a> {
    pub line: Line<'a>,
    pub role: Role,
}

impl<'a> Listed<'a> {
    pub fn new(line: Line<'a>, role: Role) -> Listed<'a> {
        Listed { line, role }
    }
}

/// The lines to draw in `height` rows with line `focus` in view. When lines are left below,
/// the last row is `more(rows_below, hidden)`, given the number of `Role::Row` lines below and
/// the hidden lines themselves.
pub fn window<'a>(
    lines: Vec<Listed<'a>>,
    height: usize,
    focus: usize,
    more: impl FnOnce(usize, &[Listed<'a>]) -> Line<'a>,
) -> Vec<Line<'a>> {
    window_from(
        lines,
        height,
        Scroll { focus, top: 0 },
        None::<fn(usize, &[Listed<'a>]) -> Line<'a>>,
        more,
    )
}

/// Where a window onto lines looks: the line to keep in view, and the line to start at while
/// the focus is at or below it and fits under it (today's header in the agenda).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub focus: usize,
    pub top: usize,
}

/// As `window`, starting at `scroll.top` when the focus allows; with `above`, lines hidden
/// above are said too: the first row is `above(rows_above, hidden)`.
pub fn window_from<'a>(
    lines: Vec<Listed<'a>>,
    height: usize,
    scroll: Scroll,
    above: Option<impl FnOnce(usize, &[Listed<'a>]) -> Line<'a>>,
    more: impl FnOnce(usize, &[Listed<'a>]) -> Line<'a>,
) -> Vec<Line<'a>> {
    let total = lines.len();
    let top = if scroll.top <= scroll.focus && scroll.top < total {
        scroll.top
    } else {
        0
    };
    if total <= height && top == 0 {
        return lines.into_iter().map(|l| l.line).collect();
    }
    let focus = scroll.focus.min(total.saturating_sub(1));
    let says_above = usize::from(above.is_some());
    // The rows a note above takes when the window starts at `s`.
    let note = |s: usize| if s > 0 { says_above } else { 0 };
    if height < 3 + says_above {
        let start = (focus + 1).saturating_sub(height);
        return lines
            .into_iter()
            .skip(start)
            .take(height)
            .map(|l| l.line)
            .collect();
    }
    // Whether the focus is in view when the window starts at `s`, a row kept for a note below.
    let fits = |s: usize| focus >= s && focus - s + 1 + note(s) < height;
    let header = lines[..=focus].iter().rposition(|l| l.role == Role::Header);
    // Where the window starts, and whether the header is pinned above it.
    let (start, pinned) = match header {
        _ if fits(top) => (top, false),
        _ if fits(0) => (0, false),
        Some(h) if fits(h) => (h, false),
        Some(_) => (focus + 3 + says_above - height, true),
        None => (focus + 2 + says_above - height, false),
    };
    let header = header.unwrap_or(0);
    let pinned_row = usize::from(pinned);
    let mut out: Vec<Line<'a>> = Vec::with_capacity(height);
    if total - start + note(start) + pinned_row <= height {
        // The rest fits: fill the window from the end, keeping the header (or the top) in view.
        let floor = if pinned {
            header + 1
        } else if start == top {
            top
        } else {
            0
        };
        let room = height - pinned_row;
        let from_end = if total <= room {
            0
        } else {
            total - (room - says_above)
        };
        let start = from_end.max(floor).min(start);
        push_above(&mut out, &lines, start, above);
        if pinned {
            out.push(lines[header].line.clone());
        }
        out.extend(lines.into_iter().skip(start).map(|l| l.line));
        return out;
    }
    push_above(&mut out, &lines, start, above);
    if pinned {
        out.push(lines[header].line.clone());
    }
    let shown = height - pinned_row - note(start) - 1;
    let rows_below = lines[start + shown..]
        .iter()
        .filter(|l| l.role == Role::Row)
        .count();
    let note = more(rows_below, &lines[start + shown..]);
    out.extend(lines.into_iter().skip(start).take(shown).map(|l| l.line));
    out.push(note);
    out
}

/// The note for the lines above `start`, when there are some and the caller says them.
fn push_above<'a>(
    out: &mut Vec<Line<'a>>,
    lines: &[Listed<'a>],
    start: usize,
    above: Option<impl FnOnce(usize, &[Listed<'a>]) -> Line<'a>>,
) {
    if let Some(above) = above.filter(|_| start > 0) {
        let hidden = &lines[..start];
        let rows = hidden.iter().filter(|l| l.role == Role::Row).count();
        out.push(above(rows, hidden));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(spec: &str) -> Vec<Listed<'static>> {
        spec.split(' ')
            .map(|w| {
                let role = match w.chars().next() {
                    Some('H') => Role::Header,
                    Some('r') => Role::Row,
                    _ => Role::Other,
                };
                Listed::new(Line::from(w.to_string()), role)
            })
            .collect()
    }

    fn shown(spec: &str, height: usize, focus: usize) -> Vec<String> {
        window(lines(spec), height, focus, |n, _| {
            Line::from(format!("+{n}"))
        })
        .into_iter()
        .map(|l| l.to_string())
        .collect()
    }

    #[test]
    fn what_fits_is_shown_whole() {
        assert_eq!(shown("H1 r1 r2", 5, 2), ["H1", "r1", "r2"]);
    }

    #[test]
    fn what_does_not_fit_is_counted_not_cut() {
        // Five rows, four lines: three shown and a note for the two rows below.
        assert_eq!(shown("H1 r1 r2 H2 r3 r4", 4, 0), ["H1", "r1", "r2", "+2"]);
    }

    #[test]
    fn the_window_starts_at_the_focused_rows_header() {
        assert_eq!(
            shown("H1 r1 r2 H2 r3 r4 H3 r5 r6", 4, 5),
            ["H2", "r3", "r4", "+2"]
        );
        // At the end, the window fills up from the bottom.
        assert_eq!(
            shown("H1 r1 r2 H2 r3 r4 H3 r5 r6", 4, 8),
            ["r4", "H3", "r5", "r6"]
        );
    }

    #[test]
    fn a_group_taller_than_the_window_keeps_its_header_pinned() {
        assert_eq!(
            shown("H1 r1 r2 r3 r4 r5 r6 r7 H2 r8", 4, 5),
            ["H1", "r4", "r5", "+3"]
        );
        assert_eq!(
            shown("H1 r1 r2 r3 r4 r5 r6 r7", 4, 7),
            ["H1", "r5", "r6", "r7"]
        );
    }

    #[test]
    fn without_headers_nothing_is_pinned() {
        assert_eq!(shown("r1 r2 r3 r4 r5 r6", 3, 3), ["r3", "r4", "+2"]);
        assert_eq!(shown("r1 r2 r3 r4 r5 r6", 3, 5), ["r4", "r5", "r6"]);
    }

    fn shown_from(spec: &str, height: usize, focus: usize, top: usize) -> Vec<String> {
        let above = |n: usize, _: &[Listed<'static>]| Line::from(format!("^{n}"));
        window_from(
            lines(spec),
            height,
            Scroll { focus, top },
            Some(above),
            |n, _| Line::from(format!("+{n}")),
        )
        .into_iter()
        .map(|l| l.to_string())
        .collect()
    }

    #[test]
    fn the_window_starts_at_its_top_and_says_what_is_above() {
        // Today (H2) at the top, though everything would fit from the start.
        assert_eq!(shown_from("H1 r1 r2 H2 r3", 6, 4, 3), ["^2", "H2", "r3"]);
        assert_eq!(
            shown_from("H1 r1 r2 H2 r3 r4 H3 r5 r6", 5, 4, 3),
            ["^2", "H2", "r3", "r4", "+2"]
        );
        // A focus above the top, or beyond what fits under it, moves the window as before.
        assert_eq!(
            shown_from("H1 r1 r2 H2 r3", 4, 1, 3),
            ["H1", "r1", "r2", "+1"]
        );
        assert_eq!(
            shown_from("H1 r1 r2 H2 r3 r4 H3 r5 r6 r7 r8", 5, 8, 3),
            ["^4", "H3", "r5", "r6", "+2"]
        );
        // Scrolled down a long day: its header pinned under the note.
        assert_eq!(
            shown_from("H1 r1 r2 r3 r4 r5 r6 r7 H2 r8", 5, 5, 0),
            ["^3", "H1", "r4", "r5", "+3"]
        );
    }

    #[test]
    fn tiny_windows_show_the_focus() {
        assert_eq!(shown("H1 r1 r2 r3", 1, 3), ["r3"]);
        assert_eq!(shown("H1 r1 r2 r3", 2, 3), ["r2", "r3"]);
    }
}
