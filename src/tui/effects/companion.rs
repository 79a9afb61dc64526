//! The outside world of a reminder: the terminal bell and the user's notification command.

use std::io::Write;
use std::process::{Command, Stdio};

/// Rings the bell: BEL on the terminal, which the terminal turns into a sound or a flash.
pub fn ring_bell() -> Result<(), String> {
    let mut out = std::io::stdout();
    out.write_all(b"\x07")
        .and_then(|()| out.flush())
        .map_err(|e| format!("The reminder bell failed: {e}"))
}

/// Starts `argv` directly (no shell, so a meeting title cannot inject anything), with no
/// standard input or output so it cannot draw over the screen, and does not wait for it: a
/// thread reaps it when it ends. Only a failure to start is reported.
pub fn run_detached(argv: &[String]) -> Result<(), String> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| "The reminder command is empty.".to_string())?;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("The reminder command \"{program}\" could not start: {e}"))?;
    std::thread::Builder::new()
        .name("reminder command".into())
        .spawn(move || child.wait())
        .map(|_| ())
        .map_err(|e| format!("The reminder command could not be watched: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_reported_not_fatal() {
        let err = run_detached(&["/nonexistent/bearing-notify".into(), "x".into()]).unwrap_err();
        assert!(err.contains("could not start"), "{err}");
        assert!(run_detached(&[]).is_err());
    }

    #[test]
    fn the_command_gets_its_arguments_verbatim_without_a_shell() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("args");
        let script = format!("printf '%s|' \"$@\" > {}", out.display());
        let title = "1:1 $(touch pwned); Ada".to_string();
        run_detached(&[
            "sh".into(),
            "-c".into(),
            script,
            "sh".into(),
            title.clone(),
            "10:00".into(),
        ])
        .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !out.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        let got = std::fs::read_to_string(&out).unwrap();
        assert_eq!(got, format!("{title}|10:00|"));
        assert!(!std::path::Path::new("pwned").exists());
    }
}
