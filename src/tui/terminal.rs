//! Entering and leaving the terminal's full-screen mode, so that it is restored on every exit:
//! normal quit (guard drop), panic (ratatui's hook, chained before color-eyre's), SIGTERM/SIGHUP
//! (a flag the loop checks at least once a second). Mouse capture, when on, is switched off on
//! each of these paths too, or the shell would be left printing escape codes on every click.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    /// Full screen, raw mode and, with `mouse`, mouse capture.
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        let terminal = ratatui::try_init()?;
        // ratatui's hook restores the screen on panic; ours, run before it, releases the mouse.
        let restore_screen = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            release_mouse();
            restore_screen(info);
        }));
        let guard = TerminalGuard { terminal };
        capture_mouse(mouse)?;
        Ok(guard)
    }
}

/// Switches mouse capture on (`true`) or leaves it off.
pub fn capture_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Switches mouse capture off; harmless when it was never on.
fn release_mouse() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
}

/// Gives the terminal back: mouse, raw mode, the main screen.
pub fn restore() {
    release_mouse();
    ratatui::restore();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// True when the terminal on standard input has hung up (its window or tmux pane was closed
/// without a SIGHUP reaching us). Without this check crossterm keeps reading end-of-file in a
/// loop and an orphaned Bearing would burn CPU forever.
fn hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, a count of one, and a zero timeout: poll only writes `revents`.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Exits the process once the terminal hangs up. crossterm's event reader spins on end-of-file
/// inside its own poll, so the event loop never gets to notice; this watcher checks once a
/// second from another thread. Exiting is safe: every save is one SQLite transaction, and there
/// is no terminal left to restore.
pub fn watch_for_hang_up() -> io::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        // crossterm reads /dev/tty then; a closed pipe on stdin says nothing about it.
        return Ok(());
    }
    std::thread::Builder::new()
        .name("hang-up watch".into())
        .spawn(|| {
            loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
                if hung_up() {
                    std::process::exit(129);
                }
            }
        })
        .map(|_| ())
}

/// Set when SIGTERM or SIGHUP arrives.
#[derive(Clone)]
pub struct StopSignal(Arc<AtomicBool>);

impl StopSignal {
    pub fn install() -> io::Result<StopSignal> {
        let flag = Arc::new(AtomicBool::new(false));
        for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
            signal_hook::flag::register(signal, Arc::clone(&flag))?;
        }
        Ok(StopSignal(flag))
    }

    pub fn raised(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}
