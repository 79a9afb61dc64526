//! Links between objects: a goal a risk threatens, the decision an action carries out, the goals
//! a meeting reviewed. A link joins two objects named by kind and id ("goal:3"); it has no
//! direction, so it is stored once with its two ends in a fixed order. Deleting either object
//! removes the link and never the other object.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::Invalid;
use super::word::Word;

/// The kinds of object a link can join: a closed set, so no table name ever comes from data.
/// `meeting` is one meeting of a ritual (an occurrence); `action` is an action item.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum LinkKind {
    Person,
    Goal,
    Risk,
    Action,
    Meeting,
    Ritual,
    Decision,
    Metric,
}

impl Word for LinkKind {
    const FIELD: &'static str = "kind";
}

/// One object, by kind and id: "goal:3".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ObjectRef {
    pub kind: LinkKind,
    pub id: i64,
}

impl ObjectRef {
    pub fn new(kind: LinkKind, id: i64) -> Self {
        Self { kind, id }
    }
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind, self.id)
    }
}

impl FromStr for ObjectRef {
    type Err = Invalid;

    /// "goal:3", "Risk:7": a kind, a colon and a positive id; the error says what was expected.
    fn from_str(text: &str) -> Result<Self, Invalid> {
        let expected = || {
            Invalid::field(
                "link",
                format!(
                    "\"{}\" is not KIND:ID (e.g. goal:3); KIND is one of {}",
                    text.trim(),
                    super::word::one_of(&LinkKind::words())
                ),
            )
        };
        let (kind, id) = text.trim().split_once(':').ok_or_else(expected)?;
        let kind = LinkKind::parse(kind)?;
        let id: i64 = id.trim().parse().map_err(|_| expected())?;
        if id <= 0 {
            return Err(expected());
        }
        Ok(Self { kind, id })
    }
}

/// A stored link: `a` sorts before `b`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub id: i64,
    pub a: ObjectRef,
    pub b: ObjectRef,
    pub created_at: NaiveDateTime,
}

impl Link {
    /// The other end of the link, seen from `me`; None when `me` is not one of its ends.
    pub fn other(&self, me: ObjectRef) -> Option<ObjectRef> {
        if self.a == me {
            Some(self.b)
        } else if self.b == me {
            Some(self.a)
        } else {
            None
        }
    }
}

/// The two ends in storage order, or why they cannot be linked (an object with itself).
pub fn ends(x: ObjectRef, y: ObjectRef) -> Result<(ObjectRef, ObjectRef), Invalid> {
    match x.cmp(&y) {
        std::cmp::Ordering::Less => Ok((x, y)),
        std::cmp::Ordering::Greater => Ok((y, x)),
        std::cmp::Ordering::Equal => Err(Invalid::field(
            "link",
            format!("{x} cannot be linked with itself"),
        )),
    }
}

#[cfg(test)]
#[path = "link_tests.rs"]
mod tests;
