//! What the TUI's tests share: key scripts, and models to run them on.
//!
//! A key script is text typed as is, with `\n` Enter, `\t` Tab, `\x1b` Esc, and named keys in
//! angle brackets: `<C-s>` (Ctrl-S), `<S-Tab>`, `<Esc>`, `<Enter>`, `<Up>`, `<Down>`, `<Left>`,
//! `<Right>`, `<PgDn>`, `<PgUp>`, `<BS>`, `<Space>`, `<lt>` (a literal `<`).

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::{Mutex, OnceLock, PoisonError};

use super::effects::Runner;
use super::keymap::Keymap;
use super::model::Model;
use super::msg::{Effect, Msg};
use super::panes::people::PeopleMsg;
use super::run::{initial_model, settle};
use super::update::{reload_all, reload_rest, update};
use crate::config::Config;
use crate::domain::agenda::{RadarItem, RadarKind};
use crate::domain::person::{Person, Relation};
use crate::ops::people::PersonOverview;
use crate::store::Store;

/// The keys a script stands for.
pub fn script(text: &str) -> Vec<KeyEvent> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && let Some(key) = named(&rest[1..end])
        {
            keys.push(key);
            rest = &rest[end + 1..];
            continue;
        }
        keys.push(match c {
            '\n' => plain(KeyCode::Enter),
            '\t' => plain(KeyCode::Tab),
            '\x1b' => plain(KeyCode::Esc),
            c => plain(KeyCode::Char(c)),
        });
        rest = &rest[c.len_utf8()..];
    }
    keys
}

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Ctrl and a letter.
pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn named(name: &str) -> Option<KeyEvent> {
    if let Some(letter) = name.strip_prefix("C-") {
        let mut chars = letter.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Some(ctrl(c)),
            _ => None,
        };
    }
    Some(match name {
        "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "Esc" => plain(KeyCode::Esc),
        "Enter" => plain(KeyCode::Enter),
        "Tab" => plain(KeyCode::Tab),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "PgDn" => plain(KeyCode::PageDown),
        "PgUp" => plain(KeyCode::PageUp),
        "BS" => plain(KeyCode::Backspace),
        "Space" => plain(KeyCode::Char(' ')),
        "lt" => plain(KeyCode::Char('<')),
        _ => return None,
    })
}

/// Presses the keys of `text` through `update` alone (no store); the effects of the last one.
pub fn keys(m: &mut Model, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in script(text) {
        effects = update(m, Msg::Key(key));
    }
    effects
}

/// Presses the keys of `text`, running every effect against `runner`'s store as the real loop
/// does.
/// Asserts that `now` (what a change answered) loads the tab on screen at once and, with the
/// loads it left for later, every pane: nothing shown stays as it was before the change.
pub fn assert_reloads_everything(m: &mut Model, now: Vec<Effect>) {
    let on_screen = m.pane(m.tab).reload(&m.ctx());
    assert!(
        on_screen.iter().all(|e| now.contains(e)),
        "the tab on screen loads at once: {now:?}"
    );
    let everything = reload_all(m);
    let mut all = now;
    all.extend(reload_rest(m));
    assert_eq!(all.len(), everything.len(), "{all:?}");
    assert!(everything.iter().all(|e| all.contains(e)), "{all:?}");
    assert_eq!(m.reload_later, None);
}

pub fn keys_settled(m: &mut Model, runner: &mut Runner, text: &str) {
    for key in script(text) {
        let effects = update(m, Msg::Key(key));
        settle(m, runner, effects);
    }
}

/// The screen `view` draws for `m` at `width`×`height`, one line per row (the model's recorded
/// size is set to it, as a resize would).
pub fn screen(m: &mut Model, width: u16, height: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    update(m, Msg::Resize { width, height });
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|f| super::view::view(m, f))
        .unwrap_or_else(|e| panic!("{e}"));
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One frame of `view` at `width`×`height`, one string per cell (empty for the second cell of a
/// wide character), twice: `laid_out` where ratatui put each cell (as `SafeBackend` sends it),
/// and `shown` what a terminal shows once the frame is sent as the cockpit sends it (through
/// `SafeBackend` and crossterm) to vt100, which gives each character its own width: a zero-width
/// one joins the cell before it, an emoji sequence joined by ZWJ takes the width of its parts.
/// [`screen`] shows only ratatui's cells, where a column can look aligned while the terminal
/// draws it shifted.
#[cfg(test)]
pub struct Drawn {
    pub laid_out: Vec<Vec<String>>,
    pub shown: Vec<Vec<String>>,
}

#[cfg(test)]
pub fn drawn(m: &mut Model, width: u16, height: u16) -> Drawn {
    use super::safe_backend::{SafeBackend, shown_in_cell};
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    use unicode_width::UnicodeWidthStr;
    update(m, Msg::Resize { width, height });
    /// What crossterm writes, kept where the test can read it after the draw.
    #[derive(Clone, Default)]
    struct Sent(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl std::io::Write for Sent {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let sent = Sent::default();
    let backend = SafeBackend::new(CrosstermBackend::new(sent.clone()));
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport })
        .unwrap_or_else(|e| panic!("{e}"));
    let frame = terminal
        .draw(|f| super::view::view(m, f))
        .unwrap_or_else(|e| panic!("{e}"));
    let laid_out = (0..height)
        .map(|y| {
            let mut row = Vec::new();
            let mut hidden = 0;
            for x in 0..width {
                let symbol = frame.buffer[(x, y)].symbol();
                if hidden > 0 {
                    hidden -= 1;
                    row.push(String::new());
                    continue;
                }
                hidden = symbol.width().saturating_sub(1);
                row.push(shown_in_cell(symbol).into_owned());
            }
            row
        })
        .collect();
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
    let mut parser = vt100::Parser::new(size(height), size(width), 0);
    // vt100 takes U+FFFD for a decoding error and draws nothing; terminals draw the mark, one
    // column wide, as vt100 draws a private-use character in its place.
    const STAND_IN: &str = "\u{e000}";
    let sent = String::from_utf8_lossy(&sent.0.borrow()).replace('\u{fffd}', STAND_IN);
    parser.process(sent.as_bytes());
    let screen = parser.screen();
    let shown = (0..height)
        .map(|row| {
            (0..width)
                .map(|col| match screen.cell(row, col) {
                    Some(c) if c.is_wide_continuation() => String::new(),
                    Some(c) if !c.contents().is_empty() => {
                        c.contents().replace(STAND_IN, "\u{fffd}")
                    }
                    _ => " ".to_string(),
                })
                .collect()
        })
        .collect();
    Drawn { laid_out, shown }
}

/// Monday 23 November 2026, at `h:m`: the fixed "now" of the TUI's tests.
pub fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap_or_default()
}

