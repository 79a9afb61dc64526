//! One field of a form: its kind, its value, and what an editing key does to it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    MultiLine,
    /// A date in any form `domain::dates` accepts; empty allowed when `optional`.
    Date {
        optional: bool,
    },
    Time,
    Choice(Vec<String>),
    Number {
        min: i64,
        max: i64,
    },
    /// A number with decimals, as `domain::metric::parse_number` reads it; empty allowed when
    /// `optional`.
    Decimal {
        optional: bool,
    },
    /// A tick box; Space toggles it.
    Check,
    /// One of many options (people), found by typing: what is typed filters them fuzzily and
    /// the best match is chosen; ←/→ and Space step through the matches.
    Pick(Vec<String>),
    /// A picker that also takes what was typed as it is (a risk's owner outside the people
    /// list): `choice` equal to the options' count means the typed text.
    PickOrText(Vec<String>),
    /// A set of options (the objects an object may link to, "goal:3 Ship v2"): typing finds
    /// one and Enter adds it; with nothing typed ←/→ mark a chosen one and Backspace removes it.
    Links(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    /// Shown greyed inside an empty input.
    pub hint: &'static str,
    pub kind: FieldKind,
    pub(super) editor: TextArea<'static>,
    /// The chosen option of a choice, or 1/0 for a tick box.
    pub(super) choice: usize,
    pub(super) check_id: Option<i64>,
    pub(super) owned_label: Option<String>,
    /// The options a links field holds, in the order added; `choice` marks one when nothing is
    /// typed.
    pub(super) picked: Vec<String>,
    /// A links field's own object ("goal:3"): never offered (an object does not link to itself).
    pub(super) not_offered: Option<String>,
    /// A number field the cursor has just reached: typing replaces its value, as in a
    /// spreadsheet cell; any other key edits it where it is.
    pub(super) fresh: bool,
}

impl Field {
    /// The label as shown: a run-time one if the field has it.
    pub fn shown_label(&self) -> &str {
        self.owned_label.as_deref().unwrap_or(self.label)
    }
}

impl Field {
    pub fn is_multiline(&self) -> bool {
        self.kind == FieldKind::MultiLine
    }

    /// Whether typing replaces the value: a number field just reached.
    pub fn replaces_on_typing(&self) -> bool {
        self.fresh
    }

    pub(super) fn is_number(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Number { .. } | FieldKind::Decimal { .. }
        )
    }

    /// The field's text (lines joined with newlines) or, for a choice, the chosen option.
    pub fn text(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).cloned().unwrap_or_default(),
            FieldKind::Check => if self.choice == 1 { "yes" } else { "no" }.to_string(),
            FieldKind::Pick(options) => match self.pick_matches().first() {
                Some(_) => options.get(self.choice).cloned().unwrap_or_default(),
                None => String::new(),
            },
            FieldKind::Links(_) => self.picked.join("\n"),
            FieldKind::PickOrText(options) => match options.get(self.choice) {
                Some(o)
                    if self.query().is_empty() || self.pick_matches().contains(&self.choice) =>
                {
                    o.clone()
                }
                _ => self.query().trim().to_string(),
            },
            _ => self.editor.lines().join("\n"),
        }
    }

    /// The options a links field holds.
    pub fn picked(&self) -> &[String] {
        &self.picked
    }

    /// What has been typed into a picker to find an option.
    pub fn query(&self) -> String {
        match self.kind {
            FieldKind::Pick(_) | FieldKind::Links(_) | FieldKind::PickOrText(_) => {
                self.editor.lines().join(" ")
            }
            _ => String::new(),
        }
    }

    /// A picker's options that match what was typed, best first (all of them before typing).
    pub fn pick_matches(&self) -> Vec<usize> {
        match &self.kind {
            FieldKind::Pick(options) | FieldKind::PickOrText(options) => {
                super::fuzzy::rank(&self.query(), options)
            }
            // Those not held already.
            FieldKind::Links(options) => super::fuzzy::rank(&self.query(), options)
                .into_iter()
                .filter(|i| options.get(*i).is_some_and(|o| !self.picked.contains(o)))
                .collect(),
            _ => Vec::new(),
        }
    }
}

