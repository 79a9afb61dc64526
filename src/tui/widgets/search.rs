//! The search overlay: type to search everything, pick a result, open it.

use crate::tui::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::lines::Lines;
use super::{centered, render_popup};
use crate::ops::one_on_ones::SearchResult;
use crate::ops::search::SearchKind;
use crate::tui::theme::Theme;
use crate::tui::widgets::text::{fit, fit_line};

/// Searching starts from this many characters.
pub const MIN_QUERY_CHARS: usize = 2;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub query: String,
    pub results: Vec<SearchResult>,
    pub selected: usize,
    /// The query the results belong to (they arrive after typing).
    pub answered: Option<String>,
}

/// What a key did in the search box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchOutcome {
    /// Keep the box open; `Some(query)` when the query changed and needs new results.
    Continue(Option<String>),
    Open(SearchResult),
    Close,
}

impl SearchState {
    /// A key, with the action the `[search]` keymap gives it; other keys type the query.
    pub fn handle(&mut self, key: KeyEvent, action: Option<Action>) -> SearchOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match action {
            Some(Action::Close) => SearchOutcome::Close,
            Some(Action::Choose) => match self.results.get(self.selected) {
                Some(r) => SearchOutcome::Open(r.clone()),
                None => SearchOutcome::Continue(None),
            },
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.results.len().saturating_sub(1));
                SearchOutcome::Continue(None)
            }
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                SearchOutcome::Continue(None)
            }
            Some(Action::ClearQuery) => self.edit(String::new()),
            _ => match key.code {
                KeyCode::Char(c) if !ctrl => {
                    let mut q = self.query.clone();
                    q.push(c);
                    self.edit(q)
                }
                KeyCode::Backspace => {
                    let mut q = self.query.clone();
                    q.pop();
                    self.edit(q)
                }
                _ => SearchOutcome::Continue(None),
            },
        }
    }

    /// The shipped keymap's reading of `key`, for tests.
    #[cfg(test)]
    pub fn handle_key(&mut self, key: KeyEvent) -> SearchOutcome {
        let keymap = crate::tui::keymap::Keymap::shipped();
        self.handle(
            key,
            keymap.resolve(crate::tui::keymap::KeyContext::Search, &key),
        )
    }

    /// Whether search acts on `action` (the `[search]` keys): every action bound there must.
    pub fn handles(action: Action) -> bool {
        matches!(
            action,
            Action::Close | Action::Choose | Action::Down | Action::Up | Action::ClearQuery
        )
    }

    fn edit(&mut self, query: String) -> SearchOutcome {
        if query == self.query {
            return SearchOutcome::Continue(None);
        }
        self.query = query.clone();
        self.selected = 0;
        if query.trim().chars().count() < MIN_QUERY_CHARS {
            // One letter matches nearly everything: wait for a second one.
            self.results.clear();
            self.answered = None;
            return SearchOutcome::Continue(None);
        }
        SearchOutcome::Continue(Some(query))
    }

    /// Takes results for `query`, unless the user has typed on since.
    pub fn answer(&mut self, query: String, results: Vec<SearchResult>) {
        if query == self.query {
            self.results = results;
            self.selected = 0;
            self.answered = Some(query);
        }
    }
}

