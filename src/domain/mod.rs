//! Plain types and their validation. No I/O, no clock: "today" is always a parameter.

pub mod dates;
pub mod invalid;
pub mod person;
pub mod ritual;

pub use invalid::Invalid;
