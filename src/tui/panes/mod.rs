//! One module per pane: its state, how it reacts to actions, and how it draws.

pub mod agenda;
mod agenda_view;
pub mod hit;
pub mod people;
mod people_view;
pub mod person;
mod person_view;
pub mod plan;
mod plan_view;
pub mod reopen;
pub mod risk_form;
pub mod risks;
mod risks_detail;
mod risks_heatmap;
mod risks_view;
pub mod ritual_form;
pub mod rituals;
mod rituals_view;

pub use agenda_view::render as render_agenda;
pub use people_view::render as render_people;
pub use person_view::{render_person, render_prep};
pub use plan_view::render as render_plan;
pub use risks_view::render as render_risks;
pub use rituals_view::render as render_rituals;
