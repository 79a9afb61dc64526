//! The `bearing` binary: install the panic reporter, parse the command line, run it, and start
//! the cockpit when it leaves that to do.

use bearing::cli::{CliError, Next, report};
use bearing::tui::Exit;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Like other command-line tools: when a reader such as `head` closes the pipe, stop quietly
    // instead of panicking on the failed write.
    // SAFETY: restoring the default disposition of one signal, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    if let Err(e) = color_eyre::install() {
        report(&CliError::failure(format!(
            "cannot install the error reporter: {e}"
        )));
    }
    let cli = bearing::cli::parse_args();
    let outcome = match bearing::cli::run(cli, bearing::tui::keymap::check_binding) {
        Ok(Next::Done) => Ok(()),
        Ok(Next::Cockpit(c)) => cockpit(*c),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::from(e.code)
        }
    }
}

fn cockpit(c: bearing::cli::Cockpit) -> Result<(), CliError> {
    match bearing::tui::run(c.store, &c.config, c.clock, c.start) {
        Ok(Exit::Quit) => Ok(()),
        // The conventional status of a program ended by a signal: 128 + its number.
        Ok(Exit::Signal(signal)) => Err(CliError {
            message: format!(
                "stopped by {}; everything saved is kept",
                bearing::tui::signal_name(signal)
            ),
            code: u8::try_from(128 + signal).unwrap_or(1),
        }),
        Err(e) => Err(CliError::failure(format!("{e:#}"))),
    }
}
