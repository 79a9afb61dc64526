//! The agenda's forms: a meeting's notes and decisions, moving a meeting, jumping to a date.

use crate::domain::agenda::AgendaItem;
use crate::domain::ritual::OccurrenceRecord;
use crate::ops::links::Linked;
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

/// A meeting's notes form, on its stored state and its series' agenda (see `meeting_form`).
pub fn occurrence_form(
    item: AgendaItem,
    record: OccurrenceRecord,
    checklist: &[String],
    links: Vec<Linked>,
    ctx: &Ctx<'_>,
) -> Option<Request> {
    item.occurrence?;
    let f = super::meeting_form::occurrence_form(&item, &record, checklist, links, ctx);
    Some(form(
        f,
        AgendaForm::Occurrence {
            item: Box::new(item),
            opened: Box::new(record),
        },
    ))
}
