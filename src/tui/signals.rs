//! The signals the cockpit answers, so the terminal is given back whatever ends or pauses it.
//!
//! A thread reads signal-hook's self-pipe (its iterator) and turns each signal into a request
//! the loop picks up, then wakes the loop so it does not wait for its next timeout:
//!
//! - Every catchable signal whose default action ends the process ([`stop_signals`]: SIGINT,
//!   SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGXCPU,
//!   SIGXFSZ, SIGIO, SIGABRT, SIGTRAP, SIGSYS, and on Linux SIGSTKFLT, SIGPWR and the real-time
//!   signals): stop. The loop ends, the terminal is restored on the way out (mouse reporting
//!   off, raw mode off, main screen, cursor shown) and Bearing exits with 128 + the signal's
//!   number. A second one while the first is still pending (the loop is busy, say in `$EDITOR`)
//!   restores the terminal and exits at once.
//! - SIGTSTP (`kill -TSTP`; `Ctrl-Z` reaches Bearing as a key, not a signal): the loop gives the
//!   terminal back and stops the process, so the shell gets a sane terminal; on `fg` it takes
//!   the screen again and repaints. While the screen is lent to `$EDITOR` Bearing stops at once,
//!   with the editor.
//! - SIGCONT: after a stop Bearing did not arrange (`kill -STOP`), raw mode is set again and the
//!   screen repainted.
//!
//! SIGKILL and SIGSTOP cannot be caught; nothing can restore the terminal after them. SIGSEGV,
//! SIGBUS, SIGILL and SIGFPE are the process's own faults: a handler that returns would run the
//! faulting instruction again, so they keep their default (a Rust panic, the usual failure,
//! restores the terminal through the panic hook). SIGTTIN and SIGTTOU keep theirs too (they
//! stop the process; SIGCONT repaints), as restoring the terminal from the background would
//! itself raise SIGTTOU.

use signal_hook::consts::{
    SIGABRT, SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPIPE, SIGPROF, SIGQUIT, SIGSYS, SIGTERM,
    SIGTRAP, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM, SIGWINCH, SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::{Handle, Signals};
use signal_hook::low_level::{emulate_default_handler, raise};
use std::ffi::c_int;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use super::terminal;

/// Requests from signals, waiting for the loop.
#[derive(Default)]
struct Pending {
    /// The first stop signal received; 0 while none.
    stop: AtomicI32,
    suspend: AtomicBool,
    resumed: AtomicBool,
}

/// The running signal thread and what it has asked for.
pub struct SignalWatch {
    pending: Arc<Pending>,
    handle: Handle,
}

/// Wakes the event loop, which is blocked in crossterm's poll. crossterm has no public waker;
/// the one outside event its poll listens for is SIGWINCH, on its own self-pipe, and a resize
/// to the same size only costs a redraw. (When the loop waits on a channel instead, this is
/// where a message goes.)
pub fn wake_the_loop() {
    let _ = raise(SIGWINCH);
}

impl SignalWatch {
    /// Catches the signals above from now on; `wake` is called after each request.
    pub fn start(wake: fn()) -> io::Result<SignalWatch> {
        let mut signals = Signals::new(stop_signals().into_iter().chain([SIGTSTP, SIGCONT]))?;
        let handle = signals.handle();
        let pending = Arc::new(Pending::default());
        let shared = Arc::clone(&pending);
        std::thread::Builder::new()
            .name("signal watch".into())
            .spawn(move || {
                for signal in signals.forever() {
                    match signal {
                        SIGTSTP if terminal::is_lent() => {
                            let _ = emulate_default_handler(SIGTSTP);
                            continue;
                        }
                        SIGTSTP => shared.suspend.store(true, Ordering::SeqCst),
                        SIGCONT => shared.resumed.store(true, Ordering::SeqCst),
                        _ => {
                            if shared.stop.swap(signal, Ordering::SeqCst) != 0 {
                                terminal::restore();
                                std::process::exit(128 + signal);
                            }
                        }
                    }
                    wake();
                }
            })?;
        Ok(SignalWatch { pending, handle })
    }

    /// The stop signal received, if any.
    pub fn stop_requested(&self) -> Option<i32> {
        Some(self.pending.stop.load(Ordering::SeqCst)).filter(|&s| s != 0)
    }

    /// True once after SIGTSTP.
    pub fn take_suspend(&self) -> bool {
        self.pending.suspend.swap(false, Ordering::SeqCst)
    }

    /// True once after SIGCONT.
    pub fn take_resumed(&self) -> bool {
        self.pending.resumed.swap(false, Ordering::SeqCst)
    }
}

impl Drop for SignalWatch {
    fn drop(&mut self) {
        self.handle.close();
    }
}

/// The named signals that stop the cockpit, with their names: each whose default action ends the
/// process, that can be caught, and that is not a fault of the process itself.
const NAMED_STOPS: &[(c_int, &str)] = &[
    (SIGINT, "SIGINT"),
    (SIGQUIT, "SIGQUIT"),
    (SIGTERM, "SIGTERM"),
    (SIGHUP, "SIGHUP"),
    (SIGUSR1, "SIGUSR1"),
    (SIGUSR2, "SIGUSR2"),
    (SIGALRM, "SIGALRM"),
    (SIGVTALRM, "SIGVTALRM"),
    (SIGPROF, "SIGPROF"),
    (SIGPIPE, "SIGPIPE"),
    (SIGXCPU, "SIGXCPU"),
    (SIGXFSZ, "SIGXFSZ"),
    (SIGIO, "SIGIO"),
    (SIGABRT, "SIGABRT"),
    (SIGTRAP, "SIGTRAP"),
    (SIGSYS, "SIGSYS"),
    #[cfg(any(target_os = "linux", target_os = "android"))]
    (libc::SIGSTKFLT, "SIGSTKFLT"),
    #[cfg(any(target_os = "linux", target_os = "android"))]
    (libc::SIGPWR, "SIGPWR"),
];

/// The real-time signals a program may use (their default action ends the process too).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn real_time() -> std::ops::RangeInclusive<c_int> {
    libc::SIGRTMIN()..=libc::SIGRTMAX()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn real_time() -> std::ops::RangeInclusive<c_int> {
    1..=0
}

/// Every signal that makes the cockpit stop and give the terminal back.
pub fn stop_signals() -> Vec<c_int> {
    NAMED_STOPS
        .iter()
        .map(|&(signal, _)| signal)
        .chain(real_time())
        .collect()
}

/// The conventional name of a stop signal, for the exit message: `SIGUSR1`, `SIGRTMIN+3`.
pub fn name(signal: i32) -> String {
    if let Some((_, name)) = NAMED_STOPS.iter().find(|(s, _)| *s == signal) {
        return (*name).to_string();
    }
    let rt = real_time();
    if rt.contains(&signal) {
        return format!("SIGRTMIN+{}", signal - rt.start());
    }
    format!("signal {signal}")
}
