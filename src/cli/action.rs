//! `bearing action add|list|show|edit|delete|done|reopen`.

use clap::{Args, Subcommand};

use super::args::ListFormat;
use super::object::{self, DeleteArgs, ShowArgs, Tick, require_a_flag, retrying, set_or_clear};
use super::one_on_one::{self, person};
use super::topic::edited_text;
use super::{CliError, Context};
use crate::domain::Word;
use crate::domain::one_on_one::Owner;
use crate::ops::actions::{self, ActionChange};
use crate::ops::objects::Object;
use crate::ops::objects::action::{Action, ActionFilter};

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action item (TEXT "-" reads standard input)
    Add {
        /// Who it is with (id or name)
        #[arg(long)]
        person: Option<String>,
        /// Due date (2026-12-01, fri, +3d ...)
        #[arg(long)]
        due: String,
        /// Who owes it: me or them
        #[arg(long, default_value = "me")]
        owner: String,
        text: String,
        #[command(flatten)]
        links: super::link::LinkFlags,
    },
    /// List actions: open ones by default, by due date
    List(ActionListArgs),
    /// Show one action
    Show(ShowArgs),
    /// Change an action; only the flags given change
    Edit(ActionEditArgs),
    /// Delete an action
    Delete(DeleteArgs),
    /// Mark actions done
    Done {
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
    },
    /// Mark done actions open again
    Reopen {
        #[arg(value_name = "ID", required = true)]
        ids: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct ActionListArgs {
    /// Only actions with this person (id or name)
    #[arg(long, conflicts_with = "no_person")]
    pub person: Option<String>,
    /// Only actions tied to nobody
    #[arg(long)]
    pub no_person: bool,
    /// Only mine (me) or theirs (them)
    #[arg(long)]
    pub owner: Option<String>,
    /// Open ones (the default)
    #[arg(long, conflicts_with_all = ["done", "all"])]
    pub open: bool,
    /// Done ones instead of open ones
    #[arg(long, conflicts_with = "all")]
    pub done: bool,
    /// Open and done
    #[arg(long)]
    pub all: bool,
    /// Only open actions past their due date
    #[arg(long)]
    pub overdue: bool,
    /// Only actions due before this day (2026-12-01, fri, +1w ...)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due_before: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ActionEditArgs {
    #[arg(value_name = "ID")]
    pub id: String,
    /// The new text ("-" reads standard input)
    #[arg(long)]
    pub text: Option<String>,
    /// A new due date
    #[arg(
        long,
        value_name = "DATE",
        allow_hyphen_values = true,
        conflicts_with = "no_due"
    )]
    pub due: Option<String>,
    /// No due date
    #[arg(long)]
    pub no_due: bool,
    /// Who owes it: me or them
    #[arg(long)]
    pub owner: Option<String>,
    /// Who it is with (id or name)
    #[arg(long, conflicts_with = "no_person")]
    pub person: Option<String>,
    /// Tie it to nobody
    #[arg(long)]
    pub no_person: bool,
}

pub fn run(ctx: &Context, cmd: ActionCommand) -> Result<(), CliError> {
    match cmd {
        ActionCommand::Add {
            person,
            due,
            owner,
            text,
            links,
        } => one_on_one::add_action(ctx, person.as_deref(), &due, &owner, &text, &links),
        ActionCommand::List(args) => list(ctx, &args),
        ActionCommand::Show(args) => object::show::<Action>(ctx, &args),
        ActionCommand::Edit(args) => edit(ctx, &args),
        ActionCommand::Delete(args) => object::delete::<Action>(ctx, &args),
        ActionCommand::Done { ids } => tick(ctx, &ids, true),
        ActionCommand::Reopen { ids } => tick(ctx, &ids, false),
    }
}

fn owner(text: &str) -> Result<Owner, CliError> {
    Owner::parse(text).map_err(|e| CliError::usage(format!("--owner: {}", e.message)))
}

fn list(ctx: &Context, args: &ActionListArgs) -> Result<(), CliError> {
    let due_before = args
        .due_before
        .as_deref()
        .map(|d| ctx.date("--due-before", d))
        .transpose()?;
    let store = ctx.read()?;
    let person = set_or_clear(
        args.person
            .as_deref()
            .map(|p| person(&store, p))
            .transpose()?,
        args.no_person,
    )
    .map(|p| p.map(|p| p.id));
    let filter = ActionFilter {
        person,
        owner: args.owner.as_deref().map(owner).transpose()?,
        done: if args.all { None } else { Some(args.done) },
        overdue: args.overdue,
        due_before,
    };
    let filtered = filter.person.is_some()
        || filter.owner.is_some()
        || args.done
        || args.overdue
        || due_before.is_some();
    object::list::<Action>(ctx, &store, &filter, filtered, args.format)
}

fn edit(ctx: &Context, args: &ActionEditArgs) -> Result<(), CliError> {
    require_a_flag(&[
        ("--text", args.text.is_some()),
        ("--due", args.due.is_some()),
        ("--no-due", args.no_due),
        ("--owner", args.owner.is_some()),
        ("--person", args.person.is_some()),
        ("--no-person", args.no_person),
    ])?;
    let text = edited_text(args.text.as_deref())?;
    let due = set_or_clear(
        args.due
            .as_deref()
            .map(|d| ctx.date("--due", d))
            .transpose()?,
        args.no_due,
    );
    let new_owner = args.owner.as_deref().map(owner).transpose()?;
    let mut store = ctx.open_existing()?;
    let id = object::find::<Action>(&store, &args.id)?;
    let person_id = set_or_clear(
        args.person
            .as_deref()
            .map(|p| person(&store, p))
            .transpose()?,
        args.no_person,
    )
    .map(|p| p.map(|p| p.id));
    let saved = retrying(|| {
        let opened = Action::get(&store, id, ctx.now())?.action;
        let mut change = ActionChange::from(&opened);
        if let Some(t) = &text {
            change.body.clone_from(t);
        }
        if let Some(d) = due {
            change.due = d;
        }
        if let Some(o) = new_owner {
            change.owner = o;
        }
        if let Some(p) = person_id {
            change.person_id = p;
        }
        Ok(actions::update_action(
            &mut store,
            id,
            change,
            Some(&opened),
        ))
    })?;
    if saved.changed {
        say!("Updated action {id}.")
    } else {
        say!("Action {id} already has these values: nothing changed.")
    }
}

/// `action done|reopen ID…`: all in one transaction.
fn tick(ctx: &Context, ids: &[String], done: bool) -> Result<(), CliError> {
    let words = if done {
        Tick {
            noun: "action",
            changed: "Done",
            already: "already done",
        }
    } else {
        Tick {
            noun: "action",
            changed: "Open again",
            already: "already open",
        }
    };
    object::tick::<Action>(ctx, ids, &words, |store, ids, now| {
        actions::set_many_done(store, ids, done, now)
    })
}
