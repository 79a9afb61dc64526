//! `bearing backup [PATH] [--force]` and `bearing restore FILE [--yes]`.

use std::path::Path;

use super::output::ask;
use super::{CliError, Context};
use crate::ops::backups;

pub fn backup(ctx: &Context, dest: Option<&Path>, force: bool) -> Result<(), CliError> {
    let store = ctx.read()?;
    let target = backups::backup(&store, dest, force, ctx.now())?;
    say!(
        "Backed up {} to {}.",
        store.path().display(),
        target.display()
    )?;
    Ok(())
}

pub fn restore(ctx: &Context, file: &Path, yes: bool) -> Result<(), CliError> {
    let incoming = backups::inspect(file)?;
    let mut store = ctx.open_unjournaled()?;
    if !yes {
        let question = format!(
            "Replace everything in {} with {} ({} people, {} risks, {} rows in all)?\n\
             The current contents are backed up first. Type yes to go on: ",
            store.path().display(),
            file.display(),
            incoming.people,
            incoming.risks,
            incoming.rows
        );
        if !confirm(&question)? {
            return Err(CliError::usage(
                "Nothing was restored. Pass --yes to restore without the question (for scripts).",
            ));
        }
    }
    let done = backups::restore(&mut store, file, ctx.now())?;
    say!(
        "Restored {} from {} ({} rows). The contents it replaced are in {}.",
        store.path().display(),
        file.display(),
        done.restored.rows,
        done.safety_copy.display()
    )?;
    Ok(())
}

/// Asks on the terminal; without one (a script, a pipe) the answer is no.
pub(super) fn confirm(question: &str) -> Result<bool, CliError> {
    if !super::stdio::stdin_is_terminal() {
        return Ok(false);
    }
    ask(question);
    let answer = super::stdio::read_line()
        .map_err(|e| CliError::failure(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
