//! The command palette: every action the current pane can reach, by name, with its keys and its
//! description (the action's doc comment), fuzzy-matched as you type. Choosing one runs it
//! exactly as if its key had been pressed.

use super::table::Table;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::lines::Lines;
use super::list::{column_widths, fitted_row};
use super::{centered, render_popup};
use crate::tui::action::Action;
use crate::tui::keymap::{KeyChord, KeyContext, Keymap};
use crate::tui::theme::Theme;

/// One action on offer, with the keys that reach it in the pane the palette was opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteEntry {
    pub action: Action,
    pub keys: Vec<KeyChord>,
}

impl PaletteEntry {
    pub fn keys_text(&self) -> String {
        self.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteState {
    pub query: String,
    /// Everything on offer, the pane's own actions first.
    pub entries: Vec<PaletteEntry>,
    /// Indices into `entries` that match the query, best first.
    pub shown: Vec<usize>,
    /// Position in `shown`.
    pub selected: usize,
    /// After ↓/↑ or Ctrl-N/Ctrl-P, `j` and `k` move too; typing anything else types again.
    browsing: bool,
}

/// What a key did in the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteOutcome {
    Continue,
    Run(Action),
    Close,
}

impl PaletteState {
    /// The actions reachable by a key in `context`; the palette itself is left out.
    pub fn new(keymap: &Keymap, context: KeyContext) -> PaletteState {
        let entries: Vec<PaletteEntry> = keymap
            .reachable(context)
            .into_iter()
            .filter(|(action, _)| *action != Action::Palette)
            .map(|(action, keys)| PaletteEntry { action, keys })
            .collect();
        let shown = (0..entries.len()).collect();
        PaletteState {
            query: String::new(),
            entries,
            shown,
            selected: 0,
            browsing: false,
        }
    }

    pub fn current(&self) -> Option<&PaletteEntry> {
        self.shown.get(self.selected).map(|i| &self.entries[*i])
    }

    /// A key, with the action the `[palette]` keymap gives it; other keys type the query.
    pub fn handle(&mut self, key: KeyEvent, action: Option<Action>) -> PaletteOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match action {
            Some(Action::Close) => return PaletteOutcome::Close,
            Some(Action::Choose) => {
                return match self.current() {
                    Some(entry) => PaletteOutcome::Run(entry.action),
                    None => PaletteOutcome::Continue,
                };
            }
            Some(Action::Down) => self.step(1),
            Some(Action::Up) => self.step(-1),
            Some(Action::PageDown) => self.step(10),
            Some(Action::PageUp) => self.step(-10),
            Some(Action::ClearQuery) => self.set_query(String::new()),
            _ => match key.code {
                // Once the arrows have been used, j and k move too (as in a list).
                KeyCode::Char('j') if self.browsing && !ctrl => self.step(1),
                KeyCode::Char('k') if self.browsing && !ctrl => self.step(-1),
                KeyCode::Char(c) if !ctrl => {
                    let mut query = self.query.clone();
                    query.push(c);
                    self.set_query(query);
                }
                KeyCode::Backspace => {
                    let mut query = self.query.clone();
                    query.pop();
                    self.set_query(query);
                }
                _ => {}
            },
        }
        PaletteOutcome::Continue
    }

    /// Whether the palette acts on `action` (the `[palette]` keys): every action bound there must.
    pub fn handles(action: Action) -> bool {
        matches!(
            action,
            Action::Close
                | Action::Choose
                | Action::Down
                | Action::Up
                | Action::PageDown
                | Action::PageUp
                | Action::ClearQuery
        )
    }

    /// The shipped keymap's reading of `key`, for tests.
    #[cfg(test)]
    pub fn handle_key(&mut self, key: KeyEvent) -> PaletteOutcome {
        self.handle(key, Keymap::shipped().resolve(KeyContext::Palette, &key))
    }

