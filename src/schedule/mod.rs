//! Pure time logic: recurrence expansion and agenda assembly. "Today" is always a parameter.

pub mod agenda;
pub mod calendar;
pub mod recurrence;
