//! The "Links" section of a detail view: what the shown object is linked to
//! (`ops::links::links_of`), with a cursor `]` moves and `Enter` follows (Esc comes back).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::links::Linked;
use crate::tui::action::Action;
use crate::tui::msg::Effect;
use crate::tui::pane::{Request, Tab, Target, done, info};
use crate::tui::panes::person::PeopleView;
use crate::tui::theme::Theme;
use crate::tui::widgets::lines::Lines;

/// The links of one object as last loaded, and the one selected (none: the keys act on the
/// object itself).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailLinks {
    pub of: Option<ObjectRef>,
    pub links: Vec<Linked>,
    pub selected: Option<usize>,
}

impl DetailLinks {
    /// The links of `of`, loaded: the selection stays on the same link if it is still there.
    pub fn set(&mut self, of: ObjectRef, links: Vec<Linked>) {
        let kept = match (self.of == Some(of), self.current()) {
            (true, Some(was)) => links.iter().position(|l| l == was),
            _ => None,
        };
        self.of = Some(of);
        self.links = links;
        self.selected = kept;
    }

    /// Whether the links shown belong to `of`.
    pub fn is_of(&self, of: ObjectRef) -> bool {
        self.of == Some(of)
    }

    /// The read of `shown`'s links (`Effect::Links`), when they are not the ones listed, or
    /// `again` (after a reload: another writer may have linked or unlinked it).
    pub fn load(&self, shown: Option<ObjectRef>, again: bool) -> Vec<Request> {
        match shown {
            Some(of) if again || !self.is_of(of) => vec![Request::Run(Effect::Links(of))],
            _ => Vec::new(),
        }
    }

    /// Links that arrived for `of`: kept when `of` is still the object `shown`.
    pub fn arrived(&mut self, shown: Option<ObjectRef>, of: ObjectRef, links: Vec<Linked>) {
        if shown == Some(of) {
            self.set(of, links);
        }
    }

    /// The cursor moved to `shown`: no link selected, and its links read unless listed.
    pub fn moved_to(&mut self, shown: Option<ObjectRef>) -> Vec<Request> {
        if shown != self.of {
            self.unselect();
        }
        self.load(shown, false)
    }

    pub fn current(&self) -> Option<&Linked> {
        self.selected.and_then(|i| self.links.get(i))
    }

    /// Selects the next link, wrapping to none after the last; false when there are none.
    pub fn select_next(&mut self) -> bool {
        if self.links.is_empty() {
            self.selected = None;
            return false;
        }
        self.selected = match self.selected {
            None => Some(0),
            Some(i) if i + 1 < self.links.len() => Some(i + 1),
            Some(_) => None,
        };
        true
    }

    /// Unselects; true when a link was selected.
    pub fn unselect(&mut self) -> bool {
        self.selected.take().is_some()
    }

    /// The section's lines: a heading and one line per link, the selected one reversed.
    pub fn lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::default(),
            Line::from(Span::styled("Links", theme.header)),
        ];
        if self.links.is_empty() {
            lines.push(Line::from(Span::styled(
                "None (bearing link KIND:ID KIND:ID)",
                theme.dim,
            )));
            return lines;
        }
        lines.extend(self.links.iter().enumerate().map(|(i, l)| {
            let mut line = Line::from(vec![
                Span::styled(format!("{:<8}", l.kind.to_string()), theme.dim),
                Span::raw(l.title.clone()),
            ]);
            if self.selected == Some(i) {
                line = line.patch_style(theme.text.add_modifier(Modifier::REVERSED));
            }
            line
        }));
        lines.push(Line::from(Span::styled(
            if self.selected.is_some() {
                "Enter opens it · ] next · Esc unselects"
            } else {
                "] selects a link"
            },
            theme.dim,
        )));
        lines
    }

    /// One line for narrow terminals: "Links ▸ goal Ship v2 · person Ana".
    pub fn summary_line(&self, theme: &Theme) -> Line<'static> {
        let mut spans = vec![Span::styled("Links ", theme.header)];
        for (i, l) in self.links.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.dim));
            }
            let style = if self.selected == Some(i) {
                theme.text.add_modifier(Modifier::REVERSED)
            } else {
                theme.text
            };
            spans.push(Span::styled(format!("{} {}", l.kind, l.title), style));
        }
        Line::from(spans)
    }
}

impl DetailLinks {
    /// The links on one line over the bottom of `area` (inside its border), where a pane too
    /// narrow for its detail draws them.
    pub fn render_summary(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
        if area.height < 3 || area.width < 3 {
            return;
        }
        let line = Rect::new(area.x + 1, area.y + area.height - 2, area.width - 2, 1);
        frame.render_widget(Clear, line);
        frame.render_widget(Lines::new(self.summary_line(theme)), line);
    }
}

impl DetailLinks {
    /// `]` selects the next link, `open` (Enter) follows the selected one, Esc unselects it;
    /// `None` for every other action, and for `open` and Esc when no link is selected. `what`
    /// names the object in the message when it has no links ("risk").
    pub fn on_action(&mut self, action: Action, open: Action, what: &str) -> Option<Vec<Request>> {
        match action {
            Action::NextLink => {
                if self.select_next() {
                    done()
                } else {
                    info(format!(
                        "This {what} has no links: bearing link {what}:ID goal:ID makes one."
                    ))
                }
            }
            Action::Back if self.unselect() => done(),
            _ if action == open => {
                let link = self.current()?;
                match target_of(link) {
                    Some(target) => Some(vec![Request::Show(target)]),
                    None => info(format!("A linked {} opens from its own tab.", link.kind)),
                }
            }
            _ => None,
        }
    }
}

/// The tab whose detail shows an object of `kind` (where its loaded links go).
pub fn home(kind: LinkKind) -> Option<Tab> {
    match kind {
        LinkKind::Person => Some(Tab::People),
        LinkKind::Goal => Some(Tab::Plan),
        LinkKind::Risk => Some(Tab::Risks),
        LinkKind::Ritual => Some(Tab::Rituals),
        LinkKind::Metric => Some(Tab::Scorecard),
        LinkKind::Decision => Some(Tab::Decisions),
        // The all-actions list (a view of the 1:1s tab) holds them for its edit form.
        LinkKind::Action => Some(Tab::People),
        LinkKind::Meeting => None,
    }
}

/// Where following a link goes; `None` for kinds no pane opens on their own.
pub fn target_of(link: &Linked) -> Option<Target> {
    let id = link.id;
    match link.kind {
        LinkKind::Person => Some(Target::Person(id, PeopleView::Detail)),
        LinkKind::Goal => Some(Target::Goal(id)),
        LinkKind::Risk => Some(Target::Risk(id)),
        LinkKind::Ritual => Some(Target::Ritual(id)),
        LinkKind::Metric => Some(Target::Metric(id)),
        LinkKind::Decision => Some(Target::Decision(id)),
        LinkKind::Action | LinkKind::Meeting => None,
    }
}

#[cfg(test)]
#[path = "detail_links_tests.rs"]
mod tests;
