use super::*;
use crate::tui::widgets::lines::tests::{scribbled, style};
use ratatui::widgets::{Borders, Cell, Row, StatefulWidget, TableState};

/// Cell texts: ASCII, marks and box drawing, wide and combining clusters, emoji sequences,
/// controls and escape sequences, empty ones.
const PIECES: &[&str] = &[
    "Ana",
    "Quarterly review",
    "",
    " ",
    "▌ □ ✓",
    "— … ›",
    "日本語",
    "👩‍💻",
    "e\u{301}",
    "\u{301}x",
    "ｶﾞ",
    "\t",
    "\x1b[31m",
    "\u{ad}",
    "a very long title that runs past its column",
];

fn cells(rng: &mut fastrand::Rng) -> Vec<Span<'static>> {
    (0..rng.usize(0..5))
        .map(|_| {
            let text: String = (0..rng.usize(1..3))
                .map(|_| PIECES[rng.usize(0..PIECES.len())])
                .collect();
            Span::styled(text, style(rng))
        })
        .collect()
}

fn constraint(rng: &mut fastrand::Rng) -> Constraint {
    match rng.u8(0..4) {
        0 => Constraint::Length(rng.u16(0..12)),
        1 => Constraint::Fill(rng.u16(0..3)),
        2 => Constraint::Min(rng.u16(0..6)),
        _ => Constraint::Percentage(rng.u16(0..40)),
    }
}

/// 400 seeded tables (1.4 s for 3,000 in a debug build), all 3,000 with `BEARING_FULL_TESTS=1`.
fn cases() -> usize {
    match std::env::var_os("BEARING_FULL_TESTS") {
        Some(v) if v != "0" => 3000,
        _ => 400,
    }
}

#[test]
fn every_cell_is_what_ratatuis_table_would_draw() {
    let mut rng = fastrand::Rng::with_seed(18);
    for case in 0..cases() {
        let rows: Vec<(Vec<Span<'static>>, Style)> = (0..rng.usize(0..30))
            .map(|_| (cells(&mut rng), style(&mut rng)))
            .collect();
        let header = rng.bool().then(|| (cells(&mut rng), style(&mut rng)));
        let widths: Vec<Constraint> = (0..rng.usize(0..5)).map(|_| constraint(&mut rng)).collect();
        let spacing = rng.u16(0..3);
        let symbol = ["▌", ">>", ""][rng.usize(0..3)];
        let highlight = style(&mut rng);
        let selected = rng.bool().then(|| rng.usize(0..rows.len() + 3));
        let block = match rng.u8(0..3) {
            0 => None,
            1 => Some(Block::default().borders(Borders::TOP).title(" Risks 3 ")),
            _ => Some(Block::default().borders(Borders::ALL)),
        };
        let buffer = Rect::new(0, 0, 40, 14);
        let area = Rect::new(
            rng.u16(0..40),
            rng.u16(0..14),
            rng.u16(0..50),
            rng.u16(0..18),
        );

        let mut theirs = ratatui::widgets::Table::new(
            rows.iter().map(|(cells, style)| {
                Row::new(cells.iter().cloned().map(Cell::from)).style(*style)
            }),
            widths.clone(),
        )
        .row_highlight_style(highlight)
        .highlight_symbol(symbol)
        .column_spacing(spacing);
        let mut ours = Table::new(
            rows.iter()
                .map(|(cells, style)| TableRow::new(cells.clone()).style(*style))
                .collect(),
            widths.clone(),
        )
        .row_highlight_style(highlight)
        .highlight_symbol(symbol)
        .column_spacing(spacing)
        .selected(selected);
        if let Some((cells, style)) = &header {
            theirs = theirs.header(Row::new(cells.iter().cloned().map(Cell::from)).style(*style));
            ours = ours.header(TableRow::new(cells.clone()).style(*style));
        }
        if let Some(block) = &block {
            theirs = theirs.block(block.clone());
            ours = ours.block(block.clone());
        }
        let mut expected = scribbled(buffer);
        let mut state = TableState::default().with_selected(selected);
        StatefulWidget::render(theirs, area, &mut expected, &mut state);
        let mut drawn = scribbled(buffer);
        ours.render(area, &mut drawn);
        assert_eq!(
            drawn, expected,
            "case {case}: {rows:?} in {area:?}, selected {selected:?}"
        );
    }
}
