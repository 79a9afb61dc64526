//! Finding an object by what a person types: its id, or its name (a person's name, a ritual's,
//! a goal's or a risk's title), ignoring case; a unique part of a name works too. An ambiguous
//! or unknown name is refused with the candidates, each with its id.

use crate::domain::Invalid;
use crate::ops::OpsError;

/// One object that a name may mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    /// False for an object replaced by a newer one (a ritual series that ended when its
    /// schedule changed): among several matches, the current ones win.
    pub current: bool,
}

impl Candidate {
    pub fn new(id: i64, name: impl Into<String>) -> Candidate {
        Candidate {
            id,
            name: name.into(),
            current: true,
        }
    }
}

/// How many names an "unknown" message lists before it stops.
const LISTED: usize = 12;

/// The id `query` means among `candidates` (all objects of one kind).
pub fn resolve(kind: &str, query: &str, candidates: &[Candidate]) -> Result<i64, OpsError> {
    let query = query.trim();
    let plural = super::plural(kind);
    if let Ok(id) = query.parse::<i64>() {
        return candidates
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.id)
            .ok_or_else(|| {
                OpsError::NotFound(format!(
                    "no {kind} with id {id} (see `bearing {kind} list`)"
                ))
            });
    }
    if query.is_empty() {
        return Err(Invalid::new(format!(
            "an empty name matches no {kind}: give an id or a name"
        ))
        .into());
    }
    let wanted = query.to_lowercase();
    let exact: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.name.to_lowercase() == wanted)
        .collect();
    if let Some(id) = one_of(&exact) {
        return Ok(id);
    }
    let partial: Vec<&Candidate> = if exact.is_empty() {
        candidates
            .iter()
            .filter(|c| c.name.to_lowercase().contains(&wanted))
            .collect()
    } else {
        exact
    };
    if let Some(id) = one_of(&partial) {
        return Ok(id);
    }
    if partial.is_empty() {
        let mut names: Vec<String> = candidates.iter().map(|c| c.name.clone()).collect();
        names.sort_by_key(|n| n.to_lowercase());
        names.dedup();
        return Err(OpsError::NotFound(match names.len() {
            0 => format!("no {kind} matches \"{query}\": there are no {plural} yet"),
            n if n <= LISTED => format!(
                "no {kind} matches \"{query}\"; known {plural}: {}",
                names.join(", ")
            ),
            n => format!(
                "no {kind} matches \"{query}\"; known {plural} include {} and {} more (see `bearing {kind} list`)",
                names[..LISTED].join(", "),
                n - LISTED
            ),
        }));
    }
    Err(OpsError::Ambiguous {
        query: query.to_string(),
        candidates: partial
            .iter()
            .map(|c| {
                let ended = if c.current { "" } else { ", ended" };
                format!("{} (id {}{ended})", c.name, c.id)
            })
            .collect(),
    })
}

/// The one match, or the one current match among several.
fn one_of(matches: &[&Candidate]) -> Option<i64> {
    match matches {
        [one] => Some(one.id),
        _ => {
            let current: Vec<&&Candidate> = matches.iter().filter(|c| c.current).collect();
            match current.as_slice() {
                [one] if matches.len() > 1 => Some(one.id),
                _ => None,
            }
        }
    }
}
