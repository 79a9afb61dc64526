//! The modal form used for every add and edit: text, multi-line text, dates in the relative forms
//! people type, times, choice lists and bounded numbers. It knows nothing about what it edits; the
//! pane turns its values into a domain draft and hands back field-tagged errors.

use chrono::{NaiveDate, NaiveTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::form_field::{Field, FieldKind};
use super::form_field::{edit_field, editor};

use crate::domain::Invalid;
use crate::domain::dates::{parse_date, parse_time};
use crate::tui::action::Action;

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Continue,
    Submit,
    Cancel,
    /// Edit the focused multi-line field in the user's $EDITOR.
    ExternalEdit,
    /// Refill the form from the row as it is now (offered after a save was refused as stale).
    Reload,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The message to show, and the field it belongs to (None: the whole form).
    pub error: Option<(Option<usize>, String)>,
    /// Set after Esc on a changed form: the next key decides whether to throw the changes away.
    pub confirming_discard: bool,
    /// Set when a save was refused because the row changed elsewhere: Ctrl-L reloads it.
    pub reload_offered: bool,
    initial: Vec<String>,
    /// The field the last key was pressed in: the first key in a number field just entered
    /// replaces its value instead of adding to it.
    entered: Option<usize>,
}

impl Form {
    pub fn new(title: impl Into<String>) -> Form {
        Form {
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            error: None,
            confirming_discard: false,
            reload_offered: false,
            initial: Vec::new(),
            entered: None,
        }
    }

    fn push(
        mut self,
        key: &'static str,
        label: &'static str,
        kind: FieldKind,
        text: &str,
        hint: &'static str,
        choice: usize,
    ) -> Form {
        let mut editor = editor(text, hint);
        if kind == FieldKind::MultiLine {
            editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            // Show a long text from its beginning; the end is one Ctrl-End away.
            editor.move_cursor(ratatui_textarea::CursorMove::Top);
            editor.move_cursor(ratatui_textarea::CursorMove::Head);
        }
        let mut field = Field {
            key,
            label,
            hint,
            kind,
            editor,
            choice,
            check_id: None,
            owned_label: None,
            picked: Vec::new(),
            not_offered: None,
            fresh: false,
        };
        field.fresh = field.is_number();
        self.initial.push(field.text());
        self.fields.push(field);
        self
    }

    pub fn text(
        self,
        key: &'static str,
        label: &'static str,
        value: &str,
        hint: &'static str,
    ) -> Form {
        self.push(key, label, FieldKind::Text, value, hint, 0)
    }

    pub fn multiline(
        self,
        key: &'static str,
        label: &'static str,
        value: &str,
        hint: &'static str,
    ) -> Form {
        self.push(key, label, FieldKind::MultiLine, value, hint, 0)
    }

    pub fn date(
        self,
        key: &'static str,
        label: &'static str,
        value: &str,
        optional: bool,
        hint: &'static str,
    ) -> Form {
        self.push(key, label, FieldKind::Date { optional }, value, hint, 0)
    }

    pub fn time(
        self,
        key: &'static str,
        label: &'static str,
        value: &str,
        hint: &'static str,
    ) -> Form {
        self.push(key, label, FieldKind::Time, value, hint, 0)
    }

    pub fn choice(
        self,
        key: &'static str,
        label: &'static str,
        options: Vec<String>,
        selected: usize,
    ) -> Form {
        let selected = selected.min(options.len().saturating_sub(1));
        self.push(key, label, FieldKind::Choice(options), "", "", selected)
    }

    /// A picker that takes the typed text too: `selected` is chosen at first, or with None
    /// `text` as typed (someone outside the list).
    pub fn pick_or_text(
        mut self,
        key: &'static str,
        label: &'static str,
        options: Vec<String>,
        selected: Option<usize>,
        text: &str,
    ) -> Form {
        let count = options.len();
        let typed = if selected.is_some() { "" } else { text };
        let hint = "type to find, or a name outside the list";
        self = self.push(key, label, FieldKind::PickOrText(options), typed, hint, 0);
        if let Some(field) = self.fields.last_mut() {
            field.choice = selected.filter(|i| *i < count).unwrap_or(count);
            if let Some(initial) = self.initial.last_mut() {
                *initial = field.text();
            }
        }
        self
    }

    /// The option a picker that takes text has chosen; None: the typed text.
    pub fn picked_option(&self, key: &str) -> Option<usize> {
        let field = self.field(key)?;
        let FieldKind::PickOrText(options) = &field.kind else {
            return Some(field.choice);
        };
        (field.choice < options.len()
            && (field.query().is_empty() || field.pick_matches().contains(&field.choice)))
        .then_some(field.choice)
    }

