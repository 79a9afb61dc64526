//! The TUI's last gate before the terminal: every cell ratatui hands over is cleaned of the
//! characters [`is_unsafe`] names, the ones the CLI shows as marks. Text laid out by the widgets
//! in `widgets::text` has its marks already, so this changes nothing there; it is here so that no
//! widget, present or future, can send data's escape sequences or bidi controls to the terminal.
//!
//! It can only clean a cell, not make room for a mark: ratatui skips control characters but puts
//! a zero-width character (U+200B, U+202E...) into the cell before it, and crossterm draws the
//! next cell right after this one, without moving the cursor. So an unsafe character sharing a
//! cell is left out, and only a cell that holds nothing else shows a mark: either way the cell
//! is drawn as wide as ratatui counted it and the rest of its row stays aligned (see
//! [`shown_in_cell`]).
//!
//! It also keeps the terminal's size between frames: ratatui asks for it before every draw, and
//! crossterm answers by opening `/dev/tty` each time (an open, an `ioctl` and a close per key).
//! It is read again after every SIGWINCH ([`watch_resizes`]: the signal itself, not the resize
//! event, which comes after any key already queued and not at all before crossterm listens),
//! and whenever the loop forgets it (the screen taken back after a stop).

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::borrow::Cow;
use std::cell::Cell as Kept;
use std::sync::atomic::{AtomicBool, Ordering};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::terminal_safe::{is_joiner, is_unsafe, shown_as};

/// Set by every SIGWINCH once [`watch_resizes`] runs: the kept size may be stale.
static RESIZED: AtomicBool = AtomicBool::new(false);

/// From now on every SIGWINCH (a resize, or the loop woken by `wake_the_loop`) has the next
/// draw read the terminal's size again. Called before the terminal is first asked its size.
pub fn watch_resizes() -> std::io::Result<()> {
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        signal_hook::low_level::register(signal_hook::consts::SIGWINCH, || {
            RESIZED.store(true, Ordering::SeqCst)
        })
    }?;
    Ok(())
}

/// Wraps the real backend and cleans each cell it draws.
pub struct SafeBackend<B> {
    pub inner: B,
    /// The size last read from the terminal, until [`SafeBackend::forget_size`].
    size: Kept<Option<Size>>,
}

impl<B: Backend> SafeBackend<B> {
    pub fn new(inner: B) -> SafeBackend<B> {
        SafeBackend {
            inner,
            size: Kept::new(None),
        }
    }

    /// The terminal may have been resized: the next draw reads its size again.
    pub fn forget_size(&self) {
        self.size.set(None);
    }
}

/// A cell's symbol as the terminal is sent it: never wider than ratatui counts it. Its unsafe
/// characters are left out, and when nothing with a width is left, the first one's mark is sent
/// instead (one column, as ratatui counts the cell). An emoji sequence joined by ZWJ, which
/// ratatui counts as one 2-column picture but a terminal that does not join emoji draws part by
/// part, is cut to its first picture; a joiner at the end of a cell (ratatui ends a cell after
/// one) is left out, as [`in_columns`](crate::domain::terminal_safe::in_columns) leaves it out.
pub fn shown_in_cell(symbol: &str) -> Cow<'_, str> {
    // Almost every cell of a frame: one printable ASCII character, nothing to measure.
    if let [b' '..=b'~'] = symbol.as_bytes() {
        return Cow::Borrowed(symbol);
    }
    let room = symbol.width().max(1);
    let drawn: usize = symbol.chars().filter_map(|c| c.width()).sum();
    if drawn <= room && !symbol.contains(is_unsafe) && !symbol.ends_with(is_joiner) {
        return Cow::Borrowed(symbol);
    }
    let mut shown = String::new();
    let mut used = 0;
    for c in symbol.chars().filter(|&c| !is_unsafe(c)) {
        let width = c.width().unwrap_or(0);
        if used + width > room {
            break;
        }
        shown.push(c);
        used += width;
    }
    // A joiner left at the end would join the next cell's character.
    let shown = shown.trim_end_matches(is_joiner);
    match symbol.chars().find(|&c| is_unsafe(c)) {
        Some(first) if used == 0 => Cow::Owned(shown_as(first).to_string()),
        _ => Cow::Owned(shown.to_string()),
    }
}

