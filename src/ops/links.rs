//! Linking objects (`bearing link goal:3 risk:7`, the Links field of the forms) and reading an
//! object's links with the titles of the other ends.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::OpsError;
use crate::domain::Invalid;
use crate::domain::link::{LinkKind, ObjectRef, ends};
use crate::store::{Store, links};

/// One link seen from an object: the other end and its title (`{kind, id, title}` in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Linked {
    pub kind: LinkKind,
    pub id: i64,
    pub title: String,
}

impl Linked {
    pub fn object(&self) -> ObjectRef {
        ObjectRef::new(self.kind, self.id)
    }
}

fn missing(r: ObjectRef) -> OpsError {
    OpsError::NotFound(format!(
        "there is no {} with id {} (see `bearing {} list`); nothing was linked",
        r.kind,
        r.id,
        list_command(r.kind)
    ))
}

/// The command that lists objects of `kind`, for messages.
fn list_command(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Meeting => "ritual",
        other => other.into(),
    }
}

/// Links `x` and `y` as one journaled write. Both must exist and differ; true when the link is
/// new, false when they were linked already (nothing written).
pub fn link(
    store: &mut Store,
    x: ObjectRef,
    y: ObjectRef,
    now: NaiveDateTime,
) -> Result<bool, OpsError> {
    ends(x, y).map_err(OpsError::Invalid)?;
    store.write(|tx| -> Result<bool, OpsError> {
        for r in [x, y] {
            if !links::exists(tx, r)? {
                return Err(missing(r));
            }
        }
        Ok(links::add(tx, x, y, now)?)
    })
}

/// What a form's Links field changed on one object: links to add and links to remove. Applied
/// in the object's own save, as a change to the links as they are then: a link another writer
/// made or removed since the form opened is kept as they left it (merged, never lost).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkChanges {
    pub add: Vec<ObjectRef>,
    pub remove: Vec<ObjectRef>,
}

impl LinkChanges {
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }
}

/// Applies `changes` to `me`'s links inside the caller's transaction, with `bearing link`'s
/// checks: no link to itself, and the other end must exist (an object deleted since the form
/// opened refuses the whole save). A link there already is not added twice, and one gone
/// already is not an error. True when anything changed.
pub(crate) fn apply(
    tx: &rusqlite::Connection,
    me: ObjectRef,
    changes: &LinkChanges,
    now: NaiveDateTime,
) -> Result<bool, OpsError> {
    let mut changed = false;
    for &other in &changes.remove {
        changed |= links::remove(tx, me, other)?;
    }
    for &other in &changes.add {
        ends(me, other).map_err(|e| Invalid::field("links", e.message))?;
        if !links::exists(tx, other)? {
            return Err(Invalid::field(
                "links",
                format!(
                    "there is no {} with id {} any more (see `bearing {} list`); remove it \
                     from the links and save again",
                    other.kind,
                    other.id,
                    list_command(other.kind)
                ),
            )
            .into());
        }
        changed |= links::add(tx, me, other, now)?;
    }
    Ok(changed)
}

/// Removes the link between `x` and `y`; an error when they were not linked.
pub fn unlink(store: &mut Store, x: ObjectRef, y: ObjectRef) -> Result<(), OpsError> {
    ends(x, y).map_err(OpsError::Invalid)?;
    store.write(|tx| -> Result<(), OpsError> {
        if links::remove(tx, x, y)? {
            Ok(())
        } else {
            Err(OpsError::Invalid(Invalid::field(
                "link",
                format!("{x} and {y} are not linked; nothing was changed"),
            )))
        }
    })
}

/// Whether the object `r` names exists.
pub fn exists(store: &Store, r: ObjectRef) -> Result<bool, OpsError> {
    Ok(links::exists(store.conn(), r)?)
}

/// Everything `r` is linked to, oldest link first, with each other end's title.
pub fn links_of(store: &Store, r: ObjectRef) -> Result<Vec<Linked>, OpsError> {
    let conn = store.conn();
    let mut out = Vec::new();
    for l in links::of(conn, r)? {
        let Some(other) = l.other(r) else { continue };
        let title = links::title(conn, other)?.unwrap_or_default();
        out.push(Linked {
            kind: other.kind,
            id: other.id,
            title,
        });
    }
    Ok(out)
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
