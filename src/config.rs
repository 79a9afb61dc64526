//! The optional TOML config file. Every key is optional; a bad file is refused loudly (path, line,
//! what was expected) rather than silently replaced by defaults.

use chrono::Weekday;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The commented default config, as shipped.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub week_start: Weekday,
    /// Minutes before a meeting when the status bar announces it.
    pub reminder_lead_min: u32,
    /// Key overrides: context ("global", "list", "people", ...) -> key -> action name.
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            week_start: Weekday::Mon,
            reminder_lead_min: 5,
            keys: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    week_start: Option<String>,
    reminder_lead_minutes: Option<u32>,
    #[serde(default)]
    keys: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid config {}: {}\n(fix the file, or start with --ignore-config to use the defaults)",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads `path`; a missing file means the defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text).map_err(|message| ConfigError {
                path: path.to_path_buf(),
                message,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError {
                path: path.to_path_buf(),
                message: e.to_string(),
            }),
        }
    }

    /// Parses config text; the error names the line and what was expected.
    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| describe_toml_error(text, &e))?;
        let mut config = Config::default();
        if let Some(day) = raw.week_start {
            config.week_start = parse_weekday(&day).ok_or_else(|| {
                let line = line_of(text, "week_start");
                format!(
                    "line {line}: week_start = \"{day}\" is not a weekday; expected one of \
                     monday, tuesday, wednesday, thursday, friday, saturday, sunday"
                )
            })?;
        }
        if let Some(lead) = raw.reminder_lead_minutes {
            if lead > 240 {
                let line = line_of(text, "reminder_lead_minutes");
                return Err(format!(
                    "line {line}: reminder_lead_minutes = {lead} is too long; expected 0 to 240"
                ));
            }
            config.reminder_lead_min = lead;
        }
        config.keys = raw.keys;
        Ok(config)
    }
}

fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
    let message = e.message().trim();
    match line {
        Some(line) => format!("line {line}: {message}"),
        None => message.to_string(),
    }
}

fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(0, |i| i + 1)
}

fn parse_weekday(text: &str) -> Option<Weekday> {
    text.trim().parse::<Weekday>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_shipped_defaults_parse_to_the_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert_eq!(Config::parse(DEFAULT_CONFIG).unwrap(), Config::default());
    }

    #[test]
    fn week_start_and_lead_are_read() {
        let c = Config::parse("week_start = \"sunday\"\nreminder_lead_minutes = 10\n").unwrap();
        assert_eq!(c.week_start, Weekday::Sun);
        assert_eq!(c.reminder_lead_min, 10);
    }

    #[test]
    fn bad_weekday_names_the_line_and_the_choices() {
        let err = Config::parse("# hi\nweek_start = \"funday\"\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        assert!(err.contains("monday, tuesday"), "{err}");
    }

    #[test]
    fn unknown_key_names_the_line() {
        let err = Config::parse("week_start = \"monday\"\ncolour = 3\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn wrong_type_and_broken_syntax_name_the_line() {
        let err = Config::parse("reminder_lead_minutes = \"five\"\n").unwrap_err();
        assert!(err.starts_with("line 1:"), "{err}");
        let err = Config::parse("\n\nweek_start = \n").unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
        let err = Config::parse("reminder_lead_minutes = 999\n").unwrap_err();
        assert!(err.contains("0 to 240"), "{err}");
    }

    #[test]
    fn missing_file_means_defaults_and_unreadable_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        assert_eq!(Config::load(&missing).unwrap(), Config::default());
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "week_start = 1\n").unwrap();
        let err = Config::load(&bad).unwrap_err();
        assert_eq!(err.path, bad);
        assert!(err.to_string().contains("--ignore-config"));
    }
}
