//! Dated 1:1 notes as objects of the command line: `bearing note list|show|edit|delete`. A
//! note's text is confidential: labels and messages name its person and date, never its text.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::card::{Card, day};
use super::topic::short;
use super::{Object, parse_id};
use crate::domain::one_on_one::Note as NoteRow;
use crate::ops::OpsError;
use crate::store::dependents::Reached;
use crate::store::{Store, dependents, notes, people};

/// A note with the name of the person it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteView {
    #[serde(flatten)]
    pub note: NoteRow,
    pub person: String,
}

/// What `note list` narrows to.
#[derive(Debug, Clone, Default)]
pub struct NoteFilter {
    pub person: Option<i64>,
    /// On or after this day.
    pub since: Option<chrono::NaiveDate>,
    /// The newest this many.
    pub limit: Option<u32>,
}

pub struct Note;

fn view(store: &Store, note: NoteRow) -> Result<NoteView, OpsError> {
    Ok(NoteView {
        person: people::get(store.conn(), note.person_id)?
            .map(|p| p.name)
            .unwrap_or_default(),
        note,
    })
}

impl Object for Note {
    const KIND: &'static str = "note";
    const COLUMNS: &'static [&'static str] = &["ID", "DATE", "PERSON", "TEXT"];
    type View = NoteView;
    type Filter = NoteFilter;

    fn list(
        store: &Store,
        filter: &NoteFilter,
        _now: NaiveDateTime,
    ) -> Result<Vec<NoteView>, OpsError> {
        let names: std::collections::HashMap<i64, String> = people::names(store.conn())?;
        Ok(
            notes::list(store.conn(), filter.person, filter.since, filter.limit)?
                .into_iter()
                .map(|note| NoteView {
                    person: names.get(&note.person_id).cloned().unwrap_or_default(),
                    note,
                })
                .collect(),
        )
    }

    fn get(store: &Store, id: i64, _now: NaiveDateTime) -> Result<NoteView, OpsError> {
        let note = notes::get(store.conn(), id)?.ok_or_else(|| {
            OpsError::NotFound(format!("no note with id {id} (see `bearing note list`)"))
        })?;
        view(store, note)
    }

    fn find(_store: &Store, query: &str) -> Result<i64, OpsError> {
        parse_id(Self::KIND, query)
    }

    fn id(view: &NoteView) -> i64 {
        view.note.id
    }

    fn label(view: &NoteView) -> String {
        format!("{}, {}", view.person, day(Some(view.note.date)))
    }

    fn row(n: &NoteView, _now: NaiveDateTime) -> Vec<String> {
        vec![
            n.note.id.to_string(),
            n.note.date.to_string(),
            n.person.clone(),
            short(&n.note.body, 60),
        ]
    }

    fn card(n: &NoteView, _now: NaiveDateTime) -> Card {
        Card::new(
            Self::KIND,
            n.note.id,
            format!("{}, {}", n.person, day(Some(n.note.date))),
        )
        .field("person", n.person.clone())
        .field("date", n.note.date.to_string())
        .section("Text", vec![n.note.body.clone()])
    }

    fn reaches(store: &Store, id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(dependents::of_note(store.conn(), id)?)
    }

    fn delete(store: &mut Store, id: i64, _now: NaiveDateTime) -> Result<(), OpsError> {
        crate::ops::one_on_ones::delete_note(store, id)
    }
}
