//! The `bearing` binary: install the panic reporter, parse the command line, hand off.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Like other command-line tools: when a reader such as `head` closes the pipe, stop quietly
    // instead of panicking on the failed write.
    // SAFETY: restoring the default disposition of one signal, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    if let Err(e) = color_eyre::install() {
        bearing::cli::report(&bearing::cli::CliError::failure(format!(
            "cannot install the error reporter: {e}"
        )));
    }
    let cli = bearing::cli::parse_args();
    match bearing::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            bearing::cli::report(&e);
            ExitCode::from(e.code)
        }
    }
}
