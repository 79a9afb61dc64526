//! The optional TOML config file. Every key is optional; a bad file is refused loudly (path, line,
//! what was expected) rather than silently replaced by defaults.

use chrono::{NaiveTime, Weekday};
use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use crate::domain::agenda::AgendaView;
use crate::domain::risk_score::ReviewIntervals;
use crate::limited_read::{Limited, read_limited};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The commented default config, as shipped.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

/// Vets one key override: (context, key, action name) → what is wrong with it.
pub type KeyCheck = fn(&str, &str, &str) -> Result<(), String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub week_start: Weekday,
    /// Minutes before a meeting when the status bar announces it.
    pub reminder_lead_min: u32,
    /// Key overrides: context ("global", "list", "people", ...) -> key -> action name.
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
    /// Days from a risk review to the next one, by band.
    pub risk_review_days: ReviewIntervals,
    /// The working day: the agenda counts free time inside it and new meetings start in it.
    pub working_hours: (NaiveTime, NaiveTime),
    /// Daily automatic backups kept beside the database (0: none).
    pub backups_kept: u32,
    /// Colour overrides for the cockpit.
    pub theme: ThemeColors,
    /// Ring the terminal bell when a meeting is announced.
    pub reminder_bell: bool,
    /// A program (and its arguments) run when a meeting is announced, with the meeting's title
    /// and start appended; empty for none.
    pub reminder_command: Vec<String>,
    /// Clicks and the scroll wheel select tabs and rows.
    pub mouse: bool,
    /// Events of imported calendars count for `bearing next`, the status bar's next meeting and
    /// reminders.
    pub calendar_reminders: bool,
    /// What the agenda opens on: the week (the coming one once this one's working days are
    /// over) or seven days from today.
    pub agenda_view: AgendaView,
    /// Days ahead the radar warns of actions and risk reviews coming due.
    pub radar_lead_days: u32,
    /// Weeks between skip-level 1:1s (with the people two levels down); the radar lists the
    /// skip-levels not seen for longer.
    pub skip_level_weeks: u32,
}

/// Colours a config may set; unset ones keep the built-in theme's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeColors {
    pub accent: Option<Color>,
    pub dim: Option<Color>,
    pub error: Option<Color>,
    pub warning: Option<Color>,
    pub ok: Option<Color>,
    /// Background of the selected row.
    pub selected: Option<Color>,
    /// Background of the status bar.
    pub bar: Option<Color>,
    /// Risk bands (text, and heat-map cell backgrounds).
    pub low: Option<Color>,
    pub medium: Option<Color>,
    pub high: Option<Color>,
    pub critical: Option<Color>,
    /// What is late (overdue actions and reviews, lapsed 1:1s), everywhere.
    pub overdue: Option<Color>,
    /// What is finished (done actions and goals, held meetings), everywhere.
    pub done: Option<Color>,
}

/// The most days ahead the radar may warn of.
pub const MAX_RADAR_LEAD_DAYS: u32 = 60;

/// The most daily backups a config may ask to keep.
pub const MAX_BACKUPS_KEPT: u32 = 365;

impl Default for Config {
    fn default() -> Self {
        Config {
            week_start: Weekday::Mon,
            reminder_lead_min: 5,
            keys: BTreeMap::new(),
            risk_review_days: ReviewIntervals::default(),
            working_hours: (hm(9, 0), hm(18, 0)),
            backups_kept: 7,
            theme: ThemeColors::default(),
            reminder_bell: false,
            reminder_command: Vec::new(),
            mouse: true,
            calendar_reminders: true,
            agenda_view: AgendaView::Week,
            radar_lead_days: crate::domain::agenda::RADAR_LEAD_DAYS,
            skip_level_weeks: 13,
        }
    }
}

