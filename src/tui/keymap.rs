//! Keys as data: the default keymap ships as TOML in `assets/`, user overrides merge on top, and a
//! key resolves to an `Action` by looking in the pane's context, then "list", then "global".

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use super::action::Action;
/// The contexts are the pane registry's: a new pane adds its own there.
pub use super::pane::KeyContext;

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key with its modifiers, normalised so that "G" and "shift-g" are the same chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeyChord {
    pub fn from_event(key: &KeyEvent) -> KeyChord {
        let code = match key.code {
            KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        KeyChord {
            code,
            ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
            alt: key.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.len() > 5 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.len() > 4 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else if rest.len() > 6 && lower.starts_with("shift-") {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if shift => KeyCode::Char(c.to_ascii_uppercase()),
            (Some(c), None) if ctrl || alt => KeyCode::Char(c.to_ascii_lowercase()),
            (Some(c), None) => KeyCode::Char(c),
            _ => named_key(&rest.to_ascii_lowercase(), shift)
                .ok_or_else(|| format!("unknown key \"{text}\""))?,
        };
        Ok(KeyChord { code, ctrl, alt })
    }
}

fn named_key(name: &str, shift: bool) -> Option<KeyCode> {
    Some(match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" if shift => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "delete" | "del" => KeyCode::Delete,
        "backspace" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        f if f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
        }
        _ => return None,
    })
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.ctrl || self.alt => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keymap {
    contexts: BTreeMap<KeyContext, HashMap<KeyChord, Action>>,
}

type RawKeymap = BTreeMap<String, BTreeMap<String, String>>;

/// The context a `[keys.<name>]` table names, or what names are expected.
fn context_named(name: &str) -> Result<KeyContext, String> {
    name.parse().map_err(|_| {
        let known: Vec<&str> = <KeyContext as strum::VariantArray>::VARIANTS
            .iter()
            .map(|c| c.name())
            .collect();
        format!(
            "[keys.{name}] is not a key context; expected one of {}",
            known.join(", ")
        )
    })
}

/// Checks one key override from the config: a known context, a key Bearing can read, a known
/// action. The error says what is wrong and what is expected.
pub fn check_binding(context: &str, key: &str, action: &str) -> Result<(), String> {
    context_named(context)?;
    KeyChord::parse(key).map_err(|e| format!("[keys.{context}] {e}"))?;
    if Action::from_name(action).is_none() {
        return Err(format!(
            "[keys.{context}] \"{key}\" = \"{action}\" is not an action; the help overlay (?) \
             lists the action names"
        ));
    }
    Ok(())
}

impl Keymap {
    /// The shipped keymap alone (tests, and key tables that need no user overrides).
    pub fn shipped() -> &'static Keymap {
        static SHIPPED: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| Keymap::load(&BTreeMap::new()).unwrap_or_default())
    }

    /// The shipped keymap with `overrides` merged over it.
    pub fn load(overrides: &RawKeymap) -> Result<Keymap, String> {
        let defaults: RawKeymap = toml::from_str(DEFAULT_KEYMAP)
            .map_err(|e| format!("the built-in keymap is broken: {e}"))?;
        let mut keymap = Keymap::default();
        keymap.merge(&defaults)?;
        keymap.merge(overrides)?;
        Ok(keymap)
    }

    fn merge(&mut self, raw: &RawKeymap) -> Result<(), String> {
        for (name, keys) in raw {
            let context = context_named(name)?;
            let table = self.contexts.entry(context).or_default();
            for (key, action) in keys {
                let chord = KeyChord::parse(key).map_err(|e| format!("[keys.{name}] {e}"))?;
                let action = Action::from_name(action).ok_or_else(|| {
                    format!("[keys.{name}] \"{key}\": unknown action \"{action}\"")
                })?;
                table.insert(chord, action);
            }
        }
        Ok(())
    }

    /// The action for `key` in `context`, falling back to the contexts behind it.
    pub fn resolve(&self, context: KeyContext, key: &KeyEvent) -> Option<Action> {
        self.resolve_chord(context, KeyChord::from_event(key))
    }

    fn resolve_chord(&self, context: KeyContext, chord: KeyChord) -> Option<Action> {
        context
            .chain()
            .filter_map(|c| self.contexts.get(&c))
            .find_map(|table| table.get(&chord).copied())
    }

    /// Every action a key reaches in `context`, with the keys that reach it (a key shadowed by
    /// the pane's own binding is left out): the pane's actions first, then lists', then global.
    pub fn reachable(&self, context: KeyContext) -> Vec<(Action, Vec<KeyChord>)> {
        let mut out: Vec<(Action, Vec<KeyChord>)> = Vec::new();
        for ctx in context.chain() {
            for (action, keys) in self.bindings(ctx) {
                let keys: Vec<KeyChord> = keys
                    .into_iter()
                    .filter(|k| self.resolve_chord(context, *k) == Some(action))
                    .collect();
                if keys.is_empty() {
                    continue;
                }
                match out.iter_mut().find(|(a, _)| *a == action) {
                    Some((_, known)) => known.extend(keys),
                    None => out.push((action, keys)),
                }
            }
        }
        out
    }

    /// The bindings of one context alone, by action, keys in a stable order (letters first).
    pub fn bindings(&self, context: KeyContext) -> Vec<(Action, Vec<KeyChord>)> {
        let mut by_action: BTreeMap<Action, Vec<KeyChord>> = BTreeMap::new();
        if let Some(table) = self.contexts.get(&context) {
            for (chord, action) in table {
                by_action.entry(*action).or_default().push(*chord);
            }
        }
        by_action
            .into_iter()
            .map(|(action, mut keys)| {
                keys.sort_by_key(sort_key);
                (action, keys)
            })
            .collect()
    }

    /// The first key (by the same order) that reaches `action` in `context`.
    pub fn key_for(&self, context: KeyContext, action: Action) -> Option<KeyChord> {
        context
            .chain()
            .filter_map(|c| self.contexts.get(&c))
            .find_map(|t| {
                t.iter()
                    .filter(|(_, a)| **a == action)
                    .map(|(k, _)| *k)
                    .min_by_key(sort_key)
            })
    }

    pub fn contexts(&self) -> impl Iterator<Item = KeyContext> + '_ {
        self.contexts.keys().copied()
    }
}

