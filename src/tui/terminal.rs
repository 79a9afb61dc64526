//! Entering and leaving the terminal's full-screen mode, so that it is restored on every exit:
//! normal quit (guard drop), panic (our hook, chained before color-eyre's), and the catchable
//! signals (see `signals.rs`: every catchable signal whose default would end the process ends
//! the loop — SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE and the rest
//! listed there — and SIGTSTP and SIGCONT suspend and resume it). Mouse capture, when on, is switched off on each of these
//! paths too, or the shell would be left printing escape codes on every click. Every cell goes
//! out through [`SafeBackend`], so no text from data reaches the terminal raw.

use crossterm::cursor::Show;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, BufWriter, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use super::safe_backend::SafeBackend;

/// The terminal the cockpit draws on. A frame goes out in one write: standard output alone
/// writes a kilobyte at a time, ten system calls (and ten wake-ups of the terminal) for a
/// full screen at 160×48. Ratatui flushes it at the end of every draw.
pub type Screen = Terminal<SafeBackend<CrosstermBackend<BufWriter<Stdout>>>>;

/// A full frame at 160×48 is about 10 KB. A bigger one (a very large terminal, colours changing
/// in most cells) goes out in more than one write, as every frame did before.
const FRAME_BUFFER: usize = 64 * 1024;

/// True while the screen is handed back (to the shell on a suspend, to `$EDITOR`): a signal that
/// would take it back must not, and SIGTSTP stops Bearing straight away. Process-wide, like the
/// terminal's modes.
static LENT: AtomicBool = AtomicBool::new(false);

pub fn is_lent() -> bool {
    LENT.load(Ordering::SeqCst)
}

/// True from the moment the screen is taken until it is given back: a panic or a signal before
/// the screen was ever taken sends the shell no codes (leaving a full screen never entered
/// makes the terminal restore a cursor it never saved, and the prompt jumps).
static TAKEN: AtomicBool = AtomicBool::new(false);

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    pub terminal: Screen,
    mouse: bool,
}

impl TerminalGuard {
    /// The panic hook that gives the terminal back, and the terminal's frames made (most of the
    /// cost: the start makes them on a second thread while the agenda is read); the screen is
    /// not taken yet: [`TerminalGuard::take_screen`] takes it.
    pub fn ready(mouse: bool) -> io::Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        let out = BufWriter::with_capacity(FRAME_BUFFER, io::stdout());
        let terminal = Terminal::new(SafeBackend::new(CrosstermBackend::new(out)))?;
        Ok(TerminalGuard { terminal, mouse })
    }

    /// Full screen, raw mode and, with `mouse`, mouse capture.
    pub fn take_screen(&self) -> io::Result<()> {
        take_screen(self.mouse)
    }

    /// Forgets what is on screen (both buffers blank), so the next draw repaints every cell,
    /// and the terminal's size, read again before it. `Terminal::clear` would ask the terminal
    /// for the cursor position, which not every terminal answers.
    pub fn forget_screen(&mut self) {
        // Resized while stopped, the terminal sent this process no SIGWINCH.
        self.terminal.backend().forget_size();
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
    }

    /// SIGTSTP: gives the terminal back to the shell, stops the process, and takes the screen
    /// again when the shell continues it.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
        take_screen(self.mouse)?;
        self.forget_screen();
        Ok(())
    }

    /// SIGCONT: whoever stopped the process may have reset the terminal's modes meanwhile.
    pub fn resumed(&mut self) -> io::Result<()> {
        disable_raw_mode()?;
        enable_raw_mode()?;
        self.forget_screen();
        Ok(())
    }
}

/// Raw mode, the alternate screen (blank) and, with `mouse`, mouse capture.
pub fn take_screen(mouse: bool) -> io::Result<()> {
    // Before the first step: a step that fails leaves the ones before it to undo.
    TAKEN.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
    capture_mouse(mouse)?;
    LENT.store(false, Ordering::SeqCst);
    Ok(())
}

/// Switches mouse capture on (`true`) or leaves it off.
fn capture_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Gives the terminal back: mouse reporting off, raw mode off, the main screen, the cursor
/// shown. Harmless when some of it was never on; nothing at all when the screen was not taken
/// (never, or given back already). Best effort: each step is tried even if an earlier one
/// failed.
pub fn restore() {
    LENT.store(true, Ordering::SeqCst);
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = disable_raw_mode();
    let _ = execute!(out, LeaveAlternateScreen, Show);
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // A draw cut short by an error leaves the rest of its frame in the buffer, which the
        // cursor's show flushes: onto the full screen still, not the shell's after `restore`.
        if TAKEN.load(Ordering::SeqCst) {
            let _ = self.terminal.show_cursor();
        }
        restore();
    }
}

/// Blocks until the terminal on standard input hangs up (its window or tmux pane was closed
/// without a SIGHUP reaching us) and says so; false when it cannot watch. Asking poll for no
/// event at all still reports a hang-up, an error or a closed descriptor, and nothing else, so
/// this sleeps without waking until then. Without it crossterm keeps reading end-of-file in a
/// loop and an orphaned Bearing would burn CPU forever.
fn wait_for_hang_up_of_stdin() -> bool {
    loop {
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd, a count of one, no timeout: poll only writes `revents`.
        let ready = unsafe { libc::poll(&mut fd, 1, -1) };
        if ready > 0 {
            return fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0;
        }
        if ready < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return false;
        }
    }
}

/// Exits the process once the terminal hangs up. crossterm's event reader spins on end-of-file
/// inside its own poll, so the event loop never gets to notice; this watcher sleeps in poll on
/// another thread until the hang-up (no periodic check: an idle cockpit never wakes). Exiting is
/// safe: every save is one SQLite transaction, and there is no terminal left to restore.
pub fn watch_for_hang_up() -> io::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        // crossterm reads /dev/tty then; a closed pipe on stdin says nothing about it.
        return Ok(());
    }
    std::thread::Builder::new()
        .name("hang-up watch".into())
        .spawn(|| {
            if wait_for_hang_up_of_stdin() {
                std::process::exit(129);
            }
        })
        .map(|_| ())
}
