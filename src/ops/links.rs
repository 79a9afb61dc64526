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
