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
                    std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read the edited text back: {e}"))
                } else {
                    Err(format!(
                        "{program} exited with {status}; the text is unchanged"
                    ))
                }
            }),
        None => Err("no editor configured (set $EDITOR)".to_string()),
    };
    let _ = std::fs::remove_file(&path);
    result
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
