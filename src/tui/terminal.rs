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
