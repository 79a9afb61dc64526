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
    let total = lines.len();
    if total <= height {
        return lines.into_iter().map(|l| l.line).collect();
    }
    let focus = focus.min(total - 1);
    if height < 3 {
        let start = (focus + 1).saturating_sub(height);
        return lines
            .into_iter()
            .skip(start)
            .take(height)
            .map(|l| l.line)
            .collect();
    }
    let header = lines[..=focus].iter().rposition(|l| l.role == Role::Header);
    // Where the window starts, and whether the header is pinned above it.
    let (start, pinned) = match header {
        _ if focus + 1 < height => (0, false),
        Some(h) if focus - h + 1 < height => (h, false),
        Some(_) => (focus + 3 - height, true),
        None => (focus + 2 - height, false),
    };
    let header = header.unwrap_or(0);
    let room = height - usize::from(pinned);
    let mut out: Vec<Line<'a>> = Vec::with_capacity(height);
    if pinned {
        out.push(lines[header].line.clone());
    }
    if total - start <= room {
        // The rest fits: fill the window from the end, keeping the header in view.
        let floor = if pinned { header + 1 } else { 0 };
        let start = (total - room).max(floor).min(start);
        out.extend(lines.into_iter().skip(start).map(|l| l.line));
        return out;
    }
    let shown = room - 1;
    let rows_below = lines[start + shown..]
        .iter()
        .filter(|l| l.role == Role::Row)
        .count();
    let note = more(rows_below, &lines[start + shown..]);
    out.extend(lines.into_iter().skip(start).take(shown).map(|l| l.line));
    out.push(note);
    out
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

    #[test]
    fn tiny_windows_show_the_focus() {
        assert_eq!(shown("H1 r1 r2 r3", 1, 3), ["r3"]);
        assert_eq!(shown("H1 r1 r2 r3", 2, 3), ["r2", "r3"]);
    }
}