/// An action of mine on the radar, `days` late on `due`.
pub fn late_action(title: &str, due: NaiveDate, days: i64) -> RadarItem {
    RadarItem {
        kind: RadarKind::OverdueAction,
        title: title.into(),
        detail: "yours".into(),
        id: 1,
        person_id: None,
        date: due,
        days,
    }
}

pub fn person(id: i64, name: &str) -> PersonOverview {
    PersonOverview {
        person: Person {
            id,
            name: name.into(),
            role: "EM".into(),
            team: String::new(),
            relation: Relation::Report,
            career_goals: String::new(),
            context: String::new(),
            prompts: String::new(),
            reports_to: None,
        },
        one_on_one: None,
        cadence: None,
        cadence_rrule: None,
        manager: None,
        at: None,
        stats: Default::default(),
        deleting: None,
    }
}

/// A model with no store behind it: two people (Ada and Grace), at 09:30.
pub fn model() -> Model {
    let mut m = Model::new(Keymap::shipped().clone(), at(9, 30), Weekday::Mon);
    let people = vec![person(1, "Ada"), person(2, "Grace")];
    update(&mut m, Msg::People(PeopleMsg::Loaded(people)));
    m
}

/// The demo organisation (weeks start on Monday, loaded at 09:41 on Monday 23 November 2026) on
/// a private in-memory store of its own. The demo is built once per test binary and copied for
/// each caller: building it costs ~100 ms of CPU in a debug build, copying it ~1 ms.
pub fn demo_store() -> Store {
    static TEMPLATE: OnceLock<Mutex<Store>> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        crate::ops::demo::load_demo(&mut store, Weekday::Mon, at(9, 41))
            .unwrap_or_else(|e| panic!("{e}"));
        Mutex::new(store)
    });
    let template = template.lock().unwrap_or_else(PoisonError::into_inner);
    template.in_memory_copy().unwrap_or_else(|e| panic!("{e}"))
}

/// The demo organisation on an in-memory store, loaded as the cockpit loads it, at 09:41.
pub fn demo() -> (Model, Runner) {
    let now = at(9, 41);
    let store = demo_store();
    let mut runner = Runner::new(store, &Config::default());
    let model =
        initial_model(&mut runner, &Config::default(), now).unwrap_or_else(|e| panic!("{e}"));
    (model, runner)
}

#[cfg(test)]
#[test]
fn scripts_read_named_keys_and_leave_the_rest_as_typed() {
    let keys = script("a<C-s>\t<S-Tab><lt>x<nope>");
    assert_eq!(keys[0], plain(KeyCode::Char('a')));
    assert_eq!(keys[1], ctrl('s'));
    assert_eq!(keys[2], plain(KeyCode::Tab));
    assert_eq!(keys[3].code, KeyCode::BackTab);
    assert_eq!(keys[4], plain(KeyCode::Char('<')));
    assert_eq!(keys[5], plain(KeyCode::Char('x')));
    assert_eq!(
        keys[6],
        plain(KeyCode::Char('<')),
        "an unknown name is typed"
    );
}

/// Whether process `pid` holds a POSIX lock on the file at `path`, as `/proc/locks` says ("1:
/// POSIX  ADVISORY  READ PID MAJ:MIN:INODE START END"; a blocked request's line has one field
/// more and never matches). The kernel lists the locks anew for each read, and one taken or
/// released meanwhile by another test can shift the list between two reads and hide a line:
/// the list is read in one go, and read again a few times before the answer is no.
pub fn holds_a_lock(pid: u32, path: &std::path::Path) -> bool {
    use std::io::Read;
    let Some((_, inode)) = crate::paths::file_id(path) else {
        return false;
    };
    let (pid, inode) = (pid.to_string(), inode.to_string());
    let listed = |locks: &str| {
        locks.lines().any(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            fields.get(4) == Some(&pid.as_str())
                && fields
                    .get(5)
                    .and_then(|id| id.rsplit(':').next())
                    .is_some_and(|i| i == inode)
        })
    };
    (0..5).any(|attempt| {
        if attempt > 0 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let mut buf = vec![0u8; 1 << 20];
        std::fs::File::open("/proc/locks")
            .and_then(|mut f| f.read(&mut buf))
            .is_ok_and(|n| listed(&String::from_utf8_lossy(&buf[..n])))
    })
}