pub(super) fn editor(text: &str, hint: &'static str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.set_placeholder_text(hint);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// Applies an editing key to one field; returns whether its value changed.
pub(super) fn edit_field(field: &mut Field, key: KeyEvent) -> bool {
    match &field.kind {
        // Space, ← and → are the `[form]` keymap's choice keys; x ticks too.
        FieldKind::Check => match key.code {
            KeyCode::Char('x') => {
                field.choice = 1 - field.choice.min(1);
                true
            }
            _ => false,
        },
        FieldKind::Choice(options) => {
            let n = options.len().max(1);
            let before = field.choice;
            match key.code {
                KeyCode::Char('l') => field.choice = (field.choice + 1) % n,
                KeyCode::Char('h') => field.choice = (field.choice + n - 1) % n,
                KeyCode::Char(c) => {
                    let lower = c.to_ascii_lowercase();
                    if let Some(i) = options.iter().position(|o| {
                        o.chars().next().map(|f| f.to_ascii_lowercase()) == Some(lower)
                    }) {
                        field.choice = i;
                    }
                }
                _ => {}
            }
            field.choice != before
        }
        FieldKind::Links(_) if field.query().is_empty() && is_removal(key) => {
            if field.picked.is_empty() {
                return false;
            }
            let at = field.choice.min(field.picked.len() - 1);
            field.picked.remove(at);
            field.choice = at.min(field.picked.len().saturating_sub(1));
            true
        }
        FieldKind::Pick(_) | FieldKind::Links(_) | FieldKind::PickOrText(_) => {
            let typing = match key.code {
                KeyCode::Char(_) => !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT),
                KeyCode::Backspace => true,
                _ => false,
            };
            if !typing || !single_line_input(&mut field.editor, key) {
                return false;
            }
            match (field.pick_matches().first(), &field.kind) {
                (Some(best), _) => field.choice = *best,
                // Nobody matches: the text as typed.
                (None, FieldKind::PickOrText(options)) => field.choice = options.len(),
                (None, _) => {}
            }
            // The query changed: an error about it is answered even if the choice is the same.
            true
        }
        FieldKind::Number { .. } | FieldKind::Decimal { .. } => {
            let decimal = matches!(field.kind, FieldKind::Decimal { .. });
            let fresh = std::mem::take(&mut field.fresh);
            match key.code {
                KeyCode::Char(c)
                    if !(c.is_ascii_digit()
                        || c == '-'
                        || (decimal && matches!(c, '.' | ',' | '+' | '%'))) =>
                {
                    field.fresh = fresh;
                    false
                }
                KeyCode::Char(_) if fresh && !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    // Typed over the value it opened with: the new number replaces it.
                    field.editor = editor("", field.hint);
                    single_line_input(&mut field.editor, key);
                    true
                }
                _ => single_line_input(&mut field.editor, key),
            }
        }
        FieldKind::MultiLine => field.editor.input(key),
        FieldKind::Text | FieldKind::Date { .. } | FieldKind::Time => {
            single_line_input(&mut field.editor, key)
        }
    }
}

/// Backspace or Delete: in a links field with nothing typed, removes the marked option.
fn is_removal(key: KeyEvent) -> bool {
    matches!(key.code, KeyCode::Backspace | KeyCode::Delete)
}

/// Edits a one-line input: the editor's own shortcuts stay, but nothing may split the line.
fn single_line_input(editor: &mut TextArea<'static>, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if matches!(key.code, KeyCode::Char('m' | 'j')) && ctrl {
        return false;
    }
    let changed = editor.input(key);
    if editor.lines().len() > 1 {
        let joined = editor.lines().join(" ");
        let hint = editor.placeholder_text().to_string();
        let mut fresh = TextArea::new(vec![joined]);
        fresh.set_cursor_line_style(ratatui::style::Style::default());
        fresh.set_placeholder_text(hint);
        fresh.move_cursor(ratatui_textarea::CursorMove::End);
        *editor = fresh;
    }
    changed
}
