//! Every screen drawn at every size that matters, checking only that nothing panics: the
//! sizes where a layout switches and their neighbours, plus a seeded sample of the full sweep
//! (all of it under `BEARING_FULL_TESTS=1`). One test per group of screens, so a failure
//! names the screens and the parts run beside the rest of the suite.

use bearing::tui::model::Model;
use bearing::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::snapshots::{model, press};

/// Sizes for the no-panic sweep: every width at a few heights, every height at a few widths,
/// and every combination up to 80×30.
fn full_sweep_sizes() -> Vec<(u16, u16)> {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for h in [1, 2, 10, 20, 24, 48, 100] {
        sizes.extend((1..=300).map(|w| (w, h)));
    }
    for w in [1, 2, 40, 60, 61, 80, 120, 160, 300] {
        sizes.extend((1..=100).map(|h| (w, h)));
    }
    for w in 1..=80 {
        sizes.extend((1..=30).map(|h| (w, h)));
    }
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

/// The sizes where layouts switch (the small-terminal notice, 60×20, 80×24, side-by-side
/// columns from 120 and 140) and their neighbours, plus a sample of the full sweep drawn from a
/// seed that changes every run and is printed, so a failure can be repeated. `BEARING_FULL_TESTS=1`
/// (`.ci/run --extended`; or `BEARING_FULL_SWEEP=1`) draws every size of the full sweep instead.
fn sweep_sizes() -> Vec<(u16, u16)> {
    let full = full_sweep_sizes();
    if std::env::var_os("BEARING_FULL_SWEEP").is_some() || crate::support::full_tests() {
        return full;
    }
    // Widths where a layout switches (the small-terminal notice at 60, columns from 120 and
    // 140) and their neighbours; heights likewise (20, 24, 48).
    let widths = [
        1, 2, 3, 39, 40, 41, 59, 60, 61, 79, 80, 81, 119, 120, 121, 139, 140, 141, 159, 160, 300,
    ];
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    let heights = [1, 2, 3, 19, 20, 21, 23, 24, 25, 47, 48, 49, 100];
    for w in widths.iter() {
        for h in heights {
            sizes.push((*w, h));
        }
    }
    let seed = std::env::var("BEARING_SWEEP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    eprintln!("sweep sample seed {seed} (BEARING_SWEEP_SEED={seed} repeats it)");
    let mut rng = fastrand::Rng::with_seed(seed);
    sizes.extend((0..60).map(|_| full[rng.usize(..full.len())]));
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

/// Draws the demo after each of `states`' keys at every size of the sweep.
fn sweep(states: &[&str]) {
    let sizes = sweep_sizes();
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for keys in states {
        let mut m = model(true);
        press(&mut m, keys);
        for (w, h) in &sizes {
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                render_at(&mut terminal, &m.model, *w, *h)
            }));
            assert!(drawn.is_ok(), "state {keys:?} panicked at {w}×{h}");
        }
    }
}

#[test]
fn the_agenda_and_the_plan_draw_at_every_size_without_panicking() {
    sweep(&["", "]lj", "m", "2", "2l"]);
}

#[test]
fn rituals_and_people_draw_at_every_size_without_panicking() {
    sweep(&["3", "3e", "4", "4jjjjj\r", "4jjjjjp", "4e", "4d"]);
}

#[test]
fn risks_draw_at_every_size_without_panicking() {
    sweep(&["5", "5v", "5jjv\r", "5R"]);
}

#[test]
fn decisions_and_the_scorecard_draw_at_every_size_without_panicking() {
    sweep(&["6", "6e", "6s", "7", "7\n", "7l"]);
}

#[test]
fn help_palette_and_search_draw_at_every_size_without_panicking() {
    sweep(&["?", "4?", "5?", ":", ":add", "/on-call"]);
}

#[test]
fn every_empty_tab_draws_at_a_seventh_of_the_sizes_without_panicking() {
    let sizes = sweep_sizes();
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
    let mut empty = model(false);
    for tab in ["1", "2", "3", "4", "5", "6", "7"] {
        press(&mut empty, tab);
        for (w, h) in sizes.iter().step_by(7) {
            render_at(&mut terminal, &empty.model, *w, *h);
        }
    }
}

/// Renders `model` into a blank `width`×`height` frame. What a sweep checks is that the view
/// never panics at a size: it skips comparing the frame with the last and copying it to the
/// test backend, which cost an eighth of the sweep's time and are ratatui's, not the view's.
fn render_at(terminal: &mut Terminal<TestBackend>, model: &Model, width: u16, height: u16) {
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, width, height))
        .unwrap();
    terminal.current_buffer_mut().reset();
    view(model, &mut terminal.get_frame());
}