pub fn render_search(frame: &mut Frame<'_>, area: Rect, state: &SearchState, theme: &Theme) {
    let popup = centered(
        area,
        90.min(area.width.saturating_sub(4)),
        area.height.saturating_sub(4).min(24),
    );
    let inner = render_popup(
        frame,
        popup,
        "Search everything",
        "↑↓ choose · Enter open · Esc close",
        theme,
    );
    let [input, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(
        Lines::new(Line::from(vec![
            Span::styled("/ ", theme.key),
            Span::styled(state.query.clone(), theme.input_focused),
            Span::styled("▏", theme.accent),
        ])),
        input,
    );
    if state.query.trim().chars().count() < MIN_QUERY_CHARS {
        frame.render_widget(
            Lines::new(Span::styled(
                "A name (typos forgiven), or words from notes, meetings, decisions, actions, goals, risks…",
                theme.dim,
            )),
            list,
        );
        return;
    }
    if state.results.is_empty() && state.answered.as_deref() == Some(state.query.as_str()) {
        frame.render_widget(
            Lines::new(Span::styled("Nothing matches.", theme.dim)),
            list,
        );
        return;
    }
    // Grouped by kind (the results come sorted so): a heading before each group.
    let mut items: Vec<ListItem> = Vec::new();
    let mut shown_selected = 0;
    let mut group: Option<SearchKind> = None;
    for (i, r) in state.results.iter().enumerate() {
        if group != Some(r.kind) {
            group = Some(r.kind);
            let of_kind = state.results.iter().filter(|o| o.kind == r.kind);
            let count = of_kind.clone().count();
            // A capped group is the first few of more, not a total.
            let count = if of_kind.clone().any(|o| o.more_of_kind) {
                format!("first {count}")
            } else {
                count.to_string()
            };
            items.push(ListItem::new(Line::from(Span::styled(
                format!("{} ({count})", r.kind.heading()),
                theme.header,
            ))));
        }
        if i == state.selected {
            shown_selected = items.len();
        }
        items.push(result_item(r, usize::from(list.width), theme));
    }
    let mut list_state = ListState::default().with_selected(Some(shown_selected));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected),
        list,
        &mut list_state,
    );
}

/// A result in two lines at most `width` wide, each cut with "…" where it does not fit.
fn result_item<'a>(r: &SearchResult, width: usize, theme: &Theme) -> ListItem<'a> {
    // The group heading says what kind it is; the person says whose it is.
    let who = r
        .person
        .as_ref()
        .filter(|p| r.kind != SearchKind::Person && !r.title.contains(p.as_str()))
        .map(|p| format!("{p} · "))
        .unwrap_or_default();
    let title = fit_line(
        Line::from(vec![
            Span::raw("  "),
            Span::styled(who, theme.key),
            Span::styled(r.title.replace('\n', " "), theme.text),
        ]),
        width,
    );
    // A name matched by spelling has no snippet beyond itself.
    if r.snippet.is_empty() || r.snippet == r.title {
        return ListItem::new(title);
    }
    ListItem::new(vec![
        title,
        Line::from(Span::styled(
            fit(&format!("    {}", r.snippet.replace('\n', " ")), width),
            theme.dim,
        )),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_and_snippet_are_cut_with_an_ellipsis() {
        let r = SearchResult {
            more_of_kind: false,
            kind: SearchKind::Note,
            id: 1,
            title: "Note about the latency incident and what the team learned from it".into(),
            snippet: "We talked through the latency incident at length; the follow-up is to staff the on-call rotation".into(),
            person_id: None,
            person: None,
            ritual_id: None,
            date: None,
        };
        let theme = Theme::default();
        let mut buffer = ratatui::buffer::Buffer::empty(Rect::new(0, 0, 40, 2));
        ratatui::widgets::Widget::render(
            List::new(vec![result_item(&r, 40, &theme)]),
            buffer.area,
            &mut buffer,
        );
        let lines: Vec<String> = (0..2)
            .map(|y| (0..40).map(|x| buffer[(x, y)].symbol()).collect())
            .collect();
        assert!(
            lines.iter().all(|l| l.trim_end().ends_with('…')),
            "{lines:?}"
        );
    }

    #[test]
    fn a_capped_group_says_it_lists_the_first_few() {
        let result = |id, more_of_kind| SearchResult {
            more_of_kind,
            kind: SearchKind::Note,
            id,
            title: format!("Note {id}"),
            snippet: String::new(),
            person_id: None,
            person: None,
            ritual_id: None,
            date: None,
        };
        let mut state = SearchState {
            query: "note".into(),
            ..SearchState::default()
        };
        state.results = vec![result(1, true), result(2, true)];
        let theme = Theme::default();
        let draw = |state: &SearchState| {
            let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24))
                .unwrap_or_else(|e| panic!("{e}"));
            terminal
                .draw(|f| render_search(f, f.area(), state, &theme))
                .unwrap_or_else(|e| panic!("{e}"));
            terminal.backend().to_string()
        };
        let text = draw(&state);
        assert!(text.contains("Notes (first 2)"), "{text}");
        state.results = vec![result(1, false), result(2, false)];
        let text = draw(&state);
        assert!(text.contains("Notes (2)"), "{text}");
    }
}
