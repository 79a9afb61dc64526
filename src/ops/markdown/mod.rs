//! Markdown renderings shared by the CLI's outputs: the agenda, the 1:1 prep view, the weekly
//! report and the export document. Pure functions of data the ops layer assembled.

pub mod agenda;
pub mod prep;

/// "#", "##", … for heading `level` (1-based).
pub fn heading(level: usize) -> String {
    "#".repeat(level.max(1))
}