/// A copy of `cell` with its symbol made safe, when it needs one.
fn cleaned(cell: &Cell) -> Option<Cell> {
    match shown_in_cell(cell.symbol()) {
        Cow::Borrowed(_) => None,
        Cow::Owned(symbol) => {
            let mut copy = cell.clone();
            copy.set_symbol(&symbol);
            Some(copy)
        }
    }
}

impl<B: Backend> Backend for SafeBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let content: Vec<(u16, u16, &Cell)> = content.collect();
        let copies: Vec<Option<Cell>> = content.iter().map(|(_, _, c)| cleaned(c)).collect();
        self.inner.draw(
            content
                .iter()
                .zip(&copies)
                .map(|(&(x, y, cell), copy)| (x, y, copy.as_ref().unwrap_or(cell))),
        )
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        // Cleared before the size is read: a signal while it is read marks it stale again.
        if RESIZED.swap(false, Ordering::SeqCst) {
            self.size.set(None);
        }
        if let Some(size) = self.size.get() {
            return Ok(size);
        }
        let size = self.inner.size()?;
        self.size.set(Some(size));
        Ok(size)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn cells_holding_controls_are_drawn_as_visible_marks() {
        let mut backend = SafeBackend::new(TestBackend::new(4, 1));
        let mut cells = [Cell::default(), Cell::default(), Cell::default()];
        cells[0].set_symbol("\u{1b}");
        cells[1].set_symbol("\u{202e}");
        cells[2].set_symbol("é");
        backend
            .draw(cells.iter().enumerate().map(|(x, c)| (x as u16, 0, c)))
            .unwrap();
        backend.inner.assert_buffer_lines(["␛\u{fffd}é "]);
    }

    #[test]
    fn a_cell_keeps_its_width() {
        for (symbol, shown) in [
            ("a", "a"),
            ("a\u{202e}", "a"),
            ("\u{200b}a", "a"),
            ("日\u{2066}\u{feff}", "日"),
            ("\u{202e}", "\u{fffd}"),
            ("\u{200b}", "\u{fffd}"),
            ("\u{ad}", "\u{fffd}"),
            ("\u{1b}", "␛"),
            ("\u{202e}\u{301}", "\u{fffd}"),
            ("e\u{301}", "e\u{301}"),
            ("👩\u{200d}💻", "👩"),
            ("👩\u{200d}", "👩"),
            ("🇳🇱", "🇳🇱"),
        ] {
            assert_eq!(shown_in_cell(symbol), shown, "{symbol:?}");
        }
    }

    /// One test for both ways the size is read again, as `RESIZED` is the process's.
    #[test]
    fn the_size_is_read_again_once_forgotten_or_after_a_sigwinch() {
        let mut backend = SafeBackend::new(TestBackend::new(80, 24));
        assert_eq!(backend.size().unwrap(), Size::new(80, 24));
        backend.inner.resize(100, 30);
        let kept = backend.size().unwrap();
        assert_eq!(kept, Size::new(80, 24), "kept between frames");
        backend.forget_size();
        assert_eq!(backend.size().unwrap(), Size::new(100, 30));

        watch_resizes().unwrap();
        backend.inner.resize(120, 40);
        assert_eq!(backend.size().unwrap(), Size::new(100, 30));
        signal_hook::low_level::raise(signal_hook::consts::SIGWINCH).unwrap();
        let read = backend.size().unwrap();
        assert_eq!(read, Size::new(120, 40), "read again after a SIGWINCH");
    }
}