/// The file as written. Every value a check may refuse keeps its place in the text (its span),
/// so the message names its line however the file spells it: quoted or bare keys, dotted keys,
/// inline tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    week_start: Option<Spanned<String>>,
    reminder_lead_minutes: Option<Spanned<u32>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>,
    risk_review_days: Option<RawReviewDays>,
    working_hours: Option<Spanned<String>>,
    backups_kept: Option<Spanned<u32>>,
    theme: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    reminder_bell: Option<bool>,
    reminder_command: Option<Spanned<Vec<String>>>,
    mouse: Option<bool>,
    calendar_reminders: Option<bool>,
    agenda_view: Option<Spanned<String>>,
    radar_lead_days: Option<Spanned<u32>>,
    skip_level_weeks: Option<Spanned<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReviewDays {
    critical: Option<Spanned<u32>>,
    high: Option<Spanned<u32>>,
    medium: Option<Spanned<u32>>,
    low: Option<Spanned<u32>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid config {}: {message}\n(fix the file, or start with --ignore-config to use the defaults)",
    .path.display()
)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// The largest config file read: the commented defaults are 2.5 KB.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

impl Config {
    /// Reads `path`; a missing file means the defaults. `check_key` vets each key override
    /// (context, key, action name), so a bad binding is reported with its line like any other
    /// mistake.
    pub fn load(path: &Path, check_key: KeyCheck) -> Result<Config, ConfigError> {
        let refuse = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
        };
        let read = std::fs::File::open(path).and_then(|f| read_limited(f, MAX_CONFIG_BYTES));
        let bytes = match read {
            Ok(Limited::Within(bytes)) => bytes,
            Ok(Limited::Over) => {
                return Err(refuse(format!(
                    "it is larger than {} KB, the most Bearing reads (a config file is a few \
                     kilobytes)",
                    MAX_CONFIG_BYTES / 1024
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(refuse(e.to_string())),
        };
        let text =
            String::from_utf8(bytes).map_err(|_| refuse("it is not UTF-8 text".to_string()))?;
        Config::parse_checked(&text, check_key).map_err(refuse)
    }

    /// Parses config text; the error names the line and what was expected.
    pub fn parse(text: &str) -> Result<Config, String> {
        Config::parse_checked(text, |_, _, _| Ok(()))
    }

    /// [`Config::parse`], vetting key overrides with `check_key`.
    pub fn parse_checked(text: &str, check_key: KeyCheck) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| describe_toml_error(text, &e))?;
        for (context, keys) in &raw.keys {
            for (key, action) in keys {
                check_key(context.get_ref(), key.get_ref(), action.get_ref()).map_err(
                    |message| format!("line {}: {message}", line_at(text, key.span().start)),
                )?;
            }
        }
        Config::from_raw(text, raw)
    }

    fn from_raw(text: &str, raw: RawConfig) -> Result<Config, String> {
        let line = |span: std::ops::Range<usize>| line_at(text, span.start);
        let mut config = Config::default();
        if let Some(day) = raw.week_start {
            config.week_start = parse_weekday(day.get_ref()).ok_or_else(|| {
                format!(
                    "line {}: week_start = \"{}\" is not a weekday; expected one of \
                     monday, tuesday, wednesday, thursday, friday, saturday, sunday",
                    line(day.span()),
                    day.get_ref()
                )
            })?;
        }
        if let Some(lead) = raw.reminder_lead_minutes {
            if *lead.get_ref() > 240 {
                return Err(format!(
                    "line {}: reminder_lead_minutes = {} is too long; expected 0 to 240",
                    line(lead.span()),
                    lead.get_ref()
                ));
            }
            config.reminder_lead_min = lead.into_inner();
        }
        config.keys = raw
            .keys
            .into_iter()
            .map(|(context, keys)| {
                let keys = keys
                    .into_iter()
                    .map(|(k, a)| (k.into_inner(), a.into_inner()))
                    .collect();
                (context.into_inner(), keys)
            })
            .collect();
        if let Some(days) = raw.risk_review_days {
            config.risk_review_days = review_days(text, &days)?;
        }
        if let Some(hours) = raw.working_hours {
            config.working_hours = working_hours(hours.get_ref()).ok_or_else(|| {
                format!(
                    "line {}: working_hours = \"{}\" is not a span of the day; expected \
                     \"HH:MM-HH:MM\" with the start before the end, e.g. \"09:00-18:00\"",
                    line(hours.span()),
                    hours.get_ref()
                )
            })?;
        }
        if let Some(kept) = raw.backups_kept {
            if *kept.get_ref() > MAX_BACKUPS_KEPT {
                return Err(format!(
                    "line {}: backups_kept = {} is too many; expected 0 (no daily backups) \
                     to {MAX_BACKUPS_KEPT}",
                    line(kept.span()),
                    kept.get_ref()
                ));
            }
            config.backups_kept = kept.into_inner();
        }
        if let Some(weeks) = raw.skip_level_weeks {
            if !(1..=52).contains(weeks.get_ref()) {
                return Err(format!(
                    "line {}: skip_level_weeks = {} is out of range; expected 1 to 52 weeks \
                     (13: once a quarter)",
                    line(weeks.span()),
                    weeks.get_ref()
                ));
            }
            config.skip_level_weeks = weeks.into_inner();
        }
        if let Some(colors) = raw.theme {
            config.theme = theme_colors(text, &colors)?;
        }
        if let Some(spanned) = raw.agenda_view {
            let view = spanned.get_ref();
            config.agenda_view = match view.as_str() {
                "week" => AgendaView::Week,
                "rolling" => AgendaView::Rolling,
                _ => {
                    return Err(format!(
                        "line {}: agenda_view = \"{view}\" is not a view of the agenda; expected \
                         \"week\" (the week holding today) or \"rolling\" (seven days from today)",
                        line(spanned.span())
                    ));
                }
            };
        }
        if let Some(spanned) = raw.radar_lead_days {
            let days = *spanned.get_ref();
            if days > MAX_RADAR_LEAD_DAYS {
                return Err(format!(
                    "line {}: radar_lead_days = {days} is too far ahead; expected 0 (only what \
                     is late) to {MAX_RADAR_LEAD_DAYS} days",
                    line(spanned.span())
                ));
            }
            config.radar_lead_days = days;
        }
        config.reminder_bell = raw.reminder_bell.unwrap_or(config.reminder_bell);
        config.mouse = raw.mouse.unwrap_or(config.mouse);
        config.calendar_reminders = raw.calendar_reminders.unwrap_or(config.calendar_reminders);
        if let Some(argv) = raw.reminder_command {
            if argv
                .get_ref()
                .first()
                .is_none_or(|program| program.trim().is_empty())
            {
                return Err(format!(
                    "line {}: reminder_command needs a program to run; expected an array such \
                     as [\"notify-send\", \"Bearing\"] (the meeting's title and start are \
                     added at the end)",
                    line(argv.span())
                ));
            }
            config.reminder_command = argv.into_inner();
        }
        Ok(config)
    }
}

fn review_days(text: &str, raw: &RawReviewDays) -> Result<ReviewIntervals, String> {
    let mut intervals = ReviewIntervals::default();
    for (key, value, slot) in [
        ("critical", &raw.critical, &mut intervals.critical),
        ("high", &raw.high, &mut intervals.high),
        ("medium", &raw.medium, &mut intervals.medium),
        ("low", &raw.low, &mut intervals.low),
    ] {
        let Some(days) = value else { continue };
        if !(1..=ReviewIntervals::MAX_DAYS).contains(days.get_ref()) {
            return Err(format!(
                "line {}: risk_review_days.{key} = {} is out of range; expected 1 to {} days",
                line_at(text, days.span().start),
                days.get_ref(),
                ReviewIntervals::MAX_DAYS
            ));
        }
        *slot = *days.get_ref();
    }
    Ok(intervals)
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

fn working_hours(text: &str) -> Option<(NaiveTime, NaiveTime)> {
    let (from, to) = text.split_once('-')?;
    let parse = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
    let (from, to) = (parse(from)?, parse(to)?);
    (from < to).then_some((from, to))
}

const THEME_KEYS: &[&str] = &[
    "accent", "dim", "error", "warning", "ok", "selected", "bar", "low", "medium", "high",
    "critical", "overdue", "done",
];

fn theme_colors(
    text: &str,
    raw: &BTreeMap<Spanned<String>, Spanned<String>>,
) -> Result<ThemeColors, String> {
    let mut colors = ThemeColors::default();
    for (key, value) in raw {
        let line = line_at(text, key.span().start);
        let (key, value) = (key.get_ref(), value.get_ref());
        let slot = match key.as_str() {
            "accent" => &mut colors.accent,
            "dim" => &mut colors.dim,
            "error" => &mut colors.error,
            "warning" => &mut colors.warning,
            "ok" => &mut colors.ok,
            "selected" => &mut colors.selected,
            "bar" => &mut colors.bar,
            "low" => &mut colors.low,
            "medium" => &mut colors.medium,
            "high" => &mut colors.high,
            "critical" => &mut colors.critical,
            "overdue" => &mut colors.overdue,
            "done" => &mut colors.done,
            _ => {
                return Err(format!(
                    "line {line}: theme.{key} is not a theme colour; expected one of {}",
                    THEME_KEYS.join(", ")
                ));
            }
        };
        *slot = Some(value.parse::<Color>().map_err(|_| {
            format!(
                "line {line}: theme.{key} = \"{value}\" is not a colour; expected a name \
                 (red, light-blue, dark-gray, ...), \"#rrggbb\" or a 0-255 palette index"
            )
        })?);
    }
    Ok(colors)
}

fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let line = e.span().map(|span| line_at(text, span.start));
    let message = e
        .message()
        .trim()
        .replace("expected u32", "expected a whole number (0 or more)")
        .replace("expected a boolean", "expected true or false")
        .replace(
            "expected a sequence",
            "expected an array of strings, e.g. [\"notify-send\", \"Bearing\"]",
        )
        .replace("unknown field", "unknown key");
    match line {
        Some(line) => format!("line {line}: {message}"),
        None => message.to_string(),
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
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
    fn agenda_view_radar_lead_days_and_the_overdue_and_done_colours_are_read() {
        let c = Config::parse(
            "agenda_view = \"rolling\"\nradar_lead_days = 0\n[theme]\noverdue = \"magenta\"\ndone = \"gray\"\n",
        )
        .unwrap();
        assert_eq!(c.agenda_view, AgendaView::Rolling);
        assert_eq!(c.radar_lead_days, 0);
        assert_eq!(c.theme.overdue, Some(Color::Magenta));
        assert_eq!(c.theme.done, Some(Color::Gray));
        assert_eq!(Config::default().agenda_view, AgendaView::Week);
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
    fn working_hours_backups_and_theme_are_read() {
        let c = Config::parse(
            "working_hours = \"08:30-17:00\"\nbackups_kept = 0\n[theme]\naccent = \"#ff8800\"\nlow = \"light-green\"\n",
        )
        .unwrap();
        assert_eq!(c.working_hours, (hm(8, 30), hm(17, 0)));
        assert_eq!(c.backups_kept, 0);
        assert_eq!(c.theme.accent, Some(Color::Rgb(255, 136, 0)));
        assert_eq!(c.theme.low, Some(Color::LightGreen));
        assert_eq!(c.theme.critical, None);
    }

    #[test]
    fn bad_working_hours_backups_and_theme_name_the_line() {
        for (text, expect) in [
            ("working_hours = \"18:00-09:00\"\n", "line 1: working_hours"),
            ("\nworking_hours = \"9 to 5\"\n", "line 2: working_hours"),
            ("working_hours = 9\n", "line 1:"),
            (
                "backups_kept = 1000\n",
                "line 1: backups_kept = 1000 is too many",
            ),
            ("backups_kept = -1\n", "line 1:"),
            (
                "[theme]\naccent = \"teal-ish\"\n",
                "line 2: theme.accent = \"teal-ish\" is not a colour",
            ),
            (
                "[theme]\nok = \"green\"\nbackground = \"red\"\n",
                "line 3: theme.background is not a theme colour",
            ),
            ("[theme]\naccent = 3\n", "line 2:"),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(err.starts_with(expect), "{text:?}: {err}");
        }
    }

    #[test]
    fn imported_calendars_count_for_reminders_unless_switched_off() {
        assert!(Config::default().calendar_reminders);
        let c = Config::parse("calendar_reminders = false\n").unwrap();
        assert!(!c.calendar_reminders);
        let err = Config::parse("\ncalendar_reminders = \"no\"\n").unwrap_err();
        assert!(err.contains("line 2:"), "{err}");
    }

    #[test]
    fn reminder_bell_command_and_mouse_are_read() {
        let c = Config::parse(
            "reminder_bell = true\nreminder_command = [\"notify-send\", \"Bearing\"]\nmouse = false\n",
        )
        .unwrap();
        assert!(c.reminder_bell);
        assert_eq!(c.reminder_command, ["notify-send", "Bearing"]);
        assert!(!c.mouse);
        assert!(Config::default().mouse, "the mouse is on by default");
    }

    #[test]
    fn skip_level_weeks_are_read_and_bounded() {
        assert_eq!(Config::default().skip_level_weeks, 13);
        let c = Config::parse("skip_level_weeks = 4\n").unwrap();
        assert_eq!(c.skip_level_weeks, 4);
        let err = Config::parse("mouse = true\nskip_level_weeks = 0\n").unwrap_err();
        assert_eq!(
            err,
            "line 2: skip_level_weeks = 0 is out of range; expected 1 to 52 weeks (13: once a quarter)"
        );
    }

    #[test]
    fn bad_reminder_and_mouse_settings_name_the_line() {
        for (text, expect) in [
            ("\nreminder_bell = \"yes\"\n", "line 2:"),
            (
                "reminder_command = []\n",
                "line 1: reminder_command needs a program",
            ),
            (
                "\n\nreminder_command = [\"  \"]\n",
                "line 3: reminder_command needs",
            ),
            ("reminder_command = \"notify-send Bearing\"\n", "line 1:"),
            ("reminder_command = [\"notify-send\", 3]\n", "line 1:"),
            ("mouse = 1\n", "line 1:"),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(err.starts_with(expect), "{text:?}: {err}");
        }
    }

    #[test]
    fn every_error_names_the_line_of_the_value_however_the_key_is_written() {
        let check: KeyCheck = |_, _, action| {
            if action == "explode" {
                Err(format!("\"{action}\" is not an action"))
            } else {
                Ok(())
            }
        };
        for (text, expect) in [
            ("# keys\n\n[keys.global]\nq = \"explode\"\n", "line 4:"),
            ("\n\nkeys = { global = { q = \"explode\" } }\n", "line 3:"),
            (
                "[keys]\nglobal.q = \"quit\"\n\"global\".x = \"explode\"\n",
                "line 3:",
            ),
            ("\n\"week_start\" = \"funday\"\n", "line 2:"),
            (
                "# week_start = \"x\"\nmouse = true\nweek_start = \"funday\"\n",
                "line 3:",
            ),
            ("theme = { ok = \"green\" }\n\ntheme.x = 1\n", "line 3:"),
            (
                "mouse = true\n\"theme\" = { accent = \"teal-ish\" }\n",
                "line 2:",
            ),
            ("risk_review_days.low = 0\n", "line 1:"),
            ("\nreminder_command = [\n  \"\",\n]\n", "line 2:"),
            ("\n\nworking_hours = \"17-9\"\n", "line 3:"),
            ("\nbackups_kept = 9999\n", "line 2:"),
            ("\n\nreminder_lead_minutes = 999\n", "line 3:"),
        ] {
            let err = Config::parse_checked(text, check).unwrap_err();
            assert!(err.starts_with(expect), "{text:?}: {err}");
            assert!(!err.starts_with("line 0"), "{text:?}: {err}");
        }
    }

    #[test]
    fn missing_file_means_defaults_and_unreadable_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        let check: KeyCheck = |_, _, _| Ok(());
        assert_eq!(Config::load(&missing, check).unwrap(), Config::default());
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "week_start = 1\n").unwrap();
        let err = Config::load(&bad, check).unwrap_err();
        assert_eq!(err.path, bad);
        assert!(err.to_string().contains("--ignore-config"));
    }
}