    /// A set chosen from `options` by typing (links): `picked` are held at first.
    pub fn links(
        mut self,
        key: &'static str,
        label: &'static str,
        me: Option<String>,
        picked: Vec<String>,
    ) -> Form {
        let hint = "type to find, Enter adds";
        self = self.push(key, label, FieldKind::Links(Vec::new()), "", hint, 0);
        if let Some(field) = self.fields.last_mut() {
            field.choice = picked.len().saturating_sub(1);
            field.picked = picked;
            field.not_offered = me;
            if let Some(initial) = self.initial.last_mut() {
                *initial = field.text();
            }
        }
        self
    }

    /// Whether the form has a links field (its options are given as it opens: [`Form::offer`]).
    pub fn has_links(&self) -> bool {
        self.fields
            .iter()
            .any(|f| matches!(f.kind, FieldKind::Links(_)))
    }

    /// Gives every links field `all` to offer ("KIND:ID title"), but its own object.
    pub fn offer(&mut self, all: &[String]) {
        for field in &mut self.fields {
            let me = field.not_offered.as_deref();
            if let FieldKind::Links(options) = &mut field.kind {
                *options = all
                    .iter()
                    .filter(|o| me.is_none_or(|me| o.split(' ').next() != Some(me)))
                    .cloned()
                    .collect();
            }
        }
    }

    /// What a links field gained and lost since the form opened: (added, removed).
    pub fn link_changes(&self, key: &str) -> (Vec<String>, Vec<String>) {
        let Some((i, field)) = self.fields.iter().enumerate().find(|(_, f)| f.key == key) else {
            return (Vec::new(), Vec::new());
        };
        let initial = self.initial.get(i).map_or("", String::as_str);
        let before: Vec<&str> = initial.split('\n').filter(|l| !l.is_empty()).collect();
        let added = field
            .picked
            .iter()
            .filter(|p| !before.contains(&p.as_str()))
            .cloned()
            .collect();
        let removed = before
            .iter()
            .filter(|b| !field.picked.iter().any(|p| p == *b))
            .map(|b| (*b).to_string())
            .collect();
        (added, removed)
    }

    /// A choice among many (people) that filters as you type; `selected` is chosen at first.
    pub fn pick(
        self,
        key: &'static str,
        label: &'static str,
        options: Vec<String>,
        selected: usize,
    ) -> Form {
        let selected = selected.min(options.len().saturating_sub(1));
        self.push(
            key,
            label,
            FieldKind::Pick(options),
            "",
            "type to find",
            selected,
        )
    }

    pub fn number(
        self,
        key: &'static str,
        label: &'static str,
        value: i64,
        min: i64,
        max: i64,
    ) -> Form {
        self.push(
            key,
            label,
            FieldKind::Number { min, max },
            &value.to_string(),
            "",
            0,
        )
    }

    /// A number with decimals (`42`, `99.5`, `99.5%`), given as text so it shows as it was typed.
    pub fn decimal(
        self,
        key: &'static str,
        label: &'static str,
        value: &str,
        optional: bool,
        hint: &'static str,
    ) -> Form {
        self.push(key, label, FieldKind::Decimal { optional }, value, hint, 0)
    }

    /// A tick box labelled `label`.
    pub fn check(self, key: &'static str, label: &'static str, checked: bool) -> Form {
        self.push(key, label, FieldKind::Check, "", "", usize::from(checked))
    }

    /// A tick box of the list `group` for the row `id`, whose label is only known at run time
    /// (a talking point's text, an action's): `checked_ids(group)` reads the list back.
    pub fn check_owned(
        mut self,
        group: &'static str,
        id: i64,
        label: String,
        checked: bool,
    ) -> Form {
        self = self.check(group, "", checked);
        if let Some(f) = self.fields.last_mut() {
            f.check_id = Some(id);
            f.owned_label = Some(label);
        }
        self
    }

    /// The ids of the ticked boxes of `group` made with `check_owned`.
    pub fn checked_ids(&self, group: &str) -> Vec<i64> {
        self.fields
            .iter()
            .filter(|f| f.kind == FieldKind::Check && f.choice == 1 && f.key == group)
            .filter_map(|f| f.check_id)
            .collect()
    }

    /// The labels of the ticked boxes of `group` made with `check_owned`.
    pub fn checked_labels(&self, group: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|f| f.kind == FieldKind::Check && f.choice == 1 && f.key == group)
            .filter_map(|f| f.owned_label.clone())
            .collect()
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The text of field `key` (empty if there is no such field).
    pub fn value(&self, key: &str) -> String {
        self.field(key).map(Field::text).unwrap_or_default()
    }

