//! Word wrapping exactly as ratatui's paragraph wraps (`Wrap { trim }`): the algorithm of
//! ratatui-widgets 0.3's `reflow::WordWrapper` (MIT licence), fed with the clusters `Lines`
//! found without segmenting ASCII and Bearing's marks. `lines_tests.rs` compares the two.

use std::collections::VecDeque;
use std::mem;

use ratatui::buffer::CellWidth;
use ratatui::layout::Alignment;
use ratatui::text::StyledGrapheme;

/// Rows made from lines of clusters, one at a time. Widths add up in `u16` wrapping round, as
/// the original's do in a release build, so a row 65,535 columns wide draws as it does there
/// instead of panicking.
pub(super) struct WordWrapper<'a, O>
where
    O: Iterator<Item = (Vec<StyledGrapheme<'a>>, Alignment)>,
{
    input_lines: O,
    max_line_width: u16,
    wrapped_lines: VecDeque<Vec<StyledGrapheme<'a>>>,
    current_alignment: Alignment,
    trim: bool,
    pending_word: Vec<StyledGrapheme<'a>>,
    pending_whitespace: VecDeque<StyledGrapheme<'a>>,
}

impl<'a, O> WordWrapper<'a, O>
where
    O: Iterator<Item = (Vec<StyledGrapheme<'a>>, Alignment)>,
{
    pub(super) fn new(lines: O, max_line_width: u16, trim: bool) -> Self {
        WordWrapper {
            input_lines: lines,
            max_line_width,
            wrapped_lines: VecDeque::new(),
            current_alignment: Alignment::Left,
            trim,
            pending_word: Vec::new(),
            pending_whitespace: VecDeque::new(),
        }
    }

    /// The next row: its clusters, its width and its alignment.
    pub(super) fn next_line(&mut self) -> Option<(Vec<StyledGrapheme<'a>>, u16, Alignment)> {
        if self.max_line_width == 0 {
            return None;
        }
        loop {
            if let Some(line) = self.wrapped_lines.pop_front() {
                let width =
                    (line.iter()).fold(0u16, |sum, g| sum.wrapping_add(g.symbol.cell_width()));
                return Some((line, width, self.current_alignment));
            }
            let (symbols, alignment) = self.input_lines.next()?;
            self.current_alignment = alignment;
            self.process_input(symbols);
        }
    }

    /// Splits one line into rows: whole words while they fit, a word longer than a row broken
    /// where the row ends; with `trim`, whitespace at the start of a row is left out.
    fn process_input(&mut self, line_symbols: Vec<StyledGrapheme<'a>>) {
        let max = self.max_line_width;
        let mut pending_line = Vec::new();
        let mut line_width: u16 = 0;
        let mut word_width: u16 = 0;
        let mut whitespace_width: u16 = 0;
        let mut non_whitespace_previous = false;
        self.pending_word.clear();
        self.pending_whitespace.clear();
        for grapheme in line_symbols {
            let is_whitespace = grapheme.is_whitespace();
            let symbol_width = grapheme.symbol.cell_width();
            // A cluster wider than a whole row is left out.
            if symbol_width > max {
                continue;
            }
            let word_found = non_whitespace_previous && is_whitespace;
            let starts_row = pending_line.is_empty();
            let trimmed_overflow =
                starts_row && self.trim && word_width.wrapping_add(symbol_width) > max;
            let whitespace_overflow =
                starts_row && self.trim && whitespace_width.wrapping_add(symbol_width) > max;
            let untrimmed_overflow = starts_row
                && !self.trim
                && word_width
                    .wrapping_add(whitespace_width)
                    .wrapping_add(symbol_width)
                    > max;
            if word_found || trimmed_overflow || whitespace_overflow || untrimmed_overflow {
                if !pending_line.is_empty() || !self.trim {
                    pending_line.extend(self.pending_whitespace.drain(..));
                    line_width = line_width.wrapping_add(whitespace_width);
                }
                pending_line.append(&mut self.pending_word);
                line_width = line_width.wrapping_add(word_width);
                self.pending_whitespace.clear();
                whitespace_width = 0;
                word_width = 0;
            }
            let line_full = line_width >= max;
            let pending_word_overflow = symbol_width > 0
                && line_width
                    .wrapping_add(whitespace_width)
                    .wrapping_add(word_width)
                    >= max;
            if line_full || pending_word_overflow {
                let mut remaining_width = max.saturating_sub(line_width);
                self.wrapped_lines.push_back(mem::take(&mut pending_line));
                line_width = 0;
                // The whitespace that fitted on the row just ended goes with it.
                while let Some(grapheme) = self.pending_whitespace.front() {
                    let width = grapheme.symbol.cell_width();
                    if width > remaining_width {
                        break;
                    }
                    whitespace_width = whitespace_width.wrapping_sub(width);
                    remaining_width -= width;
                    self.pending_whitespace.pop_front();
                }
                if is_whitespace && self.pending_whitespace.is_empty() {
                    continue;
                }
            }
            if is_whitespace {
                whitespace_width = whitespace_width.wrapping_add(symbol_width);
                self.pending_whitespace.push_back(grapheme);
            } else {
                word_width = word_width.wrapping_add(symbol_width);
                self.pending_word.push(grapheme);
            }
            non_whitespace_previous = !is_whitespace;
        }
        // A line of whitespace alone, trimmed, is an empty row.
        if pending_line.is_empty()
            && self.pending_word.is_empty()
            && !self.pending_whitespace.is_empty()
            && self.trim
        {
            self.wrapped_lines.push_back(Vec::new());
        }
        if !pending_line.is_empty() || !self.trim {
            pending_line.extend(self.pending_whitespace.drain(..));
        }
        pending_line.append(&mut self.pending_word);
        if !pending_line.is_empty() {
            self.wrapped_lines.push_back(pending_line);
        }
        if self.wrapped_lines.is_empty() {
            self.wrapped_lines.push_back(Vec::new());
        }
    }
}
