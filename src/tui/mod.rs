//! The terminal front end: The Elm Architecture with effects as data.
//! terminal event → keymap → `Action` → `update` (pure) → effects → `effects::Runner` → `Msg` → `view`.

pub mod action;
pub mod editor;
pub mod effects;
pub mod keymap;
pub mod linkables;
pub mod model;
pub mod msg;
pub mod pane;
pub mod panes;
pub mod reminders;
pub mod run;
mod safe_backend;
pub mod screen;
mod signals;
mod terminal;
/// Test support shared by the unit, snapshot and benchmark code: not part of the program.
#[doc(hidden)]
pub mod testing;
pub mod theme;
pub mod update;
mod update_delete;
pub mod view;
mod wakeups;
pub mod widgets;

pub use run::{Exit, initial_model, run};
pub use signals::name as signal_name;
