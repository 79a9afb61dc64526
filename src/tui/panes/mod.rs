//! One module per pane: its state, how it reacts to actions and messages, its forms, and how it
//! draws. Panes see the program through `pane::Ctx` and answer with `pane::Request`s.

pub mod agenda;
mod agenda_columns;
pub mod agenda_forms;
pub mod agenda_item_keys;
mod agenda_look;
pub mod agenda_radar;
mod agenda_radar_view;
pub mod agenda_rows;
mod agenda_view;
pub mod decisions;
mod decisions_form;
mod decisions_view;
pub mod hit;
mod meeting_form;
pub mod one_on_one_forms;
pub mod people;
pub mod people_group;
mod people_view;
pub mod person;
mod person_form;
mod person_view;
pub mod plan;
mod plan_view;
mod prep_picture_view;
pub mod risk_form;
pub mod risks;
mod risks_detail;
mod risks_heatmap;
mod risks_view;
pub mod ritual_form;
pub mod rituals;
mod rituals_view;
pub mod scorecard;
mod scorecard_detail;
pub mod scorecard_form;
mod scorecard_view;
