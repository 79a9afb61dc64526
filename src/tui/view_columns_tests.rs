//! A name or title holding invisible or bidi formatting characters keeps every column of its row
//! where it is on the other rows, as a terminal shows it, in each table pane at 80×24; and the
//! characters show as marks, so the name does not look like the same name without them.

use crate::tui::model::Model;
use crate::tui::msg::Msg;
use crate::tui::pane::Tab;
use crate::tui::panes::decisions::DecisionsMsg;
use crate::tui::panes::people::PeopleMsg;
use crate::tui::panes::risks::RisksMsg;
use crate::tui::panes::rituals::RitualsMsg;
use crate::tui::panes::scorecard::ScorecardMsg;
use crate::tui::testing::{Drawn, demo, drawn};
use crate::tui::update::update;

const MARK: &str = "\u{fffd}";

/// `text` with hidden characters in its first word: ZERO WIDTH SPACE, RIGHT-TO-LEFT OVERRIDE,
/// LEFT-TO-RIGHT ISOLATE, SOFT HYPHEN, WORD JOINER, BYTE ORDER MARK, LEFT-TO-RIGHT MARK, and a
/// ZERO WIDTH JOINER between letters and in an emoji sequence.
fn disguised(text: &str) -> String {
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let mut chars = first.chars();
    let head: String = chars.next().into_iter().collect();
    let tail: String = chars.collect();
    format!(
        "{head}\u{200b}\u{202e}{tail}\u{2066}\u{ad}\u{2060}\u{feff}\u{200e}\u{200d}👩\u{200d}💻 {rest}"
    )
}

/// The pane `tab` of the demo, with `disguise` applied to its data, as the terminal shows it.
fn pane(tab: Tab, disguise: impl FnOnce(&mut Model)) -> Drawn {
    let (mut m, _runner) = demo();
    disguise(&mut m);
    m.tab = tab;
    let shown = drawn(&mut m, 80, 24);
    for (y, (laid_out, shown)) in shown.laid_out.iter().zip(&shown.shown).enumerate() {
        assert_eq!(
            shown.concat(),
            laid_out.concat(),
            "row {y}: the terminal shows each cell where ratatui laid it out"
        );
        assert_eq!(shown, laid_out, "row {y}");
    }
    shown
}

/// Asserts that the selected row's columns from the one headed `next` on (none: only the text
/// column is checked) start where they do without the hidden characters, and that the row shows
/// marks for them.
fn assert_aligned(plain: &Drawn, disguised: &Drawn, next: Option<&str>) {
    let rows = &disguised.shown;
    let text = |row: &[String]| row.concat();
    let y = (2..rows.len())
        .find(|&y| rows[y][0] == "▌")
        .unwrap_or_else(|| panic!("no selected row:\n{}", screen(rows)));
    let row = &rows[y];
    assert!(
        row.iter().filter(|c| c.as_str() == MARK).count() >= 7,
        "each hidden character shows as a mark: {}",
        text(row)
    );
    assert!(!text(row).contains('\u{200d}'), "{}", text(row));
    let Some(next) = next else { return };
    let header = (1..y)
        .rev()
        .find_map(|h| column_of(&plain.shown[h], next))
        .unwrap_or_else(|| panic!("no column {next}:\n{}", screen(&plain.shown)));
    assert_eq!(
        text(&row[header..]),
        text(&plain.shown[y][header..]),
        "the columns from {next} on start where they do without the hidden characters:\n{}\n{}",
        screen(rows),
        screen(&plain.shown)
    );
}

/// The x where `label` starts in `row`, after a space.
fn column_of(row: &[String], label: &str) -> Option<usize> {
    let line = row.concat();
    let at = line.find(&format!(" {label}"))? + 1;
    (0..row.len()).find(|&x| row[..x].concat().len() == at)
}

fn screen(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|r| r.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn risks() {
    let plain = pane(Tab::Risks, |_| {});
    let hidden = pane(Tab::Risks, |m| {
        let selected = m.risks.current().map(|r| r.id);
        let mut all = m.risks.all.clone();
        for r in all.iter_mut().filter(|r| Some(r.id) == selected) {
            r.fields.title = disguised(&r.fields.title);
        }
        update(m, Msg::Risks(RisksMsg::Loaded(all)));
    });
    assert_aligned(&plain, &hidden, Some("Review"));
}

#[test]
fn rituals() {
    let plain = pane(Tab::Rituals, |_| {});
    let hidden = pane(Tab::Rituals, |m| {
        let mut rows = m.rituals.list.rows.clone();
        let r = &mut rows[m.rituals.list.selected];
        r.ritual.fields.name = disguised(&r.ritual.fields.name);
        if let Some(p) = &mut r.person {
            *p = disguised(p);
        }
        update(m, Msg::Rituals(RitualsMsg::Loaded(rows)));
    });
    assert_aligned(&plain, &hidden, Some("When"));
}

#[test]
fn one_on_ones() {
    let plain = pane(Tab::People, |_| {});
    let hidden = pane(Tab::People, |m| {
        let mut rows = m.people.list.rows.clone();
        let p = &mut rows[m.people.list.selected].person;
        p.name = disguised(&p.name);
        update(m, Msg::People(PeopleMsg::Loaded(rows)));
    });
    assert_aligned(&plain, &hidden, Some("1:1"));
}

#[test]
fn decisions() {
    let plain = pane(Tab::Decisions, |_| {});
    let hidden = pane(Tab::Decisions, |m| {
        let mut rows = m.decisions.all.clone();
        let selected = m.decisions.list.current().map(|d| d.decision.id);
        for d in rows.iter_mut().filter(|d| Some(d.decision.id) == selected) {
            d.decision.fields.title = disguised(&d.decision.fields.title);
        }
        update(m, Msg::Decisions(DecisionsMsg::Loaded(rows)));
    });
    // At 80 columns the title is the last column: the row must still end where it did.
    assert_aligned(&plain, &hidden, None);
}

#[test]
fn scorecard() {
    let plain = pane(Tab::Scorecard, |_| {});
    let hidden = pane(Tab::Scorecard, |m| {
        let mut card = m.scorecard.card.clone();
        let selected = m.scorecard.current().map(|v| v.id());
        for v in card.metrics.iter_mut().filter(|v| Some(v.id()) == selected) {
            v.metric.fields.name = disguised(&v.metric.fields.name);
        }
        update(m, Msg::Scorecard(ScorecardMsg::Loaded(Box::new(card))));
    });
    assert_aligned(&plain, &hidden, Some("last"));
}
