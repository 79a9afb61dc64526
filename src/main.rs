//! The `bearing` binary: install the panic reporter, parse the command line, hand off.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("bearing: cannot install the error reporter: {e}");
    }
    let cli = bearing::cli::Cli::parse();
    match bearing::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bearing: {}", e.message);
            ExitCode::from(e.code)
        }
    }
}
