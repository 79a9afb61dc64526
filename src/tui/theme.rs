//! Colours and text styles in one place, so panes say what a thing *is* (dim, error, selected)
//! rather than which colour it has.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeColors;
use crate::domain::risk_score::Band;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub accent: Style,
    pub title: Style,
    pub dim: Style,
    pub text: Style,
    pub error: Style,
    pub warning: Style,
    pub ok: Style,
    pub key: Style,
    pub input: Style,
    pub input_focused: Style,
    pub placeholder: Style,
    pub selected: Style,
    pub header: Style,
    pub tab_active: Style,
    pub tab_inactive: Style,
    pub bar: Style,
    pub banner: Style,
    pub today: Style,
    /// What is late: overdue actions and reviews, lapsed 1:1s, on every pane. Always shown with
    /// a mark too ("!", "overdue"), so it reads without colour.
    pub overdue: Style,
    /// What is finished: done actions and goals, held meetings, on every pane (marked "✓").
    pub done: Style,
    /// Risk bands as text (scores in tables) ...
    pub band_low: Style,
    pub band_medium: Style,
    pub band_high: Style,
    pub band_critical: Style,
    /// ... and as the fill of heat-map cells.
    pub cell_low: Style,
    pub cell_medium: Style,
    pub cell_high: Style,
    pub cell_critical: Style,
}

impl Theme {
    pub fn band(&self, band: Band) -> Style {
        match band {
            Band::Low => self.band_low,
            Band::Medium => self.band_medium,
            Band::High => self.band_high,
            Band::Critical => self.band_critical,
        }
    }

    pub fn band_cell(&self, band: Band) -> Style {
        match band {
            Band::Low => self.cell_low,
            Band::Medium => self.cell_medium,
            Band::High => self.cell_high,
            Band::Critical => self.cell_critical,
        }
    }
}

impl Theme {
    /// For a terminal told not to use colour (`NO_COLOR`): every colour is left out, and what
    /// colour alone set apart gets an attribute instead (the selected row and tab reversed,
    /// dim and done text faint). Left out rather than left to the terminal library, which
    /// under `NO_COLOR` still writes each colour change as a bare `ESC[m` that resets the
    /// attributes around it (crossterm 0.29; fixed upstream in crossterm-rs/crossterm#1069).
    pub fn without_colour(self) -> Theme {
        let plain = |s: Style| Style {
            fg: None,
            bg: None,
            ..s
        };
        let strong = Modifier::BOLD;
        Theme {
            accent: plain(self.accent),
            title: plain(self.title).add_modifier(strong),
            dim: plain(self.dim).add_modifier(Modifier::DIM),
            text: plain(self.text),
            error: plain(self.error).add_modifier(strong),
            warning: plain(self.warning),
            ok: plain(self.ok),
            key: plain(self.key).add_modifier(strong),
            input: plain(self.input),
            input_focused: plain(self.input_focused).add_modifier(Modifier::UNDERLINED),
            placeholder: plain(self.placeholder),
            selected: plain(self.selected).add_modifier(Modifier::REVERSED),
            header: plain(self.header),
            tab_active: plain(self.tab_active).add_modifier(Modifier::REVERSED),
            tab_inactive: plain(self.tab_inactive),
            bar: plain(self.bar),
            banner: plain(self.banner).add_modifier(Modifier::REVERSED),
            today: plain(self.today).add_modifier(strong),
            overdue: plain(self.overdue).add_modifier(strong),
            done: plain(self.done).add_modifier(Modifier::DIM),
            band_low: plain(self.band_low),
            band_medium: plain(self.band_medium),
            band_high: plain(self.band_high).add_modifier(strong),
            band_critical: plain(self.band_critical).add_modifier(strong),
            cell_low: plain(self.cell_low),
            cell_medium: plain(self.cell_medium),
            cell_high: plain(self.cell_high).add_modifier(strong),
            cell_critical: plain(self.cell_critical).add_modifier(strong),
        }
    }

    /// The built-in theme with the config's colour overrides applied.
    pub fn with_colors(colors: &ThemeColors) -> Theme {
        let mut theme = Theme::default();
        if let Some(c) = colors.accent {
            theme.accent = theme.accent.fg(c);
            theme.title = theme.title.fg(c);
            theme.tab_active = theme.tab_active.bg(c);
            theme.today = theme.today.fg(c);
        }
        if let Some(c) = colors.dim {
            theme.dim = theme.dim.fg(c);
            theme.placeholder = theme.placeholder.fg(c);
        }
        for (color, style) in [
            (colors.error, &mut theme.error),
            (colors.warning, &mut theme.warning),
            (colors.ok, &mut theme.ok),
            (colors.low, &mut theme.band_low),
            (colors.medium, &mut theme.band_medium),
            (colors.high, &mut theme.band_high),
            (colors.critical, &mut theme.band_critical),
            (colors.overdue, &mut theme.overdue),
            (colors.done, &mut theme.done),
        ] {
            if let Some(c) = color {
                *style = style.fg(c);
            }
        }
        for (color, style) in [
            (colors.selected, &mut theme.selected),
            (colors.bar, &mut theme.bar),
            (colors.low, &mut theme.cell_low),
            (colors.medium, &mut theme.cell_medium),
            (colors.high, &mut theme.cell_high),
            (colors.critical, &mut theme.cell_critical),
        ] {
            if let Some(c) = color {
                *style = style.bg(c);
            }
        }
        theme
    }
}

impl Default for Theme {
    fn default() -> Self {
        let accent = Color::Cyan;
        Theme {
            accent: Style::default().fg(accent),
            title: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            dim: Style::default().fg(Color::DarkGray),
            text: Style::default(),
            error: Style::default().fg(Color::LightRed),
            warning: Style::default().fg(Color::Yellow),
            ok: Style::default().fg(Color::Green),
            key: Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            input: Style::default(),
            input_focused: Style::default().bg(Color::Rgb(40, 44, 52)),
            placeholder: Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            selected: Style::default()
                .bg(Color::Rgb(38, 79, 120))
                .add_modifier(Modifier::BOLD),
            header: Style::default()
                .fg(Color::Gray)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            tab_active: Style::default()
                .fg(Color::Black)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            tab_inactive: Style::default().fg(Color::Gray),
            bar: Style::default().bg(Color::Rgb(30, 30, 38)).fg(Color::Gray),
            banner: Style::default()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            today: Style::default().fg(accent).add_modifier(Modifier::BOLD),
            overdue: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            done: Style::default().fg(Color::DarkGray),
            band_low: Style::default().fg(Color::Green),
            band_medium: Style::default().fg(Color::Yellow),
            band_high: Style::default().fg(Color::Rgb(255, 140, 0)),
            band_critical: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            cell_low: Style::default().fg(Color::White).bg(Color::Rgb(34, 85, 48)),
            cell_medium: Style::default()
                .fg(Color::White)
                .bg(Color::Rgb(120, 100, 20)),
            cell_high: Style::default()
                .fg(Color::White)
                .bg(Color::Rgb(160, 80, 10)),
            cell_critical: Style::default()
                .fg(Color::White)
                .bg(Color::Rgb(150, 25, 35)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_nothing_has_a_colour_and_the_selection_is_reversed() {
        let t = Theme::default().without_colour();
        for style in [
            t.accent,
            t.selected,
            t.overdue,
            t.done,
            t.cell_critical,
            t.tab_active,
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(t.overdue.add_modifier.contains(Modifier::BOLD));
        assert!(t.done.add_modifier.contains(Modifier::DIM));
    }
}