/// Letters before named keys, plain before Ctrl, then by name.
fn sort_key(k: &KeyChord) -> (bool, bool, String) {
    (!matches!(k.code, KeyCode::Char(_)), k.ctrl, k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn default_keymap_parses_and_every_action_is_known() {
        let keymap = Keymap::load(&BTreeMap::new()).unwrap();
        assert!(keymap.contexts().any(|c| c == KeyContext::Global));
    }

    #[test]
    fn default_keymap_has_no_conflicting_bindings() {
        // TOML forbids duplicate keys, but two spellings can name one chord ("G" and "shift-g").
        let raw: RawKeymap = toml::from_str(DEFAULT_KEYMAP).unwrap();
        let global: Vec<KeyChord> = raw["global"]
            .keys()
            .map(|k| KeyChord::parse(k).unwrap())
            .collect();
        for (context, keys) in &raw {
            let mut seen = std::collections::HashSet::new();
            for k in keys.keys() {
                let chord = KeyChord::parse(k).unwrap();
                assert!(seen.insert(chord), "{context}: {k} is bound twice");
                let falls_back = context
                    .parse::<KeyContext>()
                    .unwrap()
                    .fallbacks()
                    .contains(&KeyContext::Global);
                if falls_back {
                    assert!(
                        !global.contains(&chord),
                        "{context}: {k} shadows a global key"
                    );
                }
            }
        }
    }

    #[test]
    fn shifted_letters_and_backtab_normalise() {
        assert_eq!(
            KeyChord::from_event(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            KeyChord::parse("G").unwrap()
        );
        assert_eq!(
            KeyChord::parse("shift-g").unwrap(),
            KeyChord::parse("G").unwrap()
        );
        assert_eq!(
            KeyChord::from_event(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            KeyChord::parse("shift-tab").unwrap()
        );
        assert_eq!(KeyChord::parse("Ctrl-C").unwrap().to_string(), "Ctrl-C");
    }

    #[test]
    fn pane_context_then_list_then_global() {
        let keymap = Keymap::load(&BTreeMap::new()).unwrap();
        let none = KeyModifiers::NONE;
        assert_eq!(
            keymap.resolve(KeyContext::People, &key(KeyCode::Char('a'), none)),
            Some(Action::Add)
        );
        assert_eq!(
            keymap.resolve(KeyContext::People, &key(KeyCode::Char('j'), none)),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.resolve(KeyContext::People, &key(KeyCode::Char('q'), none)),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.resolve(KeyContext::Global, &key(KeyCode::Char('a'), none)),
            None
        );
        assert!("nowhere".parse::<KeyContext>().is_err());
    }

    #[test]
    fn reachable_lists_the_pane_first_and_leaves_shadowed_keys_out() {
        let keymap = Keymap::load(&BTreeMap::new()).unwrap();
        let people = keymap.reachable(KeyContext::People);
        assert_eq!(
            people[0].0,
            Action::Add,
            "the pane's own actions come first"
        );
        let down = people.iter().find(|(a, _)| *a == Action::Down).unwrap();
        assert!(down.1.contains(&KeyChord::parse("j").unwrap()));
        let quit = people.iter().position(|(a, _)| *a == Action::Quit).unwrap();
        let add = people.iter().position(|(a, _)| *a == Action::Add).unwrap();
        assert!(add < quit);
        // `h` is cell_left in "risks", and prev_day lives only in the agenda and the plan.
        let risks = keymap.reachable(KeyContext::Risks);
        assert!(risks.iter().all(|(a, _)| *a != Action::PrevDay));
        let mut overrides = RawKeymap::new();
        overrides
            .entry("people".into())
            .or_default()
            .insert("q".into(), "add".into());
        let keymap = Keymap::load(&overrides).unwrap();
        let people = keymap.reachable(KeyContext::People);
        let quit = people.iter().find(|(a, _)| *a == Action::Quit).unwrap();
        assert!(
            !quit.1.contains(&KeyChord::parse("q").unwrap()),
            "q is shadowed in people"
        );
    }

    #[test]
    fn overrides_merge_and_errors_name_the_binding() {
        let mut overrides = RawKeymap::new();
        overrides
            .entry("global".into())
            .or_default()
            .insert("ctrl-q".into(), "quit".into());
        let keymap = Keymap::load(&overrides).unwrap();
        let ctrl_q = key(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap.resolve(KeyContext::People, &ctrl_q),
            Some(Action::Quit)
        );

        overrides
            .entry("list".into())
            .or_default()
            .insert("x".into(), "fly".into());
        let err = Keymap::load(&overrides).unwrap_err();
        assert_eq!(err, "[keys.list] \"x\": unknown action \"fly\"");
        let mut bad_key = RawKeymap::new();
        bad_key
            .entry("list".into())
            .or_default()
            .insert("hyper-x".into(), "down".into());
        assert!(Keymap::load(&bad_key).unwrap_err().contains("unknown key"));
    }
}