    pub fn choice_index(&self, key: &str) -> usize {
        self.field(key).map_or(0, |f| f.choice)
    }

    pub fn date_value(
        &self,
        key: &'static str,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, Invalid> {
        let text = self.value(key);
        if text.trim().is_empty() {
            return match self.field(key).map(|f| &f.kind) {
                Some(FieldKind::Date { optional: true }) => Ok(None),
                _ => Err(Invalid::field(key, "a date is required")),
            };
        }
        parse_date(&text, today)
            .map(Some)
            .map_err(|e| Invalid::field(key, e.to_string()))
    }

    pub fn time_value(&self, key: &'static str) -> Result<NaiveTime, Invalid> {
        parse_time(&self.value(key)).map_err(|e| Invalid::field(key, e.to_string()))
    }

    pub fn number_value(&self, key: &'static str) -> Result<i64, Invalid> {
        let Some(FieldKind::Number { min, max }) = self.field(key).map(|f| &f.kind) else {
            return Err(Invalid::field(key, "not a number field"));
        };
        let text = self.value(key);
        let n: i64 = text.trim().parse().map_err(|_| {
            Invalid::field(
                key,
                format!(
                    "\"{}\" is not a whole number from {min} to {max}",
                    text.trim()
                ),
            )
        })?;
        if n < *min || n > *max {
            return Err(Invalid::field(
                key,
                format!("{n} is out of range: use {min} to {max}"),
            ));
        }
        Ok(n)
    }

    /// A decimal field's number; None when it is empty and optional.
    pub fn decimal_value(&self, key: &'static str) -> Result<Option<f64>, Invalid> {
        let optional = matches!(
            self.field(key).map(|f| &f.kind),
            Some(FieldKind::Decimal { optional: true })
        );
        let text = self.value(key);
        if optional && text.trim().is_empty() {
            return Ok(None);
        }
        crate::domain::metric::parse_number(key, &text).map(Some)
    }

    /// Checks every date, time and number field, so a pane only converts values that parse.
    pub fn check_inputs(&self, today: NaiveDate) -> Result<(), Invalid> {
        for f in &self.fields {
            match &f.kind {
                FieldKind::Date { .. } => self.date_value(f.key, today).map(|_| ()),
                FieldKind::Time => self.time_value(f.key).map(|_| ()),
                FieldKind::Number { .. } => self.number_value(f.key).map(|_| ()),
                FieldKind::Decimal { .. } => self.decimal_value(f.key).map(|_| ()),
                _ => Ok(()),
            }?;
        }
        Ok(())
    }

