//! The decision log: add (optionally in a meeting, optionally superseding an older record),
//! edit, change status, delete. Every change is one transaction; edits and status changes
//! opened from a form refuse to save over a newer record.

use chrono::{NaiveDate, NaiveDateTime};

use super::OpsError;
use super::edit::{Edited, ensure_as_opened};
use super::links::LinkChanges;
use crate::domain::Invalid;
use crate::domain::decision::{
    Decision, DecisionDraft, DecisionRole, DecisionStatus, check_supersede,
};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::store::{Store, decisions, links, people};

/// A meeting named the way a user names it: a series and the start of one of its meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingRef {
    pub ritual_id: i64,
    pub original: NaiveDateTime,
}

/// Everything a new or edited decision holds besides its status history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInput {
    pub draft: DecisionDraft,
    /// The meeting it was made in; takes the place of `draft.occurrence_id` when given.
    pub meeting: Option<MeetingRef>,
    pub decided_by: Vec<i64>,
    pub consulted: Vec<i64>,
    /// The goals and risks it is linked to; None leaves the links as they are.
    pub links: Option<Vec<ObjectRef>>,
    /// What its form's Links field added and removed (any kind), applied in the same save.
    pub link_changes: LinkChanges,
}

impl DecisionInput {
    pub fn new(draft: DecisionDraft) -> Self {
        DecisionInput {
            draft,
            meeting: None,
            decided_by: Vec::new(),
            consulted: Vec::new(),
            links: None,
            link_changes: LinkChanges::default(),
        }
    }

    /// The stored decision's values, to apply changes on.
    pub fn of(d: &Decision) -> Self {
        DecisionInput {
            draft: DecisionDraft::from(&d.fields),
            meeting: None,
            decided_by: d.decided_by.clone(),
            consulted: d.consulted.clone(),
            links: None,
            link_changes: LinkChanges::default(),
        }
    }
}

pub fn list_decisions(store: &Store) -> Result<Vec<Decision>, OpsError> {
    Ok(decisions::list(store.conn())?)
}

pub fn get_decision(store: &Store, id: i64) -> Result<Decision, OpsError> {
    current(store.conn(), id)
}

fn current(conn: &rusqlite::Connection, id: i64) -> Result<Decision, OpsError> {
    decisions::get(conn, id)?.ok_or_else(|| {
        OpsError::NotFound(format!(
            "no decision with id {id} (see `bearing decision list`)"
        ))
    })
}

/// People named on a decision must exist; one person is in one role (deciding wins).
fn check_people(conn: &rusqlite::Connection, input: &mut DecisionInput) -> Result<(), OpsError> {
    input.decided_by.dedup();
    let decided = input.decided_by.clone();
    input.consulted.retain(|p| !decided.contains(p));
    input.consulted.dedup();
    for (field, ids) in [
        ("decided_by", &input.decided_by),
        ("consulted", &input.consulted),
    ] {
        for &id in ids {
            if people::get(conn, id)?.is_none() {
                return Err(Invalid::field(
                    field,
                    format!("no person with id {id} (see `bearing person list`)"),
                )
                .into());
            }
        }
    }
    Ok(())
}

/// Writes the people and the links to goals and risks, inside the caller's transaction.
fn place(
    tx: &rusqlite::Connection,
    id: i64,
    input: &DecisionInput,
    now: NaiveDateTime,
) -> Result<(), OpsError> {
    decisions::set_people(tx, id, DecisionRole::Consulted, &input.consulted)?;
    decisions::set_people(tx, id, DecisionRole::Decided, &input.decided_by)?;
    let Some(wanted) = &input.links else {
        return Ok(());
    };
    let me = ObjectRef::new(LinkKind::Decision, id);
    for r in wanted {
        if !matches!(r.kind, LinkKind::Goal | LinkKind::Risk) {
            return Err(Invalid::field(
                "links",
                format!(
                    "a decision links to goals and risks here, not to a {}",
                    r.kind
                ),
            )
            .into());
        }
        if !links::exists(tx, *r)? {
            return Err(Invalid::field(
                "links",
                format!(
                    "there is no {} with id {} (see `bearing {} list`)",
                    r.kind, r.id, r.kind
                ),
            )
            .into());
        }
    }
    for l in links::of(tx, me)? {
        if let Some(other) = l.other(me)
            && matches!(other.kind, LinkKind::Goal | LinkKind::Risk)
            && !wanted.contains(&other)
        {
            links::remove(tx, me, other)?;
        }
    }
    for r in wanted {
        links::add(tx, me, *r, now)?;
    }
    Ok(())
}

fn decision_ref(id: i64) -> ObjectRef {
    ObjectRef::new(LinkKind::Decision, id)
}

/// The goals and risks a decision is linked to.
pub fn linked(conn: &rusqlite::Connection, id: i64) -> Result<Vec<ObjectRef>, OpsError> {
    let me = ObjectRef::new(LinkKind::Decision, id);
    Ok(links::of(conn, me)?
        .into_iter()
        .filter_map(|l| l.other(me))
        .filter(|o| matches!(o.kind, LinkKind::Goal | LinkKind::Risk))
        .collect())
}

fn occurrence(tx: &rusqlite::Connection, input: &DecisionInput) -> Result<Option<i64>, OpsError> {
    match input.meeting {
        Some(m) => Ok(Some(super::rituals::occurrence_row(
            tx,
            m.ritual_id,
            m.original,
        )?)),
        None => Ok(input.draft.occurrence_id),
    }
}

