//! The optional TOML config file. Every key is optional; a bad file is refused loudly (path, line,
//! what was expected) rather than silently replaced by defaults.

use chrono::Weekday;
use serde::Deserialize;

use crate::domain::risk_score::ReviewIntervals;
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
    /// Days from a risk review to the next one, by band.
    pub risk_review_days: ReviewIntervals,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            week_start: Weekday::Mon,
            reminder_lead_min: 5,
            keys: BTreeMap::new(),
            risk_review_days: ReviewIntervals::default(),
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
    risk_review_days: Option<RawReviewDays>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReviewDays {
    critical: Option<u32>,
    high: Option<u32>,
    medium: Option<u32>,
    low: Option<u32>,
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
        if let Some(days) = raw.risk_review_days {
            config.risk_review_days = review_days(text, &days)?;
        }
        Ok(config)
    }
}

fn review_days(text: &str, raw: &RawReviewDays) -> Result<ReviewIntervals, String> {
    let mut intervals = ReviewIntervals::default();
    for (key, value, slot) in [
        ("critical", raw.critical, &mut intervals.critical),
        ("high", raw.high, &mut intervals.high),
        ("medium", raw.medium, &mut intervals.medium),
        ("low", raw.low, &mut intervals.low),
    ] {
        let Some(days) = value else { continue };
        if !(1..=ReviewIntervals::MAX_DAYS).contains(&days) {
            let line = line_in_table(text, "risk_review_days", key);
            return Err(format!(
                "line {line}: risk_review_days.{key} = {days} is out of range; expected 1 to {} days",
                ReviewIntervals::MAX_DAYS
            ));
        }
        *slot = days;
    }
    Ok(intervals)
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

/// The line of `key` inside `[table]` (keys of the same name elsewhere do not count), or of the
/// table itself when it is written inline.
fn line_in_table(text: &str, table: &str, key: &str) -> usize {
    let header = format!("[{table}]");
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.starts_with('[') {
            inside = line.starts_with(&header);
        } else if inside && line.starts_with(key) {
            return i + 1;
        }
    }
    line_of(text, table)
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
    fn risk_review_days_are_read_and_unset_bands_keep_their_default() {
        let c = Config::parse("[risk_review_days]\ncritical = 3\nlow = 60\n").unwrap();
        assert_eq!(
            c.risk_review_days,
            ReviewIntervals {
                critical: 3,
                high: 14,
                medium: 30,
                low: 60
            }
        );
    }

    #[test]
    fn bad_risk_review_days_name_the_line() {
        let text = "week_start = \"monday\"\n\n[risk_review_days]\nhigh = 14\nlow = 0\n";
        let err = Config::parse(text).unwrap_err();
        assert_eq!(
            err,
            "line 5: risk_review_days.low = 0 is out of range; expected 1 to 365 days"
        );
        let err = Config::parse("[risk_review_days]\nmedium = 400\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        let err = Config::parse("[risk_review_days]\nurgent = 2\n").unwrap_err();
        assert!(
            err.starts_with("line 2:") && err.contains("urgent"),
            "{err}"
        );
        let err = Config::parse("[risk_review_days]\n\ncritical = \"weekly\"\n").unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
        let err = Config::parse("\nrisk_review_days = { low = 0 }\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        let err = Config::parse("[risk_review_days]\nhigh = -1\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
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
