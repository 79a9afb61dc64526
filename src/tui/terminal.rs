//! Entering and leaving the terminal's full-screen mode, so that it is restored on every exit:
//! normal quit (guard drop), panic (ratatui's hook, chained before color-eyre's), SIGTERM/SIGHUP
//! (a flag the loop checks at least once a second).

use ratatui::DefaultTerminal;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Restores the terminal when dropped.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        Ok(TerminalGuard {
            terminal: ratatui::try_init()?,
        })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
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
