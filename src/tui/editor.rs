//! Editing a long text in the user's `$EDITOR` (or `$VISUAL`), leaving the full-screen UI for the
//! duration. The text goes through a private temporary Markdown file that is removed afterwards.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::process::Command;

/// The editor command: `$VISUAL`, then `$EDITOR`, then `vi`, split on spaces ("code -w").
fn editor_command() -> Vec<String> {
    let chosen = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    chosen.split_whitespace().map(str::to_string).collect()
}

fn temp_file(text: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir();
    for n in 0..100u32 {
        let path = dir.join(format!("bearing-{}-{n}.md", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(mut file) => {
                // A text file ends in a newline; editors expect it and append after it.
                file.write_all(text.as_bytes())?;
                if !text.is_empty() && !text.ends_with('\n') {
                    file.write_all(b"\n")?;
                }
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free temporary file name"))
}

/// The longest text read back: a field holds at most `BODY_MAX` characters, of up to four bytes.
const READ_BACK_LIMIT: u64 = 4 * (crate::domain::text::BODY_MAX as u64 + 1);

fn run_editor(text: &str) -> Result<String, String> {
    let path = temp_file(text).map_err(|e| format!("cannot create a temporary file: {e}"))?;
    let command = editor_command();
    let result = match command.split_first() {
        Some((program, args)) => Command::new(program)
            .args(args)
            .arg(&path)
            .status()
            .map_err(|e| format!("cannot start {program}: {e} (set $EDITOR)"))
            .and_then(|status| {
                if status.success() {
                    read_back(&path)
                } else {
                    Err(format!(
                        "{program} exited with {status}; the text is unchanged"
                    ))
                }
            }),
        None => Err("no editor configured (set $EDITOR)".to_string()),
    };
    match &result {
        // Too long to take back: the file is kept, so nothing typed is lost.
        Err(message) if message.contains(KEPT) => {}
        _ => {
            let _ = std::fs::remove_file(&path);
        }
    }
    result
}

const KEPT: &str = "it is kept at";

/// The edited text, reading no more than a field can hold (an editor could write anything).
fn read_back(path: &std::path::Path) -> Result<String, String> {
    use crate::limited_read::{Limited, read_limited};
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read the edited text back: {e}"))?;
    match read_limited(file, READ_BACK_LIMIT) {
        Ok(Limited::Within(bytes)) => String::from_utf8(bytes)
            .map_err(|_| "the edited text is not UTF-8; the text is unchanged".to_string()),
        Ok(Limited::Over) => Err(format!(
            "the edited text is longer than a field can hold (at most {} characters); the text \
             is unchanged and {KEPT} {}",
            crate::domain::text::BODY_MAX,
            path.display()
        )),
        Err(e) => Err(format!("cannot read the edited text back: {e}")),
    }
}

/// Leaves the full screen, runs the editor on `text`, and comes back. The caller must redraw
/// the whole screen afterwards.
/// With `mouse`, clicks are handed to the editor and taken back afterwards.
pub fn edit_externally(text: &str, mouse: bool) -> Result<String, String> {
    super::terminal::restore();
    let result = run_editor(text);
    let back = super::terminal::take_screen(mouse);
    match (result, back) {
        (Ok(text), Ok(())) => Ok(text),
        (Err(e), _) => Err(e),
        (_, Err(e)) => Err(format!("cannot return to full screen: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edited_text_is_read_back_only_up_to_what_a_field_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        std::fs::write(&path, "Said yes.\n").unwrap();
        assert_eq!(read_back(&path).unwrap(), "Said yes.\n");
        let huge = "x".repeat(usize::try_from(READ_BACK_LIMIT).unwrap() + 1);
        std::fs::write(&path, huge).unwrap();
        let e = read_back(&path).unwrap_err();
        assert!(e.contains(KEPT) && e.contains("note.md"), "{e}");
        std::fs::write(&path, [0xff, 0xfe]).unwrap();
        assert!(read_back(&path).unwrap_err().contains("not UTF-8"));
    }
}
