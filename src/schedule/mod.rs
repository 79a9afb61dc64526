//! Pure time logic: recurrence expansion and agenda assembly. "Today" is always a parameter.

pub mod agenda;
pub mod calendar;
mod calendar_frame;
pub mod calendar_limits;
pub mod recurrence;
pub mod rule_limits;
pub mod wall_clock;
