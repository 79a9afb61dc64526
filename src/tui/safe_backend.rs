//! The TUI's last gate before the terminal: every cell ratatui hands over passes through
//! [`terminal_safe`], the same function the CLI uses. ratatui already skips control characters
//! and zero-width graphemes when it lays out text, so this changes nothing in practice; it is
//! here so that no widget, present or future, can send data's escape sequences or bidi controls
//! to the terminal.
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

use crate::domain::terminal_safe::terminal_safe;

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

/// A copy of `cell` with its symbol made safe, when it needs one.
fn cleaned(cell: &Cell) -> Option<Cell> {
    match terminal_safe(cell.symbol()) {
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
