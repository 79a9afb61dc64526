//! Everything the command line writes goes through here, so text from data (an imported
//! calendar's titles, an imported note, a file name) never reaches the terminal raw: text and
//! Markdown pass through [`terminal_safe`], tables through [`in_columns`], JSON through
//! [`json_text`]. `println!` and friends are
//! refused by clippy (`clippy.toml`) so a new command cannot forget it.

use unicode_width::UnicodeWidthStr;

use super::{Cli, CliError, stdio};
use crate::domain::terminal_safe::{in_columns, is_unsafe, terminal_safe};
use crate::ops::json_text;

/// Writes one line to standard output, made safe: `say!("Added {name}.")?`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::line(&format!($($arg)*))
    };
}

/// Writes one line to standard error, made safe, for notes beside the output ("Wrote FILE.").
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::cli::output::note_line(&format!($($arg)*))
    };
}

fn stdout_failed(e: std::io::Error) -> CliError {
    CliError::failure(format!("cannot write to standard output: {e}"))
}

/// Text or Markdown to standard output as it is, apart from unsafe characters.
pub fn document(text: &str) -> Result<(), CliError> {
    stdio::write(false, |out| out.write_all(terminal_safe(text).as_bytes())).map_err(stdout_failed)
}

/// JSON to standard output as it is: [`json_text`] has escaped every character that could steer
/// a terminal, and the rest must stay the exact string for the scripts that read it (the text
/// outputs show a zero-width space as a mark; JSON keeps it).
pub fn json_document(text: &str) -> Result<(), CliError> {
    stdio::write(false, |out| out.write_all(text.as_bytes())).map_err(stdout_failed)
}

/// One line of text to standard output.
pub fn line(text: &str) -> Result<(), CliError> {
    stdio::write(false, |out| {
        out.write_all(terminal_safe(text).as_bytes())?;
        out.write_all(b"\n")
    })
    .map_err(stdout_failed)
}

/// One line to standard error. Best effort: there is nowhere left to report a failure.
pub fn note_line(text: &str) {
    let _ = stdio::write(true, |err| writeln!(err, "{}", terminal_safe(text)));
}

/// A question on standard error, without a line end, waiting for the answer on the same line.
pub fn ask(question: &str) {
    let _ = stdio::write(true, |err| {
        err.write_all(terminal_safe(question).as_bytes())
    });
}

/// A failed command's message, as `bearing: MESSAGE` on standard error.
pub fn error(e: &CliError) {
    note_line(&format!("bearing: {}", e.message));
}

/// The parsed command line. On a bad one, says what is wrong (see [`parse_error`]) and exits.
pub fn parse_args() -> Cli {
    Cli::read(std::env::args_os()).unwrap_or_else(|e| std::process::exit(parse_error(&e)))
}

/// Prints what clap found wrong with a command line (or the help or version it was asked for)
/// and returns the exit status. clap echoes bad arguments in its errors; when one holds a
/// control character the message is printed plain and made safe (else clap prints it, in colour
/// on a terminal).
pub fn parse_error(e: &clap::Error) -> i32 {
    let plain = e.render().to_string();
    if plain.chars().any(is_unsafe) {
        note_line(plain.trim_end());
    } else if stdio::captured() {
        let _ = stdio::write(e.use_stderr(), |out| out.write_all(plain.as_bytes()));
    } else {
        let _ = e.print();
    }
    e.exit_code()
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let text = json_text::to_string_pretty(value)
        .map_err(|e| CliError::failure(format!("cannot encode JSON: {e}")))?;
    json_document(&format!("{text}\n"))
}

/// Left-aligned columns, padded by display width so wide characters line up. Cells are shown as
/// columns show them ([`in_columns`]) before they are measured, so a control or an invisible
/// character cannot shift a column.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) -> Result<(), CliError> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| in_columns(c).into_owned()).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let render = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        out.trim_end().to_string()
    };
    line(&render(header.to_vec()))?;
    for row in &rows {
        line(&render(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}
