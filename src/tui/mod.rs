//! The terminal front end: The Elm Architecture with effects as data.
//! terminal event → keymap → `Action` → `update` (pure) → effects → `effects::Runner` → `Msg` → `view`.

pub mod action;
mod clock;
pub mod editor;
pub mod effects;
pub mod keymap;
pub mod model;
pub mod msg;
pub mod panes;
mod reminder_effects;
pub mod reminders;
pub mod run;
mod safe_backend;
pub mod screen;
mod signals;
mod terminal;
pub mod theme;
pub mod update;
pub mod view;
mod wakeups;
pub mod widgets;

pub use run::{Clock, Exit, initial_model, run};
pub use signals::name as signal_name;
