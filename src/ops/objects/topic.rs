//! Talking points as objects of the command line: `bearing topic list|show|edit|delete|done|reopen`.

use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::HashMap;

use super::card::{Card, moment};
use super::{Object, parse_id};
use crate::domain::one_on_one::Topic as TopicRow;
use crate::ops::OpsError;
use crate::store::dependents::Reached;
use crate::store::{Store, people, topics};

/// A talking point with the name of the person it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicView {
    #[serde(flatten)]
    pub topic: TopicRow,
    pub person: String,
    pub discussed: bool,
}

/// What `topic list` narrows to.
#[derive(Debug, Clone, Default)]
pub struct TopicFilter {
    pub person: Option<i64>,
    /// Some(false): the queue (the default); Some(true): discussed ones; None: all.
    pub discussed: Option<bool>,
}

pub struct Topic;

fn names(store: &Store) -> Result<HashMap<i64, String>, OpsError> {
    Ok(people::names(store.conn())?)
}

fn view(topic: TopicRow, names: &HashMap<i64, String>) -> TopicView {
    TopicView {
        person: names.get(&topic.person_id).cloned().unwrap_or_default(),
        discussed: topic.discussed_at.is_some(),
        topic,
    }
}

/// A long text cut for a label or a table cell.
pub(super) fn short(text: &str, max: usize) -> String {
    let first = text.lines().next().unwrap_or_default();
    let mut out: String = first.chars().take(max).collect();
    if first.chars().count() > max || text.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

impl Object for Topic {
    const KIND: &'static str = "topic";
    const COLUMNS: &'static [&'static str] = &["ID", "PERSON", "ADDED", "STATE", "TEXT"];
    type View = TopicView;
    type Filter = TopicFilter;

    fn list(
        store: &Store,
        filter: &TopicFilter,
        _now: NaiveDateTime,
    ) -> Result<Vec<TopicView>, OpsError> {
        let names = names(store)?;
        Ok(topics::list(store.conn(), filter.person, filter.discussed)?
            .into_iter()
            .map(|t| view(t, &names))
            .collect())
    }

    fn get(store: &Store, id: i64, _now: NaiveDateTime) -> Result<TopicView, OpsError> {
        let topic = topics::get(store.conn(), id)?.ok_or_else(|| {
            OpsError::NotFound(format!(
                "no talking point with id {id} (see `bearing topic list`)"
            ))
        })?;
        Ok(view(topic, &names(store)?))
    }

    fn find(_store: &Store, query: &str) -> Result<i64, OpsError> {
        parse_id(Self::KIND, query)
    }

    fn id(view: &TopicView) -> i64 {
        view.topic.id
    }

    fn label(view: &TopicView) -> String {
        format!("for {}: \"{}\"", view.person, short(&view.topic.body, 40))
    }

    fn row(t: &TopicView, _now: NaiveDateTime) -> Vec<String> {
        vec![
            t.topic.id.to_string(),
            t.person.clone(),
            t.topic.created_at.format("%Y-%m-%d").to_string(),
            if t.discussed { "discussed" } else { "queued" }.to_string(),
            short(&t.topic.body, 60),
        ]
    }

    fn card(t: &TopicView, _now: NaiveDateTime) -> Card {
        Card::new(Self::KIND, t.topic.id, short(&t.topic.body, 60))
            .field("person", t.person.clone())
            .field("added", moment(Some(t.topic.created_at)))
            .field(
                "state",
                match t.topic.discussed_at {
                    Some(at) => format!("discussed {}", moment(Some(at))),
                    None => "queued for the next 1:1".into(),
                },
            )
            .field("text", t.topic.body.clone())
    }

    fn reaches(_store: &Store, _id: i64) -> Result<Vec<Reached>, OpsError> {
        Ok(Vec::new())
    }

    fn delete(store: &mut Store, id: i64, _now: NaiveDateTime) -> Result<(), OpsError> {
        crate::ops::one_on_ones::delete_topic(store, id)
    }
}