/// Adds a decision inside the caller's transaction (a meeting's save adds several at once).
pub(super) fn insert(
    tx: &rusqlite::Connection,
    mut input: DecisionInput,
    supersedes: Option<i64>,
    now: NaiveDateTime,
) -> Result<i64, OpsError> {
    check_people(tx, &mut input)?;
    let mut draft = input.draft.clone();
    draft.occurrence_id = occurrence(tx, &input)?;
    let fields = draft.validate(None)?;
    let old = supersedes.map(|old| current(tx, old)).transpose();
    let old = old.map_err(|e| match e {
        OpsError::NotFound(m) => OpsError::Invalid(Invalid::field("supersedes", m)),
        other => other,
    })?;
    if let Some(old) = &old {
        check_supersede(old)?;
    }
    let id = decisions::insert(tx, &fields, now)?;
    place(tx, id, &input, now)?;
    super::links::apply(tx, decision_ref(id), &input.link_changes, now)?;
    if let Some(mut old) = old {
        old.fields.status = DecisionStatus::Superseded;
        old.fields.superseded_by = Some(id);
        decisions::update(tx, old.id, &old.fields, now)?;
    }
    Ok(id)
}

/// Adds a decision; with `supersedes`, the older record is marked superseded by it, in the same
/// transaction.
pub fn add_decision(
    store: &mut Store,
    input: DecisionInput,
    supersedes: Option<i64>,
    now: NaiveDateTime,
) -> Result<Decision, OpsError> {
    let id = store.write(|tx| insert(tx, input, supersedes, now))?;
    get_decision(store, id)
}

/// Saves edits to the text, date, meeting and people. The status is kept unless the input
/// changes it by an allowed step. With `opened` (the decision as the form showed it) the save is
/// refused when it changed since; the same values write nothing.
pub fn update_decision(
    store: &mut Store,
    id: i64,
    mut input: DecisionInput,
    opened: Option<&Decision>,
    now: NaiveDateTime,
) -> Result<Edited<Decision>, OpsError> {
    let changed = store.write(|tx| -> Result<bool, OpsError> {
        let before = current(tx, id)?;
        ensure_as_opened(|| format!("decision {id}"), &before, opened)?;
        check_people(tx, &mut input)?;
        let mut draft = input.draft.clone();
        draft.occurrence_id = occurrence(tx, &input)?;
        draft.status = before.fields.status.change_to(draft.status)?;
        let fields = draft.validate(before.fields.superseded_by)?;
        let same_links = match &input.links {
            None => true,
            Some(wanted) => {
                let mut now_linked = linked(tx, id)?;
                let mut wanted = wanted.clone();
                now_linked.sort_by_key(|r| (r.kind, r.id));
                wanted.sort_by_key(|r| (r.kind, r.id));
                wanted.dedup();
                now_linked == wanted
            }
        };
        let relinked = super::links::apply(tx, decision_ref(id), &input.link_changes, now)?;
        if fields == before.fields
            && input.decided_by == before.decided_by
            && input.consulted == before.consulted
            && same_links
        {
            return Ok(relinked);
        }
        decisions::update(tx, id, &fields, now)?;
        // A replacement rejected replaces nothing: the records it superseded stand again, as
        // when it is deleted (they stayed superseded by a rejected proposal, with nothing in
        // force and no step back).
        if fields.status == DecisionStatus::Rejected && before.fields.status != fields.status {
            decisions::release_superseded(tx, id)?;
        }
        place(tx, id, &input, now)?;
        Ok(true)
    })?;
    let value = get_decision(store, id)?;
    Ok(if changed {
        Edited::changed(value)
    } else {
        Edited::unchanged(value)
    })
}

/// Moves a decision to another status by an allowed step (`superseded` is refused: record the
/// replacement with `supersedes` instead).
pub fn set_status(
    store: &mut Store,
    id: i64,
    status: DecisionStatus,
    opened: Option<&Decision>,
    now: NaiveDateTime,
) -> Result<Edited<Decision>, OpsError> {
    let before = match opened {
        Some(d) => d.clone(),
        None => get_decision(store, id)?,
    };
    let mut input = DecisionInput::of(&before);
    input.draft.status = status;
    update_decision(store, id, input, Some(&before), now)
}

/// Deletes a decision and who was on it. The records it superseded stand again (accepted):
/// nothing replaces them any more. With `opened` (it as the confirmation showed it) the delete
/// is refused when it changed since: what another writer wrote into it is not deleted unseen.
pub fn delete_decision(
    store: &mut Store,
    id: i64,
    opened: Option<&Decision>,
) -> Result<Decision, OpsError> {
    store.write(|tx| -> Result<Decision, OpsError> {
        let gone = current(tx, id)?;
        // Its text, status and people as the question showed them.
        ensure_as_opened(|| format!("decision {id}"), &gone, opened)?;
        decisions::release_superseded(tx, id)?;
        decisions::delete(tx, id)?;
        Ok(gone)
    })
}

/// Proposals older than `days` days: the radar's "decision pending".
pub fn pending(store: &Store, today: NaiveDate, days: i64) -> Result<Vec<Decision>, OpsError> {
    Ok(list_decisions(store)?
        .into_iter()
        .filter(|d| d.pending_too_long(today, days))
        .collect())
}

#[cfg(test)]
#[path = "decisions_tests.rs"]
mod tests;