    /// Whether field `key` differs from the value the form opened with.
    pub fn changed(&self, key: &str) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, initial)| f.key == key && f.text() != *initial)
    }

    pub fn is_dirty(&self) -> bool {
        self.fields
            .iter()
            .map(Field::text)
            .ne(self.initial.iter().cloned())
    }

    /// Shows `invalid` next to its field (or at the top) and moves the cursor there.
    pub fn show_error(&mut self, invalid: &Invalid) {
        let index = invalid
            .field
            .and_then(|key| self.fields.iter().position(|f| f.key == key));
        if let Some(i) = index {
            self.focus = i;
        }
        self.error = Some((index, invalid.message.clone()));
    }

    /// Shows `message` at the top and offers Ctrl-L to reload; the values typed stay as they are.
    pub fn offer_reload(&mut self, message: &str) {
        self.error = Some((None, message.to_string()));
        self.reload_offered = true;
    }

    /// Replaces the focused field's text (after editing it in $EDITOR).
    pub fn set_focused_text(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            replace_text(field, text);
        }
    }

    /// Replaces the text of field `key` (a form that follows what another field says).
    pub fn set_text(&mut self, key: &str, text: &str) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.key == key) {
            replace_text(field, text);
        }
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Whether the next digit typed replaces the focused number's value: the field has just
    /// been entered and nothing was pressed in it yet.
    pub fn replaces_on_type(&self) -> bool {
        matches!(
            self.focused().map(|f| &f.kind),
            Some(FieldKind::Number { .. })
        ) && self.entered != Some(self.focus)
    }

    /// A picker whose typed text matches no option, as an error on that field: saving it would
    /// quietly keep an option the user did not mean.
    fn unmatched_pick(&self) -> Option<Invalid> {
        let unmatched = self
            .fields
            .iter()
            .find(|f| matches!(f.kind, FieldKind::Pick(_)) && f.pick_matches().is_empty())
            .map(|f| {
                Invalid::field(
                    f.key,
                    format!(
                        "nothing matches \"{}\": type less, or Ctrl-U to start again",
                        f.query()
                    ),
                )
            });
        // Text typed into a links field and not added: saving would drop what was meant.
        unmatched.or_else(|| {
            self.fields
                .iter()
                .find(|f| matches!(f.kind, FieldKind::Links(_)) && !f.query().is_empty())
                .map(|f| {
                    Invalid::field(
                        f.key,
                        format!(
                            "\"{}\" is typed but not added: Enter adds the match, Ctrl-U clears it",
                            f.query()
                        ),
                    )
                })
        })
    }

    /// Enter in a links field with text typed: adds the marked match (nothing matching: says so).
    fn add_link(&mut self) -> FormOutcome {
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return FormOutcome::Continue;
        };
        let FieldKind::Links(options) = &field.kind else {
            return FormOutcome::Continue;
        };
        let matches = field.pick_matches();
        let chosen = matches
            .iter()
            .find(|i| **i == field.choice)
            .or(matches.first())
            .and_then(|i| options.get(*i))
            .cloned();
        let Some(chosen) = chosen else {
            let message = format!(
                "nothing matches \"{}\": type less, or Ctrl-U to start again",
                field.query()
            );
            let key = field.key;
            self.show_error(&Invalid::field(key, message));
            return FormOutcome::Continue;
        };
        field.picked.push(chosen);
        field.choice = field.picked.len() - 1;
        field.editor = editor("", field.hint);
        self.clear_error_of(focus);
        FormOutcome::Continue
    }

    /// Submits, unless a picker matches nothing (then says so at the picker).
    fn submit(&mut self) -> FormOutcome {
        match self.unmatched_pick() {
            Some(invalid) => {
                self.show_error(&invalid);
                FormOutcome::Continue
            }
            None => FormOutcome::Submit,
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len();
        if n > 0 {
            self.focus = if forward {
                (self.focus + 1) % n
            } else {
                (self.focus + n - 1) % n
            };
        }
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.fresh = field.is_number();
        }
    }

    /// The default keymap's reading of `key`, for tests that press keys on a bare form.
    #[cfg(test)]
    pub fn handle_key(&mut self, key: KeyEvent) -> FormOutcome {
        let keymap = crate::tui::keymap::Keymap::shipped();
        self.handle(
            key,
            keymap.resolve(crate::tui::keymap::KeyContext::Form, &key),
        )
    }

    /// Whether the form acts on `action` (the `[form]` keys): every action bound there must be.
    pub fn handles(action: Action) -> bool {
        matches!(
            action,
            Action::NextField
                | Action::PrevField
                | Action::Save
                | Action::SubmitLine
                | Action::Cancel
                | Action::OpenEditor
                | Action::ClearField
                | Action::ReloadForm
                | Action::NextChoice
                | Action::PrevChoice
        )
    }

    /// A key, with the action the `[form]` keymap gives it. Keys that are no command, and
    /// commands that mean nothing in the focused field (←/→ in a text field, Enter in a
    /// multi-line one), edit the field.
    pub fn handle(&mut self, key: KeyEvent, action: Option<Action>) -> FormOutcome {
        if self.confirming_discard {
            self.confirming_discard = false;
            return match key.code {
                KeyCode::Char('y' | 'Y') => FormOutcome::Cancel,
                _ => FormOutcome::Continue,
            };
        }
        let entering = self.entered != Some(self.focus);
        self.entered = Some(self.focus);
        let field = self.focused().map(|f| &f.kind);
        let multiline = matches!(field, Some(FieldKind::MultiLine));
        let chooses = matches!(
            field,
            Some(
                FieldKind::Choice(_)
                    | FieldKind::Check
                    | FieldKind::Pick(_)
                    | FieldKind::Links(_)
                    | FieldKind::PickOrText(_)
            )
        );
        // A name outside the list has spaces in it: Space types there; in a list being
        // searched by typing, Space goes on with the name ("ana jens" was read "anajens").
        let typing = self.focused().is_some_and(|f| !f.query().is_empty());
        let types_space = key.code == KeyCode::Char(' ')
            && (matches!(field, Some(FieldKind::PickOrText(_)))
                || (typing && matches!(field, Some(FieldKind::Pick(_) | FieldKind::Links(_)))));
        let chooses = chooses && !types_space;
        let adds_link = matches!(field, Some(FieldKind::Links(_)))
            && self.focused().is_some_and(|f| !f.query().is_empty());
        let arrow = matches!(key.code, KeyCode::Up | KeyCode::Down);
        match action {
            Some(Action::Cancel) if self.is_dirty() => {
                self.confirming_discard = true;
                return FormOutcome::Continue;
            }
            Some(Action::Cancel) => return FormOutcome::Cancel,
            Some(Action::Save) => return self.submit(),
            // Only once offered: Ctrl-L redraws in many programs, and a reflex must not
            // throw a draft away.
            Some(Action::ReloadForm) if self.reload_offered => return FormOutcome::Reload,
            Some(Action::OpenEditor) if multiline => return FormOutcome::ExternalEdit,
            Some(Action::SubmitLine) if adds_link => return self.add_link(),
            Some(Action::SubmitLine) if !multiline => return self.submit(),
            // In a multi-line field the arrows move the cursor, not the focus.
            Some(Action::NextField) if !(multiline && arrow) => {
                self.move_focus(true);
                return FormOutcome::Continue;
            }
            Some(Action::PrevField) if !(multiline && arrow) => {
                self.move_focus(false);
                return FormOutcome::Continue;
            }
            Some(Action::ClearField) if !multiline => {
                self.clear_focused();
                return FormOutcome::Continue;
            }
            Some(Action::NextChoice | Action::PrevChoice) if chooses => {
                self.step_choice(action == Some(Action::NextChoice));
                return FormOutcome::Continue;
            }
            _ => {}
        }
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return FormOutcome::Continue;
        };
        // "25", then 7 0 on entering the field: 70, as in a spreadsheet cell.
        let replacing = entering
            && matches!(field.kind, FieldKind::Number { .. })
            && matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit() || c == '-')
            && !key.modifiers.contains(KeyModifiers::CONTROL);
        if replacing {
            field.editor = editor("", field.hint);
        }
        if edit_field(field, key) || replacing {
            self.clear_error_of(focus);
        }
        FormOutcome::Continue
    }

    /// A field's value changed: its message (or the form's) has been answered.
    fn clear_error_of(&mut self, focus: usize) {
        if self
            .error
            .as_ref()
            .is_some_and(|(i, _)| *i == Some(focus) || i.is_none())
        {
            self.error = None;
        }
    }

    /// Empties the focused one-line text, date, time or number field.
    fn clear_focused(&mut self) {
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return;
        };
        if matches!(field.kind, FieldKind::Choice(_) | FieldKind::Check) {
            return;
        }
        // A picker forgets what was typed and keeps its choice.
        field.editor = editor("", field.hint);
        self.clear_error_of(focus);
    }

    /// The next (or previous) option of a choice; a tick box flips.
    fn step_choice(&mut self, forward: bool) {
        let focus = self.focus;
        let Some(field) = self.fields.get_mut(focus) else {
            return;
        };
        match &field.kind {
            FieldKind::Check => field.choice = 1 - field.choice.min(1),
            // Nothing typed: the mark moves over the options held.
            FieldKind::Links(_) if field.query().is_empty() => {
                let n = field.picked.len();
                if n == 0 {
                    return;
                }
                let at = field.choice.min(n - 1);
                field.choice = if forward {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
            }
            // The matches, then the text as typed.
            FieldKind::PickOrText(options) => {
                let mut matches = field.pick_matches();
                if !field.query().trim().is_empty() || matches.is_empty() {
                    matches.push(options.len());
                }
                field.choice = beside(&matches, field.choice, forward).unwrap_or(field.choice);
            }
            FieldKind::Pick(_) | FieldKind::Links(_) => {
                let matches = field.pick_matches();
                field.choice = beside(&matches, field.choice, forward).unwrap_or(field.choice);
            }
            FieldKind::Choice(options) => {
                let n = options.len().max(1);
                field.choice = if forward {
                    (field.choice + 1) % n
                } else {
                    (field.choice + n - 1) % n
                };
            }
            _ => return,
        }
        self.clear_error_of(focus);
    }
}

/// The option after (or before) `choice` among `matches`, round the ends; `None` when there
/// are none.
fn beside(matches: &[usize], choice: usize, forward: bool) -> Option<usize> {
    let n = matches.len();
    let at = matches.iter().position(|i| *i == choice).unwrap_or(0);
    let next = if forward {
        at + 1
    } else {
        at + n.checked_sub(1)?
    };
    matches.get(next % n.max(1)).copied()
}

/// A new editor holding `text` for `field`, as a form opens one.
fn replace_text(field: &mut Field, text: &str) {
    let mut fresh = editor(text.trim_end_matches('\n'), field.hint);
    if field.kind == FieldKind::MultiLine {
        fresh.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    }
    field.editor = fresh;
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
