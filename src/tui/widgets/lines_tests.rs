use super::*;
use ratatui::style::{Color, Modifier};
use ratatui::text::Span;
use ratatui::widgets::{Borders, Paragraph, Wrap};

/// Pieces of text the lines are made of: ASCII, wide and combining clusters, emoji sequences,
/// halfwidth sound marks, controls and escape sequences, empty and blank spans.
const PIECES: &[&str] = &[
    "abc",
    "Quarterly review",
    " ",
    "",
    "héllo",
    "日本語",
    "👩‍💻",
    "e\u{301}",
    "ｶﾞ",
    "\t",
    "\x1b[31m",
    "a\r\nb",
    "\u{7f}",
    "\u{200b}",
    "▌ □ ✓",
    "— … · ›",
    "\u{600}12",
    "1\u{fe0f}\u{20e3}",
    "\u{ad}",
    "ｶ",
    "  ",
    "\u{a0}",
    "a b c d e f",
    "word word  word   ",
    " leading",
    "x",
    "long enough to be cut at the edge of a narrow box",
];

pub(crate) fn style(rng: &mut fastrand::Rng) -> Style {
    match rng.u8(0..5) {
        0 => Style::default(),
        1 => Style::new().fg(Color::Indexed(rng.u8(0..16))),
        2 => Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
        3 => Style::new().reversed(),
        _ => Style::new().not_bold().fg(Color::Red),
    }
}

fn alignment(rng: &mut fastrand::Rng) -> Option<Alignment> {
    match rng.u8(0..5) {
        0 => Some(Alignment::Left),
        1 => Some(Alignment::Center),
        2 => Some(Alignment::Right),
        _ => None,
    }
}

fn line(rng: &mut fastrand::Rng) -> Line<'static> {
    let spans: Vec<Span<'static>> = (0..rng.usize(0..4))
        .map(|_| {
            let text: String = (0..rng.usize(1..3))
                .map(|_| PIECES[rng.usize(0..PIECES.len())])
                .collect();
            Span::styled(text, style(rng))
        })
        .collect();
    let mut line = Line::from(spans).style(style(rng));
    line.alignment = alignment(rng);
    line
}

/// A buffer already holding something, as a frame's buffer does when a widget draws over it.
pub(crate) fn scribbled(area: Rect) -> Buffer {
    let mut buf = Buffer::empty(area);
    for (i, cell) in buf.content.iter_mut().enumerate() {
        cell.set_symbol(if i % 3 == 0 { "#" } else { "." })
            .set_style(Style::new().fg(Color::Green));
    }
    buf
}

#[test]
fn every_cell_is_what_the_paragraph_would_draw() {
    let mut rng = fastrand::Rng::with_seed(18);
    for case in 0..3000 {
        let lines: Vec<Line<'static>> = (0..rng.usize(0..5)).map(|_| line(&mut rng)).collect();
        let mut text = Text::from(lines).style(style(&mut rng));
        text.alignment = alignment(&mut rng);
        let own = style(&mut rng);
        let block = match rng.u8(0..3) {
            0 => None,
            1 => Some(Block::default().borders(Borders::ALL).title("Notes")),
            _ => Some(
                Block::default()
                    .borders(Borders::LEFT)
                    .style(style(&mut rng)),
            ),
        };
        let buffer = Rect::new(0, 0, 14, 6);
        // Areas inside the buffer, at its edges, and reaching past them.
        let area = Rect::new(rng.u16(0..14), rng.u16(0..6), rng.u16(0..18), rng.u16(0..8));
        let mut paragraph = Paragraph::new(text.clone()).style(own);
        let mut lines = Lines::new(text.clone()).style(own);
        if let Some(block) = &block {
            paragraph = paragraph.block(block.clone());
            lines = lines.block(block.clone());
        }
        if rng.bool() {
            paragraph = paragraph.alignment(Alignment::Right);
            lines = lines.alignment(Alignment::Right);
        }
        if rng.bool() {
            let wrap = Wrap { trim: rng.bool() };
            paragraph = paragraph.wrap(wrap);
            lines = lines.wrap(wrap);
        }
        let mut expected = scribbled(buffer);
        // Ratatui's wrapping panics on a few of these (a row made wider than a narrow area at
        // the buffer's edge); `Lines` must draw them without panicking, and the rest alike.
        let theirs = std::panic::catch_unwind(move || {
            paragraph.render(area, &mut expected);
            expected
        });
        let mut drawn = scribbled(buffer);
        lines.render(area, &mut drawn);
        let Ok(expected) = theirs else {
            continue;
        };
        assert_eq!(drawn, expected, "case {case}: {text:?} in {area:?}");
    }
}

#[test]
fn a_wide_cluster_at_the_edge_ends_the_line_and_one_wider_than_the_row_is_left_out() {
    let area = Rect::new(0, 0, 5, 1);
    let mut buf = Buffer::empty(area);
    Lines::new(Line::from("abcd日x")).render(area, &mut buf);
    assert_eq!(buf, Buffer::with_lines(["abcd "]));
    let narrow = Rect::new(0, 0, 1, 1);
    let mut buf = Buffer::empty(narrow);
    Lines::new(Line::from("日a")).render(narrow, &mut buf);
    assert_eq!(buf, Buffer::with_lines(["a"]));
}

#[test]
fn the_characters_taken_one_by_one_are_clusters_of_their_own_to_ratatui() {
    let mut checked = 0;
    for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
        if c.is_ascii() || !stands_alone(c) {
            continue;
        }
        // Beside ASCII, beside itself, and beside the other kinds taken one by one.
        let text = format!("a{c}{c}b▌{c}日{c}é{c}");
        let span = Span::raw(text.as_str());
        let clusters: Vec<&str> = span
            .styled_graphemes(Style::default())
            .map(|g| g.symbol)
            .collect();
        let chars: Vec<String> = text.chars().map(String::from).collect();
        assert_eq!(clusters, chars, "U+{:04X}", u32::from(c));
        // None is drawn over by the one before it (a table's cell would append it there).
        assert!(
            c.to_string().as_str().cell_width() > 0,
            "U+{:04X}",
            u32::from(c)
        );
        checked += 1;
    }
    assert!(checked > 20_000, "{checked}");
}
