//! The command line's standard streams. Commands read and write them only through here (output
//! through [`super::output`]), so that a test can run thousands of commands in its own process,
//! each on buffers of its own thread ([`run_in_process`](super::run_in_process)), instead of
//! starting the binary for each: the same parsing, the same code, the same bytes out.

use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};

use crate::limited_read::{Limited, read_limited};

/// What a command run in this thread read and wrote instead of the process's streams.
#[derive(Debug, Default)]
pub struct Captured {
    pub stdin: io::Cursor<Vec<u8>>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

thread_local! {
    static CAPTURED: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's standard streams on buffers (standard input holds `stdin`, and
/// is not a terminal) and returns what it wrote.
pub fn capture<R>(stdin: Vec<u8>, f: impl FnOnce() -> R) -> (R, Captured) {
    let before = CAPTURED.replace(Some(Captured {
        stdin: io::Cursor::new(stdin),
        ..Captured::default()
    }));
    let result = f();
    let captured = CAPTURED.replace(before).unwrap_or_default();
    (result, captured)
}

/// Whether this thread's streams are buffers.
pub fn captured() -> bool {
    CAPTURED.with_borrow(Option::is_some)
}

/// Writes to standard output (`err`: standard error) with `f`, then flushes.
pub fn write(err: bool, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    if captured() {
        return CAPTURED.with_borrow_mut(|c| match c {
            Some(c) => f(if err { &mut c.stderr } else { &mut c.stdout }),
            None => Ok(()),
        });
    }
    if err {
        let mut stream = io::stderr().lock();
        f(&mut stream).and_then(|()| stream.flush())
    } else {
        let mut stream = io::stdout().lock();
        f(&mut stream).and_then(|()| stream.flush())
    }
}

/// Standard input to its end, or [`Limited::Over`] past `limit` bytes.
pub fn read_stdin(limit: u64) -> io::Result<Limited> {
    let on_buffer =
        CAPTURED.with_borrow_mut(|c| c.as_mut().map(|c| read_limited(&mut c.stdin, limit)));
    on_buffer.unwrap_or_else(|| read_limited(io::stdin().lock(), limit))
}

/// Whether standard input is a terminal (someone there to answer a question).
pub fn stdin_is_terminal() -> bool {
    !captured() && io::stdin().is_terminal()
}

/// One line of standard input (an answer), without its line end.
pub fn read_line() -> io::Result<String> {
    let mut answer = String::new();
    let on_buffer = CAPTURED.with_borrow_mut(|c| {
        c.as_mut()
            .map(|c| io::BufRead::read_line(&mut c.stdin, &mut answer))
    });
    match on_buffer {
        Some(read) => read?,
        None => io::stdin().read_line(&mut answer)?,
    };
    Ok(answer)
}
