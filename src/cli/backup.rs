//! `bearing backup [PATH] [--force]` and `bearing restore FILE [--yes]`.

use std::path::Path;

use chrono::NaiveDateTime;

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
        let count = |n: i64, noun| crate::ops::markdown::plural(n as usize, noun);
        let question = format!(
            "Replace everything in {} with {} ({}, {}, {} in all)?\n{}\
             The current contents are backed up first. Type yes to go on: ",
            store.path().display(),
            file.display(),
            count(incoming.people, "person"),
            count(incoming.risks, "risk"),
            count(incoming.rows, "row"),
            age(incoming.newest_change, store.newest_change()?),
        );
        if !confirm(&question)? {
            return Err(CliError::usage(
                "Nothing was restored. Pass --yes to restore without the question (for scripts).",
            ));
        }
    }
    let done = backups::restore(&mut store, file, ctx.now())?;
    say!(
        "Restored {} from {} ({}). The contents it replaced are in {}.",
        store.path().display(),
        file.display(),
        crate::ops::markdown::plural(done.restored.rows as usize, "row"),
        done.safety_copy.display()
    )?;
    Ok(())
}

/// What the restore question says of the backup's age against the database's: an older
/// backup takes out what was changed since, which the user may have forgotten it holds.
fn age(backup: Option<NaiveDateTime>, database: Option<NaiveDateTime>) -> String {
    let when = |t: NaiveDateTime| t.format("%a %-d %b %Y %H:%M").to_string();
    match (backup, database) {
        (Some(b), Some(d)) if b < d => format!(
            "The backup is older: its newest change was made {}, and the database was changed \
             after that, last {}. Those changes go with the restore.\n",
            when(b),
            when(d)
        ),
        (Some(b), _) => format!("Its newest change was made {}.\n", when(b)),
        (None, Some(_)) => "The backup records no change; the database does.\n".into(),
        (None, None) => String::new(),
    }
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
