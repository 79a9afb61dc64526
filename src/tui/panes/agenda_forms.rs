//! The agenda's forms: a meeting's notes and decisions, moving a meeting, jumping to a date.

use crate::domain::agenda::AgendaItem;
use crate::domain::ritual::{OccurrenceRecord, OccurrenceStatus};
use crate::tui::model::FormPurpose;
use crate::tui::pane::{Ctx, Request};
use crate::tui::widgets::form::Form;

use super::agenda::AgendaForm;

fn form(form: Form, which: AgendaForm) -> Request {
    Request::form(form, FormPurpose::Agenda(which))
}

pub fn jump_form() -> Request {
    form(
        Form::new("Jump to date").date("date", "Date", "", false, "2026-12-01, fri, next mon, +2w"),
        AgendaForm::JumpToDate,
    )
}

/// The form that moves the meeting `item` shows, from where it shows it.
pub fn move_form(item: AgendaItem) -> Option<Request> {
    let (Some(_), Some(start)) = (item.occurrence, item.start) else {
        return None;
    };
    let f = Form::new(format!("Move {}", item.title))
        .date(
            "date",
            "New date",
            &item.date.format("%Y-%m-%d").to_string(),
            false,
            "2026-12-01, fri, +1d",
        )
        .time(
            "time",
            "New time",
            &start.format("%H:%M").to_string(),
            "14:30",
        );
    Some(form(f, AgendaForm::Move(Box::new(item))))
}

/// A meeting's notes form, on its stored state.
pub fn occurrence_form(
    item: AgendaItem,
    record: OccurrenceRecord,
    ctx: &Ctx<'_>,
) -> Option<Request> {
    item.occurrence?;
    let statuses = vec!["scheduled".to_string(), "held".into(), "skipped".into()];
    // A meeting being written up has happened: default to held once it has started.
    let status = match record.status {
        OccurrenceStatus::Scheduled if item.starts_at() <= ctx.now => 1,
        OccurrenceStatus::Scheduled => 0,
        OccurrenceStatus::Held => 1,
        OccurrenceStatus::Skipped => 2,
    };
    let when = item.starts_at().format("%a %-d %b %H:%M");
    let f = Form::new(format!("{} · {when}", item.title))
        .choice("status", "Status", statuses, status)
        .multiline("notes", "Notes", &record.notes, "what was said")
        .multiline(
            "decisions",
            "Decisions",
            &record.decisions,
            "what was decided, one per line",
        );
    Some(form(
        f,
        AgendaForm::Occurrence {
            item: Box::new(item),
            opened: Box::new(record),
        },
    ))
}
