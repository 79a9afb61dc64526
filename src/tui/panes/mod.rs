//! One module per pane: its state, how it reacts to actions, and how it draws.

pub mod coming;
pub mod people;
mod people_view;

pub use people_view::render as render_people;
