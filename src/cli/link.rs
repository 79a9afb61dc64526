//! `bearing link KIND:ID KIND:ID` and `bearing unlink KIND:ID KIND:ID`: join two objects (a goal
//! and the risk that threatens it, an action and the goal it advances) or take the link away.
//! `--goal`/`--risk` on the add commands link what they add.

use clap::Args;

use super::{CliError, Context};
use crate::domain::link::{LinkKind, ObjectRef};
use crate::ops::links;
use crate::store::Store;

/// The two ends, each KIND:ID.
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// One end, KIND:ID: person, goal, risk, action, meeting, ritual, decision or metric, e.g. goal:3
    #[arg(value_name = "KIND:ID")]
    pub a: String,
    /// The other end, e.g. risk:7
    #[arg(value_name = "KIND:ID")]
    pub b: String,
}

fn object(text: &str) -> Result<ObjectRef, CliError> {
    text.parse::<ObjectRef>()
        .map_err(|e| CliError::usage(e.message))
}

pub fn link(ctx: &Context, args: &LinkArgs) -> Result<(), CliError> {
    let (a, b) = (object(&args.a)?, object(&args.b)?);
    let mut store = ctx.open_existing()?;
    if links::link(&mut store, a, b, ctx.now())? {
        say!("Linked {a} and {b}.")
    } else {
        say!("{a} and {b} were linked already: nothing changed.")
    }
}

pub fn unlink(ctx: &Context, args: &LinkArgs) -> Result<(), CliError> {
    let (a, b) = (object(&args.a)?, object(&args.b)?);
    let mut store = ctx.open_existing()?;
    links::unlink(&mut store, a, b)?;
    say!("Unlinked {a} and {b}; both stay.")
}

/// `--goal ID` and `--risk ID` on the add commands (each may repeat).
#[derive(Debug, Args, Default)]
pub struct LinkFlags {
    /// Link it to this goal (an id; may repeat)
    #[arg(long = "goal", value_name = "ID")]
    pub goals: Vec<i64>,
    /// Link it to this risk (an id; may repeat)
    #[arg(long = "risk", value_name = "ID")]
    pub risks: Vec<i64>,
}

/// The goals and risks `--goal ID`/`--risk ID` name, checked to exist before anything is
/// saved (the flag is named in the error).
pub fn flagged_links(store: &Store, flags: &LinkFlags) -> Result<Vec<ObjectRef>, CliError> {
    let mut out = Vec::new();
    for (flag, kind, ids) in [
        ("--goal", LinkKind::Goal, &flags.goals),
        ("--risk", LinkKind::Risk, &flags.risks),
    ] {
        for &id in ids {
            let r = ObjectRef::new(kind, id);
            if !links::exists(store, r)? {
                return Err(CliError::usage(format!(
                    "{flag}: there is no {kind} with id {id} (see `bearing {kind} list`); \
                     nothing was saved"
                )));
            }
            // `--risk 1 --risk 1` is one link, said once.
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// Links the object just added to each of `to`.
pub fn link_added(
    ctx: &Context,
    store: &mut Store,
    added: ObjectRef,
    to: &[ObjectRef],
) -> Result<(), CliError> {
    for &other in to {
        links::link(store, added, other, ctx.now())?;
        say!("Linked {added} and {other}.")?;
    }
    Ok(())
}
