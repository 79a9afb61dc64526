//! `bearing completions SHELL` and `bearing man`: generated from the command-line grammar
//! itself, so they name every command and flag there is. Neither opens a database.

use clap::CommandFactory;

use super::CliError;
use super::args::Cli;
use super::output::document;

/// The completion script for `shell`, on standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<(), CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "bearing", &mut script);
    document(&text(script)?)
}

/// The man page, roff, on standard output: `bearing man > bearing.1`.
pub fn man() -> Result<(), CliError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| CliError::failure(format!("cannot write the man page: {e}")))?;
    document(&text(page)?)
}

fn text(bytes: Vec<u8>) -> Result<String, CliError> {
    String::from_utf8(bytes)
        .map_err(|_| CliError::failure("the generated text is not UTF-8 (a bug in Bearing)"))
}
