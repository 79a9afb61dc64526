//! The screen's layout as a pure function of the model and the terminal's size: `view` draws into
//! these areas and `update` maps mouse clicks through them, so the two cannot drift apart.

use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthStr;

use super::model::{Model, Tab};

/// Smallest terminal the layout is designed for; below it a polite notice replaces the panes.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// The name at the left of the tab bar, and the mark alone where the name would push the last
/// tab off a narrow terminal.
const BRAND: &str = " ◆ Bearing ";
const BRAND_NARROW: &str = " ◆ ";

pub fn brand(bar: Rect) -> &'static str {
    if fits(BRAND, 1, bar) {
        BRAND
    } else {
        BRAND_NARROW
    }
}

/// Whether `brand` and every tab's full title, `gap` columns apart, fit the bar.
fn fits(brand: &str, gap: usize, bar: Rect) -> bool {
    brand.width() + 1 + labels_width(None, gap) <= usize::from(bar.width)
}

/// The width of every tab's label with `gap` columns after it; compact (`Some(shown)`): only the
/// shown tab's title, the others' numbers.
fn labels_width(compact: Option<Tab>, gap: usize) -> usize {
    Tab::ALL
        .iter()
        .map(|t| tab_label(*t, compact).width() + gap)
        .sum()
}

/// How the titles fit a narrow bar: first the brand's name goes, then the column between the
/// labels (each label has a space at both ends already), and only then the other tabs' titles
/// (`Some(shown)`: numbers beside the shown tab's title).
fn squeeze(bar: Rect, shown: Tab) -> (usize, Option<Tab>) {
    if fits(BRAND_NARROW, 1, bar) {
        (1, None)
    } else if fits(BRAND_NARROW, 0, bar) {
        (0, None)
    } else {
        (1, Some(shown))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameAreas {
    pub tabs: Rect,
    /// The read-only banner (no height when writable).
    pub banner: Rect,
    /// The current pane, under a blank line.
    pub body: Rect,
    pub status: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// " Tue 1 Dec  09:00 ": the clock at the status bar's left.
pub fn clock(model: &Model) -> String {
    model.now.format(" %a %-d %b  %H:%M ").to_string()
}

/// The most rows a message takes in the status bar of a screen `height` rows tall: a third of
/// the screen, rounded up, and at least three. A refused undo of a delete ends by saying where
/// the backups are, and takes four rows at 80 columns, seven at 60: three cut that advice off.
pub fn status_rows(height: u16) -> usize {
    usize::from(height.div_ceil(3)).max(3)
}

/// The status bar's rows: a message longer than one row takes as many as it needs, up to
/// [`status_rows`] (a save's warning came at its end and was cut: "… 0 topics disc…").
pub fn status_height(model: &Model, width: u16, height: u16) -> u16 {
    // The file's name at the right keeps its columns while a message fits in one row.
    let label = (model.db_label.width() + 2).min(usize::from(width / 4));
    match &model.status {
        Some(status)
            if clock(model).width() + 1 + status.text.width() + label > usize::from(width) =>
        {
            let room = usize::from(width).saturating_sub(clock(model).width() + 1);
            let rows = super::widgets::text::wrap(&status.text, room).len();
            rows.clamp(1, status_rows(height)) as u16
        }
        _ => 1,
    }
}

pub fn frame_areas(model: &Model, area: Rect) -> FrameAreas {
    let banner = u16::from(model.read_only);
    let [tabs, banner, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner),
        Constraint::Min(1),
        Constraint::Length(status_height(model, area.width, area.height)),
    ])
    .areas(area);
    let body = Rect {
        y: body.y + 1,
        height: body.height.saturating_sub(1),
        ..body
    };
    FrameAreas {
        tabs,
        banner,
        body,
        status,
    }
}

/// " 2 Plan ": a tab's label in the bar; " 2 " in a compact bar (`Some(shown)`) unless it is
/// the shown tab.
pub fn tab_label(tab: Tab, compact: Option<Tab>) -> String {
    match compact {
        Some(shown) if shown != tab => format!(" {} ", tab.index() + 1),
        _ => format!(" {} {} ", tab.index() + 1, tab.title()),
    }
}

/// Where each tab's label sits in the tab bar (clipped to it), after the brand and a space, with
/// a space between labels, and the label it shows there. `shown` is the tab on screen: when the
/// titles do not fit, only its title is shown.
pub fn tab_rects(bar: Rect, shown: Tab) -> Vec<(Tab, Rect, String)> {
    let right = bar.x.saturating_add(bar.width);
    let mut x = bar.x.saturating_add(brand(bar).width() as u16 + 1);
    let (gap, compact) = squeeze(bar, shown);
    let mut rects = Vec::new();
    for &tab in Tab::ALL {
        let label = tab_label(tab, compact);
        let width = (label.width() as u16).min(right.saturating_sub(x));
        if width > 0 {
            rects.push((tab, Rect::new(x, bar.y, width, bar.height.min(1)), label));
        }
        x = x.saturating_add(width + gap as u16);
    }
    rects
}

/// What is under a point of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(Tab),
    /// A row of the current pane's list.
    Row(usize),
    Nothing,
}

pub fn hit_at(model: &Model, screen: Rect, x: u16, y: u16) -> Hit {
    if too_small(screen) {
        return Hit::Nothing;
    }
    let areas = frame_areas(model, screen);
    let contains = |r: Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    if let Some((tab, ..)) = tab_rects(areas.tabs, model.tab)
        .into_iter()
        .find(|(_, r, _)| contains(*r))
    {
        return Hit::Tab(tab);
    }
    model
        .pane(model.tab)
        .list_rows(areas.body)
        .and_then(|(rows, len)| rows.row_at(x, y, len))
        .map_or(Hit::Nothing, Hit::Row)
}
