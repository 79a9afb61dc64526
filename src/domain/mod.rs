//! Plain types and their validation. No I/O, no clock: "today" is always a parameter.

pub mod agenda;
pub mod calendar;
pub mod dates;
pub mod decision;
pub mod health;
pub mod invalid;
pub mod link;
pub mod meeting_lines;
pub mod metric;
pub mod metric_period;
pub mod metric_status;
pub mod one_on_one;
pub mod org;
pub mod person;
pub mod plan;
pub mod risk;
pub mod risk_list;
pub mod risk_score;
pub mod ritual;
pub mod search;
pub mod terminal_safe;
pub mod text;
pub mod word;

pub use invalid::Invalid;
pub use word::Word;