    fn step(&mut self, delta: isize) {
        self.browsing = true;
        let last = self.shown.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    fn set_query(&mut self, query: String) {
        self.browsing = false;
        self.query = query;
        self.shown = fuzzy_rank(&self.query, &self.entries);
        self.selected = 0;
    }
}

/// The entries matching `query`, best match first; ties keep the pane-first order.
fn fuzzy_rank(query: &str, entries: &[PaletteEntry]) -> Vec<usize> {
    super::fuzzy::rank(
        query,
        entries.iter().map(|e| {
            format!(
                "{} {}",
                e.action.name().replace('_', " "),
                e.action.description()
            )
        }),
    )
}

/// Below this inner width the action's name column gives its room to the description.
const NAME_MIN_WIDTH: u16 = 70;

pub fn render_palette(frame: &mut Frame<'_>, area: Rect, state: &PaletteState, theme: &Theme) {
    let popup = centered(
        area,
        84.min(area.width.saturating_sub(2)),
        area.height.saturating_sub(2).min(22),
    );
    let inner = render_popup(
        frame,
        popup,
        "Commands",
        "↑↓ choose · Enter run · Esc close",
        theme,
    );
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(
        Lines::new(Line::from(vec![
            Span::styled(": ", theme.key),
            Span::styled(state.query.clone(), theme.input_focused),
            Span::styled("▏", theme.accent),
        ])),
        input,
    );
    if state.shown.is_empty() {
        frame.render_widget(
            Lines::new(Span::styled("No action here matches.", theme.dim)),
            list,
        );
        return;
    }
    let with_names = inner.width >= NAME_MIN_WIDTH;
    let keys_width = state
        .shown
        .iter()
        .map(|i| state.entries[*i].keys_text().chars().count())
        .max()
        .unwrap_or(0)
        .clamp(5, 14) as u16;
    let mut widths = vec![Constraint::Length(keys_width), Constraint::Fill(1)];
    if with_names {
        widths.push(Constraint::Length(16));
    }
    let fitted = column_widths(list.width, 0, &widths);
    let rows = state.shown.iter().map(|i| {
        let e = &state.entries[*i];
        let mut cells = vec![
            Span::styled(e.keys_text(), theme.key),
            Span::raw(e.action.description()),
        ];
        if with_names {
            cells.push(Span::styled(e.action.name(), theme.dim));
        }
        fitted_row(cells, &fitted)
    });
    let table = Table::new(rows.collect(), widths)
        .row_highlight_style(theme.selected)
        .column_spacing(1)
        .selected(Some(state.selected));
    frame.render_widget(table, list);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn palette(context: KeyContext) -> PaletteState {
        PaletteState::new(&Keymap::load(&BTreeMap::new()).unwrap(), context)
    }

    fn type_text(state: &mut PaletteState, text: &str) {
        for c in text.chars() {
            state.handle_key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn offers_the_panes_actions_first_and_not_itself() {
        let state = palette(KeyContext::Risks);
        assert_eq!(state.entries[0].action, Action::Add);
        assert!(state.entries.iter().all(|e| e.action != Action::Palette));
        assert!(state.entries.iter().any(|e| e.action == Action::Quit));
        let review = state
            .entries
            .iter()
            .find(|e| e.action == Action::ReviewRisk)
            .unwrap();
        assert_eq!(review.keys_text(), "R");
    }

    #[test]
    fn typing_fuzzy_matches_names_and_descriptions() {
        let mut state = palette(KeyContext::Agenda);
        type_text(&mut state, "jmp dat");
        assert_eq!(state.current().unwrap().action, Action::JumpToDate);
        let mut state = palette(KeyContext::People);
        type_text(&mut state, "talking point");
        assert_eq!(state.current().unwrap().action, Action::AddTopic);
        type_text(&mut state, "zzzz");
        assert!(state.shown.is_empty());
        assert_eq!(
            state.handle_key(key(KeyCode::Enter)),
            PaletteOutcome::Continue
        );
    }

    #[test]
    fn arrows_and_ctrl_n_p_move_then_j_k_move_too_and_typing_types_again() {
        let mut state = palette(KeyContext::People);
        type_text(&mut state, "j");
        assert_eq!(state.query, "j", "j types until the list is browsed");
        state.handle_key(key(KeyCode::Backspace));
        state.handle_key(ctrl('n'));
        state.handle_key(key(KeyCode::Down));
        assert_eq!(state.selected, 2);
        state.handle_key(key(KeyCode::Char('j')));
        assert_eq!(state.selected, 3);
        state.handle_key(key(KeyCode::Char('k')));
        state.handle_key(ctrl('p'));
        state.handle_key(key(KeyCode::Up));
        assert_eq!(state.selected, 0);
        state.handle_key(key(KeyCode::Up));
        assert_eq!(state.selected, 0, "clamped at the top");
        type_text(&mut state, "q");
        assert_eq!(state.query, "q");
        assert_eq!(state.selected, 0);
    }

    #[test]
    fn enter_runs_the_chosen_action_and_esc_closes() {
        let mut state = palette(KeyContext::People);
        type_text(&mut state, "quit");
        assert_eq!(
            state.handle_key(key(KeyCode::Enter)),
            PaletteOutcome::Run(Action::Quit)
        );
        assert_eq!(state.handle_key(key(KeyCode::Esc)), PaletteOutcome::Close);
    }
}
